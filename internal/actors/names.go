package actors

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MatchKey returns the form under which actor names are compared: case,
// accents, white space and punctuation do not count, so "Storm-2035",
// "storm 2035" and "STORM2035" share one key, as do "Mînt Sandstorm" and
// "MINT_SANDSTORM". Letters and digits of every script are kept.
func MatchKey(name string) string {
	var b strings.Builder
	ascii := true
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		b.Grow(len(name))
		for i := 0; i < len(name); i++ {
			c := name[i]
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				b.WriteByte(c)
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			}
		}
		return b.String()
	}
	short := len(name) <= maxCachedKey
	cache := keyCache.Load()
	if short {
		if k, ok := cache.Load(name); ok {
			return k.(string)
		}
	}
	b.Grow(len(name)) // after the cache: a hit allocates nothing
	for _, r := range norm.NFKD.String(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	key := cases.Fold().String(b.String())
	if short {
		if keyCached.Add(1) > maxCachedKeys {
			cache = new(sync.Map) // a fresh cache, not an ever larger one
			keyCache.Store(cache)
			keyCached.Store(1)
		}
		cache.Store(strings.Clone(name), key) // a name cut from a long text does not keep the text
	}
	return key
}

// keyCache holds MatchKey's keys of short names outside ASCII: their
// Unicode normalisation and case folding cost a microsecond or more, and
// the name recogniser asks for the key of the same word at each of its
// places, once for every walk of its dictionary that reaches it (a text
// of a million "C0 \xd1" repeats read at 1.1 MB/s). Once it holds
// maxCachedKeys names it is started anew.
var (
	keyCache  atomic.Pointer[sync.Map]
	keyCached atomic.Int64
)

func init() { keyCache.Store(new(sync.Map)) }

const (
	maxCachedKey  = 64      // bytes of a name cached
	maxCachedKeys = 1 << 16 // names cached at most
)

// suggest returns up to n names whose keys are closest to key: names that
// start with it or contain it first, then by edit distance, for a query
// that matched nothing.
func suggest(key string, names map[string]*nameNode, n int) []string {
	if key == "" {
		return nil
	}
	type cand struct {
		name  string
		score int
	}
	limit := max(2, len(key)/3)
	var cands []cand
	for k, node := range names {
		var score int
		switch {
		case strings.HasPrefix(k, key):
			score = len(k) - len(key) // shorter completions first
		case strings.Contains(k, key) && len(key) >= 3:
			score = 10 + len(k) - len(key)
		default:
			if abs(len(k)-len(key)) > limit {
				continue
			}
			d := distance(key, k, limit)
			if d > limit {
				continue
			}
			score = 100 + d*10
		}
		cands = append(cands, cand{node.display(), score})
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score < cands[j].score
		}
		return cands[i].name < cands[j].name
	})
	var out []string
	for _, c := range cands {
		if len(out) == n {
			break
		}
		out = append(out, c.name)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance
// between a and b, giving up early once it exceeds limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
