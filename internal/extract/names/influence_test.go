package names

import (
	"slices"
	"testing"
)

// TestInfluenceAndOperationNames pins the rules for names that are not
// intrusion sets' but count as actors: influence operations and their
// networks and brands, operations when no actor is named, personas that
// name themselves, expansions of short names, owners of malware.
func TestInfluenceAndOperationNames(t *testing.T) {
	r := recognizer(t)
	// io makes a text about influence operations.
	const io = "Meta removed a network for coordinated inauthentic behavior; the disinformation reached few people. "
	for _, tc := range []struct {
		name string
		text string
		want []string
		not  []string
	}{
		{"persona that calls himself", "On June 15, an actor who calls himself Nimbus 2.0 created a blog.", []string{"actor:Nimbus 2.0+new"}, nil},
		{"campaign known in the industry as", io + "We share updates on a long-running campaign known in the industry as Velvet Heron.", []string{"actor:Velvet Heron+new"}, nil},
		{"a naming verb before the influence noun", io + "Meta calls the network Quiet Lark. Researchers dubbed the operation Velvet Heron.", []string{"actor:Quiet Lark+new", "actor:Velvet Heron+new"}, nil},
		{"a naming verb before a noun, outside influence operations", "Meta calls the network Quiet Lark.", nil, []string{"actor:Quiet Lark+new"}},
		{"campaign known as, outside influence operations", "We share updates on a long-running campaign known in the industry as Velvet Heron.", nil, []string{"actor:Velvet Heron+new"}},
		{"network and its short form", io + "In 2018 we took down the Cedar Gate Press (CGP) network. CGP returned.", []string{"actor:Cedar Gate Press+new", "actor:CGP+new", "actor:CGP+new"}, nil},
		{"policy name is not a network", io + "Meta disrupted an Iran-based Coordinated Inauthentic Behavior (CIB) network.", nil, []string{"actor:CIB+new", "actor:Coordinated Inauthentic Behavior+new"}},
		{"quoted campaign brand", io + "The ‘Zeus’ campaign posted allegedly hacked material.", []string{"actor:Zeus+new"}, nil},
		{"quoted malware outside influence operations", "The ‘Zeus’ campaign stole banking credentials.", nil, []string{"actor:Zeus+new"}},
		{"expansion of a short name", "We attribute it to Iran's Union of Imaginary Media Exchange (UIME), a sanctioned propaganda group.", []string{"actor:Union of Imaginary Media Exchange+new", "actor:UIME+new"}, nil},
		{"owner of a backdoor", "Sponsor with Whiskers: Amber Lynxcat's Scan and Strike Backdoor. The blog post on Amber Lynxcat is out.", []string{"actor:Amber Lynxcat+new", "actor:Amber Lynxcat+new"}, nil},
		{"a malware's own module", "Quokkabot's loader module and Emotet's backdoor.", nil, []string{"actor:Quokkabot+new"}},
		{"operation when no actor is named", "Server used to send emails in Operation Quillfeather.", []string{"actor:Operation Quillfeather+new"}, nil},
		{"operation of a named actor", "Operation Quillfeather: A Conversation with TA453.", []string{"actor:TA453"}, []string{"actor:Operation Quillfeather+new"}},
		{"ad spending, as Meta reports it", "The network engaged in around $7,000 in spending for ads on Facebook and Instagram.", []string{"disarm:spending for ads=T0114.001"}, nil},
		{"posing as news outlets", "These assets posed as independent news outlets; others are posing as news sites.", []string{"disarm:posed as independent news=T0097.202", "disarm:posing as news sites=T0097.202"}, nil},
		{"masquerading as news outlets", "These individuals created Facebook Pages that masqueraded as local media or news outlets.", []string{"disarm:masqueraded as local media=T0097.202"}, []string{"technique:masqueraded as=T1036"}},
		{"posing as locals", "This operation used accounts that posed as locals in the areas targeted.", []string{"disarm:posed as locals=T0097.101"}, nil},
		{"memes, forged documents", "The operation created a fake press release and forged documents; its accounts posted memes.", []string{"disarm:fake press release=T0085.004", "disarm:forged documents=T0085.004", "disarm:posted memes=T0115.001"}, nil},
		{"leaks", "The stolen documents were later published on DCLeaks; the hackers leaked thousands of emails from the campaign.", []string{"disarm:stolen documents were later published=T0089", "disarm:leaked thousands of emails=T0089"}, nil},
		{"AI news anchors, paid influencers", "The campaign used AI-generated news anchors and local influencers who were paid to post.", []string{"disarm:AI-generated news anchors=T0087.001", "disarm:influencers who were paid=T0100.003"}, nil},
		{"posing as local journalists", "The network created personas posing as local journalists.", []string{"disarm:posing as local journalists=T0097.102"}, nil},
		{"a state's adjective inside a persona phrase", "The accounts posed as German journalists; others impersonated Ukrainian election officials. Some posed as Tibetan journalists.",
			[]string{"disarm:posed as German journalists=T0097.102", "disarm:impersonated Ukrainian election officials=T0097.111"}, []string{"disarm:posed as Tibetan journalists=T0097.102"}},
		{"posing as voters", "Accounts posing as American citizens and others that posed as US voters spread the posts.", []string{"disarm:posing as American citizens=T0097.101", "disarm:posed as US voters=T0097.101"}, nil},
		{"resharing others' posts", "The accounts frequently reshared posts from authentic voices.", []string{"disarm:reshared posts=T0118"}, nil},
		{"flooding hashtags", "The campaign relied on hashtag flooding at scale.", []string{"disarm:hashtag flooding=T0049.002"}, nil},
		{"influencers paid", "They paid influencers to share their content.", []string{"disarm:paid influencers=T0100.003"}, nil},
		{"officials impersonated", "The operators impersonated election officials in emails to voters.", []string{"disarm:impersonated election officials=T0097.111"}, nil},
		{"scholars impersonated", "TA453 masqueraded as British scholars to target experts.", []string{"disarm:masqueraded as British scholars=T0097.107"}, nil},
		{"rewriting articles", "They used AI tools to rewrite articles from legitimate media.", []string{"disarm:rewrite articles=T0084.002"}, nil},
		{"spreading stolen material", "Cotton Flood amplified material stolen by APT42.", []string{"disarm:amplified material stolen=T0089"}, nil},
		{"spoofing people", "TA453 uses free email providers to spoof individuals familiar to their targets.", []string{"technique:spoof individuals=T1656"}, nil},
		{"ads and posts in other senses", "The loader posed as a legitimate update; it reads posts and ads.", nil, []string{"disarm:ads=T0114.001", "disarm:posts=T0118"}},
		{"operation of ordinary words", "Server used to send emails in Operation Network Security.", nil, []string{"actor:Operation Network Security+new"}},
	} {
		got := find(r, tc.text)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %q\n\tfound %q, want %q among them", tc.name, tc.text, got, w)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(got, w) {
				t.Errorf("%s: %q\n\tfound %q, want no %q", tc.name, tc.text, got, w)
			}
		}
	}
}
