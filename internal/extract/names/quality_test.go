package names

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

var showErrors = flag.Bool("names.show", false, "print every missed and every wrong actor mention of the annoctr evaluation")

var testRec = sync.OnceValues(Load)

func recognizer(tb testing.TB) *Recognizer {
	tb.Helper()
	r, err := testRec()
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// goldMention is one line of annoctr's gold.jsonl.
type goldMention struct {
	Doc     string `json:"doc"`
	Start   int    `json:"start"` // code points
	End     int    `json:"end"`
	Surface string `json:"surface"`
	Label   string `json:"label"`
}

type annoDoc struct {
	name string
	text string
	gold [][2]int // code point spans
}

// loadAnnoCTR reads one split of annoctr: every text, and the GROUP
// mentions of each (offsets in code points, as annoctr counts them).
func loadAnnoCTR(tb testing.TB, split string) []annoDoc {
	tb.Helper()
	dir := shareddata.Path(tb, filepath.Join("annoctr", split))
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	gold := map[string][][2]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g goldMention
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			tb.Fatal(err)
		}
		if g.Label == "GROUP" {
			gold[g.Doc] = append(gold[g.Doc], [2]int{g.Start, g.End})
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "texts", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("skipping: no texts in %s", dir)
	}
	sort.Strings(files)
	var docs []annoDoc
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		docs = append(docs, annoDoc{name: name, text: string(data), gold: gold[name]})
	}
	return docs
}

// scores counts true and false positives and false negatives.
type scores struct{ tp, fp, fn int }

func (s scores) prf() (p, r, f float64) {
	if s.tp+s.fp > 0 {
		p = float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		r = float64(s.tp) / float64(s.tp+s.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// runeOffsets converts byte offsets of text to code point offsets.
func runeOffsets(text string) []int {
	out := make([]int, len(text)+1)
	n := 0
	for i := range text {
		out[i] = n
		n++
	}
	out[len(text)] = n
	// Fill the bytes inside multi-byte runes with their rune's offset.
	for i := 1; i < len(text); i++ {
		if !utf8.RuneStart(text[i]) {
			out[i] = out[i-1]
		}
	}
	return out
}

// evaluate compares the actor mentions Find returns with the gold ones:
// strict (same span) and lenient (overlapping spans).
func evaluate(t *testing.T, r *Recognizer, docs []annoDoc) (strict, lenient scores) {
	for _, d := range docs {
		offs := runeOffsets(d.text)
		var pred [][2]int
		var preds []Mention
		for _, m := range r.Find(d.text) {
			if m.Kind == Actor {
				pred = append(pred, [2]int{offs[m.Start], offs[m.End]})
				preds = append(preds, m)
			}
		}
		goldSet := map[[2]int]bool{}
		for _, g := range d.gold {
			goldSet[g] = true
		}
		predSet := map[[2]int]bool{}
		for _, p := range pred {
			predSet[p] = true
		}
		for i, p := range pred {
			if goldSet[p] {
				strict.tp++
			} else {
				strict.fp++
			}
			hit := false
			for _, g := range d.gold {
				if p[0] < g[1] && g[0] < p[1] {
					hit = true
				}
			}
			if hit {
				lenient.tp++
			} else {
				lenient.fp++
				if *showErrors {
					t.Logf("FP %s: %s   …%s…", d.name, preds[i], around(d.text, preds[i].Start, preds[i].End))
				}
			}
		}
		for _, g := range d.gold {
			if !predSet[g] {
				strict.fn++
			}
			hit := false
			for _, p := range pred {
				if p[0] < g[1] && g[0] < p[1] {
					hit = true
				}
			}
			if !hit {
				lenient.fn++
				if *showErrors {
					s, e := byteOffset(d.text, g[0]), byteOffset(d.text, g[1])
					t.Logf("FN %s: %q   …%s…", d.name, d.text[s:e], around(d.text, s, e))
				}
			} else if !predSet[g] && *showErrors {
				s, e := byteOffset(d.text, g[0]), byteOffset(d.text, g[1])
				t.Logf("SPAN %s: gold %q   …%s…", d.name, d.text[s:e], around(d.text, s, e))
			}
		}
	}
	return strict, lenient
}

func byteOffset(text string, runes int) int {
	n := 0
	for i := range text {
		if n == runes {
			return i
		}
		n++
	}
	return len(text)
}

func around(text string, s, e int) string {
	lo, hi := max(0, s-60), min(len(text), e+40)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	return strings.ReplaceAll(text[lo:s]+"[["+text[s:e]+"]]"+text[e:hi], "\n", "⏎")
}

// Floors for the annoctr evaluation, set just under what the recognizer
// reaches, so that a change that loses quality fails.
const (
	devStrictF1Floor    = 0.83 // reached: 0.844
	devLenientF1Floor   = 0.86 // reached: 0.868
	trainStrictF1Floor  = 0.80 // reached: 0.804 (0.815 when set)
	trainLenientF1Floor = 0.85 // reached: 0.851 (0.861 when set)
)

// TestAnnoCTRDev measures actor mentions on annoctr's dev split, reports
// never used to develop the recognizer.
func TestAnnoCTRDev(t *testing.T) {
	docs := loadAnnoCTR(t, "dev")
	strict, lenient := evaluate(t, recognizer(t), docs)
	sp, sr, sf := strict.prf()
	lp, lr, lf := lenient.prf()
	t.Logf("annoctr dev (%d reports): strict P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d); lenient P %.3f R %.3f F1 %.3f",
		len(docs), sp, sr, sf, strict.tp, strict.fp, strict.fn, lp, lr, lf)
	if sf < devStrictF1Floor || lf < devLenientF1Floor {
		t.Errorf("annoctr dev F1 strict %.3f lenient %.3f, below the floors %.2f and %.2f", sf, lf, devStrictF1Floor, devLenientF1Floor)
	}
}

// TestAnnoCTRTrain reports the same figures on the train split, the one
// the rules were developed on.
func TestAnnoCTRTrain(t *testing.T) {
	docs := loadAnnoCTR(t, "train")
	strict, lenient := evaluate(t, recognizer(t), docs)
	sp, sr, sf := strict.prf()
	lp, lr, lf := lenient.prf()
	t.Logf("annoctr train (%d reports): strict P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d); lenient P %.3f R %.3f F1 %.3f",
		len(docs), sp, sr, sf, strict.tp, strict.fp, strict.fn, lp, lr, lf)
	if sf < trainStrictF1Floor || lf < trainLenientF1Floor {
		t.Errorf("annoctr train F1 strict %.3f lenient %.3f, below the floors %.2f and %.2f", sf, lf, trainStrictF1Floor, trainLenientF1Floor)
	}
}
