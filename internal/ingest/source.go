package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Source is one input to ingest: a file, or standard input.
type Source struct {
	Name string // the path as the user gave it (or found under a directory); "-" for stdin
	Size int64  // bytes, or -1 when unknown
	open func() (io.ReadCloser, error)
	// FromDir is set for files found by walking a directory: those whose
	// content is not a format dossier reads are skipped and listed instead
	// of failing the ingest.
	FromDir bool
}

// Skipped is a file found under a directory that was not ingested.
type Skipped struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// Expand turns command-line arguments into sources: "-" is standard input
// (at most once), a directory is walked recursively in lexical order
// (hidden files and directories are left out and listed as skipped), and
// anything else is a file. A path that does not exist is an error naming it.
func Expand(args []string, stdin io.Reader) ([]Source, []Skipped, error) {
	var (
		out     []Source
		skipped []Skipped
		sawStd  bool
	)
	for _, a := range args {
		if a == "-" {
			if sawStd {
				return nil, nil, errors.New(`"-" (standard input) given twice`)
			}
			sawStd = true
			out = append(out, Source{Name: "-", Size: -1, open: func() (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", a, unwrapPathError(err))
		}
		if !fi.IsDir() {
			out = append(out, fileSource(a, fi.Size(), false))
			continue
		}
		var found []Source
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("%s: %w", p, unwrapPathError(err))
			}
			if p != a && strings.HasPrefix(d.Name(), ".") {
				skipped = append(skipped, Skipped{Name: p, Reason: "hidden"})
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() {
				skipped = append(skipped, Skipped{Name: p, Reason: "not a regular file"})
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return fmt.Errorf("%s: %w", p, unwrapPathError(err))
			}
			found = append(found, fileSource(p, info.Size(), true))
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		sort.Slice(found, func(i, j int) bool { return found[i].Name < found[j].Name })
		out = append(out, found...)
	}
	return out, skipped, nil
}

func fileSource(p string, size int64, fromDir bool) Source {
	return Source{Name: p, Size: size, FromDir: fromDir, open: func() (io.ReadCloser, error) {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		return f, nil
	}}
}

// ReaderSource returns a source reading r, for callers (tests, the server)
// that hold data in memory.
func ReaderSource(name string, r io.Reader, size int64) Source {
	return Source{Name: name, Size: size, open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Format is a kind of input that dossier reads.
type Format string

// The formats detected so far.
const (
	FormatSTIX            Format = "stix"             // STIX 2.x JSON: bundle, object, array or TAXII envelope
	FormatMISPGalaxy      Format = "misp-galaxy"      // a MISP galaxy cluster file, converted to STIX
	FormatMicrosoftNaming Format = "microsoft-naming" // Microsoft's threat-actor naming map, converted to STIX
	FormatMaltrail        Format = "maltrail"         // a Maltrail static trail file, converted to STIX
	FormatIPsum           Format = "ipsum"            // the IPsum address feed, converted to STIX
	FormatReport          Format = "report"           // a report in prose (text, Markdown, HTML, PDF): dossier extracts what it says
	FormatUnknown         Format = "unknown"          // not a format dossier reads
)

// sniffSize is how much of an input Detect looks at.
const sniffSize = 4096

// Detect tells the format of an input from its first bytes, and says why
// when it is not one dossier reads. A UTF-8 byte order mark is allowed.
// JSON is STIX (or, as the converters detect first, a MISP galaxy or
// Microsoft's map); a PDF and any text that is not JSON are reports.
func Detect(head []byte) (Format, string) {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return FormatUnknown, "empty input"
	}
	switch {
	case b[0] == '{' || b[0] == '[':
		return FormatSTIX, ""
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return FormatReport, ""
	case bytes.HasPrefix(b, []byte("\x1f\x8b")):
		return FormatUnknown, "gzip-compressed data (decompress it first, for example: zcat FILE | dossier ingest -)"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return FormatUnknown, "a ZIP archive (extract it first)"
	}
	if !looksText(b) {
		return FormatUnknown, "binary data"
	}
	return FormatReport, ""
}

func looksText(b []byte) bool {
	if len(b) > 512 {
		b = b[:512]
	}
	return !bytes.ContainsRune(b, 0)
}

// peek returns a buffered reader over rc and its first bytes.
func peek(rc io.Reader) (*bufio.Reader, []byte, error) {
	br := bufio.NewReaderSize(rc, 256<<10)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, nil, err
	}
	return br, head, nil
}
