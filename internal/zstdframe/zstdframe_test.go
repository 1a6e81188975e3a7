package zstdframe

import (
	"bytes"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func compress(t *testing.T, raw []byte) []byte {
	t.Helper()
	zw, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer zw.Close()
	return zw.EncodeAll(raw, nil)
}

func TestDecode(t *testing.T) {
	raw := []byte(strings.Repeat("indicator--00000000-0000-4000-8000-000000000000\n", 1000))
	z := compress(t, raw)
	got, err := Decode(z, len(raw))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, raw) {
		t.Fatalf("Decode gave %d bytes, want the %d compressed", len(got), len(raw))
	}
	if cap(got) != len(raw) {
		t.Errorf("cap %d, want room made once for %d", cap(got), len(raw))
	}
}

func TestDecodeRefuses(t *testing.T) {
	raw := bytes.Repeat([]byte{'a'}, 1<<20)
	z := compress(t, raw)
	if _, err := Decode(z, 1<<10); err == nil {
		t.Error("1 MiB decompressed under a 1 KiB limit")
	}
	if _, err := Decode([]byte("not zstd at all"), 1<<10); err == nil {
		t.Error("no error for data that is not zstd")
	}
	if _, err := Decode(z[:len(z)/2], 1<<21); err == nil {
		t.Error("no error for a cut frame")
	}
}
