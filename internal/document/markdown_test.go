package document

import (
	"reflect"
	"strings"
	"testing"
)

// TestCapNesting checks that only the lines that open too many containers
// change, and that a document with none comes back as it was.
func TestCapNesting(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain\n> quoted\n- item\n", "plain\n> quoted\n- item\n"},
		{"before\n>>>>> deep\nafter\n", "before\n>>> deep\nafter\n"},
		{"a\n- - - - x\nb\n>>>> y", "a\n- - -  x\nb\n>>> y"},
	} {
		got, capped := capNesting(c.in, 3)
		if got != c.want || capped != (c.in != c.want) {
			t.Errorf("capNesting(%q, 3) = %q, %v; want %q, %v", c.in, got, capped, c.want, c.in != c.want)
		}
	}
}

// TestVerbatimNewline checks that verbatimNewline writes what
// verbatim("\n") does, whatever the builder's state.
func TestVerbatimNewline(t *testing.T) {
	for _, before := range []string{"", "a", "a\r", "a\n", "a\n\n", "\r", "abcdef"} {
		for _, max := range []int{100, 3, 2} {
			for _, pending := range []func(*builder){func(*builder) {}, (*builder).paragraph, (*builder).lineBreak, (*builder).spaceBreak} {
				want, got := newBuilder(max), newBuilder(max)
				for _, w := range []*builder{want, got} {
					w.verbatim(before)
					pending(w)
				}
				want.verbatim("\n")
				got.verbatimNewline()
				want.verbatim("x")
				got.verbatim("x")
				if !reflect.DeepEqual(got, want) {
					t.Errorf("after %q (limit %d): verbatimNewline left %+v, verbatim(\"\\n\") %+v", before, max, got, want)
				}
			}
		}
	}
}

// TestLastBlankLine checks lastBlankLine against strings.LastIndex.
func TestLastBlankLine(t *testing.T) {
	for _, s := range []string{"", "\n", "\n\n", "a\n\nb", "a\n\n\nb", "a\n\nb\n\n", "ab\ncd\n\nef\n", "abcdef\n\n", "\n\nabcdefgh"} {
		for from := 0; from <= len(s); from++ {
			want := strings.LastIndex(s, "\n\n") + 2
			got := lastBlankLine(s, from)
			if want >= from && got != want || want < from && got >= from {
				t.Errorf("lastBlankLine(%q, %d) = %d; the last blank line ends at %d", s, from, got, want)
			}
		}
	}
}

// TestIndicatorText: the marks of emphasis and strikethrough inside a link
// or a defanged value are the value's, and the emphasis around one, or
// across words, is still emphasis.
func TestIndicatorText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// Kept: a pair of marks inside the word.
		{"The loader fetched hxxp://evil[.]com/_a_/b.php today.", "The loader fetched hxxp://evil[.]com/_a_/b.php today."},
		{"Then hxxps://x[.]com/p*q*r and h__p://w[.]com/_x_ ran.", "Then hxxps://x[.]com/p*q*r and h__p://w[.]com/_x_ ran."},
		{"set_url https://*commerzbank.de* GPI", "set_url https://*commerzbank.de* GPI"},
		{"set_url https://*.de/*/entry* GPI", "set_url https://*.de/*/entry* GPI"},
		{"See http://b.example/~y~ now.", "See http://b.example/~y~ now."},
		{"At www.c.example/_z_ now.", "At www.c.example/_z_ now."},
		// Live links and mail addresses, which no Linkify pass guards.
		{"Then http://evil.example/a_b_c/d.php ran.", "Then http://evil.example/a_b_c/d.php ran."},
		{"Mail john_doe_x@mail.example or a*b*c@mail.example now.", "Mail john_doe_x@mail.example or a*b*c@mail.example now."},
		{"Write to *soc@mail.example* today.", "Write to soc@mail.example today."},
		{"an @handle*x*y with no dot", "an @handlexy with no dot"},
		// Emphasis as before: around the value, after a quote or a link,
		// across words, and in words that are no values.
		{"**hxxp://a[.]b/c** was the C2.", "hxxp://a[.]b/c was the C2."},
		{"The shop at “*xmr-services[.]com*”.", "The shop at “xmr-services[.]com”."},
		{"word *evil*[.]example 192.0.2.1", "word evil[.]example 192.0.2.1"},
		{"GMT**Location: hxxps://github[.]com/a/calc.dll**Pragma: no-cache", "GMTLocation: hxxps://github[.]com/a/calc.dll" + "Pragma: no-cache"},
		{"[MITRE ATT&CK](https://attack.mitre.org/)**™ mapping** here", "MITRE ATT&CK (https://attack.mitre.org/)™ mapping here"},
		{"a snake_case_name and *italic* text", "a snake_case_name and italic text"},
		{"the wo*r*d is no value", "the word is no value"},
		{"`hxxp://evil[.]com/_a_/b` in code", "hxxp://evil[.]com/_a_/b in code"},
	} {
		doc, err := Read(strings.NewReader("# T\n\n"+c.in+"\n"), "a.md", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimPrefix(doc.Text, "T\n\n"); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
