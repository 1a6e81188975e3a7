package extract_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
)

// TestResolveActor: --actor takes any vendor's name the alias graph knows
// and a name of a naming scheme no source knows yet, and refuses anything
// else, so that a misspelt name never becomes an actor.
func TestResolveActor(t *testing.T) {
	x := newExtractor(t)
	for _, tc := range []struct {
		name, want string
		new        bool
	}{
		{"APT33", "APT33", false},
		{"  Peach Sandstorm ", "APT33", false}, // Microsoft's name for it
		{"Magic Hound", "Magic Hound", false},
		{"Storm-9999", "Storm-9999", true},
	} {
		n, err := x.ResolveActor(tc.name)
		if err != nil {
			t.Errorf("%q: %v", tc.name, err)
			continue
		}
		if n.Name != tc.want || n.New != tc.new || !tc.new && !strings.HasPrefix(n.ID, "intrusion-set--") {
			t.Errorf("%q: got %+v, want %s (new %v)", tc.name, n, tc.want, tc.new)
		}
	}
	for _, bad := range []string{"", "APT3333x", "election officials", "APT33 and APT34", strings.Repeat("A", 300), "APT33\nAPT34"} {
		if n, err := x.ResolveActor(bad); err == nil {
			t.Errorf("%.30q: got %+v, want an error", bad, n)
		}
	}
}

// TestAssertedActor: with BuildOptions.Actor every indicator of the report
// that no sentence ties to an actor indicates the analyst's actor, in a
// relationship the analyst creates (whose identity the bundle holds), with
// the indicator's mentions as evidence and a description that says whose
// word it is; a value the text already ties to an actor keeps that claim
// alone, and benign values make none.
func TestAssertedActor(t *testing.T) {
	x := newExtractor(t)
	text := "Type,Value,Note\nDomain,boeing.servehttp[.]com,C2\nIP,185.244.129[.]79,C2\nDomain,www.google.com,connectivity check\n" +
		"Domain,update-check[.]net,APT34 C2 server\n"
	doc, err := document.Read(strings.NewReader(text), "APT33.csv", document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := x.Find(doc)
	actor, err := x.ResolveActor("APT33")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	bun, err := extract.Build(f, extract.BuildOptions{Publisher: "Unit 42", Now: now, Actor: &extract.AssertedActor{Actor: actor, Analyst: "alice"}})
	if err != nil {
		t.Fatal(err)
	}
	analyst := actors.AnalystIdentityID("alice")
	apt34, err := x.ResolveActor("APT34")
	if err != nil {
		t.Fatal(err)
	}
	actorNames := map[string]string{actor.ID: "APT33", apt34.ID: "APT34"} // the pack's objects: Build without a Lookup only refers to them
	byID := map[string]map[string]any{}
	for _, o := range append(bun.Objects, bun.Report) {
		byID[o.ID] = map[string]any{"type": o.Type}
		for _, k := range []string{"name", "source_ref", "target_ref", "created_by_ref", "relationship_type", "description"} {
			if v, ok := o.Props.GetString(k); ok {
				byID[o.ID][k] = v
			}
		}
	}
	if byID[analyst] == nil || byID[analyst]["type"] != "identity" {
		t.Fatalf("the analyst's identity %s is not in the bundle", analyst)
	}
	var got []string
	for _, o := range bun.Objects {
		if o.Type != "relationship" {
			continue
		}
		if rt, _ := o.Props.GetString("relationship_type"); rt != "indicates" {
			continue
		}
		p := byID[o.ID]
		who := "publisher"
		if p["created_by_ref"] == analyst {
			who = "alice"
			if d, _ := p["description"].(string); !strings.Contains(d, "alice asserted") || !strings.Contains(d, "APT33") {
				t.Errorf("description %q does not say it is alice's word", d)
			}
			ev := o.Props.Get("extensions")
			if ev == nil || !strings.Contains(string(ev.AppendJSON(nil)), `"quote":"`) {
				t.Errorf("%s: no evidence quoting the indicator's row", o.ID)
			}
		}
		src, _ := byID[p["source_ref"].(string)]["name"].(string)
		got = append(got, who+": "+src+" -> "+actorNames[p["target_ref"].(string)])
	}
	slices.Sort(got)
	want := []string{
		"alice: 185.244.129.79 -> APT33",
		"alice: boeing.servehttp.com -> APT33",
		"publisher: update-check.net -> APT34",
	}
	if !slices.Equal(got, want) {
		t.Errorf("indicates:\n got %q\nwant %q", got, want)
	}
	if bun.Asserted != 2 {
		t.Errorf("Asserted = %d, want 2", bun.Asserted)
	}

	// Without the option, nothing of the kind.
	plain, err := extract.Build(f, extract.BuildOptions{Publisher: "Unit 42", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range plain.Objects {
		if o.ID == analyst {
			t.Error("the analyst's identity is in a bundle built without --actor")
		}
	}
}
