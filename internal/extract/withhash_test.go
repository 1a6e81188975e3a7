package extract_test

import (
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
)

// TestFileNameWithHash: a file name on the line (table row, list item) of
// a hash names that hash's file, and only the hash becomes an indicator:
// the name alone would match every file so named ("version.dll" is
// Windows' own). A name written alone, or alone once of several times,
// is the indicator there is; a hash on another line does not count.
func TestFileNameWithHash(t *testing.T) {
	text := "SHA-1 | Filename | Description\n" +
		"0F164894DC7D8256B66D0EBAA7AFEDCF5462F881 | version.dll | OilRig downloader - BakedBean\n" +
		"2236D4DCF68C65A822FF0A2AD48D4DF99761AD07 | acrotray.exe | OilRig downloader - SC5k v1\n" +
		"The lure was Iran_nuclear_talks.rtf.\n" +
		"35E0E78EC35B68D3EE1805EECEEA352C5FE62EB6\n" +
		"mscom.exe\n" +
		"The dropper then writes acrotray.exe to the startup folder.\n"
	f := newExtractor(t).Find(&document.Document{Text: text, Format: document.FormatText})
	want := map[string]bool{ // file name: an indicator
		"version.dll":            false,
		"acrotray.exe":           true, // alone in the last sentence
		"Iran_nuclear_talks.rtf": true,
		"mscom.exe":              true, // the hash is on the line before
	}
	got := map[string]bool{}
	for i := range f.Observables {
		o := &f.Observables[i]
		switch o.Kind {
		case "filename":
			got[o.Value] = o.Indicates()
			if o.WithHash == o.Indicates() {
				t.Errorf("%s: WithHash %v and Indicates %v", o.Value, o.WithHash, o.Indicates())
			}
		case "sha1":
			if !o.Indicates() {
				t.Errorf("the hash %s is no indicator", o.Value)
			}
		}
	}
	for name, ind := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s not found", name)
		} else if g != ind {
			t.Errorf("%s: an indicator %v, want %v", name, g, ind)
		}
	}
	bun, err := extract.Build(f, extract.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range bun.Objects {
		if p, _ := o.Props.GetString("pattern"); o.Type == "indicator" && p == "[file:name = 'version.dll']" {
			t.Errorf("an indicator for version.dll, named with its hash: %s", o.Raw)
		}
	}
}
