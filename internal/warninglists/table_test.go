package warninglists

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

// TestCompareReversed checks compareReversed against comparing the
// reversals.
func TestCompareReversed(t *testing.T) {
	names := []string{"", "a", "b", "ab", "ba", "com", "a.com", "b.com", "example.com", "xample.com", "www.example.com", "example.org", "é.com", "\xff"}
	for _, a := range names {
		for _, b := range names {
			if got, want := compareReversed(a, b), strings.Compare(format.Reverse(a), format.Reverse(b)); got != want {
				t.Errorf("compareReversed(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestDomainTable checks that the names added to the table (dossier's
// own lists) keep it sorted, OR their masks into names the lists already
// hold, and are found with the others; and that unsorted data is refused.
func TestDomainTable(t *testing.T) {
	ds := []format.Domain{{Name: "b.com", Exact: 1}, {Name: "example.com", Subtree: 2}, {Name: "example.org", Exact: 4}}
	slices.SortFunc(ds, func(a, b format.Domain) int { return strings.Compare(format.Reverse(a.Name), format.Reverse(b.Name)) })
	more := map[string]domainMasks{"example.com": {subtree: 8}, "test": {subtree: 16}, "a.com": {exact: 32}, "zzz.org": {subtree: 64}}
	tab, err := newDomainTable(slices.Clone(ds), more)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSortedFunc(tab, func(a, b format.Domain) int { return compareReversed(a.Name, b.Name) }) || len(tab) != 6 {
		t.Fatalf("table %v: not sorted, or not 6 names", tab)
	}
	for name, want := range map[string]domainMasks{"b.com": {exact: 1}, "example.com": {subtree: 2 | 8}, "example.org": {exact: 4}, "test": {subtree: 16}, "a.com": {exact: 32}, "zzz.org": {subtree: 64}} {
		if got, ok := tab.get(name); !ok || got != want {
			t.Errorf("get(%q) = %v, %v; want %v", name, got, ok, want)
		}
	}
	if _, ok := tab.get("c.com"); ok {
		t.Error("get(c.com) found a name no list holds")
	}
	if _, err := newDomainTable([]format.Domain{{Name: "b.com"}, {Name: "a.com"}}, nil); err == nil {
		t.Error("unsorted names accepted")
	}
}
