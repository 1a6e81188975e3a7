package extract_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/knowledge"
)

// expectation is a hand-written answer for one corpus text; see
// testdata/corpus/README.md for the rules it was labelled by.
type expectation struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
	// HeldOut marks a text labelled by reading only and scored apart:
	// its figures measure how the extractor does on reports it was not
	// tuned on (see the corpus README).
	HeldOut    bool     `json:"held_out"`
	Indicators []kv     `json:"indicators"`
	Benign     []kv     `json:"benign"`
	Not        []string `json:"not"`
	Actors     []string `json:"actors"`
	Claims     []struct {
		Kind  string `json:"kind"`
		Quote string `json:"quote"`
	} `json:"claims"`
}

type kv struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// key normalises a value for comparison: links are compared without
// their scheme, since the labels keep links as written.
func (v kv) key() string {
	val := v.Value
	if v.Kind == "url" || v.Kind == "social" {
		val = strings.TrimPrefix(strings.TrimPrefix(val, "https://"), "http://")
		val = strings.TrimSuffix(val, "/")
	}
	return v.Kind + " " + val
}

// score counts matches between what was found and what was expected.
type score struct{ tp, fp, fn int }

func (s *score) add(o score) { s.tp += o.tp; s.fp += o.fp; s.fn += o.fn }

func (s score) p() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) r() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

func (s score) f1() float64 {
	p, r := s.p(), s.r()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (s score) String() string {
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", s.p(), s.r(), s.f1(), s.tp, s.fp, s.fn)
}

// compare scores found against want and returns the misses both ways.
func compare(found, want map[string]bool) (s score, extra, missed []string) {
	for k := range found {
		if want[k] {
			s.tp++
		} else {
			s.fp++
			extra = append(extra, k)
		}
	}
	for k := range want {
		if !found[k] {
			s.fn++
			missed = append(missed, k)
		}
	}
	sort.Strings(extra)
	sort.Strings(missed)
	return
}

func newExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	pack, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	g, err := actors.Load(t.Context(), nil, pack)
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(names.New(g, pack), pack)
}

// readDoc reads the report at path as dossier reads it, failing the
// test when it cannot.
func readDoc(t testing.TB, path string) *document.Document {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	doc, err := document.Read(fh, path, document.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// TestCorpus runs extraction over real reports and written texts with
// hand-labelled answers and fails when precision or recall of a kind
// falls below its floor. Run with -v for the figures and the misses.
func TestCorpus(t *testing.T) {
	x := newExtractor(t)
	tuned, held := scoreCorpus(t, x, "testdata/corpus", 12, true)
	tuned.check(t, "tuned", tunedFloors)
	held.check(t, "held-out", heldOutFloors)
}

// TestBlindHeldOut scores the texts of testdata/heldout, labelled by
// reading only and never shown to anyone tuning the rules: it prints the
// totals alone, never which value was missed, so that the figures stay a
// measure of reports the extractor has not seen.
func TestBlindHeldOut(t *testing.T) {
	x := newExtractor(t)
	_, blind := scoreCorpus(t, x, "testdata/heldout", 5, false)
	blind.check(t, "blind held-out", blindFloors)
}

// showHeldOut prints the held-out texts' misses and extras as well. They
// are for judging a change once it is made: rules written from them are
// tuned on the held-out texts, whose scores then say nothing (stop 33's
// sector lists came from one such line, when they were printed by
// default).
var showHeldOut = flag.Bool("corpus.heldout", false, "print the held-out texts' misses and extras too (to judge a change, never to write one)")

// corpusScores are the scores of a set of labelled texts.
type corpusScores struct{ ind, obs, act, cl, clReal score }

// scoreCorpus scores every labelled text of dir, split into the texts the
// rules were developed on and the held-out ones. With details it logs
// each text's misses.
func scoreCorpus(t *testing.T, x *extract.Extractor, dir string, atLeast int, details bool) (tuned, held corpusScores) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.expect.json"))
	if err != nil || len(files) < atLeast {
		t.Fatalf("%s: %d answer files, want at least %d (%v)", dir, len(files), atLeast, err)
	}
	for _, ef := range files {
		base := strings.TrimSuffix(filepath.Base(ef), ".expect.json")
		texts, _ := filepath.Glob(filepath.Join(dir, base+".*"))
		var textFile string
		for _, f := range texts {
			if !strings.HasSuffix(f, ".expect.json") {
				textFile = f
			}
		}
		var want expectation
		raw, err := os.ReadFile(ef)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%s: %v", ef, err)
		}
		f := x.Find(readDoc(t, textFile))

		// Indicators: the suspicious observables; observables: all of them,
		// benign ones included.
		foundInd, foundAll := map[string]bool{}, map[string]bool{}
		for _, o := range f.Observables {
			k := kv{o.Kind, o.Value}.key()
			foundAll[k] = true
			if o.Benign == "" {
				foundInd[k] = true
			}
		}
		wantInd, wantAll := map[string]bool{}, map[string]bool{}
		for _, v := range want.Indicators {
			wantInd[v.key()] = true
			wantAll[v.key()] = true
		}
		for _, v := range want.Benign {
			wantAll[v.key()] = true
		}
		sp := &tuned
		if want.HeldOut {
			sp = &held
		}
		si, extra, missed := compare(foundInd, wantInd)
		sp.ind.add(si)
		so, _, _ := compare(foundAll, wantAll)
		sp.obs.add(so)
		for _, n := range want.Not {
			for _, o := range f.Observables {
				if o.Value == n || strings.EqualFold(o.Value, n) {
					if details {
						t.Errorf("%s: %q must not be an observable", base, n)
					} else {
						t.Errorf("%s: a value labelled 'not' became an observable", base)
					}
				}
			}
		}

		// Actors: the distinct names as written.
		foundAct, wantAct := map[string]bool{}, map[string]bool{}
		for _, n := range f.Names {
			if n.Kind == string(names.Actor) {
				foundAct[strings.ToLower(f.Text[n.Span.Start:n.Span.End])] = true
			}
		}
		for _, a := range want.Actors {
			wantAct[strings.ToLower(a)] = true
		}
		sa, aextra, amissed := compare(foundAct, wantAct)
		sp.act.add(sa)

		// Claims: matched by kind and sentence.
		var sc score
		var cmissed []string
		used := make([]bool, len(f.Claims))
		for _, w := range want.Claims {
			hit := false
			for i, c := range f.Claims {
				if used[i] || string(c.Kind) != w.Kind {
					continue
				}
				if strings.Contains(norm(f.Text[c.Sentence.Start:c.Sentence.End]), norm(w.Quote)) {
					used[i], hit = true, true
					break
				}
			}
			if hit {
				sc.tp++
			} else {
				sc.fn++
				cmissed = append(cmissed, w.Kind+": "+w.Quote)
			}
		}
		for _, u := range used {
			if !u {
				sc.fp++
			}
		}
		if want.Source == "written for dossier" {
			sp.cl.add(sc) // every claim labelled
		} else {
			sp.clReal.add(score{tp: sc.tp, fn: sc.fn}) // only the main claims labelled: recall alone
		}
		if !details {
			continue
		}
		t.Logf("%-36s indicators %v\n\tactors %v\n\tclaims %v", base, si, sa, sc)
		if want.HeldOut && !*showHeldOut {
			continue // its scores, not what it missed: read to judge, never to tune
		}
		if len(extra)+len(missed) > 0 {
			t.Logf("\tindicators extra %q\n\tindicators missed %q", extra, missed)
		}
		if len(cmissed) > 0 {
			t.Logf("\tclaims missed %q", cmissed)
		}
		if len(aextra)+len(amissed) > 0 {
			t.Logf("\tactors extra %q missed %q", aextra, amissed)
		}
	}
	return tuned, held
}

