package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-cti/dossier/internal/store"
	"github.com/dossier-cti/dossier/internal/store/sqlite"
)

// openStore opens the database; create says whether a missing file may be
// created (only commands that write may).
func (e *env) openStore(ctx context.Context, create bool) (store.Store, error) {
	p := e.dbPath()
	db, err := sqlite.Open(ctx, p, sqlite.Options{Create: create})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &usageError{
				msg:  fmt.Sprintf("no database at %s", p),
				hint: "load data first with: dossier ingest FILE... (or choose a database with --db PATH or DOSSIER_DB)",
			}
		}
		return nil, err
	}
	return db, nil
}

// writeJSON prints v as indented JSON with a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// num formats n with thousands separators: 24,772.
func num(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// plural returns "1 object" or "2 objects".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return num(n) + " " + word + "s"
}

// wrap breaks text into lines of at most width characters, each prefixed
// with indent.
func wrap(text string, width int, indent string) string {
	var (
		b    strings.Builder
		line int
	)
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(indent)
		line = 0
		for _, w := range words {
			n := len([]rune(w))
			if line > 0 && line+1+n > width {
				b.WriteString("\n" + indent)
				line = 0
			} else if line > 0 {
				b.WriteByte(' ')
				line++
			}
			b.WriteString(w)
			line += n
		}
	}
	return b.String()
}

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// byCount returns the keys of m, largest count first, then by name.
func byCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
