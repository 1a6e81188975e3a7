package ioc

import (
	"sync"
	"sync/atomic"

	"golang.org/x/net/publicsuffix"
)

// maxMemo bounds each memo of public-suffix answers: beyond it, answers
// are computed afresh each time.
const maxMemo = 4096

// memo is a set of answers about strings: an immutable map replaced
// whole (copy on write) when one is added, so that look-ups from
// concurrent Scans neither lock nor allocate.
type memo struct {
	m  atomic.Pointer[map[string]bool]
	mu sync.Mutex // serialises writers
}

// get returns the answer for key, computing and remembering it with f
// on a miss.
func (c *memo) get(key []byte, f func() bool) bool {
	if m := c.m.Load(); m != nil {
		if v, ok := (*m)[string(key)]; ok {
			return v
		}
	}
	v := f()
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.m.Load()
	if old != nil && len(*old) >= maxMemo {
		return v
	}
	m := make(map[string]bool, 1+lenMap(old))
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	m[string(key)] = v
	c.m.Store(&m)
	return v
}

var tldMemo, suffixMemo memo

// icannTLD reports whether label (any case) is a top-level domain in the
// ICANN section of the public suffix list. publicsuffix.PublicSuffix
// allocates when its argument is not an IP address (it tries to parse one
// first) and walks a table, so answers are memoised: text full of
// "report.pdf" and "Agent.UXG" then costs no allocation.
func icannTLD(label string) bool {
	if len(label) > 63 {
		return false
	}
	var b [130]byte
	lb := appendLower(b[:0], label)
	return tldMemo.get(lb, func() bool {
		_, icann := publicsuffix.PublicSuffix("a." + string(lb))
		return icann
	})
}

// icannSuffix reports whether name (lower case) is itself a public
// suffix in the ICANN section: "co.uk", "x.ck".
func icannSuffix(name []byte) bool {
	return suffixMemo.get(name, func() bool {
		ps, icann := publicsuffix.PublicSuffix(string(name))
		return icann && len(ps) == len(name)
	})
}

func lenMap(m *map[string]bool) int {
	if m == nil {
		return 0
	}
	return len(*m)
}
