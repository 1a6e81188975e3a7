package names

import (
	"sort"
	"strings"
)

// maxURLScan bounds how far a URL is followed from its scheme or "www.",
// so that a hostile run of text without spaces costs linear time.
const maxURLScan = 4096

// findURLs returns the spans of the URLs in text: from a scheme
// ("https://", "hxxp://", "hxxps[:]//") or "www." to the next white space,
// quote or bracket that closes it. Spans are sorted and do not overlap.
func findURLs(text string) [][2]int {
	var out [][2]int
	last := 0
	// The next position of each mark, found once and searched again only
	// when passed, so that the scan stays linear.
	marks := [...]string{"://", "[:]//", "www."}
	next := [len(marks)]int{}
	for k, m := range marks {
		next[k] = indexFrom(text, m, 0)
	}
	for {
		j := -1
		for k := range marks {
			if next[k] >= 0 && (j < 0 || next[k] < j) {
				j = next[k]
			}
		}
		if j < 0 {
			break
		}
		start := j
		// Back over the scheme's letters ("https", "hxxp", "ftp") or, for
		// "www.", nothing.
		if text[j] != 'w' {
			for start > last && isASCIIAlnum(text[start-1]) {
				start--
			}
		}
		end := j
		for end < len(text) && end-j < maxURLScan && !urlStop(text[end]) {
			end++
		}
		// Trailing sentence punctuation is not part of the URL.
		for end > j && strings.IndexByte(".,;:!?", text[end-1]) >= 0 {
			end--
		}
		if start < last {
			start = last
		}
		if end > start {
			out = append(out, [2]int{start, end})
			last = end
		}
		from := max(end, j+1)
		for k, m := range marks {
			if next[k] >= 0 && next[k] < from {
				next[k] = indexFrom(text, m, from)
			}
		}
	}
	return out
}

// indexFrom is strings.Index of sub in s[from:], as an offset of s, or -1.
func indexFrom(s, sub string, from int) int {
	if from > len(s) {
		return -1
	}
	if i := strings.Index(s[from:], sub); i >= 0 {
		return from + i
	}
	return -1
}

func urlStop(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '"', '\'', '<', '>', '`', ')', '(', '|', '{', '}', '^':
		return true
	}
	return false
}

// excluded reports whether [start, end) cannot be a name: it overlaps a
// span the caller excluded or a URL, or stands in an e-mail address, a
// path, a file or domain name ("apt28.com", "lazarus_loader.exe",
// "C:\Users\Turla"), or a defanged domain ("apt28[.]com").
func (d *doc) excluded(start, end int) bool {
	if overlaps(d.skip, start, end) {
		return true
	}
	return d.excludedHere(start, end)
}

// excludedID is excluded for ATT&CK and DISARM ids ("T1566.001", "G0059",
// "S0002"): indicator scanners report those too, so a skipped span that
// is exactly the id does not hide it.
func (d *doc) excludedID(start, end int) bool {
	if overlaps(d.skip, start, end) && !d.skipExactly(start, end) {
		return true
	}
	return d.excludedHere(start, end)
}

// skipExactly reports whether a skipped span is exactly [start, end).
func (d *doc) skipExactly(start, end int) bool {
	i := sort.Search(len(d.skip), func(i int) bool { return d.skip[i][0] >= start })
	return i < len(d.skip) && d.skip[i] == [2]int{start, end}
}

