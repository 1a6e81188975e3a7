package extract

import (
	"fmt"
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
