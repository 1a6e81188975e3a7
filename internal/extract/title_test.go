package extract

import "testing"

// TestFirstLine: a report without a title is named by its first line a
// reader sees, without AsciiDoc attributes, comments or heading marks
// (ESET's IoC files start ":toc:").
func TestFirstLine(t *testing.T) {
	for text, want := range map[string]string{
		":toc:\n:toclevels: 2\n\n= Operation Texonto: Indicators of Compromise\n": "Operation Texonto: Indicators of Compromise",
		"== Blog: What's going on with Zebrocy?\n\ntext":                          "Blog: What's going on with Zebrocy?",
		"// a comment\n## Joint statement\n":                                      "Joint statement",
		"  The FBI said on Monday.\nMore.":                                        "The FBI said on Monday.",
		":not an attribute because of spaces: x\n":                                ":not an attribute because of spaces: x",
		"#hashtag first\n":                                                        "#hashtag first",
		"\n\n":                                                                    "untitled report",
		":toc:\n":                                                                 "untitled report",
	} {
		if got := firstLine(text, 120); got != want {
			t.Errorf("firstLine(%q) = %q, want %q", text, got, want)
		}
	}
	if got := firstLine("= abcdefghij", 5); got != "abcd…" {
		t.Errorf("cut: %q", got)
	}
}
