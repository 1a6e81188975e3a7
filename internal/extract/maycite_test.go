package extract

import (
	"path/filepath"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// TestMayCite checks that mayCite lets through every text citeCue finds
// a cue in: every sentence of the corpus and of AnnoCTR's dev reports,
// their tails, the cues themselves in any case, and texts with letters
// outside ASCII that fold to a cue's.
func TestMayCite(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*")
	text := shareddata.Join(t, "\n\n", files...)
	if dir, ok := shareddata.Root(); ok {
		more, _ := filepath.Glob(filepath.Join(dir, "annoctr", "dev", "texts", "*.txt"))
		text += "\n\n" + shareddata.Join(t, "\n\n", more...)
	}
	var texts []string
	for _, s := range Sentences(text) {
		sent := text[s.Start:s.End]
		texts = append(texts, sent)
		for k := 0; k < len(sent); k += 37 {
			texts = append(texts, sent[k:])
		}
	}
	texts = append(texts, "According to", "REPORTED BY", "As Detailed In", "see", "Refer to", "cf.", "Source:", "Readers may visit",
		"ſee", "ſee https://x", "\u212a", "learn more", "lear\u00e9n more", "more information is available at", "x0.ac/0 0.ac/0 0.ac/0")
	cued := 0
	for _, s := range texts {
		if citeCue.MatchString(s) {
			cued++
			if !mayCite(s) && len(s) <= 256 {
				t.Errorf("%q: the expression finds a cue that mayCite turns away", s)
			}
		}
	}
	if cued < 100 {
		t.Errorf("only %d texts with a cue", cued)
	}
	for _, s := range []string{"0.ac/0 0.ac/0 0.ac/0", "0.ac/0\ufffd0.ac/0\ufffd"} {
		if mayCite(s) {
			t.Errorf("mayCite(%q) lets a text of links with no cue through", s)
		}
	}
}
