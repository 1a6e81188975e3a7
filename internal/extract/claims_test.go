package extract

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// ents marks the entities of a test text: every occurrence of each name.
func ents(text string, marks map[string]Entity) []Entity {
	var out []Entity
	for name, e := range marks {
		from := 0
		for {
			i := strings.Index(text[from:], name)
			if i < 0 {
				break
			}
			x := e
			x.Start, x.End = from+i, from+i+len(name)
			if x.Name == "" {
				x.Name = name
			}
			out = append(out, x)
			from += i + len(name)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	// Drop entities inside longer ones.
	var kept []Entity
	for _, x := range out {
		if len(kept) > 0 && x.Start < kept[len(kept)-1].End {
			continue
		}
		kept = append(kept, x)
	}
	return kept
}

func claimStrings(text string, cs []Claim) []string {
	var out []string
	name := func(e *Entity) string {
		if e == nil {
			return "(operation)"
		}
		return e.Name
	}
	for _, c := range cs {
		who := "author"
		if c.Claimant != nil {
			who = c.Claimant.Name
		}
		out = append(out, fmt.Sprintf("%s: %s -> %s by %s @%d", c.Kind, name(c.Subject), name(c.Object), who, c.Confidence))
	}
	return out
}

func TestFindClaims(t *testing.T) {
	marks := map[string]Entity{
		"Mint Sandstorm":     {Kind: EntActor, Key: "intrusion-set--mint"},
		"APT42":              {Kind: EntActor, Key: "intrusion-set--apt42"},
		"Storm-2035":         {Kind: EntActor, Key: "intrusion-set--storm2035"},
		"Iran":               {Kind: EntCountry, Key: "IR"},
		"Iranian":            {Kind: EntCountry, Key: "IR", Name: "Iran"},
		"Russia":             {Kind: EntCountry, Key: "RU"},
		"FBI":                {Kind: EntOrg, Key: "FBI"},
		"ODNI":               {Kind: EntOrg, Key: "ODNI"},
		"Trump campaign":     {Kind: EntOrg, Key: "Trump campaign"},
		"Harris campaign":    {Kind: EntOrg, Key: "Harris campaign"},
		"Microsoft":          {Kind: EntOrg, Key: "Microsoft"},
		"spearphishing":      {Kind: EntTechnique, Key: "T1566"},
		"social engineering": {Kind: EntTechnique, Key: "T1566"},
		"Permanent Mission of Iran to the United Nations": {Kind: EntOrg, Key: "Iran mission"},
		"presidential campaigns":                          {Kind: EntOrg, Key: "presidential campaigns"},
	}
	cases := []struct {
		name string
		text string
		want []string
	}{
		{
			"government statement",
			"The FBI and ODNI are confident that Iran, through social engineering and other efforts, sought access to individuals with direct access to the presidential campaigns. These efforts are attributed to Iran.",
			[]string{
				"attribution: (operation) -> Iran by FBI @90",
				"targeting: (operation) -> presidential campaigns by FBI @90",
				"uses: (operation) -> social engineering by FBI @90",
				"attribution: (operation) -> Iran by author @85",
			},
		},
		{
			"vendor report with an actor",
			"Microsoft assesses that Mint Sandstorm, an Iranian state-sponsored group, targeted the Trump campaign with spearphishing. The group is linked to Iran.",
			[]string{
				"attribution: Mint Sandstorm -> Iran by Microsoft @70",
				"targeting: Mint Sandstorm -> Trump campaign by Microsoft @70",
				"uses: Mint Sandstorm -> spearphishing by Microsoft @70",
				"attribution: Mint Sandstorm -> Iran by author @85",
			},
		},
		{
			"pronoun refers back",
			"Storm-2035 ran news sites aimed at voters. They likely operate on behalf of Iran.",
			[]string{"attribution: Storm-2035 -> Iran by author @70"},
		},
		{
			"denial",
			"A spokesperson for the Permanent Mission of Iran to the United Nations said Iran categorically denies any involvement and called the accusations baseless.",
			[]string{"denial: (operation) -> Iran by Permanent Mission of Iran to the United Nations @85"},
		},
		{
			"negation is not a claim",
			"The FBI did not attribute the activity to Russia.",
			nil,
		},
		{
			"trigger split across a line break",
			"Storm-2035 is linked\nto Iran. The group is\ntied to Russia.",
			[]string{
				"attribution: Storm-2035 -> Iran by author @85",
				"attribution: Storm-2035 -> Russia by author @85",
			},
		},
		{
			"curly apostrophe",
			"Storm-2035 ran news sites aimed at voters. They likely operate on Iran’s behalf.",
			[]string{"attribution: Storm-2035 -> Iran by author @70"},
		},
		{
			"hyphenated state adjective",
			"Mint Sandstorm, an Iran-linked group, targeted the Harris campaign.",
			[]string{
				"attribution: Mint Sandstorm -> Iran by author @85",
				"targeting: Mint Sandstorm -> Harris campaign by author @85",
			},
		},
		{
			"hedge between no-break spaces",
			"Microsoft assesses\u00a0with high confidence\u00a0that APT42 used spearphishing.",
			[]string{"uses: APT42 -> spearphishing by Microsoft @90"},
		},
		{
			"negation with a curly apostrophe",
			"The FBI can’t attribute the activity to Russia.",
			nil,
		},
		{
			"attribution needs the nearest to, before any period",
			"APT42 activity was attributed by analysts. Later they pointed to Iran.",
			nil,
		},
		{
			"officials are not operatives",
			"Iranian officials said the reports were false.",
			nil,
		},
	}
	for _, c := range cases {
		es := ents(c.text, marks)
		got := claimStrings(c.text, FindClaims(c.text, Sentences(c.text), es))
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
