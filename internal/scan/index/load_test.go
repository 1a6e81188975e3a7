package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store/sqlite"
	"github.com/dossier-cti/dossier/internal/store/storetest"
)

func indicator(n int, pattern, patternType, from, until string, revoked bool) *stix.Object {
	b := stix.NewBuilder().Str("type", "indicator").Str("spec_version", "2.1").
		Str("id", fmt.Sprintf("indicator--%08d-0000-4000-8000-000000000000", n)).
		Str("created", "2024-01-01T00:00:00.000Z").Str("modified", "2024-01-01T00:00:00.000Z").
		Str("pattern", pattern).Str("pattern_type", patternType).Str("valid_from", from)
	if until != "" {
		b.Str("valid_until", until)
	}
	if revoked {
		b.Bool("revoked", true)
	}
	return b.Object()
}

// TestFromStore: only active indicators are indexed: not revoked, valid
// now, pattern type stix; complex patterns go to the engine; the index
// is stale when the store changes or an indicator starts or stops being
// valid.
func TestFromStore(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2024, 11, 1, 12, 0, 0, 0, time.UTC)
	objs := []*stix.Object{
		indicator(1, "[domain-name:value = 'active.example']", "stix", "2024-01-01T00:00:00Z", "", false),
		indicator(2, "[domain-name:value = 'revoked.example']", "stix", "2024-01-01T00:00:00Z", "", true),
		indicator(3, "[domain-name:value = 'expired.example']", "stix", "2024-01-01T00:00:00Z", "2024-06-01T00:00:00Z", false),
		indicator(4, "[domain-name:value = 'future.example']", "stix", "2024-12-01T00:00:00Z", "", false),
		indicator(5, "[domain-name:value = 'expiring.example']", "stix", "2024-01-01T00:00:00Z", "2024-11-15T00:00:00Z", false),
		indicator(6, "alert tcp any any -> any any", "snort", "2024-01-01T00:00:00Z", "", false),
		indicator(7, "[domain-name:value LIKE '%.complex.example']", "stix", "2024-01-01T00:00:00Z", "", false),
		indicator(8, "[domain-name:value = 'co.uk']", "stix", "2024-01-01T00:00:00Z", "", false),
	}
	storetest.PutValid(t, db, objs...)
	ix, err := FromStore(ctx, db, now)
	if err != nil {
		t.Fatal(err)
	}
	in := ix.Info
	if in.Indicators != 8 || in.Active != 4 || in.Rules != 2 || in.Complex != 1 || in.Refused != 1 {
		t.Errorf("info %+v", in)
	}
	for why, n := range map[string]int{"revoked": 1, "expired": 1, "not yet valid": 1, "pattern type snort": 1} {
		if in.Inactive[why] != n {
			t.Errorf("inactive %q = %d, want %d (%v)", why, in.Inactive[why], n, in.Inactive)
		}
	}
	if !in.NextChange.Equal(time.Date(2024, 11, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("next change %v", in.NextChange)
	}
	if len(in.Patterns) != 1 || !strings.Contains(in.Patterns[0].Pattern, "LIKE") {
		t.Errorf("patterns %v", in.Patterns)
	}
	m := NewMatcher(ix)
	for v, want := range map[string]int{"a.active.example": 1, "expiring.example": 1, "revoked.example": 0, "expired.example": 0, "future.example": 0, "x.co.uk": 0} {
		if got := len(m.Match(events.Domain, []byte(v))); got != want {
			t.Errorf("%s: %d hits, want %d", v, got, want)
		}
	}
	if err := ix.CheckFresh(ctx, db, now); err != nil {
		t.Errorf("fresh index: %v", err)
	}
	if err := ix.CheckFresh(ctx, db, time.Date(2024, 11, 15, 0, 0, 0, 0, time.UTC)); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "expired") {
		t.Errorf("after valid_until: %v", err)
	}
	storetest.PutValid(t, db, indicator(9, "[ipv4-addr:value = '203.0.113.1']", "stix", "2024-01-01T00:00:00Z", "", false))
	if err := ix.CheckFresh(ctx, db, now); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "changed") {
		t.Errorf("after a change: %v", err)
	}
}
