// Package build makes dossier's embedded warning lists from the MISP
// warning lists in ../shared/data/misp-warninglists: it reads every
// lists/<name>/list.json, normalises the entries (lower-case names
// without leading or trailing dots, masked CIDR blocks, hashes cut to
// their first 64 bits) and merges them into one format.Data, with each
// value's lists as a bit set. `go generate ./internal/warninglists/`
// runs it through package gen.
package build

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/bits"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dossier-cti/dossier/internal/warninglists"
	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

// Dir is the warning lists' folder under the reference data folder.
const Dir = "misp-warninglists"

// Commit is the upstream commit the data folder's README.md must name:
// Build checks it, so that new data comes with a new look at the
// classification (update this constant and the README of this package).
const Commit = "84f0610aaf3b32159285c9b85510d0f415ea6b27"

// Inputs returns the paths, relative to the reference data folder, that
// Build reads and needs.
func Inputs() []string {
	return []string{filepath.Join(Dir, "README.md"), filepath.Join(Dir, "lists")}
}

// Stats says what Build kept and left out.
type Stats struct {
	Lists, Domains, Hashes, Regexes int
	IPs                             int                 // distinct CIDR blocks, dossier's own included
	Ranges                          int                 // the intervals they cut the address space into
	Skipped                         map[string][]string // list → entries that are not what the list's type says
}

type listFile struct {
	Name               string   `json:"name"`
	Version            uint64   `json:"version"`
	Description        string   `json:"description"`
	Type               string   `json:"type"`
	MatchingAttributes []string `json:"matching_attributes"`
	List               []string `json:"list"`
}

var hashAttributes = map[string]bool{"md5": true, "sha1": true, "sha224": true, "sha256": true, "sha512": true}

// Build reads the warning lists under dataDir (the reference data
// folder) and returns them merged.
func Build(dataDir string) (*format.Data, Stats, error) {
	st := Stats{Skipped: map[string][]string{}}
	readme, err := os.ReadFile(filepath.Join(dataDir, Dir, "README.md"))
	if err != nil {
		return nil, st, fmt.Errorf("build: %w", err)
	}
	if !bytes.Contains(readme, []byte(Commit)) {
		return nil, st, fmt.Errorf("build: %s/README.md no longer names commit %s: new data; review the classification in classify.go and update build.Commit", Dir, Commit)
	}
	dirs, err := filepath.Glob(filepath.Join(dataDir, Dir, "lists", "*", "list.json"))
	if err != nil {
		return nil, st, err
	}
	if len(dirs) == 0 {
		return nil, st, fmt.Errorf("build: no list.json under %s", filepath.Join(dataDir, Dir, "lists"))
	}
	slices.Sort(dirs)
	d := &format.Data{}
	domains := map[string]*format.Domain{}
	prefixes := map[netip.Prefix]uint64{}
	type hkey struct {
		size   uint8
		prefix uint64
	}
	hashes := map[hkey]uint64{}
	for _, path := range dirs {
		id := filepath.Base(filepath.Dir(path))
		if _, ok := warninglists.Class(id); !ok {
			return nil, st, fmt.Errorf("build: list %q is not classified: add it to classify.go as benign or context, with the reason", id)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, st, err
		}
		var lf listFile
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&lf); err != nil {
			return nil, st, fmt.Errorf("build: %s: %w", path, err)
		}
		i := len(d.Lists)
		if i >= format.MaxLists {
			return nil, st, fmt.Errorf("build: more than %d lists", format.MaxLists)
		}
		bit := uint64(1) << i
		attrs := slices.Clone(lf.MatchingAttributes)
		slices.Sort(attrs)
		d.Lists = append(d.Lists, format.List{ID: id, Name: lf.Name, Type: lf.Type, Version: lf.Version, Entries: uint64(len(lf.List)), Attributes: attrs})
		isHash := slices.ContainsFunc(attrs, func(a string) bool { return hashAttributes[a] })
		for _, raw := range lf.List {
			e := strings.TrimSpace(raw)
			switch {
			case lf.Type == "regex":
				d.Regexes = append(d.Regexes, format.Regex{List: i, Pattern: e})
			case lf.Type == "cidr":
				p, err := parsePrefix(e)
				if err != nil {
					st.Skipped[id] = append(st.Skipped[id], raw)
					continue
				}
				prefixes[p] |= bit
			case isHash:
				h, err := hex.DecodeString(e)
				if err != nil || len(h) < 8 {
					st.Skipped[id] = append(st.Skipped[id], raw) // "3::": the ssdeep of the empty file
					continue
				}
				hashes[hkey{uint8(len(h)), binary.BigEndian.Uint64(h[:8])}] |= bit
			default:
				name := strings.ToLower(strings.TrimSuffix(e, "."))
				subtree := lf.Type != "string" || strings.HasPrefix(name, ".")
				name = strings.TrimLeft(name, ".")
				if name == "" || strings.ContainsAny(name, " /@:") {
					st.Skipped[id] = append(st.Skipped[id], raw)
					continue
				}
				x := domains[name]
				if x == nil {
					x = &format.Domain{Name: name}
					domains[name] = x
				}
				if subtree {
					x.Subtree |= bit
				} else {
					x.Exact |= bit
				}
			}
		}
	}
	// dossier's own lists, numbered after the published ones, merged in
	// here so that loading merges nothing.
	own := warninglists.BuiltinEntries(len(d.Lists))
	d.Own = warninglists.BuiltinFingerprint()
	for name, m := range own.Names {
		x := domains[name]
		if x == nil {
			x = &format.Domain{Name: name}
			domains[name] = x
		}
		x.Subtree |= m
	}
	for p, m := range own.Blocks {
		prefixes[p] |= m
	}
	for _, x := range domains {
		d.Domains = append(d.Domains, *x)
	}
	slices.SortFunc(d.Domains, func(a, b format.Domain) int { return strings.Compare(format.Reverse(a.Name), format.Reverse(b.Name)) })
	st.IPs = len(prefixes)
	d.Ranges = intervals(prefixes)
	for k, m := range hashes {
		d.Hashes = append(d.Hashes, format.Hash{Size: k.size, Prefix: k.prefix, Lists: m})
	}
	slices.SortFunc(d.Hashes, func(a, b format.Hash) int {
		if a.Size != b.Size {
			return int(a.Size) - int(b.Size)
		}
		if a.Prefix < b.Prefix {
			return -1
		}
		if a.Prefix > b.Prefix {
			return 1
		}
		return 0
	})
	st.Lists, st.Domains, st.Ranges, st.Hashes, st.Regexes = len(d.Lists), len(d.Domains), len(d.Ranges), len(d.Hashes), len(d.Regexes)
	return d, st, nil
}

