package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// repositoryFiles are the files a directory of data usually carries beside
// it, which are not reports: under a directory they are skipped.
var repositoryFiles = []string{"readme", "license", "licence", "copying", "notice", "authors", "contributing", "changelog", "security"}

func isRepositoryFile(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	for _, r := range repositoryFiles {
		if base == r || strings.HasPrefix(base, r+"-") || strings.HasPrefix(base, r+"_") {
			return true
		}
	}
	return false
}

// ReportOptions say who published the reports of an ingest.
type ReportOptions struct {
	// Extractor returns the extractor that reads reports; it is called at
	// the first report, so that ingests without reports do not pay for
	// building it. Nil means reports are not read (they are then refused,
	// or skipped under a directory).
	Extractor func() (*extract.Extractor, error)
	// Publisher names the reports' author; Reliability is its Admiralty
	// reliability, A to F.
	Publisher   string
	Reliability string
	// Actor, when set, is the analyst's word that the reports' indicators
	// are an actor's where their text does not say (extract.AssertedActor).
	Actor *extract.AssertedActor
}

// ingestReport reads a report, extracts what it says and stores the STIX
// objects made from it. The objects dossier makes have no dates of their
// own: an object whose content is unchanged since the stored version keeps
// that version, so ingesting the same report twice changes nothing.
func ingestReport(ctx context.Context, tx store.Tx, src Source, r io.Reader, opt Options, usedTLP map[string]bool, rep *Report) (*SourceReport, *Skipped, error) {
	if opt.Reports.Extractor == nil {
		if src.FromDir {
			return nil, &Skipped{Name: src.Name, Reason: "a report, and report reading is not set up for this ingest"}, nil
		}
		return nil, nil, &InputError{Source: src.Name, Offset: -1, Err: errors.New("a report in prose, and report reading is not set up for this ingest")}
	}
	x, err := opt.Reports.Extractor()
	if err != nil {
		return nil, nil, fmt.Errorf("setting up report reading: %w", err)
	}
	doc, err := document.Read(r, src.Name, document.Options{})
	if err != nil {
		return nil, nil, &InputError{Source: src.Name, Offset: -1, Err: err}
	}
	now := time.Now().UTC().Truncate(time.Millisecond)
	f := x.Find(doc)
	var txMu sync.Mutex // Build looks up from several goroutines; a transaction is one's at a time
	bun, err := extract.Build(f, extract.BuildOptions{
		Publisher: opt.Reports.Publisher, Reliability: opt.Reports.Reliability, TLP: opt.TLP, Now: now, Actor: opt.Reports.Actor,
		Lookup: extract.PackLookup(func(id string) *stix.Object {
			txMu.Lock()
			rec, err := tx.Get(ctx, id)
			txMu.Unlock()
			if err != nil {
				return nil
			}
			o, err := rec.Object()
			if err != nil {
				return nil
			}
			return o
		}, x.Pack()),
	})
	if err != nil {
		return nil, nil, &InputError{Source: src.Name, Offset: -1, Err: err}
	}
	sr := &SourceReport{Source: src.Name, Format: FormatReport}
	sr.Notes = append(sr.Notes, fmt.Sprintf("read as %s: %d sentences, %d observables, %d names, %d organisations, %d claims",
		doc.Format, len(f.Sentences), len(f.Observables), len(f.Names), len(f.Orgs), len(f.Claims)))
	if a := opt.Reports.Actor; a != nil {
		sr.Notes = append(sr.Notes, fmt.Sprintf("--actor: %d indicator(s) tied to %s by the analyst %s (those the text already ties to an actor keep that claim alone)",
			bun.Asserted, a.Actor.Name, a.Analyst))
	}
	sr.Notes = append(sr.Notes, doc.Warnings...)
	sr.Notes = append(sr.Notes, bun.Warnings...) // mentions over the report's limits
	if len(bun.Missing) > 0 {
		sr.Notes = append(sr.Notes, fmt.Sprintf("%d object(s) referred to are in neither the database nor the built-in knowledge (for example %s): referred to, not stored", len(bun.Missing), bun.Missing[0]))
	}
	if err := tx.Source(ctx, src.Name); err != nil {
		return sr, nil, err
	}
	// Markings were set by Build on what it made; observables stay
	// unmarked so that every report can name the same observable.
	noTLP := opt
	noTLP.TLP = nil
	// Objects others made (ATT&CK's, from the store or the pack) are
	// stored as published when the store lacks them, never re-dated.
	var made []*stix.Object
	for _, o := range bun.Objects {
		if !bun.Referred[o.ID] {
			made = append(made, o)
			continue
		}
		if _, err := tx.Get(ctx, o.ID); errors.Is(err, store.ErrNotFound) {
			it := &stix.Item{Index: -1, Offset: -1, Value: o.Props, Raw: o.Raw}
			p, rej, _, _ := check(it, "2.1", noTLP)
			sr.Counts.Objects++
			if rej != nil {
				sr.Counts.Rejected++
				sr.Rejected = append(sr.Rejected, *rej)
				continue
			}
			if _, err := putOne(ctx, tx, p, sr); err != nil {
				return sr, nil, err
			}
		} else if err != nil {
			return sr, nil, err
		}
	}
	return sr, nil, putMade(ctx, tx, made, now, noTLP, sr, usedTLP, rep)
}
