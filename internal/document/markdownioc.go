package document

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// indicatorText is an inline parser that keeps the marks of emphasis and
// strikethrough ("_", "*", "~") inside a link or a defanged indicator as
// written: Markdown would read "hxxp://evil[.]com/_a_/b.php" as a word
// with "a" in italics and give "hxxp://evil[.]com/a/b.php", and
// "hxxps://x[.]com/p*q*r" as ".../pqr", corrupting the indicator, and
// "john_doe_x@mail.example" as "johndoex@mail.example".
//
// A mark is kept when the whitespace-delimited word it stands in looks
// like a link, a mail address or a defanged value (it holds "://", "[.]",
// "(.)", "{.}", "[:]", "[@]", "[dot]", "hxxp", starts with "www." or has
// an "@" after its first byte with a "." after that) and the mark is
// inside the word, between two of its characters: not at its start,
// where it opens emphasis around the indicator ("**hxxp://a[.]b/c**"),
// not after a link's closing parenthesis or a quote ("(https://…)**bold**",
// “*evil[.]com*”), not in the run of marks and punctuation that ends it,
// and only with the same mark again later in the word (a pair, as in
// "_a_"; one alone makes no emphasis there, and may close emphasis opened
// before the word). The rest of the word, up to that run, is then text.
type indicatorText struct{}

func (indicatorText) Trigger() []byte { return []byte{'_', '*', '~'} }

// maxIndicatorWord bounds how far back a mark looks for its word's start.
const maxIndicatorWord = 2048

func (indicatorText) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	src := block.Source()
	pos := seg.Start
	lo := pos
	for lo > 0 && pos-lo < maxIndicatorWord && !isMarkdownSpace(src[lo-1]) {
		lo--
	}
	if lo == pos || !indicatorByte(src[pos-1]) {
		return nil // the word's first mark, or one after ")" or a quote: emphasis, as around "[a link](…)**text**"
	}
	run := 0
	for run < len(line) && (line[run] == '_' || line[run] == '*' || line[run] == '~') {
		run++
	}
	if run == len(line) || !indicatorByte(line[run]) {
		return nil // nothing of the indicator after the marks: they close emphasis
	}
	hi := 0
	for hi < len(line) && hi < maxIndicatorWord && !isMarkdownSpace(line[hi]) {
		if line[hi] == ']' && hi+1 < len(line) && line[hi+1] == '(' {
			break // the end of a link's text: the link parser's
		}
		hi++
	}
	if bytes.IndexByte(line[run:hi], line[0]) < 0 {
		// No such mark later in the word: one alone makes no emphasis
		// in it, and this one may close emphasis opened before the word
		// ("**Location: hxxps://…/calc.dll**Pragma").
		return nil
	}
	end := hi // the word's end, less the run of marks and punctuation that closes it
	for end > 0 && bytes.IndexByte([]byte("_*~.,;:!?)'\""), line[end-1]) >= 0 {
		end--
	}
	if end == 0 || !looksLikeIndicator(src[lo:pos+hi]) {
		return nil
	}
	block.Advance(end)
	return ast.NewTextSegment(text.NewSegment(pos, pos+end))
}

// indicatorByte reports whether c may stand inside a link or a
// defanged value next to a mark: a letter, a digit, or one of "/.-=?&%#+@:[]".
func indicatorByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		bytes.IndexByte([]byte("/.-=?&%#+@:[]"), c) >= 0 // not a curly quote's bytes: “*evil[.]com*” is emphasis
}

func isMarkdownSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// looksLikeIndicator reports whether word looks like a link, a mail
// address or a defanged value.
func looksLikeIndicator(word []byte) bool {
	for _, m := range indicatorMarks {
		if bytes.Contains(word, m) {
			return true
		}
	}
	if at := bytes.IndexByte(word, '@'); at > 0 && bytes.IndexByte(word[at:], '.') > 1 {
		return true
	}
	return bytes.HasPrefix(word, []byte("www.")) || bytes.Contains(bytes.ToLower(word), []byte("hxxp"))
}

var indicatorMarks = [][]byte{[]byte("://"), []byte("[.]"), []byte("(.)"), []byte("{.}"), []byte("[:]"), []byte("[@]"), []byte("[dot]")}