// parsePrefix reads a CIDR block or a single address, masked.
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.IndexByte(s, '/') < 0 {
		a, err := netip.ParseAddr(s)
		if err != nil {
			return netip.Prefix{}, err
		}
		return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return p.Masked(), nil
}

// intervals cuts the address space of each family at every boundary of
// the blocks, each interval with the lists whose blocks cover it:
// what a look-up searches, so that loading builds nothing and one binary
// search answers for all the blocks however they nest. Adjacent
// intervals with the same lists are one.
func intervals(prefixes map[netip.Prefix]uint64) []format.Range {
	var e4 []event[uint32]
	var e6 []event[[2]uint64]
	for p, m := range prefixes {
		if p.Addr().Is4() {
			lo := format.V4Key(p.Addr())
			hi := lo | uint32(uint64(1)<<(32-p.Bits())-1)
			e4 = append(e4, event[uint32]{lo, m, 1})
			if hi != ^uint32(0) {
				e4 = append(e4, event[uint32]{hi + 1, m, -1})
			}
			continue
		}
		lo, hi := format.V6Span(p)
		e6 = append(e6, event[[2]uint64]{lo, m, 1})
		if hi != [2]uint64{^uint64(0), ^uint64(0)} {
			next := hi
			next[1]++
			if next[1] == 0 {
				next[0]++
			}
			e6 = append(e6, event[[2]uint64]{next, m, -1})
		}
	}
	var out []format.Range
	for _, r := range sweep(e4) {
		var a [4]byte
		binary.BigEndian.PutUint32(a[:], r.at)
		out = append(out, format.Range{Start: netip.AddrFrom4(a), Lists: r.lists})
	}
	for _, r := range sweep(e6) {
		var a [16]byte
		binary.BigEndian.PutUint64(a[:8], r.at[0])
		binary.BigEndian.PutUint64(a[8:], r.at[1])
		out = append(out, format.Range{Start: netip.AddrFrom16(a), Lists: r.lists})
	}
	return out
}

type event[K uint32 | [2]uint64] struct {
	at    K
	lists uint64
	delta int32
}

// sweep returns the intervals of a family from the start (+1) and
// end-plus-one (-1) events of its blocks: each interval's start (in
// .at) and lists, the first at the family's first address.
func sweep[K uint32 | [2]uint64](evs []event[K]) []event[K] {
	// The order of events at one address does not matter: the lists are
	// those with a positive count after all of them.
	slices.SortFunc(evs, func(a, b event[K]) int { return compare(a.at, b.at) })
	var out []event[K]
	var zero K
	var count [64]int32
	var cur uint64
	for i := 0; i < len(evs); {
		at := evs[i].at
		for ; i < len(evs) && compare(evs[i].at, at) == 0; i++ {
			for m := evs[i].lists; m != 0; m &= m - 1 {
				b := bits.TrailingZeros64(m)
				count[b] += evs[i].delta
				if count[b] > 0 {
					cur |= 1 << b
				} else {
					cur &^= 1 << b
				}
			}
		}
		if len(out) > 0 && out[len(out)-1].lists == cur {
			continue
		}
		if len(out) == 0 && at != zero {
			out = append(out, event[K]{at: zero})
		}
		out = append(out, event[K]{at: at, lists: cur})
	}
	return out
}

// compare orders two keys.
func compare[K uint32 | [2]uint64](a, b K) int {
	switch x := any(a).(type) {
	case uint32:
		return cmp.Compare(x, any(b).(uint32))
	case [2]uint64:
		y := any(b).([2]uint64)
		if c := cmp.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return cmp.Compare(x[1], y[1])
	}
	panic("unreachable")
}
