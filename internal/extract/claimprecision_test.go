package extract_test

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// claimSets are the hand-judged files of every claim the extractor makes
// on a set of AnnoCTR's reports (see testdata/claimjudgments/README.md),
// and the share of them judged right below which TestClaimPrecision
// fails. Raise a floor as the rules improve.
var claimSets = []struct {
	name      string
	judgments string
	dir       string // the reports' folder: under shared/data, or this package's testdata
	all       bool   // every report of dir (that keep keeps); else the reports the judgments name
	keep      func(name string) bool
	kind      string // the one kind of claim judged; "" for all; "-x" for all but x
	floor     float64
}{
	// The 16 dev reports, which the rules may be tuned on: 95 of 155
	// (0.613) right when first judged; 95 of 147 (0.646) once a netblock
	// beside its address no longer indicated the actor; 95 of 141 (0.674)
	// once links to sources from prose or numbered references were
	// citations; 95 of 128 (0.742) once definitions of software, the
	// agents of "used by", what an actor passes itself off as, where
	// things are and abstractions ("Chinese privacy laws") made none;
	// 95 of 125 (0.760) once actors named as examples were not referred
	// back to; 95 of 122 (0.779) once an organisation standing for its
	// product or researchers, and a campaign described ("Italian-language
	// campaigns"), were no targets; 95 of 119 (0.798) once a state after
	// "against" was no state attributed to, and a bare "against" showed
	// no state acting; 95 of 117 (0.812) once "against" targeted after an
	// operation or an actor only, what is used "instead of" was not, and
	// "X becomes a target" made X the target; 95 of 115 (0.826) after the
	// rules written from the corpus's judged claims below; 95 of 114
	// (0.833) once a list of software that opens a definition could end
	// in a name the recognisers missed ("Both Remcos and NanoCore RAT
	// are"); 96 of 115 (0.835) after the election-prose rules of stop 14;
	// 100 of 119 (0.840) once a technique named by its own verb
	// ("masqueraded as") and "utilized" made uses claims (four new, all
	// right); 101 of 120 (0.842) once a title or a dateline alone on its
	// line was a sentence of its own (a wrong claim of a title run into
	// the next sentence went; the claims whose sentences lost a title
	// kept their verdicts); 102 of 122 (0.836) once malware was named
	// from its context ("the Sponsor backdoor", two new right and one
	// wrong: "China Chopper4, JspSpy5 webshells", a footnote mark run into
	// the name) and no trigger of use inside a link counted (a right claim
	// made by "leverages" in a URL went); 108 of 126 (0.857) after stop
	// 16's rules: "could be used for" and software after "behind" make no
	// use (two wrong claims went), verbs of doing with the actor as their
	// subject do ("TA551 has previously distributed ... Ursnif, IcedID",
	// six new, all right); 108 of 124 (0.871) once "with" before whom one
	// acts with or after a verb of defence was no verb of use; 111 of 123
	// (0.902) after stop 17's; 112 of 119 (0.941) after stop 18's (a new
	// malware name's footnote cut, "JspSpy5" judged wrong now "JspSpy"
	// right; "controlled by the Turkish influence" no attribution; two
	// attributions to the "Ministry of State Security of China", right
	// as they were to China; no use of what a malware "has previously"
	// done, of others' tools "such as", of a technique defined in
	// general).
	{"dev", "testdata/claimjudgments/annoctr-dev.tsv", "annoctr/dev/texts", true, nil, "", 0.82},
	// Held out: 15 train reports (every fourth in name order, from the
	// second, past the three in the corpus), judged at commit b3eb828
	// before any rule was written from them, and never to be: 150 of 190
	// (0.789); 150 of 185 (0.811) after the dev rules that came after
	// (one of which made a claim here that was judged wrong); 150 of 184
	// (0.815) after the train-attribution rules; 154 of 190 (0.811) after
	// those of stops 13 and 14; 155 of 192 (0.807) once a technique named
	// by its own verb and "utilized" made uses claims (one new right, one
	// wrong: "Utilizing their access to Trickbot ..., Cyber Command");
	// 156 of 193 (0.808) once "registered" was a verb of use (three new,
	// all right, two of them claims judged before, now found by an
	// earlier trigger); 157 of 194 (0.809) once titles and datelines were
	// sentences of their own (the same verdicts, one new right claim);
	// 173 of 214 (0.808) once malware was named from its context (16 new
	// right, four wrong: Buer defined in general, earlier reports' Buer,
	// the other campaign's BlackWater) and no trigger of use inside a link
	// counted (one right claim went); 174 of 215 (0.809) after stop 16's
	// rules, written from the dev set, the corpus and Meta's reports (one
	// new right claim: "the theory that China carried out the
	// cyberattacks"); 174 of 217 (0.802) once the states listed after one
	// acting in person acted too ("observed Russia, Iran and China
	// attempting to influence the election"): two new claims here, both
	// wrong (a missile attack, the Iran-Iraq war), left in rather than
	// ruled out by a rule written from them; 184 of 225 (0.818) by stop
	// 33; 185 of 226 (0.819) once stop 34's sector words, written from
	// tuned train reports, made one more here, right ("gained access to
	// computer systems of numerous airline companies"); 186 of 227
	// (0.819) once "critical infrastructure" was a class (one more,
	// right, as the energy sector of its sentence was judged); 186 of 226
	// (0.823) once a passive's target before it was no demonym's thing
	// (one wrong claim gone: "the Chinese Sea ... targeted by APT 40").
	{"held-out", "testdata/claimjudgments/annoctr-train-heldout.tsv", "annoctr/train/texts", false, nil, "", 0.78},
	// The real reports of the extraction corpus (testdata/corpus, less the
	// two written texts, whose every claim is labelled already, and the
	// corpus's held-out ones), which the rules were written from: 206 of
	// 218 (0.945) when first judged, after commit 885d286; 206 of 210
	// (0.981) once fabricated content was no denial, a doubt ("unclear
	// whether") no attribution, compromised infrastructure's owners, whom
	// an operation serves and whoever named it no targets; 272 of 276
	// (0.986) after stop 16's rules on indicator tables' rows, an actor's
	// own software, the influence-operation phrases and verbs of doing
	// (33 new, all right); 281 of 282 (0.996) after stop 18's (an
	// attribution to a list, "Cozy Bear and Fancy Bear", and a name's
	// link before its appositive, two new, both right; what
	// "Cybercriminals will" do, three wrong, gone). Indicator lists make
	// most of them. Stop 34's naming clauses ("tied this activity to the
	// groups they call Cozy Bear and Fancy Bear") made two more, right:
	// 440 of 446 (0.987).
	{"corpus", "testdata/claimjudgments/corpus-real.tsv", "testdata/corpus", true, corpusTuned, "", 0.96},
	// Attributions alone, the kind the held-out set scores worst, on the
	// train reports neither held out nor in the corpus (52), judged after
	// commit 5135906 to tune the attribution rules on: 30 of 51 (0.588);
	// 30 of 46 (0.652) once "North Korea-backed" was North Korea, a state
	// reporting ("issued a warning about campaigns targeting") no state
	// acting, "Russian-linked criminals" no state's agents, and actors
	// named as examples and places ("located in") no attribution's object;
	// 30 of 39 (0.769) once a demonym with plain actors among words of
	// cybercrime ("Chinese actors ... in the underground") was no state;
	// 30 of 36 (0.833) once a state after the actor an attribution names
	// (past a description of it) and what an actor poses as were none;
	// 30 of 35 (0.857) once a demonym before a private party ("an Israeli
	// political consulting firm") was no state; 35 of 40 (0.875) once an
	// appositive described an actor by its state ("TA456, an
	// Iranian-state aligned actor,", right); 35 of 38 (0.921) once
	// "carried out by" after what is no attack ("censorship practices")
	// and a clause of "another group" attributed nothing; 39 of 42
	// (0.929) once a naming clause could stand between "attributed to"
	// and the actor ("the threat actor tracked by Proofpoint as TA543",
	// right); 41 of 44 (0.932) once "state aligned" (and the like) after
	// a demonym was a state's adjective ("the Iranian-state aligned
	// threat actor TA456", "the alleged Chinese state sponsored umbrella
	// organization known as the Winnti Group": two new, right, and one
	// judged before with a shorter trigger).
	{"train attribution", "testdata/claimjudgments/annoctr-train-attribution.tsv", "annoctr/train/texts", true, trainTuning, "attribution", 0.83},
	// The other kinds on the same train reports (targeting, uses,
	// indicates, denial), judged after commit 5118447 to tune those rules
	// on: 276 of 406 (0.680); 276 of 398 (0.693) once what a clause
	// compares its subject to, what others are said to use as well, what
	// defenders disrupt and an exploit traded were no use, and "US $" no
	// country; 276 of 393 (0.702) once links cited as "reporting by X",
	// to a site's front page in a language, or to a paper (a PDF linked
	// from its publisher's name or from words of prose) were citations;
	// 276 of 391 (0.706) once "with" after a tie ("campaigns aligned
	// with business email compromise", "joining forces with REvil") or
	// before "no" said no instrument (one claim of "aligned with" was
	// made by the "using" after it instead, judged wrong as it was); 276
	// of 388 (0.711) once a demonym ending a list of languages before a
	// verb ("spam emails in German, ..., and Polish followed") was the
	// language, and a country before "economic development" an
	// abstraction's; 276 of 384 (0.719) once "Monday through Thursday",
	// "goes through", software that "launched" (a release) and "the
	// Emotet takedown" made no use; 276 of 380 (0.726) once what a
	// family "has been found to" do was said of the family in general;
	// 276 of 379 (0.728) once an organisation after the means ("an attack
	// against Travelex using Google DNS servers") was no target; 276 of
	// 378 (0.730) once "targets ... of the GRU" were the GRU's; 276 of
	// 376 (0.734) once a dynamic DNS provider's own zone indicated no
	// actor; 276 of 374 (0.738) once "Cybercriminals use this RAT" and
	// "But attackers also use Discord" said what such doers do; 276 of
	// 368 (0.750) once "Cybercriminals are using", "the most common
	// method used by threat actors" did too, and an exploit shared four
	// words before it was no use; 276 of 367 (0.752) once what
	// "Hacking the database of voters ... could" do was no one's act.
	{"train other", "testdata/claimjudgments/annoctr-train-other.tsv", "annoctr/train/texts", true, trainTuning, "-attribution", 0.73},
	// Meta's twelve reports of coordinated inauthentic behaviour (the
	// influence operations dossier is for; three are corpus texts too),
	// first judged in stop 18 after three of its rules had been written
	// from them (the China report's proxies and obfuscation, the India
	// report's social engineering, the Moldova report's party).
	{"meta", "testdata/claimjudgments/meta-cib.tsv", "reports/meta-threat-research/indicators", true, metaReport, "", 0.80},
}

