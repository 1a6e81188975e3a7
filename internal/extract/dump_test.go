package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
)

// TestDump is a tool for writing claim rules, not a check: with
// DOSSIER_DUMP set to a glob of files (relative to this package's folder,
// or absolute), it prints every claim Find makes on them, one per line
// with its subject, object, claimant, trigger and confidence, then its
// sentence. With DOSSIER_DUMP_GREP set too, it prints only the claims of
// sentences that hold that text, and for each such sentence its names
// and organisations:
//
//	DOSSIER_DUMP='testdata/corpus/05*.md' DOSSIER_DUMP_GREP='close links' \
//	DOSSIER_SHARED_DATA=... go test ./internal/extract/ -run TestDump -v
func TestDump(t *testing.T) {
	glob := os.Getenv("DOSSIER_DUMP")
	if glob == "" {
		t.Skip("set DOSSIER_DUMP to a glob of files to print their claims")
	}
	grep := os.Getenv("DOSSIER_DUMP_GREP")
	files, err := filepath.Glob(glob)
	if err != nil || len(files) == 0 {
		t.Fatalf("DOSSIER_DUMP=%q matches no file (%v)", glob, err)
	}
	x := newExtractor(t)
	oneLine := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, fn := range files {
		fh, err := os.Open(fn)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := document.Read(fh, fn, document.Options{})
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", fn, err)
		}
		f := x.Find(doc)
		t.Logf("== %s: %d claims", fn, len(f.Claims))
		for _, c := range f.Claims {
			s := f.Text[c.Sentence.Start:c.Sentence.End]
			if grep != "" && !strings.Contains(s, grep) {
				continue
			}
			sub, obj, by := "-", "-", "-"
			if c.Subject != nil {
				sub = c.Subject.Name
			}
			if c.Object != nil {
				obj = string(c.Object.Kind) + ":" + c.Object.Name
			}
			if c.Claimant != nil {
				by = c.Claimant.Name
			}
			t.Logf("%s | %s -> %s | by %s | trigger %q | %d\n    %s", c.Kind, sub, obj, by, f.Text[c.Trigger.Start:c.Trigger.End], c.Confidence, oneLine(s))
		}
		if grep == "" {
			continue
		}
		for _, s := range f.Sentences {
			if !strings.Contains(f.Text[s.Start:s.End], grep) {
				continue
			}
			t.Logf("sentence: %s", oneLine(f.Text[s.Start:s.End]))
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
