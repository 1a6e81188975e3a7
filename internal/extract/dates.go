package extract

import (
	"math/bits"
	"strings"

	"github.com/dossier-cti/dossier/internal/swar"
)

// Date is a calendar date a report names: "19 August 2024", "August 19,
// 2024", "2024-08-19", "19.08.2024", or a month, "June 2024".
type Date struct {
	Span
	Value string // ISO 8601: "2024-08-19", or "2024-06" for a month
}

// Years outside this range are not taken for dates: "May 1812" is
// history, "January 3000" a number.
const (
	minDateYear = 1970
	maxDateYear = 2099
)

// FindDates returns the dates of text in order, none inside skip (the
// indicators: a URL's path often holds a date). Bare years, numbers like
// 08/09/2024 (day first or month first?) and relative dates
// ("last June") are not dates here: they would be guesses.
func FindDates(text string, skip []Span) []Date {
	r := dateReader{text: text, skip: skip}
	for base := 0; base < len(text); base += 8 {
		for m := dateStartsAt(text, base); m != 0; m &= m - 1 {
			r.at(base + bits.TrailingZeros64(m)/8)
		}
	}
	return r.out
}

// dateReader reads the dates of a text at offsets given in increasing
// order, each date after the one before and outside skip.
type dateReader struct {
	text string
	skip []Span
	k    int // the first skip span that may still hold a date
	next int // where the last date or skipped span ends: no date starts before
	out  []Date
}

// at reads the date that starts at byte i, if one does.
func (r *dateReader) at(i int) {
	text, skip := r.text, r.skip
	if i < r.next {
		return
	}
	c := text[i]
	if !dateStart[c] || wordBefore(text, i) {
		return
	}
	for r.k < len(skip) && skip[r.k].End <= i {
		r.k++
	}
	if r.k < len(skip) && skip[r.k].Start <= i {
		r.next = skip[r.k].End
		return
	}
	var d Date
	var ok bool
	if c >= '0' && c <= '9' {
		d, ok = dayFirst(text, i)
	} else {
		d, ok = monthFirst(text, i)
	}
	if !ok || r.k < len(skip) && skip[r.k].Start < d.End { // none, or one that runs into an indicator
		return
	}
	r.out = append(r.out, d)
	r.next = d.End
}

// dateStartsAt returns the high bit of each byte of text[base:base+8]
// (fewer at the end) where a date may start: a digit or a capital letter
// after a byte that is no ASCII letter, digit or underscore. Every offset
// a date starts at is one of these; the converse needs dateReader's
// checks. Most bytes of a text start no date, and
// reading eight at a time, not looking each up, took FindDates from 17
// to 9 ms on bench/extract.sh's 5.6 MB report.
func dateStartsAt(text string, base int) uint64 {
	var x uint64
	if base+8 <= len(text) {
		x = swar.Load(text[base : base+8])
	} else {
		// The last bytes; the missing ones read as 0x80, which is neither.
		x = swar.Highs
		for k := base; k < len(text); k++ {
			x = x&^(0xff<<(8*(k-base))) | uint64(text[k])<<(8*(k-base))
		}
	}
	digits, upper := asciiIn(x, '0', '9'), asciiIn(x, 'A', 'Z')
	starts := digits | upper
	if starts == 0 {
		return 0
	}
	// The bytes after a letter, digit or underscore: each byte's flag
	// moved up one byte, the byte before base's below.
	after := (digits | upper | asciiIn(x, 'a', 'z') | asciiIn(x, '_', '_')) << 8
	if base > 0 && wordByte[text[base-1]] != 0 {
		after |= 0x80
	}
	return starts &^ after
}

// dateStart marks the bytes a date starts with: a digit, or the capital
// letter a month's name starts with.
var dateStart = func() (t [256]bool) {
	for _, c := range "0123456789JFMASOND" {
		t[c] = true
	}
	return t
}()

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// monthsByInitial lists, by first byte, the months whose names start with
// it (indexes into monthNames, in order).
var monthsByInitial = func() (t [256][]int) {
	for m, name := range monthNames {
		t[name[0]] = append(t[name[0]], m)
	}
	return t
}()

