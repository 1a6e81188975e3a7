package names

import (
	"regexp"
	"testing"

	"github.com/dossier-cti/dossier/internal/knowledge"
)

// parenRE is what withoutParens stands for.
var parenRE = regexp.MustCompile(`\s*\([^)]*\)`)

// TestWithoutParens: withoutParens is the regular expression's
// replacement, on every DISARM and ATT&CK name and on the shapes that
// could tell them apart.
func TestWithoutParens(t *testing.T) {
	cases := []string{"", "no parens", "Create Inauthentic Websites (Sites)", "(lead) rest", "a (b) c (d) e", "a  \t(b)", "a\n(b)c",
		"a (b (c) d) e", "unclosed (paren", "close) only", "x (y", "()", " ( ) ", "\u00a0(nbsp)", "a\v(b)", "((a))b", "a (b)(c)(d)", "é (ü) ö"}
	if pack, err := knowledge.Load(); err == nil {
		for _, d := range pack.DISARM {
			cases = append(cases, d.Name)
		}
		for _, tq := range pack.Techniques {
			cases = append(cases, tq.Name)
		}
	}
	for _, s := range cases {
		if got, want := withoutParens(s), parenRE.ReplaceAllString(s, ""); got != want {
			t.Errorf("withoutParens(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzWithoutParens(f *testing.F) {
	for _, s := range []string{"a (b) c", "((", "))(( )", " \t(x)\n(y)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := withoutParens(s), parenRE.ReplaceAllString(s, ""); got != want {
			t.Errorf("withoutParens(%q) = %q, want %q", s, got, want)
		}
	})
}
