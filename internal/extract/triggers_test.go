package extract

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/extract/names"
)

// sentenceWordsByte is sentenceWords as it was written first, byte by
// byte, with each word's lower case looked up in vocab: what the fast
// one must read, word for word.
func sentenceWordsByte(text string, start, end int) []cword {
	var ws []cword
	gapFrom := -1
	i := start
	for i < end {
		if wordByte[text[i]] == 0 {
			i++
			continue
		}
		from := i
		letters := true
		var lower []byte
		for i < end && wordByte[text[i]] != 0 {
			c := wordByte[text[i]]
			letters = letters && c >= 'a'
			lower = append(lower, c)
			i++
		}
		w := cword{start: int32(from), end: int32(i), letters: letters, gap: gapOther}
		if len(lower) <= maxVocabWord {
			w.id = vocab[string(lower)]
		}
		if gapFrom >= 0 {
			w.gap = gapOf(text[gapFrom:from])
		}
		ws = append(ws, w)
		gapFrom = i
	}
	return ws
}

// triggerWordCases are texts whose words are cut or looked up in ways the
// masks could get wrong: words at the edges of 64-byte windows, longer
// than a window, of exactly maxVocabWord bytes and one more, at the very
// end of the text, with digits and underscores, and trigger words in
// upper case.
var triggerWordCases = func() []string {
	cases := []string{"", "a", "_", "Attributed", "ATTRIBUTED TO Iran", "attributed_to", "deny2", "x\xffdenied",
		"denied\u00a0it", "Iran’s", "state-sponsored", "on behalf of", strings.Repeat("a", 16), strings.Repeat("a", 17),
		strings.Repeat("ab1_", 40) + " denied", "é" + strings.Repeat("z", 63) + "denied",
		strings.Repeat("z", 64) + "9 denied", "x " + strings.Repeat("Q", 130) + "_ DENIED"}
	for n := 55; n <= 70; n++ {
		cases = append(cases, strings.Repeat(" ", n)+"attributed to", strings.Repeat("x", n)+" denied", strings.Repeat(".", n-6)+"denied.")
	}
	return cases
}()

// sameWords fails t unless got are the words the byte-by-byte reading
// finds in text[start:end], saying the first that differs.
func sameWords(t *testing.T, text string, start, end int, got []cword) {
	t.Helper()
	want := sentenceWordsByte(text, start, end)
	if len(got) == 0 && len(want) == 0 || reflect.DeepEqual(got, want) {
		return
	}
	for k := range min(len(got), len(want)) {
		if got[k] != want[k] {
			t.Fatalf("%.40q [%d:%d]: word %d is %+v (%q), want %+v (%q)", text, start, end, k, got[k], text[got[k].start:got[k].end], want[k], text[want[k].start:want[k].end])
		}
	}
	t.Fatalf("%.40q [%d:%d]: %d words, want %d", text, start, end, len(got), len(want))
}

// TestSentenceWords checks that the words read through the masks are
// the byte-by-byte reading's, on real text (sentence by sentence, as the
// claims read it, and as one span) and on the edge cases, from every
// start in the first bytes.
func TestSentenceWords(t *testing.T) {
	check := func(text string, start, end int) {
		t.Helper()
		sameWords(t, text, start, end, sentenceWords(text, start, end, nil))
	}
	real := wordsText(t)
	ids := 0
	for _, s := range Sentences(real) {
		check(real, s.Start, s.End)
		for _, w := range sentenceWordsByte(real, s.Start, s.End) {
			if w.id != 0 {
				ids++
			}
		}
	}
	if ids < 1000 {
		t.Fatalf("%d trigger words in the corpus: the test reads too little", ids)
	}
	check(real, 0, len(real))
	for _, text := range slices.Concat(triggerWordCases, wordEdgeCases, longWordCases) {
		for start := range min(len(text), 70) + 1 {
			check(text, start, len(text))
			if len(text) > start+1 {
				check(text, start, len(text)-1)
			}
		}
	}
}

// FuzzSentenceWords compares the two readings on any text.
func FuzzSentenceWords(f *testing.F) {
	for _, s := range triggerWordCases {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, start int) {
		if start < 0 || start > len(text) {
			start = 0
		}
		if got, want := sentenceWords(text, start, len(text), nil), sentenceWordsByte(text, start, len(text)); !(len(got) == 0 && len(want) == 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("sentenceWords: %+v, byte by byte %+v", got, want)
		}
	})
}

// tokenWordCases are texts where the recogniser's tokens and the claims'
// words part: underscores joining tokens, before, after and alone;
// characters outside ASCII inside a token, between tokens and next to
// underscores; combining marks; tokens cut at names.TokenRun bytes.
var tokenWordCases = []string{
	"foo_bar denied", "_foo", "foo_", "__ denied __", "Name: ______ Date: ____", "a _ b", "x__y__z",
	"café denied", "naïve_x attributed to", "é_foo", "foo_é", "e\u0301 denied", "Mo\u0308bius_2 attributed",
	"ab\u00a0cd", "x\xffdenied_y", "APT28’s hackers", "über-hackers", "\u212Aey", "ſo denied",
	strings.Repeat("q", names.TokenRun+10) + " denied", strings.Repeat("q", names.TokenRun-1) + "é" + strings.Repeat("w", 30),
	"9_9 1_ _1", "a.b_c,d", "\t_\n_ x",
}

