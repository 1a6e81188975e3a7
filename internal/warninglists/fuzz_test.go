package warninglists

import (
	"net/netip"
	"testing"

	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

// FuzzOpen checks that data format.Open accepts never makes a look-up
// panic or read outside it, whatever the data says: Open checks the
// offsets and indices, and the look-ups trust nothing else (the order
// of the tables only makes their answers right).
func FuzzOpen(f *testing.F) {
	d := &format.Data{
		Lists:   []format.List{{ID: "x", Type: "hostname"}},
		Domains: []format.Domain{{Name: "org", Subtree: 1}, {Name: "com", Subtree: 1}, {Name: "example.com", Exact: 1}, {Name: "a.example.com", Exact: 1}},
		Ranges:  []format.Range{{Start: netip.MustParseAddr("0.0.0.0"), Lists: 0}, {Start: netip.MustParseAddr("10.0.0.0"), Lists: 1}, {Start: netip.MustParseAddr("::"), Lists: 0}, {Start: netip.MustParseAddr("fe80::"), Lists: 1}},
		Hashes:  []format.Hash{{Size: 16, Prefix: 5, Lists: 1}},
	}
	b, err := format.Encode(d)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, "a.example.com", uint64(0x0a000001), uint64(5))
	f.Add(listsBin[:4096], "www.google.com", uint64(0), uint64(0))
	f.Fuzz(func(t *testing.T, b []byte, name string, k, h uint64) {
		tab, err := format.Open(b)
		if err != nil {
			return
		}
		var key []byte
		for i := len(name) - 1; i >= 0; i-- {
			key = append(key, name[i])
		}
		dt := domainTable{tab.Names, tab.Masks}
		for n := len(key); n >= 0; n-- {
			dt.get(key[:n])
		}
		v4 := v4Ranges{tab.V4Starts, tab.V4Masks, tab.Masks}
		v6 := v6Ranges{tab.V6High, tab.V6Low, tab.V6Masks, tab.Masks}
		v4.at(uint32(k))
		v4.all(uint32(k>>32), uint32(k))
		v6.at([2]uint64{k, h})
		v6.all([2]uint64{h, k}, [2]uint64{k, h})
		lk := &lookup{masks: tab.Masks}
		for size, s := range tab.Hashes {
			lk.hashes[size] = hashSet{s.Prefixes, s.Masks}
		}
		for _, hs := range []string{"0123456789abcdef0123456789abcdef", string(binaryHex(h)) + "0123456789abcdef"} {
			lk.hash(hs)
		}
	})
}

// binaryHex returns h in 16 hex digits.
func binaryHex(h uint64) []byte {
	const digits = "0123456789abcdef"
	out := make([]byte, 16)
	for i := 15; i >= 0; i-- {
		out[i] = digits[h&15]
		h >>= 4
	}
	return out
}
