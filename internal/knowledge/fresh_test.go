package knowledge_test

import (
	"bytes"
	"testing"

	"github.com/dossier-cti/dossier/internal/embedgen"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/knowledge/build"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// TestPackIsFresh regenerates the pack in-process from ../shared/data and
// fails when the embedded one says anything else: someone changed the
// generator or the data without running go generate. It compares the
// decoded content re-encoded as JSON, whose first difference reads
// better than one in pack.bin (TestEncodeRoundTrip checks that pack.bin
// is what Encode makes of it).
func TestPackIsFresh(t *testing.T) {
	dir := shareddata.Dir(t, build.Inputs()...) // skips, naming the file, when the data is absent
	built, err := build.Build(dir)
	if err != nil {
		t.Fatalf("build.Build(%s): %v", dir, err)
	}
	want, err := build.Marshal(built)
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := knowledge.Load()
	if err != nil {
		t.Fatalf("knowledge.Load: %v", err)
	}
	got, err := build.Marshal(embedded)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the embedded pack is stale (%s); run: go generate ./internal/knowledge/", embedgen.Difference(got, want))
	}
}

// TestObjectsAreFresh regenerates the whole-objects file from the shared
// data and compares it with the embedded one, object by object.
func TestObjectsAreFresh(t *testing.T) {
	dir := shareddata.Dir(t, append(append([]string(nil), build.AttackFiles...), build.DISARMFile)...)
	want, err := build.Objects(dir)
	if err != nil {
		t.Fatal(err)
	}
	n, err := knowledge.ObjectCount()
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(want), []byte("\n"))
	if n != len(lines) {
		t.Fatalf("embedded objects: %d, regenerated: %d; run: go generate ./internal/knowledge/", n, len(lines))
	}
	for _, l := range lines {
		i := bytes.Index(l, []byte(`"id":"`))
		id := string(l[i+6 : i+6+bytes.IndexByte(l[i+6:], '"')])
		got, err := knowledge.ObjectJSON(id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, l) {
			t.Fatalf("embedded object %s is stale; run: go generate ./internal/knowledge/", id)
		}
	}
}