// excludedHere is excluded without the caller's spans.
func (d *doc) excludedHere(start, end int) bool {
	if overlaps(d.urls, start, end) {
		return true
	}
	t := d.text
	if start > 0 {
		switch t[start-1] {
		case '@', '\\', '=', '%', '_', '$', '~':
			return true
		case '.':
			// "x.Lazarus" (a domain or file name), ".Net" (a suffix).
			if start == 1 || isASCIIAlnum(t[start-2]) || isSpaceByte(t[start-2]) {
				return true
			}
		case ']', ')', '}':
			before := t[:start]
			for _, def := range []string{"[.]", "(.)", "{.}", "[dot]", "(dot)", "[@]"} {
				if strings.HasSuffix(before, def) {
					return true
				}
			}
		case '/':
			if start > 1 && (isASCIIAlnum(t[start-2]) || t[start-2] == '/' || t[start-2] == '.') && d.pathAround(start, end) {
				return true
			}
		}
	}
	if start > 0 && (t[start-1] == '-' || t[start-1] == '.') || end < len(t) && (t[end] == '-' || t[end] == '.') {
		if d.fileNameAround(start, end) {
			return true
		}
	}
	if end < len(t) {
		switch t[end] {
		case '@', '\\', '_', '=', '%':
			return true
		case '.':
			if end+1 < len(t) && isASCIIAlnum(t[end+1]) {
				return true
			}
		case '/':
			if d.pathAround(start, end) {
				return true
			}
		case '[', '(', '{':
			rest := t[end:]
			for _, def := range []string{"[.]", "(.)", "{.}", "[dot]", "(dot)", "[@]"} {
				if strings.HasPrefix(rest, def) {
					return true
				}
			}
		}
	}
	return false
}

// pathAround reports whether the run of non-space characters around
// [start, end) looks like a path: two slashes or more, or one at its
// start. "APT33/Elfin" is two names; "/tmp/turla" and "a/b/Sandworm" are
// paths.
func (d *doc) pathAround(start, end int) bool {
	t := d.text
	lo, hi := start, end
	for lo > 0 && start-lo < 256 && !isSpaceByte(t[lo-1]) {
		lo--
	}
	for hi < len(t) && hi-end < 256 && !isSpaceByte(t[hi]) {
		hi++
	}
	chunk := strings.Trim(t[lo:hi], "([{\"'“”‘’*)]}.,;:")
	return strings.Count(chunk, "/") >= 2 || strings.HasPrefix(chunk, "/")
}

// fileNameAround reports whether the run of non-space characters around
// [start, end) is a file name: it ends in a lower-case extension
// ("ALJABER-GROUP-RFQ-3898.pdf"), or chains words and long numbers with
// hyphens and underscores.
func (d *doc) fileNameAround(start, end int) bool {
	t := d.text
	lo, hi := start, end
	for lo > 0 && start-lo < 256 && !isSpaceByte(t[lo-1]) {
		lo--
	}
	for hi < len(t) && hi-end < 256 && !isSpaceByte(t[hi]) {
		hi++
	}
	chunk := strings.TrimRight(t[lo:hi], ".,;:)]}\"'”’*")
	if dot := strings.LastIndexByte(chunk, '.'); dot >= 0 && dot > end-lo && len(chunk)-dot-1 >= 2 && len(chunk)-dot-1 <= 4 {
		ext := chunk[dot+1:]
		lower := true
		for i := 0; i < len(ext); i++ {
			if !(ext[i] >= 'a' && ext[i] <= 'z' || ext[i] >= '0' && ext[i] <= '9') {
				lower = false
			}
		}
		if lower {
			return true
		}
	}
	digits, run := 0, 0
	for i := 0; i < len(chunk); i++ {
		if isDigit(chunk[i]) {
			run++
			digits = max(digits, run)
		} else {
			run = 0
		}
	}
	return digits >= 5 && strings.Count(chunk, "-")+strings.Count(chunk, "_") >= 3
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// overlaps reports whether [start, end) overlaps a span of sorted, whose
// spans are sorted and disjoint.
func overlaps(sorted [][2]int, start, end int) bool {
	if len(sorted) == 0 {
		return false
	}
	// The first span starting at or after end cannot overlap; the one
	// before it is the only one that may reach start.
	i := sort.Search(len(sorted), func(i int) bool { return sorted[i][0] >= end })
	return i > 0 && sorted[i-1][1] > start
}

// mergeSpans sorts spans and joins those that overlap or touch, dropping
// empty and inverted ones.
func mergeSpans(spans [][2]int) [][2]int {
	out := make([][2]int, 0, len(spans))
	for _, s := range spans {
		if s[1] > s[0] {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	return merged
}