// metaReport keeps Meta's reports, not their indicator files' copies.
func metaReport(name string) bool { return strings.HasSuffix(name, ".md") }

// trainTuning keeps AnnoCTR's train reports that are neither in the
// held-out set nor in the corpus.
func trainTuning(name string) bool {
	if filepath.Ext(name) != ".txt" || corpusAnnoCTR[name] {
		return false
	}
	return !heldOutReports()[name]
}

// corpusAnnoCTR are the AnnoCTR reports copied into testdata/corpus.
var corpusAnnoCTR = map[string]bool{
	"intel471_2016-06-17_who-hacked-the-democratic-national.txt":             true,
	"proofpoint_2021-07-13_operation-spoofedscholars-conversation-ta453.txt": true,
	"zscaler_2020-11-03_election-2020-themed-scams-and.txt":                  true,
}

// heldOutReports are the reports of the held-out judgments.
var heldOutReports = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	raw, err := os.ReadFile("testdata/claimjudgments/annoctr-train-heldout.tsv")
	if err != nil {
		panic(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Split(line, "\t"); len(f) > 1 && !strings.HasPrefix(line, "#") {
			m[f[1]] = true
		}
	}
	return m
})

// corpusTuned keeps the texts of testdata/corpus that are real reports
// the rules were tuned on: not the answers, the README, the written texts
// (13, 14) or the held-out ones (15 on).
func corpusTuned(name string) bool {
	if strings.HasSuffix(name, ".expect.json") || !strings.Contains(name, "-") {
		return false
	}
	n, _, _ := strings.Cut(name, "-")
	return n < "13"
}

