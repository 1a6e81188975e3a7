package names

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// TestTokenizeInPieces checks that a text read in pieces gives tokenize's
// tokens and flags, whatever the number of pieces and wherever the line
// breaks that end them fall: after a colon, before an opening quote, in
// a run of blank lines, in non-ASCII text.
func TestTokenizeInPieces(t *testing.T) {
	files, _ := filepath.Glob("testdata/labelled/*.txt")
	labelled := shareddata.Join(t, "", files...) + "Phishing:\n“Fancy Bear”\n\n\n'quoted'\nÉcole Été ünïcode\n:\nx.\nY\n-z\n|cell|\n\n"
	dense := strings.Repeat("a ", 300) // more tokens than a piece's window holds
	texts := []string{labelled, "a\nb", "\n\n\n", "", "no line break at all", "é\nü\n",
		dense + "\n" + dense + "\nc", "word\n" + dense, dense + "\nword"}
	for _, text := range texts {
		want := tokenize(text, nil)
		lines := []int{0} // every line a piece of its own: many pieces without a token
		for k := range len(text) {
			if text[k] != '\n' || k+1 == len(text) {
				continue
			}
			lines = append(lines, k+1)
			if got := tokenizeCut(text, nil, []int{0, k + 1, len(text)}); !slices.Equal(got, want) {
				t.Fatalf("cut after byte %d: tokens differ from tokenize's", k)
			}
		}
		if got := tokenizeCut(text, nil, append(lines, len(text))); !slices.Equal(got, want) {
			t.Fatalf("cut at every line: tokens differ from tokenize's")
		}
		for pieces := 1; pieces <= 9; pieces++ {
			got := tokenizeInPieces(text, nil, pieces)
			if !slices.Equal(got, want) {
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Fatalf("%d pieces: token %d is %+v (%q), want %+v", pieces, i, got[i], text[got[i].start:got[i].end()], want[i])
					}
				}
				t.Fatalf("%d pieces: %d tokens, want %d", pieces, len(got), len(want))
			}
		}
	}
}

// TestFindInPieces checks that the dictionary and the phrase matcher
// read in pieces side by side find what one pass finds, whatever the
// number of pieces: the labelled texts, the extraction corpus and the
// AnnoCTR reports when present, one after another.
func TestFindInPieces(t *testing.T) {
	r := recognizer(t)
	globs := []string{"testdata/labelled/*.txt", "../testdata/corpus/*.txt", "../testdata/corpus/*.md", "../testdata/corpus/*.adoc"}
	if dir, ok := shareddata.Root(); ok {
		globs = append(globs, filepath.Join(dir, "annoctr", "*", "texts", "*.txt"))
	}
	var files []string
	for _, g := range globs {
		more, _ := filepath.Glob(g)
		files = append(files, more...)
	}
	text := shareddata.Join(t, "\n\n", files...)
	want := r.findExcept(text, nil, 1, Hooks{})
	if len(want) == 0 {
		t.Fatal("no mentions found")
	}
	for _, pieces := range []int{2, 3, 7, 16, 64} {
		if got := r.findExcept(text, nil, pieces, Hooks{}); !slices.Equal(got, want) {
			t.Errorf("%d pieces: %d mentions, want %d", pieces, len(got), len(want))
		}
	}
	// FindWith finds the same, giving the tokens and then calling Then
	// once, whatever the length of the text.
	for _, s := range []string{text, text[:200], ""} {
		calls := 0
		got := r.FindWith(s, nil, Hooks{Tokens: func(toks Tokens) {
			if calls != 0 {
				t.Errorf("FindWith on %d bytes gave the tokens after calling Then", len(s))
			}
			if want := Tokenize(s); !slices.Equal(toks.toks, want.toks) {
				t.Errorf("FindWith on %d bytes gave %d tokens, Tokenize %d", len(s), toks.Len(), want.Len())
			}
		}, Then: func() { calls++ }})
		if calls != 1 {
			t.Errorf("FindWith on %d bytes called Then %d times, want once", len(s), calls)
		}
		if want := r.FindExcept(s, nil); !slices.Equal(got, want) {
			t.Errorf("FindWith on %d bytes: %d mentions, FindExcept %d", len(s), len(got), len(want))
		}
	}
}

// gapFlagsByScan is gapFlags as it was first written, a scan after each
// full stop for the white space that makes it end a sentence: the
// reference for the one-pass gapFlags.
func gapFlagsByScan(gap string) uint8 {
	var f uint8
	for j := 0; j < len(gap); j++ {
		switch gap[j] {
		case '\n', '\r', '|':
			f |= fSentence
		case ':':
			f |= fSentence | fColon
		case '.', '!', '?':
			for k := j + 1; k < len(gap); k++ {
				if c := gap[k]; c == ' ' || c == '\n' || c == '\r' || c == '\t' {
					f |= fSentence
					break
				}
			}
		}
	}
	return f
}

// TestGapFlags compares gapFlags with the reference on every gap of up
// to six characters drawn from the ones it reads (and one it does not).
func TestGapFlags(t *testing.T) {
	alphabet := []byte{' ', '\t', '\n', '\r', '|', ':', '.', '!', '?', ','}
	var walk func(gap []byte)
	walk = func(gap []byte) {
		if len(gap) > 0 {
			text := "a" + string(gap) + "b"
			got := gapFlags(text, 1, 1+len(gap))
			switch string(gap) {
			case " ", ".":
				if got != fTight {
					t.Errorf("gap %q: flags %b, want tight", gap, got)
				}
				return
			}
			if want := gapFlagsByScan(string(gap)); got&^fAfterQuote != want {
				t.Errorf("gap %q: flags %b, want %b", gap, got, want)
			}
		}
		if len(gap) == 6 {
			return
		}
		for _, c := range alphabet {
			walk(append(gap, c))
		}
	}
	walk(nil)
}

