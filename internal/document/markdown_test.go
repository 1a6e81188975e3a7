package document

import "testing"

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