// judgedClaim is a claim as the judgments file keys it: what a reader
// checks it by (the claimant is shown beside it, not judged).
type judgedClaim struct{ file, kind, subject, object, trigger, sentence string }

func (k judgedClaim) String() string {
	return strings.Join([]string{k.file, k.kind, k.subject, k.object, k.trigger, k.sentence}, "\t")
}

func entityLabel(e *extract.Entity) string {
	if e == nil {
		return "-"
	}
	return string(e.Kind) + ":" + e.Name
}

// readJudgments reads the judgments file: verdict by claim.
func readJudgments(t *testing.T, path string) map[judgedClaim]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[judgedClaim]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 9 || c[0] != "right" && c[0] != "wrong" || c[0] == "wrong" && c[8] == "" {
			t.Fatalf("%s:%d: want 9 tab-separated fields, the first right or wrong, the last saying why when wrong: %q", path, n, line)
		}
		k := judgedClaim{c[1], c[2], c[3], c[4], c[6], c[7]}
		if _, dup := out[k]; dup {
			t.Fatalf("%s:%d: this claim is judged twice", path, n)
		}
		out[k] = c[0] == "right"
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// kindJudged reports whether a set that judges kind ("" every kind, "x"
// x only, "-x" every kind but x) judges claims of kind k.
func kindJudged(kind, k string) bool {
	if other, ok := strings.CutPrefix(kind, "-"); ok {
		return k != other
	}
	return kind == "" || k == kind
}

