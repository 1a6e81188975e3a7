package stix

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// TLP is one Traffic Light Protocol marking definition with a fixed id:
// either one of the four TLP 1.0 definitions printed in the STIX 2.1
// specification (section 7.2.1.4) or one of the five TLP 2.0 definitions of
// the OASIS TLP 2.0 extension
// (extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d). Nobody may
// redefine them: an object that carries one of these ids with other content
// is refused.
type TLP struct {
	ID      string // marking-definition--...
	Version int    // 1 or 2
	Level   string // "white", "green", "amber", "red" (1.0); "clear", "green", "amber", "amber+strict", "red" (2.0)
	Name    string // "TLP:WHITE", "TLP:CLEAR", ...
	Twin    string // the id of the same level in the other TLP version; "" for AMBER+STRICT
	Rank    int    // 0 = WHITE/CLEAR ... 4 = RED; AMBER+STRICT ranks between AMBER and RED
	JSON    string // the definition, compact, as published
}

// TLP2Extension is the id of the OASIS TLP 2.0 extension definition.
const TLP2Extension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

// TLP2Creator is the identity (CISA) that created the TLP 2.0 extension;
// some producers put it in the TLP 2.0 definitions' created_by_ref.
const TLP2Creator = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01"

func tlp1(id, level string, rank int, twin string) *TLP {
	name := "TLP:" + strings.ToUpper(level)
	return &TLP{ID: id, Version: 1, Level: level, Name: name, Twin: twin, Rank: rank,
		JSON: `{"type":"marking-definition","spec_version":"2.1","id":"` + id + `","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"` + name + `","definition":{"tlp":"` + level + `"}}`}
}

func tlp2(id, level string, rank int, twin string) *TLP {
	name := "TLP:" + strings.ToUpper(level)
	return &TLP{ID: id, Version: 2, Level: level, Name: name, Twin: twin, Rank: rank,
		JSON: `{"type":"marking-definition","spec_version":"2.1","id":"` + id + `","created":"2022-10-01T00:00:00.000Z","name":"` + name + `","extensions":{"` + TLP2Extension + `":{"extension_type":"property-extension","tlp_2_0":"` + level + `"}}}`}
}

// The fixed TLP marking definitions.
var (
	TLP1White = tlp1("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white", 0, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487")
	TLP1Green = tlp1("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green", 1, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb")
	TLP1Amber = tlp1("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "amber", 2, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421")
	TLP1Red   = tlp1("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red", 4, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1")

	TLP2Clear       = tlp2("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear", 0, TLP1White.ID)
	TLP2Green       = tlp2("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green", 1, TLP1Green.ID)
	TLP2Amber       = tlp2("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber", 2, TLP1Amber.ID)
	TLP2AmberStrict = tlp2("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict", 3, "")
	TLP2Red         = tlp2("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red", 4, TLP1Red.ID)
)

// AllTLP lists every fixed TLP definition, TLP 1.0 first.
var AllTLP = []*TLP{TLP1White, TLP1Green, TLP1Amber, TLP1Red, TLP2Clear, TLP2Green, TLP2Amber, TLP2AmberStrict, TLP2Red}

var tlpByID = func() map[string]*TLP {
	m := make(map[string]*TLP, len(AllTLP))
	for _, t := range AllTLP {
		m[t.ID] = t
	}
	return m
}()

// TLPByID returns the fixed TLP definition with the given id, or nil.
func TLPByID(id string) *TLP { return tlpByID[id] }

// Object returns a fresh Object holding the definition.
func (t *TLP) Object() *Object {
	v, err := DecodeValue([]byte(t.JSON), 0, DefaultLimits)
	if err != nil {
		panic("stix: fixed TLP definition does not parse: " + err.Error())
	}
	return NewObject(v, []byte(t.JSON))
}

// ParseTLP returns the TLP 2.0 definition for a level name as a user types
// it: "clear", "green", "amber", "amber+strict", "red", with or without a
// "TLP:" prefix, in any case. "white" is accepted as the TLP 1.0 name of
// CLEAR.
func ParseTLP(s string) (*TLP, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	l = strings.TrimPrefix(l, "tlp:")
	l = strings.ReplaceAll(l, " ", "")
	switch l {
	case "clear", "white":
		return TLP2Clear, nil
	case "green":
		return TLP2Green, nil
	case "amber":
		return TLP2Amber, nil
	case "amber+strict", "amber-strict", "amberstrict":
		return TLP2AmberStrict, nil
	case "red":
		return TLP2Red, nil
	}
	return nil, fmt.Errorf("unknown TLP level %q: use clear, green, amber, amber+strict or red", s)
}

// CheckFixedTLP reports whether o, which carries the id of a fixed TLP
// definition, says the same as the published definition. A definition
// written by a STIX 2.0 producer (no spec_version, no name) and a TLP 2.0
// definition that names the extension's creator in created_by_ref are the
// same definition; any other difference is an attempt to redefine it.
func CheckFixedTLP(o *Object, t *TLP) error {
	want, err := Canonical([]byte(t.JSON))
	if err != nil {
		return err
	}
	v := o.Props
	v.Members = append([]Member(nil), v.Members...)
	if t.Version == 1 {
		if v.Get("spec_version") == nil {
			v.Set("spec_version", StringValue("2.1"))
		}
		if v.Get("name") == nil {
			v.Set("name", StringValue(t.Name))
		}
	}
	if t.Version == 2 {
		if s, ok := v.GetString("created_by_ref"); ok && s == TLP2Creator {
			v.Delete("created_by_ref")
		}
	}
	if c, ok := v.GetString("created"); ok {
		// The same instant written with another precision is the same
		// definition ("2017-01-20T00:00:00Z").
		got, err1 := ParseTimestamp(c)
		ref, _ := ParseTimestamp(NewObjectFromJSON(t.JSON).Created)
		if err1 == nil && got.Time.Equal(ref.Time) {
			v.Set("created", StringValue(ref.Text))
		}
	}
	got, err := Canonical(v.AppendJSON(nil))
	if err != nil {
		return err
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("%s is the fixed %s definition (TLP %d.0) and cannot be redefined: %s", o.ID, t.Name, t.Version, describeDiff(v, t))
	}
	return nil
}

// describeDiff names the top-level properties in which v differs from t.
func describeDiff(v Value, t *TLP) string {
	ref := NewObjectFromJSON(t.JSON).Props
	var diffs []string
	seen := map[string]bool{}
	for _, m := range v.Members {
		seen[m.Name] = true
		r := ref.Get(m.Name)
		if r == nil {
			diffs = append(diffs, "adds "+m.Name)
			continue
		}
		a, _ := Canonical(m.Value.AppendJSON(nil))
		b, _ := Canonical(r.AppendJSON(nil))
		if !bytes.Equal(a, b) {
			diffs = append(diffs, "changes "+m.Name)
		}
	}
	for _, m := range ref.Members {
		if !seen[m.Name] {
			diffs = append(diffs, "drops "+m.Name)
		}
	}
	sort.Strings(diffs)
	if len(diffs) == 0 {
		return "content differs"
	}
	return strings.Join(diffs, ", ")
}

// NewObjectFromJSON decodes a trusted, valid JSON object (a constant of this
// package or of a test). It panics on invalid input.
func NewObjectFromJSON(s string) *Object {
	v, err := DecodeValue([]byte(s), 0, DefaultLimits)
	if err != nil {
		panic("stix: NewObjectFromJSON: " + err.Error())
	}
	return NewObject(v, nil)
}
