package mail

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func addSamples(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, p := range files {
		if ext := filepath.Ext(p); ext == ".eml" || ext == ".mbox" {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte("From: a@b.example\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: multipart/alternative; boundary=y\n\n--y\n\n<a href=//h.example>h</a>"))
	f.Add([]byte("From: \"=?utf-8?B?w6k=?=\" <a@b>\nAuthentication-Results: x; dkim=(((\n\n"))
}

// FuzzParse feeds Parse arbitrary bytes: it must never panic, and a
// message it returns must have its findings well formed.
func FuzzParse(f *testing.F) {
	addSamples(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(raw, Limits{MaxMessageBytes: 1 << 20, MaxParts: 50, MaxDepth: 8})
		if err != nil {
			if m != nil {
				t.Fatalf("Parse returned a message and an error %v", err)
			}
			return
		}
		for _, fd := range m.Findings {
			if fd.Check == "" || fd.Reason == "" {
				t.Fatalf("finding without check or reason: %+v", fd)
			}
		}
	})
}

// FuzzReadMBOX checks that splitting and reading an MBOX never panics and
// that message numbers only grow.
func FuzzReadMBOX(f *testing.F) {
	addSamples(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		last := 0
		for m, err := range ReadMBOX(bytes.NewReader(raw), "fuzz", Limits{MaxMessageBytes: 1 << 20, MaxParts: 50, MaxDepth: 8}) {
			idx := 0
			switch e := err.(type) {
			case nil:
				idx = m.Index
			case *MessageError:
				idx = e.Index
			default:
				t.Fatalf("unexpected error %T %v", err, err)
			}
			if idx <= last {
				t.Fatalf("message %d after %d", idx, last)
			}
			last = idx
		}
	})
}
