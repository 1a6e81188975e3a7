package warninglists

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"net/netip"
	"slices"

	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

// ranges is the CIDR table: the address space cut into intervals at
// every block boundary, each interval with the set of lists whose blocks
// cover it, so that overlapping blocks of many lists answer in one binary
// search whatever their number and nesting. Interval i covers
// [starts[i], starts[i+1]). K is uint32 for IPv4 and [2]uint64 (high,
// low) for IPv6.
type ranges[K uint32 | [2]uint64] struct {
	starts []K
	masks  []uint64
}

// at returns the lists covering address k.
func (r *ranges[K]) at(k K) uint64 {
	i := r.index(k)
	if i < 0 {
		return 0
	}
	return r.masks[i]
}

// all returns the lists covering every address from lo to hi.
func (r *ranges[K]) all(lo, hi K) uint64 {
	i := r.index(lo)
	if i < 0 {
		return 0
	}
	m := r.masks[i]
	for j := i + 1; j < len(r.starts) && compare(r.starts[j], hi) <= 0 && m != 0; j++ {
		m &= r.masks[j]
	}
	return m
}

// index returns the interval holding k, or -1.
func (r *ranges[K]) index(k K) int {
	lo, hi := 0, len(r.starts) // the answer is the last start <= k
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if compare(r.starts[mid], k) <= 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

// compare orders two keys. The type switch is resolved at compile time
// for each of the two instantiations.
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

type event[K uint32 | [2]uint64] struct {
	at    K
	lists uint64
	delta int32
}

// sweep builds a table from the start (+1) and end-plus-one (-1) events
// of blocks.
func sweep[K uint32 | [2]uint64](evs []event[K]) ranges[K] {
	slices.SortStableFunc(evs, func(a, b event[K]) int { return compare(a.at, b.at) })
	r := ranges[K]{starts: make([]K, 0, len(evs)+1), masks: make([]uint64, 0, len(evs)+1)}
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
		if len(r.masks) > 0 && r.masks[len(r.masks)-1] == cur {
			continue
		}
		if len(r.starts) == 0 && at != zero {
			r.starts, r.masks = append(r.starts, zero), append(r.masks, 0)
		}
		r.starts, r.masks = append(r.starts, at), append(r.masks, cur)
	}
	return r
}

// buildRanges builds the IPv4 and IPv6 tables.
func buildRanges(ps []format.Prefix) (ranges[uint32], ranges[[2]uint64]) {
	e4 := make([]event[uint32], 0, 2*len(ps))
	var e6 []event[[2]uint64]
	for _, p := range ps {
		pre := p.Prefix.Masked()
		if pre.Addr().Is4() {
			b := pre.Addr().As4()
			lo := binary.BigEndian.Uint32(b[:])
			hi := lo | uint32(uint64(1)<<(32-pre.Bits())-1)
			e4 = append(e4, event[uint32]{lo, p.Lists, 1})
			if hi != ^uint32(0) {
				e4 = append(e4, event[uint32]{hi + 1, p.Lists, -1})
			}
			continue
		}
		lo, hi := v6span(pre)
		e6 = append(e6, event[[2]uint64]{lo, p.Lists, 1})
		if hi != [2]uint64{^uint64(0), ^uint64(0)} {
			next := hi
			next[1]++
			if next[1] == 0 {
				next[0]++
			}
			e6 = append(e6, event[[2]uint64]{next, p.Lists, -1})
		}
	}
	return sweep(e4), sweep(e6)
}

// v6span returns the first and last addresses of an IPv6 block.
func v6span(p netip.Prefix) (lo, hi [2]uint64) {
	b := p.Addr().As16()
	lo = [2]uint64{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
	hi = lo
	switch host := 128 - p.Bits(); {
	case host == 128:
		hi = [2]uint64{^uint64(0), ^uint64(0)}
	case host >= 64:
		hi[0] |= 1<<(host-64) - 1
		hi[1] = ^uint64(0)
	default:
		hi[1] |= 1<<host - 1
	}
	return lo, hi
}
