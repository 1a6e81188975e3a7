package build

import (
	"slices"
	"testing"
)

// TestSentenceState runs the state-tie rule over sentences of ATT&CK
// group descriptions (links and citations removed), as written, and a
// few made up where noted.
func TestSentenceState(t *testing.T) {
	for _, tc := range []struct {
		name, sentence, want string
	}{
		// Rule 1: <state>-sponsored, <state> state-sponsored / state-backed.
		{"G0059 Iranian-sponsored", "Magic Hound is an Iranian-sponsored threat group that conducts long term, resource-intensive cyber espionage operations, likely on behalf of the Islamic Revolutionary Guard Corps.", "IR"},
		{"G1044 Iranian-sponsored", "APT42 is an Iranian-sponsored threat group that conducts cyber espionage and surveillance.", "IR"},
		{"G0065 Chinese state-sponsored", "Leviathan is a Chinese state-sponsored cyber espionage group that has been attributed to the Ministry of State Security's (MSS) Hainan State Security Department and an affiliated front company.", "CN"},
		{"G0032 North Korean state-sponsored", "Lazarus Group is a North Korean state-sponsored cyber threat group attributed to the Reconnaissance General Bureau (RGB).", "KP"},
		{"G0118 suspected Russian state-sponsored", "UNC2452 is a suspected Russian state-sponsored threat group responsible for the 2020 SolarWinds software supply chain intrusion.", "RU"},
		{"G1017 PRC with abbreviation", "Volt Typhoon is a People's Republic of China (PRC) state-sponsored actor that has been active since at least 2021 primarily targeting critical infrastructure organizations in the US and its territories including Guam.", "CN"},
		{"G1045 state-backed", "Salt Typhoon is a People's Republic of China (PRC) state-backed actor that has been active since at least 2019 and responsible for numerous compromises of network infrastructure at major U.S. telecommunication and internet service providers (ISP).", "CN"},
		{"G0093 likely Chinese state-sponsored", "Security researchers have identified GALLIUM as a likely Chinese state-sponsored group, based in part on tools used and TTPs commonly associated with Chinese threat actors.", "CN"},

		// Rule 2: tie phrase + the <state> government.
		{"G0049 on behalf of the Iranian government", "The group works on behalf of the Iranian government based on infrastructure details that contain references to Iran, use of Iranian infrastructure, and targeting that aligns with nation-state interests.", "IR"},
		{"G0013 associated with the Chinese government", "APT30 is a threat group suspected to be associated with the Chinese government.", "CN"},
		{"G0117 nexus to the Iranian government", "Fox Kitten is threat actor with a suspected nexus to the Iranian government that has been active since at least 2017 against entities in the Middle East, North Africa, Europe, Australia, and North America.", "IR"},
		{"G0122 at the behest of the government of Iran", "Members of Silent Librarian are known to have been affiliated with the Iran-based Mabna Institute which has conducted cyber intrusions at the behest of the government of Iran, specifically the Islamic Revolutionary Guard Corps (IRGC).", "IR"},

		// Rule 3: tie phrase + state organ, or the state itself.
		{"G0007 attributed to Russia's GRU", "APT28 is a threat group that has been attributed to Russia's General Staff Main Intelligence Directorate (GRU) 85th Main Special Service Center (GTsSS) military unit 26165.", "RU"},
		{"G0010 attributed to Russia's FSB", "Turla is a cyber espionage threat group that has been attributed to Russia's Federal Security Service (FSB).", "RU"},
		{"G0016 curly apostrophe SVR", "APT29 is threat group that has been attributed to Russia\u2019s Foreign Intelligence Service (SVR).", "RU"},
		{"G0047 attributed X to, Ukrainian government is the attributor", "In November 2021, the Ukrainian government publicly attributed Gamaredon Group to Russia\u2019s Federal Security Service (FSB) Center 18, an assessment later supported by multiple independent cybersecurity researchers.", "RU"},
		{"G0016 attributed the campaign to the SVR", "In April 2021, the US and UK governments attributed the SolarWinds Compromise to the SVR; public statements included citations to APT29, Cozy Bear, and The Dukes.", "RU"},
		{"G0006 PLA by name", "APT1 is a Chinese threat group that has been attributed to the 2nd Bureau of the People\u2019s Liberation Army (PLA) General Staff Department\u2019s (GSD) 3rd Department, commonly known by its Military Unit Cover Designator (MUCD) as Unit 61398.", "CN"},
		{"G0024 PLA abbreviation", "Putter Panda is a Chinese threat group that has been attributed to Unit 61486 of the 12th Bureau of the PLA\u2019s 3rd General Staff Department (GSD).", "CN"},
		{"G0005 attributed to China", "APT12 is a threat group that has been attributed to China.", "CN"},
		{"G0022 attributed to China's MSS", "APT3 is a China-based threat group that researchers have attributed to China's Ministry of State Security.", "CN"},
		{"G0045 in association with", "Individual members of menuPass are known to have acted in association with the Chinese Ministry of State Security's (MSS) Tianjin State Security Bureau and worked for the Huaying Haitai Science and Technology Development Company.", "CN"},
		{"G0069 subordinate element within MOIS", "MuddyWater is a cyber espionage group assessed to be a subordinate element within Iran's Ministry of Intelligence and Security (MOIS).", "IR"},
		{"G0087 conducted by the Iranian MOIS", "APT39 is one of several names for cyber espionage activity conducted by the Iranian Ministry of Intelligence and Security (MOIS) through the front company Rana Intelligence Computing since at least 2014.", "IR"},
		{"G1030 linked X to MOIS", "Public reporting has linked Agrius to Iran's Ministry of Intelligence and Security (MOIS).", "IR"},
		{"G0070 Lebanese directorate", "Dark Caracal is threat group that has been attributed to the Lebanese General Directorate of General Security (GDGS) and has operated since at least 2012.", "LB"},
		{"G0138 North Korea's RGB", "Andariel is considered a sub-set of Lazarus Group, and has been attributed to North Korea's Reconnaissance General Bureau.", "KP"},

		// Rule 4: <organ>-affiliated.
		{"G1027 IRGC-affiliated", "The CyberAv3ngers are a suspected Iranian Government Islamic Revolutionary Guard Corps (IRGC)-affiliated APT group.", "IR"},

		// Rule 5: state-sponsored without a state, and where it is based.
		{"G0125 operating out of China", "HAFNIUM is a likely state-sponsored cyber espionage group operating out of China that has been active since at least January 2021.", "CN"},

		// Nationality, location and language alone are no tie to a state.
		{"G0052 Iranian threat group", "CopyKittens is an Iranian cyber espionage group that has been operating since at least 2013.", ""},
		{"G0064 suspected Iranian", "APT33 is a suspected Iranian threat group that has carried out operations since at least 2013.", ""},
		{"G0102 Russia-based criminals", "Wizard Spider is a Russia-based financially motivated threat group originally known for the creation and deployment of TrickBot since at least 2016.", ""},
		{"G0130 operating out of Iran, no state", "Ajax Security Team is a group that has been active since at least 2010 and believed to be operating out of Iran.", ""},
		{"G0003 attributed to Iranian actors", "Cleaver is a threat group that has been attributed to Iranian actors and is responsible for activity tracked as Operation Cleaver.", ""},
		{"G0004 actors operating out of China", "Ke3chang is a threat group attributed to actors operating out of China.", ""},
		{"G1033 originating in Russia", "Star Blizzard is a cyber espionage and influence group originating in Russia that has been active since at least 2019.", ""},
		{"G1033 aligns with state interests", "Star Blizzard campaigns align closely with Russian state interests and have included persistent phishing and credential theft against academic, defense, government, NGO, and think tank organizations in NATO countries, particularly the US and the UK.", ""},
		{"G1036 North Korean-linked", "Moonstone Sleet is a North Korean-linked threat actor executing both financially motivated attacks and espionage operations.", ""},
		{"G1039 Russian-speaking", "RedCurl is allegedly a Russian-speaking threat actor.", ""},
		{"G0089 state-sponsored, no state", "The White Company is a likely state-sponsored threat actor with advanced capabilities.", ""},

		// Targets are not sponsors.
		{"targeting Iranian dissidents (made up)", "The group has sent spearphishing emails targeting Iranian dissidents abroad.", ""},
		{"G0130 Iranian users", "By 2014 Ajax Security Team transitioned from website defacement operations to malware-based cyber espionage campaigns targeting the US defense industrial base and Iranian users of anti-censorship technologies.", ""},
		{"G0038 Emirati journalists", "Stealth Falcon is a threat group that has conducted targeted spyware attacks against Emirati journalists, activists, and dissidents since at least 2012.", ""},
		{"G1003 Ukrainian government targets", "Ember Bear has primarily focused operations against Ukrainian government and telecommunication entities, but has also operated against critical infrastructure entities in Europe and the Americas.", ""},

		// Doubt and negation.
		{"G0038 not confirmed", "Circumstantial evidence suggests there could be a link between this group and the United Arab Emirates (UAE) government, but that has not been confirmed.", ""},
		{"G0029 not directly linked", "This group has not been directly linked to a government source, but the group's motivations appear to overlap with those of the Chinese government.", ""},
		{"G0043 not definite", "Group5 is a threat group with a suspected Iranian nexus, though this attribution is not definite.", ""},
		{"G0040 not definitively attributed", "While the group has not been definitively attributed, circumstantial evidence suggests the group may be a pro-Indian or Indian entity.", ""},

		// Ties to someone else's state organ, and two states at once.
		{"G1005 coordinated with MOIS actors", "Security researchers assess POLONIUM has coordinated their operations with multiple actors affiliated with Iran\u2019s Ministry of Intelligence and Security (MOIS), based on victim overlap as well as common techniques and tooling.", ""},
		{"G1035 two states", "Winter Vivern is a group linked to Russian and Belorussian interests active since at least 2020 targeting various European government and NGO entities, along with sporadic targeting of Indian and US victims.", ""},
		{"two sponsors (made up)", "The group is Iranian-sponsored and has also been attributed to Russia's GRU.", ""},
		{"G1021 government-sponsored others", "Based on victimology, the short lifespan of each ransomware variant, and use of malware attributed to government-sponsored threat groups, Cinnamon Tempest may be motivated by intellectual property theft or cyberespionage rather than financial gain.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := SentenceState(tc.sentence); got != tc.want {
				t.Errorf("SentenceState(%q) got %q, want %q", tc.sentence, got, tc.want)
			}
		})
	}
}

