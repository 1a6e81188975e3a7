package swar

import (
	"encoding/binary"
	"testing"
)

func TestLoad(t *testing.T) {
	for _, s := range []string{"abcdefgh", "\x00\x01\x02\x03\x04\x05\x06\x07", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8 and more", "héllo wörld"} {
		if got, want := Load(s), binary.LittleEndian.Uint64([]byte(s)); got != want {
			t.Errorf("Load(%q) = %#x, want %#x", s, got, want)
		}
	}
	if Ones*'a' != binary.LittleEndian.Uint64([]byte("aaaaaaaa")) || Highs != Ones*0x80 {
		t.Errorf("Ones %#x, Highs %#x", uint64(Ones), uint64(Highs))
	}
}

func TestLoadShort(t *testing.T) {
	var x uint64
	defer func() {
		if recover() == nil {
			t.Errorf("Load of seven bytes did not panic, but read %#x", x)
		}
	}()
	x = Load("1234567")
}

// TestMix: the two words weigh differently (swapped, the hash differs),
// and each bit of either moves the top bits a table reads.
func TestMix(t *testing.T) {
	if Mix(1, 2) == Mix(2, 1) {
		t.Error("Mix(1, 2) == Mix(2, 1)")
	}
	for b := range 64 {
		if Mix(1<<b, 0)>>52 == Mix(0, 0)>>52 || Mix(0, 1<<b)>>52 == Mix(0, 0)>>52 {
			t.Errorf("bit %d of either word leaves the top 12 bits as they are", b)
		}
	}
}
