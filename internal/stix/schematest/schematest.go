// Package schematest checks STIX 2.1 objects against OASIS's own JSON
// schemas (cti-stix2-json-schemas, in ../shared/data/stix-schemas), for
// tests that want dossier's output to be what other STIX tools accept,
// not only what dossier's validator accepts.
package schematest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// ErrNoSchema is returned for an object type OASIS publishes no schema
// for: a custom object such as cryptocurrency-wallet.
var ErrNoSchema = errors.New("no OASIS schema for this type")

// Schemas are the compiled OASIS schemas, one per object type.
type Schemas struct {
	byType map[string]*jsonschema.Schema
}

var (
	loadOnce   sync.Once
	loaded     *Schemas
	loadFailed error
)

// Load returns the schemas of ../shared/data/stix-schemas, compiled once
// per test binary; the test skips when the data is absent.
func Load(tb testing.TB) *Schemas {
	tb.Helper()
	dir := filepath.Join(shareddata.Path(tb, "stix-schemas"), "schemas")
	loadOnce.Do(func() { loaded, loadFailed = compile(dir) })
	if loadFailed != nil {
		tb.Fatalf("OASIS STIX schemas: %v", loadFailed)
	}
	return loaded
}

// compile reads every schema under dir, registered under its own $id so
// that the relative $refs between them resolve, and compiles those of
// objects.
func compile(dir string) (*Schemas, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	ids := map[string]string{} // object type → schema $id
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		m, _ := doc.(map[string]any)
		id, _ := m["$id"].(string)
		if id == "" {
			return fmt.Errorf("%s: no $id", path)
		}
		if err := c.AddResource(id, doc); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		switch filepath.Base(filepath.Dir(path)) {
		case "sdos", "sros", "observables":
			ids[strings.TrimSuffix(filepath.Base(path), ".json")] = id
		case "common":
			switch name := strings.TrimSuffix(filepath.Base(path), ".json"); name {
			case "marking-definition", "extension-definition", "language-content", "bundle":
				ids[name] = id
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(ids) < 40 {
		return nil, fmt.Errorf("only %d object schemas under %s", len(ids), dir)
	}
	s := &Schemas{byType: map[string]*jsonschema.Schema{}}
	for typ, id := range ids {
		sch, err := c.Compile(id)
		if err != nil {
			return nil, fmt.Errorf("schema of %s: %w", typ, err)
		}
		s.byType[typ] = sch
	}
	return s, nil
}

// Check validates one STIX object's JSON against the schema of its type.
func (s *Schemas) Check(raw []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return errors.New("not a JSON object")
	}
	typ, _ := m["type"].(string)
	sch := s.byType[typ]
	if sch == nil {
		return ErrNoSchema
	}
	return sch.Validate(doc)
}

// CheckBundle validates every object of a bundle and returns the errors,
// each naming the object, and how many objects had a schema.
func (s *Schemas) CheckBundle(raw []byte) (checked int, errs []error) {
	var b struct {
		Objects []json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return 0, []error{err}
	}
	for _, o := range b.Objects {
		err := s.Check(o)
		if errors.Is(err, ErrNoSchema) {
			continue
		}
		checked++
		if err != nil {
			var head struct{ ID string }
			_ = json.Unmarshal(o, &head)
			errs = append(errs, fmt.Errorf("%s: %w", head.ID, err))
		}
	}
	return checked, errs
}
