package embedgen

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompress(t *testing.T) {
	raw := []byte(`{"version":1,"sources":[{"name":"MITRE ATT&CK"}]}` + "\n")
	a, b := Compress(raw), Compress(bytes.Clone(raw))
	if !bytes.Equal(a, b) {
		t.Error("Compress gave different bytes for the same input")
	}
	zr, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || zr.Comment != "" || !zr.ModTime.IsZero() || len(zr.Extra) != 0 {
		t.Errorf("gzip header got name %q, comment %q, mtime %v, extra %q; want all empty", zr.Name, zr.Comment, zr.ModTime, zr.Extra)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, raw) {
		t.Errorf("round trip got %q, %v; want %q", got, err, raw)
	}
	// The header's MTIME field (bytes 4 to 7) is zero.
	if !bytes.Equal(a[4:8], []byte{0, 0, 0, 0}) {
		t.Errorf("gzip MTIME bytes got %v, want zeros", a[4:8])
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "pack.json.gz")
	for _, content := range []string{"first", "second"} {
		if err := WriteFile(name, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != content {
			t.Fatalf("read %q, %v; want %q", got, err, content)
		}
	}
	fi, err := os.Stat(name)
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the folder, want the one written", len(entries))
	}
	if err := WriteFile(filepath.Join(dir, "missing", "x.gz"), nil); err == nil {
		t.Error("writing into a missing folder: no error")
	}
}

func TestDifference(t *testing.T) {
	got := Difference([]byte(`{"a":1,"b":2}`), []byte(`{"a":1,"b":3}`))
	if !strings.Contains(got, "13 bytes embedded, 13 regenerated, first difference at byte 11") || !strings.Contains(got, `…{"a":1,"b":2}…`) {
		t.Errorf("text: %s", got)
	}
	got = Difference([]byte("DWL1\xff\x00"), []byte("DWL1\xfe"))
	if !strings.Contains(got, "first difference at byte 4") || !strings.Contains(got, `"DWL1\xff\x00"`) {
		t.Errorf("binary: %s", got)
	}
}
