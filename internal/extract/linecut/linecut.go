// Package linecut cuts a long text into pieces at line breaks, for the
// stages of extraction that read a text in pieces side by side: what
// they look for never holds a line break, so each piece finds exactly
// what a pass over the whole text finds between its bounds.
package linecut

import "strings"

// Bounds returns the bounds of up to pieces pieces of text of about
// equal length: 0, then each cut (just after a line break, strictly
// increasing, inside the text), then len(text). A text with too few line
// breaks gets fewer pieces; pieces below 2 gives one.
func Bounds(text string, pieces int) []int {
	bounds := make([]int, 1, max(pieces, 1)+1)
	for p := 1; p < pieces; p++ {
		at := p * len(text) / pieces
		j := strings.IndexByte(text[at:], '\n')
		if j < 0 {
			break
		}
		if cut := at + j + 1; cut > bounds[len(bounds)-1] && cut < len(text) {
			bounds = append(bounds, cut)
		}
	}
	return append(bounds, len(text))
}
