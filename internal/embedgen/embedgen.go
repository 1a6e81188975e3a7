// Package embedgen holds what the commands that generate dossier's
// embedded data files (internal/knowledge/gen, internal/warninglists/gen)
// share: where the reference data is, their flags and arguments,
// compressing and writing a file reproducibly and atomically, and the
// checks their tests and the packages' freshness tests make.
//
// Each such command is run by go generate in its package's folder,
// internal/NAME, so relative paths are seen from there.
package embedgen

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// Main runs a generator's run with the command's arguments and exits 1
// with the error, prefixed "gen:", when it fails.
func Main(run func(args []string, stderr io.Writer) error) {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// NewFlagSet returns the flag set of a generator run in internal/pkg,
// reporting to stderr, with its -data flag: the reference data folder,
// $DOSSIER_SHARED_DATA when set, else ../../../shared/data (the data
// folder beside the repository, seen from internal/pkg).
func NewFlagSet(pkg string, stderr io.Writer) (fs *flag.FlagSet, data *string) {
	fs = flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := filepath.Join("..", "..", "..", "shared", "data")
	if d := os.Getenv(shareddata.Env); d != "" {
		def = d
	}
	data = fs.String("data", def, "the reference data folder ($"+shareddata.Env+" when set, else relative to internal/"+pkg+")")
	return fs, data
}

// Parse parses args with fs; a generator takes no positional arguments.
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return nil
}

// Compress gzips raw reproducibly: best compression, and a header with
// no name, comment or modification time, so that the same bytes always
// compress to the same file with a given Go release (a new
// compress/flate may compress differently). It cannot fail: it writes to
// memory.
func Compress(raw []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level
	zw.Write(raw)                                          // a bytes.Buffer never fails
	zw.Close()
	return b.Bytes()
}

// WriteGzip writes raw, compressed by Compress, to name with WriteFile
// and returns the compressed size.
func WriteGzip(name string, raw []byte) (int, error) {
	gz := Compress(raw)
	return len(gz), WriteFile(name, gz)
}

// zstdMagic starts every zstd frame, gzipMagic every gzip stream.
var (
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
	gzipMagic = []byte{0x1f, 0x8b}
)

// CompressZstd compresses raw with zstd reproducibly: one encoder
// goroutine, the best-compression level, the content size in the frame
// (so that the reader sizes its buffer at once). zstd decompresses
// several times as fast as gzip; embedded data read at every start of
// dossier extract is kept so.
func CompressZstd(raw []byte) []byte {
	zw, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1)) // valid options
	defer zw.Close()
	return zw.EncodeAll(raw, nil)
}

// WriteZstd writes raw, compressed by CompressZstd, to name with
// WriteFile and returns the compressed size.
func WriteZstd(name string, raw []byte) (int, error) {
	z := CompressZstd(raw)
	return len(z), WriteFile(name, z)
}

// WriteFile writes b to name atomically: a temporary file in the same
// folder, made readable by all and renamed over name, so that a failed
// run never leaves a half-written embedded file.
func WriteFile(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+strings.SplitN(filepath.Base(name), ".", 2)[0]+"-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

// Difference describes where two encodings of embedded data first
// differ, for a freshness test's failure: their sizes, the offset, and
// the bytes around it (quoted when they are not text).
func Difference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	excerpt := func(b []byte) string {
		lo, hi := max(i-60, 0), min(i+60, len(b))
		if s := b[lo:hi]; utf8.Valid(s) {
			return "…" + string(s) + "…"
		}
		return fmt.Sprintf("%q", b[lo:hi])
	}
	return fmt.Sprintf("%d bytes embedded, %d regenerated, first difference at byte %d: embedded %s regenerated %s",
		len(got), len(want), i, excerpt(got), excerpt(want))
}

// CheckUsage fails the test unless run refuses a positional argument, an
// unknown flag, and a data folder without the file missing.
func CheckUsage(t testing.TB, run func(args []string, stderr io.Writer) error, missing string) {
	t.Helper()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"extra"}, `unexpected arguments ["extra"]`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
		{[]string{"-data", filepath.Join(t.TempDir(), "missing"), "-o", filepath.Join(t.TempDir(), "out.gz")}, missing + ": no such file or directory"},
	} {
		var stderr bytes.Buffer
		err := run(tc.args, &stderr)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) got error %v, want one containing %q", tc.args, err, tc.want)
		}
	}
}

// CheckWrites runs run on the reference data folder dir with each output
// flag of want (such as "-o") set to a file in a temporary folder, and
// fails the test unless each file holds the bytes want gives for its
// flag, compressed by Compress (or CompressZstd, for a file written with
// zstd; as they are for a file that is neither gzip nor zstd), and what
// run said on stderr has each of the fragments.
func CheckWrites(t testing.TB, run func(args []string, stderr io.Writer) error, dir string, want map[string][]byte, fragments ...string) {
	t.Helper()
	args := []string{"-data", dir}
	out := map[string]string{}
	tmp := t.TempDir()
	for flag := range want {
		out[flag] = filepath.Join(tmp, strings.TrimLeft(flag, "-")+".out")
		args = append(args, flag, out[flag])
	}
	var stderr bytes.Buffer
	if err := run(args, &stderr); err != nil {
		t.Fatalf("run: %v", err)
	}
	for flag, w := range want {
		got, err := os.ReadFile(out[flag])
		if err != nil {
			t.Fatal(err)
		}
		compress := func(b []byte) []byte { return b }
		switch {
		case bytes.HasPrefix(got, zstdMagic):
			compress = CompressZstd
		case bytes.HasPrefix(got, gzipMagic):
			compress = Compress
		}
		if w := compress(w); !bytes.Equal(got, w) {
			t.Errorf("gen %s wrote %d bytes, want the %d bytes package build makes", flag, len(got), len(w))
		}
	}
	for _, frag := range fragments {
		if !strings.Contains(stderr.String(), frag) {
			t.Errorf("gen's report %q lacks %q", stderr.String(), frag)
		}
	}
}
