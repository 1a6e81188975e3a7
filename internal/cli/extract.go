package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/heapstart"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

func extractCommand() *command {
	return &command{
		name:    "extract",
		summary: "read a report and show what it says: indicators, actors, techniques, claims, with quotes",
		usage:   "[flags] FILE|-",
		help: `Reads a report (plain text, Markdown, HTML or PDF; the format is
detected from the content) and shows, grouped by kind, every indicator,
actor, technique, software, country and organisation it names and every
claim it makes (attribution to a state, an actor or the firm that ran an
operation, targeting, use of a technique, denials), each with the
sentence that says it. Nothing is stored; dossier ingest FILE stores the
same objects.

Indicators include their defanged forms (hxxp, [.], (.), [@] ...).
Values that are almost certainly benign (documentation ranges, top sites
and a service's own host such as github.com, vendor domains, the
publisher's own site, Windows' own programs, and links the report cites:
its references and footnotes, government pages, links a sentence
introduces with "according to", "see" or a document's name) stay plain
observables, with the reason. Context such as dynamic DNS, an IPFS
gateway or a file-hosting service is shown as a tag on the indicator: a
URL with a path on github.com or cdn.shopify.com stays an indicator.
A file name written on a table's row with a hash, or beside one
("<hash> (invoice.exe)"), names that hash's file: the hash is the
indicator, as the name alone would match every file so named. CVEs are
vulnerabilities, and Bitcoin and Ethereum addresses wallets, not
indicators.

Actors are recognised by every vendor's name the alias graph knows, by
Microsoft-style names not yet known (Storm-NNNN, "... Flood"), and from
context ("tracked as X"). Claims carry who makes them (the report's
author, or the organisation a sentence quotes) and a confidence from
their hedging words ("assess", "likely", "may").

With --json it prints the STIX 2.1 bundle the report would become: the
report with its text and the mentions of every object (offsets in
Unicode code points, with the quoted sentence), the observables,
indicators, claims as relationships and opinions with their evidence,
and every object they refer to: from the database, or else from the
built-in knowledge (ATT&CK, DISARM, and the actors that the MISP
galaxies and Microsoft's naming map name, made as ingesting those
sources would make them).

An IoC list whose rows name no actor (published under the actor's name:
Unit 42's APT33.csv) says nothing of whose its indicators are. With
--actor NAME the analyst says it: every indicator the text does not
already tie to an actor indicates NAME (any vendor's name for it), in a
relationship created by the analyst (--as, else $DOSSIER_ANALYST, else
$USER), with the indicator's rows as evidence. A name no source knows is
refused, so that a misspelling never becomes an actor.

Examples:
  dossier extract statement.txt
  dossier extract article.html --json > bundle.json
  cat report.md | dossier extract - --source "Microsoft Threat Analysis Center"
  dossier extract APT33.csv --actor APT33 --as alice`,
		run: runExtract,
	}
}

