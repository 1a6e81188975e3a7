package extract_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/stix"
)

// FuzzExtract runs the whole extraction, reading included, on any input
// and holds what it makes to its promises: no panic, a bundle of valid
// STIX objects, and evidence that points into the report's text, each
// mention inside the sentence it quotes and each quote in the text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"APT42, also tracked as Mint Sandstorm, sent spearphishing mail from vote-ledger-secure[.]com to campaign staff.",
		"We found links between this network and STOIC, a political marketing firm in Tel Aviv, Israel. STOIC denied any involvement. It was run by Kreativ Media and Beta Vision, two Nigerian companies; a firm in Moldova called Delta Lab posed as German journalists.",
		"The FBI attributed the hack to Iran on 19 August 2024. Iran denied any involvement.\n",
		"# Indicators\n\n| IP | Domain |\n|---|---|\n| 45.9.148[.]165 | infoattention[.]com |\n",
		"<html><body><article><p>Storm-2035 ran <a href=\"https://evil.example/x\">sites</a>.</p></article></body></html>",
		"sen-comms[.]com,hostname,UTA0304 domain\n\thxxp://imgur[.]com/1RzfF7r\tdead drop\n",
		"é’\u2028 \xff\xfe APT28; they used T1566.001. Russia's GRU was behind it, U.S. officials said.",
		"The Kremlin denied meddling, although US agencies concluded that Russia interfered; Iran's mission said Tehran \"neither has nor had any motive\", but",
		"The SIS attributed the DDoS attacks on the Central Electoral Commission's website to pro-Russian hacktivists.",
		"In May and June 2024, the Harris and Trump campaigns, Iran, Israel and election bodies were targeted by APT42; posts in English, French and Spanish.",
		"APT28 has repeatedly sent spearphishing emails to election officials; they went after the Harris campaign. Storm-1516, a Russian influence actor, spent $300 in spending for ads on Facebook, likely to appear real. Iran conducted the operation, which could be used for phishing.",
		"45.9.148[.]165,ip,APT42 phishing server\n| vote-ledger[.]com | Office 365 phishing server |\nBallistic Bobcat backdoor, Sponsor (v1).\nsupply\u2011chain attack",
		"\"We categorically deny any involvement,\" said a spokesperson for the Russian embassy. \"Let it provide evidence.\" GC01 targeted the finance and retail sectors, a hacked Microsoft database and the Office RCE | Command Field Names. http://a.example/decoy/[Sednit\n adds] China Chopper4.",
		"# Index\n\n| Date | Report | Origin |\n|---|---|---|\n| 2026 | [China-Based Influence Operation Network Targeting Taiwan](https://github.com/x/y/a.md) | China |\n| 2025 | [Iran-Based Influence Operation Network Targeting Azerbaijan](https://github.com/x/y/b.md) | Iran |\n",
		"= POLONIUM IoCs\n\n* 185.244.129[.]79\n* boeing.servehttp[.]com\n\nThe Russia-based Operation Matryoshka impersonated media outlets.\n",
		"SHA-256:\n0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d\n4e5f60718293a4b5c6d7e8f9\nAPT28 dropped it. 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d\r\n  4e5f60718293a4b5c6d7e8f9.",
		"APT28 and APT29 were active. They used bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq. A hacking group linked to Russia's GRU military intelligence agency sent phishing emails to the campaigns, the country's security service said. The FBI, in a statement, said it was consistent with Iranian tactics.",
	} {
		f.Add([]byte(s))
	}
	x := newExtractor(f)
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := document.Read(bytes.NewReader(data), "fuzz.txt", document.Options{})
		if err != nil {
			return // refused with a reason: binary, empty, too large
		}
		bun, err := extract.Build(x.Find(doc), extract.BuildOptions{Publisher: "Fuzz Center", Now: now})
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		text := []rune(doc.Text)
		for _, o := range bun.Objects {
			if p := stix.Validate(o); len(p) > 0 {
				t.Fatalf("%s %s is not valid STIX: %v\n%s", o.Type, o.ID, p, o.Raw)
			}
			var v any
			if err := json.Unmarshal(o.Raw, &v); err != nil {
				t.Fatalf("%s: %v", o.ID, err)
			}
			checkEvidence(t, o.ID, v, text, doc.Text)
		}
	})
}

// checkEvidence finds every {offset, length, quote} in v and checks it
// against the text.
func checkEvidence(t *testing.T, id string, v any, text []rune, s string) {
	switch v := v.(type) {
	case []any:
		for _, it := range v {
			checkEvidence(t, id, it, text, s)
		}
	case map[string]any:
		off, ok1 := v["offset"].(float64)
		n, ok2 := v["length"].(float64)
		quote, ok3 := v["quote"].(string)
		if ok1 && ok2 && ok3 {
			if off < 0 || n <= 0 || int(off+n) > len(text) {
				t.Fatalf("%s: evidence at %v+%v outside the text of %d code points", id, off, n, len(text))
			}
			mention := string(text[int(off):int(off+n)])
			if !strings.Contains(quote, mention) {
				t.Fatalf("%s: mention %q (at %v) is not in its quote %q", id, mention, off, quote)
			}
			if !strings.Contains(s, quote) {
				t.Fatalf("%s: quote %q is not in the text", id, quote)
			}
		}
		for _, it := range v {
			checkEvidence(t, id, it, text, s)
		}
	}
}
