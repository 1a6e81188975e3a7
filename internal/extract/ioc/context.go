package ioc

import (
	"net/netip"
	"strings"
)

// versionContext reports whether the word before t[st] says that a
// dotted quad there is a version, a section or an OID, not an address:
// "version 1.2.3.4", "build 10.0.19041.1", "OID 2.5.4.3", "section 1.2.3.4".
func versionContext(t string, st int) bool {
	j := st - 1
	for j >= 0 && st-j < 4 && (t[j] == ' ' || t[j] == ':' || t[j] == '(' || t[j] == '=' || t[j] == '\t') {
		j--
	}
	e := j + 1
	for j >= 0 && e-j <= 12 && class[t[j]]&cAlpha != 0 {
		j--
	}
	if e-(j+1) > 11 {
		return false
	}
	var b [12]byte
	switch string(appendLower(b[:0], t[j+1:e])) {
	case "version", "versions", "ver", "v", "build", "release", "rel", "firmware", "fw", "update", "patch",
		"revision", "rev", "section", "sections", "sec", "chapter", "clause", "table", "figure", "fig",
		"oid", "oids", "kb", "sp", "step", "paragraph", "para", "appendix", "annex", "item":
		return true
	}
	// "§ 1.2.3.4"
	return e >= 2 && t[e-2:e] == "\u00a7"[:2] && st-e < 3
}

// ipv6 looks for an IPv6 address (or CIDR block) starting at st, emits it
// and returns its end; it returns st when there is none. Candidates are
// runs of hex digits, colons and dots with two colons or more, checked by
// netip.ParseAddr; zones are not read.
func (s *scanner) ipv6(st int) int {
	t := s.t
	n := len(t)
	j := st
	colons := 0
	for j < n && j-st < 64 {
		c := t[j]
		if c == ':' {
			colons++
		} else if c == '.' {
		} else if class[c]&cHex == 0 {
			break
		}
		j++
	}
	for j > st && t[j-1] == '.' {
		j--
	}
	if j > st+1 && t[j-1] == ':' && t[j-2] != ':' {
		j--
		colons--
	}
	if colons < 2 || j < n && (isWord(t[j]) || t[j] == ':' || t[j] == '.' && j+1 < n && isAlnum(t[j+1])) {
		return st
	}
	if !ipv6Shape(t[st:j]) {
		return st
	}
	a, err := netip.ParseAddr(t[st:j])
	if err != nil || !a.Is6() || a.IsUnspecified() {
		return st
	}
	end := j
	kind := IPv6
	v := ""
	if j+1 < n && t[j] == '/' && isDigit(t[j+1]) {
		k := j + 1
		bits := 0
		for k < n && isDigit(t[k]) && k-j <= 3 {
			bits = bits*10 + int(t[k]-'0')
			k++
		}
		if bits <= 128 && k-j <= 4 && (k == n || !isAlnum(t[k]) && t[k] != '/') {
			kind, end = IPv6CIDR, k
			v = a.String() + t[j:k]
		}
	}
	if v == "" {
		v = a.String()
	}
	return s.emit(Match{Kind: kind, Value: v, Start: st, End: end})
}

// ipv6Shape reports whether s has the shape of an IPv6 address: groups
// of one to four hex digits separated by colons, at most one "::", eight
// groups without it and fewer with it, the last two groups possibly an
// IPv4 address. Only then is netip.ParseAddr asked, since it allocates
// an error for anything else ("12:30:45", "Note::").
func ipv6Shape(s string) bool {
	groups, double := 0, false
	i := 0
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		double, i = true, 2
	} else if len(s) > 0 && s[0] == ':' {
		return false
	}
	for i < len(s) {
		j := i
		for j < len(s) && class[s[j]]&cHex != 0 && j-i < 5 {
			j++
		}
		if j < len(s) && s[j] == '.' {
			// An embedded IPv4 address ends the address.
			dots, k := 0, i
			for k < len(s) && (isDigit(s[k]) || s[k] == '.') {
				if s[k] == '.' {
					dots++
				}
				k++
			}
			if k != len(s) || dots != 3 {
				return false
			}
			groups += 2
			break
		}
		if j == i || j-i > 4 {
			return false
		}
		groups++
		if j == len(s) {
			break
		}
		if s[j] != ':' {
			return false
		}
		i = j + 1
		if i < len(s) && s[i] == ':' {
			if double {
				return false
			}
			double = true
			i++
		} else if i == len(s) {
			return false
		}
	}
	if double {
		return groups <= 7
	}
	return groups == 8
}

