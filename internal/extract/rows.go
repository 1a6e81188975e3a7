package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/document"
)

// rowOperations gives each claim about the operation the report describes
// (no subject) that a row of an index table makes the operation that row
// names instead. An index table lists operations a row each, each by the
// title of its own report, linked: Meta's "Published Threat Indicators"
// ("H1 2026 | Russia-Based Influence Operation Network Targeting Eastern
// Europe | Russia | Eastern Europe"). Piled onto one operation, its rows
// would make one operation that comes from Russia, China and Iran at
// once; each row's claims are about the operation its title names. The
// subject is a campaign entity whose Name is the title (where it stands
// is the mention) and whose Key is the link's URL. index holds the
// titles' links, in text order (indexTitles).
func rowOperations(text string, index []document.Link, claims []Claim) {
	if len(index) == 0 {
		return
	}
	for i := range claims {
		c := &claims[i]
		if c.Subject != nil || c.Kind == ClaimDenial {
			continue
		}
		from := c.Sentence.Start
		to := from + len(lineAt(text[from:c.Sentence.End])) // a row is a line
		var op *Entity
		// The titles are in text order: those of the row from the first
		// at or after its start, not every title for every claim.
		k, _ := slices.BinarySearchFunc(index, from, func(l document.Link, at int) int { return cmp.Compare(l.ByteStart, at) })
		for _, t := range index[k:] {
			if t.ByteStart >= to {
				break
			}
			if t.ByteEnd <= to {
				if op != nil {
					op = nil // two titles in one row: which the claim is about is not clear
					break
				}
				op = &Entity{Kind: EntCampaign, Start: t.ByteStart, End: t.ByteEnd, Key: t.URL, Name: text[t.ByteStart:t.ByteEnd]}
			}
		}
		if op != nil {
			c.Subject = op
		}
	}
}

// indexTitles returns the links of an index table's rows to the reports of the operations they name:
// links whose anchor is titleLike and names an operation (opWords), on
// a line of cells between bars, when two lines or more hold one. A
// lone row that does is no index (a report's table citing a source),
// and neither are rows linking headlines (a table of an operation's
// fake articles, whose links are its indicators).
func indexTitles(text string, links []document.Link) []document.Link {
	if len(links) < 2 {
		return nil
	}
	var out []document.Link
	rows := map[int]bool{} // the row's first byte
	for _, l := range links {
		anchor := text[l.ByteStart:l.ByteEnd]
		if l.URL == "" || anchor == "" || !titleLike(anchor) || !namesOperation(anchor) {
			continue
		}
		start := strings.LastIndexByte(text[:l.ByteStart], '\n') + 1
		end := l.ByteEnd + len(lineAt(text[l.ByteEnd:])) // the line's end, not a copy of the text after it
		if line := text[start:end]; strings.Contains(line, " | ") || strings.HasPrefix(strings.TrimSpace(line), "|") {
			rows[start] = true
			out = append(out, l)
		}
	}
	if len(rows) < 2 {
		return nil
	}
	slices.SortFunc(out, func(a, b document.Link) int { return cmp.Compare(a.ByteStart, b.ByteStart) }) // rowOperations searches them
	return out
}

// opWords are the words by which a title names an operation.
var opWords = map[string]bool{"operation": true, "operations": true, "network": true, "networks": true, "campaign": true,
	"campaigns": true, "activity": true, "influence": true, "inauthentic": true, "cluster": true, "espionage": true}

// namesOperation reports whether a title holds one of opWords.
func namesOperation(title string) bool {
	for _, w := range strings.Fields(title) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if opWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// titleLike reports whether s reads as a report's title: three words or
// more on one line, and every word of four letters or more capitalised
// ("Russia-Based Influence Operation Network Targeting Eastern Europe",
// "Deep Dive: Domestic Pakistani Activity Displaying Wide Use of AI"),
// not a phrase of prose ("the full report"), a URL, or a word or two
// ("here", "Read More").
func titleLike(s string) bool {
	if strings.Contains(s, "\n") {
		return false
	}
	words := strings.Fields(s)
	if len(words) < 3 {
		return false
	}
	for _, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		first, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) >= 4 && unicode.IsLower(first) {
			return false
		}
	}
	return true
}
