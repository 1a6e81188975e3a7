package newpages

import "testing"

// TestTouch: Touch leaves new memory as it was, whatever the element
// size, pointers included; it is for the page faults alone, which a
// test cannot see (perf can: see the package comment).
func TestTouch(t *testing.T) {
	b := Touch(make([]byte, 3*pageSize+5))
	for i, c := range b {
		if c != 0 {
			t.Fatalf("byte %d is %d", i, c)
		}
	}
	type big struct {
		a [5000]byte
		p *int
	}
	s := Touch(make([]big, 3))
	for i := range s {
		if s[i].p != nil || s[i].a != [5000]byte{} {
			t.Fatalf("element %d changed", i)
		}
	}
	if len(Touch([]struct{}{{}, {}})) != 2 || Touch[int](nil) != nil {
		t.Error("Touch of empty elements or nil")
	}
}
