package knowledge

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

// TestObjectsIndexed checks that the embedded index finds every embedded
// object, and nothing else, and that an object cannot be appended to over
// the next one.
func TestObjectsIndexed(t *testing.T) {
	lines := bytes.SplitAfter(objectsJSONL, []byte("\n"))
	lines = lines[:len(lines)-1] // after the last newline
	n, err := ObjectCount()
	if err != nil {
		t.Fatal(err)
	}
	if n != len(lines) {
		t.Fatalf("ObjectCount got %d, want the %d lines of objects.jsonl", n, len(lines))
	}
	for _, l := range lines {
		raw, err := objectID(l)
		if err != nil {
			t.Fatal(err)
		}
		id := string(raw)
		got, err := ObjectJSON(id)
		if err != nil {
			t.Fatal(err)
		}
		if want := bytes.TrimSuffix(l, []byte("\n")); !bytes.Equal(got, want) {
			t.Fatalf("ObjectJSON(%s) got %.80s…, want %.80s…", id, got, want)
		}
		if cap(got) != len(got) {
			t.Fatalf("ObjectJSON(%s) has room for %d more bytes, over the next object", id, cap(got)-len(got))
		}
	}
	for _, id := range []string{"", "a", "attack-pattern--", "zzzz", "attack-pattern--2e34237d-8574-43f6-aace-ae2915de859"} {
		if got, err := ObjectJSON(id); got != nil || err != nil {
			t.Errorf("ObjectJSON(%q) got %.40q, %v; want nil, nil", id, got, err)
		}
	}
}

func TestIndexObjectsRefuses(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"no newline", `{"id":"a--1"}`, "does not end in a newline"},
		{"no id", "{\"type\":\"x\"}\n", "line 1: an object without an id"},
		{"empty id", "{\"id\":\"\"}\n", "line 1: a malformed id"},
		{"unsorted", "{\"id\":\"b--1\"}\n{\"id\":\"a--1\"}\n", "line 2: id a--1 after b--1"},
		{"twice", "{\"id\":\"a--1\"}\n{\"id\":\"a--1\"}\n", "line 2: id a--1 after a--1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := IndexObjects([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("IndexObjects got error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestOpenObjectsRefuses corrupts a small index and its objects in every
// way that matters: each gives an error naming the file, not a panic.
func TestOpenObjectsRefuses(t *testing.T) {
	lines := []byte("{\"id\":\"a--1\",\"n\":1}\n{\"type\":\"t\",\"id\":\"b--2\"}\n{\"id\":\"c--3\"}\n")
	idx, err := IndexObjects(lines)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := openObjects(lines, idx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := tab.lookup("b--2"); err != nil || string(got) != `{"type":"t","id":"b--2"}` {
		t.Fatalf("lookup(b--2) got %q, %v", got, err)
	}
	head := len(objectsMagic) + 12
	put := func(at int, v uint32) []byte {
		b := bytes.Clone(idx)
		binary.LittleEndian.PutUint32(b[at:], v)
		return b
	}
	lineStart := func(i int) int { return head + 4*i }
	idStart := func(i int) int { return head + 4*4 + 4*i }
	for _, tc := range []struct {
		name       string
		lines, idx []byte
		want       string
	}{
		{"empty", lines, nil, "no magic"},
		{"not an index", lines, []byte(strings.Repeat("x", 100)), "no magic"},
		{"version", lines, put(len(objectsMagic), 9), "format version 9, but this build reads version 1"},
		{"other objects", lines[:len(lines)-1], idx, "indexes 59 bytes of objects, but objects.jsonl has 58"},
		{"count too big", lines, put(len(objectsMagic)+4, 1<<30), "1073741824 objects, but only"},
		{"count huge", lines, put(len(objectsMagic)+4, 1<<32-1), "4294967295 objects, but only"},
		{"truncated", lines, idx[:len(idx)-1], "the ids do not span"},
		{"first line", lines, put(lineStart(0), 1), "do not span objects.jsonl"},
		{"last line", lines, put(lineStart(3), 1000), "do not span objects.jsonl"},
		{"line order", lines, put(lineStart(1), 50), "object 1: bytes 50 to 45"},
		{"id order", lines, put(idStart(1), 9), "object 1: id bytes 9 to 8"},
		{"id range", lines, put(idStart(2), 1000), "object 1: id bytes 4 to 1000"},
		{"ids unsorted", lines, bytes.Replace(idx, []byte("b--2"), []byte("0--2"), 1), `object 1: id "0--2" after "a--1"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := openObjects(tc.lines, tc.idx)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "objects.idx") {
				t.Errorf("openObjects got error %v, want one naming objects.idx and containing %q", err, tc.want)
			}
		})
	}
	// An index well formed but of other objects: caught on the object read.
	other := bytes.Replace(lines, []byte("b--2"), []byte("b--9"), 1)
	tab, err = openObjects(other, idx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := tab.lookup("b--2"); got != nil || err == nil || !strings.Contains(err.Error(), "hold another object") {
		t.Errorf("lookup(b--2) in other objects got %q, %v; want an error", got, err)
	}
	shifted := append([]byte("\n"), lines[:len(lines)-1]...)
	tab, err = openObjects(shifted, idx)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a--1", "b--2", "c--3"} {
		if got, err := tab.lookup(id); got != nil || err == nil {
			t.Errorf("lookup(%s) in shifted objects got %q, %v; want an error", id, got, err)
		}
	}
}
