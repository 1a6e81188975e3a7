package extract

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// wordsText is the corpus's texts and, with the shared data, AnnoCTR's
// dev reports: real text to read words from in every way.
func wordsText(t testing.TB) string {
	files, _ := filepath.Glob("testdata/corpus/*")
	text := shareddata.Join(t, "\n\n", files...)
	if dir, ok := shareddata.Root(); ok {
		more, _ := filepath.Glob(filepath.Join(dir, "annoctr", "dev", "texts", "*.txt"))
		text += "\n\n" + shareddata.Join(t, "\n\n", more...)
	}
	return text
}

// wordEdgeCases are texts where reading words off the recogniser's
// tokens could go wrong: inner punctuation, ampersands, underscores,
// digits after a period, letters outside ASCII, combining marks.
var wordEdgeCases = []string{
	"", "&", "&&", "& ", " &", "AT&T", "R & D", "&&T", "a&", "&1", "x-&y", "a.&b",
	"U.S. officials", "Al-Qaeda", "O'Brien's", "Iran’s", "Iran’", "’s", "v1.2", "a-1", "a--b", "a.b.c.d",
	"foo_bar", "_foo", "bar_", "snake_case_word", "Müller's", "naïve", "Ålesund & Co.", "e\u0301cole", "n\u0303 x",
	"tracked as Storm-2035; attributed to Iran’s IRGC", "GOVERNMENT OF IRAN", "'quoted'", "-lead", ".dot",
	"\u00a0on\u00a0Iran", "日本語のテキスト", "Ünïcödé-Wörd.Nächste", "x\xffy",
}

// longWordCases are runs longer than a token may be (names cuts them):
// alone, joined by inner marks, after an ampersand, in letters of two and
// three bytes. Not fuzzing seeds: the fuzzer spends minutes on inputs
// this long.
var longWordCases = []string{
	strings.Repeat("a", 200000), "x " + strings.Repeat("é", 70000) + " y", strings.Repeat("ab-", 50000),
	"&" + strings.Repeat("Z", 70000), strings.Repeat("a’b", 30000), strings.Repeat("中", 30000) + ".x",
	strings.Repeat("a", 65531) + "é" + strings.Repeat("b", 10), "O'" + strings.Repeat("b", 70000),
}

// TestWordsOf checks that the organisations' words read off the
// recogniser's tokens are tokenize's, word for word, on real text and on
// the edge cases.
func TestWordsOf(t *testing.T) {
	for _, text := range slices.Concat(wordEdgeCases, longWordCases, []string{wordsText(t)}) {
		got, want := wordsOf(text, names.Tokenize(text)), tokenize(text)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			for k := range min(len(got), len(want)) {
				if got[k] != want[k] {
					t.Fatalf("%.40q: word %d is %+v (%q), want %+v (%q)", text, k, got[k], text[got[k].Start:got[k].End], want[k], text[want[k].Start:want[k].End])
				}
			}
			t.Fatalf("%.40q: %d words, want %d", text, len(got), len(want))
		}
	}
}

// FuzzWordsOf compares the organisations' words read off the tokens with
// those read off the text, on any text.
func FuzzWordsOf(f *testing.F) {
	for _, s := range wordEdgeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := wordsOf(text, names.Tokenize(text)), tokenize(text); !(len(got) == 0 && len(want) == 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("wordsOf: %+v, tokenize %+v", got, want)
		}
	})
}
