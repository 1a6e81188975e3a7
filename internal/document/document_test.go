package document

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// render writes a Document as the golden files hold it: metadata,
// warnings, links with their anchor text, then the text.
func render(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\ntitle: %s\nbyline: %s\npublished: %s\nurl: %s\n", d.Format, d.Title, d.Byline, d.Published, d.URL)
	for _, w := range d.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	r := []rune(d.Text)
	for _, l := range d.Links {
		fmt.Fprintf(&b, "link [%d,%d) %q -> %s\n", l.Start, l.End, string(r[l.Start:l.End]), l.URL)
	}
	b.WriteString("----\n")
	b.WriteString(d.Text)
	b.WriteString("\n")
	return b.String()
}

// checkInvariants fails when a Document breaks what Document promises.
func checkInvariants(tb testing.TB, d *Document) {
	tb.Helper()
	if !utf8.ValidString(d.Text) {
		tb.Fatalf("Text is not valid UTF-8")
	}
	for i, r := range d.Text {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			tb.Fatalf("Text has control character %U at byte %d", r, i)
		}
	}
	if strings.HasPrefix(d.Text, "\n") || strings.HasSuffix(d.Text, "\n") {
		tb.Errorf("Text starts or ends with a line end")
	}
	n := utf8.RuneCountInString(d.Text)
	last := 0
	for _, l := range d.Links {
		if l.Start < 0 || l.End < l.Start || l.End > n {
			tb.Fatalf("link %+v out of the text's %d code points", l, n)
		}
		if l.Start < last {
			tb.Errorf("links out of order at %+v", l)
		}
		last = l.Start
		// The byte offsets are the same span's.
		if l.ByteStart < 0 || l.ByteEnd < l.ByteStart || l.ByteEnd > len(d.Text) ||
			utf8.RuneCountInString(d.Text[:l.ByteStart]) != l.Start || utf8.RuneCountInString(d.Text[l.ByteStart:l.ByteEnd]) != l.End-l.Start {
			tb.Fatalf("link %+v: byte offsets not those of its code points in %q", l, d.Text)
		}
	}
	for _, w := range d.Warnings {
		if w == "" {
			tb.Errorf("empty warning")
		}
	}
}

// TestGolden reads every fixture in testdata and compares the result with
// testdata/golden/NAME.txt; go test -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		dir := filepath.Base(filepath.Dir(f))
		if dir == "golden" || filepath.Base(f) == "README.md" || strings.HasSuffix(f, ".source.html") {
			continue
		}
		n++
		t.Run(dir+"/"+filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Read(bytes.NewReader(data), filepath.Base(f), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d)
			if want := Format(map[string]string{"text": "text", "markdown": "markdown", "html": "html", "pdf": "pdf"}[dir]); d.Format != want {
				t.Errorf("format %s, want %s", d.Format, want)
			}
			got := render(d)
			golden := filepath.Join("testdata", "golden", dir+"-"+filepath.Base(f)+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update creates it)", err)
			}
			if got != string(want) {
				t.Errorf("differs from %s (go test -update rewrites it after review):\n%s", golden, firstDiff(string(want), got))
			}
		})
	}
	if n < 10 {
		t.Errorf("only %d fixtures found", n)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, w, g)
		}
	}
	return "(same lines)"
}

