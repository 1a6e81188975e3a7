package warninglists_test

import (
	"bytes"
	"testing"

	"github.com/dossier-cti/dossier/internal/embedgen"
	"github.com/dossier-cti/dossier/internal/shareddata"
	"github.com/dossier-cti/dossier/internal/warninglists"
	"github.com/dossier-cti/dossier/internal/warninglists/build"
	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

// TestListsAreFresh regenerates the lists in-process from ../shared/data
// and fails when the embedded ones say anything else: someone changed
// the generator, the data or the classification without running go
// generate. It compares the bytes, which are the tables themselves
// (no compressor whose new release might encode them differently).
func TestListsAreFresh(t *testing.T) {
	dir := shareddata.Dir(t, build.Inputs()...) // skips, naming the file, when the data is absent
	d, _, err := build.Build(dir)
	if err != nil {
		t.Fatalf("build.Build(%s): %v", dir, err)
	}
	want, err := format.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := warninglists.Raw()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the embedded lists are stale (%s); run: go generate ./internal/warninglists/", embedgen.Difference(got, want))
	}
}

// TestFormatRoundTrip checks that decoding the embedded data and
// encoding it again gives the same bytes.
func TestFormatRoundTrip(t *testing.T) {
	raw, err := warninglists.Raw()
	if err != nil {
		t.Fatal(err)
	}
	d, err := format.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	again, err := format.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(raw, again) {
		t.Errorf("Encode(Decode(embedded)) differs from the embedded data")
	}
}

// TestDecodeRefusesCorruption feeds truncated and altered data to the
// decoder: errors, never panics.
func TestDecodeRefusesCorruption(t *testing.T) {
	raw, err := warninglists.Raw()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 3, 4, 5, 100, 5000, len(raw) / 2, len(raw) - 1} {
		if _, err := format.Decode(raw[:n]); err == nil {
			t.Errorf("Decode of the first %d bytes: no error", n)
		}
	}
	bad := bytes.Clone(raw)
	bad[4] = 0xff // the list count's varint never ends
	if _, err := format.Decode(bad); err == nil {
		t.Error("Decode of altered data: no error")
	}
	if _, err := format.Decode(append(bytes.Clone(raw), 0)); err == nil {
		t.Error("Decode with a trailing byte: no error")
	}
}

// FuzzDecode checks that no input makes the decoder panic.
func FuzzDecode(f *testing.F) {
	raw, err := warninglists.Raw()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw[:2000])
	f.Add([]byte("DWL1\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		format.Decode(b)
	})
}
