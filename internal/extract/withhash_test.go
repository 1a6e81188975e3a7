package extract_test

import (
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
)

// TestFileNameWithHash: a file name on a table's row with a hash (a line,
// or a run of cell lines as AsciiDoc writes them), or
// beside a hash with only punctuation or a label between, names that
// hash's file, and only the hash becomes an indicator:
// the name alone would match every file so named ("version.dll" is
// Windows' own). A name written alone, or alone once of several times,
// is the indicator there is; a hash on another line does not count.
func TestFileNameWithHash(t *testing.T) {
	text := "SHA-1 | Filename | Description\n" +
		"0F164894DC7D8256B66D0EBAA7AFEDCF5462F881 | version.dll | OilRig downloader - BakedBean\n" +
		"2236D4DCF68C65A822FF0A2AD48D4DF99761AD07 | acrotray.exe | OilRig downloader - SC5k v1\n" +
		"BA439D2FC3298675F197C8B17B79F34485271498 | MSIL/OilRig.D | node.exe\n" +
		"The lure was Iran_nuclear_talks.rtf.\n" +
		"35E0E78EC35B68D3EE1805EECEEA352C5FE62EB6\n" +
		"mscom.exe\n" +
		"The dropper then writes acrotray.exe to the startup folder.\n" +
		"The sample 51B6EC5DE852025F63740826B8EDF1C8D22F9261 drops svcupd.dll and runs it.\n" +
		"6001A008A3D3A0C672E80960387F4B10C0A7BD9B (invoice_0412.exe) arrived by mail.\n" +
		"7AD4DCDA1C65ACCC9EF1E168162DE7559D2FDF60,AdobeCE.exe,OilRig downloader\n" +
		"MD5 Hash: B6EC09770ED5B34922B0CF56CB17BC95 File Name: PressNote_July.docm\n" +
		"\n|`CCXProcess.exe`\n|`BE9B6ACA8A175DF61F2C75932E029F19789FD7E3`\n|`MSIL/OilRig.A`\n\n|`LinkSync.exe`\n|N/A\n|`MSIL/OilRig.F`\n"
	f := newExtractor(t).Find(&document.Document{Text: text, Format: document.FormatText})
	want := map[string]bool{ // file name: an indicator
		"version.dll":            false,
		"node.exe":               false, // the row's, with a cell between
		"CCXProcess.exe":         false, // a table written a cell a line
		"LinkSync.exe":           true,  // its row has no hash
		"acrotray.exe":           true,  // alone in the last sentence
		"Iran_nuclear_talks.rtf": true,
		"mscom.exe":              true, // the hash is on the line before
		"svcupd.dll":             true, // a sentence's other file
		"invoice_0412.exe":       false,
		"AdobeCE.exe":            false, // a CSV row
		"PressNote_July.docm":    false, // after its label
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
	// The rows say "OilRig downloader": the hashes are OilRig's
	// indicators, the names of their files are not.
	tied := map[string]bool{}
	for _, c := range f.Claims {
		if c.Kind == extract.ClaimIndicates && c.Object != nil {
			tied[c.Object.Name] = true
		}
	}
	if !tied["0f164894dc7d8256b66d0ebaa7afedcf5462f881"] || tied["version.dll"] || tied["node.exe"] {
		t.Errorf("indicator claims about %v: want the first row's hash and neither version.dll nor node.exe", tied)
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
	// The report's mention of it says why it has none.
	if !strings.Contains(string(bun.Report.Raw), `"quote":"0F164894DC7D8256B66D0EBAA7AFEDCF5462F881 | version.dll | OilRig downloader - BakedBean","note":"the name of the file whose hash is written beside it`) {
		t.Errorf("the report's mention of version.dll has no note saying it names a hashed file")
	}
}
