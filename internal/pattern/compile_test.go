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
	for re, want := range map[string][2]string{
		`^https://`:         {"https://", ""},
		`\.evil\.example$`:  {"", ".evil.example"},
		`^a.*b$`:            {"a", "b"},
		`(?m)^abc`:          {"", ""},
		`(?i)^abc`:          {"", ""},
		`abc`:               {"", ""},
		`^(abc|abd)`:        {"", ""}, // only a literal right after ^ counts
		`^x(?:y)z\d+\.exe$`: {"xyz", ".exe"},
	} {
		if p, s := regexAnchors(re); p != want[0] || s != want[1] {
			t.Errorf("regexAnchors(%q) = %q, %q, want %q, %q", re, p, s, want[0], want[1])
		}
	}
	for like, want := range map[string]string{`%.evil.example`: ".evil.example", `a%b_cd`: "cd", `abc`: "abc", `ab%`: ""} {
		if got := likeSuffix(like); got != want {
			t.Errorf("likeSuffix(%q) = %q, want %q", like, got, want)
		}
	}
	for like, want := range map[string]string{`%.example1.net`: ".example1.net", `f1%`: "f1", `a_bcd%e`: "bcd", `%`: ""} {
		if got := likeLiteral(like); got != want {
			t.Errorf("likeLiteral(%q) = %q, want %q", like, got, want)
		}
	}
}
