// Package storetest is the behaviour every store engine must have, as one
// suite of tests. Each engine's tests call RunSuite with a function that
// opens a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// Opener returns a new, empty store; the suite closes it.
type Opener func(tb testing.TB) store.Store

// RunSuite runs every behaviour test against stores made by open.
func RunSuite(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st store.Store)
	}{
		{"PutAndGet", testPutAndGet},
		{"Idempotent", testIdempotent},
		{"SameContentOtherForm", testSameContentOtherForm},
		{"Conflict", testConflict},
		{"Versions", testVersions},
		{"Revocation", testRevocation},
		{"UnversionedObjects", testUnversioned},
		{"Rollback", testRollback},
		{"LookupFolds", testLookup},
		{"Relations", testRelations},
		{"Referrers", testReferrers},
		{"Search", testSearch},
		{"Scan", testScan},
		{"Stats", testStats},
		{"Counts", testCounts},
		{"Batch", testBatch},
		{"Source", testSource},
		{"Prefetch", testPrefetch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			defer st.Close()
			tc.fn(t, st)
		})
	}
}

// obj builds an object from JSON text; the text is trusted test input.
func obj(t testing.TB, js string) *stix.Object {
	t.Helper()
	v, err := stix.DecodeValue([]byte(js), 0, stix.DefaultLimits)
	if err != nil {
		t.Fatalf("bad test object %s: %v", js, err)
	}
	return stix.NewObject(v, nil)
}

// PutValid stores objs in one transaction for another package's tests,
// after checking each is valid STIX: a fixture that the validator would
// refuse fails the test with its problems rather than testing nothing.
func PutValid(t testing.TB, st store.Store, objs ...*stix.Object) {
	t.Helper()
	for _, o := range objs {
		if p := stix.Validate(o); len(p) > 0 {
			t.Fatalf("fixture %s is not valid STIX: %v", o.ID, p)
		}
	}
	put(t, st, objs...)
}

