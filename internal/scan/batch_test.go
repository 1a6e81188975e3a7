package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/scan/index"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store/sqlite"
	"github.com/dossier-cti/dossier/internal/store/storetest"
)

// oneByOne is an attributor without Prefetch: alerts are reported as
// they are found.
type oneByOne struct{ a Attributor }

func (o oneByOne) Attribute(ctx context.Context, id string) (*Attribution, error) {
	return o.a.Attribute(ctx, id)
}

// TestBatchedAttribution: alerts of a file wait for their indicators to
// be named a batch at a time, and come out exactly as when each is named
// as it is found (standard input, or an attributor that cannot
// prefetch): the same alerts, names and order, across several batches,
// with pattern-engine alerts and unattributed indicators among them.
func TestBatchedAttribution(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, ix := batchStore(t, dir)
	var log bytes.Buffer
	for l := range 3000 {
		i := (l * 7919) % (batchN + 50) // some lines hit nothing
		fmt.Fprintf(&log, "{\"ts\":1730419200.%06d,\"id.orig_h\":\"10.0.0.1\",\"query\":\"x.bad%d.example\",\"answers\":[\"a.odd%d.example\"]}\n", l, i, i)
	}
	path := filepath.Join(dir, "dns.log")
	if err := os.WriteFile(path, log.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	scan := func(name string, attrib Attributor) string {
		var out strings.Builder
		enc := json.NewEncoder(&out)
		sc := New(ix, attrib, SprayOptions{}, func(a *Alert) error { a.Source = "log"; return enc.Encode(a) })
		in, err := events.Open(name, bytes.NewReader(log.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		defer in.Close()
		if _, err := sc.ScanInput(ctx, in, events.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := sc.Finish(ctx); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	batched := scan(path, NewStoreAttributor(db, nil))
	for _, c := range []struct {
		name   string
		attrib Attributor
	}{{"-", NewStoreAttributor(db, nil)}, {path, oneByOne{NewStoreAttributor(db, nil)}}} {
		if got := scan(c.name, c.attrib); got != batched {
			t.Errorf("%s: alerts differ from the batched ones", c.name)
		}
	}
	for _, want := range []string{`"malware":{"id":"malware--`, `"actor":{"id":"intrusion-set--`, `"how":"pattern"`, `"name":"ind 0"`} {
		if !strings.Contains(batched, want) {
			t.Errorf("no alert with %s", want)
		}
	}
	if c := strings.Count(batched, "\n"); c < 2000 {
		t.Errorf("%d alerts", c)
	}
}

// TestBatchWaitsNoLonger: a queued alert goes out once it has waited
// maxWait, at the next check of the context, not at the end of a long
// input.
func TestBatchWaitsNoLonger(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, ix := batchStore(t, dir)
	defer func(w time.Duration) { maxWait = w }(maxWait)
	maxWait = 0
	var log bytes.Buffer
	for l := range 20000 {
		q := "quiet.example"
		if l == 5 {
			q = "x.bad1.example"
		}
		fmt.Fprintf(&log, "{\"ts\":1730419200.%06d,\"uid\":\"C%d\",\"query\":\"%s\"}\n", l, l, q)
	}
	path := filepath.Join(dir, "dns.log")
	if err := os.WriteFile(path, log.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var sc *Scanner
	var at []int64
	sc = New(ix, NewStoreAttributor(db, nil), SprayOptions{}, func(a *Alert) error { at = append(at, sc.Events); return nil })
	in, err := events.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := sc.ScanInput(ctx, in, events.Options{}); err != nil {
		t.Fatal(err)
	}
	if len(at) != 1 || at[0] != checkEvery {
		t.Errorf("the alert went out after %v events, want one after %d of %d", at, checkEvery, sc.Events)
	}
}

// TestInterruptKeepsFound: when the scan is interrupted (Ctrl-C), the
// alerts already found but still waiting for their batch are named and
// reported, not dropped, and the scan says it was interrupted.
func TestInterruptKeepsFound(t *testing.T) {
	dir := t.TempDir()
	db, ix := batchStore(t, dir)
	var log bytes.Buffer
	for l := range checkEvery + 100 {
		q := "quiet.example"
		if l < 3 {
			q = []string{"x.bad1.example", "x.bad2.example", "x.bad4.example"}[l] // each named by an actor or family
		}
		fmt.Fprintf(&log, "{\"ts\":1730419200.%06d,\"uid\":\"C%d\",\"query\":\"%s\"}\n", l, l, q)
	}
	path := filepath.Join(dir, "dns.log")
	if err := os.WriteFile(path, log.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Interrupted before it starts: the scan stops at its first check
	// of the context, after checkEvery events, three of them hits.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var got []*Alert
	sc := New(ix, NewStoreAttributor(db, nil), SprayOptions{}, func(a *Alert) error { got = append(got, a); return nil })
	in, err := events.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := sc.ScanInput(ctx, in, events.Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("ScanInput: %v, want the interruption", err)
	}
	if len(got) != 3 {
		t.Fatalf("%d alerts reported after the interruption, want the 3 found", len(got))
	}
	for _, a := range got {
		if a.Malware == nil && a.Actor == nil {
			t.Errorf("alert on %s not named: %+v", a.Value, a)
		}
	}
}

const batchN = 700 // more indicators than one batch

// batchStore makes a store of batchN indicators, most indicating a
// malware family or an intrusion set, and its index.
func batchStore(t *testing.T, dir string) (*sqlite.DB, *index.Index) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "t.db"), sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	const n = batchN
	obj := func(b *stix.Builder) *stix.Object {
		return b.Str("spec_version", "2.1").Str("created", "2024-01-01T00:00:00.000Z").Str("modified", "2024-01-01T00:00:00.000Z").Object()
	}
	var objs []*stix.Object
	for m := range 5 {
		objs = append(objs, obj(stix.NewBuilder().Str("type", "malware").Str("id", fmt.Sprintf("malware--00000000-0000-4000-8000-%012d", m)).
			Str("name", fmt.Sprint("family ", m)).Bool("is_family", true)))
	}
	objs = append(objs, obj(stix.NewBuilder().Str("type", "intrusion-set").Str("id", "intrusion-set--00000000-0000-4000-8000-000000000001").Str("name", "APT Test")))
	for i := range n {
		id := fmt.Sprintf("indicator--%08d-0000-4000-8000-000000000000", i)
		pattern := fmt.Sprintf("[domain-name:value = 'bad%d.example']", i)
		if i%100 == 7 {
			pattern = fmt.Sprintf("[domain-name:value LIKE '%%.odd%d.example']", i)
		}
		objs = append(objs, obj(stix.NewBuilder().Str("type", "indicator").Str("id", id).Str("name", fmt.Sprint("ind ", i)).
			Str("pattern", pattern).Str("pattern_type", "stix").Str("valid_from", "2024-01-01T00:00:00Z")))
		if i%3 == 0 {
			continue // named by nothing
		}
		target := fmt.Sprintf("malware--00000000-0000-4000-8000-%012d", i%5)
		if i%10 == 1 {
			target = "intrusion-set--00000000-0000-4000-8000-000000000001"
		}
		objs = append(objs, obj(stix.NewBuilder().Str("type", "relationship").Str("id", fmt.Sprintf("relationship--%08d-0000-4000-8000-000000000000", i)).
			Str("relationship_type", "indicates").Str("source_ref", id).Str("target_ref", target)))
	}
	storetest.PutValid(t, db, objs...)
	ix, err := index.FromStore(ctx, db, time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return db, ix
}