func runExtract(ctx context.Context, e *env, args []string) error {
	c := extractCommand()
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the STIX 2.1 bundle on stdout")
	source := fs.String("source", "", "who published the report (`NAME`), the creator of its claims")
	reliability := fs.String("reliability", "", "the publisher's Admiralty reliability, `A`-F")
	tlpName := fs.String("tlp", "", "mark the objects made from the report with this TLP 2.0 `LEVEL`")
	actorName := fs.String("actor", "", "the actor (`NAME`) whose indicators the report lists when its text does not say (an IoC list named for it): the analyst's claim")
	as := fs.String("as", "", "with --actor: the analyst's `NAME` (default $DOSSIER_ANALYST, else $USER)")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{msg: "extract: give one report (a file, or - for standard input)", hint: "dossier extract FILE"}
	}
	if *as != "" && *actorName == "" {
		return &usageError{msg: "extract: --as names who asserts --actor; give --actor too", hint: "dossier extract APT33.csv --actor APT33 --as NAME"}
	}
	if err := checkReliability(*reliability); err != nil {
		return err
	}
	var tlp *stix.TLP
	if *tlpName != "" {
		if tlp, err = stix.ParseTLP(*tlpName); err != nil {
			return &usageError{msg: "extract: --tlp: " + err.Error()}
		}
	}
	var r io.Reader = e.stdin
	name := pos[0]
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("extract: %w", err)}
		}
		defer f.Close()
		r = f
	}
	defer heapstart.Start(e.getenv, heapstart.Extraction)()
	stopProfile, err := startCPUProfile(e, "extract")
	if err != nil {
		return err
	}
	defer stopProfile()
	// Reading the report is one core's work; what extraction needs
	// besides it (the database, the knowledge pack, the name recogniser,
	// the warning lists, the whole ATT&CK objects) takes about as long
	// and is made meanwhile. Errors are said in the order they were
	// before: the report's first.
	prep := startExtractor(ctx, e)
	doc, err := document.Read(r, name, document.Options{})
	p := prep()
	if p.st != nil {
		defer p.st.Close()
	}
	if err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("extract: %s: %w", name, err)}
	}
	if p.err != nil {
		return p.err
	}
	between := betweenStages(doc)
	between() // the reader's parse tree
	st, pack, x := p.st, p.pack, p.x
	f := x.Find(doc)
	between() // the tokens, words and candidates Find read the text with
	// The summary shows the findings, not the report object: a long
	// report's is tens of megabytes, made only to be dropped.
	opt := extract.BuildOptions{Publisher: *source, Reliability: *reliability, TLP: tlp, Now: time.Now(), Lookup: lookupIn(ctx, st, pack), NoReport: !*asJSON}
	if *actorName != "" {
		n, err := x.ResolveActor(*actorName)
		if err != nil {
			return &usageError{msg: "extract: --actor: " + err.Error()}
		}
		opt.Actor = &extract.AssertedActor{Actor: n, Analyst: analystName(e, *as)}
	}
	// With --json, the objects before the report are written while the
	// report object, the last and largest, is made.
	// The report object itself is written in pieces as they are made.
	var bw *bundleWriter
	var early chan error
	var werr error // the first error writing the bundle
	given := 0     // objects given to Ready, which are all but the report
	if *asJSON {
		opt.Ready = func(objs []*stix.Object) {
			given = len(objs)
			bw = newBundleWriter(e.stdout)
			early = make(chan error, 1)
			go func() { early <- bw.add(objs) }()
		}
		opt.ReportTo = func(p []byte) error {
			if early != nil {
				werr, early = <-early, nil
			}
			if werr == nil {
				werr = bw.part(p)
			}
			return werr
		}
	}
	bun, err := extract.Build(f, opt)
	if early != nil {
		werr = <-early
	}
	if werr != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("extract: writing the bundle: %w", werr)}
	}
	if err != nil {
		if bw != nil {
			return fmt.Errorf("%w (the bundle on standard output is incomplete)", err)
		}
		return err
	}
	if len(bun.Missing) > 0 {
		// Said, never dropped: objects neither the database nor the
		// knowledge pack has.
		fmt.Fprintf(e.stderr, "dossier: extract: %d object(s) referred to are in neither the database nor the built-in knowledge: %s\n",
			len(bun.Missing), strings.Join(bun.Missing, " "))
	}
	if *asJSON {
		// The bundle goes to stdout; what was cut or skipped while
		// reading is said on stderr, never only implied by a short bundle.
		for _, w := range slices.Concat(doc.Warnings, bun.Warnings) {
			fmt.Fprintf(e.stderr, "dossier: extract: %s: warning: %s\n", name, w)
		}
		if bw == nil {
			bw = newBundleWriter(e.stdout)
		}
		err := bw.add(bun.Objects[given:])
		if err == nil {
			err = bw.close()
		}
		if err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("extract: writing the bundle: %w", err)}
		}
		return nil
	}
	// Buffered: a long report's summary is thousands of lines, each a
	// write of its own to an unbuffered stdout.
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	printFindings(out, name, doc, f, bun, techniqueTitles(pack))
	if opt.Actor != nil {
		printAsserted(out, opt.Actor, bun)
	}
	if err := out.Flush(); err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("extract: writing the summary: %w", err)}
	}
	return nil
}