func put(t testing.TB, st store.Store, objs ...*stix.Object) []store.PutResult {
	t.Helper()
	var res []store.PutResult
	err := st.Update(context.Background(), func(tx store.Tx) error {
		for _, o := range objs {
			r, err := tx.Put(context.Background(), o)
			if err != nil {
				return fmt.Errorf("put %s: %w", o.ID, err)
			}
			res = append(res, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// putErr puts one object and returns the error of Put (the transaction
// commits whatever else happened).
func putErr(t testing.TB, st store.Store, o *stix.Object) error {
	t.Helper()
	var putErr error
	err := st.Update(context.Background(), func(tx store.Tx) error {
		_, putErr = tx.Put(context.Background(), o)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return putErr
}

func intrusionSet(id, modified, name string, extra string) string {
	return `{"type":"intrusion-set","spec_version":"2.1","id":"` + id + `","created":"2020-01-01T00:00:00.000Z","modified":"` + modified + `","name":"` + name + `"` + extra + `}`
}

const (
	isID   = "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13"
	isID2  = "intrusion-set--4d2b4a4d-9a51-4a86-8e2c-2d8b2bf94e0e"
	isID3  = "intrusion-set--0c8ea2a1-7d5e-4a6f-9b1e-3f2d6c4b8a71"
	apID   = "attack-pattern--a62a8db3-f23a-4d8f-afd6-9dbc77e7813b"
	relID  = "relationship--0a3ead4e-6d47-4ccb-854c-a6a4f9d96b22"
	idenID = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"
)

func testPutAndGet(t *testing.T, st store.Store) {
	ctx := context.Background()
	o := obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Magic Hound", `,"aliases":["APT35","Charming Kitten"]`))
	if got := put(t, st, o); got[0] != store.Added {
		t.Fatalf("Put got %v, want added", got[0])
	}
	r, err := st.Get(ctx, isID)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != isID || r.Type != "intrusion-set" || r.Name != "Magic Hound" || r.Modified != "2021-01-01T00:00:00.000Z" {
		t.Errorf("Get got %+v", r)
	}
	if string(r.JSON) != string(o.Raw) {
		t.Errorf("Get JSON got %s, want the stored bytes %s", r.JSON, o.Raw)
	}
	if _, err := st.Get(ctx, "intrusion-set--00000000-0000-4000-8000-000000000000"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get of a missing id got %v, want ErrNotFound", err)
	}
}

func testIdempotent(t *testing.T, st store.Store) {
	ctx := context.Background()
	o := obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Magic Hound", ""))
	put(t, st, o)
	before, _ := st.Stats(ctx)
	if got := put(t, st, o); got[0] != store.Unchanged {
		t.Errorf("second Put got %v, want unchanged", got[0])
	}
	after, _ := st.Stats(ctx)
	if before.Total != after.Total || before.Versions != after.Versions {
		t.Errorf("stats changed on re-put: before %+v after %+v", before, after)
	}
}

func testSameContentOtherForm(t *testing.T, st store.Store) {
	a := obj(t, `{"type":"intrusion-set","spec_version":"2.1","id":"`+isID+`","created":"2020-01-01T00:00:00.000Z","modified":"2021-01-01T00:00:00.000Z","name":"Caf\u00e9","confidence":50}`)
	b := obj(t, `{"name":"Café","modified":"2021-01-01T00:00:00.000Z","confidence":5e1,"created":"2020-01-01T00:00:00.000Z","id":"`+isID+`","spec_version":"2.1","type":"intrusion-set"}`)
	put(t, st, a)
	if got := put(t, st, b); got[0] != store.Unchanged {
		t.Errorf("same object in another member order and number form: got %v, want unchanged", got[0])
	}
}

func testConflict(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st, obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Magic Hound", "")))
	err := putErr(t, st, obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Not Magic Hound", "")))
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("same version, other content: got %v, want ErrConflict", err)
	}
	r, _ := st.Get(ctx, isID)
	if r.Name != "Magic Hound" {
		t.Errorf("after a conflict the stored name is %q, want the first one kept", r.Name)
	}
}

func testVersions(t *testing.T, st store.Store) {
	ctx := context.Background()
	v1 := obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Old Name", ""))
	v2 := obj(t, intrusionSet(isID, "2022-01-01T00:00:00.5Z", "New Name", ""))
	v0 := obj(t, intrusionSet(isID, "2020-06-01T00:00:00Z", "Oldest Name", ""))
	if got := put(t, st, v1, v2, v0); !slices.Equal(got, []store.PutResult{store.Added, store.NewVersion, store.OlderVersion}) {
		t.Fatalf("Put results got %v, want [added new version older version]", got)
	}
	r, err := st.Get(ctx, isID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "New Name" || r.Modified != "2022-01-01T00:00:00.5Z" {
		t.Errorf("latest got %q %q, want New Name at 2022-01-01T00:00:00.5Z (precision as written)", r.Name, r.Modified)
	}
	vs, err := st.Versions(ctx, isID)
	if err != nil {
		t.Fatal(err)
	}
	var mods []string
	for _, v := range vs {
		mods = append(mods, v.Modified)
	}
	want := []string{"2020-06-01T00:00:00Z", "2021-01-01T00:00:00.000Z", "2022-01-01T00:00:00.5Z"}
	if !slices.Equal(mods, want) {
		t.Errorf("Versions got %v, want %v (oldest first)", mods, want)
	}
	if ms, _ := st.Lookup(ctx, "old name"); len(ms) != 0 {
		t.Errorf("Lookup of a superseded name got %v, want nothing (only latest versions are indexed)", ms)
	}
	if ms, _ := st.Lookup(ctx, "new name"); len(ms) != 1 {
		t.Errorf("Lookup of the latest name got %v, want one match", ms)
	}
	s, _ := st.Stats(ctx)
	if s.Total != 1 || s.Versions != 3 {
		t.Errorf("Stats got total %d versions %d, want 1 and 3", s.Total, s.Versions)
	}
}

func testRevocation(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st,
		obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Charming Kitten", "")),
		obj(t, intrusionSet(isID, "2022-01-01T00:00:00.000Z", "Charming Kitten", `,"revoked":true`)),
		obj(t, intrusionSet(isID2, "2022-01-01T00:00:00.000Z", "Magic Hound", `,"aliases":["Charming Kitten"]`)),
	)
	r, _ := st.Get(ctx, isID)
	if !r.Revoked {
		t.Errorf("latest version is revoked, Get got Revoked=false")
	}
	err := putErr(t, st, obj(t, intrusionSet(isID, "2023-01-01T00:00:00.000Z", "Charming Kitten", "")))
	if !errors.Is(err, store.ErrRevoked) {
		t.Errorf("a version after a revocation: got %v, want ErrRevoked", err)
	}
	// An older version is history, not a new version, and is accepted.
	if err := putErr(t, st, obj(t, intrusionSet(isID, "2020-01-01T00:00:00.000Z", "Charming Kitten", ""))); err != nil {
		t.Errorf("an older version of a revoked object: got %v, want it kept as history", err)
	}
	ms, err := st.Lookup(ctx, "charming kitten")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].ID != isID2 || !ms[1].Revoked {
		t.Errorf("Lookup got %+v, want the live alias first and the revoked name last", ms)
	}
	hits, _ := st.Search(ctx, store.Query{Text: "kitten"})
	for _, h := range hits {
		if h.Revoked {
			t.Errorf("Search returned revoked %s without Revoked set", h.ID)
		}
	}
	hits, _ = st.Search(ctx, store.Query{Text: "kitten", Revoked: true})
	if len(hits) != 2 {
		t.Errorf("Search with Revoked got %d hits, want 2", len(hits))
	}
}

func testUnversioned(t *testing.T, st store.Store) {
	d := obj(t, `{"type":"domain-name","spec_version":"2.1","id":"domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5","value":"example.com"}`)
	if got := put(t, st, d); got[0] != store.Added {
		t.Fatalf("got %v, want added", got[0])
	}
	if got := put(t, st, d); got[0] != store.Unchanged {
		t.Errorf("re-put of an SCO got %v, want unchanged", got[0])
	}
	d2 := obj(t, `{"type":"domain-name","spec_version":"2.1","id":"domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5","value":"example.com","x_note":"other"}`)
	if err := putErr(t, st, d2); !errors.Is(err, store.ErrConflict) {
		t.Errorf("an SCO with the same id and other content: got %v, want ErrConflict", err)
	}
	ms, _ := st.Lookup(context.Background(), "EXAMPLE.com")
	if len(ms) != 1 || ms[0].Kind != stix.NameValue {
		t.Errorf("Lookup by SCO value got %+v, want one value match", ms)
	}
}

func testRollback(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st, obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Magic Hound", "")))
	boom := errors.New("boom")
	err := st.Update(ctx, func(tx store.Tx) error {
		if _, err := tx.Put(ctx, obj(t, intrusionSet(isID2, "2021-01-01T00:00:00.000Z", "APT42", ""))); err != nil {
			return err
		}
		if _, err := tx.Put(ctx, obj(t, intrusionSet(isID, "2024-01-01T00:00:00.000Z", "Mint Sandstorm", ""))); err != nil {
			return err
		}
		// The transaction sees its own writes.
		if r, err := tx.Get(ctx, isID); err != nil || r.Name != "Mint Sandstorm" {
			t.Errorf("tx.Get inside the transaction got %v %v, want the new version", r, err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update got %v, want the function's error", err)
	}
	if _, err := st.Get(ctx, isID2); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("object added in a failed transaction is visible: %v", err)
	}
	r, _ := st.Get(ctx, isID)
	if r.Name != "Magic Hound" {
		t.Errorf("version added in a failed transaction is visible: %q", r.Name)
	}
	s, _ := st.Stats(ctx)
	if s.Total != 1 || s.Versions != 1 {
		t.Errorf("after rollback stats %+v, want 1 object 1 version", s)
	}
	if ms, _ := st.Lookup(ctx, "APT42"); len(ms) != 0 {
		t.Errorf("name index kept rows of a failed transaction: %v", ms)
	}
}

func testLookup(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st, obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Mînt  Sandstorm",
		`,"aliases":["PHOSPHORUS"],"external_references":[{"source_name":"mitre-attack","external_id":"G0059","url":"https://attack.mitre.org/groups/G0059"}]`)))
	cases := []struct {
		q    string
		kind stix.NameKind
	}{
		{"Mînt  Sandstorm", stix.NameName},
		{"mint sandstorm", stix.NameName},
		{"MINT SANDSTORM", stix.NameName},
		{"  mint\tsandstorm ", stix.NameName},
		{"phosphorus", stix.NameAlias},
		{"g0059", stix.NameExternalID},
	}
	for _, c := range cases {
		ms, err := st.Lookup(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].ID != isID || ms[0].Kind != c.kind {
			t.Errorf("Lookup(%q) got %+v, want %s as %s", c.q, ms, isID, c.kind)
		}
	}
	if ms, _ := st.Lookup(ctx, "mint"); len(ms) != 0 {
		t.Errorf("Lookup of a partial name got %v, want nothing", ms)
	}
}

func relationship(id, typ, src, dst string) string {
	return `{"type":"relationship","spec_version":"2.1","id":"` + id + `","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","relationship_type":"` + typ + `","source_ref":"` + src + `","target_ref":"` + dst + `"}`
}

func testRelations(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st,
		obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Magic Hound", "")),
		obj(t, `{"type":"attack-pattern","spec_version":"2.1","id":"`+apID+`","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Phishing"}`),
		obj(t, relationship(relID, "uses", isID, apID)),
	)
	for _, id := range []string{isID, apID} {
		rs, err := st.Relations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].ID != relID || rs[0].Type != "uses" || rs[0].SourceID != isID || rs[0].TargetID != apID {
			t.Errorf("Relations(%s) got %+v, want the uses relationship", id, rs)
		}
	}
	// A new version of the relationship moves its ends.
	put(t, st, obj(t, strings.Replace(relationship(relID, "uses", isID2, apID), `"modified":"2020-01-01T00:00:00.000Z"`, `"modified":"2021-01-01T00:00:00.000Z"`, 1)))
	if rs, _ := st.Relations(ctx, isID); len(rs) != 0 {
		t.Errorf("Relations of the old source after a new version got %+v, want none", rs)
	}
	if rs, _ := st.Relations(ctx, isID2); len(rs) != 1 {
		t.Errorf("Relations of the new source got %+v, want one", rs)
	}
	// RelationsFrom (an OutgoingReader's, when the store is one) is
	// Relations' outgoing part, in the same order.
	put(t, st,
		obj(t, relationship("relationship--6a1f0c33-1b1e-4a4e-9a55-2f9d1c0d7e01", "attributed-to", isID, isID2)),
		obj(t, relationship("relationship--6a1f0c33-1b1e-4a4e-9a55-2f9d1c0d7e02", "uses", isID2, isID)),
		obj(t, relationship("relationship--6a1f0c33-1b1e-4a4e-9a55-2f9d1c0d7e03", "targets", isID, apID)),
	)
	for _, id := range []string{isID, isID2, apID} {
		all, err := st.Relations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var want []store.Relation
		for _, r := range all {
			if r.SourceID == id {
				want = append(want, r)
			}
		}
		got, err := store.RelationsFrom(ctx, st, id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("RelationsFrom(%s) got %+v, want %+v", id, got, want)
		}
	}
}

func testReferrers(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st, obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Magic Hound",
		`,"created_by_ref":"`+idenID+`","object_marking_refs":["`+stix.TLP2Green.ID+`"]`)))
	rs, err := st.Referrers(ctx, idenID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].FromID != isID || rs[0].Prop != "created_by_ref" {
		t.Errorf("Referrers(identity) got %+v", rs)
	}
	rs, _ = st.Referrers(ctx, stix.TLP2Green.ID)
	if len(rs) != 1 || rs[0].Prop != "object_marking_refs" {
		t.Errorf("Referrers(TLP:GREEN) got %+v", rs)
	}
}

