package ioc

import (
	"net/netip"
	"net/url"
	"strings"
)

// scheme returns the canonical scheme for the word w ("http" for "hxxp",
// "hXXp", "meow"), whether w is a defanged spelling, and whether it is a
// scheme dossier reports URLs for at all.
func scheme(w string) (canon string, defanged, ok bool) {
	if len(w) < 2 || len(w) > 5 {
		return "", false, false
	}
	var b [5]byte
	switch string(appendLower(b[:0], w)) {
	case "http":
		return "http", false, true
	case "https":
		return "https", false, true
	case "ftp":
		return "ftp", false, true
	case "ftps":
		return "ftps", false, true
	case "sftp":
		return "sftp", false, true
	case "ws":
		return "ws", false, true
	case "wss":
		return "wss", false, true
	case "tcp":
		return "tcp", false, true
	case "udp":
		return "udp", false, true
	case "hxxp", "hxtp", "htxp", "meow":
		return "http", true, true
	case "hxxps", "hxtps", "htxps", "meows":
		return "https", true, true
	case "fxp":
		return "ftp", true, true
	case "fxps":
		return "ftps", true, true
	}
	return "", false, false
}

// schemeSep returns the width of the "://" after a scheme, plain or
// defanged: "[://]", "[:]//", "(:)//", ":[//]", "[:/]/".
func (s *scanner) schemeSep(i int) (w int, defanged bool) {
	r := s.t[i:]
	switch {
	case strings.HasPrefix(r, "://"):
		return 3, false
	case strings.HasPrefix(r, "[://]"), strings.HasPrefix(r, "[:]//"), strings.HasPrefix(r, "(:)//"),
		strings.HasPrefix(r, ":[//]"), strings.HasPrefix(r, "[:/]/"):
		return 5, true
	}
	return 0, false
}

// schemeURL looks for a URL whose scheme is the word run t[st:e].
func (s *scanner) schemeURL(st, e int) (Match, bool) {
	t := s.t
	n := len(t)
	canon, defanged, ok := scheme(t[st:e])
	if !ok {
		return Match{}, false
	}
	w, df := s.schemeSep(e)
	if w == 0 {
		return Match{}, false
	}
	defanged = defanged || df
	h := e + w
	if h >= n {
		return Match{}, false
	}
	// Userinfo: "user:pass@" before the host.
	hs := h
	for k := h; k < n && k-h < 256; k++ {
		c := t[k]
		if c == '@' {
			hs = k + 1
			break
		}
		if c == '/' || c == '?' || c == '#' || class[c]&cPath == 0 {
			break
		}
	}
	if hs >= n {
		return Match{}, false
	}
	var host string // canonical host, or "" when it is s.buf's content
	hostEnd := 0
	from, to := 0, 0
	switch {
	case t[hs] == '[' && !(hs+2 < n && t[hs+2] == ']'):
		k := strings.IndexByte(t[hs:min(n, hs+48)], ']')
		if k < 0 {
			return Match{}, false
		}
		a, err := netip.ParseAddr(t[hs+1 : hs+k])
		if err != nil || !a.Is6() || a.Zone() != "" {
			return Match{}, false
		}
		host = "[" + a.String() + "]"
		hostEnd = hs + k + 1
	case isAlnum(t[hs]):
		d := s.labels(hs)
		s.dotEnd = max(s.dotEnd, d.end)
		if d.numeric {
			if d.n != 4 || !s.octets() {
				return Match{}, false
			}
			s.refangLabels(0, 4)
		} else if !s.validDomain(0, d.n) {
			return Match{}, false
		}
		defanged = defanged || d.defanged
		hostEnd = d.end
		from, to = 0, d.n
	default:
		return Match{}, false
	}
	j := hostEnd
	// A port, plain or after a defanged colon.
	if j < n && (t[j] == ':' || strings.HasPrefix(t[j:], "[:]")) {
		k := j + 1
		if t[j] == '[' {
			k = j + 3
		}
		p := k
		for k < n && isDigit(t[k]) && k-p < 5 {
			k++
		}
		if k > p && (k == n || !isAlnum(t[k])) {
			if t[j] == '[' {
				defanged = true
			}
			j = k
		}
	}
	end := j
	pathDefanged, escaped := false, false
	if j < n && (t[j] == '/' || t[j] == '?' || t[j] == '#') {
		end, pathDefanged, escaped = s.path(j)
	}
	defanged = defanged || pathDefanged
	if host == "" {
		host = s.bufString() // valid until s.buf changes: used right below
	}
	var v string
	if !defanged && !escaped && t[st:e] == canon && t[hs:hostEnd] == host && !strings.HasPrefix(t[j:], "[:]") {
		v = t[st:end]
	} else {
		b := make([]byte, 0, end-st+8)
		b = append(b, canon...)
		b = append(b, "://"...)
		b = append(b, t[h:hs]...)
		b = append(b, host...)
		if hostEnd < j {
			port := t[hostEnd:j]
			if strings.HasPrefix(port, "[:]") {
				port = ":" + port[3:]
			}
			b = append(b, port...)
		}
		b = appendRefangedPath(b, t[j:end])
		v = string(b)
	}
	m := Match{Kind: URL, Value: v, Start: st, End: end, Defanged: defanged}
	if to > 0 {
		s.social(&m, s.hostOf(from, to), t[j:end])
	}
	return m, true
}

