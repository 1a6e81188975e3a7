package stix

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// TestDerivedIDIsUUIDv5 checks DerivedID against the uuid package's
// UUIDv5, on short, empty, non-ASCII and long keys (past the stack buffer).
func TestDerivedIDIsUUIDv5(t *testing.T) {
	for _, key := range []string{
		"", "a", "misp-galaxy-cluster:7cdff317-a673-4474-84ec-4f1754947823", "microsoft-naming:Mint Sandstorm",
		"dossier-analyst:Zoë", strings.Repeat("x", 239), strings.Repeat("y", 240), strings.Repeat("z", 241), strings.Repeat("long key ", 100),
	} {
		want := "intrusion-set--" + uuid.NewSHA1(DossierNamespace, []byte(key)).String()
		if got := DerivedID("intrusion-set", key); got != want {
			t.Errorf("DerivedID(%.20q) got %s, want %s", key, got, want)
		}
	}
}

func BenchmarkDerivedID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		DerivedID("intrusion-set", "misp-galaxy-cluster:7cdff317-a673-4474-84ec-4f1754947823")
	}
}