// check logs the scores and fails where one is below its floor.
func (s corpusScores) check(t *testing.T, name string, f corpusFloors) {
	t.Helper()
	t.Logf("%s: indicators  %v", name, s.ind)
	t.Logf("%s: observables %v", name, s.obs)
	t.Logf("%s: actors      %v", name, s.act)
	t.Logf("%s: claims (written texts, all labelled) %v", name, s.cl)
	t.Logf("%s: claims (real reports, recall only)   %v", name, s.clReal)
	for _, k := range []struct {
		what   string
		s      score
		pf, rf float64
	}{
		{"indicators", s.ind, f.indicators[0], f.indicators[1]},
		{"observables", s.obs, f.observables[0], f.observables[1]},
		{"actors", s.act, f.actors[0], f.actors[1]},
		{"claims in written texts", s.cl, f.claims[0], f.claims[1]},
		{"claims in real reports", s.clReal, 0, f.claims[1]},
	} {
		if k.s.tp+k.s.fp+k.s.fn == 0 {
			continue
		}
		if k.s.p() < k.pf || k.s.r() < k.rf {
			t.Errorf("%s: %s: %v, below the floor P %.2f R %.2f", name, k.what, k.s, k.pf, k.rf)
		}
	}
}

// corpusFloors are the precision and recall a split must stay above, set
// a little under what the extractor reaches, so a change that loses
// ground fails.
type corpusFloors struct {
	indicators, observables, actors, claims [2]float64
}

var (
	tunedFloors = corpusFloors{
		indicators:  [2]float64{0.99, 0.99},
		observables: [2]float64{0.99, 0.99},
		actors:      [2]float64{0.95, 0.90},
		claims:      [2]float64{0.95, 0.70}, // written texts P 1.000 R 1.000; real reports R 0.843
	}
	// The held-out texts' first scores (2026-11-26, before any rule saw
	// them): indicators P 0.681 R 0.738, actors P 0.333 R 0.250, claim
	// recall 0.478. Raise the floors as the extractor improves on them;
	// never tune on them without adding new held-out texts.
	heldOutFloors = corpusFloors{
		indicators:  [2]float64{0.75, 0.70},
		observables: [2]float64{0.90, 0.90},
		actors:      [2]float64{0.50, 0.50},
		// Real-report claim recall 0.739 (stop 16), part of it from the
		// influence-operation phrases, two of which ("posed as local",
		// "spending for ads") were written after reading text 15's misses.
		claims: [2]float64{0, 0.65},
	}
	// The blind held-out texts (testdata/heldout), first scored on
	// 2026-11-26 at commit 5ab6ca9 + the held-out split: indicators
	// P 0.974 R 0.989 F1 0.981 (tp 184 fp 5 fn 2), observables F1 0.976,
	// actors P 0.833 R 0.833, real-report claim recall 0.333.
	// Claim recall went to 0.296 (8 of 27) when targeting began to require
	// that the trigger govern its target (no clause break between them, so
	// that "... by promoting Russia as an ally" targets no one): the
	// tuned figures did not move, one blind claim was lost. The floor is
	// set under it so that the rule stays; see the claims branch's note.
	// It went to 0.333 (9 of 27) when malware came to be named from its
	// context (stop 15), and to 0.370 (10 of 27) with the
	// influence-operation phrases of DISARM (stop 16), with no rule
	// written from these texts.
	blindFloors = corpusFloors{
		indicators:  [2]float64{0.95, 0.97},
		observables: [2]float64{0.95, 0.95},
		actors:      [2]float64{0.70, 0.70},
		claims:      [2]float64{0, 0.33},
	}
)

func norm(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
