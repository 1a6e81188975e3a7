package extract

import (
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// BenchmarkSentenceWords reads the words of every sentence of the 5 MB
// report, as the claim rules do: every word of a report is looked up in
// the triggers' vocabulary.
func BenchmarkSentenceWords(b *testing.B) {
	text := shareddata.BenchReport(b)
	sents := Sentences(text)
	b.SetBytes(int64(len(text)))
	var ws []cword
	for b.Loop() {
		for _, s := range sents {
			ws = sentenceWords(text, s.Start, s.End, ws[:0])
		}
	}
}
