package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// actorOut is the documented JSON shape of dossier actor NAME --json.
type actorOut struct {
	Query   string  `json:"query"`
	ID      *string `json:"id"`
	Name    *string `json:"name"`
	Aliases []struct {
		Name    string `json:"name"`
		Sources []struct {
			Kind, Name, Ref string
		} `json:"sources"`
	} `json:"aliases"`
	Overlaps []struct {
		Name, ID string
		Sources  []struct{ Kind, Name string } `json:"sources"`
	} `json:"overlaps"`
	Sponsor *struct {
		Country  string `json:"country"`
		Name     string `json:"name"`
		Inferred bool   `json:"inferred"`
		Sources  []struct{ Name string }
	} `json:"sponsor"`
	Family     *string  `json:"family"`
	Techniques []string `json:"techniques"`
	Campaigns  []string `json:"campaigns"`
	Reports    []struct{ ID, Name string }
	Candidates []struct {
		ID, Name string
		Why      []string
	} `json:"candidates"`
	Disputes    []string `json:"disputes"`
	Suggestions []string `json:"suggestions"`
}

func (r *runner) actorJSON(args ...string) (actorOut, result) {
	r.t.Helper()
	res := r.run(append([]string{"actor", "--json"}, args...)...)
	var out actorOut
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		r.t.Fatalf("actor --json %v: %v\n%s\n%s", args, err, res.stdout, res.stderr)
	}
	return out, res
}

func TestActorWithoutDatabase(t *testing.T) {
	r := newRunner(t) // the database file does not exist: the built-in pack answers
	res := r.run("actor", "Mint Sandstorm")
	for _, want := range []string{"Magic Hound  (G0059)", "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13", "Iran (IR)", "Sandstorm", "APT35", "Charming Kitten", "T1566"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("actor Mint Sandstorm lacks %q:\n%s", want, res.stdout)
		}
	}
	if res.code != 0 {
		t.Errorf("exit %d: %s", res.code, res.stderr)
	}

	out, res := r.actorJSON("charming kitten")
	if res.code != 0 || out.ID == nil || *out.ID != "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13" || *out.Name != "Magic Hound" {
		t.Fatalf("charming kitten --json: exit %d, %+v", res.code, out)
	}
	var aliases []string
	for _, a := range out.Aliases {
		aliases = append(aliases, a.Name)
		if len(a.Sources) == 0 {
			t.Errorf("alias %q has no sources", a.Name)
		}
	}
	for _, want := range []string{"APT35", "Mint Sandstorm", "TA453", "Charming Kitten"} {
		if !slices.Contains(aliases, want) {
			t.Errorf("aliases %v lack %q", aliases, want)
		}
	}
	if out.Sponsor == nil || out.Sponsor.Country != "IR" || out.Sponsor.Inferred {
		t.Errorf("sponsor %+v, want IR stated", out.Sponsor)
	}
	if out.Family == nil || *out.Family != "Sandstorm" {
		t.Errorf("family %v, want Sandstorm", out.Family)
	}
	if !slices.Contains(out.Techniques, "T1566.002") {
		t.Errorf("techniques %v lack T1566.002", out.Techniques)
	}
	if len(out.Candidates) < 2 || out.Candidates[1].Name != "Charming Kitten" || len(out.Candidates[1].Why) == 0 {
		t.Errorf("candidates %+v, want the galaxy's separate Charming Kitten with why", out.Candidates)
	}
	if len(out.Overlaps) == 0 || len(out.Disputes) == 0 {
		t.Errorf("overlaps %d, disputes %d: the galaxy's disagreement must show", len(out.Overlaps), len(out.Disputes))
	}

	// Known only by its Microsoft family.
	out, res = r.actorJSON("Zebra Sandstorm")
	if res.code != 0 || out.ID != nil || out.Family == nil || *out.Family != "Sandstorm" || out.Sponsor == nil || !out.Sponsor.Inferred || out.Sponsor.Country != "IR" {
		t.Errorf("Zebra Sandstorm: exit %d, %+v", res.code, out)
	}
	res = r.run("actor", "Storm-9999")
	if res.code != 0 || !strings.Contains(res.stdout, "unknown group; Microsoft family Storm") {
		t.Errorf("Storm-9999: exit %d\n%s", res.code, res.stdout)
	}
	// Nothing at all: exit 1 with suggestions.
	res = r.run("actor", "Mint Sandstrom")
	if res.code != ExitError || !strings.Contains(res.stderr, "Mint Sandstorm") {
		t.Errorf("a typo: exit %d, stderr %q", res.code, res.stderr)
	}
	out, res = r.actorJSON("Mint Sandstrom")
	if res.code != ExitError || len(out.Suggestions) == 0 {
		t.Errorf("a typo with --json: exit %d, %+v", res.code, out)
	}
}

func TestActorList(t *testing.T) {
	r := newRunner(t)
	res := r.mustRun("actor", "--list", "--country", "IR", "--json")
	var list []struct {
		ID, Name string
		Sponsor  struct{ Country string }
	}
	if err := json.Unmarshal([]byte(res.stdout), &list); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name)
		if e.Sponsor.Country != "IR" {
			t.Errorf("%s has sponsor %s in a list of Iranian actors", e.Name, e.Sponsor.Country)
		}
	}
	for _, want := range []string{"Magic Hound", "APT42", "OilRig", "Storm-2035", "Sefid Flood"} {
		if !slices.Contains(names, want) {
			t.Errorf("actor --list --country IR lacks %s (%d actors)", want, len(names))
		}
	}
	if slices.Contains(names, "Lazarus Group") {
		t.Errorf("actor --list --country IR includes Lazarus Group")
	}
	if res := r.run("actor", "--list", "--country", "Iran"); res.code != ExitError {
		t.Errorf("--country Iran (not a code): exit %d", res.code)
	}
}

