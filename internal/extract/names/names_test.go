package names

import (
	"strings"
	"sync"
	"testing"
)

// find returns the mentions of text as "kind:text" strings, with "+new"
// for new actors and "=ID" for the others.
func find(r *Recognizer, text string) []string {
	var out []string
	for _, m := range r.Find(text) {
		s := string(m.Kind) + ":" + m.Text
		if m.New {
			s += "+new"
		} else if m.ID != "" && m.Kind != Actor {
			s += "=" + m.ID
		}
		out = append(out, s)
	}
	return out
}

// TestFindCases pins the rules one by one: each case lists mentions that
// must be found (want) and spans that must not (not).
func TestFindCases(t *testing.T) {
	r := recognizer(t)
	cases := []struct {
		name string
		text string
		want []string
		not  []string
	}{
		{"Microsoft names", "Mint Sandstorm and MINT SANDSTORM and mint sandstorm.", []string{"actor:Mint Sandstorm", "actor:MINT SANDSTORM"}, []string{"actor:mint sandstorm"}},
		{"punctuation inside names", "Storm-2035, STORM 2035 and storm_2035 are one actor.", []string{"actor:Storm-2035", "actor:STORM 2035"}, nil},
		{"new Microsoft-style name", "Researchers saw Zebra Sandstorm and Storm-9999 in May.", []string{"actor:Zebra Sandstorm+new", "actor:Storm-9999+new"}, nil},
		{"new Flood needs Microsoft context", "Microsoft named a new influence actor Cerulean Flood. Flash Flood warnings were issued.", []string{"actor:Cerulean Flood+new"}, []string{"actor:Flash Flood"}},
		{"weather is not an actor", "Super Typhoon Haiyan, a Severe Tempest and heavy rain.", nil, []string{"actor:Super Typhoon", "actor:Severe Tempest"}},
		{"vendor numbers", "TA4903, UNC5812, DEV-0537, TAG-110, APT 40, APT-C-36, FIN7, UAC-0050, TEMP.Veles, CL-STA-0044 and Threat Group-3390.",
			[]string{"actor:TA4903", "actor:UNC5812+new", "actor:DEV-0537", "actor:TAG-110+new", "actor:APT 40", "actor:APT-C-36", "actor:FIN7", "actor:UAC-0050", "actor:TEMP.Veles", "actor:CL-STA-0044+new", "actor:Threat Group-3390"}, nil},
		{"a state's people", "The Iranians and the North Koreans sought access; Israelis were targeted.", []string{"country:Iranians=IR", "country:North Koreans=KP", "country:Israelis=IL"}, nil},
		{"Unicode hyphens in phrases", "A wiper deployed through a supply\u2011chain attack, with pass\u2010the\u2010hash.", []string{"technique:supply\u2011chain attack=T1195", "technique:pass\u2010the\u2010hash=T1550.002"}, nil},
		{"tactic ids are not Proofpoint's", "TA0001 is Initial Access.", []string{"technique:TA0001=TA0001"}, []string{"actor:TA0001"}},
		{"what a defence withstands", "Enable phishing-resistant MFA, password-spraying-proof lockouts and a spearphishing-resilient staff.",
			nil, []string{"technique:phishing", "technique:password-spraying", "technique:spearphishing"}},
		{"bots and cloned sites", "The network used bots to amplify posts and cloned the websites of two newspapers.",
			[]string{"disarm:bots to amplify=T0049.003", "disarm:cloned the websites of=T0097.202"}, nil},
		{"not what a lure is", "The phishing-themed lures and phishing-resistance training.", []string{"technique:phishing=T1566", "technique:phishing=T1566"}, nil},
		{"tracked as", "Proofpoint tracks this actor as TA9876 and Mandiant tracked it under the name Blue Heron.", []string{"actor:TA9876+new", "actor:Blue Heron+new"}, nil},
		{"which we call", "A new group, which we call Velvet Chisel, sent lures.", []string{"actor:Velvet Chisel+new"}, nil},
		{"the X gang and repeats", "The Quokka gang ran the campaign. Later, Quokka returned with new lures.", []string{"actor:Quokka+new", "actor:Quokka+new"}, nil},
		{"the X gang of a malware", "The TrickBot gang moved to Bazar.", []string{"actor:TrickBot gang+new"}, nil},
		{"a group known as", "The attacks came from a threat group known as Ember Wren.", []string{"actor:Ember Wren+new"}, nil},
		{"also known as after an actor", "Leviathan, also known as TEMP.Periscope and Amber Jar, is Chinese.", []string{"actor:Leviathan", "actor:TEMP.Periscope", "actor:Amber Jar+new", "country:Chinese=CN"}, nil},
		{"a.k.a. after an actor", "Leviathan, a.k.a. Amber Jar, is Chinese.", []string{"actor:Leviathan", "actor:Amber Jar+new", "country:Chinese=CN"}, nil},
		{"cookies, tokens and web services", "The group used stolen session cookies and OAuth token theft, and legitimate cloud services for command and control.",
			[]string{"technique:stolen session cookies=T1539", "technique:OAuth token theft=T1528", "technique:legitimate cloud services for command and control=T1102"}, nil},
		{"also called after an actor", "Leviathan (also called Amber Jar) is Chinese. APT28, formerly named Pawn Storm Crew, hit it.", []string{"actor:Amber Jar+new", "actor:Pawn Storm Crew+new"}, nil},
		{"also called after malware", "The backdoor, also called Amber Jar, is Chinese.", nil, []string{"actor:Amber Jar"}},
		{"the name a tracked name is said of", "Amber Jar (also tracked as TA9999) sent lures. Quill Fox, which Microsoft tracks as Storm-9998, posted.",
			[]string{"actor:Amber Jar+new", "actor:TA9999+new", "actor:Quill Fox+new", "actor:Storm-9998+new"}, nil},
		{"the kind of actor before the noun", "The hacking group Amber Jar struck. The cyber-espionage group Velvet Chisel followed. The ransomware gang Dusty Owl left. The Russian group Moth Jar joined.",
			[]string{"actor:Amber Jar+new", "actor:Velvet Chisel+new", "actor:Dusty Owl+new", "actor:Moth Jar+new", "country:Russian=RU"}, nil},
		{"an ordinary word in a name after the kind of actor", "The hacking group Quill Fox targeted the mayor. Attacks were attributed to Dusty Owl, which also posted.",
			[]string{"actor:Quill Fox+new", "actor:Dusty Owl+new"}, []string{"actor:Quill+new", "actor:Dusty+new"}},
		{"an ordinary word in a title ends the name", "Threat Actor Kestrel9 Hits Voters In Ohio", []string{"actor:Kestrel9+new"}, []string{"actor:Kestrel9 Hits Voters+new"}},
		{"the X gang of ordinary words", "The Silver Moth gang sent phishing emails to the campaign. Researchers at the Global Research team said so.",
			[]string{"actor:Silver Moth+new"}, []string{"actor:Global Research"}},
		{"the tracker is not tracked", "Researchers at Northgate Labs, which tracks the activity as Ashen Heron, said so.", []string{"actor:Ashen Heron+new"}, []string{"actor:Northgate Labs"}},
		{"appositive", "Kestrel9, a financially motivated threat actor, sold access.", []string{"actor:Kestrel9+new"}, nil},
		{"appositive of an influence operation", "Secondary Infektion, a Russian influence operation, planted forged documents. Quiet Lark, an Iran-aligned network, posted.",
			[]string{"actor:Secondary Infektion+new", "actor:Quiet Lark+new"}, nil},
		{"appositive after \"campaign\"", "Meta removed the Doppelganger campaign, a Russian influence operation. They joined the Spamouflage campaign, a pro-China disinformation network.",
			[]string{"actor:Doppelganger+new", "actor:Spamouflage"}, nil},
		{"a campaign described, not named", "Iran hit the Trump campaign, a target of an influence operation, and the Vance campaign, the object of a disinformation campaign.", nil,
			[]string{"actor:Trump", "actor:Vance"}},
		{"an influence noun alone is no appositive", "Amber Loom, a network of forums, hosted it. Dusk Arbor, a campaign of ads, ran.", nil,
			[]string{"actor:Amber Loom", "actor:Dusk Arbor"}},
		{"attributed to", "The intrusion was attributed to Sednit and Nimbus-77.", []string{"actor:Sednit", "actor:Nimbus-77+new"}, nil},
		{"short form in brackets", "We call the group Amber Geese (AG). AG used the MaaS.", []string{"actor:Amber Geese+new", "actor:AG+new", "actor:AG+new"}, nil},
		{"naming verbs that name things", "It creates a scheduled task named Updater and calls CreateFileW; the malware, dubbed BlueFox, calls itself Ares.", nil,
			[]string{"actor:Updater", "actor:CreateFileW", "actor:BlueFox", "actor:Ares"}},
		{"ordinary words", "The Equation Editor bug. Silence is golden. Cobalt Strike Beacon and the Play Store.", []string{"software:Cobalt Strike=S0154"},
			[]string{"actor:Equation", "actor:Silence", "actor:Cobalt", "actor:Play"}},
		{"ordinary word used as a name", "The intrusion matches Patchwork, which has targeted Pakistan.", []string{"actor:Patchwork", "country:Pakistan=PK"}, nil},
		{"tool names holding an actor's", "The Snake Keylogger and Lazarus Loader are not Turla.", []string{"actor:Turla"}, []string{"actor:Snake", "actor:Lazarus", "software:Snake"}},
		{"actor or software by the next word", "The Carbanak malware was used by Carbanak against banks.", []string{"software:Carbanak=S0030", "actor:Carbanak"}, nil},
		{"lower case", "files named turla.dll and kimsuky", nil, []string{"actor:turla", "actor:kimsuky"}},
		{"inside URLs, paths and addresses", "See https://example.com/APT28/report, C:\\Users\\Turla\\a.exe, apt28@mail.example and sandworm.example.com.", nil,
			[]string{"actor:APT28", "actor:Turla", "actor:apt28", "actor:sandworm"}},
		{"short aliases need context", "The GOP and the DNC, UPS and SEA.", nil, []string{"actor:GOP", "actor:UPS", "actor:SEA"}},
		{"techniques by id", "T1566.001, T1566 and T0085.004 and T0866.", []string{"technique:T1566.001=T1566.001", "technique:T1566=T1566", "disarm:T0085.004=T0085.004", "technique:T0866=T0866"}, nil},
		{"technique names and phrases", "They used Spearphishing Attachment, spear-phishing links, password spraying and DLL side-loading.",
			[]string{"technique:Spearphishing Attachment=T1566.001", "technique:spear-phishing links=T1566.002", "technique:password spraying=T1110.003", "technique:DLL side-loading=T1574.001"}, nil},
		{"technique phrases of stealers and C2", "The implant steals browser credentials and talks to its C2 server over HTTPS.",
			[]string{"technique:browser credentials=T1555.003", "technique:C2 server over HTTPS=T1071.001"}, nil},
		{"technique phrases of system binaries and VPNs", "They logged in via VPN and ran the DLL with rundll32 and regsvr32, among other LOLBins.",
			[]string{"technique:logged in via VPN=T1133", "technique:rundll32=T1218.011", "technique:regsvr32=T1218.010", "technique:LOLBins=T1218"}, nil},
		{"phrases of influence and lure reports", "They used fake accounts, malicious PDF documents and a tool to copy mailboxes.",
			[]string{"technique:fake accounts=T1585", "technique:malicious PDF documents=T1204.002", "technique:copy mailboxes=T1114"}, nil},
		// Software from context: new families, named by their malware
		// nouns, then repeated; ATT&CK's where the dictionary wanted a sign.
		{"new software before its noun", "Ballistic Bobcat deployed the Sponsor backdoor. Later, Sponsor beaconed; a sponsor paid.",
			[]string{"software:Sponsor+new", "software:Sponsor+new"}, []string{"software:sponsor"}},
		{"new software after its noun", "| a1 | Ballistic Bobcat backdoor, Sponsor (v1). A new loader dubbed KorkuLoader ran.",
			[]string{"software:Sponsor+new", "software:KorkuLoader+new"}, nil},
		{"new software before a dash and its noun", "Fantasy -- a new Agrius wiper. The Fantasy wiper erased disks.",
			[]string{"software:Fantasy+new", "software:Fantasy+new", "actor:Agrius"}, nil},
		{"a list of new software", "The actor was distributing POWERLESS, BASICSTAR and NOKNOK malware.",
			[]string{"software:POWERLESS=S1012", "software:BASICSTAR+new", "software:NOKNOK+new"}, nil},
		{"a gang's name is the gang's, not new software", "Here is the DarkSide malware. The DarkSide gang encrypts files. Later, DarkSide struck again.",
			[]string{"actor:DarkSide+new", "actor:DarkSide+new"}, []string{"software:DarkSide"}},
		{"a known actor's name is the actor's", "Silence -- a new trojan. It spread.", nil, []string{"software:Silence"}},
		{"a maker's name is the maker's", "Spyware developed by the company Cytrox. The Cytrox spyware and the NoviSpy spyware.",
			[]string{"software:NoviSpy+new"}, []string{"software:Cytrox"}},
		{"known software from context", "The NetwireRAT malware and the Remcos rat.", []string{"software:NetwireRAT=S0198", "software:Remcos=S0332"}, nil},
		{"no new software: platforms, titles, clause openers, gangs", "The Windows backdoor and the Python loader. A New Backdoor In Town. Recently, a new backdoor. " +
			"The DarkSide ransomware. It used a backdoor, Researchers said. Imagine malware in voting machines. The Microsoft Defender backdoor. " +
			"Disguising malware, Acquiring malware. ETPRO TROJAN Win32/Foo. The ATM malware. POLONIUM Targets Israel with Creepy Malware. " +
			"It found the Patchwork backdoor and the Silence trojan. It used a backdoor, Zorbot contacted the server. Eventually, a new backdoor appeared. " +
			"Sold in the panelAnother malware.",
			nil, []string{"software:Creepy", "software:Patchwork", "software:Silence+new", "software:Zorbot", "software:Eventually", "software:panelAnother", "software:Windows", "software:Python", "software:New", "software:Recently", "software:DarkSide", "software:Researchers",
				"software:Imagine", "software:Defender", "software:Disguising", "software:Acquiring", "software:ETPRO", "software:ATM"}},
		{"short names need capitals", "valid accounts and Valid Accounts", []string{"technique:Valid Accounts=T1078"}, []string{"technique:valid accounts"}},
		{"DISARM names with inflection", "They created inauthentic news sites and impersonated existing media.",
			[]string{"disarm:created inauthentic news sites=T0098.001", "disarm:impersonated existing media=T0097.202"}, nil},
		{"software", "Mimikatz, net.exe and the Maze ransomware; the maze of logs.", []string{"software:Mimikatz=S0002", "software:net.exe=S0039", "software:Maze=S0449"}, []string{"software:maze"}},
		{"a stop after a country belongs to it only after dotted letters", "It hit the UK. It hit the U.S. It hit the U.K. and the US.",
			[]string{"country:UK=GB", "country:U.S.=US", "country:U.K.=GB", "country:US=US"}, []string{"country:UK.=GB", "country:U.S=US", "country:US.=US"}},
		{"exploiting a public-facing application, as reports word it", "Initial access came from the exploitation of a public web application; later they exploited a public-facing VPN.",
			[]string{"technique:exploitation of a public web application=T1190", "technique:exploited a public-facing=T1190"}, nil},
		{"one actor lists no examples", "Sectors are being targeted by the threat actor, including Energy, Agricultural, Chemicals and Financial Sectors.", nil,
			[]string{"actor:Agricultural", "actor:Chemicals", "actor:Energy"}},
		{"actors list examples", "It was used by threat actors such as Quokka and Wrenfall.", []string{"actor:Quokka+new", "actor:Wrenfall+new"}, nil},
		{"footnote digits glued to a name", "The attackers deployed the following China Chopper4, JspSpy5 webshells and Mimikatz12; Russia3 denied it.",
			[]string{"software:China Chopper=S0020", "software:Mimikatz=S0002", "country:Russia=RU"}, []string{"country:China", "software:China Chopper4", "software:Mimikatz12"}},
		{"a new name's footnote, numbered next to a known name's", "The attackers deployed the following China Chopper4, JspSpy5 webshells.",
			[]string{"software:China Chopper=S0020", "software:JspSpy+new"}, []string{"software:JspSpy5"}},
		{"a new name's digits, numbered apart from the footnote before", "The attackers deployed the China Chopper4 and JspSpy9 webshells.",
			[]string{"software:JspSpy9+new"}, []string{"software:JspSpy+new"}},
		{"digits that are a name's", "APT28 used Win32 and Base64, and Mimikatz123 and MIMIKATZ2.", []string{"actor:APT28"}, []string{"software:Mimikatz"}},
		{"an influence operation's proxies", "The individuals behind this campaign used Taiwan-based proxy IPs; others invested in cloud or proxy IP usage.",
			[]string{"disarm:proxy IPs=T0149.008", "disarm:proxy IP usage=T0149.008"}, nil},
		{"a country's money", "Paid for mostly in Euros and US Dollars, or Russian rubles; the US dollar.", nil, []string{"country:US", "country:Russian"}},
		{"a country beside money", "The US paid in dollars. Russia dollars", []string{"country:US=US"}, nil},
		{"a country's dollar sign", "Earnings rose from US$20,000 to US $30,000 per target; the US $ rate.", nil, []string{"country:US"}},
		{"a country before a sum", "The US paid $5 and the U.S. $10.", []string{"country:US=US", "country:U.S.=US"}, nil},
		{"countries", "Iranian, the PRC, DPRK, Russia and the U.S. targeted Türkiye.", []string{"country:Iranian=IR", "country:PRC=CN", "country:DPRK=KP", "country:Russia=RU", "country:U.S.=US", "country:Türkiye=TR"}, nil},
		{"demonyms as languages", "Lures in Russian, a Chinese-language forum and Russian speakers; a Russian actor.", []string{"country:Russian=RU"}, nil},
		{"languages in a list", "Posts in English, French and Spanish about the vote; articles in German or Italian.", nil,
			[]string{"country:English", "country:French", "country:Spanish", "country:German", "country:Italian"}},
		{"a language spoken", "The accounts, speaking Russian and claiming to live in Moscow, spoke Azerbaijani too; a Russian group.", []string{"country:Russian=RU"},
			[]string{"country:Azerbaijani"}},
		{"languages in a list before a verb", "Spam in German, French, and Polish followed. The Russian backed group.", []string{"country:Russian=RU"},
			[]string{"country:German", "country:French", "country:Polish"}},
		{"a language before a preposition", "They wrote in Russian to voters, translated from Persian to English.", nil,
			[]string{"country:Russian", "country:Persian", "country:English"}},
		{"demonyms before nouns stay countries", "Attacks in Russian networks and in Germany and French ministries, and Spanish hackers.",
			[]string{"country:Russian=RU", "country:Germany=DE", "country:French=FR", "country:Spanish=ES"}, nil},
		{"ambiguous country names", "Chad Smith moved from Atlanta, Georgia to New Jersey; Jordan said no.", []string{"country:Jordan=JO"}, []string{"country:Chad", "country:Georgia", "country:Jersey"}},
		{"Georgia listed with US states", "Officials in Arizona and Georgia, Georgia, Michigan, or Texas, and North Carolina and Georgia.", nil, []string{"country:Georgia"}},
		{"operations named by ordinary words", "ESET named it Operation Ghost. Analysts saw Operation Matryoshka impersonate outlets. The campaign, Operation Dream Job, lured engineers.",
			[]string{"actor:Operation Ghost+new", "actor:Operation Matryoshka+new", "actor:Operation Dream Job+new"}, []string{"actor:Operation Dream+new"}},
		{"operation noun phrases and headings", "The Security Operation Center saw it. Operation Center staff agreed. OPERATION COMPLETE. Special Operation Forces trained. Operation Ghost Indicators of Compromise.",
			[]string{"actor:Operation Ghost+new"}, []string{"actor:Operation Center", "actor:Security Operation Center", "actor:OPERATION COMPLETE", "actor:Operation Forces", "actor:Operation Ghost Indicators"}},
		{"the seat of a state's government", "The operation was directed by the Kremlin; Kremlin-backed trolls posted.", []string{"country:Kremlin=RU", "country:Kremlin=RU"}, nil},
		{"Georgia listed with countries", "Russia targeted Ukraine and Georgia, and Georgia and Moldova.", []string{"country:Georgia=GE", "country:Georgia=GE"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := find(r, c.text)
			count := map[string]int{}
			for _, w := range c.want {
				count[w]++
			}
			for w, n := range count {
				k := 0
				for _, g := range got {
					if g == w {
						k++
					}
				}
				if k < n {
					t.Errorf("Find(%q): want %q %d times, got %d; found %q", c.text, w, n, k, got)
				}
			}
			for _, n := range c.not {
				for _, g := range got {
					if g == n || strings.HasPrefix(g, n+"=") || strings.HasPrefix(g, n+"+") {
						t.Errorf("Find(%q): found %q, which is not a mention; found %q", c.text, g, got)
					}
				}
			}
		})
	}
}

