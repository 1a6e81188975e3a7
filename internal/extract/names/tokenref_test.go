package names

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// tokenizeRef is what tokenizeRange computes, written as its doc
// comments define it, one decoded character at a time: a token is a
// maximal run of letters, digits and combining marks (isWordRune), read
// while it is under TokenRun bytes long; its shape counts its upper-case
// letters and whether it has lower-case letters and digits; its flags
// say what it holds and what gap stands before it (gapFlags, for every
// gap).
func tokenizeRef(text string) []token {
	var out []token
	prevEnd := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		upper := 0
		var lower, digit, nonASCII, firstUpper bool
		for i < len(text) && i-start < TokenRun {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			nonASCII = nonASCII || r >= utf8.RuneSelf
			switch {
			case unicode.IsUpper(r):
				upper++
				firstUpper = firstUpper || i == start
			case unicode.IsLetter(r):
				lower = true
			case unicode.IsDigit(r):
				digit = true
			}
			i += size
		}
		t := token{start: int32(start), n: uint16(i - start)}
		switch {
		case !lower && upper == 0:
			t.shape = shapeDigits
		case upper == 0:
			t.shape = shapeLower
		case !lower && upper >= 2:
			t.shape = shapeUpper
		case !lower:
			t.shape = shapeTitle
		case firstUpper && upper == 1:
			t.shape = shapeTitle
		default:
			t.shape = shapeMixed
		}
		f := gapFlags(text, prevEnd, start)
		if nonASCII {
			f |= fNonASCII
		}
		if digit {
			f |= fHasDigit
		}
		if lower || upper > 0 {
			f |= fHasLetter
		}
		if firstUpper {
			f |= fCapital
		}
		t.flags = f
		out = append(out, t)
		prevEnd = i
	}
	return out
}

// tokenRefCases are texts whose every character class the tokenizer's
// table reads differently from the decoder: ASCII of every kind,
// letters, digits and marks outside ASCII, invalid UTF-8, runs past
// TokenRun, and every gap gapFlags tells apart.
var tokenRefCases = []string{
	"",
	"APT28 (Fancy Bear) targeted the DNC. Storm-2035: “Mint Sandstorm” a.k.a. 'Charming Kitten'",
	"École Été ünïcode Ölçü ÇAĞ straße ǅemal ﬁle ٣٤٥ ५ e\u0301 \u0301x",
	"\xff\xfeMint\u00a0Sandstorm\x80\xc3 APT\xe2\x80",
	"a\n\nb\r\nc|d|e: f. G! h? «i» „j“ *k* `l` [m] ‘n’ o—p q–r s…t",
	"x.y x-y x_y x'y x’y x  y x\ty x;y x,y x/y",
	strings.Repeat("a", 3*TokenRun+10) + " " + strings.Repeat("é", TokenRun) + " " + strings.Repeat("x中", TokenRun/3),
	strings.Repeat("Ab9", TokenRun/2) + ".",
	windowText(),
	// Windows mostly outside ASCII, which step reads alone, and windows
	// half in, whose masks go on after each character step reads.
	strings.Repeat("Хакерская группа APT28 атаковала штабы в 2016 году. 黑客组织APT41针对选举委员会。 Ölçü «ÇAĞ» ", 20),
}

// windowText is a text of every kind of token and gap, of lengths from
// 1 to 70 bytes, so that tokens start, end and run on at every offset of
// tokenizeRange's windows of 64 bytes, next to characters outside ASCII
// inside and outside words.
func windowText() string {
	pieces := []string{"a", "Z", "7", "é", "Ǆ", "中", "\u0301", "’", "“", "—", "\u00a0", "\xff", " ", ". ", "\n", "-", "_", "'", ": ", "|", "[", "*"}
	var b strings.Builder
	seed := uint32(1)
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for b.Len() < 40000 {
		for range 1 + next(70) { // a run of letters and digits, mostly ASCII
			switch k := next(20); {
			case k < 10:
				b.WriteByte(byte('a' + next(26)))
			case k < 14:
				b.WriteByte(byte('A' + next(26)))
			case k < 17:
				b.WriteByte(byte('0' + next(10)))
			default:
				b.WriteString(pieces[next(len(pieces))])
			}
		}
		b.WriteString(pieces[6+next(len(pieces)-6)]) // a gap, or a character outside ASCII
	}
	return b.String()
}

// TestTokenizeReference holds the table-driven tokenizer, whole and in
// pieces, to tokenizeRef on the labelled texts, the AnnoCTR reports
// (where the shared data is), and texts made to reach every branch.
func TestTokenizeReference(t *testing.T) {
	texts := slices.Clone(tokenRefCases)
	files, _ := filepath.Glob("testdata/labelled/*.txt")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if root, ok := shareddata.Root(); ok {
		reports, _ := filepath.Glob(filepath.Join(root, "annoctr", "*", "texts", "*.txt"))
		texts = append(texts, shareddata.Join(t, "", reports...))
	}
	for k, text := range texts {
		want := tokenizeRef(text)
		if got := tokenize(text, nil); !slices.Equal(got, want) {
			t.Errorf("text %d: tokenize differs from tokenizeRef at token %d of %d/%d", k, firstDiff(got, want), len(got), len(want))
		}
		if got := tokenizeInPieces(text, nil, 4); !slices.Equal(got, want) {
			t.Errorf("text %d: tokenizeInPieces differs from tokenizeRef at token %d", k, firstDiff(got, want))
		}
	}
}

func firstDiff(a, b []token) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func FuzzTokenize(f *testing.F) {
	for _, s := range tokenRefCases[:6] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := tokenize(text, nil), tokenizeRef(text); !slices.Equal(got, want) {
			t.Fatalf("tokenize(%q) differs from tokenizeRef at token %d: %v, want %v", text, firstDiff(got, want), got, want)
		}
		// The text at every offset of a window, and past its edges.
		long := strings.Repeat("x", 61) + " " + text + "y" + text + " " + text + strings.Repeat("z", 70)
		if got, want := tokenize(long, nil), tokenizeRef(long); !slices.Equal(got, want) {
			t.Fatalf("tokenize(%q) differs from tokenizeRef at token %d", long, firstDiff(got, want))
		}
	})
}
