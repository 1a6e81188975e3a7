package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/document/pdftest"
	"github.com/dossier-cti/dossier/internal/heaptest"
)

// The hostile inputs of the issue, end to end: dossier extract and dossier
// ingest finish on each in bounded time and memory, with a partial result
// whose warnings say what was kept, or an error that names the file and
// the reason. Time and peak heap are logged (go test -v -run Hostile),
// never asserted.

// lineReader yields n bytes of one line, a repeated sentence with
// indicators and no line end, without holding them; read counts what
// was taken.
type lineReader struct {
	n, read int64
}

const hostileSentence = "The actor staged payloads on staging-cdn-update[.]com and 185.220.101.4 before the campaign. "

func (r *lineReader) Read(p []byte) (int, error) {
	if r.read >= r.n {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.read < r.n {
		c := copy(p[k:], hostileSentence[r.read%int64(len(hostileSentence)):])
		c = int(min(int64(c), r.n-r.read))
		k += c
		r.read += int64(c)
	}
	return k, nil
}

// runMeasured runs dossier with stdin, returning its result, how long it
// took and the peak of the heap's objects above where they stood before,
// sampled every millisecond (a spike between samples can be missed).
func runMeasured(t *testing.T, db string, stdin io.Reader, args ...string) (result, time.Duration, uint64) {
	t.Helper()
	var code int
	var out, errb bytes.Buffer
	start := time.Now()
	p := heaptest.Peak(func() {
		code = MainEnv(t.Context(), append([]string{"--db", db}, args...), stdin, &out, &errb, func(string) string { return "" })
	})
	el := time.Since(start)
	t.Logf("dossier %s: exit %d in %v, peak heap %d MiB", strings.Join(args, " "), code, el.Round(time.Millisecond), p>>20)
	return result{code: code, stdout: out.String(), stderr: errb.String()}, el, p
}

// TestHostileHugeLine: 200 MB of one line on standard input is read up to
// 16 MiB of text, the rest left unread, and the summary says the text was
// cut there.
func TestHostileHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("200 MB of input")
	}
	in := &lineReader{n: 200 << 20}
	db := filepath.Join(t.TempDir(), "test.db")
	res, _, peak := runMeasured(t, db, in, "extract", "-")
	t.Logf("read %d MiB of the 200 MiB input", in.read>>20)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, "warning: the text was cut at 16 MiB") {
		t.Errorf("the summary does not say the text was cut:\n%.2000s", res.stdout)
	}
	if !strings.Contains(res.stdout, "185.220.101.4") || !strings.Contains(res.stdout, "staging-cdn-update.com") {
		t.Errorf("the summary lacks the indicators of the text that was kept:\n%.2000s", res.stdout)
	}
	if in.read > 32<<20 {
		t.Errorf("read %d MiB of input, want the rest left unread once the text is full", in.read>>20)
	}
	// The text kept is 16 MiB; reading it may take several times that,
	// never the 200 MiB input whole.
	if peak > 2<<30 {
		t.Errorf("peak heap %d MiB", peak>>20)
	}
}

// TestHostileHugeLineJSON: with --json the bundle of the text kept goes
// to stdout and the cut is said on stderr; quotes stay bounded, so the
// bundle does not grow with the square of the line.
func TestHostileHugeLineJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("40 MB of input")
	}
	in := &lineReader{n: 40 << 20}
	db := filepath.Join(t.TempDir(), "test.db")
	res, took, peak := runMeasured(t, db, in, "extract", "--json", "-")
	t.Logf("%s, peak heap %d MiB, bundle %d MiB", took, peak>>20, len(res.stdout)>>20)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, "-: warning: the text was cut at 16 MiB") {
		t.Errorf("stderr does not say the text was cut: %.2000s", res.stderr)
	}
	if !strings.HasPrefix(res.stdout, `{"type":"bundle"`) || !strings.Contains(res.stdout, "185.220.101.4") {
		t.Errorf("stdout is not the bundle of the text kept: %.300s", res.stdout)
	}
	if !strings.Contains(res.stdout, `"warnings":["the text was cut at 16 MiB`) {
		t.Errorf("the report in the bundle does not say its text was cut")
	}
	if len(res.stdout) > 20*16<<20 { // linear in the text kept: a few quotes per mention
		t.Errorf("a %d MiB bundle for 16 MiB of text", len(res.stdout)>>20)
	}
}

// bombs are the PDF compression bombs, made once: compressing a gigabyte
// takes a few seconds.
var bombs = sync.OnceValues(func() (page, objStream []byte) {
	bomb := pdftest.Bomb("5 0 (", 1<<30)
	return pdftest.PageBomb(bomb, "After the gigabyte, 185.220.101.4 served the payload."),
		pdftest.ObjStreamTitle(bomb, "Text beside the bomb.")
})