// TestFindExcept checks that spans passed in are never part of a
// mention.
func TestFindExcept(t *testing.T) {
	r := recognizer(t)
	text := "APT28 used x.example and APT29 too."
	i := strings.Index(text, "APT29")
	got := r.FindExcept(text, [][2]int{{i + 2, i + 3}, {0, 0}, {40, 30}})
	if len(got) != 1 || got[0].Text != "APT28" {
		t.Errorf("FindExcept: got %v, want APT28 only", got)
	}
	// ATT&CK ids are indicators too: a skipped span that is exactly the
	// id does not hide it, one around it does.
	text = "G0059 used T1566.001 and S0002 (see https://attack.mitre.org/techniques/T1566/001/)."
	var skip [][2]int
	for _, id := range []string{"G0059", "T1566.001", "S0002"} {
		i := strings.Index(text, id)
		skip = append(skip, [2]int{i, i + len(id)})
	}
	got = r.FindExcept(text, skip)
	var ids []string
	for _, m := range got {
		ids = append(ids, m.Text)
	}
	if strings.Join(ids, " ") != "G0059 T1566.001 S0002" {
		t.Errorf("FindExcept with the ids skipped exactly: got %v, want G0059 T1566.001 S0002", got)
	}
	i = strings.Index(text, "T1566.001")
	if got := r.FindExcept(text, [][2]int{{i - 5, i + 12}}); len(got) != 2 {
		t.Errorf("FindExcept with a span around T1566.001: got %v, want G0059 and S0002", got)
	}
}

