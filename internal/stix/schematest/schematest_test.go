package schematest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// The checker must accept OASIS's own examples and refuse objects that
// break the schemas, or a passing check would prove nothing.
func TestSchemas(t *testing.T) {
	s := Load(t)
	examples, _ := filepath.Glob(filepath.Join(shareddata.Path(t, "stix-schemas"), "examples", "*.json"))
	if len(examples) == 0 {
		t.Fatal("no OASIS examples")
	}
	checked := 0
	for _, name := range examples {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		n, errs := s.CheckBundle(data)
		checked += n
		for _, err := range errs {
			t.Errorf("%s: %v", filepath.Base(name), err)
		}
	}
	if checked < 10 {
		t.Errorf("only %d example objects checked", checked)
	}
	const ok = `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2024-08-19T00:00:00.000Z","modified":"2024-08-19T00:00:00.000Z","pattern":"[domain-name:value = 'evil.example']","pattern_type":"stix","valid_from":"2024-08-19T00:00:00Z"}`
	if err := s.Check([]byte(ok)); err != nil {
		t.Fatalf("a valid indicator refused: %v", err)
	}
	for name, bad := range map[string]string{
		"no pattern_type":             `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2024-08-19T00:00:00.000Z","modified":"2024-08-19T00:00:00.000Z","pattern":"[domain-name:value = 'evil.example']","valid_from":"2024-08-19T00:00:00Z"}`,
		"id of another type":          `{"type":"indicator","spec_version":"2.1","id":"malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2024-08-19T00:00:00.000Z","modified":"2024-08-19T00:00:00.000Z","pattern":"[domain-name:value = 'evil.example']","pattern_type":"stix","valid_from":"2024-08-19T00:00:00Z"}`,
		"timestamp without zone":      `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2024-08-19T00:00:00","modified":"2024-08-19T00:00:00.000Z","pattern":"[domain-name:value = 'evil.example']","pattern_type":"stix","valid_from":"2024-08-19T00:00:00Z"}`,
		"relationship without target": `{"type":"relationship","spec_version":"2.1","id":"relationship--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2024-08-19T00:00:00.000Z","modified":"2024-08-19T00:00:00.000Z","relationship_type":"uses","source_ref":"intrusion-set--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}`,
	} {
		if err := s.Check([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := s.Check([]byte(`{"type":"cryptocurrency-wallet","id":"cryptocurrency-wallet--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","value":"x"}`)); err != ErrNoSchema {
		t.Errorf("a custom type: %v, want ErrNoSchema", err)
	}
}
