package stix

// typesProperty maps the STIX 2.0 types whose required labels property
// carried a type vocabulary to the STIX 2.1 property that replaced it.
var typesProperty = map[string]string{
	"indicator":    "indicator_types",
	"malware":      "malware_types",
	"tool":         "tool_types",
	"threat-actor": "threat_actor_types",
	"report":       "report_types",
}

// Upgrade20 rewrites a STIX 2.0 object in place into its STIX 2.1 form and
// returns what it changed, for the ingest report. It is applied to objects
// that come without spec_version in a bundle that says (or whose objects
// imply) 2.0. The rules are those the 2.1 specification's changes imply and
// that MITRE used to publish ATT&CK 2.0 content as 2.1:
//
//   - spec_version "2.1" is added (after type);
//   - for indicator, malware, tool, threat-actor and report, labels moves to
//     indicator_types, malware_types, tool_types, threat_actor_types and
//     report_types, except a label equal to the type's own name (ATT&CK's
//     labels ["malware"]), which carried no information and is dropped;
//   - malware gets is_family true (2.0 malware objects described families);
//   - indicator gets pattern_type "stix" (2.0 had only STIX patterns);
//   - a TLP marking definition gets its 2.1 name ("TLP:GREEN").
//
// Everything else is kept as it was, including the 2.0 observed-data
// objects dictionary, which 2.1 still allows (deprecated).
func Upgrade20(v *Value) []string {
	var changes []string
	typ, _ := v.GetString("type")
	if v.Get("spec_version") == nil {
		v.Members = append(v.Members, Member{})
		copy(v.Members[1:], v.Members[:len(v.Members)-1])
		v.Members[0] = Member{Name: "spec_version", Value: StringValue("2.1")}
		// keep "type" first when it was first
		if len(v.Members) > 1 && v.Members[1].Name == "type" {
			v.Members[0], v.Members[1] = v.Members[1], v.Members[0]
		}
		changes = append(changes, "added spec_version 2.1")
	}
	if prop, ok := typesProperty[typ]; ok && v.Get(prop) == nil {
		if labels := v.Get("labels"); labels != nil && labels.Kind == KindArray {
			var keep []Value
			dropped := 0
			for _, l := range labels.Items {
				if l.Kind == KindString && l.Str == typ {
					dropped++
					continue
				}
				keep = append(keep, l)
			}
			v.Delete("labels")
			if len(keep) > 0 {
				v.Set(prop, Value{Kind: KindArray, Items: keep})
				changes = append(changes, "moved labels to "+prop)
			} else if dropped > 0 {
				changes = append(changes, "dropped labels [\""+typ+"\"]")
			}
		}
	}
	if typ == "malware" && v.Get("is_family") == nil {
		v.Set("is_family", BoolValue(true))
		changes = append(changes, "added is_family true")
	}
	if typ == "indicator" && v.Get("pattern_type") == nil && v.Get("pattern") != nil {
		v.Set("pattern_type", StringValue("stix"))
		changes = append(changes, "added pattern_type stix")
	}
	if typ == "marking-definition" && v.Get("name") == nil {
		if id, _ := v.GetString("id"); TLPByID(id) != nil {
			v.Set("name", StringValue(TLPByID(id).Name))
			changes = append(changes, "added name "+TLPByID(id).Name)
		}
	}
	return changes
}
