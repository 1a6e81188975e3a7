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

func TestDBPath(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "DOSSIER_DB" {
				return v
			}
			return ""
		}
	}
	for _, c := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"extract", "r.md"}, "", "dossier.db"},
		{[]string{"extract", "r.md"}, "/var/x.db", "/var/x.db"},
		{[]string{"--db", "a.db", "extract", "r.md"}, "/var/x.db", "a.db"},
		{[]string{"-db=b.db", "extract", "r.md"}, "", "b.db"},
		{[]string{"extract", "--db", "c.db", "--json", "r.md"}, "", "c.db"},
		{[]string{"--db", "a.db", "extract", "--db=d.db", "r.md"}, "", "d.db"},
		{[]string{"extract", "--", "--db", "e.db"}, "", "dossier.db"},
	} {
		if got := dbPath(c.args, env(c.env)); got != c.want {
			t.Errorf("dbPath(%q) with DOSSIER_DB=%q = %q, want %q", c.args, c.env, got, c.want)
		}
	}
}