// TestTokenWords checks that the words tokenReader reads off the tokens
// are the byte-by-byte reading's: sentence by sentence over real text, one
// reader from the first sentence and one from the middle (as the claims'
// pieces read), and on the cases where tokens and words part, from every
// start and to ends in the last bytes, by a reader that starts there and
// by one that read the bytes before as a sentence first.
func TestTokenWords(t *testing.T) {
	check := func(r *tokenReader, start, end int) {
		t.Helper()
		sameWords(t, r.text, start, end, r.words(start, end, nil))
	}
	real := wordsText(t)
	toks := names.Tokenize(real)
	sents := Sentences(real)
	r := newTokenReader(real, toks, 0)
	for _, s := range sents {
		check(r, s.Start, s.End)
	}
	// From a sentence in the middle on, as a piece of the claims starts.
	r = newTokenReader(real, toks, sents[len(sents)/2].Start)
	for _, s := range sents[len(sents)/2:] {
		check(r, s.Start, s.End)
	}
	check(newTokenReader(real, toks, 0), 0, len(real))
	// With the recogniser's ids of the words (names.Hooks.WordID), as Find
	// reads them.
	withIDs := recognizerTokens(t, real)
	if withIDs.WordIDs() == nil {
		t.Fatal("the recogniser gave no word ids")
	}
	r = newTokenReader(real, withIDs, 0)
	for _, s := range sents {
		check(r, s.Start, s.End)
	}
	for _, text := range slices.Concat(tokenWordCases, triggerWordCases, wordEdgeCases) {
		toks := names.Tokenize(text)
		for start := range min(len(text), 40) + 1 {
			for _, end := range []int{len(text), max(start, len(text)-1), max(start, len(text)-3), min(len(text), start+5)} {
				check(newTokenReader(text, toks, start), start, end)
				// Two sentences, the second from where the first ends.
				r := newTokenReader(text, toks, 0)
				check(r, 0, start)
				check(r, start, end)
			}
		}
	}
}

// FuzzTokenWords compares tokenReader with the byte-by-byte reading on any
// text, for two sentences, [0:start] and [start:end].
func FuzzTokenWords(f *testing.F) {
	for _, s := range slices.Concat(tokenWordCases, triggerWordCases) {
		f.Add(s, 0, len(s))
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || start > len(text) {
			start = 0
		}
		if end < start || end > len(text) {
			end = len(text)
		}
		r := newTokenReader(text, names.Tokenize(text), 0)
		if first := r.words(0, start, nil); !(len(first) == 0 && start == 0) && !reflect.DeepEqual(first, sentenceWordsByte(text, 0, start)) {
			t.Fatalf("tokenReader [0:%d]: %+v, byte by byte %+v", start, first, sentenceWordsByte(text, 0, start))
		}
		got := r.words(start, end, nil)
		if want := sentenceWordsByte(text, start, end); !(len(got) == 0 && len(want) == 0) && !reflect.DeepEqual(got, want) {
			t.Fatalf("tokenReader [%d:%d]: %+v, byte by byte %+v", start, end, got, want)
		}
	})
}

// recognizerTokens returns the tokens of text as Find has them: the name
// recogniser's, with vocabID's id of each word.
func recognizerTokens(t testing.TB, text string) names.Tokens {
	r, err := names.Load()
	if err != nil {
		t.Fatal(err)
	}
	var toks names.Tokens
	r.FindWith(text, nil, names.Hooks{Tokens: func(tk names.Tokens) { toks = tk }, WordID: vocabID})
	return toks
}

// TestVocabIDs: the id the recogniser gives each token through vocabID
// is lookupWord's, for every token of ASCII letters and digits of up to
// 16 bytes of the corpus (trigger words in every case among them), and 0
// for the rest.
func TestVocabIDs(t *testing.T) {
	text := wordsText(t) + " ATTRIBUTED Attributed attributed denies DENIES activities " + strings.Repeat("deny", 5)
	toks := recognizerTokens(t, text)
	ids := toks.WordIDs()
	found := 0
	for i := range toks.Len() {
		start, end, _, nonASCII, _ := toks.At(i)
		want := uint16(0)
		if !nonASCII && end-start <= maxVocabWord {
			want = lookupWord(text, start, end)
		}
		if ids[i] != want {
			t.Fatalf("token %d %q: id %d, lookupWord %d", i, text[start:end], ids[i], want)
		}
		if want != 0 {
			found++
		}
	}
	if found < 1000 {
		t.Fatalf("%d tokens are trigger words: the test reads too little", found)
	}
	if vocabID(nil) != 0 || vocabID([]byte(strings.Repeat("a", maxVocabWord+1))) != 0 {
		t.Error("vocabID of nothing, or of a word longer than any trigger's, is not 0")
	}
}
