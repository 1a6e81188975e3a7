package msnaming

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// ConvertEntry converts one entry of the map, given by its columns
// (others as the "Other names" list), with Convert's code: the identity
// "Microsoft Threat Intelligence", the entry's intrusion set, and the
// country location and originates-from relationship its origin names,
// with the ids and content converting the whole map makes for it (less
// the notes and merges that only the whole map can give). A bundle that
// must carry an actor the knowledge pack knows by its Microsoft name
// (dossier extract --json) gets it from here.
func ConvertEntry(name, origin string, others []string, opt Options) (*Result, error) {
	e := map[string]any{ColumnName: name, ColumnOrigin: origin}
	if others == nil {
		others = []string{}
	}
	e[ColumnOther] = others
	raw, err := json.Marshal([]any{e})
	if err != nil {
		return nil, fmt.Errorf("msnaming: entry %q: %w", name, err)
	}
	return Convert(bytes.NewReader(raw), opt)
}
