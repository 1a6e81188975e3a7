package pattern

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestGolden: every pattern of testdata/patterns.txt (one a line) with its
// canonical form or its error, and its warnings, as reviewed in
// testdata/patterns.golden; go test -update rewrites it.
func TestGolden(t *testing.T) {
	f, err := os.Open("testdata/patterns.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		src := sc.Text()
		if src == "" || strings.HasPrefix(src, "#") {
			continue
		}
		fmt.Fprintf(&b, "%s\n", src)
		p, err := Compile(src)
		if err != nil {
			fmt.Fprintf(&b, "\terror: %v\n", err)
			continue
		}
		fmt.Fprintf(&b, "\t=> %s\n", p.Tree())
		for _, w := range p.Warnings() {
			fmt.Fprintf(&b, "\twarning: %s\n", w)
		}
	}
	got := b.String()
	if *update {
		if err := os.WriteFile("testdata/patterns.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("testdata/patterns.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("testdata/patterns.golden differs at line %d:\n got %s\nwant %s\n(go test -update rewrites it)", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("testdata/patterns.golden has %d lines, the output %d (go test -update rewrites it)", len(wl), len(gl))
	}
}