// printAsserted says what the analyst's --actor made: how many of the
// report's indicators it ties to the actor, and the first of them.
func printAsserted(w io.Writer, a *extract.AssertedActor, bun *extract.Bundle) {
	analyst := actors.AnalystIdentityID(a.Analyst)
	names := map[string]string{} // indicator id -> its name
	for _, o := range bun.Objects {
		if o.Type == "indicator" {
			names[o.ID], _ = o.Props.GetString("name")
		}
	}
	var values []string
	for _, o := range bun.Objects {
		if c, _ := o.Props.GetString("created_by_ref"); o.Type != "relationship" || c != analyst {
			continue
		}
		if src, _ := o.Props.GetString("source_ref"); names[src] != "" {
			values = append(values, names[src])
		}
	}
	fmt.Fprintf(w, "\nthe analyst's word (--actor)\n")
	if len(values) == 0 {
		fmt.Fprintf(w, "  no indicator is left for %s: the report has none, or its text already says whose each is\n", a.Actor.Name)
		return
	}
	const shown = 5
	list := strings.Join(values[:min(shown, len(values))], ", ")
	if len(values) > shown {
		list += fmt.Sprintf(" and %d more", len(values)-shown)
	}
	fmt.Fprintf(w, "  %s indicate %s, says %s (the text does not say whose they are): %s\n", plural(len(values), "indicator"), a.Actor.Name, a.Analyst, list)
}

func checkReliability(r string) error {
	if r == "" {
		return nil
	}
	if len(r) != 1 || r[0] < 'A' || r[0] > 'F' {
		return &usageError{msg: fmt.Sprintf("--reliability %q: give an Admiralty reliability grade, A (completely reliable) to F (cannot be judged)", r)}
	}
	return nil
}

// betweenStages returns what runs between the stages of extracting a
// long report: a collection of the garbage the stage before left (the
// reader's parse tree; Find's tokens, words and candidates: tens of
// megabytes each for a 5 MB report), so that the next stage reuses its
// pages rather than fault in new ones. On bench/extract.sh's 5.6 MB
// report: 221 MB peak RSS without either, 154 MB with both, and no
// slower (the live heap at each point is small beside the garbage, and
// heapstart.Start leaves the collector idle otherwise). For a report under
// 1 MB it does nothing.
func betweenStages(doc *document.Document) func() {
	if len(doc.Text) < 1<<20 {
		return func() {}
	}
	return runtime.GC
}

// optionalStore opens the database when there is one; nil when there is
// none (extract then works from the built-in knowledge pack alone).
func optionalStore(ctx context.Context, e *env) (store.Store, error) {
	st, err := e.openStore(ctx, false)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			if _, serr := os.Stat(e.dbPath()); errors.Is(serr, fs.ErrNotExist) {
				return nil, nil
			}
		}
		return nil, err
	}
	return st, nil
}

// prepared is what startExtractor makes.
type prepared struct {
	st   store.Store // nil when there is no database
	pack *knowledge.Pack
	x    *extract.Extractor
	err  error
}

// startExtractor opens the database when there is one and builds the
// extractor in the background. The function it returns waits for the
// database and the extractor; its store, when not nil, is the caller's
// to close, error or not. (The warning lists and the knowledge pack's
// whole objects need no warming: both are read where they lie in the
// binary.)
func startExtractor(ctx context.Context, e *env) func() prepared {
	done := make(chan prepared, 1)
	go func() {
		var p prepared
		defer func() { done <- p }()
		if p.st, p.err = optionalStore(ctx, e); p.err != nil {
			return
		}
		var err error
		if p.pack, err = knowledge.Load(); err != nil {
			p.err = fmt.Errorf("built-in knowledge pack: %w", err)
			return
		}
		p.x, p.err = newExtractor(ctx, p.st)
	}()
	return sync.OnceValue(func() prepared { return <-done })
}

