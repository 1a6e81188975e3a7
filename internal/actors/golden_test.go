package actors

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden is the part of an answer a golden file pins: enough to see in a
// diff when resolution changes, without every source date.
type golden struct {
	Query       string   `json:"query"`
	Name        string   `json:"name,omitempty"`
	ID          string   `json:"id,omitempty"`
	ExternalID  string   `json:"external_id,omitempty"`
	Sponsor     string   `json:"sponsor,omitempty"` // "IR (stated: ...)" or "IR (inferred)"
	Family      string   `json:"family,omitempty"`
	Aliases     []string `json:"aliases,omitempty"` // "name <- sources"
	Overlaps    []string `json:"overlaps,omitempty"`
	Disputes    []string `json:"disputes,omitempty"`
	Candidates  []string `json:"candidates,omitempty"`
	Techniques  int      `json:"techniques,omitempty"`
	Suggestions []string `json:"suggestions,omitempty"`
}

func toGolden(a *Answer) golden {
	g := golden{Query: a.Query, Suggestions: a.Suggestions}
	if a.Family != nil {
		g.Family = a.Family.Word
	}
	for _, c := range a.Candidates {
		g.Candidates = append(g.Candidates, c.Name+" ("+c.ID+")")
	}
	ac := a.Actor
	if ac == nil {
		return g
	}
	g.Name, g.ID, g.ExternalID = ac.Name, ac.ID, ac.ExternalID
	if ac.Family != nil {
		g.Family = ac.Family.Word
	}
	if s := ac.Sponsor; s != nil {
		var names []string
		for _, src := range s.Sources {
			names = append(names, src.Name)
		}
		how := "stated"
		if s.Inferred {
			how = "inferred"
		}
		g.Sponsor = s.Country + " (" + how + ": " + strings.Join(names, "; ") + ")"
	}
	for _, al := range ac.Aliases {
		var names []string
		for _, src := range al.Sources {
			names = append(names, src.Name)
		}
		g.Aliases = append(g.Aliases, al.Name+" <- "+strings.Join(names, "; "))
	}
	for _, o := range ac.Overlaps {
		g.Overlaps = append(g.Overlaps, o.Name+": "+o.Note)
	}
	g.Disputes = ac.Disputes
	g.Techniques = len(ac.Techniques)
	return g
}

var unsafeName = regexp.MustCompile(`[^a-z0-9]+`)

// TestGolden resolves real actors from the built-in knowledge pack across
// vendors' names (Iranian, Russian, Chinese and North Korean groups),
// Microsoft-family-only names and a typo, and compares with
// testdata/golden. Run go test -update to rewrite after a reviewed change.
func TestGolden(t *testing.T) {
	pack, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	b.AddPack(pack)
	g := b.Build()
	queries := []string{
		// Iran
		"Mint Sandstorm", "charming kitten", "APT42", "Peach Sandstorm", "Cotton Sandstorm", "Storm-2035", "sefid flood",
		// Russia
		"Fancy Bear", "Midnight Blizzard", "Seashell Blizzard",
		// China
		"Volt Typhoon", "APT41",
		// North Korea
		"Diamond Sleet", "Kimsuky",
		// Microsoft family only, and nothing at all
		"Zebra Sandstorm", "Storm 9999", "Mint Sandstrom",
	}
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(toGolden(g.Resolve(q))); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", "golden", strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(q), "-"), "-")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Resolve(%q) differs from %s (go test -update rewrites it):\n%s", q, path, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w := strings.Split(want, "\n")
	gl := strings.Split(got, "\n")
	in := func(ls []string) map[string]bool {
		m := map[string]bool{}
		for _, l := range ls {
			m[l] = true
		}
		return m
	}
	wm, gm := in(w), in(gl)
	var out []string
	for _, l := range w {
		if !gm[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range gl {
		if !wm[l] {
			out = append(out, "+ "+l)
		}
	}
	sort.Stable(sort.StringSlice(out))
	return strings.Join(out, "\n")
}
