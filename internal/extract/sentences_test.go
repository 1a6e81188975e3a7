package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"simple", "The group used spearphishing. It targeted campaigns!", []string{"The group used spearphishing.", "It targeted campaigns!"}},
		{"abbreviations", "U.S. officials said Dr. Smith of Acme Inc. was targeted. He denied it.", []string{"U.S. officials said Dr. Smith of Acme Inc. was targeted.", "He denied it."}},
		{"domains and versions", "The actor registered evil[.]com and used version 2.3.1 of the tool. Then it stopped.", []string{"The actor registered evil[.]com and used version 2.3.1 of the tool.", "Then it stopped."}},
		{"quotes", `"We deny any involvement." Tehran said.`, []string{`"We deny any involvement."`, "Tehran said."}},
		{"a quotation that ends its line", "China \"opposes all forms of cyberattacks.\"\nIran did not respond.\nIt said (see the annex)\nthat it had not.",
			[]string{`China "opposes all forms of cyberattacks."`, "Iran did not respond.", "It said (see the annex)\nthat it had not."}},
		{"lowercase after period stays", "It used e.g. phishing and i.e. lures. Fine.", []string{"It used e.g. phishing and i.e. lures.", "Fine."}},
		{"paragraphs", "First paragraph\n\nSecond paragraph.", []string{"First paragraph", "Second paragraph."}},
		{"list items", "Indicators:\n- 198.51.100.7\n- evil[.]example\n1. third", []string{"Indicators:", "- 198.51.100.7", "- evil[.]example", "1. third"}},
		{"wrapped lines join", "The operation targeted the\ncampaigns of both parties.", []string{"The operation targeted the\ncampaigns of both parties."}},
		{"initials", "Analysts J. Doe and A. B. Roe wrote it. Done.", []string{"Analysts J. Doe and A. B. Roe wrote it.", "Done."}},
		{"the platform X", "They posted on Telegram, Facebook, and X. On our platform, they ran ads. Accounts on X. Then more.",
			[]string{"They posted on Telegram, Facebook, and X.", "On our platform, they ran ads.", "Accounts on X.", "Then more."}},
		{"the initial X", "Malcolm X. Little and Jane X. Doe spoke.", []string{"Malcolm X. Little and Jane X. Doe spoke."}},
		{"numbers", "It happened in 2024. 42 accounts were removed.", []string{"It happened in 2024.", "42 accounts were removed."}},
		{"table rows", "Indicator Type | Indicator Value\nURL | www[.]a[.]com/x\nURL | www[.]b[.]com/y", []string{"Indicator Type | Indicator Value", "URL | www[.]a[.]com/x", "URL | www[.]b[.]com/y"}},
		{"CSV rows", "rosejob.com,hostname,Domain used in UTA0307 phishing\n107.189.27.41,ipaddress,Resolution for known UTA0304 indicator", []string{"rosejob.com,hostname,Domain used in UTA0307 phishing", "107.189.27.41,ipaddress,Resolution for known UTA0304 indicator"}},
		{"TSV rows", "evil.example\tdomain\tC2\n198.51.100.7\tipv4\tstaging", []string{"evil.example\tdomain\tC2", "198.51.100.7\tipv4\tstaging"}},
		{"prose commas and digit groups join", "The group sent 1,000,000 emails to staff, reporters,\nand officials.", []string{"The group sent 1,000,000 emails to staff, reporters,\nand officials."}},
		{"indicator lines", "Public Webpages\n----\nhttp://ibb[.]co/hVhaAq\nhttp://imgur[.]com/1RzfF7r\ne368837a6cc3f6ec5dfae9a71203f2e2\nC:\\Users\\User\\AppData\\Roaming\\YJSlNpkH.Exe\nThe end",
			[]string{"Public Webpages\n----", "http://ibb[.]co/hVhaAq", "http://imgur[.]com/1RzfF7r", "e368837a6cc3f6ec5dfae9a71203f2e2", "C:\\Users\\User\\AppData\\Roaming\\YJSlNpkH.Exe", "The end"}},
		{"a last word on its own line joins", "The intrusion was attributed to the\nGRU. It denied it.", []string{"The intrusion was attributed to the\nGRU.", "It denied it."}},
		{"short words on their own lines join", "It used\nthe\nlure.", []string{"It used\nthe\nlure."}},
		{"a title and a dateline end at their lines", "Malware Masquerades as Privacy Tool\nJuly 01, 2021\nThreat actors created a website.",
			[]string{"Malware Masquerades as Privacy Tool", "July 01, 2021", "Threat actors created a website."}},
		{"a capitalised line before a lower-case one joins", "The Iranian Government\nhas denied it.", []string{"The Iranian Government\nhas denied it."}},
		{"a capitalised line that starts mid-line joins", "Officials spoke. Russia Denies It\nMoscow said.", []string{"Officials spoke.", "Russia Denies It\nMoscow said."}},
		{"a line with words in lower case joins", "Microsoft Threat Intelligence has observed\nMint Sandstorm.", []string{"Microsoft Threat Intelligence has observed\nMint Sandstorm."}},
	}
	for _, c := range cases {
		var got []string
		for _, s := range Sentences(c.text) {
			got = append(got, c.text[s.Start:s.End])
		}
		if strings.Join(got, "\x00") != strings.Join(c.want, "\x00") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestSentenceAt(t *testing.T) {
	text := "One. Two. Three."
	s := Sentences(text)
	for off, want := range map[int]int{0: 0, 3: 0, 5: 1, 10: 2, 4: -1} {
		if got := sentenceAt(s, off); got != want {
			t.Errorf("sentenceAt(%d) = %d, want %d", off, got, want)
		}
	}
}

// TestSentenceIndex checks sentenceIndex.at against sentenceAt at every
// offset (and past both ends) of texts whose sentences are shorter and
// longer than the index's step, with gaps between them, and of none.
func TestSentenceIndex(t *testing.T) {
	step := 1 << sentenceBucketBits
	var texts []string
	for _, n := range []int{1, 7, step - 1, step, step + 1, 3 * step} {
		sent := strings.Repeat("x", n-1) + "."
		texts = append(texts, strings.Repeat(sent+" ", 20), strings.Repeat(sent+"\n\n  ", 9)+sent)
	}
	texts = append(texts, "", "   ", "One. Two. Three.", strings.Repeat("Short one. A sentence of some length, with words. ", 60))
	for _, text := range texts {
		sents := Sentences(text)
		x := newSentenceIndex(sents)
		for off := -2; off <= len(text)+2*step; off++ {
			if got, want := x.at(off), sentenceAt(sents, off); got != want {
				t.Fatalf("%d sentences of a %d-byte text: at(%d) = %d, sentenceAt = %d", len(sents), len(text), off, got, want)
			}
		}
	}
}

// TestSentencesBounded: text with no sentence end is cut into pieces of
// at most MaxSentence bytes, at spaces where there are some and on
// character boundaries where there are none, losing nothing.
func TestSentencesBounded(t *testing.T) {
	for name, text := range map[string]string{
		"words":    strings.Repeat("lorem ipsum dolor sit amet ", 2000),
		"no space": strings.Repeat("é", 5000) + "x",
	} {
		spans := Sentences(text)
		if len(spans) < 2 {
			t.Fatalf("%s: %d sentences", name, len(spans))
		}
		prev := 0
		for _, s := range spans {
			if s.End-s.Start > MaxSentence {
				t.Errorf("%s: a sentence of %d bytes", name, s.End-s.Start)
			}
			if strings.TrimSpace(text[prev:s.Start]) != "" {
				t.Errorf("%s: text lost between %d and %d", name, prev, s.Start)
			}
			if !utf8.ValidString(text[s.Start:s.End]) {
				t.Errorf("%s: a sentence cut inside a character at %d-%d", name, s.Start, s.End)
			}
			prev = s.End
		}
	}
}