// newExtractor builds the report extractor from the knowledge pack and,
// when there is one, the store's actors.
func newExtractor(ctx context.Context, st store.Reader) (*extract.Extractor, error) {
	pack, err := knowledge.Load() // decoded once, shared
	if err != nil {
		return nil, fmt.Errorf("built-in knowledge pack: %w", err)
	}
	// Without a database, the built-in knowledge's recogniser: made once,
	// and perhaps started while the program initialised (package ahead).
	r, err := names.LoadStore(ctx, st, pack)
	if err != nil {
		return nil, err
	}
	return extract.New(r, pack), nil
}

// lookupIn finds objects in the database (when there is one), then in
// the built-in knowledge (extract.PackLookup).
func lookupIn(ctx context.Context, st store.Reader, pack *knowledge.Pack) func(string) *stix.Object {
	var find func(string) *stix.Object
	if st != nil {
		find = storeFind(ctx, st)
	}
	return extract.PackLookup(find, pack)
}

func storeFind(ctx context.Context, st store.Reader) func(string) *stix.Object {
	return func(id string) *stix.Object {
		rec, err := st.Get(ctx, id)
		if err != nil {
			return nil
		}
		o, err := rec.Object()
		if err != nil {
			return nil
		}
		return o
	}
}

// printFindings prints what a report says, grouped by kind, with quotes.
// techniqueTitle gives the name to print for a technique by its id and
// name (techniqueTitles).
func printFindings(w io.Writer, name string, doc *document.Document, f *extract.Findings, bun *extract.Bundle, techniqueTitle func(id, name string) string) {
	title := f.Title
	if bun.ReportName != "" {
		title = bun.ReportName // the report's name: its title, else its first line
	}
	fmt.Fprintf(w, "%s: %s\n  %s, %s", name, title, doc.Format, plural(len(f.Sentences), "sentence"))
	if f.Published != "" {
		fmt.Fprintf(w, ", published %s", f.Published)
	}
	fmt.Fprintln(w)
	for _, warn := range slices.Concat(doc.Warnings, bun.Warnings) {
		fmt.Fprintf(w, "  warning: %s\n", warn)
	}
	quote := func(s extract.Span) string {
		q := sentenceOf(f, s)
		if utf8.RuneCountInString(q) > 200 {
			q = string([]rune(q)[:199]) + "…"
		}
		return "      “" + q + "”"
	}
	// As the bundle has them: indicators, then the vulnerabilities,
	// wallets and names of hashed files (observables, no indicator of
	// their own), then the benign.
	var indicators, vulns, wallets, hashed, benign []extract.Observable
	for _, o := range f.Observables {
		switch {
		case o.Benign != "":
			benign = append(benign, o)
		case o.Kind == "cve":
			vulns = append(vulns, o)
		case o.Kind == "btc" || o.Kind == "eth":
			wallets = append(wallets, o)
		case o.WithHash:
			hashed = append(hashed, o)
		default:
			indicators = append(indicators, o)
		}
	}
	for _, g := range []struct {
		title string
		obs   []extract.Observable
	}{{"indicators", indicators}, {"vulnerabilities", vulns}, {"cryptocurrency wallets", wallets},
		{"names of hashed files (the hashes are the indicators)", hashed}} {
		if len(g.obs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d)\n", g.title, len(g.obs))
		for _, o := range g.obs {
			tags := ""
			if len(o.Tags) > 0 {
				tags = "  [" + strings.Join(o.Tags, ", ") + "]"
			}
			fmt.Fprintf(w, "  %-9s %s%s\n%s\n", o.Kind, o.Value, tags, quote(o.Spans[0]))
		}
	}
	if len(benign) > 0 {
		fmt.Fprintf(w, "\nobservables kept as benign (%d)\n", len(benign))
		for _, o := range benign {
			fmt.Fprintf(w, "  %-9s %s — %s\n", o.Kind, o.Value, o.Benign)
		}
	}
	// The operation the title names is the one the report describes.
	titleOp := f.TitleOperation()
	groups := map[string][]extract.Name{}
	for _, n := range f.Names {
		groups[n.Kind] = append(groups[n.Kind], n)
	}
	for _, kind := range []string{"actor", "technique", "disarm", "software", "country"} {
		ns := groups[kind]
		if len(ns) == 0 {
			continue
		}
		seen := map[string]bool{}
		fmt.Fprintf(w, "\n%s\n", map[string]string{"actor": "actors", "technique": "ATT&CK techniques", "disarm": "DISARM techniques", "software": "software", "country": "countries"}[kind])
		for _, n := range ns {
			written := f.Text[n.Span.Start:n.Span.End]
			k := written + "|" + n.Name
			if seen[k] {
				continue
			}
			seen[k] = true
			what := n.Name
			if kind == "technique" || kind == "disarm" {
				what = techniqueTitle(n.Key, n.Name)
			}
			if n.Key != "" && kind != "country" {
				what += " (" + n.Key + ")"
			}
			if n.New {
				what += " — new: no source knows it"
			}
			if titleOp != nil && strings.EqualFold(titleOp.Name, n.Name) {
				what += " — the operation the report describes: its title names it"
			}
			if written != n.Name {
				fmt.Fprintf(w, "  %s → %s\n%s\n", written, what, quote(n.Span))
			} else {
				fmt.Fprintf(w, "  %s\n%s\n", what, quote(n.Span))
			}
		}
	}
	// The operations the rows of an index table name, each by its own
	// report's title: the subjects of those rows' claims.
	var ops []*extract.Entity
	for _, c := range f.Claims {
		if e := c.Subject; e != nil && e.Kind == extract.EntCampaign && e.Key != "" &&
			!slices.ContainsFunc(ops, func(o *extract.Entity) bool { return o.Key == e.Key }) {
			ops = append(ops, e)
		}
	}
	if len(ops) > 0 {
		fmt.Fprintf(w, "\noperations an index table names, each by its report's title (%d)\n", len(ops))
		for _, e := range ops {
			fmt.Fprintf(w, "  %s → %s\n%s\n", e.Name, e.Key, quote(extract.Span{Start: e.Start, End: e.End}))
		}
	}
	if len(f.Orgs) > 0 {
		seen := map[string]bool{}
		var orgs []string
		for _, o := range f.Orgs {
			if !seen[o.Name] {
				seen[o.Name] = true
				orgs = append(orgs, fmt.Sprintf("%s (%s)", o.Name, o.Kind))
			}
		}
		sort.Strings(orgs)
		fmt.Fprintf(w, "\norganisations (%d)\n%s\n", len(orgs), wrap(strings.Join(orgs, "; "), 76, "  "))
	}
	if len(f.Dates) > 0 {
		seen := map[string]bool{}
		var lines []string
		for _, d := range f.Dates {
			written := strings.Join(strings.Fields(f.Text[d.Start:d.End]), " ")
			if !seen[written] {
				seen[written] = true
				lines = append(lines, fmt.Sprintf("  %s → %s\n%s\n", written, d.Value, quote(d.Span)))
			}
		}
		fmt.Fprintf(w, "\ndates (%d)\n", len(lines))
		const maxDates = 30 // an appendix of first-seen dates would drown the rest
		if len(lines) > maxDates {
			fmt.Fprintf(w, "%s  … and %d more (--json lists them all)\n", strings.Join(lines[:maxDates], ""), len(lines)-maxDates)
		} else {
			fmt.Fprint(w, strings.Join(lines, ""))
		}
	}
	if len(f.Claims) > 0 {
		// A claim made again (a list's every row: "CharmingCypress used
		// PowerLess") is one line, with its first sentence and how often
		// it is made, as the bundle makes it one relationship with that
		// much evidence.
		var lines []string
		said := map[string]int{} // the sentences that make each line
		type lineIn struct {
			line string
			at   int
		}
		saidIn := map[lineIn]bool{} // a claim a sentence makes twice ("rejected the accusations, calling them groundless") is made once
		times := 0
		first := map[string]extract.Span{}
		// A claim about the report's own operation names it when the
		// title does, and is then one line with those naming it.
		self := ""
		if titleOp != nil {
			self = titleOp.Name
		}
		// The rows of an indicator table each make "X is an indicator of
		// the actor": one line says them all, with the values it is
		// about (the bundle keeps one relationship each).
		values := map[string][]string{} // a line with "\x00" for the value: the values, in order
		for _, c := range f.Claims {
			indicates := c.Kind == extract.ClaimIndicates && c.Object != nil
			said1 := c
			if indicates {
				v := *c.Object
				v.Name = "\x00" // the line of every value alike
				said1.Object = &v
			}
			l := claimLine(said1, self, techniqueTitle)
			if indicates && !slices.Contains(values[l], c.Object.Name) {
				values[l] = append(values[l], c.Object.Name)
			}
			if said[l] == 0 {
				lines = append(lines, l)
				first[l] = c.Sentence
			}
			if k := (lineIn{l, c.Sentence.Start}); !saidIn[k] {
				saidIn[k] = true
				said[l]++
				times++
			}
		}
		fmt.Fprintf(w, "\nclaims (%d", len(lines))
		if len(lines) < times {
			fmt.Fprintf(w, ", made %d times", times)
		}
		fmt.Fprintln(w, ")")
		for _, l := range lines {
			label := l
			if vs := values[l]; len(vs) == 1 {
				label = strings.Replace(l, "\x00", vs[0], 1)
			} else if len(vs) > 1 {
				const shown = 5
				list := strings.Join(vs[:min(shown, len(vs))], ", ")
				if len(vs) > shown {
					list += fmt.Sprintf(" and %d more", len(vs)-shown)
				}
				label = strings.Replace(l, "\x00 is an indicator of", fmt.Sprintf("%d values are indicators of", len(vs)), 1) + ": " + list
			}
			if n := said[l]; n > 1 {
				label += fmt.Sprintf(" (made %d times; the first:)", n)
			}
			fmt.Fprintf(w, "  %s\n%s\n", label, quote(first[l]))
		}
	}
	if len(bun.Missing) > 0 {
		fmt.Fprintf(w, "\n%s referred to but in neither the database nor the built-in knowledge: %s\n",
			plural(len(bun.Missing), "object"), strings.Join(bun.Missing[:min(3, len(bun.Missing))], ", "))
	}
}