// TestConcurrent runs Find from several goroutines (go test -race).
func TestConcurrent(t *testing.T) {
	r := recognizer(t)
	text := "Mint Sandstorm, tracked as TA453, used password spraying against Iranian dissidents; the Quokka gang too."
	want := len(r.Find(text))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if n := len(r.Find(text)); n != want {
					t.Errorf("got %d mentions, want %d", n, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestLongTextScratchLetGo: the scratch space of a long text (tens of
// megabytes for a report of megabytes: its tokens, their classes, the
// candidates) is not kept for the next Find, where it would stay live
// through collections after the text is done with.
func TestLongTextScratchLetGo(t *testing.T) {
	r := recognizer(t)
	text := strings.Repeat("Mint Sandstorm, tracked as TA453, used password spraying against Iranian dissidents. ", 2*maxKeepTokens/12)
	if len(r.Find(text)) == 0 {
		t.Fatal("nothing found")
	}
	d := docPool.Get().(*doc) // the same goroutine's pool: what Find put back, if it did
	if cap(d.toks) > maxKeepTokens {
		t.Errorf("the pool kept room for %d tokens after a long text, more than %d", cap(d.toks), maxKeepTokens)
	}
}

// TestNilInputs checks that a Recognizer without graph or pack still
// finds what needs neither.
func TestNilInputs(t *testing.T) {
	r := New(nil, nil)
	got := find(r, "Storm-2035 and Iran, tracked as Velvet Chisel, used phishing.")
	want := []string{"actor:Storm-2035+new", "country:Iran=IR", "actor:Velvet Chisel+new"}
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("New(nil, nil).Find: want %q in %q", w, got)
		}
	}
}

// TestNumberWord: numbers turns down words longer than maxDashedWord,
// and then those numberWord does not hold, before looking them up, so
// every key of dashed must pass both.
func TestNumberWord(t *testing.T) {
	for w := range dashed {
		if len(w) > maxDashedWord {
			t.Errorf("dashed word %q is longer than maxDashedWord (%d)", w, maxDashedWord)
		}
		if !numberWord(w) {
			t.Errorf("dashed word %q is not a numberWord", w)
		}
	}
	for _, w := range []string{"Threat", "TEMP", "UNK", "Unit", "CL", "TGR"} {
		if !numberWord(w) || len(w) > maxDashedWord {
			t.Errorf("%q, which numbers reads a name after, is turned down", w)
		}
	}
}

// TestTechnicalPhrases: "obfuscation" alone is ATT&CK's Obfuscated
// Files or Information, and "social engineering" its Phishing, in a
// sentence about code or files, or about nothing else; not where they
// hide who is behind an influence operation or what it posts.
func TestTechnicalPhrases(t *testing.T) {
	r := recognizer(t)
	for _, c := range []struct {
		text string
		want bool
	}{
		{"TA453 used social engineering to build rapport with its targets.", true},
		{"To enhance the authenticity of their deceptive personas, operators employed sophisticated social engineering tactics, frequently posting non-political content.", false},
		{"BlackSoul additionally uses various other techniques for obfuscation.", true},
		{"The samples used in this campaign heavily rely on control flow obfuscation.", true},
		{"Several layers of packaging and obfuscation hide the origin of the payload.", true}, // a code word wins
		{"Despite this obfuscation, our investigation uncovered that the network originated from China.", false},
		{"Governments are given plausible deniability and obfuscation from being labeled as responsible.", false},
		{"They used the same text obfuscation methods, such as 4ng0la.", false},
	} {
		got := false
		for _, m := range find(r, c.text) {
			got = got || strings.HasSuffix(m, "=T1027") || strings.HasSuffix(m, "=T1566")
		}
		if got != c.want {
			t.Errorf("%q: T1027 or T1566 found %v, want %v (%q)", c.text, got, c.want, find(r, c.text))
		}
	}
}
