package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"

	"github.com/dossier-cti/dossier/internal/store"
	"github.com/dossier-cti/dossier/internal/store/storetest"
)

func openTemp(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"), Options{Create: true})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

func TestSuite(t *testing.T) {
	storetest.RunSuite(t, func(tb testing.TB) store.Store { return openTemp(tb) })
}

func TestOpenMissingWithoutCreate(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "none.db"), Options{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open of a missing file without Create got %v, want fs.ErrNotExist", err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := Open(context.Background(), path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.Exec(`INSERT INTO schema_version (version) VALUES (999)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(context.Background(), path, Options{}); !errors.Is(err, store.ErrSchema) {
		t.Fatalf("Open of a database from a newer program got %v, want ErrSchema", err)
	}
}

// TestTwoHandles opens the same file twice, as a running server and the
// CLI do: reads go on while the other handle writes, and a second writer
// waits for the first instead of failing.
func TestTwoHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	server, err := Open(ctx, path, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	cli, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()

	obj := func(id, name string) *stix.Object {
		return stix.NewObjectFromJSON(`{"type":"intrusion-set","spec_version":"2.1","id":"` + id + `","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"` + name + `"}`)
	}
	inTx := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- server.Update(ctx, func(tx store.Tx) error {
			if _, err := tx.Put(ctx, obj("intrusion-set--11111111-1111-4111-8111-111111111111", "Server")); err != nil {
				return err
			}
			close(inTx)
			<-release
			return nil
		})
	}()
	<-inTx
	// The CLI reads while the server's write transaction is open.
	s, err := cli.Stats(ctx)
	if err != nil {
		t.Fatalf("read during another handle's write: %v", err)
	}
	if s.Total != 0 {
		t.Errorf("read saw uncommitted data: %+v", s)
	}
	// The CLI's write waits for the server's and then succeeds.
	cliDone := make(chan error, 1)
	go func() {
		cliDone <- cli.Update(ctx, func(tx store.Tx) error {
			_, err := tx.Put(ctx, obj("intrusion-set--22222222-2222-4222-8222-222222222222", "CLI"))
			return err
		})
	}()
	time.Sleep(50 * time.Millisecond)
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("server write: %v", err)
	}
	if err := <-cliDone; err != nil {
		t.Fatalf("CLI write while the server wrote: %v", err)
	}
	s, _ = server.Stats(ctx)
	if s.Total != 2 {
		t.Errorf("after both writes the server sees %d objects, want 2", s.Total)
	}
}