// octets reports whether the first four labels of the last dotted run
// are decimal octets: 0-255, no leading zero.
func (s *scanner) octets() bool {
	for k := 0; k < 4; k++ {
		l := s.label(k)
		if len(l) == 0 || len(l) > 3 || len(l) > 1 && l[0] == '0' {
			return false
		}
		v := 0
		for i := 0; i < len(l); i++ {
			v = v*10 + int(l[i]-'0')
		}
		if v > 255 {
			return false
		}
	}
	return true
}

// Social media: the platforms whose account and page URLs Scan reports as
// Social, keyed by host (without "www.", "m.", "mobile.", "web.").
var platforms = map[string]string{
	"twitter.com":       "twitter",
	"x.com":             "twitter",
	"facebook.com":      "facebook",
	"fb.com":            "facebook",
	"instagram.com":     "instagram",
	"t.me":              "telegram",
	"telegram.me":       "telegram",
	"telegram.dog":      "telegram",
	"youtube.com":       "youtube",
	"tiktok.com":        "tiktok",
	"vk.com":            "vk",
	"vk.ru":             "vk",
	"ok.ru":             "ok",
	"linkedin.com":      "linkedin",
	"reddit.com":        "reddit",
	"threads.net":       "threads",
	"threads.com":       "threads",
	"bsky.app":          "bluesky",
	"medium.com":        "medium",
	"truthsocial.com":   "truthsocial",
	"gab.com":           "gab",
	"rumble.com":        "rumble",
	"twitch.tv":         "twitch",
	"pinterest.com":     "pinterest",
	"snapchat.com":      "snapchat",
	"bitchute.com":      "bitchute",
	"gettr.com":         "gettr",
	"odysee.com":        "odysee",
	"weibo.com":         "weibo",
	"chat.whatsapp.com": "whatsapp",
	"whatsapp.com":      "whatsapp",
	// Older networks still found in reports: the Dukes used Fotolog and
	// Kiwibox profiles as dead drops (ESET, Operation Ghost).
	"fotolog.com": "fotolog",
	"kiwibox.com": "kiwibox",
}

// notAccounts are first path segments that name a platform's own pages,
// not an account.
var notAccounts = map[string]bool{
	"home": true, "search": true, "hashtag": true, "i": true, "intent": true, "share": true, "sharer": true,
	"sharer.php": true, "explore": true, "settings": true, "login": true, "logout": true, "signup": true,
	"messages": true, "notifications": true, "tos": true, "privacy": true, "compose": true, "about": true,
	"help": true, "legal": true, "policies": true, "watch": true, "events": true, "photo.php": true,
	"photo": true, "photos": true, "story.php": true, "permalink.php": true, "ads": true, "business": true,
	"marketplace": true, "gaming": true, "l.php": true, "dialog": true, "plugins": true, "video.php": true,
	"reel": true, "reels": true, "p": true, "tv": true, "accounts": true, "direct": true, "developer": true,
	"addstickers": true, "proxy": true, "socks": true, "iv": true, "feed": true, "im": true, "away.php": true,
	"share.php": true, "watch.php": true, "results": true, "playlist": true, "shorts": true, "embed": true,
	"feed.php": true, "pin": true, "ideas": true, "directory": true, "videos": true, "live": true,
	"jobs": true, "download": true, "en": true, "web": true, "static": true, "media": true, "stories": true,
}

