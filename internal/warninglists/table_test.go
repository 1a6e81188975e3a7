package warninglists

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

// openNames encodes names (with masks 1<<i exact and 1<<(i%7) subtree)
// and returns their table as Check reads it.
func openNames(t *testing.T, names []string) *domainTable {
	t.Helper()
	_, tab := encodeNames(t, names)
	return &domainTable{tab.Names, tab.Masks}
}

// encodeNames encodes names as openNames does and returns the data and
// its tables.
func encodeNames(t *testing.T, names []string) ([]byte, *format.Tables) {
	t.Helper()
	d := &format.Data{}
	for i, n := range names {
		d.Domains = append(d.Domains, format.Domain{Name: n, Exact: 1 << (i % 64), Subtree: 1 << (i % 7)})
	}
	b, err := format.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := format.Open(b)
	if err != nil {
		t.Fatal(err)
	}
	return b, tab
}

func reversed(s string) []byte { return []byte(format.Reverse(s)) }

// TestDomainTable checks that every name of a table is found with its
// masks, and that names it lacks are not: those between, before and
// after its names, their prefixes and extensions.
func TestDomainTable(t *testing.T) {
	names := []string{"com", "a.com", "b.com", "ab.com", "example.com", "www.example.com", "xample.com", "example.org", "org", "test", "é.com", "\xff", "a.b.c.d.e.f.g.h", "b.c.d.e.f.g.h"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		var b strings.Builder
		for j := range 1 + r.IntN(4) {
			if j > 0 {
				b.WriteByte('.')
			}
			for range 1 + r.IntN(6) {
				b.WriteByte("abcxyz-9"[r.IntN(8)])
			}
		}
		names = append(names, b.String())
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(format.Reverse(a), format.Reverse(b)) })
	names = slices.Compact(names)
	tab := openNames(t, names)
	want := map[string][2]uint64{}
	for i, n := range names {
		want[n] = [2]uint64{1 << (i % 64), 1 << (i % 7)}
	}
	for i, n := range names {
		ex, sub, ok := tab.get(reversed(n))
		if !ok || ex != want[n][0] || sub != want[n][1] {
			t.Errorf("get(%q) = %x, %x, %v; want %x, %x, true", n, ex, sub, ok, want[n][0], want[n][1])
		}
		for _, other := range []string{n + "x", "x" + n, n[1:], n[:len(n)-1], n + ".", "." + n, strings.ToUpper(n), fmt.Sprint(i)} {
			if _, found := want[other]; found {
				continue
			}
			if ex, sub, ok := tab.get(reversed(other)); ok {
				t.Errorf("get(%q) = %x, %x, true: a name the table lacks", other, ex, sub)
			}
		}
	}
	for _, other := range []string{"", "\x00", "\xff\xff", "zzzz", "a"} {
		if _, found := want[other]; !found {
			if _, _, ok := tab.get(reversed(other)); ok {
				t.Errorf("get(%q) found a name the table lacks", other)
			}
		}
	}
	if _, _, ok := openNames(t, nil).get(reversed("com")); ok {
		t.Error("an empty table holds com")
	}
}

// TestBuiltinMerged checks that the embedded tables hold dossier's own
// lists' entries with their bits (the generator merges them in), names
// the published lists hold too included.
func TestBuiltinMerged(t *testing.T) {
	tab := tables()
	n := len(tab.lists) - ownLists
	own := BuiltinEntries(n)
	for name, m := range own.Names {
		_, sub, ok := tab.domains.get(reversed(name))
		if !ok || sub&m != m {
			t.Errorf("%s: subtree lists %x, want %x among them", name, sub, m)
		}
	}
	for p, m := range own.Blocks {
		var got uint64
		if p.Addr().Is4() {
			lo := format.V4Key(p.Addr())
			got = tab.v4.all(lo, lo|uint32(uint64(1)<<(32-p.Bits())-1))
		} else {
			got = tab.v6.all(format.V6Span(p)) // ::ffff:0:0/96 too, which prefix would read as 0.0.0.0/0
		}
		if got&m != m {
			t.Errorf("%s: lists %x, want %x among them", p, got, m)
		}
	}
	if ex, _, _ := tab.domains.get(reversed("example.com")); ex == 0 {
		t.Error("example.com: no exact lists: rfc6761's entry lost in the merge")
	}
}

// TestStaleBuiltin checks that tables made from other entries of
// dossier's own lists than special.go's are refused, saying what to run.
func TestStaleBuiltin(t *testing.T) {
	tab, err := format.Open(listsBin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newLookup(tab); err != nil {
		t.Fatalf("the embedded tables: %v", err)
	}
	tab.Own ^= 1
	if _, err := newLookup(tab); err == nil || !strings.Contains(err.Error(), "go generate") {
		t.Errorf("tables with another fingerprint: error %v, want one saying to run go generate", err)
	}
}

// TestEmbeddedLists opens the embedded tables with every check of each
// entry, which load leaves out (format.OpenTrusted), and checks that
// both read the same tables; and that the checks left out are the
// entries': a name block cut short passes OpenTrusted, not Open.
func TestEmbeddedLists(t *testing.T) {
	full, err := format.Open(listsBin)
	if err != nil {
		t.Fatalf("the embedded tables fail a full check: %v", err)
	}
	trusted, err := format.OpenTrusted(listsBin)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(full, trusted) {
		t.Errorf("Open and OpenTrusted read the embedded tables differently")
	}
	b, tab := encodeNames(t, []string{"a.example", "b.example"})
	// The second name's length, past the block's end (Open does not
	// copy: the name bytes are where they lie in b).
	at := bytes.Index(b, tab.Names.Bytes) + 2 + int(tab.Names.Bytes[1]) + 1
	bad := slices.Clone(b)
	bad[at] = 200
	if _, err := format.Open(bad); err == nil {
		t.Errorf("Open took a name that runs past its block")
	}
	if _, err := format.OpenTrusted(bad); err != nil {
		t.Errorf("OpenTrusted checked the names after all: %v", err)
	}
}
