package build

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
)

// The columns of Microsoft's naming map.
const (
	msName   = "Threat actor name"
	msOrigin = "Origin/Threat"
	msOther  = "Other names"
)

// readMicrosoft reads Microsoft's naming map: a JSON list (after a UTF-8
// byte order mark, when there is one) of objects with the three columns,
// "Other names" one comma-separated string. Entries are sorted by name.
func readMicrosoft(dir string) ([]knowledge.MicrosoftName, error) {
	v, err := readValue(dir, MicrosoftFile)
	if err != nil {
		return nil, err
	}
	if v.Kind != stix.KindArray {
		return nil, fmt.Errorf("build: %s: want a JSON list, found a %s", MicrosoftFile, v.Kind)
	}
	var out []knowledge.MicrosoftName
	seen := map[string]bool{}
	for i := range v.Items {
		e := &v.Items[i]
		bad := func(format string, args ...any) error {
			return fmt.Errorf("build: %s: [%d]: %s", MicrosoftFile, i, fmt.Sprintf(format, args...))
		}
		if e.Kind != stix.KindObject {
			return nil, bad("want a JSON object, found a %s", e.Kind)
		}
		var cols [3]string
		for j, col := range []string{msName, msOrigin, msOther} {
			s, ok := e.GetString(col)
			if !ok {
				return nil, bad("%q missing or not a string", col)
			}
			cols[j] = strings.TrimSpace(s)
		}
		if cols[0] == "" {
			return nil, bad("%q is empty", msName)
		}
		if seen[cols[0]] {
			return nil, bad("%q appears twice", cols[0])
		}
		seen[cols[0]] = true
		out = append(out, knowledge.MicrosoftName{Name: cols[0], Origin: cols[1], Other: splitNames(cols[2], cols[0])})
	}
	slices.SortFunc(out, func(a, b knowledge.MicrosoftName) int { return cmp.Compare(a.Name, b.Name) })
	return out, nil
}

// splitNames splits a comma-separated list of names, trimmed, without
// empty items, repeats or self.
func splitNames(s, self string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" && n != self && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
