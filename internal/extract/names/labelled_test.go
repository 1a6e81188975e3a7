package names

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// want is one expected mention of a labelled text.
type want struct {
	kind Kind
	text string
	ref  string // "=Canonical Name" or "new" for actors; the id or code otherwise
}

// readWant reads a .want file: one mention a line, in text order, as
// kind, text and reference separated by tabs; # starts a comment.
func readWant(t *testing.T, path string) []want {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []want
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("%s:%d: want kind, text and reference separated by tabs", path, n)
		}
		out = append(out, want{Kind(f[0]), f[1], f[2]})
	}
	return out
}

func (w want) matches(m Mention) bool {
	if m.Kind != w.kind || m.Text != w.text {
		return false
	}
	switch {
	case w.ref == "new":
		return m.New
	case strings.HasPrefix(w.ref, "="):
		return !m.New && m.Name == w.ref[1:]
	}
	return m.ID == w.ref
}

func (w want) String() string { return string(w.kind) + " " + w.text + " " + w.ref }

// TestLabelled runs Find over the texts in testdata/labelled, written for
// this package in the style of government statements and vendor reports,
// with Microsoft-style names, names introduced by context and traps for
// false positives, and compares every mention with the labels, in order.
func TestLabelled(t *testing.T) {
	r := recognizer(t)
	files, err := filepath.Glob("testdata/labelled/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no labelled texts: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wants := readWant(t, strings.TrimSuffix(path, ".txt")+".want")
			got := r.Find(string(data))
			// Every expected mention must be found, with what it refers
			// to, and nothing else may be.
			used := make([]bool, len(wants))
			for _, m := range got {
				matched := false
				for i, w := range wants {
					if used[i] || w.kind != m.Kind || w.text != m.Text {
						continue
					}
					used[i], matched = true, true
					if !w.matches(m) {
						t.Errorf("got %v, want %v", m, w)
					}
					break
				}
				if !matched {
					t.Errorf("unexpected %v", m)
				}
			}
			for i, w := range wants {
				if !used[i] {
					t.Errorf("missing %v", w)
				}
			}
			if t.Failed() {
				for _, m := range got {
					t.Logf("found %v", m)
				}
			}
		})
	}
}