// handle looks for a social-media handle ("@name") at t[i] ('@') in the
// context of a platform's name earlier on the same line ("our Telegram
// channel @news_now", "X accounts @a and @b"); it emits it and returns
// its end, or returns i.
func (s *scanner) handle(i int) int {
	t := s.t
	n := len(t)
	j := i + 1
	for j < n && (isAlnum(t[j]) || t[j] == '_' || t[j] == '.' && j+1 < n && isAlnum(t[j+1])) {
		j++
	}
	if j-i-1 < 1 || j-i-1 > 30 || j < n && (isWord(t[j]) || t[j] == '@') {
		return i
	}
	// "@name on Telegram", "@name (Instagram)" name the platform after
	// the handle; otherwise the closest platform named before it counts.
	platform := platformAfter(t, j)
	if platform == "" {
		platform = platformNear(t, i)
	}
	if platform == "" {
		return i
	}
	if dot := strings.IndexByte(t[i:j], '.'); dot >= 0 && platform != "instagram" && platform != "tiktok" && platform != "threads" {
		j = i + dot
		if j-i-1 < 1 {
			return i
		}
	}
	return s.emit(Match{Kind: Social, Value: t[i:j], Start: i, End: j, Platform: platform, Account: t[i+1 : j]})
}

// platformWords are the words that name a platform in prose, as they are
// looked for before a handle (lower case).
var platformWords = [...]struct{ word, platform string }{
	{"twitter", "twitter"}, {"tweet", "twitter"}, {"x account", "twitter"}, {"x handle", "twitter"},
	{"x user", "twitter"}, {"x profile", "twitter"}, {"on x", "twitter"},
	{"telegram", "telegram"}, {"instagram", "instagram"}, {"tiktok", "tiktok"}, {"facebook", "facebook"},
	{"youtube", "youtube"}, {"threads", "threads"}, {"vkontakte", "vk"}, {"bluesky", "bluesky"},
	{"truth social", "truthsocial"}, {"gettr", "gettr"}, {"rumble", "rumble"}, {"twitch", "twitch"},
	{"linkedin", "linkedin"},
}

// platformAfter returns the platform named right after a handle that
// ends at t[j]: " on Telegram", " (X)", " on X", or "".
func platformAfter(t string, j int) string {
	r := t[j:min(len(t), j+24)]
	switch {
	case strings.HasPrefix(r, " on "):
		r = r[4:]
	case strings.HasPrefix(r, " ("):
		r = r[2:]
	default:
		return ""
	}
	for _, p := range platformWords {
		if p.word == "on x" || !hasFoldPrefix(r, p.word) {
			continue
		}
		if e := len(p.word); e < len(r) && class[r[e]]&cAlnum != 0 {
			continue
		}
		return p.platform
	}
	if len(r) > 0 && (r[0] == 'X' || r[0] == 'x') && (len(r) == 1 || class[r[1]]&cAlnum == 0) {
		return "twitter"
	}
	return ""
}

// platformNear returns the platform named closest before t[i] on the same
// line, within 150 bytes, or "" (of two named at one place, the first of
// platformWords). The window is read once from its end, trying at each
// byte only the words that start with it: a text of handles one after
// another asks at every "@".
func platformNear(t string, i int) string {
	lo := max(0, i-150)
	if nl := strings.LastIndexByte(t[lo:i], '\n'); nl >= 0 {
		lo += nl + 1
	}
	win := t[lo:i]
	for k := len(win) - 1; k >= 0; k-- {
		for _, w := range platformsByFirst[lower(win[k])] {
			p := &platformWords[w]
			if k+len(p.word) > len(win) || !hasFoldPrefix(win[k:], p.word) {
				continue
			}
			if k > 0 && class[win[k-1]]&cAlpha != 0 {
				continue
			}
			if e := k + len(p.word); p.word == "on x" && e < len(win) && class[win[e]]&cAlnum != 0 {
				continue
			}
			return p.platform
		}
	}
	return ""
}

// platformsByFirst indexes platformWords by their first byte, in order.
var platformsByFirst = func() (t [256][]int) {
	for i, p := range platformWords {
		t[p.word[0]] = append(t[p.word[0]], i)
	}
	return t
}()