// TestHostileFiles runs dossier extract on each hostile file: it ends
// with exit 0 and a summary whose warnings say what was kept, or exit 1
// and an error naming the file and the reason.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "APT28 used hxxp://utf16-cdn-update[.]com/x in the campaign." {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	half := pdftest.Simple("", pdftest.TextPage("First page."), pdftest.TextPage("Second page."))
	many := make([][]byte, 5000)
	for i := range many {
		many[i] = pdftest.TextPage("A page of many.")
	}
	files := []struct {
		name, content string
		large         bool     // skipped under -short
		stdout        []string // each in the summary, exit 0
		errMsg        string   // in the error, exit 1
	}{
		{name: "deep.html", content: "<html><head><title>Deep</title></head><body>" + strings.Repeat("<div>", 100_000) +
			"The actor used deep-cdn-update[.]com." + strings.Repeat("</div>", 100_000) + "</body></html>",
			stdout: []string{"deep.html: Deep", "warning: the page nests elements deeper than 512", "deep-cdn-update.com"}},
		{name: "quotes.md", content: "# Deep quotes\n\n" + strings.Repeat(">", 100_000) + " The actor used quote-cdn-update[.]com.\n",
			stdout: []string{"quotes.md: Deep quotes", "quote-cdn-update.com"}},
		{name: "lists.md", content: "# Deep lists\n\n" + strings.Repeat("- ", 50_000) + "The actor used list-cdn-update[.]com.\n",
			stdout: []string{"lists.md: Deep lists", "list-cdn-update.com"}},
		{name: "invalid.txt", content: "The actor \xff\xfeused invalid-cdn-update[.]com in caf\xc3\xa9s and h\xc3\xb4tels.\n",
			stdout: []string{"warning: 2 bytes of invalid UTF-8 replaced with U+FFFD", "invalid-cdn-update.com"}},
		{name: "latin1.txt", content: "Rapport d'\xe9t\xe9: l'acteur a utilis\xe9 latin-cdn-update[.]com.\n",
			stdout: []string{"warning: the text is not UTF-8: read as Windows-1252", "latin-cdn-update.com", "Rapport d'été: l'acteur a utilisé"}},
		{name: "mixed.txt", content: "Résumé: the café used mixed-cdn-update[.]com; a Latin-1 caf\xe9 slipped in.\n",
			stdout: []string{"warning: 1 byte of invalid UTF-8 replaced with U+FFFD", "mixed-cdn-update.com"}},
		{name: "utf16.txt", content: string(utf16), stdout: []string{"http://utf16-cdn-update.com/x"}},
		{name: "bomb.pdf", large: true, stdout: []string{"warning: page 1 was not read: its content is over 32 MiB decompressed", "185.220.101.4"}},
		{name: "objstm-bomb.pdf", large: true, errMsg: "objstm-bomb.pdf: the PDF could not be read: the object stream at byte"},
		{name: "many.pdf", content: string(pdftest.Simple("", many...)),
			stdout: []string{"warning: the PDF has 5000 pages: only the first 2000 were read"}},
		{name: "truncated.pdf", content: string(half[:len(half)/2]), errMsg: "truncated.pdf: the PDF could not be read: the file is truncated: it has no %%EOF marker"},
		{name: "scan.pdf", content: string(pdftest.Simple("", pdftest.ImagePage, pdftest.ImagePage)),
			errMsg: "scan.pdf: the PDF has no text layer (scanned?): 2 pages, no text"},
		{name: "punctuation.txt", content: "APT28 used punct-cdn-update[.]com" + strings.Repeat("?", 2<<20) + " and targeted the campaign.\n",
			stdout: []string{"punct-cdn-update.com", "APT28"}},
		{name: "repeats.txt", content: strings.Repeat("APT28 used repeat-cdn-update[.]com again. ", 10_500),
			stdout: []string{"warning: 1000 mentions of 2 objects were left out of the report, over its limits", "warning: 19000 evidence items of 2 indicators and claims were left out", "repeat-cdn-update.com"}},
		{name: "binary.txt", content: "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00", errMsg: "binary.txt: the input is binary"},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			if f.large && testing.Short() {
				t.Skip("compresses a gigabyte")
			}
			content := []byte(f.content)
			switch f.name {
			case "bomb.pdf":
				content, _ = bombs()
			case "objstm-bomb.pdf":
				_, content = bombs()
			}
			path := filepath.Join(dir, f.name)
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			res, _, _ := runMeasured(t, filepath.Join(dir, "test.db"), strings.NewReader(""), "extract", path)
			if f.errMsg != "" {
				if res.code != ExitError || !strings.Contains(res.stderr, f.errMsg) {
					t.Fatalf("exit %d, stderr %q, want 1 and %q", res.code, res.stderr, f.errMsg)
				}
				t.Logf("stderr: %s", strings.TrimSpace(res.stderr))
				return
			}
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			for _, want := range f.stdout {
				if !strings.Contains(res.stdout, want) {
					t.Errorf("summary lacks %q:\n%.3000s", want, res.stdout)
				}
			}
			for _, l := range strings.Split(res.stdout, "\n") {
				if strings.HasPrefix(l, "  warning: ") {
					t.Log(strings.TrimSpace(l))
				}
			}
		})
	}
}

// TestHostileIngest: dossier ingest stores what it could read of a
// hostile report, its notes saying what was cut, and refuses one it
// cannot read with an error naming the file and the reason.
func TestHostileIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses a gigabyte")
	}
	dir := t.TempDir()
	page, objStream := bombs()
	bomb := filepath.Join(dir, "bomb.pdf")
	refused := filepath.Join(dir, "objstm-bomb.pdf")
	for p, data := range map[string][]byte{bomb: page, refused: objStream} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "test.db")
	res, _, _ := runMeasured(t, db, strings.NewReader(""), "ingest", bomb)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, "note: page 1 was not read: its content is over 32 MiB decompressed") {
		t.Errorf("the ingest report does not say what was cut:\n%s", res.stdout)
	}
	res, _, _ = runMeasured(t, db, strings.NewReader(""), "ingest", refused)
	if res.code == 0 || !strings.Contains(res.stderr, "objstm-bomb.pdf: the PDF could not be read: the object stream at byte") {
		t.Errorf("exit %d, stderr %q, want an error naming the file and the bomb", res.code, res.stderr)
	}
}