func testSearch(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st,
		obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "Magic Hound", `,"aliases":["Charming Kitten"],"description":"An Iranian group that ran spearphishing against campaign staff."`)),
		obj(t, `{"type":"attack-pattern","spec_version":"2.1","id":"`+apID+`","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Spearphishing Link","description":"Adversaries may send spearphishing emails with a malicious link."}`),
		obj(t, relationship(relID, "uses", isID, apID)),
	)
	cases := []struct {
		name  string
		q     store.Query
		want  []string
		error bool
	}{
		{"word in name and description", store.Query{Text: "spearphishing"}, []string{apID, isID}, false},
		{"stemming", store.Query{Text: "phishes"}, nil, false},
		{"case and accents", store.Query{Text: "IRÁNIAN"}, []string{isID}, false},
		{"alias", store.Query{Text: "kitten"}, []string{isID}, false},
		{"all words must match", store.Query{Text: "iranian link"}, nil, false},
		{"prefix", store.Query{Text: "spear*"}, []string{apID, isID}, false},
		{"phrase", store.Query{Text: `"malicious link"`}, []string{apID}, false},
		{"type filter", store.Query{Text: "spearphishing", Types: []string{"intrusion-set"}}, []string{isID}, false},
		{"limit", store.Query{Text: "spearphishing", Limit: 1}, []string{apID}, false},
		{"FTS syntax is not interpreted", store.Query{Text: `NEAR( AND "`}, nil, true},
		{"operators are words", store.Query{Text: "group OR link"}, nil, false},
		{"no words", store.Query{Text: "  *  "}, nil, true},
	}
	for _, c := range cases {
		hits, err := st.Search(ctx, c.q)
		if c.error {
			var qe *store.QueryError
			if !errors.As(err, &qe) {
				t.Errorf("%s: Search(%q) got %v, want a QueryError", c.name, c.q.Text, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: Search(%q): %v", c.name, c.q.Text, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.ID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: Search(%q) got %v, want %v", c.name, c.q.Text, got, c.want)
		}
	}
	put(t, st, obj(t, `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","pattern":"[domain-name:value = 'vote-count.example']","pattern_type":"stix","valid_from":"2020-01-01T00:00:00Z"}`))
	if hits, _ := st.Search(ctx, store.Query{Text: "vote-count.example"}); len(hits) != 1 || !strings.Contains(hits[0].Snippet, "«vote-count.example»") {
		t.Errorf("an indicator is not found by the domain in its pattern: %+v", hits)
	}
	hits, _ := st.Search(ctx, store.Query{Text: "campaign staff"})
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, "«campaign»") || hits[0].Name != "Magic Hound" {
		t.Errorf("snippet got %+v, want the matched words marked", hits)
	}
}