// TestStateTie runs the rule over whole descriptions as ATT&CK writes
// them, links and citations included.
func TestStateTie(t *testing.T) {
	for _, tc := range []struct {
		name        string
		names       []string
		description string
		want        string
		evidence    string
	}{
		{
			name:        "G0049 OilRig: the tie is in the last sentence",
			names:       []string{"OilRig", "APT34"},
			description: "[OilRig](https://attack.mitre.org/groups/G0049) is a suspected Iranian threat group that has targeted Middle Eastern and international victims since at least 2014. The group has targeted a variety of sectors, including financial, government, energy, chemical, and telecommunications. It appears the group carries out supply chain attacks, leveraging the trust relationship between organizations to attack their primary targets. The group works on behalf of the Iranian government based on infrastructure details that contain references to Iran, use of Iranian infrastructure, and targeting that aligns with nation-state interests.(Citation: FireEye APT34 Dec 2017)(Citation: Palo Alto OilRig April 2017)",
			want:        "IR",
			evidence:    "The group works on behalf of the Iranian government based on infrastructure details that contain references to Iran, use of Iranian infrastructure, and targeting that aligns with nation-state interests.",
		},
		{
			name:        "G0007 APT28: two paragraphs, one state",
			names:       []string{"APT28"},
			description: "[APT28](https://attack.mitre.org/groups/G0007) is a threat group that has been attributed to Russia's General Staff Main Intelligence Directorate (GRU) 85th Main Special Service Center (GTsSS) military unit 26165.(Citation: NSA/FBI Drovorub August 2020)(Citation: Cybersecurity Advisory GRU Brute Force Campaign July 2021) This group has been active since at least 2004.(Citation: DOJ GRU Indictment Jul 2018)\n\n[APT28](https://attack.mitre.org/groups/G0007) reportedly compromised the Hillary Clinton campaign, the Democratic National Committee, and the Democratic Congressional Campaign Committee in 2016 in an attempt to interfere with the U.S. presidential election.",
			want:        "RU",
			evidence:    "APT28 is a threat group that has been attributed to Russia's General Staff Main Intelligence Directorate (GRU) 85th Main Special Service Center (GTsSS) military unit 26165.",
		},
		{
			name:        "G0094 Kimsuky: North Korean state-sponsored activity of other groups is not about Kimsuky",
			names:       []string{"Kimsuky"},
			description: "[Kimsuky](https://attack.mitre.org/groups/G0094) is a North Korea-based cyber espionage group that has been active since at least 2012. Its operations have overlapped with other DPRK actors, likely due to ad hoc collaboration or limited resource sharing. Because of overlapping operations, some researchers group a wide range of North Korean state-sponsored cyber activity under the broader [Lazarus Group](https://attack.mitre.org/groups/G0032) umbrella rather than tracking separate subgroup or cluster distinctions.",
			want:        "",
		},
		{
			name:        "G0038 Stealth Falcon: targets and an unconfirmed link",
			names:       []string{"Stealth Falcon"},
			description: "[Stealth Falcon](https://attack.mitre.org/groups/G0038) is a threat group that has conducted targeted spyware attacks against Emirati journalists, activists, and dissidents since at least 2012. Circumstantial evidence suggests there could be a link between this group and the United Arab Emirates (UAE) government, but that has not been confirmed. (Citation: Citizen Lab Stealth Falcon May 2016)",
			want:        "",
		},
		{
			name:        "made up: sentences naming different states",
			names:       []string{"Example"},
			description: "Example is an Iranian-sponsored threat group. Example has also been attributed to Russia's Federal Security Service (FSB).",
			want:        "",
		},
		{
			name:        "empty description",
			names:       []string{"MONSOON"},
			description: "",
			want:        "",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, evidence := StateTie(tc.description, tc.names)
			if got != tc.want || evidence != tc.evidence {
				t.Errorf("StateTie got %q, %q; want %q, %q", got, evidence, tc.want, tc.evidence)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"One sentence.", []string{"One sentence."}},
		{"It targeted the U.S. government. It also targeted Japan.", []string{"It targeted the U.S. government.", "It also targeted Japan."}},
		{"Seen since 2014. 2016 was busy! Was it? Yes.", []string{"Seen since 2014.", "2016 was busy!", "Was it?", "Yes."}},
		{"Tools, e.g. Mimikatz, were used. Then more.", []string{"Tools, e.g. Mimikatz, were used.", "Then more."}},
		{"Named by J. Smith in 2019. Next.", []string{"Named by J. Smith in 2019.", "Next."}},
		{"First paragraph\n\nSecond paragraph.", []string{"First paragraph", "Second paragraph."}},
		{"A version 1.2 release. lower case does not start one.", []string{"A version 1.2 release. lower case does not start one."}},
		{"It said \"stop.\" Then it left.", []string{"It said \"stop.\"", "Then it left."}},
		{" | ", nil},
	} {
		if got := Sentences(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Sentences(%q) got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCleanDescription(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"[APT1](https://attack.mitre.org/groups/G0006) is a group.(Citation: Mandiant APT1)", "APT1 is a group."},
		{"[[Charming Kitten](https://attack.mitre.org/groups/G0058) often", "[Charming Kitten often"},
		{"Uses <code>cmd.exe</code>  and  more.(Citation: A (2020) report)", "Uses cmd.exe and more."},
		{"No markup.\nSecond line.", "No markup.\nSecond line."},
	} {
		if got := CleanDescription(tc.in); got != tc.want {
			t.Errorf("CleanDescription(%q) got %q, want %q", tc.in, got, tc.want)
		}
	}
}
