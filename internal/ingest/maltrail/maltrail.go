// Package maltrail converts Maltrail's static trail files
// (trails/static/malware/*.txt and trails/static/malicious/*.txt of
// github.com/stamparm/maltrail) into STIX 2.1 objects. It is a pure
// converter: bytes in, objects out.
//
// A trail file lists one indicator per line under "#" comment blocks; the
// file's name is its tag. The header's "# Aliases:" line names the
// family's or actor's other names; "# Reference:" lines cite sources. An
// entry is a domain (Maltrail matches it with every name under it), an
// IPv4 address with or without a port, a URL, or a host followed by a
// path (taken as an http URL). Bare paths ("/365-Stealer/") have no host
// to match and are counted in the notes, never dropped silently.
//
// The tag becomes an intrusion set when it names an actor ("apt_…"),
// otherwise a malware family (is_family true), named for the tag with its
// aliases, created by the identity "Maltrail". Each entry becomes an
// indicator (its id derived from the pattern, so that an entry listed in
// several files is one indicator) with an indicates relationship to the
// tag's object, labelled with the tag.
package maltrail

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/extract/ioc"
	"github.com/dossier-cti/dossier/internal/stix"
)

// Magic is how every trail file begins.
const Magic = "# Copyright (c) 2014-"

// Detect reports whether head is the start of a Maltrail trail file:
// Maltrail's copyright line first, or (a few trail files lack it) only
// "#" comments of Maltrail's kinds ("# Reference:", "# Aliases:") and
// lines of one word each (domains, addresses, URLs), at least one of
// each.
func Detect(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(t, []byte(Magic)) && bytes.Contains(t[:min(len(t), 120)], []byte("Maltrail developers")) {
		return true
	}
	lines := bytes.Split(t, []byte("\n"))
	if len(lines) > 1 && len(head) >= 4096 {
		lines = lines[:len(lines)-1] // maybe cut by the window
	}
	comments, entries := 0, 0
	for _, l := range lines {
		l = bytes.TrimSpace(l)
		switch {
		case len(l) == 0:
		case l[0] == '#':
			if bytes.HasPrefix(l, []byte("# Reference:")) || bytes.HasPrefix(l, []byte("# Aliases:")) || bytes.HasPrefix(l, []byte("# Note:")) {
				comments++
			}
		default:
			if i := bytes.Index(l, []byte(" #")); i > 0 {
				l = bytes.TrimSpace(l[:i])
			}
			if bytes.ContainsAny(l, " \t") {
				return false // prose
			}
			entries++
		}
	}
	return comments > 0 && entries > 0
}

// IdentityID is the id of the identity that stands for Maltrail.
var IdentityID = stix.DerivedID("identity", "maltrail")

// Options control a conversion.
type Options struct {
	// Tag is the trail's tag: the file name without ".txt".
	Tag string
	// Now dates the objects.
	Now time.Time
}

// Result is what Convert made.
type Result struct {
	Objects    []*stix.Object
	Notes      []string
	Entries    int // indicator entries read
	Duplicates int // entries that repeat an earlier one of the file
	Bare       int // bare paths, without a host
	Skipped    int // entries that are no value dossier can match
	Tag        string
}

// maxLine bounds one line of a trail file.
const maxLine = 64 << 10

