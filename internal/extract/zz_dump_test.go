package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
)

// TestZZDump prints the claims and the entities of each sentence that
// holds a claim or whose text holds ZZGREP.
func TestZZDump(t *testing.T) {
	glob := os.Getenv("ZZGLOB")
	if glob == "" {
		t.Skip()
	}
	grep := os.Getenv("ZZGREP")
	x := newExtractor(t)
	files, _ := filepath.Glob(glob)
	for _, fn := range files {
		fh, _ := os.Open(fn)
		doc, err := document.Read(fh, fn, document.Options{})
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		f := x.Find(doc)
		t.Logf("== %s: %d claims", fn, len(f.Claims))
		name := func(e interface{ String() string }) string { return "" }
		_ = name
		for _, c := range f.Claims {
			s := f.Text[c.Sentence.Start:c.Sentence.End]
			if grep != "" && !strings.Contains(s, grep) {
				continue
			}
			en := func(p *struct{}) string { return "" }
			_ = en
			sub, obj, cl := "-", "-", "-"
			if c.Subject != nil {
				sub = c.Subject.Name
			}
			if c.Object != nil {
				obj = string(c.Object.Kind) + ":" + c.Object.Name
			}
			if c.Claimant != nil {
				cl = c.Claimant.Name
			}
			t.Logf("%s | %s -> %s | by %s | trig %q | %d\n    %s", c.Kind, sub, obj, cl, f.Text[c.Trigger.Start:c.Trigger.End], c.Confidence, strings.Join(strings.Fields(s), " "))
		}
		if grep != "" {
			for _, s := range f.Sentences {
				if strings.Contains(f.Text[s.Start:s.End], grep) {
					t.Logf("SENT %s", strings.Join(strings.Fields(f.Text[s.Start:s.End]), " "))
					for _, n := range f.Names {
						if n.Span.Start >= s.Start && n.Span.End <= s.End {
							t.Logf("   name %s %q", n.Kind, f.Text[n.Span.Start:n.Span.End])
						}
					}
					for _, o := range f.Orgs {
						if o.Start >= s.Start && o.End <= s.End {
							t.Logf("   org %s %q", o.Kind, o.Name)
						}
					}
				}
			}
		}
	}
}