// TestTokenizeLongPunctuation reads a word, a megabyte of question marks
// and another word: one pass over the marks (a scan after each for the
// white space that ends a sentence was a million-squared steps).
func TestTokenizeLongPunctuation(t *testing.T) {
	text := "a" + strings.Repeat("?", 1<<20) + " b"
	toks := tokenize(text, nil)
	if len(toks) != 2 || !toks[1].is(fSentence) {
		t.Fatalf("%d tokens, the second a sentence's first: %v", len(toks), len(toks) == 2 && toks[1].is(fSentence))
	}
}

// TestTokenizeLongRun checks that a run of letters longer than a token
// may hold is cut into tokens of at most maxToken bytes, one after
// another, each at a character's boundary, and that what follows is read
// as before.
func TestTokenizeLongRun(t *testing.T) {
	for _, run := range []string{strings.Repeat("a", 3*maxToken+10), strings.Repeat("é", maxToken), strings.Repeat("x中", maxToken/3)} {
		text := "before " + run + " after"
		toks := tokenize(text, nil)
		if len(toks) < 4 {
			t.Fatalf("%d tokens for a run of %d bytes between two words, want the run cut", len(toks), len(run))
		}
		if w := text[toks[0].start:toks[0].end()]; w != "before" {
			t.Errorf("first token %q, want before", w)
		}
		last := toks[len(toks)-1]
		if w := text[last.start:last.end()]; w != "after" {
			t.Errorf("last token %q, want after", w)
		}
		at := len("before ")
		for _, tk := range toks[1 : len(toks)-1] {
			if int(tk.start) != at {
				t.Fatalf("a run's token starts at %d, want %d (right after the one before)", tk.start, at)
			}
			if tk.n == 0 || !utf8.ValidString(text[tk.start:tk.end()]) {
				t.Fatalf("token at %d, %d bytes: empty or cut inside a character", tk.start, tk.n)
			}
			at = int(tk.end())
		}
		if at != len("before ")+len(run) {
			t.Errorf("the run's tokens end at %d, want %d", at, len("before ")+len(run))
		}
	}
}

// TestShortKey holds shortKey's two ways of reading (eight bytes at
// once, and byte by byte at the text's end) to the same key, and keys
// to words: distinct words of up to eight bytes, distinct keys.
func TestShortKey(t *testing.T) {
	words := []string{"a", "A", "ab", "ba", "group", "Group", "APT28", "apt28", "Sandworm", "sandwork", "é", "été", "12345678"}
	seen := map[uint64]string{}
	for _, w := range words {
		text := "  " + w + " and more text after it"
		key := shortKey(text, 2, len(w))
		if end := shortKey(w, 0, len(w)); end != key {
			t.Errorf("shortKey(%q): %#x inside a text, %#x at its end", w, key, end)
		}
		if key == 0 {
			t.Errorf("shortKey(%q) = 0, the empty slot's key", w)
		}
		if other, ok := seen[key]; ok {
			t.Errorf("shortKey(%q) = shortKey(%q) = %#x", w, other, key)
		}
		seen[key] = w
	}
}

// TestWordIDs: FindWith gives, with the tokens, Hooks.WordID's id of each
// token of ASCII letters and digits of up to 16 bytes, lower-cased, and 0
// for the others, on the corpus texts (whose words repeat, so that most
// ids come from classifyRange's memos) and on words that stemming cuts
// in place ("denies", "activities"); WordID is asked about distinct words
// only, each once a memo.
func TestWordIDs(t *testing.T) {
	r := recognizer(t)
	files, _ := filepath.Glob("../testdata/corpus/*")
	text := strings.Repeat("Moscow denies the activities. DENIES Denies carries x_y ab12 "+strings.Repeat("z", 16)+" "+strings.Repeat("z", 17)+" café\n", 3)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text += string(b) + "\n\n"
	}
	id := func(lower []byte) uint16 { // a hash of the whole word: any other word, or the word cut, gets another
		h := uint16(len(lower))
		for _, c := range lower {
			h = h*31 + uint16(c)
		}
		return h | 1
	}
	var calls atomic.Int64 // WordID is asked from the pieces side by side
	var toks Tokens
	r.FindWith(text, nil, Hooks{Tokens: func(tk Tokens) { toks = tk }, WordID: func(lower []byte) uint16 { calls.Add(1); return id(lower) }})
	ids := toks.WordIDs()
	if len(ids) != toks.Len() || toks.Len() < 10000 {
		t.Fatalf("%d ids for %d tokens", len(ids), toks.Len())
	}
	for i := range toks.Len() {
		start, end, _, nonASCII, _ := toks.At(i)
		want := uint16(0)
		if !nonASCII && end-start <= 16 {
			want = id([]byte(strings.ToLower(text[start:end])))
		}
		if ids[i] != want {
			t.Fatalf("token %d %q: id %d, want %d", i, text[start:end], ids[i], want)
		}
	}
	if n := calls.Load(); n >= int64(toks.Len()/2) {
		t.Errorf("WordID was asked %d times for %d tokens: the memos should answer most", n, toks.Len())
	}
	if r.FindWith("APT28 denies it", nil, Hooks{Tokens: func(tk Tokens) { toks = tk }}); toks.WordIDs() != nil {
		t.Errorf("ids without WordID: %v", toks.WordIDs())
	}
}
