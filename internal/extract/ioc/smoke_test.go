package ioc

import (
	"fmt"
	"os"
	"testing"
)

func TestSmoke(t *testing.T) {
	b, err := os.ReadFile(os.Getenv("SMOKE"))
	if err != nil {
		t.Skip()
	}
	for _, m := range Scan(string(b)) {
		fmt.Printf("%-9s %-60q %q df=%v %s %s\n", m.Kind, m.Value, string(b[m.Start:m.End]), m.Defanged, m.Platform, m.Account)
	}
}
