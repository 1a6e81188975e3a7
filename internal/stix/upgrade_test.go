package stix

import (
	"slices"
	"testing"
)

func TestUpgrade20(t *testing.T) {
	cases := []struct {
		name    string
		in      string
		want    string
		changes []string
	}{
		{
			"ATT&CK malware: type label dropped, is_family added",
			`{"type":"malware","id":"malware--a","created":"2017-05-31T21:32:11.544Z","modified":"2017-05-31T21:32:11.544Z","name":"X","labels":["malware"]}`,
			`{"type":"malware","spec_version":"2.1","id":"malware--a","created":"2017-05-31T21:32:11.544Z","modified":"2017-05-31T21:32:11.544Z","name":"X","is_family":true}`,
			[]string{"added spec_version 2.1", `dropped labels ["malware"]`, "added is_family true"},
		},
		{
			"indicator: labels become indicator_types, pattern_type added",
			`{"type":"indicator","id":"indicator--a","created":"2017-05-31T21:32:11.544Z","modified":"2017-05-31T21:32:11.544Z","labels":["malicious-activity"],"pattern":"[ipv4-addr:value = '198.51.100.1']","valid_from":"2017-05-31T21:32:11.544Z"}`,
			`{"type":"indicator","spec_version":"2.1","id":"indicator--a","created":"2017-05-31T21:32:11.544Z","modified":"2017-05-31T21:32:11.544Z","pattern":"[ipv4-addr:value = '198.51.100.1']","valid_from":"2017-05-31T21:32:11.544Z","indicator_types":["malicious-activity"],"pattern_type":"stix"}`,
			[]string{"added spec_version 2.1", "moved labels to indicator_types", "added pattern_type stix"},
		},
		{
			"identity keeps its labels",
			`{"type":"identity","id":"identity--a","created":"2017-05-31T21:32:11.544Z","modified":"2017-05-31T21:32:11.544Z","name":"X","identity_class":"organization","labels":["media"]}`,
			`{"type":"identity","spec_version":"2.1","id":"identity--a","created":"2017-05-31T21:32:11.544Z","modified":"2017-05-31T21:32:11.544Z","name":"X","identity_class":"organization","labels":["media"]}`,
			[]string{"added spec_version 2.1"},
		},
		{
			"TLP marking gets its name",
			`{"type":"marking-definition","id":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"amber"}}`,
			`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"amber"},"name":"TLP:AMBER"}`,
			[]string{"added spec_version 2.1", "added name TLP:AMBER"},
		},
	}
	for _, c := range cases {
		v, err := DecodeValue([]byte(c.in), 0, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		changes := Upgrade20(&v)
		if got := v.String(); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
		if !slices.Equal(changes, c.changes) {
			t.Errorf("%s: changes %q, want %q", c.name, changes, c.changes)
		}
	}
}
