// Package jsonintest holds what the tests of the converters of JSON
// inputs into STIX (internal/ingest/mispgalaxy, internal/ingest/msnaming)
// share: a fixed conversion time, checks on the objects made, and golden
// files of a conversion's result. It is for tests only.
package jsonintest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/dossier-cti/dossier/internal/stix"
)

// Now is the conversion time of every test: not a whole second, so that
// millisecond precision shows.
var Now = time.Date(2026, 8, 6, 12, 30, 45, 123456789, time.UTC)

// ConvertFile converts the file at path with convert, failing the test
// when it cannot be opened or converted.
func ConvertFile[R any](tb testing.TB, path string, convert func(io.Reader) (R, error)) R {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	res, err := convert(f)
	if err != nil {
		tb.Fatalf("Convert(%s): %v", path, err)
	}
	return res
}

// CheckValid fails the test for every object with a STIX problem; name,
// when not "", says which input the objects came from.
func CheckValid(tb testing.TB, name string, objs []*stix.Object) {
	tb.Helper()
	if name != "" {
		name += ": "
	}
	for _, o := range objs {
		for _, p := range stix.Validate(o) {
			tb.Errorf("%s%s %s: %s", name, o.Type, o.ID, p)
		}
	}
}

// CheckDistinct fails the test when two objects have the same id.
func CheckDistinct(tb testing.TB, objs []*stix.Object) {
	tb.Helper()
	ids := map[string]bool{}
	for _, o := range objs {
		if ids[o.ID] {
			tb.Fatalf("id %s twice", o.ID)
		}
		ids[o.ID] = true
	}
}

// Find returns the object with the given type and name, or nil.
func Find(objs []*stix.Object, typ, name string) *stix.Object {
	for _, o := range objs {
		if o.Type == typ && o.Name() == name {
			return o
		}
	}
	return nil
}

// Quote returns s as a JSON string.
func Quote(s string) string {
	out, _ := jsontext.AppendQuote(nil, s)
	return string(out)
}

// Golden renders a conversion's result for a golden file: a JSON object
// whose first members are head (lines such as `"entries": 3,`, each
// ending in a comma), then "notes", then "objects", one object a line so
// that a diff shows which changed.
func Golden(head string, notes []string, objs []*stix.Object) []byte {
	var b bytes.Buffer
	b.WriteString("{\n" + head + "\"notes\": [")
	for i, n := range notes {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n" + Quote(n))
	}
	b.WriteString("\n],\n\"objects\": [")
	for i, o := range objs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		b.Write(o.Raw)
	}
	b.WriteString("\n]\n}\n")
	return b.Bytes()
}

// CheckGolden compares got, a rendering Golden made, with the golden file
// path, or with update rewrites the file; it fails the test when they
// differ, showing the first line that does.
func CheckGolden(tb testing.TB, path string, got []byte, update bool) {
	tb.Helper()
	if !json.Valid(got) {
		tb.Fatalf("the golden rendering for %s is not JSON", path)
	}
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s (run go test -run TestGolden -update and review the diff)\n%s", path, firstDiff(got, want))
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			return fmt.Sprintf("line %d:\n got %.300s\nwant %.300s", i+1, g, w)
		}
	}
	return ""
}
