package sqlite

import (
	"context"
	"fmt"
	"testing"

	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// BenchmarkPut measures store writes alone: new intrusion sets with names,
// aliases, references and a description, 1,000 per transaction.
func BenchmarkPut(b *testing.B) {
	ctx := context.Background()
	db := openTemp(b)
	defer db.Close()
	objs := make([]*stix.Object, 0, 1000)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		objs = objs[:0]
		for range 1000 {
			n++
			objs = append(objs, stix.NewObjectFromJSON(fmt.Sprintf(`{"type":"intrusion-set","spec_version":"2.1","id":"intrusion-set--%08x-0000-4000-8000-000000000000","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Group %d","aliases":["Alias %d","Other %d"],"created_by_ref":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"description":"A group that targets election officials with spearphishing and runs influence operations through fake news sites."}`, n, n, n, n)))
		}
		b.StartTimer()
		err := db.Update(ctx, func(tx store.Tx) error {
			for _, o := range objs {
				if _, err := tx.Put(ctx, o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/object")
}
