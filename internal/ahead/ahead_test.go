package ahead

import "testing"

func TestExtracts(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"extract", "report.md"}, true},
		{[]string{"--db", "x.db", "extract", "--json", "-"}, true},
		{[]string{"extract"}, true},
		{[]string{"ingest", "extract.md"}, false},
		{[]string{"scan", "mail.eml"}, false},
		{nil, false},
	} {
		if got := extracts(c.args); got != c.want {
			t.Errorf("extracts(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
