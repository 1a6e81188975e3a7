package knowledge

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"
)

// filled returns a pack in which every field of every type holds a value
// other than its zero, different from field to field, so that a field
// that Encode or decode forgets (one added to pack.go later) shows in a
// round trip.
func filled() *Pack {
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		n++
		switch v.Kind() {
		case reflect.String:
			v.SetString(fmt.Sprintf("s%d-é", n))
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Int:
			v.SetInt(int64(-n))
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := range 2 {
				fill(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				fill(v.Field(i))
			}
		default:
			panic("filled: a field of kind " + v.Kind().String() + ": teach Encode, decode and this test about it")
		}
	}
	p := new(Pack)
	fill(reflect.ValueOf(p).Elem())
	p.Version = PackVersion
	// Booleans must be seen apart too: one record of each kind revoked
	// only, the other deprecated only.
	p.Groups[0].Deprecated, p.Techniques[0].Deprecated, p.Software[0].Deprecated, p.Campaigns[0].Deprecated, p.DISARM[0].Deprecated = false, false, false, false, false
	p.Groups[1].Revoked, p.Techniques[1].Revoked, p.Software[1].Revoked, p.Campaigns[1].Revoked, p.DISARM[1].Revoked = false, false, false, false, false
	return p
}

func TestEncodeRoundTrip(t *testing.T) {
	for name, p := range map[string]*Pack{"filled": filled(), "empty": {Version: PackVersion}, "embedded": mustLoad(t)} {
		t.Run(name, func(t *testing.T) {
			b := Encode(p)
			got, err := decode(string(b))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, p) {
				t.Errorf("decode(Encode(p)) differs from p:\n got %+v\nwant %+v", got, p)
			}
			if again := Encode(got); string(again) != string(b) {
				t.Error("Encode(decode(Encode(p))) differs from Encode(p)")
			}
		})
	}
	if b := Encode(mustLoad(t)); string(b) != packBin {
		t.Error("Encode(Load()) differs from the embedded pack.bin")
	}
}

// resum rewrites the checksum of a pack whose body was changed, so that
// decode reads the body.
func resum(b []byte) string {
	head := len(packMagic) + 8
	binary.LittleEndian.PutUint32(b[head-4:], crc32.ChecksumIEEE(b[head:]))
	return string(b)
}

func TestDecodeErrors(t *testing.T) {
	good := Encode(filled())
	head := len(packMagic) + 8
	with := func(f func(b []byte) []byte) string { return resum(f(append([]byte(nil), good...))) }
	for _, tc := range []struct {
		name string
		in   string
		want string // a fragment of the error
	}{
		{"empty", "", "not a knowledge pack (no magic)"},
		{"JSON", `{"version":1}`, "no magic"},
		{"old version", with(func(b []byte) []byte { b[len(packMagic)] = 1; return b }), "format version 1, but this build reads version 2"},
		{"flipped bit", func() string { b := []byte(string(good)); b[len(b)/2] ^= 4; return string(b) }(), "the file is corrupt"},
		{"truncated", with(func(b []byte) []byte { return b[:len(b)-1] }), "reading a Microsoft name's other names: "},
		{"trailing data", with(func(b []byte) []byte { return append(b, 0) }), "reading the end of the pack: 1 bytes after it"},
		{"huge count", with(func(b []byte) []byte {
			return append(b[:head], 0xff, 0xff, 0xff, 0xff, 0x0f)
		}), "reading the number of strings in lists: 4294967295, more than the 0 bytes left"},
		{"overflow", with(func(b []byte) []byte {
			return append(b[:head], 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)
		}), "a number overflows 64 bits"},
		{"unended number", with(func(b []byte) []byte { return append(b[:head], 0x80) }), "the data ends inside a number"},
		{"too many list strings", with(func(b []byte) []byte {
			b[head]-- // strings in lists, one less than the lists hold
			return b
		}), "beyond the"},
		{"unknown flags", with(func(b []byte) []byte {
			// The first group's flags follow its modified.
			m := filled().Groups[0].Modified
			i := strings.Index(string(b), m) + len(m)
			b[i] = 0x80 | 0x04
			return b
		}), "reading a group: unknown flags 0x84"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := decode(tc.in)
			if err == nil {
				t.Fatalf("decode got %+v, want an error containing %q", p, tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "pack.bin") {
				t.Errorf("decode error got %q, want it to name pack.bin and contain %q", err, tc.want)
			}
		})
	}
}

// TestDecodeNeverPanics cuts and corrupts a pack at every byte, keeping
// the checksum right so that the body is read: each must give an error
// or a pack, never a panic or a read out of range.
func TestDecodeNeverPanics(t *testing.T) {
	good := Encode(filled())
	head := len(packMagic) + 8
	for i := head; i < len(good); i++ {
		if _, err := decode(resum(append([]byte(nil), good[:i]...))); err == nil {
			t.Errorf("a pack cut at byte %d of %d decoded", i, len(good))
		}
		for _, x := range []byte{0x01, 0x7f, 0x80, 0xff} {
			b := append([]byte(nil), good...)
			b[i] ^= x
			decode(resum(b)) // an error or not: only a panic fails
		}
	}
}

// FuzzDecode: whatever the bytes, decode gives a pack or an error.
func FuzzDecode(f *testing.F) {
	f.Add(Encode(filled()))
	f.Add(Encode(&Pack{}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) >= len(packMagic)+8 {
			resum(b)
		}
		decode(string(b))
	})
}
