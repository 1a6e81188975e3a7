package document

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// wholeSplit parses every section whole, as before pieces existed.
var wholeSplit = markdownSplit{workers: 1}

// finestSplit cuts every section at each cut point, however small.
var finestSplit = markdownSplit{workers: 3, minSec: 0, minPiece: 1}

// readBothWays reads data as Markdown whole and in the finest pieces, and
// fails tb unless the two Documents (or errors) are the same. It returns
// the stats of the read in pieces. It reads data so again in sections of
// a few hundred bytes, the pieces of one parsed while those of the
// section before are written, a little or a whole section ahead, and
// returns the sum of those reads' stats too.
func readBothWays(tb testing.TB, name string, data []byte, opt Options) (stats, small splitStats) {
	tb.Helper()
	stats = readBothSplits(tb, name, data, opt, wholeSplit, finestSplit)
	for _, ahead := range []int{1, 1 << 10} {
		whole, fine := wholeSplit, finestSplit
		whole.section, fine.section, fine.ahead = 300, 300, ahead
		s := readBothSplits(tb, fmt.Sprintf("%s (in sections of 300 bytes, %d ahead)", name, ahead), data, opt, whole, fine)
		small.pieces += s.pieces
		small.refused += s.refused
	}
	return stats, small
}

// readBothSplits reads data as Markdown as whole says and as pieces
// says, and fails tb unless the two Documents (or errors) are the same.
func readBothSplits(tb testing.TB, name string, data []byte, opt Options, whole, pieces markdownSplit) splitStats {
	tb.Helper()
	opt = opt.withDefaults()
	want, _, werr := readMarkdownSplit(bytes.NewReader(data), opt, whole)
	got, stats, gerr := readMarkdownSplit(bytes.NewReader(data), opt, pieces)
	if (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
		tb.Fatalf("%s: whole: error %v; in pieces: error %v", name, werr, gerr)
	}
	if werr != nil {
		return stats
	}
	if !reflect.DeepEqual(got, want) {
		tb.Fatalf("%s: read in %d pieces (%d cuts refused), the Document differs from the whole read:\n%s",
			name, stats.pieces, stats.refused, firstDifference(want, got))
	}
	return stats
}

// firstDifference says where two Documents first differ.
func firstDifference(want, got *Document) string {
	switch {
	case want.Title != got.Title:
		return "title " + strconvQuote(got.Title) + ", want " + strconvQuote(want.Title)
	case !reflect.DeepEqual(want.Warnings, got.Warnings):
		return "warnings " + strings.Join(got.Warnings, "; ") + "\nwant " + strings.Join(want.Warnings, "; ")
	case want.Text != got.Text:
		i := 0
		for i < len(want.Text) && i < len(got.Text) && want.Text[i] == got.Text[i] {
			i++
		}
		from := max(i-80, 0)
		return "text from byte " + strconvQuote(want.Text[from:min(i+80, len(want.Text))]) +
			"\nin pieces        " + strconvQuote(got.Text[from:min(i+80, len(got.Text))])
	}
	for i := range min(len(want.Links), len(got.Links)) {
		if want.Links[i] != got.Links[i] {
			return "link " + strconvQuote(got.Links[i].URL) + " differs from " + strconvQuote(want.Links[i].URL)
		}
	}
	return "links differ in number"
}

func strconvQuote(s string) string { return "\"" + strings.ReplaceAll(s, "\n", `\n`) + "\"" }

