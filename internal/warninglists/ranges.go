package warninglists

import (
	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

// v4Ranges and v6Ranges are the CIDR tables as the embedded data holds
// them (the generator, package build, makes them): the address space cut
// into intervals at every block boundary, each interval with the set of
// lists whose blocks cover it, so that overlapping blocks of many lists
// answer in one binary search whatever their number and nesting.
// Interval i covers [start(i), start(i+1)); the first starts at the
// family's first address.
type v4Ranges struct {
	starts format.U32s
	masks  format.U16s // indices into dict
	dict   []uint64
}

type v6Ranges struct {
	high, low format.U64s // the halves of the starts
	masks     format.U16s
	dict      []uint64
}

func (r *v4Ranges) start(i int) uint32 { return r.starts.At(i) }

// after returns whether k is at or after start i.
func (r *v6Ranges) after(k [2]uint64, i int) bool {
	h := r.high.At(i)
	return h < k[0] || (h == k[0] && r.low.At(i) <= k[1])
}

// index returns the interval holding k, or -1.
func (r *v4Ranges) index(k uint32) int {
	lo, hi := 0, r.masks.Len() // the answer is the last start <= k
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if r.start(mid) <= k {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

func (r *v6Ranges) index(k [2]uint64) int {
	lo, hi := 0, r.masks.Len()
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if r.after(k, mid) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

// at returns the lists covering address k.
func (r *v4Ranges) at(k uint32) uint64 {
	if i := r.index(k); i >= 0 {
		return r.dict[r.masks.At(i)]
	}
	return 0
}

func (r *v6Ranges) at(k [2]uint64) uint64 {
	if i := r.index(k); i >= 0 {
		return r.dict[r.masks.At(i)]
	}
	return 0
}

// all returns the lists covering every address from lo to hi.
func (r *v4Ranges) all(lo, hi uint32) uint64 {
	i := r.index(lo)
	if i < 0 {
		return 0
	}
	m := r.dict[r.masks.At(i)]
	for j := i + 1; j < r.masks.Len() && r.start(j) <= hi && m != 0; j++ {
		m &= r.dict[r.masks.At(j)]
	}
	return m
}

func (r *v6Ranges) all(lo, hi [2]uint64) uint64 {
	i := r.index(lo)
	if i < 0 {
		return 0
	}
	m := r.dict[r.masks.At(i)]
	for j := i + 1; j < r.masks.Len() && r.after(hi, j) && m != 0; j++ {
		m &= r.dict[r.masks.At(j)]
	}
	return m
}
