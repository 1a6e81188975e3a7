package extract

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindDates(t *testing.T) {
	cases := []struct {
		text string
		want []string // written → value
	}{
		{"Joint statement, 19 August 2024.", []string{"19 August 2024 → 2024-08-19"}},
		{"On August 19, 2024, the FBI said", []string{"August 19, 2024 → 2024-08-19"}},
		{"on Aug. 9 2024 and Sept 3rd, 2023", []string{"Aug. 9 2024 → 2024-08-09", "Sept 3rd, 2023 → 2023-09-03"}},
		{"the 3rd of June, 2024", []string{"3rd of June, 2024 → 2024-06-03"}},
		{"Since June 2024 and in May, 2025", []string{"June 2024 → 2024-06", "May, 2025 → 2025-05"}},
		{"first seen 2024-02-29, last 2024-08-19T10:00:00Z", []string{"2024-02-29 → 2024-02-29", "2024-08-19 → 2024-08-19"}},
		{"Published 19.08.2024 by CERT-UA", []string{"19.08.2024 → 2024-08-19"}},
		{"WASHINGTON, 2024.08.19 - and 2024/08/20.", []string{"2024.08.19 → 2024-08-19", "2024/08/20 → 2024-08-20"}},
		{"19\u00a0August\u00a02024", []string{"19\u00a0August\u00a02024 → 2024-08-19"}},
		{"in May and June 2024; January, February, and March 2023; from Sept to Nov 2022, March-May 2021 and April – May 2020",
			[]string{"May → 2024-05", "June 2024 → 2024-06", "January → 2023-01", "February → 2023-02", "March 2023 → 2023-03",
				"Sept → 2022-09", "Nov 2022 → 2022-11", "March → 2021-03", "May 2021 → 2021-05", "April → 2020-04", "May 2020 → 2020-05"}},
		{"May and June 3, 2024; June, 2024", []string{"June 3, 2024 → 2024-06-03", "June, 2024 → 2024-06"}},
		// Not dates: impossible days, versions, bare years and numbers,
		// words that start like months, years out of range.
		{"2023-02-29 and 31 April 2024 and 2024-13-01", nil},
		{"version 1.12.2024.3 and build 2024-08-19-rc1 and 2024.08.19.1 and 2024.8.19", nil},
		{"In 2024, 08/09/2024, Marching bands, Mayday 2024, Augusta 2024", nil},
		{"May 1812 and January 3000", nil},
		{"the 32 August 2024 and 12 Mars 2024", nil},
		{"id2024-08-19 x19 August 2024", nil},
	}
	for _, c := range cases {
		var got []string
		for _, d := range FindDates(c.text, nil) {
			got = append(got, c.text[d.Start:d.End]+" → "+d.Value)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

func TestFindDatesSkipsIndicators(t *testing.T) {
	text := "See hxxps://news.example/2025-06-25-summit posted 25 June 2025."
	at := strings.Index(text, "hxxps")
	end := strings.Index(text, " posted")
	got := FindDates(text, []Span{{at, end}})
	if len(got) != 1 || got[0].Value != "2025-06-25" || text[got[0].Start:got[0].End] != "25 June 2025" {
		t.Errorf("got %+v", got)
	}
}

// findDatesByByte is FindDates as it was before dateStartsAt: every byte
// read. FindDates must find the same dates.
func findDatesByByte(text string, skip []Span) []Date {
	r := dateReader{text: text, skip: skip}
	for i := range len(text) {
		r.at(i)
	}
	return r.out
}

// TestDateStartsAt checks dateStartsAt at every eight bytes of random
// texts of digits, capitals, other letters, underscores, punctuation,
// no-break spaces and other characters outside ASCII, and of the corpus
// texts, against the byte-by-byte definition; and FindDates against the
// loop that read every byte, on them and on a text full of dates.
func TestDateStartsAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"0", "7", "19", "2024", "A", "J", "Z", "a", "z", "_", " ", ".", "-", "/", ",", "\n", "\u00a0", "é", "’", "June", "Aug", "May", "x9", "10.2024"}
	var texts []string
	for range 300 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	files, _ := filepath.Glob("testdata/corpus/*")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	if len(files) == 0 {
		t.Fatal("no corpus texts in testdata/corpus")
	}
	texts = append(texts, "", "1", "A", strings.Repeat("On 19 August 2024 and June 2024, 2024-08-19; 19.08.2024 x1 Y2_Z3\u00a05 May 2023. ", 9))
	for _, text := range texts {
		for base := 0; base < len(text); base += 8 {
			var want uint64
			for i := base; i < min(base+8, len(text)); i++ {
				if c := text[i]; (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') && !(i > 0 && isASCIIWordByte(text[i-1])) {
					want |= 0x80 << (8 * (i - base))
				}
			}
			if got := dateStartsAt(text, base); got != want {
				t.Fatalf("dateStartsAt(%q, %d) = %#x, want %#x", text, base, got, want)
			}
		}
		skip := []Span{{len(text) / 3, len(text) / 2}}
		for _, sk := range [][]Span{nil, skip} {
			if got, want := FindDates(text, sk), findDatesByByte(text, sk); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("FindDates(%q, %v) = %v, the byte loop %v", text, sk, got, want)
			}
		}
	}
}

// isASCIIWordByte is the test's own statement of what ends a date's
// start: an ASCII letter, digit or underscore before it.
func isASCIIWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