// Convert reads one trail file.
func Convert(r io.Reader, opt Options) (*Result, error) {
	tag := strings.TrimSuffix(strings.TrimSpace(opt.Tag), ".txt")
	if tag == "" {
		return nil, fmt.Errorf("maltrail: a trail file needs its tag (the file name)")
	}
	ts := stix.FormatTimestamp(opt.Now.UTC())
	res := &Result{Tag: tag}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var aliases []string
	var refs []stix.Value
	seenRef := map[string]bool{}
	type entry struct {
		pattern, value string
	}
	var entries []entry
	seen := map[string]bool{}
	var bare, skipped []string
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, "#") {
			c := strings.TrimSpace(strings.TrimPrefix(l, "#"))
			if a, ok := strings.CutPrefix(c, "Aliases:"); ok {
				for _, s := range strings.Split(a, ",") {
					if s = strings.TrimSpace(s); s != "" {
						aliases = append(aliases, s)
					}
				}
			}
			if u, ok := strings.CutPrefix(c, "Reference:"); ok {
				u = strings.TrimSpace(u)
				if i := strings.IndexByte(u, ' '); i > 0 {
					u = u[:i]
				}
				if strings.HasPrefix(u, "http") && !seenRef[u] && len(refs) < 50 {
					seenRef[u] = true
					refs = append(refs, stix.NewBuilder().Str("source_name", "maltrail reference").Str("url", u).Value())
				}
			}
			continue
		}
		if i := strings.Index(l, " #"); i >= 0 {
			l = strings.TrimSpace(l[:i])
		}
		if i := strings.IndexAny(l, " \t"); i >= 0 {
			l = l[:i]
		}
		res.Entries++
		p, v, why := patternOf(l)
		if p == "" {
			if why == "bare path" {
				bare = append(bare, l)
			} else {
				skipped = append(skipped, fmt.Sprintf("line %d %q: %s", line, l, why))
			}
			continue
		}
		if seen[p] {
			res.Duplicates++
			continue
		}
		seen[p] = true
		entries = append(entries, entry{p, v})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("maltrail: %s: line %d: %w", tag, line+1, err)
	}
	res.Bare, res.Skipped = len(bare), len(skipped)
	if res.Duplicates > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d entries repeat earlier ones (same pattern once made)", res.Duplicates))
	}
	if len(bare) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d bare path(s) without a host not converted (no value to match), e.g. %q", len(bare), bare[0]))
	}
	for i, s := range skipped {
		if i == 5 {
			res.Notes = append(res.Notes, fmt.Sprintf("... and %d more entries not converted", len(skipped)-5))
			break
		}
		res.Notes = append(res.Notes, s)
	}

	common := func(typ, id string) *stix.Builder {
		return stix.NewBuilder().Str("type", typ).Str("spec_version", "2.1").Str("id", id).
			Str("created_by_ref", IdentityID).Str("created", ts).Str("modified", ts)
	}
	res.Objects = append(res.Objects, stix.NewBuilder().Str("type", "identity").Str("spec_version", "2.1").Str("id", IdentityID).
		Str("created", ts).Str("modified", ts).Str("name", "Maltrail").Str("identity_class", "organization").
		Str("description", "Maltrail's static trails: malicious and suspicious domains, addresses and URLs, by family and actor (github.com/stamparm/maltrail).").
		Object())
	name := tag
	var target *stix.Builder
	if a, ok := strings.CutPrefix(tag, "apt_"); ok {
		name = a
		target = common("intrusion-set", stix.DerivedID("intrusion-set", "maltrail:"+tag)).Str("name", name)
	} else {
		target = common("malware", stix.DerivedID("malware", "maltrail:"+tag)).Str("name", name).Bool("is_family", true)
	}
	var al []string
	for _, a := range aliases {
		if !strings.EqualFold(a, name) {
			al = append(al, a)
		}
	}
	target.Strs("aliases", al).Str("description", "Maltrail trail "+tag+".").List("external_references", refs)
	to := target.Object()
	res.Objects = append(res.Objects, to)
	for _, e := range entries {
		ind := common("indicator", stix.DerivedID("indicator", "maltrail|"+e.pattern)).
			Str("name", e.value).
			Strs("indicator_types", []string{"malicious-activity"}).
			Str("pattern", e.pattern).Str("pattern_type", "stix").Str("valid_from", ts).
			Strs("labels", []string{tag}).Object()
		rel := common("relationship", stix.DerivedID("relationship", ind.ID+"|indicates|"+to.ID)).
			Str("relationship_type", "indicates").Str("source_ref", ind.ID).Str("target_ref", to.ID).Object()
		res.Objects = append(res.Objects, ind, rel)
	}
	return res, nil
}

// patternOf makes the STIX pattern of one trail entry and the value it
// names; why says why there is none.
func patternOf(e string) (pattern, value, why string) {
	q := func(s string) string {
		return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
	}
	switch {
	case strings.HasPrefix(e, "/"):
		return "", "", "bare path"
	case ioc.SchemeLen(e) > 0: // not a "://" in a path or query ("evil.example/r?u=http://…"), which is a host's
		return "[url:value = " + q(e) + "]", e, ""
	}
	if i := strings.IndexByte(e, '/'); i > 0 {
		host := e[:i]
		if !isHost(host) {
			return "", "", "not a host before the path"
		}
		u := "http://" + strings.ToLower(host) + e[i:]
		return "[url:value = " + q(u) + "]", u, ""
	}
	if a, err := netip.ParseAddr(e); err == nil {
		typ := "ipv4-addr"
		if a.Is6() {
			typ = "ipv6-addr"
		}
		return "[" + typ + ":value = " + q(a.String()) + "]", a.String(), ""
	}
	if ap, err := netip.ParseAddrPort(e); err == nil {
		if ap.Port() == 0 {
			a := ap.Addr().Unmap()
			typ := "ipv4-addr"
			if a.Is6() {
				typ = "ipv6-addr"
			}
			return "[" + typ + ":value = " + q(a.String()) + "]", a.String(), "" // port 0 is no port
		}
		return "[network-traffic:dst_ref.value = " + q(ap.Addr().String()) + " AND network-traffic:dst_port = " + strconv.Itoa(int(ap.Port())) + "]", e, ""
	}
	if strings.Count(e, ":") >= 1 {
		return "", "", "not an address, host or URL"
	}
	if !isHost(e) {
		return "", "", "not a host name"
	}
	d := strings.ToLower(strings.TrimSuffix(e, "."))
	return "[domain-name:value = " + q(d) + "]", d, ""
}

func isHost(h string) bool {
	h = strings.TrimSuffix(h, ".")
	if len(h) < 3 || len(h) > 253 || !strings.Contains(h, ".") {
		return false
	}
	if i := strings.LastIndexByte(h, ':'); i > 0 {
		if _, err := strconv.Atoi(h[i+1:]); err != nil {
			return false
		}
		h = h[:i]
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return !strings.Contains(h, "..")
}
