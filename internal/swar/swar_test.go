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