// TestMarkdownPieces reads every Markdown, AsciiDoc and text document of
// the tests (and of the shared data, when present) as Markdown both
// whole and in the smallest pieces, with the default limits and with
// small ones (text cut short, shallow nesting), and requires the same
// Document. It also requires that pieces were parsed at all.
func TestMarkdownPieces(t *testing.T) {
	dirs := []string{"testdata", "../extract/testdata"}
	if root, ok := shareddata.Root(); ok {
		dirs = append(dirs, filepath.Join(root, "reports"), filepath.Join(root, "annoctr"))
	}
	var all bytes.Buffer // every document, one after another
	files, total, small := 0, splitStats{}, splitStats{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".md", ".markdown", ".adoc", ".txt":
			default:
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, opt := range []Options{{}, {MaxTextBytes: 2000, MaxDepth: 2}} {
				s, sm := readBothWays(t, p, data, opt)
				total.pieces += s.pieces
				total.refused += s.refused
				small.pieces += sm.pieces
				small.refused += sm.refused
			}
			if !bytes.Contains(data, []byte("]:")) {
				// A reference definition would keep the whole from
				// being cut.
				all.Write(data)
				all.WriteString("\n\n")
			}
			files++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// All of them as one long document, repeated past a section's
	// length: pieces run from one document's end into the next one's
	// start, and from one section into the next.
	one := all.Len()
	for all.Len() <= markdownSection {
		all.Write(all.Bytes()[:one])
	}
	s, _ := readBothWays(t, "all the documents", all.Bytes(), Options{})
	t.Logf("%d documents (%d bytes in all): %d pieces, %d cuts refused; in sections of 300 bytes, %d pieces, %d refused; all in one, %d bytes: %d pieces, %d refused",
		files, one, total.pieces, total.refused, small.pieces, small.refused, all.Len(), s.pieces, s.refused)
	if total.pieces == 0 || small.pieces == 0 || s.pieces == 0 {
		t.Errorf("%d pieces parsed, %d in small sections, %d in all the documents as one: the comparison did not reach the pieces", total.pieces, small.pieces, s.pieces)
	}
}

// TestMarkdownPieceCases compares whole and piecewise reads on the cases
// that a cut must not break, and checks how many pieces each was read in.
func TestMarkdownPieceCases(t *testing.T) {
	for _, c := range []struct {
		name, src       string
		pieces, refused int
	}{
		{"paragraphs", "a\n\nb\n\nc\n", 3, 0},
		{"crlf", "a\r\n\r\nb\r\n", 2, 0},
		{"heading title", "intro\n\n# Title\n\ntext\n", 3, 0},
		{"loose list then text", "- a\n\n- b\n\nafter\n", 2, 0},
		{"list item continued", "- a\n\n  b\n\nc\n", 2, 0},
		{"empty list item", "-\n\nfoo\n", 2, 0},
		{"quote", "> a\n\nb\n", 2, 0},
		{"indented code", "    code\n\n    more\n\nafter\n", 2, 0},
		{"fence skipped", "```\na\n\nb\n```\n\nc\n", 2, 0},
		{"tilde fence", "~~~~\na\n\nb\n~~~\n\nc\n~~~~\n\nd\n", 2, 0},
		{"indented fence", "  ```\na\n\nb\n  ```\n\nc\n", 2, 0},
		{"fence after html", "<div>\n```\n</div>\n\nfoo\n```\n\n# h\n", 0, 1},
		{"empty fence before a heading", "<div>\n```\n</div>\n\n```\n# h\n", 0, 1},
		{"closed empty fence", "a\n\n```\n```\n\nb\n", 1, 1},
		{"headings", "a\n# b\nc\n## d\n###\n", 4, 0},
		{"heading ends a list", "- a\n# b\n", 2, 0},
		{"heading ends a quote", "> a\n# b\n", 2, 0},
		{"heading in an html block", "<div>\na\n# b\n", 0, 1},
		{"heading in a comment", "<!-- a\n# b\n-->\n", 0, 1},
		{"heading after a fence", "```\n# a\n```\n# b\n", 2, 0},
		{"heading in a table", "| a |\n|---|\n| b |\n# c\n| d |\n", 2, 0},
		{"no headings", "a\n#b\n####### c\n", 0, 0},
		{"fence in list", "- ```\n  a\n\nb\n", 2, 0},
		{"html comment", "<!--\na\n\nb\n-->\n\nc\n", 0, 1},
		{"html div", "<div>\na\n\nb\n</div>\n", 2, 0},
		{"html script", "<script>\na\n\nb\n</script>\n\nc\n", 0, 1},
		{"table", "| a | b |\n|---|---|\n| c | d |\n\ne\n", 2, 0},
		{"setext", "a\n\n===\n\nb\n---\n", 3, 0},
		{"reference", "[x]\n\n[x]: http://x.example\n", 0, 0},
		{"links", "[a](http://a.example) <b@c.example>\n\nwww.d.example\n", 2, 0},
		{"inline html link", "a <a href=\"http://x.example\">b\n\nc</a> d\n", 2, 0},
		{"open fence at the end", "text\n\n```\nno close\n", 2, 0},
		{"fences end paragraphs", "a\nb\n```x\nc\n```\nd\n~~~\ne\n~~~\nf\n```a`b\ng\n", 3, 0},
		{"fence ends a list and a quote", "- a\n```\nb\n```\n> c\n~~~\nd\n", 3, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _ := readBothWays(t, c.name, []byte(c.src), Options{})
			if s.pieces != c.pieces || s.refused != c.refused {
				t.Errorf("%q: %d pieces, %d cuts refused; want %d, %d", c.src, s.pieces, s.refused, c.pieces, c.refused)
			}
		})
	}
}