// sentenceOf is the sentence span s starts in, its white space folded,
// else the span's own text.
func sentenceOf(f *extract.Findings, s extract.Span) string {
	if sn, ok := f.SentenceAt(s.Start); ok {
		return strings.Join(strings.Fields(f.Text[sn.Start:sn.End]), " ")
	}
	return f.Text[s.Start:s.End]
}

// techniqueTitles returns the title of a technique by its id and name:
// ATT&CK's and DISARM's sub-techniques with their parent's name in front,
// as ATT&CK writes them ("Phishing: Spearphishing Attachment", "Deliver
// Ads: Social Media"), since many say little alone.
func techniqueTitles(pack *knowledge.Pack) func(id, name string) string {
	return func(id, name string) string {
		dot := strings.IndexByte(id, '.')
		if pack == nil || dot < 0 {
			return name
		}
		parent := pack.TechniqueByID(id[:dot])
		if strings.HasPrefix(id, "T0") {
			parent = pack.DISARMByID(id[:dot]) // DISARM's ids are T0001 to T0999, ATT&CK's T1001 and on
		}
		if parent == nil || strings.HasPrefix(name, parent.Name+":") {
			return name
		}
		return parent.Name + ": " + name
	}
}

// claimLine says a claim in a line. self is the name of the operation the
// report describes, when its title names it ("" when not).
func claimLine(c extract.Claim, self string, title func(id, name string) string) string {
	name := func(x *extract.Entity) string {
		if x == nil && self != "" {
			return self
		}
		if x == nil {
			return "the operation the report describes"
		}
		switch x.Kind {
		case extract.EntTechnique:
			return title(x.Key, x.Name)
		case extract.EntPersona:
			return "the persona " + x.Name
		case extract.EntAccount:
			return "the account " + x.Name
		case extract.EntOrg:
			// A sector and a candidate's campaign take the article a
			// sentence gives them: "targeted the energy sector", "the
			// Trump campaign".
			if n := x.Name; x.Key == string(extract.OrgClass) && (strings.HasSuffix(n, " sector") || strings.HasSuffix(n, " industry")) ||
				x.Key == string(extract.OrgCampaign) && strings.HasSuffix(n, " campaign") {
				return "the " + n
			}
		}
		return x.Name
	}
	who := "the report"
	switch {
	case c.Claimant != nil:
		who = c.Claimant.Name
	case c.Kind == extract.ClaimDenial:
		who = "someone the text does not name" // "the accusations were rejected": not the report's denial
	}
	how := fmt.Sprintf("confidence %d", c.Confidence)
	if c.Hedge != "" {
		how += fmt.Sprintf(" (%q)", c.Hedge)
	} else {
		how += " (stated)"
	}
	switch c.Kind {
	case extract.ClaimAttribution:
		if c.Origin {
			return fmt.Sprintf("%s originates from %s, says %s, %s", name(c.Subject), name(c.Object), who, how)
		}
		obj := name(c.Object)
		if o := c.Object; o != nil && o.Kind == extract.EntOrg && o.Key == string(extract.OrgCompany) {
			obj = "the firm " + obj // not a state, nor an actor: "attributed to the firm STOIC"
		}
		return fmt.Sprintf("%s is attributed to %s, says %s, %s", name(c.Subject), obj, who, how)
	case extract.ClaimTargeting:
		return fmt.Sprintf("%s targeted %s, says %s, %s", name(c.Subject), name(c.Object), who, how)
	case extract.ClaimUses:
		return fmt.Sprintf("%s used %s, says %s, %s", name(c.Subject), name(c.Object), who, how)
	case extract.ClaimIndicates:
		return fmt.Sprintf("%s is an indicator of %s, says %s, %s", name(c.Object), name(c.Subject), who, how)
	case extract.ClaimDenial:
		strength := "denies"
		if c.Strong {
			strength = "denies outright"
		}
		switch {
		case c.Object == nil:
			return fmt.Sprintf("%s %s the attribution", who, strength)
		case c.Object.Name == who:
			return fmt.Sprintf("%s %s involvement", who, strength) // "Iran denies involvement"
		}
		return fmt.Sprintf("%s %s the attribution to %s", who, strength, c.Object.Name)
	}
	return string(c.Kind)
}

