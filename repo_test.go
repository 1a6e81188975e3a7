// Tests about the repository as a whole: every package documents itself,
// and the binary's dependencies stay few, chosen and free of cgo.
package dossier_test

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestPackageDocs fails when a package has no package doc comment. go
// list reads packages as the build does, build tags included.
func TestPackageDocs(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{if .GoFiles}}{{.ImportPath}}\t{{.Doc}}{{end}}", "./...").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	n := 0
	for line := range strings.Lines(string(out)) {
		if strings.TrimSpace(line) == "" {
			continue // a folder of tests only
		}
		path, doc, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		n++
		if strings.TrimSpace(doc) == "" {
			t.Errorf("package %s has no package doc comment", path)
		}
	}
	if n < 20 {
		t.Errorf("go list found only %d packages", n)
	}
}

// directDeps is every module dossier requires directly. A new dependency
// is a decision: add it here, with the reason, in the same change.
var directDeps = []string{
	"codeberg.org/readeck/go-readability/v2",   // main-article extraction from HTML reports (Mozilla Readability.js 0.6 port; the kept fork of go-shiori/go-readability)
	"github.com/emersion/go-message",           // MIME for internal/mail: transfer encodings, RFC 2047 words, charsets (EML, MBOX)
	"github.com/go-json-experiment/json",       // strict JSON: duplicate names, UTF-8, surrogates, offsets; RFC 8785
	"github.com/google/uuid",                   // UUID parsing and UUIDv5 for SCO ids
	"github.com/klauspost/compress",            // zstd decompression of logs given to dossier scan (the standard library has gzip only), and of the knowledge pack's whole objects and the warning lists embedded for extract (several times as fast as gzip)
	"github.com/mtibben/confusables",           // Unicode TR39 confusables, the homoglyph skeletons of internal/lookalike
	"github.com/santhosh-tekuri/jsonschema/v6", // tests only: dossier's STIX output checked against OASIS's own JSON schemas (draft 2020-12)
	"github.com/ledongthuc/pdf",                // PDF objects, streams, fonts and content operators, pure Go (the kept fork of rsc.io/pdf); text layout is dossier's own
	"github.com/yuin/goldmark",                 // CommonMark + GFM tables parser for Markdown reports, walked as an AST
	"golang.org/x/net",                         // HTML tokenizer/parser and charset sniffing for HTML reports; publicsuffix (the ICANN section decides what is a domain in report text)
	"golang.org/x/term",                        // is stderr a terminal (progress bars)
	"golang.org/x/text",                        // Unicode case folding and NFKD for name lookup; legacy text encodings (Windows-1252, UTF-16)
	"modernc.org/sqlite",                       // the embedded store, pure Go
}

func TestDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{if not .Indirect}}{{if not .Main}}{{.Path}}{{end}}{{end}}", "all").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	got := strings.Fields(string(out))
	slices.Sort(got)
	want := slices.Clone(directDeps)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("direct dependencies changed:\n got %v\nwant %v\n(update directDeps in repo_test.go with the reason)", got, want)
	}
	// No third-party package in the binary may need cgo: CGO_ENABLED=0
	// builds must work everywhere.
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if .CgoFiles}}{{if not .Standard}}{{.ImportPath}}{{end}}{{end}}", "./cmd/dossier")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err = cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	if s := strings.TrimSpace(string(out)); s != "" {
		t.Errorf("packages in the binary that use cgo: %s", s)
	}
}
