package extract_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// TestDeterministic extracts the corpus texts, as one report, with two
// recognisers built separately (map order differs between them as it does
// between runs) and several times with each, and wants the same findings
// and the same STIX bytes every time: stages run concurrently and ties
// between candidates must not follow scheduling or map order. Each
// object's JSON must be the encoding of its properties.
func TestDeterministic(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*")
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, ".json") })
	var sb strings.Builder
	sb.WriteString(shareddata.Join(t, "\n\n", files...))
	// Words two dictionary forms match, which once tied.
	sb.WriteString("Officials in the UK. blamed the U.S. Agencies in the USA. and the U.K. agreed with the US.\n")
	doc := &document.Document{Text: sb.String(), Format: document.FormatText}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var first string
	for i := range 6 {
		x := newExtractor(t)
		for j := range 2 {
			f := x.Find(doc)
			bun, err := extract.Build(f, extract.BuildOptions{Now: now})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := json.NewEncoder(&out).Encode([]any{f.Sentences, f.Names, f.Orgs, f.Claims, f.Observables}); err != nil {
				t.Fatal(err)
			}
			for _, o := range bun.Objects {
				// The report's JSON is encoded on its own, in pieces: it
				// must be what its properties encode to.
				if i == 0 && j == 0 && !bytes.Equal(o.Raw, o.Props.AppendJSON(nil)) {
					t.Fatalf("%s: Raw is not the encoding of Props", o.ID)
				}
				out.Write(o.Raw)
				out.WriteByte('\n')
			}
			if i == 0 && j == 0 {
				first = out.String()
				continue
			}
			if got := out.String(); got != first {
				k := firstDiff(got, first)
				t.Fatalf("recogniser %d, run %d: the output differs from the first run's at byte %d: %q, first %q", i, j, k, got[max(0, k-200):min(len(got), k+200)], first[max(0, k-200):min(len(first), k+200)])
			}
		}
	}
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