// TestMetaReports reads the real Markdown reports in the shared data: each
// has a title, no warnings, and keeps every indicator of its IOC table
// (the code spans) in the text.
func TestMetaReports(t *testing.T) {
	dir := shareddata.Path(t, "reports/meta-threat-research/indicators")
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) == 0 {
		t.Skipf("no Markdown reports in %s", dir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Read(bytes.NewReader(data), f, Options{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		checkInvariants(t, d)
		if d.Format != FormatMarkdown || d.Title == "" || len(d.Warnings) > 0 {
			t.Errorf("%s: format %s, title %q, warnings %q", f, d.Format, d.Title, d.Warnings)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(line, "|") {
				continue
			}
			for _, cell := range strings.Split(line, "|") {
				cell = strings.TrimSpace(cell)
				if strings.HasPrefix(cell, "`") && strings.HasSuffix(cell, "`") && len(cell) > 2 {
					if v := strings.Trim(cell, "`"); !strings.Contains(d.Text, v) {
						t.Errorf("%s: indicator %q missing from the text", filepath.Base(f), v)
					}
				}
			}
		}
	}
}

func TestDetect(t *testing.T) {
	cases := []struct {
		name, head, file string
		want             Format
	}{
		{"pdf magic", "%PDF-1.7\n%\xe2\xe3", "", FormatPDF},
		{"pdf after junk", "garbage\n%PDF-1.4\n", "x.bin", FormatPDF},
		{"pdf name without magic", "<html><body>Not found</body></html>", "report.pdf", FormatHTML},
		{"doctype", "\n\n<!DOCTYPE html><html>", "", FormatHTML},
		{"html upper", "<HTML><HEAD><TITLE>x</TITLE>", "", FormatHTML},
		{"xhtml", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, "", FormatHTML},
		{"html fragment", "<div><p>One</p><p>Two <a href=x>link</a></p><ul><li>a</li></ul></div>", "", FormatHTML},
		{"html name, few tags", "Hello <b>world</b>", "page.htm", FormatHTML},
		{"markdown heading and list", "# Title\n\nSome text.\n\n- one\n- two\n", "", FormatMarkdown},
		{"markdown table", "Text\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "", FormatMarkdown},
		{"markdown fence", "Intro\n\n```\ncode\n```\nSee [x](http://x.example).\n", "", FormatMarkdown},
		{"markdown with html header", "<p align=\"center\"><img src=x></p>\n\n# Title\n\n## Sub\n\nText with [a link](http://a.example) and `code`.\n", "", FormatMarkdown},
		{"md name, plain content", "Just a sentence.\n", "notes.md", FormatMarkdown},
		{"plain text", "Election security notes\n\nThe board said on Monday that it saw phishing.\n", "", FormatText},
		{"txt with one list", "Notes:\n- one\n- two\n", "notes.txt", FormatText},
		{"text with a dash line", "Title\n-----\nbody", "x.txt", FormatText},
		{"utf16 bom", "\xff\xfeH\x00i\x00", "", FormatText},
		{"empty", "", "", FormatText},
	}
	for _, c := range cases {
		if got := Detect([]byte(c.head), c.file); got != c.want {
			t.Errorf("%s: Detect = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestReadText(t *testing.T) {
	cases := []struct {
		name, in string
		want     string
		warning  string
	}{
		{"crlf and cr", "a\r\nb\rc\n", "a\nb\nc", ""},
		{"kept as written", "  indented\n\n\n\ttab  two  spaces  \n", "  indented\n\n\n\ttab  two  spaces  ", ""},
		{"control characters", "a\x01b\x07c\x1bd\fe", "abcd\ne", "3 control characters removed"},
		{"c1 controls", "a\u0085b\u0090c", "a\nbc", "1 control character removed"},
		{"line separators", "a\u2028b\u2029c", "a\nb\nc", ""},
		{"windows-1252", "caf\xe9 \x93quoted\x94 \x80", "café “quoted” €", "read as Windows-1252"},
		{"invalid utf-8 counted", "caf\xc3\xa9 r\xc3\xa9sum\xc3\xa9 \xff\xfe", "café résumé \uFFFD\uFFFD", "2 bytes of invalid UTF-8 replaced with U+FFFD"},
		{"utf-8 bom", "\xef\xbb\xbfhello", "hello", ""},
		{"utf-16be", "\xfe\xff\x00h\x00\xe9", "hé", ""},
		{"leading blank lines", "\n\n\nx\n\n", "x", ""},
	}
	for _, c := range cases {
		d, err := Read(strings.NewReader(c.in), "x.txt", Options{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		checkInvariants(t, d)
		if d.Text != c.want {
			t.Errorf("%s: Text %q, want %q", c.name, d.Text, c.want)
		}
		if got := strings.Join(d.Warnings, "; "); c.warning == "" && got != "" || !strings.Contains(got, c.warning) {
			t.Errorf("%s: warnings %q, want %q", c.name, got, c.warning)
		}
	}
}

func TestReadBinary(t *testing.T) {
	for _, in := range []string{"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"} {
		_, err := Read(strings.NewReader(in), "x", Options{})
		if err == nil || !strings.Contains(err.Error(), "binary") {
			t.Errorf("Read(%q) error %v, want a binary input error", in[:4], err)
		}
	}
}

// TestReadNoText: input with no text in it is an error that says why,
// in each format, not an empty document; one word is enough.
func TestReadNoText(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"empty.txt", "", "empty (0 bytes)"},
		{"-", "", "empty (0 bytes)"},
		{"blank.txt", " \n\t\r\n\n", "only white space"},
		{"blank.md", "\n\n   \n", "only white space"},
		{"marks.md", "# \n\n---\n\n* \n", "Markdown holds markup alone"},
		{"page.html", "<!doctype html><html><head><title></title><style>p{}</style></head><body><div> </div><script>x()</script></body></html>", "HTML page holds markup alone"},
		{"nul.txt", "\x00\x00\x00", ""}, // binary: refused as that
	} {
		_, err := Read(strings.NewReader(c.in), c.name, Options{})
		if c.want == "" {
			if err == nil || errors.Is(err, ErrNoText) {
				t.Errorf("%s: error %v, want another error", c.name, err)
			}
			continue
		}
		if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want ErrNoText saying %q", c.name, err, c.want)
		}
	}
	for _, in := range []string{"x", "<p>x</p>", "# x\n", " \n\n APT28\n"} {
		doc, err := Read(strings.NewReader(in), "one.txt", Options{})
		if err != nil {
			t.Errorf("Read(%q): %v", in, err)
		} else if strings.TrimSpace(doc.Text) == "" {
			t.Errorf("Read(%q): no text, want its word read", in)
		}
	}
}

func TestMarkdownLinks(t *testing.T) {
	cases := []struct {
		in, text string
		links    []Link
	}{
		{"See [the report](https://x.example/r).", "See the report (https://x.example/r).", []Link{{"https://x.example/r", 4, 14, 4, 14}}},
		{"See [https://x.example/r](https://x.example/r).", "See https://x.example/r.", []Link{{"https://x.example/r", 4, 23, 4, 23}}},
		{"See [x.example](http://x.example/).", "See x.example.", []Link{{"http://x.example/", 4, 13, 4, 13}}},
		{"A [relative](../b.md) one.", "A relative one.", []Link{{"../b.md", 2, 10, 2, 10}}},
		{"Café [état](https://é.example) x", "Café état (https://é.example) x", []Link{{"https://é.example", 5, 9, 6, 11}}},
		{"<https://a.example>", "https://a.example", []Link{{"https://a.example", 0, 17, 0, 17}}},
		{"[](https://empty.example)", "(https://empty.example)", []Link{{"https://empty.example", 0, 0, 0, 0}}},
	}
	for _, c := range cases {
		d, err := Read(strings.NewReader(c.in), "x.md", Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d)
		if d.Text != c.text || fmt.Sprint(d.Links) != fmt.Sprint(c.links) {
			t.Errorf("%q:\n got %q %v\nwant %q %v", c.in, d.Text, d.Links, c.text, c.links)
		}
	}
}

func TestHTMLFallback(t *testing.T) {
	// No article: a page of navigation only.
	page := `<!DOCTYPE html><html><head><title>Index</title></head><body><nav><a href="/a">A</a></nav><div><a href="/b">B</a> | <a href="/c">C</a></div><footer>Footer</footer></body></html>`
	d, err := Read(strings.NewReader(page), "https://site.example/index.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, d)
	t.Logf("text %q, warnings %q", d.Text, d.Warnings)
	if d.Title != "Index" || !strings.Contains(strings.Join(d.Warnings, ";"), "no article") {
		t.Errorf("title %q warnings %q text %q", d.Title, d.Warnings, d.Text)
	}
	if strings.Contains(d.Text, "Footer") {
		t.Errorf("footer kept: %q", d.Text)
	}
}

func TestIndex(t *testing.T) {
	texts := []string{"", "ascii only", "café — тест 😀 x", strings.Repeat("é😀a", 100), "bad \xff\xfe bytes é\xe2\x80", string([]byte{0xe2, 0x82}),
		strings.Repeat("\xff", 130) + "é", "é" + strings.Repeat("\x80", 70)}
	// Texts of every length around the blocks' (64 bytes), of characters
	// of one to four bytes and a mix, which the blocks cut anywhere.
	for _, unit := range []string{"a", "é", "’", "😀", "ab’"} {
		for n := range 3*indexBlock + 2 {
			text := ""
			for len(text) < n {
				text += unit
			}
			texts = append(texts, text)
		}
	}
	for _, s := range texts {
		ix := NewIndex(s)
		for off := 0; off <= len(s); off++ {
			want := utf8.RuneCountInString(s[:off])
			if off < len(s) && utf8.ValidString(s) && !utf8.RuneStart(s[off]) {
				// Inside a character: counted as before the offset.
				k := off
				for !utf8.RuneStart(s[k]) {
					k--
				}
				want = utf8.RuneCountInString(s[:k]) + 1
			}
			if got := ix.Runes(off); got != want && utf8.ValidString(s) {
				t.Fatalf("%q: Runes(%d) = %d, want %d", s, off, got, want)
			}
		}
		if ix.Runes(-5) != 0 || ix.Runes(len(s)+5) != ix.Len() {
			t.Errorf("%q: offsets not clamped", s)
		}
		if !utf8.ValidString(s) {
			continue
		}
		n := 0
		for off := range s {
			if got := ix.Bytes(n); got != off {
				t.Fatalf("%q: Bytes(%d) = %d, want %d", s, n, got, off)
			}
			n++
		}
		if ix.Bytes(n) != len(s) || ix.Bytes(n+10) != len(s) {
			t.Errorf("%q: Bytes past the end", s)
		}
	}
}

// TestLinkOffsetsAreRunes checks that link spans count code points: the
// anchor taken by runes is the anchor text, and Index agrees.
func TestLinkOffsetsAreRunes(t *testing.T) {
	in := `<html><body><article><p>Die Behörde «BSI» warnte: <a href="https://bsi.example/warnung">Phishing gegen Wahlämter</a> 😀 und <a href="/x">mehr</a>.</p></article></body></html>`
	d, err := Read(strings.NewReader(in), "https://news.example/a/b.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(d.Text)
	want := []string{"Phishing gegen Wahlämter", "mehr"}
	if len(d.Links) != 2 {
		t.Fatalf("links %v in %q", d.Links, d.Text)
	}
	for i, l := range d.Links {
		if got := d.Text[ix.Bytes(l.Start):ix.Bytes(l.End)]; got != want[i] {
			t.Errorf("link %d anchor %q, want %q", i, got, want[i])
		}
	}
	if d.Links[1].URL != "https://news.example/x" {
		t.Errorf("relative link resolved to %q", d.Links[1].URL)
	}
}

// TestTextTitle: an AsciiDoc document read as Markdown or text is titled
// by its title line, past its attribute entries, not by a listing's
// underline taken for a heading; a list of indicators read as text is
// named by its file, not by its header or first value; prose keeps its
// first line (Build names the report by it).
func TestTextTitle(t *testing.T) {
	adoc := ":toc:\n:toclevels: 2\n\n= Agrius Indicators of Compromise\n\n== Fantasy\n\n" +
		"The blog post is on https://www.welivesecurity.com[WeLiveSecurity].\n\n$$$ blend drw jsp nyf\n----\n\n* one\n* two\n"
	for _, c := range []struct{ name, in, want string }{
		{"README.adoc", adoc, "Agrius Indicators of Compromise"},
		{"notes.txt", strings.ReplaceAll(adoc, "* ", ""), "Agrius Indicators of Compromise"},
		{"part1.adoc", "== Indicators of Compromise\n\n=== Email Attachments\n\nWin32/Exploit.CVE-2015-1641.H\n", "Indicators of Compromise"},
		{"2016-11-09_PowerDuke_indicators.csv", "value,type,notes\nindustry.faxsolution@gmail.com,email-sender,\"\"\n", "2016-11-09_PowerDuke_indicators.csv"},
		{"/cases/x/iocs.csv", "107.189.27.41,ipaddress,Resolution for known UTA0304 indicator\n", "iocs.csv"},
		{"iocs.tsv", "evil.example\tdomain\tC2\n", "iocs.tsv"},
		{"ipfs.txt", "\nipfs.io\ndweb.link\n", "ipfs.txt"},
		{"samples.sha256", strings.Repeat("ab", 32) + "\n", "samples.sha256"},
		{"toc.txt", ":toc:\nA note on the campaign, and what it did.\n", ""},
		{"statement.txt", "Joint statement on election interference\n\nThe group, tracked as APT42, ...", ""},
		{"note.txt", "Iran, Russia and China, the agencies said, targeted campaigns.\n", ""},
		{"word.txt", "STATEMENT\n", ""},
		{"-", "value,type,notes\n", ""},
		// Markdown: the heading that opens the text, or the first of
		// level 1; a section's heading after the first lines is no title
		// (the report is then named by its first line).
		{"meta.md", "# Indicators of Compromise: Network Targeting Taiwan\n\nText.\n\n## Summary\n", "Indicators of Compromise: Network Targeting Taiwan"},
		{"notes.md", "## Summary\n\nText.\n", "Summary"},
		{"ta453.md", "Operation SpoofedScholars: A Conversation with TA453\nJuly 13, 2021\n### Key Takeaways\n* TA453, an actor, did it.\n\n## More\n", ""},
		{"intro.md", "A note first.\n\n# The Report\n\nText.\n", "The Report"},
	} {
		d, err := Read(strings.NewReader(c.in), c.name, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.Title != c.want {
			t.Errorf("%s (read as %s): title %q, want %q", c.name, d.Format, d.Title, c.want)
		}
	}
}

// TestFirstLine: the first line a reader sees, past blank lines,
// attribute entries and comments, its heading marks off.
func TestFirstLine(t *testing.T) {
	for _, c := range []struct {
		in, want string
		mark     byte
	}{
		{"\n:toc:\n// a comment\n= Title\n", "Title", '='},
		{"## Heading\ntext", "Heading", '#'},
		{"===\n", "===", 0},
		{"  plain line  \n", "plain line", 0},
		{"\n\n", "", 0},
	} {
		if got, mark := FirstLine(c.in); got != c.want || mark != c.mark {
			t.Errorf("FirstLine(%q) = %q, %q; want %q, %q", c.in, got, mark, c.want, c.mark)
		}
	}
}
