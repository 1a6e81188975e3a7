package ioc

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The labelled corpus: real report texts and two written ones, each with
// <name>.expected.json listing, by hand, every indicator a careful analyst
// would extract (see testdata/corpus/README.md). The scores compare sets
// of (kind, value) per text.
var corpusDir = envOr("IOC_CORPUS", "testdata/corpus")

// Floors, set just under what Scan reaches: a change that costs
// precision or recall fails here.
const (
	minPrecision = 0.995
	minRecall    = 0.995
	minF1        = 0.995
	minKindF1    = 0.97 // for every kind with at least 5 expected values
)

type expectedFile struct {
	Indicators []struct {
		Kind     Kind   `json:"kind"`
		Value    string `json:"value"`
		Defanged bool   `json:"defanged"`
		Platform string `json:"platform"`
		Account  string `json:"account"`
	} `json:"indicators"`
	Negatives []string `json:"negatives"`
}

type kv struct {
	kind  Kind
	value string
}

// corpus returns the texts of the labelled corpus, by file name.
func corpus(tb testing.TB) map[string]string {
	tb.Helper()
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		tb.Fatal(err)
	}
	texts := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".json") || name == "README.md" || e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			tb.Fatal(err)
		}
		texts[name] = string(b)
	}
	return texts
}

func TestCorpusPrecisionRecall(t *testing.T) {
	texts := corpus(t)
	if len(texts) < 12 && corpusDir == "testdata/corpus" {
		t.Fatalf("the corpus has %d texts, want at least 12", len(texts))
	}
	type counts struct{ tp, fp, fn int }
	perKind := map[Kind]*counts{}
	get := func(k Kind) *counts {
		if perKind[k] == nil {
			perKind[k] = &counts{}
		}
		return perKind[k]
	}
	var total counts
	defangErrors, socialErrors, negativeHits := 0, 0, 0
	names := make([]string, 0, len(texts))
	for name := range texts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		text := texts[name]
		var exp expectedFile
		expPath := filepath.Join(corpusDir, strings.TrimSuffix(name, filepath.Ext(name))+".expected.json")
		b, err := os.ReadFile(expPath)
		if err != nil {
			t.Fatalf("%s has no expected file: %v", name, err)
		}
		if err := json.Unmarshal(b, &exp); err != nil {
			t.Fatalf("%s: %v", expPath, err)
		}
		want := map[kv]bool{}
		wantDefanged := map[kv]bool{}
		for _, e := range exp.Indicators {
			k := kv{e.Kind, e.Value}
			if want[k] {
				t.Errorf("%s lists %s %q twice", expPath, e.Kind, e.Value)
			}
			want[k] = true
			wantDefanged[k] = e.Defanged
		}
		matches := Scan(text)
		got := map[kv]bool{}
		gotDefanged := map[kv]bool{}
		for _, m := range matches {
			k := kv{m.Kind, m.Value}
			got[k] = true
			gotDefanged[k] = gotDefanged[k] || m.Defanged
			for _, neg := range exp.Negatives {
				if m.Value == neg || text[m.Start:m.End] == neg {
					negativeHits++
					t.Errorf("%s: hard negative %q reported as %s", name, neg, m.Kind)
				}
			}
		}
		for k := range want {
			if got[k] {
				get(k.kind).tp++
				total.tp++
				if gotDefanged[k] != wantDefanged[k] {
					defangErrors++
					t.Logf("%s: %s %q: Defanged %v, want %v", name, k.kind, k.value, gotDefanged[k], wantDefanged[k])
				}
			} else {
				get(k.kind).fn++
				total.fn++
				t.Logf("%s: missed %s %q", name, k.kind, k.value)
			}
		}
		for k := range got {
			if !want[k] {
				get(k.kind).fp++
				total.fp++
				t.Logf("%s: false positive %s %q", name, k.kind, k.value)
			}
		}
		for _, e := range exp.Indicators {
			if e.Kind != Social {
				continue
			}
			for _, m := range matches {
				if m.Kind == Social && m.Value == e.Value && (m.Platform != e.Platform || m.Account != e.Account) {
					socialErrors++
					t.Errorf("%s: %s: platform %q account %q, want %q %q", name, e.Value, m.Platform, m.Account, e.Platform, e.Account)
				}
			}
		}
	}
	prf := func(c counts) (p, r, f float64) {
		p, r = 1, 1
		if c.tp+c.fp > 0 {
			p = float64(c.tp) / float64(c.tp+c.fp)
		}
		if c.tp+c.fn > 0 {
			r = float64(c.tp) / float64(c.tp+c.fn)
		}
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		return p, r, f
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-10s %5s %4s %4s %9s %7s %6s\n", "kind", "tp", "fp", "fn", "precision", "recall", "F1")
	for _, k := range Kinds {
		c := perKind[k]
		if c == nil {
			continue
		}
		p, r, f := prf(*c)
		fmt.Fprintf(&table, "%-10s %5d %4d %4d %9.3f %7.3f %6.3f\n", k, c.tp, c.fp, c.fn, p, r, f)
		if c.tp+c.fn >= 5 && f < minKindF1 {
			t.Errorf("%s: F1 %.3f below the floor %.2f", k, f, minKindF1)
		}
	}
	p, r, f := prf(total)
	fmt.Fprintf(&table, "%-10s %5d %4d %4d %9.3f %7.3f %6.3f\n", "all", total.tp, total.fp, total.fn, p, r, f)
	t.Logf("%d texts; defanged flag disagreements: %d; social platform/account errors: %d; hard negatives reported: %d\n%s",
		len(texts), defangErrors, socialErrors, negativeHits, table.String())
	if p < minPrecision || r < minRecall || f < minF1 {
		t.Errorf("precision %.3f recall %.3f F1 %.3f, below the floors %.2f %.2f %.2f", p, r, f, minPrecision, minRecall, minF1)
	}
	if defangErrors > 0 {
		t.Errorf("%d values with the wrong Defanged flag", defangErrors)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