// bundleWriter writes objects as one STIX 2.1 bundle, one object per
// line, in as many calls of add as it takes. It streams through a small
// buffer: the bundle of a long report runs to tens of megabytes, which a
// copy in memory would double.
type bundleWriter struct {
	b    *bufio.Writer
	n    int  // objects written, or begun
	open bool // an object is being written in parts
}

func newBundleWriter(w io.Writer) *bundleWriter {
	b := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(b, "{\"type\":\"bundle\",\"id\":\"bundle--%s\",\"objects\":[", uuid.New())
	return &bundleWriter{b: b}
}

// add writes objs; the error is the first write's that failed.
func (w *bundleWriter) add(objs []*stix.Object) error {
	w.open = false
	for _, o := range objs {
		if w.n > 0 {
			w.b.WriteByte(',')
		}
		w.b.WriteByte('\n')
		w.b.Write(o.Raw)
		w.n++
	}
	return w.b.Flush() // what is written is out, not held until the end; and any error so far
}

// part writes part of an object, the next object for the first part
// given since add; the error is the first write's that failed.
func (w *bundleWriter) part(p []byte) error {
	if !w.open {
		w.open = true
		if w.n > 0 {
			w.b.WriteByte(',')
		}
		w.b.WriteByte('\n')
		w.n++
	}
	_, err := w.b.Write(p)
	return err
}

// close ends the bundle.
func (w *bundleWriter) close() error {
	w.b.WriteString("\n]}\n")
	return w.b.Flush()
}