// TestCutPoints checks where a section may be cut.
func TestCutPoints(t *testing.T) {
	for _, c := range []struct {
		src  string
		sp   markdownSplit
		want []int
	}{
		{"a\n\nb\n\nc", finestSplit, []int{3, 6}},
		{"a\n\nb\n\nc", wholeSplit, nil},
		{"a\n\nb\n\nc", markdownSplit{workers: 2, minSec: 100, minPiece: 1}, nil},
		{"aaaa\n\nb\n\nc\n\nd", markdownSplit{workers: 2, minPiece: 5}, []int{6, 12}},
		{"aaaa\n\nb\n\nc\n\nd", markdownSplit{workers: 2, minPiece: 1, perWorker: 2}, []int{6, 9, 12}},
		{"aaaa\n\nb\n\nc\n\nd", markdownSplit{workers: 2, minPiece: 1, perWorker: 1}, []int{6, 12}},
		{"a\n\n b\n\n-c\n\n1. d\n\n>e\n\n*f\n\n+g\n\n\th", finestSplit, nil},
		{"a\n\n#b\n\n=c\n\n[d\n\n|e\n\n!f\n\n`g\n\n~h\n\n<i\n\n_j\n\n(k\n\n\"l\n\n'm", finestSplit,
			[]int{3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47}},
		{"a\n\n[b]: /u\n\nc", finestSplit, nil},
		{"```\na\n\nb\n```\n\nc", finestSplit, []int{14}},
		{"```\na\n\n``\n\nb\n````x\n\nc\n```\n\nd", finestSplit, []int{27}},
		{"a\n \nb", finestSplit, nil},
		{"a\n# b\n#c\n####### d\n###### e\n#\r\n#", finestSplit, []int{2, 19, 28, 31}},
		{"```\n# a\n ~~~\n   ```\n# b\n    ```\n# c", finestSplit, []int{20, 32}},
		// A fence opening at the first column, outside a fence, is a cut
		// point; "```a`b" opens none (a backtick in its info string).
		{"a\n```x\nb\n```\nc\n~~~\nd\n~~~\n```a`b\ne", finestSplit, []int{2, 15}},
		{"a\n ```\nb\n ```\nc", finestSplit, nil},
	} {
		if got := cutPoints(c.src, c.sp); !reflect.DeepEqual(got, c.want) {
			t.Errorf("cutPoints(%q, %+v) = %v, want %v", c.src, c.sp, got, c.want)
		}
	}
}

// FuzzMarkdownPieces compares whole and piecewise reads of arbitrary
// Markdown.
func FuzzMarkdownPieces(f *testing.F) {
	seed(f, "markdown")
	for _, s := range []string{
		"a\n\n```\nb\n\nc\n```\n\n- d\n\n  e\n\nf\n\n> g\n\nh\n",
		"<!--\na\n\nb -->\n\n  ~~~\nc\n\nd\n\n<pre>\ne\n\nf\n</pre>\n\ng\n",
		"| a | b |\n|---|---|\n| `c\\|d` | e |\n\nf\n\n| g |\n|---|\n| `h\\|i` |\n",
		"1. a\n\n2. b\n\nc <a href=x>d\n\ne</a>\n\n* f\n\ng\n===\n\nh\n",
		"    a\n\n    b\n\nc *d\n\ne* f\n\n[g\n\nh](i)\n\n# j {#k}\n\nl\n",
		"a\n# b\n<div>\n# c\n```\n# d\n```\n- e\n# f\n> g\n## h\n<!-- i\n# j\n-->\n| k |\n|---|\n# l\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		readBothWays(t, "the input", data, fuzzOptions)
	})
}

// TestSourceUnchanged reads Markdown ending in a code block without a
// final line end, whose last line goldmark's Segment.Value completes with
// one by appending to a slice of the source, and checks that the source,
// handed to goldmark without a copy, is as it was.
func TestSourceUnchanged(t *testing.T) {
	for _, src := range []string{"    code", "```\ncode", "a\n\n    code\n\n# b\n\n    more", "x\n\n```\ncode"} {
		// Cut from a longer string, as sections and pieces are: the byte
		// after it is what an append in place would overwrite.
		whole := src + "!" + src
		in := whole[:len(src)]
		for _, sp := range []markdownSplit{wholeSplit, finestSplit} {
			m := &mdRenderer{w: newBuilder(1 << 20), maxDepth: 10}
			if err := m.sections([]string{in}, sp); err != nil {
				t.Fatal(err)
			}
			if whole != src+"!"+src {
				t.Fatalf("reading %q changed the string it was cut from: %q", src, whole)
			}
		}
	}
}
