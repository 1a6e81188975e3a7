// Package ipsum converts the IPsum feed (ipsum.txt of
// github.com/stamparm/ipsum: a "#" comment header, then one IPv4 address
// and a count per line, tab-separated) into STIX 2.1 indicators. The count
// is how many public blocklists list the address; it becomes the
// indicator's confidence (10 points per list, at most 100) and a label
// "ipsum-lists-N". IPsum is reputation data (scanners, brute-forcers),
// not an actor's infrastructure: its indicators indicate nothing further.
package ipsum

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// Detect reports whether head is the start of an IPsum file.
func Detect(head []byte) bool {
	return bytes.HasPrefix(head, []byte("# IPsum Threat Intelligence Feed"))
}

// IdentityID is the id of the identity that stands for IPsum.
var IdentityID = stix.DerivedID("identity", "ipsum")

// Result is what Convert made.
type Result struct {
	Objects []*stix.Object
	Notes   []string
	Entries int
}

// Convert reads an IPsum file, dating the objects now.
func Convert(r io.Reader, now time.Time) (*Result, error) {
	ts := stix.FormatTimestamp(now.UTC())
	res := &Result{}
	res.Objects = append(res.Objects, stix.NewBuilder().Str("type", "identity").Str("spec_version", "2.1").Str("id", IdentityID).
		Str("created", ts).Str("modified", ts).Str("name", "IPsum").Str("identity_class", "organization").
		Str("description", "IPsum: IPv4 addresses listed by public blocklists, with how many list each (github.com/stamparm/ipsum).").
		Object())
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 4096)
	line := 0
	var bad []string
	seen := map[netip.Addr]bool{}
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Fields(l)
		a, err := netip.ParseAddr(f[0])
		n := 1
		if err == nil && len(f) > 1 {
			n, err = strconv.Atoi(f[1])
		}
		if err != nil || !a.Is4() || n < 1 {
			bad = append(bad, fmt.Sprintf("line %d: %q", line, l))
			continue
		}
		res.Entries++
		if seen[a] {
			continue
		}
		seen[a] = true
		ip := a.String()
		pattern := "[ipv4-addr:value = '" + ip + "']"
		res.Objects = append(res.Objects, stix.NewBuilder().Str("type", "indicator").Str("spec_version", "2.1").
			Str("id", stix.DerivedID("indicator", "ipsum|"+pattern)).Str("created_by_ref", IdentityID).
			Str("created", ts).Str("modified", ts).Str("name", ip).
			Strs("indicator_types", []string{"anomalous-activity"}).
			Str("pattern", pattern).Str("pattern_type", "stix").Str("valid_from", ts).
			Int("confidence", min(100, 10*n)).
			Strs("labels", []string{"ipsum", "ipsum-lists-" + strconv.Itoa(n)}).Object())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ipsum: line %d: %w", line+1, err)
	}
	if len(bad) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d line(s) not read as address and count, e.g. %s", len(bad), bad[0]))
	}
	return res, nil
}
