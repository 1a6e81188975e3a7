package names

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzFind checks that Find never panics and that its mentions lie within
// the text, on character boundaries, in order and without overlaps, with
// Text equal to the span.
func FuzzFind(f *testing.F) {
	files, _ := filepath.Glob("testdata/labelled/*.txt")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	for _, s := range []string{
		"", "APT", "Storm-", "Storm-2035", "TA0001 T1566.001 T0085.004", "a.k.a. “Fancy", "tracked as",
		"the X group", "U.S.", "(also known as", "\xff\xfe Mint\u00a0Sandstorm", "https://", "www.", "[:]//",
		"APT-C-", "CL-STA-", "Threat Group-", "Unit 2616", "Lazarus (", "called itself \"", "Ünïcödé Typhoon",
		"the Sponsor backdoor", "backdoor, Sponsor (", "a loader dubbed X", "Fantasy -- a new Agrius wiper", "A, B and C malware",
		"company Cytrox. the Cytrox spyware", "malware,", "wiper dubbed",
		"the following China Chopper4, JspSpy5 webshells", "Mimikatz12 Russia3 APT28 Win32",
	} {
		f.Add(s)
	}
	r := recognizer(f)
	f.Fuzz(func(t *testing.T, text string) {
		ms := r.Find(text)
		prevEnd := 0
		for _, m := range ms {
			if m.Start < prevEnd || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("bad span %v after %d in %q", m, prevEnd, text)
			}
			if m.Text != text[m.Start:m.End] {
				t.Fatalf("Text %q is not the span [%d,%d) of %q", m.Text, m.Start, m.End, text)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
				t.Fatalf("span %v cuts a character in %q", m, text)
			}
			if m.Kind == "" {
				t.Fatalf("mention without a kind: %v", m)
			}
			prevEnd = m.End
		}
		// FindExcept with a span around the whole text finds nothing (a
		// span that is exactly an ATT&CK id would not hide it).
		if got := r.FindExcept(text, [][2]int{{-1, len(text) + 1}}); len(got) != 0 {
			t.Fatalf("FindExcept skipping everything found %v", got)
		}
	})
}
