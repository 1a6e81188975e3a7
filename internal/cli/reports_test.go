package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/extract"
)

// TestActorInTwoReports: an actor named in two reports is one object in
// the store, and each report lists its own mentions of it with the quote,
// while the actor object itself carries no evidence (only its creator may
// version it).
func TestActorInTwoReports(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", "--source", "Joint Election Security Center", statement)
	second := filepath.Join(t.TempDir(), "note.txt")
	const sentence = "Microsoft said Mint Sandstorm sent phishing e-mails to campaign staff in June 2024."
	if err := os.WriteFile(second, []byte("Campaign security note\n\n"+sentence+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.mustRun("ingest", "--source", "Campaign IT", second)

	var bundle struct {
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal([]byte(r.mustRun("export", "--format", "stix").stdout), &bundle); err != nil {
		t.Fatal(err)
	}
	var actorIDs []string
	var reports []map[string]any
	for _, o := range bundle.Objects {
		switch o["type"] {
		case "intrusion-set":
			names := []string{o["name"].(string)}
			if al, ok := o["aliases"].([]any); ok {
				for _, a := range al {
					names = append(names, a.(string))
				}
			}
			if slices.Contains(names, "Mint Sandstorm") {
				actorIDs = append(actorIDs, o["id"].(string))
				ext, _ := o["extensions"].(map[string]any)
				if _, ok := ext[extract.EvidenceExtensionID]; ok {
					t.Errorf("%s carries dossier's evidence: only reports and claims may", o["id"])
				}
			}
		case "report":
			reports = append(reports, o)
		}
	}
	if len(actorIDs) != 1 {
		t.Fatalf("Mint Sandstorm is %d intrusion sets in the store, want one: %v", len(actorIDs), actorIDs)
	}
	if len(reports) != 2 {
		t.Fatalf("%d reports, want 2", len(reports))
	}
	for _, rep := range reports {
		refs, _ := rep["object_refs"].([]any)
		if !slices.Contains(refs, any(actorIDs[0])) {
			t.Errorf("report %q does not refer to %s", rep["name"], actorIDs[0])
		}
		ext, _ := rep["extensions"].(map[string]any)
		ev, _ := ext[extract.EvidenceExtensionID].(map[string]any)
		mentions, _ := ev["mentions"].([]any)
		found := false
		for _, m := range mentions {
			m := m.(map[string]any)
			if m["object_ref"] == actorIDs[0] {
				found = true
				if q, _ := m["quote"].(string); !strings.Contains(q, "Sandstorm") && !strings.Contains(q, "APT42") && !strings.Contains(q, "Charming Kitten") {
					t.Errorf("report %q: mention of the actor quotes %q", rep["name"], q)
				}
			}
		}
		if !found {
			t.Errorf("report %q has no mention of %s", rep["name"], actorIDs[0])
		}
	}
}