func TestActorLinks(t *testing.T) {
	r := newRunner(t)
	r.env["USER"] = "jdoe"
	for _, bad := range [][]string{
		{"actor", "link", "Storm-2035", "Cotton Sandstorm", "--overlap"},
		{"actor", "link", "Storm-2035", "Cotton Sandstorm", "--source", "x"},
		{"actor", "link", "Storm-2035", "--same", "--source", "x"},
	} {
		if res := r.run(bad...); res.code != ExitError {
			t.Errorf("dossier %v: exit %d, want 1", bad, res.code)
		}
	}
	res := r.mustRun("actor", "link", "Storm-2035", "Cotton Sandstorm", "--overlap", "--source", "our election report")
	if !strings.Contains(res.stdout, "recorded") {
		t.Errorf("link: %s", res.stdout)
	}
	out, _ := r.actorJSON("Storm-2035")
	found := false
	for _, o := range out.Overlaps {
		if o.Name == "Cotton Sandstorm" {
			for _, s := range o.Sources {
				if s.Kind == "analyst" && strings.Contains(s.Name, "jdoe") && strings.Contains(s.Name, "our election report") {
					found = true
				}
			}
		}
	}
	if !found {
		t.Errorf("Storm-2035 overlaps %+v, want Cotton Sandstorm per analyst jdoe", out.Overlaps)
	}
	// A name no source knows, linked as the same actor as APT42.
	r.mustRun("actor", "link", "Storm-9999", "APT42", "--same", "--source", "case 17", "--as", "Ann Analyst")
	out, res = r.actorJSON("storm 9999")
	if res.code != 0 || out.Name == nil || *out.Name != "APT42" {
		t.Errorf("Storm-9999 after a same link: exit %d, %+v", res.code, out.Name)
	}
	// The links are STIX relationships in the store, created by the analyst.
	if res := r.mustRun("search", "analyst", "--json"); !strings.Contains(res.stdout, "jdoe") {
		t.Errorf("the analyst identity is not stored: %s", res.stdout)
	}
	// Withdraw the overlap.
	res = r.mustRun("actor", "unlink", "Storm-2035", "Cotton Sandstorm")
	if !strings.Contains(res.stdout, "withdrew 1 link") {
		t.Errorf("unlink: %s", res.stdout)
	}
	out, _ = r.actorJSON("Storm-2035")
	for _, o := range out.Overlaps {
		if o.Name == "Cotton Sandstorm" {
			t.Errorf("a withdrawn link still shows: %+v", o)
		}
	}
	if res := r.run("actor", "unlink", "Storm-2035", "Cotton Sandstorm"); res.code != ExitError {
		t.Errorf("unlink twice: exit %d", res.code)
	}
}

func TestActorWithStore(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", examples)
	res := r.mustRun("actor", "APT1")
	for _, want := range []string{"APT1  (G0006)", "Comment Crew", "reports (1)", "APT1: Exposing One of China's Cyber Espionage Units"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("actor APT1 with the examples ingested lacks %q:\n%s", want, res.stdout)
		}
	}
}

// TestActorIdentity: an operation a report attributes to a firm makes an
// actor named for the firm, attributed-to the firm's identity, which is
// located-at the country the report gives it. dossier actor says who the
// actor is, with the country when the report gave one and none when it
// did not (a city is not read as a country).
func TestActorIdentity(t *testing.T) {
	r := newRunner(t)
	report := filepath.Join(t.TempDir(), "takedown.txt")
	const text = "Quarterly takedown note\n\n" +
		"We removed a network of fake accounts that targeted voters in Moldova. We attributed the network to the Social Design Agency, a Russian company.\n\n" +
		"We found links between a second network and STOIC, a political marketing firm in Tel Aviv. STOIC ran the fake accounts.\n"
	if err := os.WriteFile(report, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r.mustRun("ingest", "--source", "Example Platform", report)

	out := r.mustRun("actor", "Social Design Agency").stdout
	if !strings.Contains(out, "identity    Social Design Agency, an organization located in Russia (RU), per dossier's threat-actor \"Social Design Agency\"") {
		t.Errorf("dossier actor does not say the firm and its country:\n%s", out)
	}
	if strings.Contains(out, "sponsor") {
		t.Errorf("a firm's country is no sponsor:\n%s", out)
	}
	var ans struct {
		Identities []struct {
			Name    string `json:"name"`
			Class   string `json:"identity_class"`
			Country string `json:"country"`
			ID      string `json:"id"`
		} `json:"identities"`
	}
	if err := json.Unmarshal([]byte(r.mustRun("actor", "--json", "STOIC").stdout), &ans); err != nil {
		t.Fatal(err)
	}
	if len(ans.Identities) != 1 || ans.Identities[0].Name != "STOIC" || ans.Identities[0].Class != "organization" ||
		ans.Identities[0].Country != "" || !strings.HasPrefix(ans.Identities[0].ID, "identity--") {
		t.Errorf("STOIC's identities = %+v, want the organization STOIC with no country (Tel Aviv is a city)", ans.Identities)
	}
}
