package stix

import (
	"strings"
	"testing"
)

func TestTLPTwins(t *testing.T) {
	pairs := map[*TLP]*TLP{TLP1White: TLP2Clear, TLP1Green: TLP2Green, TLP1Amber: TLP2Amber, TLP1Red: TLP2Red}
	for v1, v2 := range pairs {
		if v1.Twin != v2.ID || v2.Twin != v1.ID {
			t.Errorf("%s and %s are not each other's twin", v1.Name, v2.Name)
		}
		if v1.Rank != v2.Rank {
			t.Errorf("%s rank %d, %s rank %d, want equal", v1.Name, v1.Rank, v2.Name, v2.Rank)
		}
	}
	if TLP2AmberStrict.Twin != "" {
		t.Errorf("AMBER+STRICT has TLP 1.0 twin %q, want none", TLP2AmberStrict.Twin)
	}
	if !(TLP2Amber.Rank < TLP2AmberStrict.Rank && TLP2AmberStrict.Rank < TLP2Red.Rank) {
		t.Errorf("AMBER+STRICT should rank between AMBER and RED")
	}
}

func TestTLPDefinitionsAreValidSTIX(t *testing.T) {
	for _, tl := range AllTLP {
		o := tl.Object()
		if o.ID != tl.ID || o.Type != "marking-definition" || o.Name() != tl.Name {
			t.Errorf("%s: object got id %s name %q", tl.Name, o.ID, o.Name())
		}
		if probs := Validate(o); len(probs) > 0 {
			t.Errorf("%s: the fixed definition does not validate: %v", tl.Name, probs)
		}
	}
}

func TestParseTLP(t *testing.T) {
	cases := map[string]*TLP{
		"clear": TLP2Clear, "WHITE": TLP2Clear, "TLP:GREEN": TLP2Green, "amber": TLP2Amber,
		"amber+strict": TLP2AmberStrict, "TLP:AMBER+STRICT": TLP2AmberStrict, " red ": TLP2Red,
	}
	for in, want := range cases {
		got, err := ParseTLP(in)
		if err != nil || got != want {
			t.Errorf("ParseTLP(%q) got %v, %v; want %s", in, got, err, want.Name)
		}
	}
	if _, err := ParseTLP("purple"); err == nil || !strings.Contains(err.Error(), "clear, green, amber, amber+strict or red") {
		t.Errorf("ParseTLP(purple) error %v, want one that lists the levels", err)
	}
}

func TestCheckFixedTLP(t *testing.T) {
	cases := []struct {
		name string
		json string
		tlp  *TLP
		ok   bool
	}{
		{"TLP 1.0 as published", TLP1Green.JSON, TLP1Green, true},
		{"TLP 2.0 as published", TLP2AmberStrict.JSON, TLP2AmberStrict, true},
		{"STIX 2.0 form (no spec_version, no name, seconds precision)",
			`{"type":"marking-definition","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00Z","definition_type":"tlp","definition":{"tlp":"green"}}`, TLP1Green, true},
		{"TLP 2.0 with the extension creator",
			`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487","created_by_ref":"identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01","created":"2022-10-01T00:00:00.000Z","name":"TLP:CLEAR","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"clear"}}}`, TLP2Clear, true},
		{"RED id redefined as WHITE",
			`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:RED","definition":{"tlp":"white"}}`, TLP1Red, false},
		{"TLP 2.0 AMBER id with level clear",
			`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421","created":"2022-10-01T00:00:00.000Z","name":"TLP:AMBER","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"clear"}}}`, TLP2Amber, false},
		{"extra statement",
			`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:GREEN","definition":{"tlp":"green"},"x_note":"share freely"}`, TLP1Green, false},
		{"other creator",
			`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487","created_by_ref":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2022-10-01T00:00:00.000Z","name":"TLP:CLEAR","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"clear"}}}`, TLP2Clear, false},
		{"other created date",
			`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2020-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:GREEN","definition":{"tlp":"green"}}`, TLP1Green, false},
	}
	for _, c := range cases {
		err := CheckFixedTLP(NewObjectFromJSON(c.json), c.tlp)
		if (err == nil) != c.ok {
			t.Errorf("%s: CheckFixedTLP error %v, want ok=%v", c.name, err, c.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "cannot be redefined") {
			t.Errorf("%s: error %q does not say it cannot be redefined", c.name, err)
		}
	}
}
