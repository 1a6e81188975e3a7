package ioc

import (
	"crypto/sha256"
	"encoding/binary"
	"math/bits"
)

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

var base58Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		t[base58Alphabet[i]] = int8(i)
	}
	return t
}()

// base58Check reports whether w is a Bitcoin base58check address: 25
// bytes once decoded, version 0x00 (P2PKH) or 0x05 (P2SH), and a
// checksum equal to the first four bytes of SHA-256(SHA-256(payload)).
func base58Check(w string) bool {
	var b [25]byte
	for i := 0; i < len(w); i++ {
		d := base58Index[w[i]]
		if d < 0 {
			return false
		}
		carry := uint32(d)
		for j := len(b) - 1; j >= 0; j-- {
			carry += uint32(b[j]) * 58
			b[j] = byte(carry)
			carry >>= 8
		}
		if carry != 0 {
			return false // more than 25 bytes
		}
	}
	// Each leading '1' stands for a leading zero byte; the number itself
	// must then not have more leading zero bytes than that.
	ones := 0
	for ones < len(w) && w[ones] == '1' {
		ones++
	}
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	if zeros != ones {
		return false
	}
	if b[0] != 0x00 && b[0] != 0x05 {
		return false
	}
	h1 := sha256.Sum256(b[:21])
	h2 := sha256.Sum256(h1[:])
	return h2[0] == b[21] && h2[1] == b[22] && h2[2] == b[23] && h2[3] == b[24]
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

var bech32Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(bech32Charset); i++ {
		t[bech32Charset[i]] = int8(i)
		t[bech32Charset[i]&^0x20] = int8(i) // upper case ('0'-'9' unchanged)
	}
	for c := '0'; c <= '9'; c++ {
		if i := indexByte(bech32Charset, byte(c)); i >= 0 {
			t[c] = int8(i)
		} else {
			t[c] = -1
		}
	}
	return t
}()

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// bech32Address reports whether w is a Bitcoin segwit address (BIP 173,
// BIP 350): "bc1", one case throughout, a valid bech32 checksum for
// witness version 0 with a 20- or 32-byte program, or a bech32m checksum
// for versions 1 to 16 with a 2- to 40-byte program.
func bech32Address(w string) bool {
	hasUpper, hasLower := false, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		hasUpper = hasUpper || 'A' <= c && c <= 'Z'
		hasLower = hasLower || 'a' <= c && c <= 'z'
	}
	if hasUpper && hasLower {
		return false
	}
	data := w[3:]
	if len(data) < 7 { // version + checksum
		return false
	}
	// polymod over the expanded human-readable part "bc" and the data.
	chk := uint32(1)
	step := func(v byte) {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i, g := range [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3} {
			if top>>uint(i)&1 == 1 {
				chk ^= g
			}
		}
	}
	step('b' >> 5)
	step('c' >> 5)
	step(0)
	step('b' & 31)
	step('c' & 31)
	for i := 0; i < len(data); i++ {
		v := bech32Index[data[i]]
		if v < 0 {
			return false
		}
		step(byte(v))
	}
	version := bech32Index[data[0]]
	if version > 16 {
		return false
	}
	want := uint32(1)
	if version > 0 {
		want = 0x2bc830a3
	}
	if chk != want {
		return false
	}
	// The witness program: 5-bit groups after the version, before the
	// 6-character checksum, regrouped into bytes without excess padding.
	groups := len(data) - 1 - 6
	nbits := groups * 5
	prog := nbits / 8
	if nbits%8 > 4 {
		return false
	}
	if prog < 2 || prog > 40 || version == 0 && prog != 20 && prog != 32 {
		return false
	}
	return true
}

// eth reports whether h (the 40 hex digits after "0x") is an Ethereum
// address: any hex in one case, or mixed case that is a valid EIP-55
// checksum (a letter is upper case exactly when the matching nibble of
// Keccak-256 of the lower-case hex is 8 or more).
func eth(h string) bool {
	hasUpper, hasLower := false, false
	var low [40]byte
	for i := 0; i < len(h); i++ {
		c := h[i]
		if class[c]&cHex == 0 {
			return false
		}
		hasUpper = hasUpper || 'A' <= c && c <= 'F'
		hasLower = hasLower || 'a' <= c && c <= 'f'
		low[i] = lower(c)
	}
	if !(hasUpper && hasLower) {
		return true
	}
	sum := keccak256(low[:])
	for i := 0; i < 40; i++ {
		c := h[i]
		if c <= '9' {
			continue
		}
		nib := sum[i/2] >> 4
		if i%2 == 1 {
			nib = sum[i/2] & 0xf
		}
		if (nib >= 8) != ('A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// keccak256 is the original Keccak-256 (padding byte 0x01), as Ethereum
// uses it, for inputs shorter than one block (136 bytes).
func keccak256(in []byte) [32]byte {
	const rate = 136
	var block [rate]byte
	copy(block[:], in)
	block[len(in)] ^= 0x01
	block[rate-1] ^= 0x80
	var a [25]uint64
	for i := 0; i < rate/8; i++ {
		a[i] ^= binary.LittleEndian.Uint64(block[i*8:])
	}
	keccakF(&a)
	var out [32]byte
	for i := 0; i < 4; i++ {
		binary.LittleEndian.PutUint64(out[i*8:], a[i])
	}
	return out
}

var keccakRC = [24]uint64{
	0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
	0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
	0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
	0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
	0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
	0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
}

// keccakRot and keccakPi are the rotation offsets and lane order of the
// ρ and π steps, walked along π's cycle starting at lane 1.
var (
	keccakRot = [24]int{1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44}
	keccakPi  = [24]int{10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1}
)

// keccakF is the Keccak-f[1600] permutation.
func keccakF(a *[25]uint64) {
	for round := 0; round < 24; round++ {
		var c [5]uint64
		for x := 0; x < 5; x++ {
			c[x] = a[x] ^ a[x+5] ^ a[x+10] ^ a[x+15] ^ a[x+20]
		}
		for x := 0; x < 5; x++ {
			d := c[(x+4)%5] ^ bits.RotateLeft64(c[(x+1)%5], 1)
			for y := 0; y < 25; y += 5 {
				a[y+x] ^= d
			}
		}
		cur := a[1]
		for i := 0; i < 24; i++ {
			j := keccakPi[i]
			cur, a[j] = a[j], bits.RotateLeft64(cur, keccakRot[i])
		}
		for y := 0; y < 25; y += 5 {
			var row [5]uint64
			copy(row[:], a[y:y+5])
			for x := 0; x < 5; x++ {
				a[y+x] = row[x] ^ ^row[(x+1)%5]&row[(x+2)%5]
			}
		}
		a[0] ^= keccakRC[round]
	}
}