// TestClaimPrecision measures the claims' precision on real reports:
// every claim the extractor makes on a set of AnnoCTR's reports has been
// judged right or wrong by hand (kind, subject and object; a subject of
// nil, the report's own operation, is right when the sentence's doer is
// the report's actor or an unnamed attacker of it). The corpus's real
// reports label their main claims only, so they measure recall alone;
// this is the precision beside it.
//
// A claim a file has not judged fails the test, with the line to add:
// judge it by reading its sentence (and the report around it), never by
// what the rules meant to do. Judged claims the extractor no longer
// makes are counted, not failed.
func TestClaimPrecision(t *testing.T) {
	x := newExtractor(t)
	for _, set := range claimSets {
		t.Run(set.name, func(t *testing.T) {
			dir := set.dir
			if !strings.HasPrefix(dir, "testdata/") {
				dir = shareddata.Path(t, set.dir)
			}
			judged := readJudgments(t, set.judgments)
			var files []string
			if set.all {
				all, _ := filepath.Glob(filepath.Join(dir, "*.*"))
				for _, f := range all {
					if set.keep == nil && filepath.Ext(f) == ".txt" || set.keep != nil && set.keep(filepath.Base(f)) {
						files = append(files, f)
					}
				}
			} else {
				names := map[string]bool{}
				for k := range judged {
					names[k.file] = true
				}
				for _, n := range slices.Sorted(maps.Keys(names)) {
					files = append(files, filepath.Join(dir, n))
				}
			}
			if len(files) < 12 {
				t.Fatalf("%s: %d reports, want 12 or more", dir, len(files))
			}
			scoreClaims(t, x, set.judgments, judged, files, set.kind, set.floor)
		})
	}
}

// scoreClaims scores the claims made on files against judged and fails
// on a claim not judged or a precision below floor.
func scoreClaims(t *testing.T, x *extract.Extractor, path string, judged map[judgedClaim]bool, files []string, kind string, floor float64) {
	t.Helper()
	type tally struct{ right, wrong int }
	byKind := map[string]*tally{}
	var all tally
	seen := map[judgedClaim]bool{}
	var unjudged []string
	var wrongs []string // in -v, listed: the wrong claims still made, where the next rule is
	for _, fn := range files {
		f := x.Find(readDoc(t, fn))
		for _, c := range f.Claims {
			if !kindJudged(kind, string(c.Kind)) {
				continue
			}
			k := judgedClaim{
				file: filepath.Base(fn), kind: string(c.Kind),
				subject: entityLabel(c.Subject), object: entityLabel(c.Object),
				trigger:  f.Text[c.Trigger.Start:c.Trigger.End],
				sentence: strings.Join(strings.Fields(f.Text[c.Sentence.Start:c.Sentence.End]), " "),
			}
			if seen[k] {
				continue // the same claim twice in one sentence: judged once
			}
			seen[k] = true
			right, ok := judged[k]
			if !ok {
				unjudged = append(unjudged, fmt.Sprintf("?\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", k.file, k.kind, k.subject, k.object, entityLabel(c.Claimant), k.trigger, k.sentence))
				continue
			}
			tk := byKind[k.kind]
			if tk == nil {
				tk = &tally{}
				byKind[k.kind] = tk
			}
			if right {
				tk.right++
				all.right++
			} else {
				tk.wrong++
				all.wrong++
				wrongs = append(wrongs, k.String())
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(byKind)) {
		s := byKind[k]
		t.Logf("claims %-12s precision %.3f (%d right, %d wrong)", k, float64(s.right)/float64(s.right+s.wrong), s.right, s.wrong)
	}
	p := float64(all.right) / float64(max(all.right+all.wrong, 1))
	var stale []string // in -v, listed: a rule change that loses judged claims says which
	for k, right := range judged {
		if !seen[k] {
			stale = append(stale, fmt.Sprintf("%s\t%v", map[bool]string{true: "right", false: "wrong"}[right], k))
		}
	}
	slices.Sort(stale)
	if testing.Verbose() && len(stale) > 0 {
		t.Logf("judged claims no longer made:\n%s", strings.Join(stale, "\n"))
	}
	if testing.Verbose() && len(wrongs) > 0 && os.Getenv("DOSSIER_LIST_WRONG") != "" {
		t.Logf("wrong claims still made:\n%s", strings.Join(wrongs, "\n"))
	}
	what := "all kinds"
	if other, ok := strings.CutPrefix(kind, "-"); ok {
		what = "all kinds but " + other
	} else if kind != "" {
		what = kind + " only"
	}
	t.Logf("claims, %s: precision %.3f (%d right, %d wrong) on %d reports; %d judgments of claims no longer made", what, p, all.right, all.wrong, len(files), len(stale))
	if len(unjudged) > 0 {
		t.Errorf("%d claims are not judged: read each sentence, then add its line to %s with right or wrong (and why) in place of the ?:\n%s",
			len(unjudged), path, strings.Join(unjudged, "\n"))
	}
	if p < floor {
		t.Errorf("claim precision %.3f, below the floor of %.2f", p, floor)
	}
}
