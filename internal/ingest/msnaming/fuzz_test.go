package msnaming

import (
	"bytes"
	"os"
	"testing"

	"github.com/dossier-cti/dossier/internal/jsonin/jsonintest"
)

// FuzzConvert: no input makes Convert or Detect panic; whatever Convert
// accepts gives valid objects with distinct ids, the same way twice.
func FuzzConvert(f *testing.F) {
	b, err := os.ReadFile(fixture)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("[" + entryJSON("A", "Iran, Korea, Atlantis", "A, B,, B") + "," + entryJSON("A", "Russia", "C") + "]"))
	f.Add([]byte(`[{"Threat actor name":"A","Other names":["x"],"Extra":{}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect(data)
		res, err := Convert(bytes.NewReader(data), Options{Now: jsonintest.Now, MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		jsonintest.CheckValid(t, "", res.Objects)
		jsonintest.CheckDistinct(t, res.Objects)
		again, err := Convert(bytes.NewReader(data), Options{Now: jsonintest.Now, MaxBytes: 1 << 20})
		if err != nil || !bytes.Equal(golden(res), golden(again)) {
			t.Fatalf("a second conversion differs (%v)", err)
		}
	})
}
