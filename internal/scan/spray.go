package scan

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/scan/events"
)

// SprayOptions set when failed sign-ins count as password spraying: many
// accounts, few attempts each.
type SprayOptions struct {
	// MinAccounts is how many distinct accounts must fail (default 10).
	MinAccounts int
	// MaxPerAccount is the most failed attempts per account, on average,
	// that still looks like spraying rather than guessing one account
	// (default 3).
	MaxPerAccount float64
	// Window is the time a rotating set of sources is looked at together
	// (default one hour).
	Window time.Duration
	// MinSources is how many addresses make a rotating set (default 3).
	MinSources int
}

func (o *SprayOptions) defaults() {
	if o.MinAccounts <= 0 {
		o.MinAccounts = 10
	}
	if o.MaxPerAccount <= 0 {
		o.MaxPerAccount = 3
	}
	if o.Window <= 0 {
		o.Window = time.Hour
	}
	if o.MinSources <= 0 {
		o.MinSources = 3
	}
}

// maxSignIns bounds the failed sign-ins kept for spray detection.
const maxSignIns = 4 << 20

type failure struct {
	t    time.Time
	ip   netip.Addr
	user string
	src  string
	line int64
}

type sprayDetector struct {
	opt     SprayOptions
	fails   []failure
	ok      map[string]bool // ip|user that signed in successfully
	dropped int
	users   map[string]string // interned user names
}

func newSprayDetector(opt SprayOptions) *sprayDetector {
	opt.defaults()
	return &sprayDetector{opt: opt, ok: map[string]bool{}, users: map[string]string{}}
}

func (d *sprayDetector) add(s events.SignIn) {
	if s.OK {
		if len(d.ok) < maxSignIns {
			d.ok[s.IP.String()+"|"+s.User] = true
		}
		return
	}
	if len(d.fails) >= maxSignIns {
		d.dropped++
		return
	}
	u, ok := d.users[s.User]
	if !ok {
		u = s.User
		d.users[u] = u
	}
	d.fails = append(d.fails, failure{t: s.Time, ip: s.IP, user: u, src: s.Source, line: s.Line})
}

// alerts finds spraying: first from single sources, then, among the
// failures left, from rotating sets of sources within a time window.
func (d *sprayDetector) alerts() []*Alert {
	var out []*Alert
	byIP := map[netip.Addr][]int{}
	for i, f := range d.fails {
		if f.ip.IsValid() {
			byIP[f.ip] = append(byIP[f.ip], i)
		}
	}
	ips := make([]netip.Addr, 0, len(byIP))
	for ip := range byIP {
		ips = append(ips, ip)
	}
	sort.Slice(ips, func(i, j int) bool { return ips[i].Less(ips[j]) })
	single := map[netip.Addr]bool{}
	for _, ip := range ips {
		idx := byIP[ip]
		if a := d.judge(idx, "from "+ip.String()); a != nil {
			a.Value = ip.String()
			out = append(out, a)
			single[ip] = true
		}
	}
	// Rotating sets: failures from sources that did not spray alone,
	// in time order, within sliding windows.
	var rest []int
	for i, f := range d.fails {
		if f.ip.IsValid() && !single[f.ip] && !f.t.IsZero() {
			rest = append(rest, i)
		}
	}
	sort.SliceStable(rest, func(i, j int) bool { return d.fails[rest[i]].t.Before(d.fails[rest[j]].t) })
	for lo := 0; lo < len(rest); {
		hi := lo
		for hi < len(rest) && d.fails[rest[hi]].t.Sub(d.fails[rest[lo]].t) <= d.opt.Window {
			hi++
		}
		win := rest[lo:hi]
		srcs := map[netip.Addr]bool{}
		for _, i := range win {
			srcs[d.fails[i].ip] = true
		}
		if len(srcs) >= d.opt.MinSources {
			list := make([]netip.Addr, 0, len(srcs))
			for ip := range srcs {
				list = append(list, ip)
			}
			sort.Slice(list, func(i, j int) bool { return list[i].Less(list[j]) })
			names := make([]string, len(list))
			for i, ip := range list {
				names[i] = ip.String()
			}
			shown := names
			if len(shown) > 10 {
				shown = append(append([]string(nil), shown[:10]...), fmt.Sprintf("and %d more", len(names)-10))
			}
			if a := d.judge(win, fmt.Sprintf("from a rotating set of %d addresses (%s)", len(srcs), strings.Join(shown, ", "))); a != nil {
				a.Value = strings.Join(names, " ")
				out = append(out, a)
				lo = hi // report a window once
				continue
			}
		}
		lo++
	}
	return out
}

// judge makes an alert when the failures look like spraying.
func (d *sprayDetector) judge(idx []int, from string) *Alert {
	perUser := map[string]int{}
	for _, i := range idx {
		perUser[d.fails[i].user]++
	}
	if len(perUser) < d.opt.MinAccounts {
		return nil
	}
	avg := float64(len(idx)) / float64(len(perUser))
	if avg > d.opt.MaxPerAccount {
		return nil
	}
	first, last := d.fails[idx[0]], d.fails[idx[0]]
	for _, i := range idx {
		f := d.fails[i]
		if !f.t.IsZero() && (first.t.IsZero() || f.t.Before(first.t)) {
			first = f
		}
		if f.t.After(last.t) {
			last = f
		}
	}
	// Accounts that also signed in successfully from the same sources.
	var won []string
	for u := range perUser {
		for _, i := range idx {
			if d.ok[d.fails[i].ip.String()+"|"+u] {
				won = append(won, u)
				break
			}
		}
	}
	sort.Strings(won)
	reason := fmt.Sprintf("password spraying %s: %d failed sign-ins against %d accounts (%.1f per account)", from, len(idx), len(perUser), avg)
	if !first.t.IsZero() {
		reason += fmt.Sprintf(" between %s and %s", first.t.UTC().Format(time.RFC3339), last.t.UTC().Format(time.RFC3339))
	}
	if len(won) > 0 {
		reason += fmt.Sprintf("; %d of them then signed in successfully from the same sources: %s", len(won), strings.Join(won, ", "))
	}
	return &Alert{Source: first.src, Line: Where{N: first.line}, Field: "sign-in", Kind: KindSpray, Reason: reason}
}
