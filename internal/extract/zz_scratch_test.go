package extract_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZScratch(t *testing.T) {
	dir := os.Getenv("ZZDIR")
	if dir == "" {
		t.Skip()
	}
	skip := map[string]bool{}
	if b, err := os.ReadFile("/tmp/xb/heldout_train.txt"); err == nil {
		for _, l := range strings.Fields(string(b)) {
			skip[l] = true
		}
	}
	x := newExtractor(t)
	var files []string
	for _, d := range strings.Split(dir, ":") {
		f, _ := filepath.Glob(filepath.Join(d, "*.txt"))
		files = append(files, f...)
	}
	out, _ := os.Create("/tmp/xb/zz.out")
	defer out.Close()
	for _, f := range files {
		if skip[filepath.Base(f)] {
			continue
		}
		doc := readDoc(t, f)
		fd := x.Find(doc)
		claimed := map[int]int{}
		for _, c := range fd.Claims {
			claimed[c.Sentence.Start]++
		}
		for _, s := range fd.Sentences {
			var acts []string
			hasActor := false
			for _, n := range fd.Names {
				if n.Span.Start >= s.Start && n.Span.End <= s.End {
					acts = append(acts, n.Kind+":"+doc.Text[n.Span.Start:n.Span.End])
					if n.Kind == "actor" {
						hasActor = true
					}
				}
			}
			for _, o := range fd.Orgs {
				if o.Start >= s.Start && o.End <= s.End {
					acts = append(acts, "org:"+o.Name)
				}
			}
			if !hasActor || len(acts) < 2 {
				continue
			}
			sent := strings.ReplaceAll(doc.Text[s.Start:s.End], "\n", " ")
			fmt.Fprintf(out, "%s\t%d\t%s\t%s\n", filepath.Base(f), claimed[s.Start], strings.Join(acts, "|"), sent)
		}
	}
}
