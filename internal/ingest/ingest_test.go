package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
	"github.com/dossier-cti/dossier/internal/store/sqlite"
)

func TestDetect(t *testing.T) {
	cases := []struct {
		head   string
		format Format
		why    string
	}{
		{`{"type":"bundle"}`, FormatSTIX, ""},
		{"\ufeff  \n[{}]", FormatSTIX, ""},
		{"", FormatUnknown, "empty input"},
		{"   \n", FormatUnknown, "empty input"},
		{"%PDF-1.7\n", FormatReport, ""},
		{"\x1f\x8b\x08\x00", FormatUnknown, "gzip"},
		{"PK\x03\x04", FormatUnknown, "ZIP"},
		{"\x00\x01\x02", FormatUnknown, "binary"},
		{"# Report\nAPT35 targeted...", FormatReport, ""},
	}
	for _, c := range cases {
		f, why := Detect([]byte(c.head))
		if f != c.format || !strings.Contains(why, c.why) {
			t.Errorf("Detect(%q) got %s %q, want %s containing %q", c.head, f, why, c.format, c.why)
		}
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b.json", "a/c.json", ".hidden.json", ".git/config", "a/.d.json"} {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte("{}"), 0o644)
	}
	srcs, skipped, err := Expand([]string{dir, "-"}, strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range srcs {
		names = append(names, strings.TrimPrefix(s.Name, dir+"/"))
	}
	if got := strings.Join(names, ","); got != "a/c.json,b.json,-" {
		t.Errorf("sources %s, want a/c.json,b.json,- (lexical order, hidden left out)", got)
	}
	if len(skipped) != 3 {
		t.Errorf("skipped %+v, want the three hidden entries listed", skipped)
	}
	if _, _, err := Expand([]string{"-", "-"}, strings.NewReader("")); err == nil {
		t.Errorf("stdin twice: no error")
	}
	if _, _, err := Expand([]string{filepath.Join(dir, "nope.json")}, nil); err == nil || !strings.Contains(err.Error(), "nope.json") {
		t.Errorf("missing path: %v", err)
	}
}

func openStore(t testing.TB) store.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func run(t testing.TB, st store.Store, doc string, opt Options) (*Report, error) {
	t.Helper()
	return Run(context.Background(), st, []Source{ReaderSource("doc.json", strings.NewReader(doc), int64(len(doc)))}, opt)
}

const (
	ident        = `{"type":"identity","spec_version":"2.1","id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Election Commission","identity_class":"organization"}`
	identOther   = `{"type":"identity","spec_version":"2.1","id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Other Name","identity_class":"organization"}`
	identRevoked = `{"type":"identity","spec_version":"2.1","id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2020-01-01T00:00:00.000Z","modified":"2021-01-01T00:00:00.000Z","name":"Election Commission","identity_class":"organization","revoked":true}`
	identAfter   = `{"type":"identity","spec_version":"2.1","id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2020-01-01T00:00:00.000Z","modified":"2022-01-01T00:00:00.000Z","name":"Election Commission","identity_class":"organization"}`
	malware20    = `{"type":"malware","id":"malware--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b","created":"2017-05-31T21:32:11.544Z","modified":"2017-05-31T21:32:11.544Z","name":"X","labels":["backdoor"]}`
)

func bundle(objs ...string) string {
	return `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[` + strings.Join(objs, ",") + `]}`
}

func TestRunOutcomes(t *testing.T) {
	cases := []struct {
		name     string
		doc      string
		counts   Counts
		reasons  []string
		stored   int
		upgraded string // a property the upgraded object must have
	}{
		{"duplicate identical object", bundle(ident, ident), Counts{Objects: 2, Added: 1, Unchanged: 1}, nil, 1, ""},
		{"same version, other content", bundle(ident, identOther), Counts{Objects: 2, Added: 1, Rejected: 1}, []string{"already stored with other content"}, 1, ""},
		{"revocation is final", bundle(ident, identRevoked, identAfter), Counts{Objects: 3, Added: 1, NewVersions: 1, Rejected: 1}, []string{"revoked"}, 1, ""},
		{"non-object elements", bundle(`1`, `"x"`, ident), Counts{Objects: 3, Added: 1, Rejected: 2}, []string{"not a JSON object but a number", "not a JSON object but a string"}, 1, ""},
		{"2.0 object upgraded", `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","spec_version":"2.0","objects":[` + malware20 + `]}`, Counts{Objects: 1, Added: 1, Upgraded: 1}, nil, 1, "malware_types"},
		{"TAXII envelope", `{"more":false,"objects":[` + ident + `]}`, Counts{Objects: 1, Added: 1}, nil, 1, ""},
		{"single object", ident, Counts{Objects: 1, Added: 1}, nil, 1, ""},
		{"array of objects", `[` + ident + `]`, Counts{Objects: 1, Added: 1}, nil, 1, ""},
		{"byte order mark", "\ufeff" + bundle(ident), Counts{Objects: 1, Added: 1}, nil, 1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			rep, err := run(t, st, c.doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Counts != c.counts {
				t.Errorf("counts %+v, want %+v", rep.Counts, c.counts)
			}
			var reasons []string
			for _, rj := range rep.Sources[0].Rejected {
				reasons = append(reasons, rj.Reason)
			}
			if len(reasons) != len(c.reasons) {
				t.Errorf("rejections %q, want %d", reasons, len(c.reasons))
			}
			for i := range c.reasons {
				if i < len(reasons) && !strings.Contains(reasons[i], c.reasons[i]) {
					t.Errorf("rejection %d %q does not say %q", i, reasons[i], c.reasons[i])
				}
			}
			s, _ := st.Stats(context.Background())
			if s.Total != c.stored {
				t.Errorf("stored %d objects, want %d", s.Total, c.stored)
			}
			if c.upgraded != "" {
				r, err := st.Get(context.Background(), "malware--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b")
				if err != nil || !strings.Contains(string(r.JSON), c.upgraded) || !strings.Contains(string(r.JSON), `"spec_version":"2.1"`) {
					t.Errorf("upgraded object %s (%v), want spec_version 2.1 and %s", r.JSON, err, c.upgraded)
				}
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	st := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := bundle(ident)
	_, err := Run(ctx, st, []Source{ReaderSource("doc.json", strings.NewReader(doc), int64(len(doc)))}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if s, _ := st.Stats(context.Background()); s.Total != 0 {
		t.Errorf("a cancelled ingest stored %d objects", s.Total)
	}
}

func TestRunTLP(t *testing.T) {
	st := openStore(t)
	marked := strings.Replace(ident, `"identity_class"`, `"object_marking_refs":["`+stix.TLP1Red.ID+`"],"identity_class"`, 1)
	marked = strings.Replace(marked, "c78cb6e5", "d78cb6e5", 1)
	rep, err := run(t, st, bundle(ident, marked), Options{TLP: stix.TLP2Amber})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts.Marked != 1 {
		t.Errorf("marked %d, want 1 (the unmarked identity)", rep.Counts.Marked)
	}
	if strings.Join(rep.Builtins, ",") != "TLP:RED,TLP:AMBER" && strings.Join(rep.Builtins, ",") != "TLP:AMBER,TLP:RED" {
		t.Errorf("builtins %v, want the TLP:AMBER (2.0) and TLP:RED (1.0) definitions stored", rep.Builtins)
	}
	r, _ := st.Get(context.Background(), "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5")
	if !strings.Contains(string(r.JSON), stix.TLP2Amber.ID) {
		t.Errorf("unmarked object not marked: %s", r.JSON)
	}
	r, _ = st.Get(context.Background(), "identity--d78cb6e5-0c4b-4611-8297-d1b8b55e40b5")
	if strings.Contains(string(r.JSON), stix.TLP2Amber.ID) {
		t.Errorf("an already marked object got the --tlp marking too: %s", r.JSON)
	}
	for _, tl := range []*stix.TLP{stix.TLP2Amber, stix.TLP1Red} {
		if _, err := st.Get(context.Background(), tl.ID); err != nil {
			t.Errorf("%s definition not stored: %v", tl.Name, err)
		}
	}
}

func TestRunStrict(t *testing.T) {
	st := openStore(t)
	bad := strings.Replace(identOther, "c78cb6e5", "e78cb6e5", 1)
	bad = strings.Replace(bad, `"identity_class":"organization"`, `"identity_class":"organization","confidence":101`, 1)
	rep, err := run(t, st, bundle(ident, bad), Options{Strict: true})
	var se *StrictError
	if !errors.As(err, &se) || se.Rejected != 1 {
		t.Fatalf("got %v, want a StrictError with 1 rejection", err)
	}
	if rep.Sources[0].Rejected[0].Path != "objects[1].confidence" {
		t.Errorf("rejection path %q, want objects[1].confidence", rep.Sources[0].Rejected[0].Path)
	}
	if s, _ := st.Stats(context.Background()); s.Total != 0 {
		t.Errorf("strict mode stored %d objects", s.Total)
	}
}

// TestOffsetsAfterBOM checks that byte offsets in messages count from the
// start of the file, byte order mark included.
func TestOffsetsAfterBOM(t *testing.T) {
	st := openStore(t)
	doc := "\ufeff" + `{"type":"bundle","objects":[{"a":1,"a":2}]}`
	_, err := run(t, st, doc, Options{})
	if err == nil || !strings.Contains(err.Error(), "byte offset 38") {
		t.Errorf("got %v, want the duplicate name at byte offset 38 (3 bytes of BOM + 35)", err)
	}
}
