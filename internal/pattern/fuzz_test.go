package pattern

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// FuzzParse: any input is parsed without panic, to a tree whose canonical
// form parses back to itself, or to an *Error with a position inside the
// input; what compiles evaluates without panic.
func FuzzParse(f *testing.F) {
	for _, s := range specExamples {
		f.Add(s)
	}
	for _, s := range []string{
		`[a:x = 1] AND ([a:x = 2] OR [a:x = 3]) REPEATS 2 TIMES WITHIN 1.5 SECONDS`,
		`[a:'x y'[0][*][-1].b_ref.c = 'it\'s']`,
		`[a:x IN ('a', 1, 2.5, true, t'2020-01-01T00:00:00Z', h'00ff', b'AA==')]`,
		`[a:x NOT MATCHES '(?i)^a.*b$' OR EXISTS a:y] START t'2020-01-01T00:00:00Z' STOP t'2020-01-02T00:00:00Z'`,
		"[a:x = 1] /* c */ // d\n",
		`((((((((((`, `[a:x MATCHES '(?=x)']`, `[file:hashes.'SHA-256' = 'abc']`,
	} {
		f.Add(s)
	}
	obs := readObs(f, richObserved)
	obs = append(obs, readObs(f, timeline)...)
	obs = append(obs, readObs(f, `{"type": "observed-data", "first_observed": "2020-01-01T00:00:00Z", "last_observed": "2020-01-02T00:00:00Z", "number_observed": 50, "objects": {"0": {"type": "a", "x": 1, "y": "z"}}}`)...)
	f.Fuzz(func(t *testing.T, src string) {
		// Bounded time: an input that takes seconds crashes the worker, and
		// the fuzzer reports it.
		watchdog := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("FuzzParse: input took more than 10s: %q", src)) })
		defer watchdog.Stop()
		x, err := Parse(src)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): error %v is not an *Error", src, err)
			}
			if pe.Offset < 0 || pe.Offset > len(src) || pe.Line < 1 || pe.Column < 1 {
				t.Fatalf("Parse(%q): position %+v outside the input", src, pe)
			}
			return
		}
		canon := x.String()
		y, err := Parse(canon)
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", canon, src, err)
		}
		if again := y.String(); again != canon {
			t.Fatalf("canonical form of %q is unstable:\n%s\n%s", src, canon, again)
		}
		p, err := Compile(src)
		if err != nil {
			if !errors.As(err, new(*Error)) {
				t.Fatalf("Compile(%q): error %v is not an *Error", src, err)
			}
			return
		}
		if _, err := p.Match(obs); err != nil && err != ErrTooComplex {
			t.Fatalf("Match(%q): %v", src, err)
		}
		if strings.Count(src, "[") > 0 && len(p.Expressions()) == 0 {
			t.Fatalf("%q compiled with no observation expressions", src)
		}
	})
}
