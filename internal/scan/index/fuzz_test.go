package index

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzAppendURL: normalising never panics and is idempotent: a
// canonical URL is its own canonical form, so rules and events written
// differently meet.
func FuzzAppendURL(f *testing.F) {
	for _, s := range []string{"HTTP://Evil.Example:80/a/./b/../c/?x=%7e#f", "evil.example/a b", "http://[2001:DB8::1]:8080/%2f", "https://bücher.example/ü?", "http://a.example/100%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, p, ok := AppendURL(nil, []byte(s))
		if !ok {
			return
		}
		if p.Host[0] > p.Host[1] || p.Host[1] > len(u) || p.Query > len(u) {
			t.Fatalf("parts %+v out of %q", p, u)
		}
		u2, _, ok := AppendURL(nil, u)
		if !ok || string(u2) != string(u) {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", s, u, u2, ok)
		}
	})
}

// FuzzAppendDomain: idempotent too.
func FuzzAppendDomain(f *testing.F) {
	for _, s := range []string{"Evil.Example.", "bücher.example", "xn--bcher-kva.example", "a..b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := AppendDomain([]byte("kept"), []byte(s))
		if r, rok := refAppendDomain([]byte("kept"), []byte(s)); rok != ok || string(r) != string(d) {
			t.Fatalf("%q: got %q %v, the byte-by-byte form %q %v", s, d, ok, r, rok)
		}
		if !ok {
			return
		}
		d = d[len("kept"):]
		d2, ok := AppendDomain(nil, d)
		if !ok || string(d2) != string(d) {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, d, d2)
		}
	})
}

func FuzzSimple(f *testing.F) {
	for _, s := range []string{"[domain-name:value = 'a.example'] OR [ipv4-addr:value = '1.2.3.0/24']", "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = 443]", "[url:value = 'x\\'y']"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		terms, ok := Simple(s)
		if ok && len(terms) == 0 {
			t.Fatalf("%q: simple with no term", s)
		}
		b := NewBuilder()
		b.AddRule("indicator--00000000-0000-4000-8000-000000000001", terms)
		b.Build(Info{})
	})
}

// FuzzOpen: a damaged index file is refused with an error, never a
// panic or an out-of-bounds read later.
func FuzzOpen(f *testing.F) {
	ix, _ := build(f, "01", "[domain-name:value = 'evil.example']", "03", "[ipv4-addr:value = '203.0.113.0/24']")
	p := filepath.Join(f.TempDir(), "ix")
	if err := ix.WriteFile(p); err != nil {
		f.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	f.Add(data)
	f.Add(data[:len(data)/2])
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		ix, err := Open(p)
		if err != nil {
			return
		}
		m := NewMatcher(ix)
		m.Match(1, []byte("a.evil.example"))
		m.Match(2, []byte("203.0.113.5"))
		ix.Close()
	})
}

// refAppendDomain is AppendDomain as it was before it read bytes through
// a table, for FuzzAppendDomain to hold the two to the same answers.
func refAppendDomain(dst, v []byte) (_ []byte, ok bool) {
	if len(v) > 0 && v[len(v)-1] == '.' {
		v = v[:len(v)-1]
	}
	if len(v) == 0 || len(v) > 253 {
		return dst, false
	}
	start := len(dst)
	prev := byte('.')
	for _, c := range v {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '.':
			if prev == '.' {
				return dst[:start], false
			}
		case c >= 0x80:
			return appendIDN(dst[:start], v)
		default:
			return dst[:start], false
		}
		dst = append(dst, c)
		prev = c
	}
	if prev == '.' {
		return dst[:start], false // an empty last label ("a..")
	}
	return dst, true
}
