package mispgalaxy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func head(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if len(b) > SniffSize {
		b = b[:SniffSize]
	}
	return b
}

func TestDetect(t *testing.T) {
	cases := []struct {
		name string
		head string
		want bool
	}{
		{"minimal cluster file", galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`"}`), true},
		{"BOM", "\xef\xbb\xbf " + galaxyJSON("country"), true},
		{"values first, cluster-like", `{"type":"threat-actor","values":[{"uuid":"` + uuidA + `","value":"A"}]}`, true},
		{"cut before values, enough members", `{"authors":["x"],"category":"actor","source":"s","type":"threat-actor","uuid":"` + uuidA + `","val`, true},
		{"cut inside the first cluster", `{"type":"threat-actor","uuid":"` + uuidA + `","values":[{"description":"a long descr`, true},

		{"empty", "", false},
		{"white space", " \n\t", false},
		{"not JSON", "APT35 targeted ...", false},
		{"empty object", "{}", false},
		{"array", `[{"value":"x"}]`, false},
		{"STIX bundle", `{"type":"bundle","id":"bundle--` + uuidA + `","objects":[{"type":"intrusion-set"`, false},
		{"STIX 2.0 bundle", `{"type":"bundle","id":"bundle--` + uuidA + `","spec_version":"2.0","objects":[]}`, false},
		{"STIX object", `{"type":"threat-actor","spec_version":"2.1","id":"threat-actor--` + uuidA + `","name":"x"}`, false},
		{"STIX-like object with values", `{"type":"x-custom","created":"2020-01-01T00:00:00Z","values":[{"value":"a"}]}`, false},
		{"MISP event", `{"Event":{"uuid":"` + uuidA + `","info":"x","Attribute":[]}}`, false},
		{"MISP event list", `{"response":[{"Event":{"uuid":"` + uuidA + `"}}]}`, false},
		{"galaxy definition", `{"description":"x","icon":"user-secret","name":"Threat Actor","namespace":"misp","type":"threat-actor","uuid":"` + uuidA + `","version":3}`, false},
		{"MISP taxonomy", `{"namespace":"estimative-language","description":"d","version":5,"predicates":[{"value":"likelihood-probability"}],"values":[{"predicate":"likelihood-probability","entry":[]}]}`, false},
		{"warning list", `{"name":"List of known IPv4 public DNS resolvers","type":"cidr","version":20240101,"description":"x","list":["8.8.8.8"]}`, false},
		{"values of strings", `{"type":"threat-actor","uuid":"` + uuidA + `","values":["a","b"]}`, false},
		{"values only", `{"values":[{"value":"A","uuid":"` + uuidA + `"}]}`, false},
		{"type not a string", `{"type":["threat-actor"],"uuid":"` + uuidA + `","values":[]}`, false},
		{"Microsoft map", "\xef\xbb\xbf[\n\t{\n\t\t\"Threat actor name\": \"Amethyst Rain\"", false},
		{"cut early", `{"authors":["x"],"category":"actor","descr`, false},
	}
	for _, c := range cases {
		if got := Detect([]byte(c.head)); got != c.want {
			t.Errorf("%s: Detect(%.80q) got %v, want %v", c.name, c.head, got, c.want)
		}
	}
}

// TestDetectTestData: every test file is detected, however its head is
// cut once "values" has begun; STIX bundles of the repository are not.
func TestDetectTestData(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, path := range files {
		h := head(t, path)
		if !Detect(h) {
			t.Errorf("Detect(%s) is false", path)
		}
		at := strings.Index(string(h), `"values"`)
		if at < 0 {
			continue
		}
		for n := 0; n <= len(h); n++ {
			got := Detect(h[:n])
			if n > at+len(`"values": [`) && !got {
				t.Errorf("%s cut at %d bytes (after values): false", path, n)
				break
			}
		}
	}
	for _, path := range []string{"../../../examples/oasis-apt1.json", "../../../examples/unit42-nobelium.json", "../msnaming/testdata/microsoft-mapping.json"} {
		h := head(t, path)
		for n := 0; n <= len(h); n++ {
			if Detect(h[:n]) {
				t.Errorf("Detect(%s cut at %d bytes) is true", path, n)
				break
			}
		}
	}
}
