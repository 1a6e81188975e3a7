package extract_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
)

func TestZZ2(t *testing.T) {
	s := os.Getenv("ZZS")
	if s == "" {
		t.Skip()
	}
	x := newExtractor(t)
	fd := x.Find(&document.Document{Text: s})
	for _, n := range fd.Names {
		fmt.Println("NAME", n.Kind, s[n.Span.Start:n.Span.End])
	}
	for _, o := range fd.Orgs {
		fmt.Println("ORG", o.Kind, o.Name)
	}
	for _, c := range fd.Claims {
		o, sj, cl := "-", "-", "-"
		if c.Object != nil {
			o = c.Object.Name
		}
		if c.Subject != nil {
			sj = c.Subject.Name
		}
		if c.Claimant != nil {
			cl = c.Claimant.Name
		}
		fmt.Println("CLAIM", c.Kind, sj, "->", o, "by", cl, "|", s[c.Trigger.Start:c.Trigger.End])
	}
}