func testScan(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st,
		obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "A", "")),
		obj(t, intrusionSet(isID, "2023-01-01T00:00:00.000Z", "A2", "")),
		obj(t, `{"type":"attack-pattern","spec_version":"2.1","id":"`+apID+`","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"B"}`),
		obj(t, `{"type":"domain-name","spec_version":"2.1","id":"domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5","value":"example.com"}`),
	)
	scan := func(f store.Filter) []string {
		var out []string
		if err := st.Scan(ctx, f, func(r *store.Record) error {
			out = append(out, r.Name+"@"+r.Modified)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	cases := []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"latest", store.Filter{}, []string{"A2@2023-01-01T00:00:00.000Z", "B@2020-01-01T00:00:00.000Z", "@"}},
		{"all versions", store.Filter{AllVersions: true}, []string{"A@2021-01-01T00:00:00.000Z", "A2@2023-01-01T00:00:00.000Z", "B@2020-01-01T00:00:00.000Z", "@"}},
		{"types", store.Filter{Types: []string{"attack-pattern", "domain-name"}}, []string{"B@2020-01-01T00:00:00.000Z", "@"}},
		{"since", store.Filter{Since: "2022-01-01T00:00:00Z"}, []string{"A2@2023-01-01T00:00:00.000Z", "@"}},
	}
	for _, c := range cases {
		if got := scan(c.f); !slices.Equal(got, c.want) {
			t.Errorf("Scan %s got %v, want %v", c.name, got, c.want)
		}
	}
	stop := errors.New("stop")
	n := 0
	err := st.Scan(ctx, store.Filter{}, func(*store.Record) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Scan did not stop at the callback's error: err %v after %d calls", err, n)
	}
}