func inWord(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// monthAt reads a month's name at i: whole ("August"), or cut to three
// letters ("Aug", "Aug."; "Sept" too). It returns the month (1-12) and
// where it ends.
func monthAt(text string, i int) (int, int) {
	if i >= len(text) {
		return 0, i
	}
	for _, m := range monthsByInitial[text[i]] { // most capitals start no month: none, or one to three to try
		name := monthNames[m]
		if len(text)-i >= len(name) && text[i:i+len(name)] == name && !nextIsWord(text, i+len(name)) {
			return m + 1, i + len(name)
		}
		if name == "May" {
			continue
		}
		if len(text)-i >= 3 && text[i:i+3] == name[:3] {
			j := i + 3
			if m == 8 && j < len(text) && text[j] == 't' {
				j++ // Sept
			}
			if j < len(text) && text[j] == '.' {
				return m + 1, j + 1
			}
			if !nextIsWord(text, j) {
				return m + 1, j
			}
		}
	}
	return 0, i
}

// nextIsWord reports whether a word goes on at j; a no-break space ends
// one.
func nextIsWord(text string, j int) bool {
	return j < len(text) && inWord(text[j]) && !(text[j] == 0xc2 && j+1 < len(text) && text[j+1] == 0xa0)
}

// wordBefore reports whether a word runs up to i.
func wordBefore(text string, i int) bool {
	return i > 0 && inWord(text[i-1]) && !(i >= 2 && text[i-2] == 0xc2 && text[i-1] == 0xa0)
}

// numberBefore reports whether a number stands before the month at i,
// with a space, maybe "of" and an ordinal between: "31 April 2024" is no
// date, and "April 2024" in it is none either.
func numberBefore(text string, i int) bool {
	j := i
	switch {
	case j >= 1 && text[j-1] == ' ':
		j--
	case j >= 2 && text[j-2] == 0xc2 && text[j-1] == 0xa0:
		j -= 2
	default:
		return false
	}
	if j >= 3 && text[j-3:j] == " of" {
		j -= 3
	}
	if j >= 2 {
		switch text[j-2 : j] {
		case "st", "nd", "rd", "th":
			j -= 2
		}
	}
	return j >= 1 && text[j-1] >= '0' && text[j-1] <= '9'
}

// space skips one space or no-break space at i.
func space(text string, i int) (int, bool) {
	switch {
	case i < len(text) && text[i] == ' ':
		return i + 1, true
	case len(text)-i >= 2 && text[i] == 0xc2 && text[i+1] == 0xa0:
		return i + 2, true
	}
	return i, false
}

// digits reads from 1 to max digits at i.
func digits(text string, i, max int) (int, int) {
	n, j := 0, i
	for j < len(text) && j-i < max && text[j] >= '0' && text[j] <= '9' {
		n = n*10 + int(text[j]-'0')
		j++
	}
	if j == i || nextIsWord(text, j) && text[j] >= '0' && text[j] <= '9' {
		return -1, i
	}
	return n, j
}

// year reads a four-digit year that ends a word.
func year(text string, i int) (int, int) {
	y, j := digits(text, i, 4)
	if j-i != 4 || y < minDateYear || y > maxDateYear || nextIsWord(text, j) {
		return -1, i
	}
	return y, j
}

// ordinal skips "st", "nd", "rd" or "th" after a day's number.
func ordinal(text string, j int) int {
	if len(text)-j >= 2 {
		switch text[j : j+2] {
		case "st", "nd", "rd", "th":
			if !nextIsWord(text, j+2) {
				return j + 2
			}
		}
	}
	return j
}

// dayFirst reads "19 August 2024", "3rd of June, 2024", "2024-08-19"
// (or with dots or slashes: the year first leaves no doubt) or
// "19.08.2024" at i.
func dayFirst(text string, i int) (Date, bool) {
	n, j := digits(text, i, 4)
	if n < 0 {
		return Date{}, false
	}
	switch {
	case j-i == 4 && j < len(text) && (text[j] == '-' || text[j] == '.' || text[j] == '/'): // 2024-08-19, 2024.08.19, 2024/08/19
		y, sep := n, text[j]
		m, k := digits(text, j+1, 2)
		if k-j != 3 || k >= len(text) || text[k] != sep {
			return Date{}, false
		}
		d, e := digits(text, k+1, 2)
		if e-k != 3 || e+1 < len(text) && (text[e] == '-' || text[e] == '.' || text[e] == '/') && text[e+1] >= '0' && text[e+1] <= '9' {
			return Date{}, false // 2024.08.19.1 is a version
		}
		if e < len(text) && text[e] == '-' {
			return Date{}, false // 2024-08-19-rc1
		}
		if e < len(text) && inWord(text[e]) && text[e] != 'T' {
			return Date{}, false // 2024-08-19T10:00:00Z is a date; 2024-08-19abc is not
		}
		return makeDate(i, e, y, m, d)
	case j-i <= 2 && j < len(text) && text[j] == '.': // 19.08.2024
		m, k := digits(text, j+1, 2)
		if k-j != 3 || k >= len(text) || text[k] != '.' {
			return Date{}, false
		}
		y, e := year(text, k+1)
		if y < 0 || e < len(text) && text[e] == '.' && e+1 < len(text) && text[e+1] >= '0' && text[e+1] <= '9' {
			return Date{}, false // 1.12.2024.3 is a version
		}
		return makeDate(i, e, y, m, n)
	case j-i <= 2: // 19 August 2024
		j = ordinal(text, j)
		k, ok := space(text, j)
		if !ok {
			return Date{}, false
		}
		if len(text)-k >= 3 && text[k:k+3] == "of " {
			k += 3
		}
		m, e := monthAt(text, k)
		if m == 0 {
			return Date{}, false
		}
		y, e := commaYear(text, e)
		if y < 0 {
			return Date{}, false
		}
		return makeDate(i, e, y, m, n)
	}
	return Date{}, false
}

// monthFirst reads "August 19, 2024", "Aug. 19 2024" or "August 2024".
func monthFirst(text string, i int) (Date, bool) {
	m, j := monthAt(text, i)
	if m == 0 {
		return Date{}, false
	}
	// A month before the next of a list takes the year after the last:
	// "May and June 2024", "from March to May 2024", "March-May 2024".
	if y := listYear(text, j, 0); y >= 0 && !numberBefore(text, i) {
		return Date{Span: Span{i, j}, Value: isoDate(y, m, 0)}, true
	}
	if j < len(text) && text[j] == ',' {
		j++ // "June, 2024"
	}
	k, ok := space(text, j)
	if !ok {
		return Date{}, false
	}
	if y, e := year(text, k); y >= 0 {
		if numberBefore(text, i) {
			return Date{}, false // the day was no day
		}
		return Date{Span: Span{i, e}, Value: isoDate(y, m, 0)}, true
	}
	d, e := digits(text, k, 2)
	if d < 0 {
		return Date{}, false
	}
	y, e := commaYear(text, ordinal(text, e))
	if y < 0 {
		return Date{}, false
	}
	return makeDate(i, e, y, m, d)
}

// maxMonthList bounds a list of months that share a year ("January,
// February and March 2023"): a year has twelve.
const maxMonthList = 12

// listYear returns the year that the list of months going on after the
// month ending at j closes with ("May| and June 2024" gives 2024), the
// n-th of the list, or -1: no list, or one that ends in a day ("May and
// June 3, 2024" gives June 3 alone) or in no year.
func listYear(text string, j, n int) int {
	k := nextInMonthList(text, j)
	if n >= maxMonthList || k == j {
		return -1
	}
	m, e := monthAt(text, k)
	if m == 0 {
		return -1
	}
	if y := listYear(text, e, n+1); y >= 0 {
		return y
	}
	y, _ := commaYear(text, e) // "June, 2024", "June 2024"
	return y
}

// nextInMonthList returns where the next month of a list would start
// after a month that ends at j: after ", ", " and ", ", and ", " or ",
// " to ", "-" or " – " (an en dash). It returns j when no
// list goes on.
func nextInMonthList(text string, j int) int {
	for _, sep := range monthListSeps {
		if strings.HasPrefix(text[j:], sep) {
			if k := j + len(sep); k < len(text) && dateStart[text[k]] {
				return k
			}
		}
	}
	return j
}

var monthListSeps = []string{", and ", ", or ", ", ", " and ", " or ", " to ", " – ", "-"}

// commaYear reads ", 2024" or " 2024" at i.
func commaYear(text string, i int) (int, int) {
	if i < len(text) && text[i] == ',' {
		i++
	}
	j, ok := space(text, i)
	if !ok {
		return -1, i
	}
	return year(text, j)
}

// makeDate checks a day against its month and year.
func makeDate(start, end, y, m, d int) (Date, bool) {
	if y < minDateYear || y > maxDateYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, false
	}
	return Date{Span: Span{start, end}, Value: isoDate(y, m, d)}, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// isoDate writes a year (four digits), month and day (none when 0) as
// ISO 8601, in one allocation.
func isoDate(y, m, d int) string {
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}
	if d == 0 {
		return string(b[:7])
	}
	return string(b[:])
}
