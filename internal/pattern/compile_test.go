package pattern

import "testing"

func TestRequiredLiteral(t *testing.T) {
	for re, want := range map[string]string{
		`^https://`:         "https://",
		`/path/12$`:         "/path/12",
		`evil`:              "evil",
		`(?i)evil`:          "",
		`a|b`:               "",
		`^foo.*barbaz\.exe`: "barbaz.exe",
		`x?`:                "",
		`(ab)+cd`:           "cd",
		`\d+\.example`:      ".example",
	} {
		if got := requiredLiteral(re); got != want {
			t.Errorf("requiredLiteral(%q) = %q, want %q", re, got, want)
		}
	}
	for like, want := range map[string]string{`%.example1.net`: ".example1.net", `f1%`: "f1", `a_bcd%e`: "bcd", `%`: ""} {
		if got := likeLiteral(like); got != want {
			t.Errorf("likeLiteral(%q) = %q, want %q", like, got, want)
		}
	}
}
