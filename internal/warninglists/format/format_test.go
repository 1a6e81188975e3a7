package format

import (
	"bytes"
	"fmt"
	"net/netip"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// sample returns a small Data with every part: names over several
// blocks, ranges of both families (an IPv4-mapped start among them),
// hashes of two sizes, a regex.
func sample() *Data {
	d := &Data{
		Lists: []List{{ID: "a", Name: "A", Type: "hostname", Version: 3, Entries: 40, Attributes: []string{"domain"}}, {ID: "b", Name: "B", Type: "regex", Attributes: []string{"email-src", "url"}}},
		Own:   0x1234567890abcdef,
		Ranges: []Range{
			{netip.MustParseAddr("0.0.0.0"), 0}, {netip.MustParseAddr("10.0.0.0"), 1}, {netip.MustParseAddr("11.0.0.0"), 0},
			{netip.MustParseAddr("::"), 0}, {netip.MustParseAddr("::ffff:0:0"), 2}, {netip.MustParseAddr("2001:db8::"), 3}, {netip.MustParseAddr("2001:db9::"), 0},
		},
		Hashes:  []Hash{{16, 1, 1}, {16, 7, 2}, {32, 5, 3}},
		Regexes: []Regex{{1, "/^abuse@/i"}},
	}
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("host%d.example.com", i), fmt.Sprintf("x%d.org", i))
	}
	names = append(names, "com", "org", "example.com")
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(Reverse(a), Reverse(b)) })
	for i, n := range names {
		d.Domains = append(d.Domains, Domain{n, uint64(i % 3), uint64(i % 5)})
	}
	return d
}

// TestRoundTrip checks that Decode returns what Encode was given and
// that encoding it again gives the same bytes.
func TestRoundTrip(t *testing.T) {
	d := sample()
	b, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("Decode(Encode(d)) = %+v\nwant %+v", got, d)
	}
	again, err := Encode(got)
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("Encode(Decode(b)) differs from b (%v)", err)
	}
}

// TestFind checks Names.Find for every name and for keys between them.
func TestFind(t *testing.T) {
	d := sample()
	b, _ := Encode(d)
	tab, err := Open(b)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range d.Domains {
		r := Reverse(x.Name)
		if j, ok := tab.Names.Find([]byte(r)); !ok || j != i {
			t.Errorf("Find(%q) = %d, %v; want %d, true", r, j, ok, i)
		}
		for _, k := range []string{r + "x", r[:len(r)-1], r + ".", "\x00" + r, r[:len(r)-1] + "\xff"} {
			if j, ok := tab.Names.Find([]byte(k)); ok && Reverse(d.Domains[j].Name) != k {
				t.Errorf("Find(%q) = %d, true: a name the table lacks", k, j)
			}
		}
	}
}

// TestEncodeRefuses checks that Encode refuses what it cannot write.
func TestEncodeRefuses(t *testing.T) {
	for name, change := range map[string]func(d *Data){
		"unsorted names":  func(d *Data) { d.Domains[0], d.Domains[1] = d.Domains[1], d.Domains[0] },
		"unsorted ranges": func(d *Data) { d.Ranges[1], d.Ranges[2] = d.Ranges[2], d.Ranges[1] },
		"IPv4 after IPv6": func(d *Data) { d.Ranges = append(d.Ranges, Range{netip.MustParseAddr("1.2.3.4"), 1}) },
		"unsorted hashes": func(d *Data) { d.Hashes[0], d.Hashes[1] = d.Hashes[1], d.Hashes[0] },
		"long name":       func(d *Data) { d.Domains = []Domain{{Name: strings.Repeat("a", 256)}} },
		"too many lists":  func(d *Data) { d.Lists = make([]List, MaxLists+1) },
		"regex of no list": func(d *Data) {
			d.Regexes[0].List = 5
		},
	} {
		d := sample()
		change(d)
		if _, err := Encode(d); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestOpenRefusesCorruption checks that every truncation of the data,
// any change to its header and a trailing byte are errors.
func TestOpenRefusesCorruption(t *testing.T) {
	b, err := Encode(sample())
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(b) {
		if _, err := Open(b[:n]); err == nil {
			t.Errorf("Open of the first %d of %d bytes: no error", n, len(b))
		}
	}
	for i := range headerSize {
		bad := bytes.Clone(b)
		bad[i] ^= 0x40
		if _, err := Open(bad); err == nil {
			t.Errorf("Open with header byte %d changed: no error", i)
		}
	}
	if _, err := Open(append(bytes.Clone(b), 0)); err == nil {
		t.Error("Open with a trailing byte: no error")
	}
}
