package mispgalaxy

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-cti/dossier/internal/jsonin/jsonintest"
)

// FuzzConvert: no input makes Convert or Detect panic; whatever Convert
// accepts gives valid objects with distinct ids, the same way twice.
func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`","meta":{"country":"['ir', 'RU']","synonyms":"A"},"related":[{"dest-uuid":"`+uuidA+`","type":"x"}]}`)))
	f.Add([]byte(galaxyJSON("country", `{"value":"x","uuid":"`+uuidA+`","meta":{"ISO":"zz"}}`)))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Detect(data)
		res, err := Convert(bytes.NewReader(data), Options{Now: jsonintest.Now, MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		jsonintest.CheckValid(t, "fuzz", res.Objects)
		jsonintest.CheckDistinct(t, res.Objects)
		again, err := Convert(bytes.NewReader(data), Options{Now: jsonintest.Now, MaxBytes: 1 << 20})
		if err != nil || !bytes.Equal(golden(res), golden(again)) {
			t.Fatalf("a second conversion differs (%v)", err)
		}
	})
}
