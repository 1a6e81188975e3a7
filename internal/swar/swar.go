// Package swar holds what the text scanners share to read text eight
// bytes at a time in one machine word (SIMD within a register): the
// load of eight bytes as one number, and the constants that address
// each byte of it. The tests they are used in (a range of bytes, a
// continuation byte, a byte to escape) stay with the scanners that need
// them.
package swar

const (
	// Ones has 1 in each byte: Ones*c is c in each byte.
	Ones = 0x0101010101010101
	// Highs has each byte's high bit: a byte outside ASCII, or the flag
	// a test leaves in its byte.
	Highs = 0x8080808080808080
)

// Load returns the first eight bytes of s as a little-endian number,
// s[0] in the low byte: one load, as the compiler combines the byte
// loads. s must hold at least eight bytes.
func Load(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Mix returns a 64-bit hash of two words, lo and hi (a string's first
// eight bytes and its next or last eight, as Load reads them): each
// multiplied by an odd constant and the two combined. Its top bits are
// the best mixed: a table of 2^k slots takes Mix(lo, hi)>>(64-k).
func Mix(lo, hi uint64) uint64 {
	return lo*0x9e3779b97f4a7c15 ^ hi*0xc2b2ae3d27d4eb4f
}
