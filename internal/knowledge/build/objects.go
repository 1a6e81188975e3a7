package build

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/dossier-cti/dossier/internal/stix"
)

// objectTypes are the types of ATT&CK and DISARM objects the pack carries
// whole, exactly as published, so that a bundle dossier makes from a
// report can hold the techniques, groups and software it refers to even
// when the database has no ATT&CK: groups, techniques, software,
// campaigns, tactics, and the identities and marking definitions they
// point at.
var objectTypes = map[string]bool{
	"intrusion-set": true, "attack-pattern": true, "malware": true, "tool": true, "campaign": true,
	"x-mitre-tactic": true, "identity": true, "marking-definition": true,
}

// Objects reads the ATT&CK bundles and the DISARM bundle under dir and
// returns the objects of objectTypes, one compact JSON object per line, as
// published (white space aside), sorted by id. An id found in two bundles
// keeps the version with the latest modified; the same content twice is
// kept once.
func Objects(dir string) ([]byte, error) {
	type entry struct {
		raw      []byte
		modified string
	}
	byID := map[string]entry{}
	for _, rel := range append(append([]string(nil), AttackFiles...), DISARMFile) {
		path := filepath.Join(dir, rel)
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
		r := stix.NewReader(bufio.NewReaderSize(f, 1<<20), stix.DefaultLimits)
		for {
			it, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("build: %s: %w", rel, err)
			}
			typ, _ := it.Value.GetString("type")
			if !objectTypes[typ] {
				continue
			}
			id, _ := it.Value.GetString("id")
			mod, _ := it.Value.GetString("modified")
			if old, ok := byID[id]; ok {
				if bytes.Equal(old.raw, it.Raw) {
					continue
				}
				a, _ := stix.ParseTimestamp(old.modified)
				b, _ := stix.ParseTimestamp(mod)
				if a.Compare(b) >= 0 {
					continue
				}
			}
			byID[id] = entry{raw: it.Raw, modified: mod}
		}
		f.Close()
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b bytes.Buffer
	for _, id := range ids {
		b.Write(byID[id].raw)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}