// social turns a URL match into a Social one when its host is a social
// platform and its path names an account or page.
func (s *scanner) social(m *Match, host, path string) {
	for _, p := range [...]string{"www.", "m.", "mobile.", "web.", "mbasic.", "touch.", "old."} {
		if strings.HasPrefix(host, p) {
			host = host[len(p):]
			break
		}
	}
	platform, ok := platforms[host]
	if !ok {
		return
	}
	query := ""
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path, query = path[:i], path[i:]
	}
	seg := func(k int) string {
		p := strings.TrimPrefix(path, "/")
		for ; k > 0; k-- {
			i := strings.IndexByte(p, '/')
			if i < 0 {
				return ""
			}
			p = p[i+1:]
		}
		if i := strings.IndexByte(p, '/'); i >= 0 {
			p = p[:i]
		}
		return p
	}
	s0 := seg(0)
	acc := ""
	switch platform {
	case "twitter":
		acc = strings.TrimPrefix(s0, "@")
		if notAccounts[strings.ToLower(acc)] || !handleLike(acc, 15, false) {
			acc = ""
		}
	case "facebook":
		switch s0 {
		case "profile.php", "people", "pages", "groups", "pg":
			if s0 == "profile.php" {
				if v, err := url.ParseQuery(strings.TrimPrefix(query, "?")); err == nil {
					acc = v.Get("id")
				}
				break
			}
			acc = seg(1)
			if s0 == "people" || s0 == "pages" {
				if id := seg(2); id != "" && isAllDigits(id) {
					acc = id
				}
			}
		default:
			if !notAccounts[strings.ToLower(s0)] {
				acc = s0
			}
		}
	case "instagram", "twitch", "pinterest", "gab", "vk", "weibo", "fotolog", "kiwibox":
		acc = s0
		if platform == "weibo" && s0 == "u" {
			acc = seg(1)
		}
		if notAccounts[strings.ToLower(acc)] || strings.HasPrefix(acc, "wall") || strings.HasPrefix(acc, "photo") || strings.HasPrefix(acc, "video") {
			acc = ""
		}
	case "telegram":
		acc = s0
		switch s0 {
		case "s", "c", "joinchat":
			acc = seg(1)
		}
		if notAccounts[strings.ToLower(acc)] {
			acc = ""
		}
	case "youtube":
		switch {
		case strings.HasPrefix(s0, "@"):
			acc = s0[1:]
		case s0 == "channel" || s0 == "c" || s0 == "user":
			acc = seg(1)
		}
	case "tiktok", "threads", "medium", "odysee":
		if strings.HasPrefix(s0, "@") {
			acc = s0[1:]
		}
	case "truthsocial":
		if strings.HasPrefix(s0, "@") {
			acc = s0[1:]
		} else if s0 == "users" {
			acc = seg(1)
		}
	case "ok":
		if s0 == "profile" || s0 == "group" {
			acc = seg(1)
		} else if !notAccounts[s0] {
			acc = s0
		}
	case "linkedin":
		if s0 == "in" || s0 == "company" || s0 == "school" {
			acc = seg(1)
		}
	case "reddit":
		if s0 == "user" || s0 == "u" || s0 == "r" {
			acc = seg(1)
		}
	case "bluesky":
		if s0 == "profile" {
			acc = seg(1)
		}
	case "rumble":
		if s0 == "c" || s0 == "user" {
			acc = seg(1)
		}
	case "snapchat":
		if s0 == "add" {
			acc = seg(1)
		}
	case "bitchute":
		if s0 == "channel" {
			acc = seg(1)
		}
	case "gettr":
		if s0 == "user" {
			acc = seg(1)
		}
	case "whatsapp":
		if host == "chat.whatsapp.com" {
			acc = s0
		} else if s0 == "channel" {
			acc = seg(1)
		}
	}
	if acc == "" {
		return
	}
	if strings.IndexByte(acc, '%') >= 0 {
		if u, err := url.PathUnescape(acc); err == nil {
			acc = u
		}
	}
	m.Kind, m.Platform, m.Account = Social, platform, acc
}

// handleLike reports whether h is a handle of at most max bytes of
// letters, digits and underscores (and dots when dots is set).
func handleLike(h string, max int, dots bool) bool {
	if h == "" || len(h) > max {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(isAlnum(c) || c == '_' || dots && c == '.') {
			return false
		}
	}
	return true
}

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