func testStats(t *testing.T, st store.Store) {
	ctx := context.Background()
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Total != 0 || len(s.Types) != 0 {
		t.Errorf("empty store stats %+v", s)
	}
	put(t, st,
		obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "A", `,"revoked":true`)),
		obj(t, intrusionSet(isID2, "2021-01-01T00:00:00.000Z", "B", "")),
		obj(t, relationship(relID, "uses", isID, apID)),
	)
	s, _ = st.Stats(ctx)
	if s.Total != 3 || s.Types["intrusion-set"] != 2 || s.Types["relationship"] != 1 || s.Revoked != 1 {
		t.Errorf("Stats got %+v, want 3 objects (2 intrusion-set, 1 relationship), 1 revoked", s)
	}
}

// testCounts holds store.Counts (a Counter's, when the store is one) to
// Stats' Total and Versions through new objects, new versions, repeated
// puts, revocations and a rolled-back update.
func testCounts(t *testing.T, st store.Store) {
	ctx := context.Background()
	check := func(when string) {
		t.Helper()
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		objects, versions, err := store.Counts(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		if objects != s.Total || versions != s.Versions {
			t.Errorf("%s: Counts says %d objects and %d versions, Stats %d and %d", when, objects, versions, s.Total, s.Versions)
		}
	}
	check("empty")
	put(t, st, obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "A", "")))
	check("one object")
	put(t, st,
		obj(t, intrusionSet(isID, "2021-02-01T00:00:00.000Z", "A", "")),
		obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "A", "")),
		obj(t, intrusionSet(isID2, "2021-01-01T00:00:00.000Z", "B", "")),
		obj(t, relationship(relID, "uses", isID, apID)),
	)
	check("a second version, a repeated put and two new objects")
	failed := errors.New("roll back")
	err := st.Update(ctx, func(tx store.Tx) error {
		for _, o := range []*stix.Object{
			obj(t, intrusionSet(isID, "2021-03-01T00:00:00.000Z", "A", "")),
			obj(t, intrusionSet(isID3, "2021-01-01T00:00:00.000Z", "C", "")),
		} {
			if _, err := tx.Put(ctx, o); err != nil {
				return err
			}
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("Update: %v", err)
	}
	check("a rolled-back update")
	put(t, st,
		obj(t, intrusionSet(isID2, "2021-04-01T00:00:00.000Z", "B", `,"revoked":true`)),
		obj(t, intrusionSet(isID3, "2021-01-01T00:00:00.000Z", "C", "")),
	)
	check("a revocation and an object after the rollback")
}

// testBatch holds a BatchReader's GetMany and RelationsFromMany to Get
// and RelationsFrom, over more ids than one query asks for, stored and
// not, repeated, with second versions and revoked ones.
func testBatch(t *testing.T, st store.Store) {
	ctx := context.Background()
	b, ok := st.(store.BatchReader)
	if !ok {
		t.Skip("not a BatchReader")
	}
	var objs []*stix.Object
	var ids []string
	for i := range 150 {
		id := fmt.Sprintf("intrusion-set--00000000-0000-4000-8000-%012d", i)
		ids = append(ids, id)
		if i%3 == 2 {
			continue // not stored
		}
		objs = append(objs, obj(t, intrusionSet(id, "2021-01-01T00:00:00.000Z", fmt.Sprint("Set ", i), "")))
		if i%5 == 0 {
			objs = append(objs, obj(t, intrusionSet(id, "2021-02-01T00:00:00.000Z", fmt.Sprint("Set ", i, " later"), `,"revoked":true`)))
		}
		for j := range i % 4 {
			to := fmt.Sprintf("intrusion-set--00000000-0000-4000-8000-%012d", (i+j+1)%150)
			objs = append(objs, obj(t, relationship(fmt.Sprintf("relationship--00000000-0000-4000-8000-%06d%06d", i, j), "uses", id, to)))
		}
	}
	put(t, st, objs...)
	ids = append(ids, ids[7], ids[0], "intrusion-set--ffffffff-0000-4000-8000-000000000000")
	recs, err := b.GetMany(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	rels, err := b.RelationsFromMany(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, id := range ids {
		want, err := st.Get(ctx, id)
		switch got, ok := recs[id]; {
		case errors.Is(err, store.ErrNotFound):
			if ok {
				t.Errorf("GetMany has %s, which Get does not find", id)
			}
		case err != nil:
			t.Fatal(err)
		case !ok:
			t.Errorf("GetMany lacks %s", id)
		case fmt.Sprintf("%+v", *got) != fmt.Sprintf("%+v", *want):
			t.Errorf("GetMany(%s) = %+v, Get %+v", id, *got, *want)
		default:
			stored++
		}
		wantRels, err := store.RelationsFrom(ctx, st, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := rels[id]; !slices.Equal(got, wantRels) {
			t.Errorf("RelationsFromMany(%s) = %+v, RelationsFrom %+v", id, got, wantRels)
		}
	}
	if stored != 102 || len(recs) != 100 {
		t.Errorf("%d of the ids found, %d records, want 102 (two repeated) and 100", stored, len(recs))
	}
}

func testSource(t *testing.T, st store.Store) {
	ctx := context.Background()
	err := st.Update(ctx, func(tx store.Tx) error {
		if err := tx.Source(ctx, "reports/apt.json"); err != nil {
			return err
		}
		_, err := tx.Put(ctx, obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "A", "")))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := st.Get(ctx, isID)
	if r.Source != "reports/apt.json" || r.Stored.IsZero() {
		t.Errorf("Get got source %q stored %v, want reports/apt.json and a time", r.Source, r.Stored)
	}
}

// testPrefetch checks that Put gives the same answers when Prefetch has
// looked the ids up beforehand, including ids that the same batch writes
// several times.
func testPrefetch(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st, obj(t, intrusionSet(isID2, "2021-01-01T00:00:00.000Z", "Stored Before", "")))
	v1 := obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "A", ""))
	v1other := obj(t, intrusionSet(isID, "2021-01-01T00:00:00.000Z", "A but different", ""))
	v2 := obj(t, intrusionSet(isID, "2022-01-01T00:00:00.000Z", "A2", ""))
	v3revoked := obj(t, intrusionSet(isID, "2023-01-01T00:00:00.000Z", "A2", `,"revoked":true`))
	v4 := obj(t, intrusionSet(isID, "2024-01-01T00:00:00.000Z", "A4", ""))
	old := obj(t, intrusionSet(isID2, "2021-01-01T00:00:00.000Z", "Stored Before", ""))
	newer := obj(t, intrusionSet(isID2, "2022-01-01T00:00:00.000Z", "Stored After", ""))
	steps := []struct {
		o    *stix.Object
		want store.PutResult
		err  error
	}{
		{v1, store.Added, nil},
		{v1, store.Unchanged, nil},
		{v1other, 0, store.ErrConflict},
		{v2, store.NewVersion, nil},
		{v1, store.Unchanged, nil},
		{v3revoked, store.NewVersion, nil},
		{v4, 0, store.ErrRevoked},
		{old, store.Unchanged, nil},
		{newer, store.NewVersion, nil},
	}
	err := st.Update(ctx, func(tx store.Tx) error {
		if err := tx.Prefetch(ctx, []string{isID, isID2, isID, apID}); err != nil {
			return err
		}
		for i, s := range steps {
			got, err := tx.Put(ctx, s.o)
			if s.err != nil {
				if !errors.Is(err, s.err) {
					t.Errorf("step %d: got %v, want %v", i, err, s.err)
				}
				continue
			}
			if err != nil || got != s.want {
				t.Errorf("step %d: got %v %v, want %v", i, got, err, s.want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := st.Get(ctx, isID)
	if !r.Revoked || r.Modified != "2023-01-01T00:00:00.000Z" {
		t.Errorf("latest of %s: %+v", isID, r)
	}
	r, _ = st.Get(ctx, isID2)
	if r.Name != "Stored After" {
		t.Errorf("latest of %s: %q", isID2, r.Name)
	}
}
