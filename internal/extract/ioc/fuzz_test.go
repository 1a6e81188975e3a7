package ioc

import (
	"slices"
	"strings"
	"testing"
)

// FuzzScan checks, for any input, that Scan does not panic; that its
// matches are in text order, do not overlap, lie within the text and have
// a value; and that the values survive a round trip: the refanged output
// (each value on a line of its own, set off the way its kind needs: a
// quoted file name or registry key, a handle after its platform's name)
// scans to the same values.
func FuzzScan(f *testing.F) {
	for _, tc := range []string{
		prose,
		"hxxps://evil[.]com/a?b=1 45[.]141[.]152[.]19 info[at]x[.]org d41d8cd98f00b204e9800998ecf8427e",
		"CVE-2021-44228 T1566.001 1BoatSLRHtKNngkdXEeobR76b53LETtpyT 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"HKCU\\Software\\Run \"Debate Prep Notes.lnk\" 2001:db8::1/64 Telegram @news t[.]me/x",
		"version 1.2.3.4 evil[.]zip setup.zip www.x.zip a.b.c.d.e.f [.] (.) [@] ://",
		"File Names:\nExercise_Noble_Partner_16.rtf\nStatement by the Spokesperson.rtf\n",
	} {
		f.Add(tc)
	}
	// The corpus, a text at a time.
	for _, text := range corpus(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms := Scan(text)
		// Read in pieces cut at line breaks, the text gives the same
		// matches: none holds a line break.
		for _, pieces := range []int{2, 5} {
			if got := scanInPieces(text, pieces); !slices.Equal(got, ms) {
				t.Fatalf("in %d pieces: %d matches %+v, whole: %d %+v", pieces, len(got), got, len(ms), ms)
			}
		}
		last := 0
		for _, m := range ms {
			if m.Start < last || m.Start >= m.End || m.End > len(text) {
				t.Fatalf("match %+v out of order or out of bounds (previous end %d, text length %d)", m, last, len(text))
			}
			if m.Value == "" {
				t.Fatalf("match %+v has no value", m)
			}
			last = m.End
		}
		var b strings.Builder
		for _, m := range ms {
			b.WriteString(refangedLine(m))
			b.WriteByte('\n')
		}
		again := map[string]bool{}
		for _, m := range Scan(b.String()) {
			again[m.Value] = true
		}
		for _, m := range ms {
			if !again[m.Value] && !roundTripExempt(m) {
				t.Errorf("%s %q (from %q) not found again in the refanged output %q", m.Kind, m.Value, text[m.Start:m.End], refangedLine(m))
			}
		}
	})
}

// refangedLine writes a match's value the way the refanged output holds
// it: as is, quoted when it may hold spaces, after its platform's name
// for a handle.
func refangedLine(m Match) string {
	switch {
	case m.Kind == Filename || m.Kind == RegKey:
		return "\"" + m.Value + "\""
	case m.Kind == Social && strings.HasPrefix(m.Value, "@"):
		return m.Platform + " " + m.Value
	}
	return m.Value
}

// roundTripExempt reports the values whose kind only their context
// decided, so that alone they are not found again: a domain written
// defanged that, written plainly, reads as a file name ("clip[.]mov"),
// code ("console[.]info") or a product ("asp[.]net"); a file named by a
// hex run that its context said was not a hash.
func roundTripExempt(m Match) bool {
	if m.Kind == Filename {
		// "license 9C98…A0.rar": the name is a hash but for the word
		// before it; alone, the hash wins.
		name, _, _ := strings.Cut(m.Value, ".")
		switch len(name) {
		case 32, 40, 64, 128:
			return strings.Trim(name, "0123456789abcdefABCDEF") == ""
		}
		return false
	}
	if m.Kind != Domain || !m.Defanged || strings.Count(m.Value, ".") != 1 {
		return false
	}
	first, ext, _ := strings.Cut(m.Value, ".")
	return fileExtTLD(ext, first) || codeWord(first) || productName(m.Value)
}
