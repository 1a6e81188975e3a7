package extract

import (
	"cmp"
	"iter"
	"net/netip"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/extract/linecut"
	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/geo"
	"github.com/dossier-cti/dossier/internal/warninglists"
)

// EntityKind says what an entity mentioned in a text is.
type EntityKind string

// The kinds of entities claims are made about.
const (
	EntActor     EntityKind = "actor"     // an intrusion set or threat actor
	EntCountry   EntityKind = "country"   // a state
	EntOrg       EntityKind = "org"       // an organisation (a target, a claimant)
	EntTechnique EntityKind = "technique" // an ATT&CK or DISARM technique
	EntSoftware  EntityKind = "software"  // a malware or tool
	// EntCampaign is an operation: the one a row of an index table names
	// (Key is its report's URL: rowOperations), or with no Key the one
	// the report describes.
	EntCampaign EntityKind = "campaign"
	// EntVulnerability is a CVE named in the text (Key is the CVE id).
	EntVulnerability EntityKind = "vulnerability"
	// EntAccount is a social-media account named in the text (Key is the
	// observable's value).
	EntAccount EntityKind = "account"
	// EntIndicator is a suspicious value named in the text, one that
	// becomes a STIX indicator (Key is "kind|value" of its observable).
	EntIndicator EntityKind = "indicator"
	// EntPersona is a name an operation posed under ("under the persona
	// 'Robert'"); claims make it, no recogniser does.
	EntPersona EntityKind = "persona"
)

// Entity is one mention of something in the text.
type Entity struct {
	Kind       EntityKind
	Start, End int    // byte offsets of the mention
	Key        string // what it refers to: a STIX id, an ATT&CK id, a country code, an organisation's name
	Name       string
	Firm       bool // an organisation the text says is a firm (Org.Firm)
}

// ClaimKind is what a claim asserts.
type ClaimKind string

// The kinds of claims.
const (
	ClaimAttribution ClaimKind = "attribution" // Subject is attributed to the state Object
	ClaimTargeting   ClaimKind = "targeting"   // Subject targeted Object
	ClaimUses        ClaimKind = "uses"        // Subject used the technique or software Object
	ClaimDenial      ClaimKind = "denial"      // Claimant denies an attribution (of Object, a state, when said)
	ClaimIndicates   ClaimKind = "indicates"   // the indicator Object points at the actor Subject
)

// Claim is one assertion a sentence makes.
type Claim struct {
	Kind     ClaimKind
	Sentence Span
	Trigger  Span    // the words that make the claim
	Subject  *Entity // nil: the operation the report describes
	Object   *Entity
	// Claimant is who makes the claim: nil for the report's author, or the
	// organisation or state the sentence quotes.
	Claimant *Entity
	Hedge    string // the words that set the confidence, "" when the claim is stated flatly
	// Confidence is 0-100 on the scale of STIX 2.1 Appendix A (DNI
	// estimative language): 90 almost certain, 70 likely, 50 even chance,
	// 30 unlikely / possible, 10 remote; a flat statement of fact is 85.
	Confidence int
	// Strong is set on a denial that rejects outright ("categorically",
	// "baseless", "fabricated").
	Strong bool
	// Origin is set on an attribution to a country that says only where
	// the operation comes from ("a China-based network", "a network
	// originating in Russia"), not that the state is behind it: STIX's
	// originates-from the country, not attributed-to its government.
	Origin bool
}

// hedges turn estimative words into a confidence; longest phrases first.
var hedges = []struct {
	phrase     string
	confidence int
}{
	{"with high confidence", 90}, {"high confidence", 90}, {"almost certainly", 95}, {"almost certain", 95}, {"are confident", 90}, {"is confident", 90},
	{"expressed confidence", 90}, {"confident", 90}, {"highly likely", 85}, {"very likely", 85}, {"probably", 75},
	{"with moderate confidence", 55}, {"moderate confidence", 55}, {"with low confidence", 25}, {"low confidence", 25},
	{"likely", 70}, {"assess", 70}, {"assessed", 70}, {"assesses", 70}, {"believe", 65}, {"believes", 65}, {"believed", 65}, {"judge", 70},
	{"presumably", 60}, {"apparently", 60}, {"seemingly", 55}, {"probable", 70},
	{"suspected", 50}, {"suggests", 50}, {"appears to", 50}, {"appeared to", 50}, {"appear to", 50}, {"seems to", 50}, {"seemed to", 50}, {"possibly", 35}, {"potentially", 35}, {"perhaps", 35},
	{"possible", 30}, {"plausible", 40}, {"supposedly", 40}, {"may", 35}, {"might", 30}, {"could", 30},
	{"allegedly", 30}, {"reportedly", 40}, {"alleged", 30}, {"claimed", 35}, {"purportedly", 30}, {"unlikely", 15},
	{"evidence is thin", 30}, {"evidence is limited", 35}, {"limited evidence", 35}, {"circumstantial evidence", 40},
}

// hedgeMay is the index of "may" in hedges.
var hedgeMay = slices.IndexFunc(hedges, func(h struct {
	phrase     string
	confidence int
}) bool {
	return h.phrase == "may"
})

// statedConfidence is the confidence of a claim stated without hedging.
const statedConfidence = 85

// overlapConfidence is the most an actor link by overlap ("overlaps with
// APT28", "shares infrastructure with") is given: that of "suggests".
const overlapConfidence = 50

// Triggers, matched over the words of a sentence (see triggers.go): a
// space stands for any white space, a line break included.
var (
	// attributionPhrases attribute an operation to what follows them;
	// "attributed ... to" and "on Iran's behalf" are matched in code.
	attributionPhrases = newPhraseSet("on behalf of", "behalf of", "linked to", "tied to", "connected to",
		"associated with", "affiliated with", "working for", "work for", "works for", "worked for", "acting for", "employed by", "directed by", "sponsored by",
		"backed by", "operated by", "run by", "controlled by", "nexus to", "part of", "unit of", "arm of", "branch of",
		"division of", "element of", "subordinate to", "in support of", "supports", "supported by", "in the service of", "accused", "accuses",
		"accusing", "blamed", "blames", "blaming", "blame", "carried out by", "conducted by", "perpetrated by",
		"orchestrated by", "links to", "ties to", "connections to", "charged", "indicted", "indicts", "the work of")
	// actingBy say who did what the words before them name: "the
	// attacks carried out by APT28"; notAnAttack reads those words.
	actingBy = newPhraseSet("carried out by", "conducted by", "perpetrated by", "orchestrated by", "the work of")
	// doneNouns name what an operation does: before an actingBy
	// trigger, the operation the report describes is what was done.
	doneNouns = []string{"attack", "attacks", "cyberattack", "cyberattacks", "operation", "operations", "campaign",
		"campaigns", "intrusion", "intrusions", "activity", "activities", "hack", "hacks", "hacking", "compromise",
		"compromises", "breach", "breaches", "espionage", "phishing", "spearphishing", "effort", "efforts", "incident",
		"incidents", "exploitation", "theft", "thefts", "leak", "leaks", "infection", "infections", "wave", "waves",
		"reconnaissance", "ddos", "scans", "scanning", "targeting", "interference", "meddling", "sabotage", "wiper",
		"ransomware", "deployment", "spying", "surveillance"}
	// actorLinks tie an actor or operation to another actor named after
	// them ("carried out by APT28", "overlaps with Storm-2035", "shares
	// infrastructure with APT28"); findBehind to the one named before
	// them ("the Government of Iran is behind").
	actorLinks = newPhraseSet(slices.Concat([]string{"carried out by", "conducted by", "perpetrated by", "orchestrated by",
		"attributed to", "attributes to", "attribute to", "linked to", "links to", "ties to", "tied to", "the work of"}, overlapPhrases)...)
	// overlapPhrases are the actor links that are overlaps, signs of a
	// link given at most overlapConfidence.
	overlapPhrases = []string{"overlaps with", "overlap with", "overlapped with", "overlapping with", "overlaps between",
		"shares infrastructure with", "share infrastructure with", "shared infrastructure with",
		"sharing infrastructure with", "shares code with", "share code with", "shared code with",
		"shares tooling with", "shares tactics with"}
	overlapLinks = newPhraseSet(overlapPhrases...)
	// responsibilityClaims are an actor's claim of what the report
	// describes: its own word, weighed as an overlap is (overlapConfidence).
	responsibilityClaims = newPhraseSet("claimed responsibility", "claims responsibility", "claiming responsibility",
		"claim responsibility", "took responsibility", "takes responsibility", "taking responsibility", "claimed credit", "claims credit")
	// "is behind" is matched from "behind", a rare word, backwards (see
	// findBehind): the copulas before it are among the commonest words,
	// compared as text so that they take no vocabulary id (every word with
	// an id costs a look-up in every phrase set).
	copulas          = []string{"is", "are", "was", "were", "be", "been", "stands", "stand", "stood"}
	behindAdverbs    = []string{"likely", "probably", "certainly", "almost", "very", "also", "clearly", "ultimately"}
	attributionVerbs = newPhraseSet("attributed", "attributes", "attributing", "attribute", "attribution", "linked", "link",
		"linking", "links", "tied", "tying", "ties", "tie")
	// stateAdjectives bind a state to an actor: "Iran-linked", "Russia
	// nexus", "Iranian state-sponsored".
	stateAdjectives = newPhraseSet("linked", "backed", "sponsored", "based", "affiliated", "aligned", "nexus",
		"state-sponsored", "state-backed", "government-backed",
		// "the Iranian-state aligned threat actor TA456"
		"state aligned", "state-aligned", "state sponsored", "state backed", "state linked", "state-linked",
		"state affiliated", "state-affiliated", "state directed", "state-directed")
	// actorNouns after a demonym name the state's agents: "Iranian
	// operatives", "Russian state-sponsored actors"; actorModifiers may
	// stand between.
	actorNouns = newPhraseSet("operatives", "operative", "actors", "actor", "hackers", "agents", "operators", "operator", "threat actor", "threat actors",
		"intelligence service", "intelligence services", "influence operation", "influence operations",
		"cyberactor", "cyberactors", "cyber actor", "cyber actors", "group", "groups", "officials",
		"operation", "operations", "campaign", "campaigns", "hacking unit", "hacking group", "hacking groups",
		"unit", "spies", "intelligence agency", "intelligence agencies", "military intelligence",
		"military intelligence service", "military intelligence agency", "interference", "meddling",
		"efforts to interfere", "efforts to influence", "efforts to meddle", "influence efforts")
	// stateNouns after a demonym name the state itself: "the Russian
	// government directed the hack".
	stateNouns = newPhraseSet("government", "regime", "state", "authorities", "leadership", "military", "law enforcement", "police",
		"security services", "intelligence services", "intelligence agencies", "security service", "intelligence service", "armed forces", "army")
	actorModifiers = newPhraseSet("state-sponsored", "state sponsored", "state-backed", "state backed",
		"government-backed", "government backed", "government", "state", "military", "state-run", "state run",
		"influence", "disinformation", "propaganda")
	// targetingPhrases aim an operation at what follows them.
	targetingPhrases = newPhraseSet("target", "targeted", "targeting", "targets", "aimed at", "directed at",
		"sought to compromise", "sought to access", "sought to gain access to", "sought to influence", "sought to hack",
		"sought to breach", "sought access to", "seeking access to", "to gain access to", "to gained access to",
		"gain access to", "gained access to", "attempted to compromise", "attempted to access", "attempted to breach",
		"attempted to hack", "tried to compromise", "tried to access", "tried to breach", "tried to hack",
		"compromised", "breached", "hacked", "hacking", "phish", "phished", "phishing", "spearphish", "spearphished",
		"spearphishing", "spear-phish", "spear-phished", "spear-phishing", "against", "break into", "broke into",
		"broken into", "breaking into", "breaks into", "hacking into", "hacked into", "hack into", "hacks into",
		"tried to log into", "attempted to log into", "sought to log into", "trying to log into", "attempting to log into", // "tried to log into the personal email accounts of people associated with both campaigns"
		"to compromise", "to influence", "to sway",
		"to interfere in", "interfere in", "interfering in", "interfered", "interferes", "interfering", "interfere",
		"meddled", "meddles", "meddling", "meddle", "sent lures to", "sending lures to", "sends lures to",
		"hack of", "hacking of", "breach of", "leak of", "intrusion into",
		"intrusions into", "monitoring", "victims include", "victims included", "victims includes",
		"attacked", "attacks on", "attack on", "cyberattacks on", "cyberattack on", "cyber-attacks on", "cyber-attack on",
		"cyber attacks on", "cyber attack on") // "Winnti Group's cyber attacks on Thailand's gaming industry"; not what is blamed (blamedOn)
	// attackNouns after an organisation's name make it the target: "the
	// DNC hack".
	attackNouns = newPhraseSet("hack", "hacks", "breach", "breaches", "intrusion", "intrusions", "compromise", "leak", "leaks")
	// actVerbs are verbs of doing that are no verbs of use: they claim a
	// use only between an actor subject right before them and a
	// technique or software they govern ("APT28 sent spearphishing
	// emails", "Storm-2035 created fake news sites").
	actVerbs = newPhraseSet("sent", "sends", "delivered", "delivers", "distributed", "distributes", "created", "creates",
		"set up", "sets up", "established", "establishes", "operated", "operates", "ran", "runs", "posted", "posts",
		"published", "publishes", "spread", "spreads", "built", "builds", "developed", "develops", "hosted", "hosts",
		"maintained", "maintains", "installed", "installs", "dropped", "drops", "provided", "provides", "launched",
		"sending", "delivering", "distributing", "creating", "setting up", "establishing", "posting", "publishing",
		"spreading", "hosting", "dropping", "launching", // "observed APT42 sending credential phishing emails"
		"purchased", "purchases", "bought", "buys") // "The operators purchased Facebook ads"
	// approachVerbs claim targeting between an actor subject right before
	// them and an organisation or state they govern: "APT42 went after
	// senior officials of the Biden campaign"; "the actors delivered
	// malicious documents to election officials".
	approachVerbs = newPhraseSet("went after", "go after", "goes after", "going after", "contacted", "contacts",
		"approached", "approaches", "emailed", "emails", "messaged", "reached out to", "focused on", "focuses on",
		"sent", "sends", "delivered", "delivers", "stole", "steals", "exfiltrated", "leaked")
	// toVerbs reach their target through "to", fromVerbs through "from":
	// "stole internal documents from the Trump campaign".
	toVerbs   = []string{"sent", "sends", "delivered", "delivers"}
	fromVerbs = []string{"stole", "steals", "exfiltrated", "leaked"} // "leaked thousands of emails from Emmanuel Macron's campaign"
	// exploitPhrases make the vulnerabilities of a sentence its subject's
	// means ("exploited CVE-2024-21413", "abused a flaw ... CVE-...").
	exploitPhrases = newPhraseSet("exploit", "exploits", "exploited", "exploiting", "exploitation", "abuse", "abused",
		"abuses", "abusing", "weaponized", "weaponised", "leveraged", "leveraging", "used", "using")
	// usesPhrases make the techniques and software of a sentence its
	// subject's means.
	usesPhrases = newPhraseSet("used", "uses", "use", "using", "made use of", "make use of", "makes use of", "making use of", "leveraged", "leverages", "leveraging", "employed", "employs",
		"employing", "deployed", "deploys", "deploying", "relied on", "rely on", "relies on", "through", "via",
		"conducted", "conducts", "conducting", "engaged in", "engages in", "engaging in", "carried out", "carries out",
		"carry out", "launched", "launches", "launching", "relying on", "by means of", "with",
		"utilized", "utilizes", "utilizing", "utilised", "utilises", "utilising",
		"registered", "registers", "registering", "register")
	// denialPhrases deny or reject an accusation; strongDenialWords do so
	// outright. negations, in the few words before a trigger, cancel it.
	denialPhrases = newPhraseSet(slices.Concat([]string{"deny", "denies", "denied", "denying", "rejected", "rejects", "dismissed", "dismisses",
		"baseless", "unfounded", "fabricated", "false accusation", "false accusations", "without evidence",
		"provide evidence", "no evidence", "not involved", "never interfered", "never interferes", "never interfere", "has no interest", "had no interest", "have no interest", "lies",
		"not interfere", "no involvement", "no intention", "neither has nor had", "no motive",
		"neither the motive", "neither the intention", "nor the intention", "neither the desire", "no desire to interfere",
		"provide proof", "present proof", "provide any proof", "show proof", "provide solid evidence", "present solid evidence",
		"provide concrete evidence", "present concrete evidence", "provide credible evidence", "stop smearing",
		"nothing to do with", "nothing to do", "present evidence", "present its evidence", "present any evidence",
		"provide any evidence", "provide its evidence", "smear campaign", "witch hunt", "russophobia", "russophobic", "opposes all forms of",
		"opposes hacking", "opposes cyberattacks", "combats all forms of"}, softDenialWords)...)
	// softDenials deny only what the sentence calls an accusation ("called
	// the accusations absurd"); "an absurd number of domains" denies nothing.
	softDenialWords = []string{"groundless", "absurd", "nonsense", "fabrication", "slander", "slanderous", "unsubstantiated", "politically motivated", "smear"}
	softDenials     = newPhraseSet(softDenialWords...)
	accusationNouns = newPhraseSet("accusation", "accusations", "allegation", "allegations", "claim", "claims", "charge",
		"charges", "report", "reports", "assertion", "assertions", "statement", "statements", "findings", "indictment",
		"indictments", "advisory", "advisories")
	strongDenialWords = newPhraseSet(slices.Concat([]string{"categorically", "baseless", "unfounded", "fabricated", "absolutely", "lies", "never"},
		softDenialWords[:6])...) // all but "unsubstantiated" and "politically motivated"
	negations = newPhraseSet("not", "no", "never", "without", "neither", "nor", "cannot", "can't", "did not",
		"does not", "didn't", "doesn't", "unable to")
	// sayings are the verbs of saying that name a claimant nearby.
	sayings = newPhraseSet(slices.Concat([]string{"said", "says", "stated", "told", "wrote", "writes", "added", "noted",
		"announced", "assessed", "assesses", "assess", "concluded", "warned", "alleged", "alleges", "claimed", "claims",
		"confirmed", "expressed confidence", "according to", "believes", "believe", "reported", "reports",
		"are confident", "is confident", "judge", "judges", "found", "determined"}, accusingVerbs, exposingVerbs)...)
	// accusingVerbs are sayings whose object is the accused, not the
	// speaker: "accused Russia of".
	accusingVerbs = []string{"accused", "accuses", "blamed", "blames", "charged", "indicted", "indicts", "sanctioned", "sanctions"}
	// exposingVerbs are sayings whose claimant is their subject, close
	// before them: "The United Kingdom and its allies exposed ...",
	// "Microsoft has observed ...", "which Microsoft attributes to".
	exposingVerbs = []string{"exposed", "exposes", "revealed", "reveals", "disclosed", "uncovered", "observed", "observes",
		"attribute", "attributes", "attributed"}
	// passiveCopulas make a participle after them passive ("was charged
	// by"); verbAdverbs may stand between ("was later charged by").
	passiveCopulas = copulas[:6] // is, are, was, were, be, been: not "stands"
	verbAdverbs    = []string{"later", "also", "formally", "publicly", "subsequently", "previously", "first", "then",
		"recently", "repeatedly", "reportedly", "allegedly", "likely", "probably", "successfully"}
	// contrasts open a clause that may have its own speaker: "..., although
	// U.S. intelligence agencies concluded ...".
	contrasts = []string{"although", "though", "but", "whereas", "while"}
	// clauseBreaks end the clause a trigger governs: a target after one
	// of them is not the trigger's ("sought to influence public opinion
	// ... as well as promoting Russia"). Common words: compared as text,
	// like copulas.
	clauseBreaks = slices.Concat([]string{"which", "who", "whose"}, contrasts,
		[]string{"because", "by", "promoting", "promote", "promotes", "said", "says"})
	// anaphors and operationWords open a sentence that goes on about the
	// actor or operation of the sentences before.
	anaphors = newPhraseSet("they", "it", "the group", "the actor", "the actors", "the hackers",
		"the operators", "the threat actor", "the intrusion set", "this group", "this actor", "these actors",
		"these hackers", "these operators", "these groups", "both groups", "both actors", "the two groups", "the two actors")
	// anaphorHeads, after "the", "this" or "these", refer back wherever
	// they stand in the sentence ("Officials said the group had tried to
	// ..."); pronouns only at its start. The heads are looked for, not the
	// articles: they are rarer.
	anaphorHeads   = wordIDSet("group", "actor", "actors", "hackers", "operators")
	operationWords = newPhraseSet("these efforts", "this effort", "the operation", "this operation", "the campaign",
		"this campaign", "this activity", "the activity", "these activities", "these operations")
	// hedgePhrases are hedges in their order: phrase k is hedges[k].
	hedgePhrases = func() *phraseSet {
		list := make([]string, len(hedges))
		for i, h := range hedges {
			list[i] = h.phrase
		}
		return newPhraseSet(list...)
	}()

	// Words the rules test one by one.
	idTo, idOn, idBehalf     = wordID("to"), wordID("on"), wordID("behalf")
	idAccording, idOfficials = wordID("according"), wordID("officials")
	idAnti                   = wordID("anti")
	idCampaign, idPersona    = wordID("campaign"), wordID("persona")
	idNo, idEvidence         = wordID("no"), wordID("evidence")
	idBased                  = wordID("based")
	idBy, idBehind           = wordID("by"), wordID("behind")
	idUsed                   = wordID("used")
)

// FindClaims finds the claims each sentence makes about the entities it
// mentions. ents must be sorted by Start. Pronouns and phrases such as
// "these efforts" at the start of a sentence refer back to the last actor
// named in an earlier sentence of the same text, where there is one;
// otherwise the subject stays nil (the operation the report describes),
// never a guessed actor.
func FindClaims(text string, sents []Span, ents []Entity) []Claim {
	// A long text is read in pieces side by side. The one thing a sentence
	// passes to the next, the last actor named, is the last actor entity
	// of the sentence or else the one before: a pass over the entities
	// alone gives it at the start of each piece. Sentences make claims
	// very unequally (an indicator list makes none): the pieces are many.
	return findClaimsTokens(text, nil, sents, ents)
}

// findClaimsTokens is FindClaims with the name recogniser's tokens of
// text, which the sentences' words are read off (tokenReader), not off
// the text again; with toks nil, FindClaims.
func findClaimsTokens(text string, toks *names.Tokens, sents []Span, ents []Entity) []Claim {
	return claimsInPieces(text, toks, sents, ents, linecut.Many(len(sents), 500))
}

// claimsInPieces is FindClaims reading the sentences in that many pieces,
// their words off toks when it is not nil.
func claimsInPieces(text string, toks *names.Tokens, sents []Span, ents []Entity, pieces int) []Claim {
	type start struct {
		e         int       // the first entity the piece may hold
		lastActor *Entity   // the last actor named before it
		listed    []*Entity // the actors listed with it (actorsListedWith)
		speaker   *Entity   // whom the quotation before it quotes
	}
	starts := make([]start, pieces)
	var lastActor *Entity
	var listed []*Entity
	e := 0
	// The quotations that end a piece are read again for their speaker
	// (speakerAfter): where each of the last sentences' entities start.
	const quoteRun = 8 // sentences of one quotation read back, at most
	var tail [quoteRun]int
	for p := range pieces {
		from, to := p*len(sents)/pieces, (p+1)*len(sents)/pieces
		starts[p] = start{e: e, lastActor: lastActor, listed: listed}
		if p > 0 {
			starts[p].speaker = speakerAfter(text, sents[max(0, from-quoteRun):from], ents, tail[:])
		}
		for k, s := range sents[from:to] {
			in, next := sentenceEntities(ents, e, s)
			if a := lastNamedActor(text, in); a != nil {
				lastActor, listed = a, actorsListedWith(text, in, a)
			}
			if k >= to-from-quoteRun {
				copy(tail[:], tail[1:])
				tail[quoteRun-1] = next
			}
			e = next
		}
	}
	outs := make([][]Claim, pieces)
	linecut.Run(pieces, func(p int) {
		from, to := p*len(sents)/pieces, (p+1)*len(sents)/pieces
		outs[p] = findClaims(text, toks, sents[from:to], ents, starts[p].e, starts[p].lastActor, starts[p].listed, starts[p].speaker)
	})
	return dedupeClaims(slices.Concat(outs...))
}

// speakerAfter returns whom a quotation ending with the last of sents
// quotes, as findClaims passes it on from sentence to sentence: the
// sentences are read from the last one with no quotation mark. The last
// len(sents) of es are where each sentence's entities start in ents.
func speakerAfter(text string, sents []Span, ents []Entity, es []int) *Entity {
	es = es[len(es)-len(sents):]
	j := len(sents)
	for j > 0 && hasQuoteMark(text[sents[j-1].Start:sents[j-1].End]) {
		j--
	}
	var speaker *Entity
	var ws []cword
	for k := j; k < len(sents); k++ {
		s := sents[k]
		in, _ := sentenceEntities(ents, es[k], s)
		ws = sentenceWords(text, s.Start, s.End, ws[:0])
		st := sentence{text: text, span: s, in: in, ws: ws}
		if speaker != nil && opensQuote(text[s.Start:s.End]) {
			st.speaker = speaker
		}
		if speaker = st.claimantOf(); speaker == nil {
			speaker = st.speaker
		}
	}
	return speaker
}

// hasQuoteMark reports whether a sentence holds a double quotation mark,
// straight or closing curly.
func hasQuoteMark(sent string) bool {
	return strings.IndexByte(sent, '"') >= 0 || strings.Contains(sent, "”") // not ContainsAny: with a character outside ASCII it reads rune by rune
}

// sentenceEntities returns the entities of ents, from index e on, that
// sentence s holds, and the index to start from for the next sentence.
func sentenceEntities(ents []Entity, e int, s Span) ([]Entity, int) {
	for e < len(ents) && ents[e].End <= s.Start {
		e++
	}
	k := e
	for k < len(ents) && ents[k].Start < s.End {
		k++
	}
	return ents[e:k], e
}

// findClaims finds the claims of sents, whose entities start at ents[e],
// after a sentence whose last actor is lastActor (listed with the actors
// of listed) and which quotes speaker (nil when it quotes no one); their
// words are read off toks when it is not nil.
func findClaims(text string, toks *names.Tokens, sents []Span, ents []Entity, e int, lastActor *Entity, listed []*Entity, speaker *Entity) []Claim {
	var out []Claim
	var ws []cword
	var tr *tokenReader
	if toks != nil && len(sents) > 0 {
		tr = newTokenReader(text, *toks, sents[0].Start)
	}
	var actorsSeen []string // the keys of the actors named so far, up to two
	headed := false         // the sentence before was a section's heading, in a report of several actors
	for _, s := range sents {
		var in []Entity
		in, e = sentenceEntities(ents, e, s)
		if tr != nil {
			ws = tr.words(s.Start, s.End, ws[:0])
		} else {
			ws = sentenceWords(text, s.Start, s.End, ws[:0])
		}
		st := sentence{text: text, span: s, in: in, ws: ws}
		if speaker != nil && opensQuote(text[s.Start:s.End]) {
			st.speaker = speaker
		}
		if headed && len(ws) > 0 && st.wordIs(0, "it", "its", "they", "their") {
			lastActor = nil // "It" under a new heading is not the last section's actor, of several
		}
		headed = len(actorsSeen) > 1 && sectionHeading(text, s, len(ws)) && firstOf(in, EntActor, EntCampaign) == nil // a heading that names the actor is what "It" is
		before, n := lastActor, len(out)
		out = st.claims(out, &lastActor)
		if len(listed) > 0 && before != nil && st.pluralAnaphor() {
			// "APT28 and APT29 were active. They targeted the DNC": what
			// they did, each of the list did.
			var each []Claim
			for _, c := range out[n:] {
				if c.Subject == before {
					for _, x := range listed {
						d := c
						d.Subject = x
						each = append(each, d) // in the list's order, the last's own after
					}
				}
				each = append(each, c)
			}
			out = append(out[:n], each...)
		}
		if lastActor != before {
			listed = actorsListedWith(text, in, lastActor)
		}
		for i := range in {
			if x := &in[i]; len(actorsSeen) < 2 && (x.Kind == EntActor || x.Kind == EntCampaign) && !slices.Contains(actorsSeen, x.Key) {
				actorsSeen = append(actorsSeen, x.Key)
			}
		}
		speaker = nil
		if hasQuoteMark(text[s.Start:s.End]) {
			if speaker = st.claimantOf(); speaker == nil {
				speaker = st.speaker // the quotation goes on
			}
		}
	}
	return out
}

// actorsListedWith returns the actors listed before actor a in its
// sentence's entities in, joined to it by "and" and to each other by
// commas ("APT28, APT29 and Turla"), in text order; nil when a is not in
// in or ends no list.
func actorsListedWith(text string, in []Entity, a *Entity) []*Entity {
	i := -1 // a's index: -1 when a is not in in, and nothing is listed
	for k := range in {
		if &in[k] == a {
			i = k
		}
	}
	var out []*Entity
	at, anded := a.Start, false
	for k := i - 1; k >= 0 && len(out) < maxListed; k-- {
		x := &in[k]
		if x.End > at || x.Kind != EntActor {
			break // one overlapping the next (no list), or no actor: "Russia and APT29"
		}
		switch strings.Trim(text[x.End:at], " \t\n*_") {
		case "and", ", and":
			anded = true
		case ",":
		default:
			k = -1
			continue
		}
		out = append(out, x)
		at = x.Start
	}
	if !anded {
		return nil // "APT28, APT29": an apposition, not a list
	}
	slices.Reverse(out)
	return out
}

// pluralAnaphor reports whether the sentence opens with a word for
// several actors that refers back: "They", "Their", "These actors",
// "Both groups", "The two groups".
func (st *sentence) pluralAnaphor() bool {
	ws := st.ws
	switch {
	case len(ws) == 0:
		return false
	case st.wordIs(0, "they", "their"):
		return true
	case len(ws) > 1 && st.wordIs(0, "these", "both") && st.wordIs(1, "actors", "groups", "hackers", "operators"):
		return true
	case len(ws) > 2 && st.wordIs(0, "the") && st.wordIs(1, "two") && st.wordIs(2, "actors", "groups"):
		return true
	}
	return false
}

// sectionHeading reports whether sentence s (of n words) is a heading of
// a section: a paragraph of its own (a blank line or the text's edge on
// each side), of one to ten words, that ends without a stop, and is no
// figure's or table's caption. In a report that has named two actors or
// more, a bare pronoun that opens the section's first sentence ("It used
// fake news sites") has nothing under the heading to refer back to: the
// actor of the section before is not clearly the one meant, and the
// claim is the report's operation's. With one actor named so far, it is
// that one; and "the threat actor" opening a section is the report's
// actor, the last named (the held-out reports' sections say so).
func sectionHeading(text string, s Span, n int) bool {
	if n == 0 || n > 10 {
		return false
	}
	before := strings.TrimRight(text[:s.Start], " \t")
	after := strings.TrimLeft(text[s.End:], " \t")
	if before != "" && !strings.HasSuffix(before, "\n\n") || after != "" && !strings.HasPrefix(after, "\n\n") && after != "\n" {
		return false
	}
	line := strings.TrimSpace(text[s.Start:s.End])
	if line == "" || strings.ContainsRune(".!?:;,\"”)", rune(line[len(line)-1])) || strings.Contains(line, "|") {
		return false
	}
	for _, p := range []string{"Figure", "Fig.", "Table", "Image", "Source"} {
		if strings.HasPrefix(line, p) {
			return false
		}
	}
	return true
}

// opensQuote reports whether a sentence is a quotation's: it opens with
// a quotation mark.
func opensQuote(s string) bool {
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“")
}

// mayHave reports whether a phrase of ps may stand in the sentence: a
// word of it starts one. Most sentences hold no word that starts most
// sets, and are not read word by word for them.
func (st *sentence) mayHave(ps *phraseSet) bool {
	if ps.bit < 0 {
		return true
	}
	if !st.masked {
		for _, w := range st.ws {
			m := &startsSets[w.id]
			st.sets[0] |= m[0]
			st.sets[1] |= m[1]
		}
		st.masked = true
	}
	return st.sets.has(ps.bit)
}

// find is ps.find over the sentence's words, when mayHave says it may
// find one.
func (st *sentence) find(ps *phraseSet, from int) (wmatch, bool) {
	if !st.mayHave(ps) {
		return wmatch{}, false
	}
	return ps.find(st.ws, from)
}

// sentence is one sentence under the claim rules.
type sentence struct {
	text string
	span Span
	in   []Entity // the entities it mentions, in text order
	ws   []cword

	claimant, hedge lazy
	to              toCache
	sets            setMask // the phrase sets a word of ws may start (mayHave), once masked
	masked          bool
	// speaker is whom the sentence before quotes, when this one is a
	// quotation that names no speaker of its own: the same speaker goes
	// on ('"... we categorically deny any involvement," said a
	// spokesperson for the Russian embassy. "If the Dutch side has any
	// facts, let it provide evidence."').
	speaker *Entity
}

// lazy holds a value computed the first time a claim needs it: most
// sentences make none.
type lazy struct {
	done       bool
	entity     *Entity
	at         int // where the claimant's verb of saying starts
	phrase     string
	confidence int
}

// claims appends the claims of the sentence to out. lastActor is the last
// actor named so far; the sentence updates it.
func (st *sentence) claims(out []Claim, lastActor **Entity) []Claim {
	in, ws := st.in, st.ws
	first := len(out) // the sentence's claims start here
	subject := firstOf(in, EntActor, EntCampaign)
	refers := subject == nil && *lastActor != nil && st.refersBack()
	if refers {
		subject = *lastActor
	}
	if subject == nil && *lastActor != nil && st.definiteAnaphor() {
		subject, refers = *lastActor, true // "Officials said the group had tried to ..."
	}
	if subject != nil && !refers && subject.Kind == EntActor && st.claimedIdentity(subject) {
		subject = nil // "actors who targeted the finance sector, claiming to be members of Fancy Bear": a false flag, not Fancy Bear
	}
	denial, denied := st.findDenial()
	if denied && st.privateDenier(denial.first) {
		denied = false // "the company denied that any customer data was lost": no state answers an accusation
	}
	if subject == nil && !denied && onlyIndicators(in) {
		return out // nothing to make a claim about: most sentences of a long report, and the rows of its indicator lists
	}
	var attributed, targeted bool
	var attributedTo []int // where the states and actors the sentence attributes to start
	negSaid := -2          // where the sentence's first negated verb of saying ends (negatedSaying), once asked
	addAbout := func(kind ClaimKind, trig Span, subj, obj *Entity) {
		if subj == nil && kind != ClaimDenial && kind != ClaimIndicates && (st.otherDoerBefore(trig.Start) || st.genericDoer(trig.Start) || st.definesTechnique()) {
			return // "another actor offered to sell ... compromised account credentials", "Cybercriminals will target users ...": not the report's operation
		}
		if kind == ClaimUses && obj != nil && (st.othersExample(obj) || st.softwareDoer(obj, trig)) {
			return // "a technique ... also used by other ransomware such as SamSam and LockerGoga"; "Ursnif has previously leveraged web inject capability"
		}
		if kind != ClaimDenial && kind != ClaimIndicates && st.inQuestion(st.wordAt(0, trig.Start)) {
			return // "It is unclear whether APT28 targeted the DNC": asked, not said
		}
		if kind != ClaimDenial && kind != ClaimIndicates {
			if negSaid == -2 {
				negSaid = st.negatedSaying()
			}
			if negSaid >= 0 && negSaid <= trig.Start {
				return // "we do not assess that the activity is tied to the Russian government": not said
			}
		}
		hedge, conf := st.hedgeOf()
		c := Claim{Kind: kind, Sentence: st.span, Trigger: trig, Subject: subj, Object: obj,
			Claimant: st.claimantOf(), Hedge: hedge, Confidence: conf}
		if c.Claimant == nil {
			c.Claimant = st.speaker // a quotation that goes on is its speaker's
		}
		if kind != ClaimDenial && c.Claimant != nil && c.Claimant == st.claimant.entity && st.outsideClaimantsClause(trig, obj) {
			// "The operation, which Meta attributed to the IRA, ran fake
			// news sites": Meta said what its clause says, the author
			// the rest.
			c.Claimant = nil
		}
		switch kind {
		case ClaimDenial:
			c.Strong = st.mayHave(strongDenialWords) && strongDenialWords.has(ws)
			c.Subject = nil
			if c.Claimant != nil && st.claimant.at > trig.End && st.contrastBetween(trig.End, st.claimant.at) {
				// "The Kremlin has repeatedly denied meddling ..., although
				// U.S. intelligence agencies concluded ...": the one who
				// concludes, in a clause of its own, is not who denies.
				c.Claimant = nil
			}
			if c.Claimant != nil && c.Claimant == st.claimant.entity && st.wordIs(st.wordAt(0, st.claimant.at), accusingVerbs...) {
				c.Claimant = nil // "Georgia blamed the attacks on Russia, which denied involvement": the accuser denies nothing
			}
			if c.Claimant == nil && obj != nil && attributableFirm(obj) && obj.End <= trig.Start {
				c.Claimant = obj // the firm that denies speaks for itself
			}
			if c.Claimant == nil && obj != nil && obj.Kind == EntCountry && (obj.End <= trig.Start || opensQuote(st.text[st.span.Start:st.span.End]) && obj.Start > trig.End ||
				st.againstAfter(trig, obj)) { // "part of a smear campaign against Beijing": the state it is against denies
				// "Moscow denies involvement", '"We have nothing to do with
				// it," Kremlin spokesman ... told': the state that denies
				// speaks for itself.
				c.Claimant = obj
			}
		case ClaimAttribution:
			attributed = true
			if obj != nil {
				attributedTo = append(attributedTo, obj.Start)
				c.Origin = obj.Kind == EntCountry && st.originOf(obj)
			}
		case ClaimTargeting:
			targeted = true
		}
		out = append(out, c)
	}
	// A claim's subject is the sentence's, unless the trigger stands in a
	// clause after a semicolon that names its own actor: "Microsoft
	// tracks the group as Mint Sandstorm; another cluster, Storm-2035, ran
	// fake news sites aimed at US voters" is about Storm-2035.
	add := func(kind ClaimKind, trig Span, obj *Entity) {
		addAbout(kind, trig, st.clauseSubject(trig.Start, subject), obj)
	}

	if denied {
		out = st.leadClaims(out, denial.first, lastActor)
		// A denial names what it denies by the state that speaks (the last
		// named before the trigger: "Russia categorically denies"), or the
		// state or actor nearby.
		// A state the sentence calls on is the accuser the denial
		// answers, not the state that denies: "The Russian embassy called
		// on the U.S. to provide evidence".
		var obj *Entity
		if sp := st.speaker; sp != nil && sp.Kind == EntCountry && st.claimantOf() == nil {
			obj = sp // the state's speaker goes on: the state denies
		}
		for i := startingAt(in, int(ws[denial.first].start)) - 1; i >= 0 && obj == nil; i-- {
			if x := &in[i]; x.Kind == EntCountry && x.End <= int(ws[denial.first].start) && !st.addressee(x) {
				obj = x
			}
		}
		if seat := st.seatBefore(denial.first); seat != nil && (obj == nil || seat.Start > obj.End || st.possessiveAt(st.wordAt(0, seat.Start))) {
			obj = seat // "Moscow called the allegations baseless"; "Beijing's Taiwan Affairs Office called the accusation a smear": whose the office is
		}
		for i := 0; i < len(in) && obj == nil; i++ {
			if x := &in[i]; x.Kind == EntCountry && !st.addressee(x) {
				obj = x
			}
		}
		for i := 0; obj == nil && i < len(ws); i++ {
			obj = st.seatAt(i) // '"We have nothing to do with these hacks," Kremlin spokesman Dmitry Peskov told reporters'
		}
		if obj == nil {
			obj = st.firmDenier(denial.first) // "STOIC denied any involvement"
		}
		if obj == nil {
			obj = firstOf(in, EntActor)
		}
		if obj != nil && obj.Kind == EntCountry && obj.End <= int(ws[denial.first].start) {
			// "Russia and China have both denied involvement": each
			// state listed with the one that denies denies as well.
			for _, y := range st.listedBefore(obj) {
				if y.Kind == EntCountry && y.Key != obj.Key {
					add(ClaimDenial, st.spanOf(denial), y)
				}
			}
		}
		add(ClaimDenial, st.spanOf(denial), obj)
		if n := len(out); n > 0 && obj != nil && obj.Kind == EntCountry && st.denierBefore(obj, denial.first) {
			// "The US accused Russia of the hack, which Moscow denied",
			// "The FBI said Russia denied the charges": the state denies,
			// not who accuses or reports it; but its own mission, quoted,
			// speaks for it ("the Permanent Mission of Iran ... said Iran
			// categorically denies").
			if c := out[n-1].Claimant; c == nil || !(c.Kind == EntCountry && c.Key == obj.Key || strings.Contains(c.Name, obj.Name)) {
				out[n-1].Claimant = obj
			}
		}
		// A second clause may deny again: "Russia does not interfere in
		// ..., and we categorically deny any involvement".
		if m, ok := st.find(denialPhrases, denial.last+1); ok &&
			strings.ContainsAny(st.text[ws[denial.last].end:ws[m.first].start], ",;") {
			add(ClaimDenial, st.spanOf(m), obj)
		}
		st.updateLastActor(lastActor)
		return st.contrastClaims(out, denial.last+1, lastActor)
	}
	if subject == nil {
		// A state acting in person ("Iran ... sought access to ...",
		// "Russia targeted ..."): the operation is attributed to it.
		// The claimant is passed over: "U.S. intelligence agencies
		// expressed confidence that the Russian government directed the
		// hack of ..." attributes to Russia.
		x := firstOf(in, EntCountry, EntActor)
		seat := false
		if y := st.seatAt(0); y != nil && len(ws) > 1 && ws[1].gap == gapSpace && (x == nil || y.End <= x.Start) {
			x, seat = y, true // "Beijing targeted Taiwan's election", "Tehran sought to influence voters": the seat of power acts for its state
		}
		if c := st.claimantOf(); x != nil && (isClaimant(x, c) || c != nil && x.End <= c.Start && c.Start-x.End <= 3) {
			// Past the claimant, and the state it belongs to: "Taiwan's
			// National Security Bureau said China targeted ...".
			x = firstOf(in[startingAt(in, c.End):], EntCountry, EntActor)
		}
		if x != nil && x.Kind == EntCountry && (seat || !demonym(st.text[x.Start:x.End]) || st.stateNounAfter(x)) && !st.placeAfter(x) && !st.impersonated(x) &&
			!st.opposed(x.Start) && // "Pro-China accounts targeted ...": for the state, not the state
			!st.modifierOf(x) && // "content about the US election, targeting Latino voters": the state is the topic
			!st.opensWithDoer(x.Start) { // "The network praised Azerbaijan and hacked ...": the network acts
			m, ok := st.findActing()
			if !ok {
				m, ok = st.findCarriedOut()
			}
			if ok {
				if at := int(ws[m.first].start); at > x.End && !st.negatedBefore(at) && !st.reportsBetween(x.End, at) {
					add(ClaimAttribution, Span{x.Start, x.End}, x)
					for _, y := range st.countriesListedAfter(x, at) {
						add(ClaimAttribution, Span{y.Start, y.End}, y) // "observed Russia, Iran and China attempting to influence the election"
					}
				}
			}
		}
		// A state's intelligence or military body acting in person, as the
		// sentence's first name: "The GRU targeted the DNC".
		var y *Entity // the sentence's first name, or the first after its claimant: "The FBI said the GRU targeted ..."
		if len(in) > 0 {
			y = &in[0]
			if len(in) > 1 && y.Kind == EntCountry && st.possessiveOf(y, &in[1]) {
				y = &in[1] // "Iran's IRGC created ...": the body, of its state
			}
			if c := st.claimantOf(); c != nil && isClaimant(y, c) {
				y = nil
				if i := startingAt(in, c.End); i < len(in) {
					y = &in[i]
				}
			}
		}
		if !attributed && y != nil && adversaryBody(y) && !isClaimant(y, st.claimantOf()) {
			m, ok := st.findActing()
			if !ok {
				m, ok = st.findCarriedOut()
			}
			if !ok {
				// "Iran's IRGC created fake news sites", "The GRU leaked
				// stolen documents": a verb of doing or of use right after
				// it. (Not for a state: "Russia sent troops".)
				if k := st.doingAfter(y); k >= 0 {
					m, ok = wmatch{k, k}, true
				}
			}
			if at := int(ws[m.first].start); ok && at > y.End && !st.negatedBefore(at) && !st.reportsBetween(y.End, at) {
				add(ClaimAttribution, Span{y.Start, y.End}, y)
			}
		}
		// A firm running the operation, as the sentence's first name:
		// "STOIC, a political marketing firm in Tel Aviv, ran the
		// network".
		if !attributed && y != nil && attributableFirm(y) && !isClaimant(y, st.claimantOf()) {
			if k := st.firmRuns(y); k >= 0 && !st.negatedBefore(int(ws[k].start)) {
				add(ClaimAttribution, Span{y.Start, y.End}, y)
			}
		}
	}
	// Attribution to a state or a state body: "attributed ... to Iran",
	// "on Iran's behalf", "a unit of the GRU", "accused Russia of".
	if last := st.lastAttributable(); !attributed && last != nil {
		for m, ok := st.findAttribution(0); ok; m, ok = st.findAttribution(m.last + 1) {
			if st.negatedBefore(int(ws[m.first].start)) || st.inQuestion(m.first) || st.notAnAttack(m) || st.targetsAssociated(m) || st.othersConceded(m.first) || st.otherActivity(m) {
				continue
			}
			if x, ok := st.passiveAccused(m); ok {
				// "The GRU was charged by the Department of Justice for
				// the DNC hack": the accused stands before the verb.
				if x != nil {
					add(ClaimAttribution, st.spanOf(m), x)
					break
				}
				continue
			}
			var x *Entity
			if end := int(ws[m.last].end); end <= last.Start {
				// There is one, unless all are after "pro-" ("attributed the
				// attacks to pro-Russian hacktivists"): the loop ends here.
				x = st.attributableAfter(end)
				if x == nil {
					break
				}
				if ok, _ := st.governed(m.last+1, x.Start, maxAttributed); !ok {
					x = nil // "blamed it for the leak of ... emails in the United States"
				}
			}
			if ws[m.last].id == idBehalf && ws[m.first].id == idOn {
				if y := st.countryAt(m.first + 1); y != nil {
					x = y // "on Iran's behalf": the state is the possessor
				}
			}
			if x != nil && (st.targetWordBefore(x) || st.whereThingsAre(x) || st.countryOfPlace(x) || st.actorBetween(int(ws[m.last].end), x.Start) || st.attacksIn(m.last, x)) {
				x = nil // "attributed to APT10 against Turkish organizations", "servers located in Germany": a target, a place; "attributed to Winnti ... Germany's office": the actor is what it is attributed to
			}
			if x != nil && st.posingBefore(m.first) {
				x = nil // "emails purporting to be from IRS representatives associated with the American ...": an impersonation
			}
			if x != nil && x.Kind == EntCountry && demonym(st.text[x.Start:x.End]) && !st.stateNounAfter(x) && (st.privateAfter(x) || st.thingAfter(x)) {
				x = nil // "accounts linked to an Israeli political consulting firm": a company of the country, not its state; "a zone controlled by the Turkish influence": a thing of it
			}
			if x != nil {
				n := len(out)
				add(ClaimAttribution, st.spanOf(m), x)
				for _, y := range st.listedAfter(x) {
					add(ClaimAttribution, st.spanOf(m), y) // "attributed to Russia and Iran"
				}
				claimedBy(out[n:], cmp.Or(st.linkerBefore(m.first), st.linkerBy(m.first))) // "Researchers at Clemson University linked the accounts to ...", "linked by the FBI to Iran": the university, the FBI says so
				break
			}
		}
	}
	// A state by its adjective ("Russian hackers", "Iran-linked"), besides
	// any the sentence attributes to already: "Belarus, Russia-Based
	// Influence Operation Network Targeting Poland" (a state attributed to
	// twice is one claim: dedupeClaims).
	if x, trig := st.stateAdjective(); x != nil && !isClaimant(x, st.claimantOf()) && !st.negatedAround(trig) {
		// "Russian and Iranian actors": each state of the list acts;
		// but in "Polish and Russian-linked accounts" Russia alone.
		for _, y := range st.listedBefore(x) {
			if x.End >= len(st.text) || st.text[x.End] != ' ' {
				break
			}
			if y.Kind == EntCountry && demonym(st.text[y.Start:y.End]) && !isClaimant(y, st.claimantOf()) {
				add(ClaimAttribution, Span{y.Start, trig.End}, y)
			}
		}
		add(ClaimAttribution, trig, x)
	}
	// What the activity "is consistent with" is a sign of whose it is, as
	// an overlap is (overlapConfidence): "the recently reported activity
	// to compromise former President Trump's campaign is consistent with
	// Iranian tactics", "consistent with APT42's tradecraft". Without a
	// word for an actor's ways after it, it is no sign ("consistent with
	// Microsoft's findings"). "The hallmarks of Sandworm" are its ways.
	for _, likeness := range []struct {
		set  *phraseSet
		ways bool // a word for ways must follow the actor
	}{{consistentWith, true}, {hallmarksOf, false}} {
		for m, ok := st.find(likeness.set, 0); ok; m, ok = st.find(likeness.set, m.last+1) {
			x := st.waysOf(m.last+1, likeness.ways)
			if x == nil || st.negatedBefore(int(ws[m.first].start)) || isClaimant(x, st.claimantOf()) {
				continue
			}
			subj := st.clauseSubject(int(ws[m.first].start), subject)
			if subj == x || subj != nil && x.Kind == EntActor {
				subj = nil // "The intrusion is consistent with APT42's tradecraft": the operation's likeness, not APT42's
			}
			addAbout(ClaimAttribution, st.spanOf(m), subj, x)
			// A likeness hedges every attribution of the sentence to x,
			// "Russian operations" (stateAdjective) as well.
			hedge := st.text[ws[m.first].start:ws[m.last].end]
			for k := range out {
				if c := &out[k]; c.Kind == ClaimAttribution && c.Sentence == st.span && c.Object != nil && c.Object.Key == x.Key {
					capConfidence(out[k:k+1], overlapConfidence, hedge)
				}
			}
		}
	}
	// "Iran's Mint Sandstorm", "Russia's APT28": the state whose actor it
	// is, by its possessive right before the actor's name.
	for i := 1; i < len(in); i++ {
		if x, y := &in[i-1], &in[i]; y.Kind == EntActor && x.Kind == EntCountry && !demonym(st.text[x.Start:x.End]) {
			if st.possessiveOf(x, y) {
				addAbout(ClaimAttribution, Span{x.Start, y.End}, y, x)
			}
		}
		// "GRU Unit 29155", "Russian GRU Unit 29155 cyber actors": the
		// state body whose unit the actor is; "Iranian Cotton Sandstorm
		// actors": the state whose actors they are. A bare "Israeli NSO
		// Group" says where a company is, not whose it is.
		if x, y := &in[i-1], &in[i]; y.Kind == EntActor && st.text[x.End:y.Start] == " " {
			switch {
			case x.Kind == EntOrg && adversaryBody(x):
				addAbout(ClaimAttribution, Span{x.Start, y.End}, y, x)
			case x.Kind == EntCountry && demonym(st.text[x.Start:x.End]) && st.followedBy(y.End, actorNouns):
				addAbout(ClaimAttribution, Span{x.Start, y.End}, y, x)
			}
		}
	}
	// "The network originated in Iran", "APT33 operates from Iran": where
	// the operation or actor comes from, said outright (an origin, not the
	// state's sponsorship: originOf).
	if !attributed {
		for i := range in {
			if x := &in[i]; x.Kind == EntCountry && st.cameFrom(x) {
				add(ClaimAttribution, Span{x.Start, x.End}, x)
				break
			}
		}
	}
	// "Storm-2035 is an Iranian network": what the actor is, by its
	// state's adjective.
	if !attributed && subject != nil {
		if x := st.describedAs(subject); x != nil {
			add(ClaimAttribution, Span{x.Start, x.End}, x)
		} else if x := st.predicateState(subject); x != nil {
			add(ClaimAttribution, Span{x.Start, x.End}, x)
		}
	}
	// "The Government of Iran is behind ...": the state, state body or
	// actor just before the trigger carried out what the report describes.
	if !attributed {
		if m, ok := st.findBehind(); ok && !st.negatedBefore(int(ws[m.first].start)) {
			if x := st.behind(int(ws[m.first].start)); x != nil {
				// What it is behind: an actor named right after the
				// trigger ("the MPS is behind Spamouflage"), or the
				// operation the report describes.
				var of *Entity
				if i := startingAt(in, int(ws[m.last].end)); i < len(in) && in[i].Kind == EntActor && in[i].Key != x.Key &&
					st.wordAt(m.last+1, in[i].Start) <= m.last+2 {
					of = &in[i]
				}
				addAbout(ClaimAttribution, st.spanOf(m), of, x)
			}
		}
	}
	// One actor tied to another: "carried out by APT28", "overlaps with
	// Storm-2035". The subject is the actor named before the trigger, the
	// one the sentence refers back to, or the operation.
	if firstOf(in, EntActor) != nil {
		// attributeToActors attributes subj to actor x and to those
		// listed after it ("tied to the groups they call Cozy Bear and
		// Fancy Bear"), but never to itself.
		attributeToActors := func(trig Span, subj, x *Entity) {
			for _, y := range append([]*Entity{x}, st.listedAfter(x)...) {
				if subj == nil || subj.Key != y.Key {
					addAbout(ClaimAttribution, trig, subj, y)
				}
			}
		}
		linked := false
		for m, ok := st.find(actorLinks, 0); ok; m, ok = st.find(actorLinks, m.last+1) {
			if st.negatedBefore(int(ws[m.first].start)) || st.notAnAttack(m) {
				continue
			}
			x := st.actorAfter(m)
			if x == nil || st.example(x) {
				continue // none, or one named as an example ("operations attributed to other groups, such as APT17")
			}
			subj := lastBefore(in, EntActor, int(ws[m.first].start))
			if subj == nil && *lastActor != nil && (refers || st.refersBack()) {
				subj = *lastActor
			}
			if subj != nil && subj.Key == x.Key {
				continue
			}
			n := len(out)
			attributeToActors(st.spanOf(m), subj, x)
			if overlapLinks.matchAt(ws, m.first) >= 0 {
				// An overlap is a sign of a link, not the link: no surer
				// than "suggests", whatever the sentence's own hedge.
				capConfidence(out[n:], overlapConfidence, st.text[ws[m.first].start:ws[m.last].end])
			}
			linked = true
			break
		}
		// "linked the phishing domains used against the campaign to Pawn
		// Storm": the verb and its "to" apart, an actor right after "to".
		for i := 0; !linked && i < len(ws); i++ {
			if ws[i].id == 0 || attributionVerbs.matchAt(ws, i) < 0 || st.negatedBefore(int(ws[i].start)) {
				continue
			}
			j, dot := st.toAfter(i)
			if j >= len(ws) || dot >= int(ws[i].end) || j-i > 12 || j == i+1 {
				continue // none, one after a period, one too far; "linked to" is a link of actorLinks
			}
			x := st.actorAfter(wmatch{i, j})
			if x == nil || st.example(x) {
				continue
			}
			if k := st.wordAt(j+1, x.Start); k > j+2 && !(k == j+3 && st.ws[j+2].gap == gapApos && st.countryAt(j+1) != nil) && !st.namedBefore(j+1, k) {
				continue // the actor must follow "to", "to the", a state's possessive ("to Iran's International Union of Virtual Media") or a naming clause ("to the groups they call Cozy Bear")
			}
			subj := lastBefore(in, EntActor, int(ws[i].start))
			if subj == nil && *lastActor != nil && (refers || st.refersBack()) {
				subj = *lastActor
			}
			if subj == nil || subj.Key != x.Key {
				n := len(out)
				attributeToActors(st.spanOf(wmatch{i, j}), subj, x)
				claimedBy(out[n:], cmp.Or(st.linkerBefore(i), st.linkerBy(i))) // "Microsoft tied the intrusion to Peach Sandstorm": Microsoft says so
				linked = true
			}
		}
		// "CyberBerkut claimed responsibility for the attack": the actor's
		// own word, an attribution no surer than an even chance.
		for m, ok := st.find(responsibilityClaims, 0); !linked && ok; m, ok = st.find(responsibilityClaims, m.last+1) {
			if st.negatedBefore(int(ws[m.first].start)) {
				continue
			}
			if x, ok := st.doerBefore(m.first, nil); ok && x != nil && x.Kind == EntActor {
				n := len(out)
				addAbout(ClaimAttribution, st.spanOf(m), nil, x)
				capConfidence(out[n:], overlapConfidence, st.text[ws[m.first].start:ws[m.last].end])
				break
			}
		}
	}
	// Targeting: an organisation or state the trigger governs, and those
	// listed with it. A trigger after the last of them has nothing to
	// target, nor has any after it: the loop stops there, so that a
	// sentence of many triggers and no target costs one pass.
	if lastAt := st.lastTargetStart(); lastAt >= 0 {
		next := 0 // each trigger governs its own targets: "targeted X in the United States, with ... targeting Y"
		for m, ok := st.find(targetingPhrases, 0); ok; m, ok = st.find(targetingPhrases, max(m.last+1, next)) {
			if st.negatedBefore(int(ws[m.first].start)) || st.inLink(int(ws[m.first].start)) {
				continue
			}
			if st.noActorsAttack(m, subject) || st.hypotheticalGerund(m) {
				continue
			}
			if c := st.targetNoun(m); c >= 0 {
				// "Turkey becomes a target of groups like APT10": the
				// target is what the copula says it of.
				if t := st.targetBefore(int(ws[c].start)); t != nil {
					if ok, _ := st.governed(st.wordAt(0, t.End), int(ws[c].start), 2); ok {
						add(ClaimTargeting, st.spanOf(m), t)
					}
				}
				continue
			}
			// (Not "The efforts were aimed at voters": a passive whose
			// target follows it, as the active's does.)
			if m.last+1 < len(ws) && ws[m.last+1].id == idBy || st.pastPassive(m.first) && !st.wordIs(m.last, "at") {
				// Passive: "Israel was targeted by ...", "Voters in Romania
				// were targeted with TikTok videos", "Election officials
				// were targeted in a phishing campaign": the target stands
				// before the trigger; what follows is the doer, the means
				// or the occasion. Not a demonym's thing: "Ukrainian
				// accounting software MeDoc was breached".
				if t := st.targetBefore(int(ws[m.first].start)); t != nil && !(t.Kind == EntCountry && demonym(st.text[t.Start:t.End])) {
					for _, x := range st.listedBefore(t) {
						add(ClaimTargeting, st.spanOf(m), x)
					}
					if c := st.classInCountry(t); c != nil {
						add(ClaimTargeting, st.spanOf(m), c) // "voters in Romania": the voters, and their country
					}
					add(ClaimTargeting, st.spanOf(m), t)
				}
				continue
			}
			if int(ws[m.last].end) > lastAt {
				break
			}
			if !st.acting(m) {
				continue // "human rights abuses against the Uighur minority": against, but no operation
			}
			if st.notTargeting(m) {
				continue
			}
			k := m.last + 1  // the first word after the trigger or the last target
			var prev *Entity // the last target of this trigger
			for i := startingAt(in, int(ws[m.last].end)); i < len(in); i++ {
				t := &in[i]
				if t.Kind != EntOrg && t.Kind != EntCountry {
					continue
				}
				if c := st.claimantOf(); c != nil && (t.Start == c.Start || c.Start < t.Start && t.Start < st.claimant.at) {
					continue // the speaker, or one of the speakers listed with it ("the FBI, ODNI and Microsoft said")
				}
				if qualifiesOrg(in, i) {
					continue // "US voter groups": the state qualifies the target
				}
				limit := len(ws) // the first target: anywhere in the clause
				if k > m.last+1 {
					limit = maxListed // the next of a list: close to the one before
				} else if st.wordIs(m.last, "on") {
					limit = maxAttackedOn // "the attack on Colonial Pipeline has caused trouble in the United States": the target follows "on"
				}
				from := k
				var ok bool
				if ok, k = st.governed(k, t.Start, limit); !ok {
					break
				}
				if from < len(ws) && st.wordIn(int(ws[from].start), t.Start, listEnders...) {
					break // "targeted voters ahead of the election": when, not whom; "sites in countries that support Ukraine": a clause about the targets
				}
				if prev != nil && from < len(ws) && st.wordIn(int(ws[from].start), t.Start, "is", "are", "was", "were") {
					break // "to compromise the Trump campaign is consistent with Iranian tactics": the verb of the sentence, after its subject's targets
				}
				if limit == maxListed && t.Kind == EntCountry && st.locative(k) && !(prev != nil && prev.Key == string(OrgClass)) {
					continue // "Democratic National Committee emails in the United States": where the named target is; but "voters in Ghana", "election infrastructure in Ukraine" are the country's
				}
				if prev != nil && prev.Key == string(OrgClass) && t.Key == string(OrgClass) && st.wordIs(st.wordAt(0, prev.End), "at") && !strings.ContainsAny(st.text[prev.End:t.Start], ",;") {
					continue // "journalists at a national newsroom": where the targets work, said of them
				}
				if st.recipient(t, m.last) {
					continue // "hacking into the campaign and leaking stolen documents to journalists": given to, not targeted
				}
				if j := st.wordBefore(t); j >= 0 && st.wordIs(j, "of") && st.nounTargets(m) {
					continue // "the structure, targets and TTP of the GRU": whose targets, not one
				}
				if j := st.wordBefore(t); j > m.last && st.wordIs(j, "using", "via", "leveraging", "utilizing", "utilising") {
					break // "an attack against Travelex using Google DNS servers": the means, and nothing after it is a target
				}
				if st.notTarget(t) || slices.Contains(attributedTo, t.Start) {
					continue // "attributed the hack of the campaign's email to Iran": Iran is who hacked, not who was
				}
				if t.Kind == EntCountry && st.opposed(t.Start) {
					continue // "defaced it with pro-Russian messages", "targeted anti-Iranian activists": a stance, not a target
				}
				add(ClaimTargeting, st.spanOf(m), t)
				prev = t
				k = st.wordAt(k, t.End)
				next = k
			}
		}
	}
	// An actor that went after, contacted or sent something to a target.
	if !targeted {
		for m, subj := range st.doings(approachVerbs, subject) {
			via := "" // the word the target must follow
			switch {
			case m.first != m.last:
			case st.wordIs(m.first, toVerbs...):
				via = "to"
			case st.wordIs(m.first, fromVerbs...):
				via = "from"
			}
			k, limit := m.last+1, maxApproachObject
			for i := startingAt(in, int(ws[m.last].end)); i < len(in); i++ {
				t := &in[i]
				if t.Kind != EntOrg && t.Kind != EntCountry || isClaimant(t, st.claimantOf()) {
					continue
				}
				if qualifiesOrg(in, i) {
					continue // "US voter groups": the state qualifies the target
				}
				from, within := k, limit
				switch {
				case via != "" && limit == maxApproachObject:
					within += 6 // "sent [spearphishing emails] to [the staff of] the campaign", "sent [emails containing links to malware-laden documents] to [staff of] the Harris campaign"
				case via != "":
					within += 3
				}
				if limit == maxListed && from < len(ws) && st.verbBetween(from, t.Start) {
					break // "stole material from the Trump campaign and sent it to ... the Biden campaign": the next verb's, not the list's
				}
				var ok bool
				if ok, k = st.governed(k, t.Start, within); !ok {
					break
				}
				if via != "" && limit == maxApproachObject && !st.wordIn(int(ws[from].start), t.Start, via) {
					continue // "sent spearphishing emails impersonating the Electoral Council": no recipient
				}
				if via == "to" && limit == maxApproachObject && !st.toJustBefore(from, t) {
					continue // "sent emails purporting to be from IRS representatives associated with the American government": no recipient
				}
				if j := st.wordBefore(t); via == "from" && j >= 0 && st.wordIs(j, "to") {
					continue // "stole documents from the campaign and sent them to news outlets": given to, not stolen from
				}
				if st.notTarget(t) {
					continue
				}
				if st.stolenSent(m.last, t) {
					break // "emailed stolen campaign documents to journalists at Politico": given the material, not its targets
				}
				addAbout(ClaimTargeting, st.spanOf(m), subj, t)
				k, limit = st.wordAt(k, t.End), maxListed
			}
			if targeted {
				break
			}
		}
	}
	// "the 2016 DNC hack", "the SolarWinds breach": an organisation right
	// before a word for the attack on it.
	for i := range in {
		t := &in[i]
		if t.Kind != EntOrg || t.Key == string(OrgClass) {
			continue
		}
		k := st.wordAt(0, t.End)
		if k < len(ws) && int(ws[k].start) == t.End+1 && st.text[t.End] == ' ' && attackNouns.matchAt(ws, k) >= 0 &&
			!st.negatedBefore(int(ws[k].start)) && !isClaimant(t, st.claimantOf()) {
			add(ClaimTargeting, Span{int(ws[k].start), int(ws[k].end)}, t)
		}
	}
	// A state the recognisers do not know by that form, right after the
	// trigger: "targeting Ukrainian speakers".
	if !targeted && subject != nil {
		for m, ok := st.find(targetingPhrases, 0); ok; m, ok = st.find(targetingPhrases, m.last+1) {
			k := m.last + 1
			if k < len(ws) && st.wordIs(k, "the") {
				k++
			}
			if k >= len(ws) || ws[k].gap != gapSpace || st.negatedBefore(int(ws[m.first].start)) || st.inLink(int(ws[m.first].start)) || st.noActorsAttack(m, subject) {
				continue
			}
			if x := st.countryAt(k); x != nil && !st.opposed(x.Start) && !st.abstractAfter(x) {
				add(ClaimTargeting, st.spanOf(m), x)
				break
			}
		}
	}
	// Use of a technique or software.
	if (subject != nil || firstOf(in, EntTechnique, EntSoftware) != nil) && !st.definition() {
		usedVerb := false
		if m, ok := st.findUse(); ok && !st.negatedBefore(int(ws[m.first].start)) && !st.advice() {
			agentFrom, agentTo := st.agentOf(m) // "used by X": X uses, and is not used
			for i := range in {
				if t := &in[i]; t.usable() && (t.Start < agentFrom || t.Start >= agentTo) && !st.forgone(t) {
					add(ClaimUses, st.spanOf(m), t)
					usedVerb = true
				}
			}
		}
		// A verb of doing between the actor and what it used.
		if !usedVerb {
			for m, subj := range st.doings(actVerbs, subject) {
				k, limit := m.last+1, maxActObject // the first object close to the verb, the next of a list close to the one before
				for i := startingAt(in, int(ws[m.last].end)); i < len(in); i++ {
					t := &in[i]
					if !t.usable() {
						continue
					}
					var ok bool
					if ok, k = st.governed(k, t.Start, limit); !ok {
						break
					}
					addAbout(ClaimUses, st.spanOf(m), subj, t)
					usedVerb = true
					k, limit = st.wordAt(k, t.End), maxListed
				}
			}
		}
		// What comes "courtesy of" an actor is its: "LoJax: First UEFI
		// rootkit found in the wild, courtesy of the Sednit group".
		if m, ok := st.find(courtesyOf, 0); ok && !usedVerb {
			if x := st.actorAfter(m); x != nil && st.wordAt(m.last+1, x.Start) <= m.last+2 {
				for i := range in {
					if t := &in[i]; t.usable() && t.End <= int(ws[m.first].start) {
						addAbout(ClaimUses, st.spanOf(m), x, t)
						usedVerb = true
					}
				}
			}
		}
		// An actor's own software, named with it: "Ballistic Bobcat
		// backdoor, Sponsor", "APT28's Zebrocy".
		for i := range in {
			if t := &in[i]; t.Kind == EntSoftware && !usedVerb {
				if x := st.ownerOf(i); x != nil {
					addAbout(ClaimUses, Span{x.Start, t.End}, x, t)
				}
			}
		}
		// A row of a table of indicators that says what the value was
		// for: "| 193.43.134[.]113 | login.microsoftidonline[.]com |
		// Office 365 phishing server." The operation used the technique.
		if !usedVerb && firstOf(in, EntIndicator) != nil && firstOf(in, EntTechnique) != nil && st.tableRow() {
			for i := range in {
				if t := &in[i]; t.Kind == EntTechnique && !st.negatedBefore(t.Start) {
					add(ClaimUses, Span{t.Start, t.End}, t)
					usedVerb = true
				}
			}
		}
		// A technique named by its own verb, with no verb of use:
		// "these domains often typosquatted popular news websites",
		// "the actors masqueraded as journalists".
		if !usedVerb && firstOf(in, EntTechnique) != nil && !st.advice() {
			for i := range in {
				if t := &in[i]; t.Kind == EntTechnique && st.finiteVerb(t) && !st.negatedBefore(t.Start) {
					add(ClaimUses, Span{t.Start, t.End}, t)
				}
			}
		}
	}
	// Use of a vulnerability ("exploited CVE-2024-21413"), of an account
	// ("contacted reporters on Telegram as @handle") or of a persona
	// ("under the persona 'Robert'").
	if firstOf(in, EntVulnerability) != nil {
		if m, ok := st.find(exploitPhrases, 0); ok && !st.negatedBefore(int(ws[m.first].start)) && !st.exploitTraded(m) {
			for i := range in {
				if t := &in[i]; t.Kind == EntVulnerability {
					add(ClaimUses, st.spanOf(m), t)
				}
			}
		}
	}
	for i := range in {
		if t := &in[i]; t.Kind == EntAccount {
			if k := st.wordAt(0, t.Start) - 1; k >= 0 && st.wordIs(k, "as") && int(ws[k].end) < t.Start {
				add(ClaimUses, Span{int(ws[k].start), t.End}, t)
			}
		}
	}
	if p, trig := st.persona(); p != nil {
		add(ClaimUses, trig, p)
	}
	// An indicator named with the actor, or with "it", "the group"
	// referring back to it: "Domain used in UTA0307 phishing", "APT42
	// registered vote-ledger[.]com". The sentence ties the value to the
	// actor; the indicator indicates it. Without an actor it ties the
	// value to nothing more than the report does.
	if subject != nil && subject.Kind != EntCampaign {
		for i := range in {
			if t := &in[i]; t.Kind == EntIndicator && !st.negatedBefore(t.Start) && !netblockOf(t, in) && !providerZone(t) {
				if subj := st.clauseSubject(t.Start, subject); subj.Kind != EntCampaign {
					addAbout(ClaimIndicates, Span{t.Start, t.End}, subj, t)
				}
			}
		}
	}
	// "APT28 and APT29 breached the DNC", "breached by two Russian
	// groups, APT28 and APT29": each actor of the list the subject opens
	// is attributed, targets and uses as the subject does.
	if subject != nil && subject.Kind == EntActor && subject.Start >= st.span.Start {
		if co := st.listedAfter(subject); len(co) > 0 {
			for k, n := first, len(out); k < n; k++ {
				c := out[k]
				if c.Subject != subject || c.Kind != ClaimAttribution && c.Kind != ClaimTargeting && c.Kind != ClaimUses {
					continue
				}
				for _, y := range co {
					if c.Object == nil || c.Object.Key != y.Key {
						c.Subject = y
						out = append(out, c)
					}
				}
			}
		}
	}
	st.updateLastActor(lastActor)
	return out
}

// techniqueVerbs are the finite verbs that open technique names of the
// phrase table ("typosquatted", "masqueraded as", "impersonated
// journalists"): written after a subject, the verb is the use.
var techniqueVerbs = newPhraseSet("typosquatted", "masqueraded", "masquerades", "impersonated", "impersonates",
	"posed", "poses", "defaced", "defaces", "doxxed", "doxed", "leaked", "dumped", "captured", "logged", "injected",
	"injects", "wiped", "destroyed", "cleared", "disabled", "stole", "accessed", "exfiltrated", "purchased",
	"bought", "hijacked", "scanned", "downloaded", "exploited", "encrypted", "encrypts", "created", "shared",
	"developed", "spoofed", "cross-posted", "took", "amplified", "amplifies", "reshared", "reshares", "reposted",
	"reposts", "rewrote", "rewrites", "pushed", "published", "plagiarized", "plagiarised", "ran",
	"impersonate", "masquerade", "pose", "typosquat", "deface", "dox", "leak", "dump", "capture", "inject",
	"wipe", "destroy", "steal", "exfiltrate", "hijack", "spoof", "amplify", "reshare", "repost", "rewrite", "cloned", "clone")

// notSubjects are the words after which a participle is no finite verb:
// an article or a possessive ("the typosquatted domains"), a preposition
// ("with spoofed domains"), a form of "be" or "get" (a passive: "sites
// were defaced"; who acted is not said) and the words that open a clause
// before its subject ("when", "if"), and "can", which says what anyone
// could do ("attackers can impersonate journalists").
var notSubjects = []string{"the", "a", "an", "these", "those", "this", "its", "their", "his", "her", "our", "your",
	"of", "with", "by", "from", "for", "in", "on", "at", "into", "to", "via", "through", "using", "as", "than",
	"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten",
	"when", "if", "while", "once", "after", "before", "because", "since", "although", "though", "whether", "whose",
	"can", "cannot"}

// finiteVerb reports whether technique t is named by a finite verb of
// techniqueVerbs after its subject: a word that is none of notSubjects
// stands right before it, in the same clause (no punctuation between).
func (st *sentence) finiteVerb(t *Entity) bool {
	k := st.wordAt(0, t.Start)
	if k == 0 || k >= len(st.ws) || int(st.ws[k].start) != t.Start || st.ws[k].gap != gapSpace || techniqueVerbs.matchAt(st.ws, k) < 0 {
		return false
	}
	return !st.wordIs(k-1, notSubjects...)
}

// findUse returns the first trigger of use that says the operation
// uses something: a passive "used by" whose agent is no actor ("software
// used by an undisclosed insurance company") says someone else does,
// and is passed over.
func (st *sentence) findUse() (wmatch, bool) {
	ws := st.ws
	for m, ok := st.find(usesPhrases, 0); ok; m, ok = st.find(usesPhrases, m.last+1) {
		if st.inLink(int(ws[m.first].start)) {
			continue // ".../new-redline-stealer-distributed-using-coronavirus-themed-email-campaign": a word of a link
		}
		if from, to := st.agentOf(m); from < to && (!st.actorIn(from, to) || st.bareAgents(from, to)) {
			continue // "used by an undisclosed insurance company"; "the most common method used by threat actors": anyone's
		}
		if st.orgBefore(m.first) {
			continue // "Zscaler leveraged the details on the countermeasures": the organisation's use, not the operation's
		}
		if ws[m.first].id == idUsed && m.first >= 2 && st.wordIs(m.first-1, "be") && st.wordIs(m.first-2, modals...) {
			continue // "access, which could be used for business email compromise": what might be, not what was
		}
		if m.first == m.last && st.wordIs(m.first, "with") && !st.instrumentWith(m.first) {
			continue
		}
		if m.first == m.last && st.wordIs(m.first, "through") && m.first > 0 &&
			(st.wordIs(m.first-1, weekdays...) || st.wordIs(m.first-1, "go", "goes", "went", "gone", "going")) {
			continue // "Monday through Thursday cycles", "what a business goes through": a span, an ordeal
		}
		if m.first == m.last && st.wordIs(m.first, "launched", "launches") && st.releasedBefore(m.first) && st.noObjectAfter(m.last) {
			continue // "In 2015, Cobalt Strike 3.0 launched as a standalone platform": a release ("Emotet launched a new campaign" is not)
		}
		if m.first == m.last && st.wordIs(m.first, "use") && !st.pluralDoerBefore(m.first) && !st.useObserved(m.first) {
			continue // "the use of web shells", "made use of links", "Use hollow process injection": a noun or a command, not who uses
		}
		return m, true
	}
	return wmatch{}, false
}

// useObserved reports whether the noun "use" at word k is what the
// author saw of the operation: "We observed the use of Cobalt Strike",
// "we also identified the use of Mimikatz".
func (st *sentence) useObserved(k int) bool {
	return k >= 2 && k+1 < len(st.ws) && st.wordIs(k+1, "of") && st.wordIs(k-1, "the") &&
		st.wordIs(k-2, "observed", "observe", "saw", "see", "detected", "identified", "noted", "noticed", "found", "uncovered", "discovered", "confirmed")
}

// pluralDoerBefore reports whether the verb at word k ("use") has a
// doer right before it, with at most an adverb between: "they use", "the
// actors often use", "APT28 and APT29 use".
func (st *sentence) pluralDoerBefore(k int) bool {
	j := k - 1
	if j >= 1 && st.wordIs(j, "to") && st.wordIs(j-1, "continue", "continues", "began", "begin", "tend", "tends") {
		j -= 2 // "continue to use"
	}
	if j >= 0 && st.wordIs(j, "often", "also", "typically", "frequently", "commonly", "still", "usually", "regularly", "primarily", "mainly") {
		j--
	}
	if j < 0 {
		return false
	}
	return st.wordIs(j, "they", "actors", "groups", "operators", "attackers", "hackers", "operatives", "adversaries", "gangs", "clusters") ||
		st.endingAt(j, EntActor) != nil
}

// instrumentWith reports whether "with" at word k can say what is used:
// not before whom one acts with ("statements with an operator behind the
// Avaddon RaaS"), nor after a verb of defence ("hard to detect with
// conventional security tools"). (A hedge's "with high confidence" stays
// a trigger: the sentences it opens say what the actor used, judged
// right three times in four.)
func (st *sentence) instrumentWith(k int) bool {
	n := k + 1
	if n < len(st.ws) && st.wordIs(n, "a", "an", "the", "other", "many", "numerous", "various") {
		n++
	}
	switch {
	case n < len(st.ws) && (st.wordIs(n, agentWords...) || st.wordIs(n, "operator", "partners", "partner")):
		return false
	case k > 0 && st.wordIs(k-1, "detect", "detected", "detecting", "protect", "protected", "defend", "defended", "block", "blocked"):
		return false
	case k > 1 && st.wordIs(k-1, "on", "up") && st.wordIs(k-2, "going", "goes", "went", "what", "s"):
		return false // "What's going on with Zebrocy?", "what's up with": what happens, not what is used
	case k > 0 && st.wordIs(k-1, "deal", "deals", "dealt", "dealing"):
		return false // "dealing with Zebrocy": what is handled
	case k > 0 && st.wordIs(k-1, relationWith...):
		return false // "campaigns aligned with business email compromise", "joining forces with REvil": a tie, not a tool
	case n < len(st.ws) && st.wordIs(k+1, "no"):
		return false // "opens files for encryption with no sharing": how, not with what
	}
	return true
}

// weekdays are the days of the week, which "through" joins into a span.
var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// releasedBefore reports whether software ends just before word k
// ("launched"), a version number between: the software is what was
// launched, released, not what someone launched an attack with.
func (st *sentence) releasedBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- { // "3.0" may be words of its own
		if st.endingAt(j, EntSoftware) != nil {
			return true
		}
		if w := st.text[st.ws[j].start:st.ws[j].end]; strings.Trim(w, "0123456789.") != "" {
			return false // a word, not a version
		}
	}
	return false
}

// noObjectAfter reports whether the verb at word k takes no object: the
// sentence ends after it, or what follows says how or when ("launched as
// a standalone platform", "launched in 2015", "launched last May").
func (st *sentence) noObjectAfter(k int) bool {
	return k+1 >= len(st.ws) || st.wordIs(k+1, "as", "in", "on", "at", "last", "this", "earlier", "today", "yesterday",
		"publicly", "officially", "quietly", "recently")
}

// relationWith are the words before a "with" that ties one party to
// another, or compares them: what follows is who or what the subject is
// tied to, not what it uses.
// ("associated with" is not one: "IOCs associated with CharmingCypress
// phishing activity distributing POWERLESS" says what the actor used.)
var relationWith = []string{"aligned", "allied", "forces", "synonymous"}

// usable reports whether e is what a claim of use can be about: a
// technique or software.
func (e *Entity) usable() bool { return e.Kind == EntTechnique || e.Kind == EntSoftware }

// courtesyOf names the actor whose work the words before it are.
var courtesyOf = newPhraseSet("courtesy of")

// modals say what could be, not what was: "can be used to steal data".
var modals = []string{"can", "could", "may", "might", "would"}

// orgBefore reports whether the sentence opens with an organisation (not
// a class of targets) that ends right before word k, a verb of use: the
// organisation's use, not the operation's ("Zscaler leveraged the
// details on the countermeasures"). An organisation further in is an
// object ("targeted the Trump campaign with spearphishing").
func (st *sentence) orgBefore(k int) bool {
	if k == 0 {
		return false
	}
	x := firstOf(st.in, EntOrg)
	return x != nil && x.Key != string(OrgClass) && x.End == int(st.ws[k-1].end) &&
		strings.TrimSpace(st.text[st.span.Start:x.Start]) == ""
}

// agentOf returns the byte span of the agent of a passive "used by": the
// words after "by" to the clause's end (a comma, a semicolon, a clause
// word), at most maxListed of them. Otherwise it returns an empty span.
func (st *sentence) agentOf(m wmatch) (from, to int) {
	ws := st.ws
	k := m.last + 1
	if m.first != m.last || ws[m.first].id != idUsed || k >= len(ws) || ws[k].id != idBy {
		return 0, 0
	}
	from, to = int(ws[k].end), int(ws[k].end)
	for j := k + 1; j < len(ws) && j <= k+maxListed; j++ {
		if j > k+1 && (st.wordIs(j, clauseBreaks...) || strings.ContainsAny(st.text[ws[j-1].end:ws[j].start], ",;:(")) && !st.wordIs(j, "and") {
			break
		}
		to = int(ws[j].end)
	}
	// A list of agents runs on past commas: "used by Avaddon, DarkSide
	// and REvil".
	for i := startingAt(st.in, from); i < len(st.in) && st.in[i].Start <= to+2; i++ {
		to = max(to, st.in[i].End)
		if j := st.wordAt(0, st.in[i].End); j+1 < len(ws) && st.wordIs(j, "and") {
			to = max(to, int(ws[j+1].end))
		}
	}
	return from, to
}

// actorIn reports whether text[from:to] names an actor: an actor of the
// recognisers, or words for one ("the group", "threat actors",
// "attackers").
func (st *sentence) actorIn(from, to int) bool {
	for i := startingAt(st.in, from); i < len(st.in) && st.in[i].Start < to; i++ {
		if k := st.in[i].Kind; k == EntActor || k == EntCampaign {
			return true
		}
	}
	return st.wordIn(from, to, agentWords...)
}

// bareAgents reports whether the agent of a "used by", text[from:to],
// is a bare plural of agentWords that names no actor ("used by threat actors",
// "used by attackers"): such doers in general, not the report's ("used
// by the attackers", "used by these groups", "used by APT28").
func (st *sentence) bareAgents(from, to int) bool {
	k := st.wordAt(0, from)
	if k < len(st.ws) && st.wordIs(k, "threat", "cyber", "many", "some", "other", "various", "most", "malicious") {
		k++
	}
	if k >= len(st.ws) || !st.wordIs(k, attackerPlurals...) {
		return false
	}
	for i := startingAt(st.in, from); i < len(st.in) && st.in[i].Start < to; i++ {
		if st.in[i].Kind == EntActor || st.in[i].Kind == EntCampaign {
			return false // "used by threat actors APT28 and APT29": named
		}
	}
	return true
}

// agentWords name an actor without its name.
var agentWords = []string{"actor", "actors", "group", "groups", "attacker", "attackers", "operator", "operators",
	"adversary", "adversaries", "gang", "gangs", "hackers", "criminals", "cybercriminals", "apt", "apts", "affiliates"}

// opensWithDoer reports whether the sentence opens with who acts in it,
// before at: a pronoun ("They ...", "It ..."), or an article and a noun
// of doers ("The network ...", "These actors ..."), and no verb of
// saying stands between it and at. A state named after it is what the
// doers act on or about, not the doer; but "They said Iran targeted
// ..." reports what Iran did.
func (st *sentence) opensWithDoer(at int) bool {
	ws := st.ws
	if len(ws) < 2 || int(ws[1].end) > at {
		return false
	}
	doer := -1 // the doer's last word
	switch {
	case st.wordIs(0, "they", "it"):
		doer = 0
	case st.wordIs(0, "the", "this", "these", "that", "those") &&
		(st.wordIs(1, agentWords...) || st.wordIs(1, "network", "networks", "operation", "operations", "campaign", "campaigns", "accounts", "pages", "activity")):
		doer = 1
	default:
		return false
	}
	m, ok := st.find(sayings, doer+1)
	return !ok || int(ws[m.first].start) > at
}

// definition reports whether the sentence says what software is or does
// in general, not what the operation did: it opens with the software
// (one or a list, "Both Remcos and NanoCore RAT"), then "is" or "are",
// and names no actor ("Ursnif is a trojan that can be used to steal
// data", "Cobalt Strike is a legitimate security tool used by
// penetration testers", "NanoCore RAT has been found to be delivered via
// phishing emails"). "Cobalt Strike was used to move laterally" is the
// operation's, and so are "Mimikatz is used by APT10" and "Cobalt Strike
// has been used to move laterally".
func (st *sentence) definition() bool {
	ws, in := st.ws, st.in
	if firstOf(in, EntActor, EntCampaign) != nil {
		return false
	}
	k := 0
	if k < len(ws) && st.wordIs(k, "both") {
		k++
	}
	named := 0
	for k < len(ws) {
		i := startingAt(in, int(ws[k].start))
		if i >= len(in) || in[i].Start != int(ws[k].start) || in[i].Kind != EntSoftware {
			if named > 0 && st.wordIs(k-1, "and") && capitalised(st.text, ws[k]) {
				k++ // "Both Remcos and NanoCore RAT are": a name the recognisers missed ends the list
				if k < len(ws) && st.wordIs(k, softwareClassNouns...) {
					k++
				}
			}
			break
		}
		named++
		k = st.wordAt(k, in[i].End)
		if k < len(ws) && st.wordIs(k, softwareClassNouns...) {
			k++
		}
		if k >= len(ws) {
			return false
		}
		if sep := strings.TrimSpace(st.text[in[i].End:ws[k].start]); sep == "," && !st.wordIs(k, "is", "are") {
			continue
		}
		if st.wordIs(k, "and") {
			k++
		}
	}
	if named == 0 || k >= len(ws) {
		return false
	}
	// "AsyncRAT has been found to be delivered via various methods": what
	// the family has been found to do, anyone's.
	if st.wordIs(k, "is", "are") {
		// "Dridex is using DLL files", "Qakbot is being distributed": what
		// it is doing now, not what it is.
		return k+1 >= len(ws) || !st.ingWord(k+1)
	}
	return k+3 < len(ws) && st.wordIs(k, "has", "have") && st.wordIs(k+1, "been") && st.wordIs(k+2, "found") && st.wordIs(k+3, "to")
}

// ingWord reports whether word k is a present participle: a word of
// five letters or more that ends in "ing" ("using", "being"), not
// "thing" or "king".
func (st *sentence) ingWord(k int) bool {
	w := strings.ToLower(st.text[st.ws[k].start:st.ws[k].end])
	return len(w) >= 5 && strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "thing")
}

// capitalised reports whether word w starts with an upper-case ASCII
// letter.
func capitalised(text string, w cword) bool {
	c := text[w.start]
	return c >= 'A' && c <= 'Z'
}

// softwareClassNouns may follow a software's name: "NanoCore RAT".
var softwareClassNouns = []string{"rat", "rats", "malware", "trojan", "trojans", "ransomware", "backdoor", "loader",
	"family", "framework", "beacon", "stealer", "botnet"}

// impersonated reports whether entity x is what the actor passed itself
// off as, not a target or a state acting: "masqueraded as the
// Philippines Bureau of Customs", "spoofing the KSA embassy".
func (st *sentence) impersonated(x *Entity) bool {
	if y := st.longFormBefore(x.Start); y != nil {
		x = y // "impersonating the Election Assistance Commission (EAC)": the short form with it
	}
	j := st.wordBefore(x)
	if j < 0 {
		return false
	}
	if st.wordIs(j, "spoofing", "spoofed", "spoofs", "impersonating", "impersonated", "impersonates", "mimicking", "mimicked") {
		return true
	}
	return j > 0 && st.wordIs(j, "as") && st.wordIs(j-1, posingVerbs...)
}

// posingVerbs pass an actor off as what follows "as": "posed as", "masquerading as", "disguised as".
var posingVerbs = []string{"posing", "posed", "poses", "pose", "masquerading", "masqueraded", "masquerades", "disguised", "disguising"}

// contrastClaims appends the claims of the clause a contrasting
// conjunction opens after word k of a denial: "The Kremlin has repeatedly
// denied meddling in foreign elections, although U.S. intelligence
// agencies concluded that Russia interfered in 2016" attributes too. The
// clause's claims quote the whole sentence.
func (st *sentence) contrastClaims(out []Claim, k int, lastActor **Entity) []Claim {
	for ; k < len(st.ws); k++ {
		if st.ws[k].gap == gapOther && st.wordIs(k, contrasts...) {
			break
		}
	}
	if k+1 >= len(st.ws) {
		return out
	}
	from := int(st.ws[k+1].start)
	sub := sentence{text: st.text, span: Span{from, st.span.End}, in: st.in[startingAt(st.in, from):], ws: st.ws[k+1:]}
	sub.ws = slices.Clone(sub.ws)
	sub.ws[0].gap = gapOther // the clause's first word
	return st.clauseClaims(out, &sub, lastActor)
}

// clauseClaims appends the claims of sub, a clause of the sentence, as
// the sentence's: their quote is the whole sentence.
func (st *sentence) clauseClaims(out []Claim, sub *sentence, lastActor **Entity) []Claim {
	n := len(out)
	out = sub.claims(out, lastActor)
	for i := n; i < len(out); i++ {
		out[i].Sentence = st.span
	}
	return out
}

// againstAfter reports whether state x follows a denial's words and
// "against": "a smear campaign against Beijing", "a witch hunt against
// Russia" (whichever of the sentence's denial words trig is).
func (st *sentence) againstAfter(trig Span, x *Entity) bool {
	k := st.wordBefore(x)
	if x.Start <= trig.Start || k < 1 || !st.wordIs(k, "against") {
		return false
	}
	for m, ok := st.find(denialPhrases, 0); ok && m.last < k; m, ok = st.find(denialPhrases, m.last+1) {
		if m.last == k-1 {
			return true
		}
	}
	return false
}

// leadClaims appends the claims of the clause that comes before the
// clause of the denial at word k, when a comma and a conjunction or
// relative pronoun, or a semicolon, part them: "U.S. officials blamed
// Russia for the hack, which Moscow denied", "Washington accused Iran of
// hacking the Trump campaign, but Tehran denied any involvement". The
// accusation stands, said by its speaker, and the denial answers it.
func (st *sentence) leadClaims(out []Claim, k int, lastActor **Entity) []Claim {
	j := k - 1
	for ; j > 0; j-- {
		if st.ws[j].gap != gapOther {
			continue
		}
		g := st.text[st.ws[j-1].end:st.ws[j].start]
		if strings.Contains(g, ";") || strings.Contains(g, ",") && (st.wordIs(j, leadBreaks...) ||
			j+1 < k && st.wordIs(j, "a", "an") && accusationNouns.matchAt(st.ws, j+1) >= 0) { // ", a charge the Kremlin dismissed"
			break
		}
	}
	if j <= 0 {
		return out
	}
	end := int(st.ws[j-1].end)
	sub := sentence{text: st.text, span: Span{st.span.Start, end}, in: st.in[:startingAt(st.in, end)], ws: st.ws[:j], speaker: st.speaker}
	return st.clauseClaims(out, &sub, lastActor)
}

// leadBreaks, after a comma, open the clause of a denial that answers
// the clause before it.
var leadBreaks = slices.Concat(contrasts, []string{"which", "and"})

// describedAs returns the state whose adjective describes actor subj
// right after a copula: "Storm-2035 is an Iranian network", "Storm-1516
// is likely a Russian disinformation outfit"; not "an Israeli firm", a
// private party of the country (privateAfter).
func (st *sentence) describedAs(subj *Entity) *Entity {
	after := subj.End
	if rest := st.text[after:]; strings.HasPrefix(rest, " (http") {
		// The link of a name, as a page's text gives it: "TA453
		// (https://...), an Iranian state-aligned actor,".
		if i := strings.IndexByte(rest, ')'); i > 0 && !strings.ContainsAny(rest[2:i], " \n") {
			after += i + 1
		}
	}
	k := st.wordAt(0, after)
	if k >= len(st.ws) {
		return nil
	}
	appositive := strings.TrimSpace(st.text[after:st.ws[k].start]) == "," && st.wordIs(k, "a", "an") // "Storm-1516, a Russian influence actor,"
	if !appositive && !st.wordIs(k, "is", "was", "are", "were") {
		return nil
	}
	if !appositive {
		k++
	}
	if k < len(st.ws) && st.wordIs(k, "likely", "probably", "almost", "certainly", "also", "reportedly", "believed", "assessed") {
		k++
	}
	if k < len(st.ws) && st.wordIs(k, "to") && k+1 < len(st.ws) && st.wordIs(k+1, "be") {
		k += 2 // "is believed to be"
	}
	if k >= len(st.ws) || !st.wordIs(k, "a", "an") || k+1 >= len(st.ws) {
		return nil
	}
	at := int(st.ws[k+1].start)
	for i := startingAt(st.in, at); i < len(st.in) && st.in[i].Start == at; i++ {
		if x := &st.in[i]; x.Kind == EntCountry && demonym(st.text[x.Start:x.End]) && !st.privateAfter(x) && !st.criminalsAfter(st.wordAt(k+1, x.End)) {
			return x
		}
	}
	return nil
}

// predicateState returns the state an actor is said to be of by its
// adjective alone, ending the clause: "APT42 is Iranian", "it is likely
// Russian", "the group is believed to be Chinese". What stands before
// the copula is the subject's name or a word that refers back to it.
func (st *sentence) predicateState(subj *Entity) *Entity {
	ws := st.ws
	for k := 1; k+1 < len(ws); k++ {
		if !copulaWords[ws[k].id] {
			continue
		}
		if int(ws[k-1].end) != subj.End && !st.wordIs(k-1, "it", "they", "group", "actor", "actors", "operators") {
			continue
		}
		j := k + 1
		if st.wordIs(j, "likely", "probably", "almost", "certainly", "also", "reportedly", "believed", "assessed", "most") {
			j++
		}
		if j+1 < len(ws) && st.wordIs(j, "likely", "certainly") {
			j++ // "most likely", "almost certainly"
		}
		if j+1 < len(ws) && st.wordIs(j, "to") && st.wordIs(j+1, "be") {
			j += 2 // "is believed to be"
		}
		if j >= len(ws) {
			return nil
		}
		at := int(ws[j].start)
		for i := startingAt(st.in, at); i < len(st.in) && st.in[i].Start == at; i++ {
			x := &st.in[i]
			if x.Kind != EntCountry || !demonym(st.text[x.Start:x.End]) {
				continue
			}
			rest := strings.TrimLeft(st.text[x.End:st.span.End], " ")
			if rest == "" || strings.IndexByte(".,;:)", rest[0]) >= 0 || hasPrefixFold(rest, "in origin") {
				return x
			}
		}
	}
	return nil
}

// notAnAttack reports whether trigger m, one of actingBy, says who did
// something else than an attack: a lower-case word right before it names
// what was done, and it is none of doneNouns ("censorship and
// surveillance practices carried out by the Chinese government", "the
// analysis conducted by Proofpoint"). A copula, an adverb or a comma
// before the trigger leaves the doer to the sentence ("The attack was
// carried out by", "the activity, conducted by").
func (st *sentence) notAnAttack(m wmatch) bool {
	ws := st.ws
	if m.first == 0 || ws[m.first].gap != gapSpace || actingBy.matchAt(ws, m.first) < 0 {
		return false
	}
	if st.wordIs(m.first, "the") {
		// "The intrusion may have been the work of APT31", "this is the
		// work of"; not "The report is the work of APT28 experts".
		return !st.wordWithin(m.first, 5, doneNouns...) && !st.wordWithin(m.first, 5, "this", "it", "that")
	}
	k := m.first - 1
	w := st.text[ws[k].start:ws[k].end]
	if !ws[k].letters || w[0] < 'a' || w[0] > 'z' || strings.HasSuffix(w, "ly") {
		return false // a name, a number, an adverb ("allegedly")
	}
	return !st.wordIs(k, doneNouns...) && !st.wordIs(k, copulas...) && !st.wordIs(k, verbAdverbs...) &&
		!st.wordIs(k, "being", "be", "been", "that", "which", "who", "and", "or", "not", "all", "both", "were", "was", "have", "has", "had")
}

// passiveAccused reports whether trigger m is a passive accusation ("was
// charged by", "were later indicted by", "has been accused by"), and
// returns the state or state body accused: the last named before the
// copula, or nil.
func (st *sentence) passiveAccused(m wmatch) (*Entity, bool) {
	ws := st.ws
	if m.first != m.last || m.last+1 >= len(ws) || ws[m.last+1].id != idBy ||
		!st.wordIs(m.first, accusingVerbs...) {
		return nil, false
	}
	k := st.copulaBefore(m.first)
	if k < 0 {
		return nil, false
	}
	at := int(ws[k].start)
	for i := startingAt(st.in, at) - 1; i >= 0; i-- {
		if x := &st.in[i]; x.End <= at && (x.Kind == EntCountry && (!demonym(st.text[x.Start:x.End]) || st.stateNounAfter(x)) || isStateBody(x)) {
			return x, true
		}
	}
	return nil, true
}

// copulaBefore returns the index of the copula that makes the participle
// at word k passive ("was charged", "was later charged"), or -1.
func (st *sentence) copulaBefore(k int) int {
	c := k - 1
	if c > 0 && st.wordIs(c, verbAdverbs...) {
		c--
	}
	if c >= 0 && st.wordIs(c, passiveCopulas...) {
		return c
	}
	return -1
}

// invertedSpeaker returns the speaker named right after an inverted verb
// of saying that ends its sentence or clause: "..., said the FBI.", "...,"
// said a senior ODNI official.", "..., said the FBI, adding ..."; not
// "The FBI, in a statement, said Iran was behind it", whose "Iran" starts
// what was said.
func (st *sentence) invertedSpeaker(m wmatch) *Entity {
	end := int(st.ws[m.last].end)
	i := startingAt(st.in, end)
	if i == len(st.in) {
		return nil
	}
	x := &st.in[i] // the first named after the verb
	if x.Kind != EntOrg && x.Kind != EntCountry || x.Start-end > 30 {
		return nil // "The FBI, in a statement, said APT28 targeted election officials": what was said, not who said it
	}
	k := st.wordAt(0, x.End)
	for n := 0; n < 3 && k < len(st.ws) && st.ws[k].letters && st.ws[k].gap == gapSpace; n++ {
		k++ // "a senior ODNI official": the nouns after the name
	}
	if k == len(st.ws) || st.ws[k].gap == gapOther && strings.HasPrefix(strings.TrimSpace(st.text[st.ws[k-1].end:st.ws[k].start]), ",") {
		return x
	}
	return nil
}

// modifierOf reports whether state x qualifies a noun of its politics
// ("the US election", "US voters"): the topic or the target, not the one
// who acts.
func (st *sentence) modifierOf(x *Entity) bool {
	k := st.wordAt(0, x.End)
	return k < len(st.ws) && int(st.ws[k].start) == x.End+1 && st.wordIs(k, politicsNouns...)
}

// politicsNouns are what a state's name qualifies as a topic or a target:
// "the US election", "Moldovan voters".
var politicsNouns = []string{"election", "elections", "midterm", "midterms", "voters", "voter", "electorate", "campaign",
	"campaigns", "citizens", "politics", "politicians", "presidential", "parliamentary", "referendum", "democracy", "audiences"}

// afterPreposition reports whether entity x follows a preposition, as a
// place or an object does, not a subject.
func (st *sentence) afterPreposition(x *Entity) bool {
	j := st.wordBefore(x)
	return j >= 0 && st.wordIs(j, "in", "at", "from", "of", "to", "on", "by", "with", "for", "into", "against", "across")
}

// contrastBetween reports whether a semicolon or a contrasting
// conjunction ("although", "but", "while", "whereas") stands between
// bytes from and to: a clause of another speaker.
func (st *sentence) contrastBetween(from, to int) bool {
	if strings.IndexByte(st.text[from:to], ';') >= 0 {
		return true
	}
	return st.wordIn(from, to, contrastWords...)
}

// contrastWords are contrasts and "however".
var contrastWords = slices.Concat(contrasts, []string{"however"})

// longFormBefore returns the entity whose short form starts at byte at,
// in brackets right after it ("Election Assistance Commission (EAC)"), or
// nil.
func (st *sentence) longFormBefore(at int) *Entity {
	if at == 0 || st.text[at-1] != '(' {
		return nil
	}
	before := strings.TrimRight(st.text[:at-1], " ")
	for i := startingAt(st.in, len(before)) - 1; i >= 0; i-- {
		if y := &st.in[i]; y.End <= len(before) {
			if y.End == len(before) {
				return y
			}
			return nil
		}
	}
	return nil
}

// example reports whether actor x, an entity of the sentence, is named as
// an example (exampleActor).
func (st *sentence) example(x *Entity) bool {
	for i := range st.in {
		if &st.in[i] == x {
			return exampleActor(st.text, st.in, i)
		}
	}
	return false
}

// privateAfter reports whether a word for a private party stands in the
// three words after demonym x: "an Israeli political consulting firm",
// "Iranian individuals", "a Chinese marketing company".
func (st *sentence) privateAfter(x *Entity) bool {
	k := st.wordAt(0, x.End)
	for j := k; j < len(st.ws) && j < k+3; j++ {
		if st.wordIs(j, "firm", "firms", "company", "companies", "business", "businesses", "startup", "consultancy",
			"consultants", "client", "clients", "individuals", "citizens", "nationals", "students", "people", "man", "woman") {
			return true
		}
	}
	return false
}

// thingAfter reports whether demonym x qualifies a thing of its country,
// not its state, by the word right after it: "a zone of EEZ controlled by
// the Turkish influence", "tied to Russian interests" (not "Russian
// security services", a state's).
func (st *sentence) thingAfter(x *Entity) bool {
	k := st.wordAt(0, x.End)
	return k < len(st.ws) && int(st.ws[k].start) == x.End+1 && st.wordIs(k, abstractNouns...) && !st.wordIs(k, "security")
}

// actorBetween reports whether an actor of the sentence stands between
// bytes from and to, other than one a description follows ("TA456, an
// Iranian-aligned adversary", "the Mabna Institute, an Iranian
// government contractor"), which the state then describes.
func (st *sentence) actorBetween(from, to int) bool {
	for i := startingAt(st.in, from); i < len(st.in) && st.in[i].Start < to; i++ {
		if st.in[i].Kind != EntActor {
			continue
		}
		after := st.text[st.in[i].End:]
		for _, a := range describing {
			if hasPrefixFold(after, a) {
				return false
			}
		}
		return true
	}
	return false
}

// describing open a description of the actor before them: what follows
// is about the actor, not another one.
var describing = []string{", a ", ", an ", ", the ", ", which ", ", who ", " (", ", believed ", ", thought "}

// posingBefore reports whether, in the six words before word k, the
// actor passes itself off as someone ("posing as", "purporting to be
// from", "impersonating"): what follows is what it claims to be.
func (st *sentence) posingBefore(k int) bool {
	return st.wordWithin(k, 6, posingVerbs...) || st.wordWithin(k, 6, "purporting", "purported", "purports", "pretending", "impersonating",
		"impersonated", "spoofing", "spoofed") ||
		// A false flag: "made the operation appear to be linked to Iran",
		// "to make the attack look like the work of Iran".
		st.wordWithin(k, 5, "appear", "look", "seem") && st.wordWithin(k, 9, "make", "makes", "made", "making")
}

// claimedIdentity reports whether actor x is who the doers claim or
// pretend to be: "claiming to be members of Fancy Bear", "posing as
// APT28", "purporting to be the Lazarus Group".
func (st *sentence) claimedIdentity(x *Entity) bool {
	k := st.wordAt(0, x.Start)
	for j := k - 1; j >= 1 && j >= k-5; j-- {
		switch {
		case st.wordIs(j, "as") && st.wordIs(j-1, posingVerbs...):
			return true
		case st.wordIs(j, "be") && st.wordIs(j-1, "to") && j >= 2 &&
			st.wordIs(j-2, "claiming", "claimed", "claim", "claims", "purporting", "purported", "purports", "pretending", "pretended", "pretend"):
			return true
		}
	}
	return false
}

// posedAs reports whether word i (a state's name or adjective) is what an
// actor passes itself off as: "posed as the Iranian group", "disguised
// themselves as Iranian hackers".
func (st *sentence) posedAs(i int) bool {
	j := i - 1
	if j >= 0 && st.wordIs(j, "the", "a", "an") {
		j--
	}
	if j < 1 || !st.wordIs(j, "as") {
		return false
	}
	if st.wordIs(j-1, "themselves", "itself", "himself", "herself") {
		j--
	}
	return st.wordIs(j-1, posingVerbs...) || st.wordIs(j-1, "presenting", "presented")
}

// reportsBetween reports whether a word of reporting stands between
// bytes from and to: the state before it reports, and does not act ("New
// Zealand's cybersecurity organization issued a warning about extortion
// campaigns targeting companies").
func (st *sentence) reportsBetween(from, to int) bool {
	for k := st.wordAt(0, from); k < len(st.ws) && int(st.ws[k].start) < to; k++ {
		if st.wordIs(k, reportingWords...) || sayings.matchAt(st.ws, k) >= 0 {
			return true
		}
	}
	return false
}

// reportingWords are the words of reporting, besides sayings, that make
// a state the reporter of what follows.
var reportingWords = []string{"issued", "issues", "published", "publishes", "released", "releases", "warning",
	"warnings", "alert", "alerts", "advisory", "advisories"}

// crimeContext reports whether the sentence, or the text just around it
// (400 bytes each side), speaks of cybercrime: of the underground, its
// forums and markets, criminals and selling (not of ransomware, which
// states' actors deploy too, nor of fraud, which election reports speak
// of as a narrative: "videos alleging ballot fraud"). There a demonym with
// a plain word for actors ("Chinese actors", "Russian hackers") names
// crooks of a country, not agents of its state.
func (st *sentence) crimeContext() bool {
	lo, hi := max(st.span.Start-400, 0), min(st.span.End+400, len(st.text))
	for lo > 0 && !utf8.RuneStart(st.text[lo]) {
		lo--
	}
	return crimeNeedles.in(st.text[lo:hi])
}

// crimeNeedles are the words of cybercrime crimeContext looks for.
var crimeNeedles = newNeedles("underground", "cybercrim", "criminal", "forum", "marketplace", "carding",
	"sell", "sold", "buyers", "money", "profit")

// needles finds words at the start of a word of a text, in any case.
type needles struct{ byFirst [26][]string }

func newNeedles(words ...string) *needles {
	ns := &needles{}
	for _, w := range words {
		ns.byFirst[w[0]-'a'] = append(ns.byFirst[w[0]-'a'], w)
	}
	return ns
}

// in reports whether s holds one of the needles at the start of one of
// its words (a byte after no ASCII letter or digit).
func (ns *needles) in(s string) bool {
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if lc := c | 0x20; lc >= 'a' && lc <= 'z' && !isAlnumByte(prev) {
			for _, w := range ns.byFirst[lc-'a'] {
				if hasPrefixFold(s[i:], w) {
					return true
				}
			}
		}
		prev = c
	}
	return false
}

func isAlnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// criminalsAfter reports whether word k (past one word such as
// "ransomware") names criminals: "Russian-linked criminals", "a
// Russia-based ransomware gang".
func (st *sentence) criminalsAfter(k int) bool {
	for j := k; j < len(st.ws) && j <= k+1; j++ {
		if st.wordIs(j, "criminals", "criminal", "cybercriminals", "cybercriminal", "crooks", "fraudsters", "scammers", "gang", "gangs", "cybercrime") {
			return true
		}
	}
	return false
}

// findActing returns the first targeting trigger that shows a state
// acting in person: a verb ("targeted", "hacked", "sought access to"),
// or "against" after a word for an operation ("attacks against",
// "espionage operations against"). A bare "against" may be anyone's
// ("the UK government aims to tackle human rights abuses against the
// Uighur minority").
func (st *sentence) findActing() (wmatch, bool) {
	for m, ok := st.find(targetingPhrases, 0); ok; m, ok = st.find(targetingPhrases, m.last+1) {
		if st.acting(m) {
			return m, true
		}
	}
	return wmatch{}, false
}

// capConfidence lowers the claims' confidence to at most conf, with
// hedge as the words that set it: an overlap, an actor's own claim.
func capConfidence(claims []Claim, conf int, hedge string) {
	for k := range claims {
		if claims[k].Confidence > conf {
			claims[k].Confidence, claims[k].Hedge = conf, hedge
		}
	}
}

// consistentWith are the words of a likeness to an actor's ways. Not "in
// line with": nearly every sentence holds an "in", and the set would be
// looked for word by word in each (0.2% of an extraction's instructions).
var consistentWith = newPhraseSet("consistent with", "typical of", "characteristic of", "reminiscent of")

// waysNouns name an actor's ways of working.
var waysNouns = newPhraseSet("tactics", "techniques", "ttps", "tradecraft", "activity", "activities", "operations", "behavior",
	"behaviour", "methods", "modus operandi", "targeting", "patterns", "playbook", "campaign", "campaigns", "operation", "intrusion",
	"intrusions", "actor", "actors", "hackers", "group", "groups", "cyber actors", "state actors", "threat actors")

// hallmarksOf are the words of an actor's ways that name the actor after
// them: "bore the hallmarks of Sandworm".
var hallmarksOf = newPhraseSet("hallmarks of", "hallmark of", "fingerprints of", "signature of", "trademarks of")

// waysOf returns the state or actor whose ways word k on names: a state or
// an actor, its possessive if any, then (with ways) a noun of ways
// ("Iranian tactics", "APT42's tradecraft", "Russian state actors"), else
// nil.
func (st *sentence) waysOf(k int, ways bool) *Entity {
	ws := st.ws
	if k < len(ws) && st.wordIs(k, "the", "a", "an", "known", "previous", "past", "earlier") {
		k++
	}
	if k >= len(ws) {
		return nil
	}
	at := int(ws[k].start)
	for i := startingAt(st.in, at); i < len(st.in) && st.in[i].Start == at; i++ {
		x := &st.in[i]
		if x.Kind != EntCountry && x.Kind != EntActor {
			continue
		}
		if !ways {
			return x
		}
		end := x.End
		if r := st.text[end:]; strings.HasPrefix(r, "'s ") {
			end += len("'s")
		} else if strings.HasPrefix(r, "’s ") {
			end += len("’s")
		}
		if st.followedBy(end, waysNouns) {
			return x
		}
	}
	return nil
}

// possessiveOf reports whether x is written as y's possessor right
// before it: "Iran's IRGC", "Russia’s GRU".
func (st *sentence) possessiveOf(x, y *Entity) bool {
	g := st.text[x.End:y.Start]
	return g == "'s " || g == "’s "
}

// doingAfter returns the word of a verb of doing, use or approach
// (actVerbs, usesPhrases, approachVerbs, "leaked") that x does: right
// after it, an adverb or two between at most; -1 when none is.
func (st *sentence) doingAfter(x *Entity) int {
	k := st.wordAt(0, x.End)
	for n := 0; k < len(st.ws) && n < 2 && st.wordIs(k, doerAdverbs...); n++ {
		k++
	}
	if k >= len(st.ws) || int(st.ws[k].start) <= x.End || st.ws[k].gap != gapSpace {
		return -1
	}
	if actVerbs.matchAt(st.ws, k) >= 0 || usesPhrases.matchAt(st.ws, k) >= 0 || approachVerbs.matchAt(st.ws, k) >= 0 || st.wordIs(k, "leaked", "leaks") {
		return k
	}
	return -1
}

// firmRuns returns the word of the verb by which firm x runs or makes
// an influence operation or its assets, or -1: right after x, or after
// what stands between two commas after it ("STOIC, a political
// marketing firm in Tel Aviv, ran the network"), one of firmVerbs, with
// what it runs or makes (firmObjects) at most three words on ("created
// the fake accounts", "operated this network").
func (st *sentence) firmRuns(x *Entity) int {
	k := st.wordAt(0, x.End)
	if k >= len(st.ws) || int(st.ws[k].start) <= x.End {
		return -1
	}
	if g := st.text[x.End:st.ws[k].start]; g == ", " {
		// ", a ... firm ...,", ", Meta said,": on past the closing comma.
		j := k + 1
		for ; j < len(st.ws) && j <= k+12 && st.text[st.ws[j-1].end:st.ws[j].start] != ", "; j++ {
		}
		if j >= len(st.ws) || j > k+12 {
			return -1
		}
		k = j
	}
	last := firmVerbs.matchAt(st.ws, k)
	if last < 0 {
		return -1
	}
	for j := last + 1; j < len(st.ws) && j <= last+3; j++ {
		if st.wordIs(j, firmObjects...) {
			return k
		}
	}
	return -1
}

// firmVerbs run or make an operation or its assets; firmObjects are
// what they run or make.
var (
	firmVerbs = newPhraseSet("ran", "runs", "operated", "operates", "managed", "manages", "created", "creates",
		"set up", "sets up", "built", "builds", "controlled", "controls", "coordinated", "coordinates", "orchestrated",
		"orchestrates", "conducted", "conducts")
	firmObjects = []string{"network", "networks", "operation", "operations", "campaign", "campaigns", "accounts", "pages",
		"personas", "websites", "sites", "activity", "effort", "efforts"}
)

// findCarriedOut returns a verb of carrying out whose object, within a
// few words, is an operation: "Iran conducted the operation", "Russia
// carried out the hack".
func (st *sentence) findCarriedOut() (wmatch, bool) {
	for m, ok := st.find(carryVerbs, 0); ok; m, ok = st.find(carryVerbs, m.last+1) {
		for k := m.last + 1; k < len(st.ws) && k <= m.last+4; k++ {
			if st.wordIs(k, carriedNouns...) {
				return m, true
			}
			if st.ws[k].gap != gapSpace && st.ws[k].gap != gapHyphen {
				break
			}
		}
	}
	return wmatch{}, false
}

// carryVerbs carry out what carriedNouns name.
var carryVerbs = newPhraseSet("conducted", "conducts", "carried out", "carries out", "orchestrated", "orchestrates",
	"ran", "runs", "directed", "directs", "launched", "launches", "mounted", "staged", "perpetrated")

// carriedNouns are what carryVerbs carry out: operationNouns and the
// names of a hack's parts.
var carriedNouns = slices.Concat(operationNouns, []string{"hack", "hacks", "breach", "breaches", "leak", "leaks"})

// acting reports whether targeting trigger m tells of an operation: a
// bare "against" does only after a word for one ("cyberattacks
// against"), not in "human rights abuses against the Uighur minority".
func (st *sentence) acting(m wmatch) bool {
	if m.first > 0 && st.wordIs(m.first-1, "stop", "stops", "cease", "oppose", "opposes", "opposed", "condemn", "condemns", "combat", "combats") {
		return false // "the U.S. should stop hacking", "China firmly opposes hacking in all forms": what a state is told to stop or opposes
	}
	return m.first != m.last || !st.wordIs(m.first, "against") || st.operationBefore(m.first)
}

// targetNoun returns the copula of "becomes a target", "is an important
// target", "was the main target", whose subject is the target, or -1
// when trigger m is no such noun.
func (st *sentence) targetNoun(m wmatch) int {
	if m.first != m.last || !st.wordIs(m.first, "target", "targets") {
		return -1
	}
	j := m.first - 1
	if j >= 0 && st.wordIs(j, "main", "important", "prime", "key", "major", "frequent", "favourite", "favorite", "primary", "likely", "potential") {
		j--
	}
	if j < 1 || !st.wordIs(j, "a", "an", "the") || !st.wordIs(j-1, "becomes", "become", "became", "is", "was", "are", "were", "remains", "remain", "remained", "be", "being") {
		return -1
	}
	return j - 1
}

// hypotheticalGerund reports whether trigger m is a gerund that opens the
// sentence as its subject, and a modal is the sentence's verb: "Hacking
// the database of voters in key states could cause chaos on Election
// Day", "Targeting election officials would undermine trust". What could
// happen is no one's act.
func (st *sentence) hypotheticalGerund(m wmatch) bool {
	if m.first != 0 || !st.ingWord(m.first) {
		return false
	}
	for k := m.last + 1; k < len(st.ws) && k <= m.last+10; k++ {
		if strings.ContainsAny(st.text[st.ws[k-1].end:st.ws[k].start], ",;:") {
			return false // "Targeting voters, the actors could ...": a participle before its subject
		}
		if st.wordIs(k, modals...) {
			return true
		}
	}
	return false
}

// nounTargets reports whether trigger m is the noun "targets" or
// "target" after an article, a possessive or a comma ("the structure,
// targets and TTP of the GRU", "its targets"), not the verb.
func (st *sentence) nounTargets(m wmatch) bool {
	if m.first != m.last || m.first == 0 || !st.wordIs(m.first, "target", "targets") {
		return false
	}
	j := m.first - 1
	return st.wordIs(j, "the", "its", "their", "his", "her", "our", "whose", "main", "primary", "key") ||
		strings.Contains(st.text[st.ws[j].end:st.ws[m.first].start], ",")
}

// operationBefore reports whether a word for an operation, or an actor,
// stands in the three words before word k: "cyberattacks against",
// "a campaign was executed against", "APT28 against".
func (st *sentence) operationBefore(k int) bool {
	if st.wordWithin(k, 3, operationNouns...) {
		return true
	}
	if k > 0 {
		from := int(st.ws[max(k-3, 0)].start)
		for i := startingAt(st.in, from); i < len(st.in) && st.in[i].End <= int(st.ws[k].start); i++ {
			if st.in[i].Kind == EntActor || st.in[i].Kind == EntCampaign {
				return true
			}
		}
	}
	return false
}

// participleClause reports whether word k opens a clause of its own
// after a comma, by a participle: "targeted audiences with international
// news, seeding narratives on Russia's stance on Ukraine". "including"
// goes on with a list.
func (st *sentence) participleClause(k int) bool {
	w := st.text[st.ws[k].start:st.ws[k].end]
	return len(w) > 5 && strings.HasSuffix(w, "ing") && strings.HasSuffix(strings.TrimRight(st.text[st.ws[k-1].end:st.ws[k].start], " \n"), ",") &&
		!st.wordIs(k, "including", "targeting", "impersonating", "spearphishing", "phishing")
}

// maxActObject is how many words after a verb of doing (actVerbs) what
// it governs may start: "sent [a series of] spearphishing emails",
// "provided [a link to a compromised website hosting a] credential
// harvesting page".
const maxActObject = 9

// maxApproachObject is the same for the targets of a verb of approach
// (approachVerbs), closer: "sent [emails purporting] to be from ... the
// American government" is no target.
const maxApproachObject = 6

// doings yields the triggers of set, neither negated nor in a link, that
// an actor does (doerBefore), with the actor (nil for the operation).
func (st *sentence) doings(set *phraseSet, subject *Entity) iter.Seq2[wmatch, *Entity] {
	return func(yield func(wmatch, *Entity) bool) {
		for m, ok := st.find(set, 0); ok; m, ok = st.find(set, m.last+1) {
			if at := int(st.ws[m.first].start); st.negatedBefore(at) || st.inLink(at) {
				continue
			}
			if subj, ok := st.doerBefore(m.first, subject); ok && !yield(m, subj) {
				return
			}
		}
	}
}

// doerBefore returns who does what the verb at word k says: an actor
// that ends right before it, or before an auxiliary or adverb or two
// ("APT28 has repeatedly sent"); or the sentence's subject when the verb
// follows words for an actor or an operation ("the actors sent", "they
// sent", "the operation posted"). ok is false when the verb's subject is
// none of these (a researcher, a platform, a victim).
func (st *sentence) doerBefore(k int, subject *Entity) (*Entity, bool) {
	j := k - 1
	ing := st.gerund(k)
	for n := 0; j >= 0 && n < 3 && (st.wordIs(j, doerAdverbs...) || ing && st.wordIs(j, "been", "is", "are", "was", "were")); n++ {
		j-- // "has been creating", "is posting": a verb's progressive, its doer before
	}
	if ing {
		// "TA547 began distributing Cobalt Strike", "TA543 shifted to
		// primarily delivering JSSLoader": the doer of a verb that begins,
		// goes on with or turns to the doing stands before that verb.
		i := j
		if i >= 0 && st.wordIs(i, gerundAdverbs...) {
			i--
		}
		switch {
		case i >= 1 && st.wordIs(i, "to") && st.wordIs(i-1, turnVerbs...):
			i -= 2
		case i >= 0 && st.wordIs(i, phaseVerbs...):
			i--
		default:
			i = j // none: the doer is before the gerund itself
		}
		if i != j {
			for n := 0; i >= 0 && n < 2 && st.wordIs(i, doerAdverbs...); n++ {
				i--
			}
			j = i
		}
	}
	if j >= 0 && st.text[st.ws[j].end:st.ws[j+1].start] == ", " {
		// "The hackers, who officials say work for the GRU, stole": the
		// doer stands before the relative clause, or the apposition
		// ("Storm-2035, an Iranian network, created ..."); a comma with
		// none is no doer's ("compromised the DNC, sent ...").
		i := j
		for i > 0 && i >= j-15 && !(st.wordIs(i, "who", "which", "a", "an", "known", "tracked", "dubbed", "also") && st.text[st.ws[i-1].end:st.ws[i].start] == ", ") {
			i--
		}
		if i <= 0 || i < j-15 {
			return nil, false
		}
		if x := st.endingAt(j, EntActor); x != nil && st.namingClauseEnd(i) == st.wordAt(i, x.Start) {
			return x, true // "an IRGC intelligence unit, which Microsoft tracks as Mint Sandstorm, sent": the name the clause gives the doer
		}
		j = i - 1
	} else if j < 0 || st.ws[j+1].gap != gapSpace {
		return nil, false // none, or a bracket between
	}
	if x := st.endingAt(j, EntActor, EntCampaign); x != nil {
		return x, true
	}
	if x := st.endingAt(j, EntOrg); x != nil && adversaryBody(x) {
		return nil, true // "The IRGC created fake news sites": the operation, attributed to the body (stateAdjective's neighbours)
	}
	if st.wordIs(j, agentWords...) && j > 0 && (st.wordIs(j-1, "the", "these", "this", "those") || st.endingAt(j-1, EntCountry) != nil ||
		st.wordIs(j-1, "linked", "backed", "sponsored", "aligned", "affiliated", "nexus") && st.ws[j].gap == gapSpace) || // "The IRGC-linked group sent ..."
		j == 0 && st.wordIs(j, "they") || // not "it": as often the malware, the email or the campaign
		st.wordIs(j, "operation", "operations", "campaign", "network", "operators") && j > 0 && st.wordIs(j-1, "the", "this", "these") {
		if subject != nil && subject.Kind == EntActor {
			return subject, true
		}
		return nil, true
	}
	if j == 0 && st.wordIs(0, attackerPlurals...) {
		// A bare plural that opens the sentence: the report's own
		// attackers ("Hackers sent spearphishing emails to campaign
		// staff"), unless the verb says what such doers do in general
		// (genericDoer, which the claims check).
		return nil, true
	}
	if st.servesState(j) {
		return nil, true
	}
	return nil, false
}

// servesState reports whether the words up to word j are doers and the
// state they serve, which a news report puts between the doers and their
// verb: "Hackers working for the Iranian government sent ...", "Operatives
// acting on behalf of Russia ran ...", "hackers linked to Iran sent ...".
// The doers are the report's operation's, which the sentence attributes.
// (An actor or a state body right before the verb is the doer itself:
// doerBefore.)
func (st *sentence) servesState(j int) bool {
	// The state or state body, and up to three words for what of it
	// ("the Iranian government", "Russia's GRU military intelligence
	// agency").
	var state *Entity
	for n := 0; n <= 3 && j-n >= 0 && state == nil; n++ {
		if n > 0 && !st.wordIs(j-n+1, servingNouns...) {
			break
		}
		if state = st.endingAt(j-n, EntCountry); state == nil {
			if x := st.endingAt(j-n, EntOrg); x != nil && adversaryBody(x) {
				state = x
			} else if n > 0 {
				state = st.possessorAt(j - n) // "Russia's foreign intelligence service"
			}
		}
	}
	if state == nil {
		return false
	}
	if k := startingAt(st.in, state.Start) - 1; k >= 0 && st.in[k].Kind == EntCountry && st.possessiveOf(&st.in[k], state) {
		state = &st.in[k] // "Russia's GRU": the state whose body it is, before it
	}
	i := st.wordAt(0, state.Start) - 1 // the word before the state
	if i >= 0 && st.wordIs(i, "the") {
		i--
	}
	switch {
	case i >= 2 && st.wordIs(i, "of") && st.wordIs(i-1, "behalf") && st.wordIs(i-2, "on"):
		i -= 3 // "acting on behalf of"
		if i >= 0 && st.wordIs(i, "acting", "working") {
			i--
		}
	case i >= 1 && st.wordIs(i, "for") && st.wordIs(i-1, "working", "acting", "spying"):
		i -= 2
	case i >= 1 && st.wordIs(i, "to") && st.wordIs(i-1, "linked", "tied", "connected", "loyal"):
		i -= 2
	case i >= 1 && st.wordIs(i, "by") && st.wordIs(i-1, "backed", "sponsored", "directed", "employed", "paid"):
		i -= 2
	default:
		return false
	}
	return i >= 0 && (st.wordIs(i, agentWords...) || st.wordIs(i, "operatives", "agents", "spies", "trolls"))
}

// possessorAt returns the state whose possessive ends at word k (the
// "s" of "Russia's", a word of its own after the apostrophe), or nil.
func (st *sentence) possessorAt(k int) *Entity {
	if k < 1 || !st.possessiveAt(k-1) {
		return nil
	}
	return st.endingAt(k-1, EntCountry)
}

// servingNouns name what of a state or state body serves: "the Iranian
// government", "the GRU military intelligence agency".
var servingNouns = []string{"government", "military", "regime", "state", "foreign", "intelligence", "agency", "service", "services",
	"army", "security", "forces"}

// endingAt returns the entity of one of kinds that ends with word k
// ("APT28 sent", "Iranian hackers"), or nil.
func (st *sentence) endingAt(k int, kinds ...EntityKind) *Entity {
	end := int(st.ws[k].end)
	for i := range st.in {
		if x := &st.in[i]; x.End == end && slices.Contains(kinds, x.Kind) {
			return x
		}
	}
	return nil
}

// claimedBy makes by the claimant of those of claims that have none;
// nil changes nothing.
func claimedBy(claims []Claim, by *Entity) {
	if by == nil {
		return
	}
	for k := range claims {
		if claims[k].Claimant == nil {
			claims[k].Claimant = by
		}
	}
}

// linkerBy returns who does the linking verb at word k in the passive,
// named right after it with "by": "linked by the FBI to Iran", "tied by
// U.S. officials to Russia" (a state's officials speak for it); nil for
// none, a class ("linked by researchers") or a verb that is no linking
// one.
func (st *sentence) linkerBy(k int) *Entity {
	if k+2 >= len(st.ws) || !st.wordIs(k, "linked", "tied", "attributed", "connected") || !st.wordIs(k+1, "by") {
		return nil
	}
	j := k + 2
	if st.wordIs(j, "the") && j+1 < len(st.ws) {
		j++
	}
	i := startingAt(st.in, int(st.ws[j].start))
	if i >= len(st.in) || st.in[i].Start != int(st.ws[j].start) {
		return nil
	}
	switch x := &st.in[i]; {
	case x.Kind == EntOrg && x.Key != string(OrgClass):
		return x
	case x.Kind == EntCountry:
		// A state's officials, agencies or government: "U.S. officials".
		if w := st.wordAt(j, x.End); w < len(st.ws) && st.wordIs(w, "officials", "authorities", "government", "agencies", "intelligence", "prosecutors", "investigators") {
			return x
		}
	}
	return nil
}

// linkerBefore returns the organisation that does the linking verb at
// word k, named right before it: "Clemson University linked", "Mandiant
// has tied", "researchers at Clemson University linked", "Graphika
// researchers linked"; nil when none is.
func (st *sentence) linkerBefore(k int) *Entity {
	j := k - 1
	for n := 0; j >= 0 && n < 2 && st.wordIs(j, doerAdverbs...); n++ {
		j--
	}
	if j < 0 || !st.wordIs(k, "link", "links", "linked", "tie", "ties", "tied") {
		return nil
	}
	if st.wordIs(j, "researchers", "analysts", "investigators") {
		if j >= 1 && st.ws[j].gap == gapSpace {
			if x := st.endingAt(j-1, EntOrg); x != nil && x.Key != string(OrgClass) {
				return x // "Graphika researchers linked"
			}
		}
		return nil // "researchers linked": no organisation of theirs right before
	}
	x := st.endingAt(j, EntOrg)
	if x == nil || x.Key == string(OrgClass) || st.text[x.End:st.ws[j+1].start] != " " {
		return nil
	}
	// "researchers at Clemson University linked", or the organisation
	// opens the clause ("Meta linked", "This is where CrowdStrike tied").
	if i := st.wordAt(0, x.Start) - 1; i >= 0 && !(st.wordIs(i, "at", "from", "of") && i >= 1 && st.wordIs(i-1, "researchers", "analysts", "investigators", "experts")) &&
		!(i == 0 && st.wordIs(i, "the")) && !st.wordIs(i, clauseOpeners...) {
		return nil
	}
	return x
}

// clauseOpeners open a clause whose subject follows them: "This is
// where CrowdStrike tied ...", "after Microsoft linked ...".
var clauseOpeners = []string{"where", "when", "after", "since", "because", "as", "once", "while", "and", "but"}

// phaseVerbs begin, go on with or take up again the doing of the gerund
// after them ("began distributing"), and turnVerbs, with "to", turn to it
// ("shifted to delivering"); gerundAdverbs may stand between ("began
// primarily distributing").
var (
	phaseVerbs    = []string{"began", "begun", "begins", "begin", "started", "starts", "start", "continued", "continues", "continue", "kept", "keeps", "resumed", "resumes"}
	turnVerbs     = []string{"shifted", "shifts", "shift", "moved", "moves", "switched", "switches", "turned", "turns", "pivoted", "returned", "returns"}
	gerundAdverbs = []string{"primarily", "mainly", "mostly", "largely", "actively", "also", "again"}
)

// gerund reports whether word k is a verb's -ing form (a word of five
// letters or more that ends so).
func (st *sentence) gerund(k int) bool {
	w := st.ws[k]
	if w.end-w.start < 5 || !w.letters {
		return false
	}
	e := int(w.end)
	return st.text[e-3]|0x20 == 'i' && st.text[e-2]|0x20 == 'n' && st.text[e-1]|0x20 == 'g'
}

// doerAdverbs may stand between an actor and its verb.
var doerAdverbs = []string{"also", "then", "later", "has", "have", "had", "reportedly", "repeatedly", "allegedly",
	"previously", "subsequently", "often", "frequently", "first", "likely", "probably", "initially", "again", "even"}

// tableRow reports whether the sentence is a row of a table: its first
// line is one to the sentence splitter (tableRow: cells between bars,
// tabs or tight commas), it opens with a bar, as AsciiDoc writes a cell
// ("|`value`"), or with an indicator and a separator of fields after it
// (a row of a CSV or TSV file: the first field may be quoted and hold
// several values).
func (st *sentence) tableRow() bool {
	s := st.text[st.span.Start:st.span.End]
	head := strings.TrimLeft(s, " \t\"`'")
	if strings.HasPrefix(head, "|") || tableRow(lineAt(s)) {
		return true
	}
	x := firstOf(st.in, EntIndicator)
	if x == nil || x.Start != st.span.Start+len(s)-len(head) {
		return false
	}
	rest := strings.TrimLeft(st.text[x.End:st.span.End], "\"`' ")
	return rest != "" && strings.IndexByte(",;\t|", rest[0]) >= 0
}

// providerZone reports whether indicator t is a dynamic DNS provider's
// own zone, the name a MISP list of providers holds itself ("mooo.com"):
// every customer's host is under it, and "C2 hostnames hosted in the
// mooo[.]com zone" ties no one actor to the zone. It stays an indicator,
// tagged; no claim says it indicates the actor.
func providerZone(t *Entity) bool {
	value, ok := strings.CutPrefix(t.Key, "domain|")
	if !ok {
		return false
	}
	for _, v := range warninglists.Check("domain", value) {
		if v.Context == "dynamic-dns" && v.Exact {
			return true
		}
	}
	return false
}

// ownerOf returns the actor that in[i], software, is named as the own
// of: the actor right before it, with a possessive or a malware noun
// between and nothing else ("Ballistic Bobcat backdoor, Sponsor",
// "APT28's Zebrocy", "Turla's backdoor Kazuar"). Otherwise nil.
func (st *sentence) ownerOf(i int) *Entity {
	if i == 0 || st.in[i-1].Kind != EntActor {
		return nil
	}
	x, t := &st.in[i-1], &st.in[i]
	between := st.text[x.End:t.Start]
	owned := false
	if rest, ok := strings.CutPrefix(between, "'s"); ok {
		between, owned = rest, true
	} else if rest, ok := strings.CutPrefix(between, "’s"); ok {
		between, owned = rest, true
	}
	words := strings.Fields(strings.TrimSuffix(strings.TrimSpace(between), ","))
	switch {
	case len(words) == 1 && ownNouns[strings.ToLower(words[0])]:
		owned = true
	case len(words) > 0 || strings.ContainsAny(between, ".;:()|\n"):
		return nil
	}
	if !owned || strings.Count(between, ",") > 1 || len(words) == 0 && strings.Contains(between, ",") {
		return nil
	}
	return x
}

// ownNouns are the nouns of malware between an actor and its software's
// name: "Ballistic Bobcat backdoor, Sponsor".
var ownNouns = wordSet("backdoor malware implant trojan wiper loader downloader dropper stealer infostealer rat rootkit spyware webshell ransomware toolkit")

// forgone reports whether software or a technique is named as what is
// not, or no longer, used: "used instead of the previously popular Get2
// downloader", "rather than Cobalt Strike", "no longer uses Emotet"; or
// as whose people the sentence speaks of: "the actors behind BazaLoader".
func (st *sentence) forgone(x *Entity) bool {
	if j := st.wordBefore(x); j >= 0 && st.wordIs(j, "behind") {
		return true // "an operator behind the Avaddon RaaS program", "the actors behind BazaLoader": whose it is
	}
	if st.compared(x) || st.otherUser(x) || st.disrupted(x) {
		return true
	}
	k := st.wordAt(0, x.Start)
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if st.wordIs(j, "of") && j > 0 && st.wordIs(j-1, "instead") ||
			st.wordIs(j, "than") && j > 0 && st.wordIs(j-1, "rather") ||
			st.wordIs(j, "longer") && j > 0 && st.wordIs(j-1, "no") {
			return true
		}
	}
	return false
}

// tradeVerbs are what is done with an exploit as a thing: made public,
// shared, bought and sold.
var tradeVerbs = []string{"share", "shares", "shared", "sharing", "sell", "sells", "sold", "selling", "buy", "buys",
	"bought", "buying", "purchase", "purchased", "offer", "offers", "offered", "offering", "advertise", "advertises",
	"advertised", "advertising", "publish", "publishes", "published", "release", "releases", "released", "post",
	"posts", "posted", "leak", "leaked", "sought", "seek", "seeking", "develop", "developed", "developing"}

// exploitTraded reports whether exploit trigger m is the noun "exploit"
// as a thing traded, a verb of tradeVerbs at most four words before it:
// "actors sought to buy an exploit for the vulnerability", "an actor
// shared an alleged nmap exploit for CVE-2020-5902". Sharing or selling
// an exploit is not exploiting the vulnerability.
func (st *sentence) exploitTraded(m wmatch) bool {
	if m.first != m.last || !st.wordIs(m.first, "exploit", "exploits") {
		return false
	}
	for j := m.first - 1; j >= 0 && j >= m.first-4; j-- { // "shared an alleged nmap exploit"
		if st.wordIs(j, tradeVerbs...) {
			return true
		}
	}
	return false
}

// listHead returns the index in st.in of the first item of the list x
// is in ("Emotet, Dridex, and ZLoader": Emotet's for each of the three),
// x's own when it is in none, -1 when x is not of st.in. A list's items
// are entities of one kind joined by commas, its last by "and" or "or"
// (", and", ", or"): a comma alone before x joins it to the one before
// only when the list goes on to an "and" or "or" after x, so that in
// "Similar to Emotet, Qakbot is using" Qakbot starts a clause of its own.
func (st *sentence) listHead(x *Entity) int {
	i := slices.IndexFunc(st.in, func(e Entity) bool { return e.Start == x.Start })
	if i < 0 {
		return -1
	}
	link := func(k int) string { // what joins st.in[k-1] to st.in[k]: "," "and" or ""
		if k <= 0 || k >= len(st.in) || st.in[k-1].Kind != st.in[k].Kind {
			return ""
		}
		switch strings.TrimSpace(st.text[st.in[k-1].End:st.in[k].Start]) {
		case ",":
			return ","
		case "and", "or", ", and", ", or":
			return "and"
		}
		return ""
	}
	if link(i) == "," {
		k := i + 1
		for link(k) == "," {
			k++
		}
		if link(k) != "and" {
			return i // no "and" ahead: the comma ends something else
		}
	}
	for link(i) != "" {
		i--
	}
	return i
}

// beforeList returns the word before the list x is in (x's, when it is
// in none), past a "the": where what the list is said to be starts. -1
// when there is none.
func (st *sentence) beforeList(x *Entity) int {
	i := st.listHead(x)
	if i < 0 {
		return -1
	}
	j := st.wordAt(0, st.in[i].Start) - 1
	if j >= 0 && st.wordIs(j, "the") {
		j--
	}
	return j
}

// compared reports whether x, or the list it is in, is named for
// comparison at the head of the sentence or of a clause: "Like Emotet,
// Dridex, and ZLoader, Qakbot is using a DLL file", "Similar to Emotet,
// Qakbot is using reply chain spam", "Unlike TrickBot, ...". What the
// clause's subject does, the things compared to it are not said to.
// "malware like Emotet" is an example, not a comparison: the cue opens
// the sentence or follows a comma.
func (st *sentence) compared(x *Entity) bool {
	j := st.beforeList(x)
	var cue int
	switch {
	case j >= 0 && st.wordIs(j, "like", "unlike"):
		cue = j
		if cue > 0 && st.wordIs(cue-1, "just", "much") {
			cue--
		}
	case j >= 1 && st.wordIs(j, "to") && st.wordIs(j-1, "similar", "similarly", "comparable", "akin", "compared"):
		cue = j - 1
	default:
		return false
	}
	return cue == 0 || strings.ContainsAny(st.text[st.ws[cue-1].end:st.ws[cue].start], ",;")
}

// otherUse are the participles of a passive whose agent is another user
// of what the sentence's subject uses: "a technique that has been
// recently employed by the Emotet and Qakbot threat groups as well".
var otherUse = []string{"used", "employed", "utilized", "utilised", "leveraged", "adopted", "seen", "observed", "abused", "exploited"}

// otherUser reports whether x, or the list it is in, is the agent of a
// passive of use after the sentence's own use ("Dridex continues using
// DLL files ..., a technique that has been recently employed by the
// Emotet and Qakbot threat groups as well"): others who use the same,
// not what is used. The sentence's first use is its doer's, and its
// agent may be the report's actor ("a broader trend leveraged by the
// BazaLoader threat actors": agentOf and actorIn read that one).
func (st *sentence) otherUser(x *Entity) bool {
	j := st.beforeList(x)
	if j < 1 || !st.wordIs(j, "by") || !st.wordIs(j-1, otherUse...) {
		return false
	}
	m, ok := st.findUse()
	return ok && m.last < j-1
}

// defenceVerbs are what defenders do to an actor's software or
// infrastructure: "an operation to disrupt Trickbot", "the takedown of
// Emotet", "law enforcement seized the Emotet infrastructure".
var defenceVerbs = []string{"disrupt", "disrupts", "disrupted", "disrupting", "dismantle", "dismantles", "dismantled",
	"dismantling", "takedown", "take-down", "sinkhole", "sinkholed", "sinkholing", "seize", "seized", "seizes", "seizing",
	"neutralize", "neutralized", "neutralise", "neutralised"}

// disrupted reports whether software x is what defenders act against,
// the word before it (past "the", and "of" after a noun) one of
// defenceVerbs: "conducting an operation to disrupt Trickbot", "the
// takedown of Emotet", "the Trickbot takedown". No one is said to use it
// there.
func (st *sentence) disrupted(x *Entity) bool {
	if x.Kind != EntSoftware {
		return false
	}
	j := st.wordBefore(x)
	if j >= 1 && st.wordIs(j, "of") {
		j--
		if j >= 0 && st.wordIs(j, "the") {
			j--
		}
	}
	if j >= 0 && st.wordIs(j, defenceVerbs...) {
		return true
	}
	k := st.wordAt(0, x.End) // "the Emotet takedown", "Trickbot disruption"
	return k < len(st.ws) && st.wordIs(k, "takedown", "take-down", "takedowns", "disruption", "disruptions", "sinkholing", "seizure", "dismantling")
}

// operationNouns are words for what an actor carries out against a
// target.
var operationNouns = []string{"attack", "attacks", "campaign", "campaigns", "operation", "operations", "espionage",
	"intrusion", "intrusions", "activity", "activities", "hacking", "cyberattack", "cyberattacks", "cyber-attacks",
	"strikes", "offensive", "efforts", "effort", "phishing", "spearphishing", "ddos", "wiper", "sabotage",
	"reconnaissance", "scanning", "scans", "probing", "surveillance"}

// targetsAssociated reports whether attribution trigger m ("associated
// with", "affiliated with") says who the people an operation went after
// are with, not whom the operation is with: "gain access to the accounts
// of people directly and indirectly associated with U.S. political
// campaigns", "targeting roughly a dozen individuals affiliated with
// President Biden". A noun of people stands before it (adverbs between),
// and a word of targeting or "of" at most four words before that noun.
func (st *sentence) targetsAssociated(m wmatch) bool {
	if !st.wordIs(m.first, "associated", "affiliated") {
		return false
	}
	k := m.first - 1
	for k >= 0 && st.wordIs(k, "directly", "indirectly", "closely", "and", "or", "both", "reportedly") {
		k--
	}
	if k < 0 || !st.wordIs(k, "people", "persons", "individuals", "staff", "staffers", "officials", "employees", "members",
		"those", "figures", "aides", "advisers", "advisors", "users", "voters", "journalists", "activists") {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if st.wordIs(j, "of", "to", "against", "targeting", "targeted", "targets", "impersonating") {
			return true
		}
	}
	return false
}

// targetWordBefore reports whether the word before entity x makes it a
// target: "against", "targeting", "targeted".
func (st *sentence) targetWordBefore(x *Entity) bool {
	j := st.wordBefore(x)
	return j >= 0 && st.wordIs(j, "against", "targeting", "targeted", "targets", "toward", "towards")
}

// attacksIn reports whether country x, after the word "to" at k, is where
// other attacks were: "link the Lazarus tool ... to previous attacks in
// Pakistan" ties two attacks together, not either to Pakistan (but
// "linked the activity to individuals in Iran" is to Iran).
func (st *sentence) attacksIn(k int, x *Entity) bool {
	j := st.wordBefore(x)
	if st.ws[k].id != idTo || j <= k+1 || !st.wordIs(j, "in", "on", "against") {
		return false // "blamed the attacks on Russia": no "to" before
	}
	for i := k + 1; i < j; i++ {
		if st.wordIs(i, "attack", "attacks", "intrusion", "intrusions", "incident", "incidents", "breach", "breaches", "hack", "hacks", "heist", "heists", "compromise", "compromises") {
			return true
		}
	}
	return false
}

// notTheOrg reports whether organisation x, as the sentence names it,
// stands for something else than itself as a target: its product
// ("targeting Microsoft Windows", "Microsoft Exchange servers") or its
// researchers ("Proofpoint threat researchers identified").
func (st *sentence) notTheOrg(x *Entity) bool {
	k := st.wordAt(0, x.End)
	if k >= len(st.ws) || st.ws[k].gap != gapSpace {
		return false
	}
	if st.wordIs(k, "threat", "security") && k+1 < len(st.ws) {
		k++
	}
	if st.wordIs(k, "has", "have", "had") && k+1 < len(st.ws) && st.wordIs(k+1, namingVerbs...) {
		return true // "in what Proofpoint has dubbed Operation SpoofedScholars": the namer
	}
	return st.wordIs(k, orgStandIns...) || st.wordIs(k, namingVerbs...)
}

// namingVerbs, after an organisation, make it the one that names or
// tracks an operation.
var namingVerbs = []string{"dubbed", "dubs", "calls", "called", "named", "names", "tracks", "tracked", "identified", "observed"}

// orgStandIns, right after an organisation's name, make it stand for
// something else: a product, the people who research for it, or those
// of its members or its area ("EU banks", "EU member states").
var orgStandIns = []string{"researchers", "researcher", "analysts", "analyst", "intelligence", "labs", "windows",
	"office", "exchange", "outlook", "azure", "teams", "sharepoint", "onedrive", "365", "drive", "docs", "chrome",
	"android", "ios", "macos", "defender", "word", "excel", "powerpoint", "products", "software", "servers",
	"member", "members", "banks", "citizens", "countries", "nationals", "companies", "firms", "businesses",
	"login", "account", "accounts", "credentials", "users", "user", "videos", "video", "posts", "post", "ads", "pages", "page",
	"channels", "channel", "groups", "profiles", "feeds", "stories", "reels", "shorts", "livestreams"} // "fake Google login pages", "Microsoft accounts of campaign staff", "TikTok videos"

// notTarget reports whether t, an organisation or state a trigger of
// targeting governs, is no target: what is impersonated or served, where
// things are, an abstraction ("Russia's stance"), an organisation that
// stands for its products or researchers.
func (st *sentence) notTarget(t *Entity) bool {
	return st.impersonated(t) || st.served(t) || t.Kind == EntCountry && (st.whereThingsAre(t) || st.abstractAfter(t)) ||
		t.Kind == EntOrg && st.notTheOrg(t)
}

// qualifiesOrg reports whether in[i] is a state right before an
// organisation, which it qualifies: "US voter groups".
func qualifiesOrg(in []Entity, i int) bool {
	return in[i].Kind == EntCountry && i+1 < len(in) && in[i+1].Kind == EntOrg && in[i+1].Start-in[i].End <= 1
}

// notTargeting reports whether targeting trigger m, as the sentence uses
// it, targets no one: it is a participle in a longer technique's name
// ("Targeted engagement", a DISARM technique), describes what a thing is about
// ("surveys targeted around presidential candidates"), or calls
// infrastructure compromised ("a legitimate but compromised website
// belonging to SOAS", "the compromised website of the National College
// of Nepal": the site's owner is no target of the operation).
func (st *sentence) notTargeting(m wmatch) bool {
	ws := st.ws
	from, to := int(ws[m.first].start), int(ws[m.last].end)
	for i := startingAt(st.in, max(from-64, st.span.Start)); i < len(st.in) && st.in[i].Start < to; i++ {
		if x := &st.in[i]; x.Kind == EntTechnique && x.Start <= from && to <= x.End && x.End-x.Start > to-from &&
			strings.HasSuffix(strings.ToLower(st.text[from:to]), "ed") {
			return true // a participle in a longer name: "Targeted engagement" (not "spearphishing emails to X")
		}
	}
	k := m.last + 1
	if k < len(ws) && st.wordIs(k, "around") {
		return true
	}
	if m.first == m.last && m.first > 0 && st.wordIs(m.first, "hacked", "compromised", "breached") && st.wordIs(m.first-1, "a", "an") {
		return true // a participle that describes a thing: "offered ... a hacked Twitter database"
	}
	if m.first == m.last && st.wordIs(m.first, "hacking") && k < len(ws) && st.wordIs(k, hackingNouns...) {
		return true // "a hacking unit of the GRU": what the unit is, not whom it hacked
	}
	return m.first == m.last && st.wordIs(m.first, "compromised") && k < len(ws) && st.wordIs(k, infrastructureNouns...)
}

// hackingNouns, after "hacking", make it an adjective: "a hacking unit",
// "hacking tools".
var hackingNouns = []string{"unit", "units", "group", "groups", "team", "teams", "tool", "tools", "campaign", "campaigns",
	"operation", "operations", "forum", "forums", "collective", "crew", "gang", "service", "services", "activity", "activities",
	"attempt", "attempts", "skills", "capabilities", "efforts", "community", "scene", "contest"}

// infrastructureNouns are what an actor compromises to use, not to
// target: after "compromised" they make it an adjective.
var infrastructureNouns = []string{"website", "websites", "site", "sites", "server", "servers", "domain", "domains",
	"host", "hosts", "infrastructure", "wordpress", "router", "routers", "vps", "email", "mailbox"}

// madeUpThings, after "fabricated", are an actor's fabrications.
var madeUpThings = []string{"content", "news", "stories", "story", "articles", "article", "images", "personas",
	"persona", "accounts", "documents", "document", "material", "materials", "quotes", "videos", "video", "websites",
	"sites", "profiles", "letters", "emails", "posts", "comments", "reviews", "photos"}

// served reports whether entity x is whom the operation serves, not
// targets: "individuals of intelligence interest to the Iranian
// government", "consistent with the IRGC's historical collection
// priorities", "in support of Iranian government interests".
func (st *sentence) served(x *Entity) bool {
	j := st.wordBefore(x)
	if j >= 1 && (st.wordIs(j, "to") && st.wordIs(j-1, "interest") || st.wordIs(j, "of") && st.wordIs(j-1, "support", "behalf", "benefit", "service", "interests")) {
		return true
	}
	k := st.wordAt(0, x.End)
	if k < len(st.ws) && st.wordIs(k, "s") && st.text[x.End] != ' ' {
		k++ // "the IRGC's"
	}
	for i := k; i < len(st.ws) && i < k+3; i++ {
		if st.wordIs(i, "priorities", "interests", "objectives", "goals", "agenda") {
			return true
		}
	}
	return false
}

// verbBetween reports whether a verb of approach or giving, or "send",
// starts at or after word k and before byte at: a clause of its own, not
// the next item of a list of targets.
func (st *sentence) verbBetween(k, at int) bool {
	for ; k < len(st.ws) && int(st.ws[k].start) < at; k++ {
		if approachVerbs.matchAt(st.ws, k) >= 0 || st.wordIs(k, givingVerbs...) || st.wordIs(k, "send", "sending") { // approachVerbs has "sent"
			return true
		}
	}
	return false
}

// stolenSent reports whether t is given stolen material by the verb at
// word v: a word of theft follows the verb, and "to" stands between it
// and t.
func (st *sentence) stolenSent(v int, t *Entity) bool {
	for k := v + 1; k < len(st.ws) && int(st.ws[k].start) < t.Start; k++ {
		if st.wordIs(k, "stolen", "leaked", "hacked", "exfiltrated") {
			// The material's owner, named before "to", was its target:
			// "stolen Trump campaign documents"; those after "to" were
			// given it.
			return st.wordIn(int(st.ws[k].end), t.Start, "to")
		}
	}
	return false
}

// givingVerbs pass something on to whom "to" names after them.
// Sending is not among them: what phishing mail is sent to is its target;
// sending stolen material is (recipient).
var givingVerbs = []string{"leak", "leaks", "leaked", "leaking", "pass", "passed", "passing", "provide", "provided",
	"providing", "gave", "give", "giving", "share", "shared", "sharing", "distribute", "distributed", "distributing",
	"handed", "sold", "selling"}

// recipient reports whether x, after trigger word from, is what something
// was given to: "to" before it, a giving verb between the trigger and
// that "to".
func (st *sentence) recipient(x *Entity, from int) bool {
	j := st.wordBefore(x)
	if j-2 > from && st.wordIs(j, "at", "of", "from") && st.wordIs(j-1, "reporters", "journalists", "editors", "staff", "someone", "people") && st.wordIs(j-2, "to") {
		j -= 2 // "leaked the documents to reporters at Politico"
	}
	if j <= from || !st.wordIs(j, "to") {
		return false
	}
	for k := j - 1; k > from && k >= j-6; k-- {
		if st.wordIs(k, givingVerbs...) {
			return true
		}
	}
	return st.stolenSent(from, x) // "sent the stolen files to journalists"
}

// inQuestion reports whether word k stands in a clause the sentence asks
// or doubts, not asserts: "it is unclear whether this activity is tied
// to the Russian government".
func (st *sentence) inQuestion(k int) bool {
	return st.wordWithin(k, 6, "whether") || st.inCondition(k) || st.asked()
}

// asked reports whether the sentence is a question that asks whether
// what it says is so: it ends with a question mark (quotes and brackets
// aside) and opens with an auxiliary verb ("Did APT28 target the DNC?",
// "Is Russia behind the leaks?"). A question with a question word
// presupposes the rest ("Who hacked the Democratic National Committee?"
// says it was hacked), and is read as the statement would be.
func (st *sentence) asked() bool {
	s := strings.TrimRight(st.text[st.span.Start:st.span.End], " \t\r\n\"')]”’»")
	return strings.HasSuffix(s, "?") && len(st.ws) > 0 && st.wordIs(0, questionAuxiliaries...)
}

// questionAuxiliaries are the verbs a yes-or-no question opens with.
var questionAuxiliaries = []string{"did", "does", "do", "is", "are", "was", "were", "can", "could", "will", "would", "should", "has", "have", "had"}

// inCondition reports whether word k stands in a condition that opens
// the sentence, before its comma: "If Iran were to target the campaign,
// it would ..." supposes, says nothing of what Iran did.
func (st *sentence) inCondition(k int) bool {
	if len(st.ws) == 0 || !st.wordIs(0, "if", "unless") {
		return false
	}
	comma := strings.IndexByte(st.text[st.span.Start:st.span.End], ',')
	return comma < 0 || int(st.ws[min(k, len(st.ws)-1)].start) < st.span.Start+comma
}

// whereThingsAre reports whether country x tells where things are, not
// whom the operation targets: "IP addresses generally located in China",
// "servers hosted in the Netherlands".
func (st *sentence) whereThingsAre(x *Entity) bool {
	if k := st.wordAt(0, x.End); k < len(st.ws) && int(st.ws[k].start) <= x.End+1 && st.wordIs(k, "based") {
		return true // "a Cameroon-based freelancer"
	}
	j := st.wordBefore(x)
	return j > 0 && st.wordIs(j, "in") && st.wordIs(j-1, "located", "hosted", "registered", "based", "situated")
}

// countryOfPlace reports whether country x names the country of a place
// just before it: "individuals associated with the Gagauz Executive
// Committee in Gagauzia, Moldova" (where they are, not a state behind
// them).
func (st *sentence) countryOfPlace(x *Entity) bool {
	j := st.wordAt(0, x.Start) - 1
	return j >= 1 && capitalised(st.text, st.ws[j]) && strings.TrimSpace(st.text[st.ws[j].end:x.Start]) == "," &&
		st.wordIs(j-1, "in", "at", "near")
}

// abstractAfter reports whether country x qualifies an abstraction, not
// people or bodies that can be targeted: "against Chinese privacy laws",
// "against the Chinese national security", "China's State interests".
// Up to three words after it are read; a word for people or bodies
// ("Israeli security officials") makes it a target again.
func (st *sentence) abstractAfter(x *Entity) bool {
	k := st.wordAt(0, x.End)
	if k < len(st.ws) && st.wordIs(k, "s") && st.text[x.End] != ' ' {
		k++ // "China's"
	}
	abstract := false
	for j := k; j < len(st.ws) && j < k+3; j++ {
		if st.ws[j].gap != gapSpace && j > k {
			break
		}
		if st.wordIs(j, targetableNouns...) {
			return false
		}
		abstract = abstract || st.wordIs(j, abstractNouns...)
	}
	return abstract
}

var (
	abstractNouns = []string{"law", "laws", "interest", "interests", "security", "policy", "policies", "privacy",
		"sovereignty", "economy", "market", "markets", "regulation", "regulations", "rules", "language", "languages",
		"sea", "waters", "territory", "culture", "values", "influence", "development", "growth", "priorities", "ambitions",
		"goals", "objectives", "strategy"}
	targetableNouns = []string{"officials", "official", "organizations", "organisations", "organization", "organisation",
		"entities", "companies", "company", "firms", "agencies", "agency", "government", "governments", "ministry",
		"ministries", "institutions", "users", "citizens", "individuals", "voters", "people", "victims", "targets",
		"sector", "sectors", "banks", "businesses", "networks", "systems", "infrastructure", "military", "journalists",
		"activists", "dissidents", "diaspora", "speakers", "audiences", "community", "communities", "campaigns",
		"parties", "elections", "election", "media", "outlets", "press", "services", "forces", "defense", "defence"}
)

// netblockOf reports whether t is a network range that holds an address
// named beside it: the address's netblock, as an indicator table gives
// it beside the address ("| CPRS | 185.140.53[.]189 | … |
// 185.140.53[.]0/24 |"). The range is the hosting provider's, the
// address the actor's: only the address indicates the actor.
func netblockOf(t *Entity, in []Entity) bool {
	kind, value, _ := strings.Cut(t.Key, "|")
	if kind != "ipv4-cidr" && kind != "ipv6-cidr" {
		return false
	}
	block, err := netip.ParsePrefix(value)
	if err != nil {
		return false
	}
	for i := range in {
		u := &in[i]
		if u.Kind != EntIndicator || u == t {
			continue
		}
		if k, v, _ := strings.Cut(u.Key, "|"); k == "ipv4" || k == "ipv6" {
			if a, err := netip.ParseAddr(v); err == nil && block.Contains(a) {
				return true
			}
		}
	}
	return false
}

// findDenial returns the first trigger of a denial: a phrase of
// denialPhrases, or "an anti-Russian campaign". "No evidence" denies only
// in a quoted speaker's mouth: said by the report's author it is a
// negated finding, not a claim.
func (st *sentence) findDenial() (wmatch, bool) {
	ws := st.ws
	for m, ok := st.find(denialPhrases, 0); ok; m, ok = st.find(denialPhrases, m.last+1) {
		if ws[m.first].id == idNo && ws[m.last].id == idEvidence && (st.claimantOf() == nil || !st.aboutInvolvement(m.last+1)) {
			continue // "The FBI said there was no evidence that any votes were altered": of no one's part in it
		}
		if m.first == m.last && m.last+1 < len(ws) && st.wordIs(m.first, "fabricated") && st.wordIs(m.last+1, madeUpThings...) {
			continue // "their own fabricated content": the actor's fabrications, not a denial
		}
		if softDenials.matchAt(ws, m.first) >= 0 && (!(st.mayHave(accusationNouns) && accusationNouns.has(ws)) || m.last+1 < len(ws) && st.wordIs(m.last+1, "of")) {
			continue // "an absurd number of domains", "the fabrication of news stories"
		}
		if m.first >= 2 && st.wordIs(m.first-1, "or") && st.wordIs(m.first-2, "confirm") {
			continue // "could not confirm or deny a link": no side taken
		}
		if st.wordIs(m.first, "provide", "present") && !st.demandedBefore(m.first) {
			continue // "the government said it would provide evidence": a promise, not a challenge
		}
		if m.first == m.last && st.wordIs(m.first, "baseless", "unfounded", "groundless", "fabricated") && !st.saidOrRejected() &&
			!(m.last+1 < len(ws) && st.wordIs(m.last+1, "accusations", "accusation", "allegations", "allegation", "charges", "claims", "attacks", "attribution")) {
			continue // "Moscow's broader effort to raise unfounded questions": the author's word for the operation's content, no one's denial
		}
		return m, true
	}
	if len(st.in) == 0 {
		return wmatch{}, false // "an anti-Russian campaign" names the state it denies for
	}
	for k := 0; k+2 < len(ws); k++ {
		if ws[k].id == idAnti && ws[k+1].gap == gapHyphen && ws[k+1].letters && ws[k+2].id == idCampaign && ws[k+2].gap == gapSpace {
			return wmatch{k, k + 2}, true // "part of an anti-Russian campaign"
		}
	}
	return wmatch{}, false
}

// aboutInvolvement reports whether the eight words from word k on are
// about who was involved: none (a bare "there was no evidence", said of
// the accusation), a word of involvement or accusation ("no evidence of
// Russian involvement", "no evidence to support the allegations"), or a
// state or an actor named ("no evidence that Russia hacked the DNC").
func (st *sentence) aboutInvolvement(k int) bool {
	if k >= len(st.ws) {
		return true
	}
	end := min(k+8, len(st.ws))
	for j := k; j < end; j++ {
		if st.wordIs(j, involvementWords...) {
			return true
		}
	}
	from, to := int(st.ws[k].start), int(st.ws[end-1].end)
	for i := startingAt(st.in, from); i < len(st.in) && st.in[i].Start < to; i++ {
		if x := &st.in[i]; x.Kind == EntCountry || x.Kind == EntActor || isStateBody(x) {
			return true
		}
	}
	return false
}

// demandWords ask for evidence: "demanded that Washington provide
// evidence", "urged the U.S. to provide evidence".
var demandWords = []string{"demanded", "demands", "demand", "demanding", "urged", "urges", "asked", "insisted"}

// demandedBefore reports whether "provide evidence" at word k is asked
// for or said to be missing, which challenges an accusation: "let it
// provide evidence", "called on the U.S. to provide evidence", "should
// provide", "failed to provide", "has not provided". "Would" or "will
// provide evidence" promises it, and "provided evidence" gives it.
func (st *sentence) demandedBefore(k int) bool {
	for j := k - 1; j >= 0 && j >= k-6; j-- { // "demanded that the United States present its evidence"
		if st.wordIs(j, "would", "will", "can", "could", "shall") {
			return false
		}
		if st.wordIs(j, "let", "to", "should", "must", "not", "never", "failed", "refused", "cannot") || st.wordIs(j, demandWords...) {
			return true
		}
	}
	return false
}

// inLink reports whether byte at is inside a link or path written in the
// sentence ("https://…/badblood-ta453-targets-us-and-israeli-…"): the
// words of a URL's slug make no claim.
func (st *sentence) inLink(at int) bool {
	for p := at - 1; p >= st.span.Start; p-- {
		switch st.text[p] {
		case ' ', '\t', '\n', '\r', '(', '[', '<', '"':
			return false
		case '/':
			return true
		}
	}
	return false
}

// advice reports whether the sentence advises defenders ("Campaigns
// should enable phishing-resistant MFA"): the techniques it names are
// what to defend against, not what an actor used.
func (st *sentence) advice() bool {
	for _, w := range st.ws {
		if adviceWords[w.id] {
			return true
		}
	}
	return false
}

// adviceWords are the words that make a sentence advice.
var adviceWords = wordIDSet("should", "recommend", "recommends", "recommended", "encourage", "encourages", "urge", "urges")

// copulaWords are the forms of "to be" that state what a subject is.
var copulaWords = wordIDSet("is", "was", "are", "were")

// locative reports whether "in" or "in the" stands right before word k.
func (st *sentence) locative(k int) bool {
	if k > 0 && st.wordIs(k-1, "the") {
		k--
	}
	return k > 0 && st.wordIs(k-1, "in")
}

// definiteAnaphor reports whether the sentence says "the group", "these
// actors", "the threat actor" anywhere.
func (st *sentence) definiteAnaphor() bool {
	ws := st.ws
	for k := 1; k < len(ws); k++ {
		if !anaphorHeads[ws[k].id] {
			continue
		}
		j := k - 1
		if j > 0 && st.wordIs(j, "threat") {
			j--
		}
		if st.wordIs(j, "the", "this", "these") {
			return true
		}
	}
	return false
}

// wordIs reports whether word k is one of words (lower-case), in any
// case.
func (st *sentence) wordIs(k int, words ...string) bool {
	w := st.text[st.ws[k].start:st.ws[k].end]
	for _, x := range words {
		if len(x) == len(w) && hasPrefixFold(w, x) {
			return true
		}
	}
	return false
}

// findBehind returns the first "is behind", "was likely behind", "are
// almost certainly behind" of the sentence.
func (st *sentence) findBehind() (wmatch, bool) {
	ws := st.ws
	for i := 1; i < len(ws); i++ {
		if ws[i].id != idBehind {
			continue
		}
		m := wmatch{i, i}
		k := m.first - 1
		for k > 0 && ws[k+1].gap == gapSpace && st.wordIs(k, behindAdverbs...) {
			k--
		}
		if k >= 0 && ws[k+1].gap == gapSpace && st.wordIs(k, copulas...) {
			return wmatch{k, m.last}, true
		}
	}
	return wmatch{}, false
}

// persona finds "under the persona Robert", "as the persona 'Robert'":
// the name an operation posed under, which the sentence then uses.
func (st *sentence) persona() (*Entity, Span) {
	ws := st.ws
	for k := 2; k+1 < len(ws); k++ {
		if ws[k].id != idPersona {
			continue
		}
		name := k + 1
		switch {
		case st.wordIs(k-2, "under", "as", "used", "using", "created", "adopted", "operated") && st.wordIs(k-1, "the", "a"):
			// "under the persona Robert", "used the persona Robert"
			if k+2 < len(ws) && st.wordIs(k+1, "called", "named", "dubbed") {
				name = k + 2 // "used a persona called Robert"
			}
		case st.wordIs(k-2, "under", "as"):
		default:
			continue
		}
		if name >= len(ws) {
			continue
		}
		n := ws[name]
		if !capitalised(st.text, n) || !n.letters {
			continue
		}
		if g := st.text[ws[name-1].end:n.start]; len(g) > 5 {
			continue // a space and a quote at most
		}
		nm := st.text[n.start:n.end]
		return &Entity{Kind: EntPersona, Start: int(n.start), End: int(n.end), Key: nm, Name: nm},
			Span{int(ws[k-2].start), int(n.end)}
	}
	return nil, Span{}
}

// governed reports whether a target starting at byte at is still governed
// by a trigger (or a target of a list) whose words end before word k: no
// word or mark that ends the clause (a semicolon, a table's cell border)
// stands between, nor more than limit words. It returns the index of the
// first word at or after at.
func (st *sentence) governed(k, at, limit int) (bool, int) {
	ws := st.ws
	n := 0
	from := k
	named, e := -1, -1 // where a naming clause that ends at the entity starts, and the entity's first word
	if e = st.wordAt(k, at); e > k && e < len(ws) && int(ws[e].start) == at && st.wordIs(e-1, namingLasts...) {
		// "attributed to the threat actor Proofpoint tracks as TA543": the
		// clause names what the trigger governs. Looked for only before a
		// word that may end one: governed runs for every trigger.
		for i := k; i < e; i++ {
			if st.namingClauseEnd(i) == e {
				named = i
				break
			}
		}
	}
	for ; k < len(ws) && int(ws[k].start) < at; k++ {
		if k == named {
			k = e
			break
		}
		n++
		if n > limit || st.wordIs(k, clauseBreaks...) || k > from && st.participleClause(k) {
			return false, k
		}
	}
	if from > 0 && (int(ws[from-1].end) > at || strings.ContainsAny(st.text[ws[from-1].end:at], ";|")) {
		return false, k // a target that starts before the trigger ends (entities that overlap), or past the clause
	}
	return true, k
}

// namingClauseEnd returns the word after a clause that starts at word k
// and gives the name of what it follows, as the next words write it: "known
// as", "referred to as", "tracked as", "tracked by Proofpoint as",
// "dubbed", "called", or a namer and its verb ("Proofpoint tracks as",
// "that Microsoft calls", "Mandiant has dubbed"); -1 when none starts there.
func (st *sentence) namingClauseEnd(k int) int {
	ws := st.ws
	if k < len(ws) && st.wordIs(k, "that", "which", "whom") {
		k++
	}
	if k >= len(ws) {
		return -1
	}
	if st.wordIs(k, "known", "tracked", "referred", "dubbed", "called", "named", "designated") {
		j := k + 1
		if st.wordIs(k, "referred") {
			if j >= len(ws) || !st.wordIs(j, "to") {
				return -1
			}
			j++
		}
		if j < len(ws) && st.wordIs(j, "by") && !st.wordIs(k, "known") {
			// "tracked by Proofpoint as": the namer, a name of up to
			// three capitalised words.
			j++
			for n := 0; n < 3 && j < len(ws) && st.capitalised(j) && !st.wordIs(j, "as"); n++ {
				j++
			}
		}
		switch {
		case j < len(ws) && st.wordIs(j, "as"):
			return j + 1
		case j == k+1 && st.wordIs(k, "dubbed", "called", "named", "designated"):
			return j // "a group dubbed TA543"
		}
		return -1
	}
	// A namer, of up to three capitalised words or "we", "they" or "it", and
	// its verb.
	for j := k; j < k+3 && j < len(ws) && (st.capitalised(j) || j == k && st.wordIs(j, "we", "they", "it")); j++ {
		v := j + 1
		if v < len(ws) && st.wordIs(v, "has", "have", "had", "now") {
			v++
		}
		if v >= len(ws) || !st.wordIs(v, namerVerbs...) {
			continue
		}
		e := v + 1
		if st.wordIs(v, "refers", "refer") {
			if e >= len(ws) || !st.wordIs(e, "to") {
				return -1
			}
			e++
		}
		if e < len(ws) && st.wordIs(e, "as") {
			e++
		}
		return e
	}
	return -1
}

// attackWords start the targeting phrases of attacks, which need an
// actor in the sentence (or referred back to) to be the operation's.
var attackWords = []string{"attacked", "attacks", "attack", "cyberattacks", "cyberattack", "cyber"}

// noActorsAttack reports whether trigger m is an attack's ("attacked",
// "attacks on") that no actor makes: the sentence names none (subject is
// nil), the attacks are blamed on someone ("blamed the attacks on
// Russia"), or "attacked" qualifies a noun ("the attacked country").
// "Winnti Group's cyber attacks on Thailand", "APT28 attacked the DNC"
// are an actor's; "Trump's attack on Syria" is not.
func (st *sentence) noActorsAttack(m wmatch, subject *Entity) bool {
	if !st.wordIs(m.first, attackWords...) {
		return false
	}
	return subject == nil || st.blamedOn(m) || st.wordIs(m.first, "attacked") && m.first > 0 && st.wordIs(m.first-1, "the", "an", "a")
}

// blamedOn reports whether trigger m is "attacks on" (or the like) after
// a verb of blame: "blamed the attacks on Russia" blames Russia, it does
// not target it.
func (st *sentence) blamedOn(m wmatch) bool {
	if !st.wordIs(m.last, "on") {
		return false
	}
	for j := m.first - 1; j >= 0 && j >= m.first-3; j-- {
		if st.wordIs(j, "blamed", "blames", "blame", "blaming", "pinned", "pins", "pin", "pinning") {
			return true
		}
	}
	return false
}

// namingLasts are the words a naming clause may end with (namingClauseEnd).
var namingLasts = []string{"as", "dubbed", "called", "named", "designated", "calls", "call", "dubs", "dub", "names", "name", "designates", "designate"}

// namedBefore reports whether a naming clause (namingClauseEnd) ends
// right before word k and starts within three words of word from: "the
// groups they call", "the threat actor Proofpoint tracks as".
func (st *sentence) namedBefore(from, k int) bool {
	for i := from; i < k && i <= from+3; i++ {
		if st.namingClauseEnd(i) == k {
			return true
		}
	}
	return false
}

// namerVerbs, after the one who names, give the name that follows them:
// "Proofpoint tracks as TA543", "the groups they call Cozy Bear".
var namerVerbs = []string{"tracks", "track", "tracked", "calls", "call", "called", "dubs", "dub", "dubbed", "names", "name", "named",
	"refers", "refer", "designates", "designate", "designated"}

// capitalised reports whether word k starts with an upper-case ASCII
// letter.
func (st *sentence) capitalised(k int) bool {
	c := st.text[st.ws[k].start]
	return c >= 'A' && c <= 'Z'
}

// listEnders end a trigger's list of targets: a phrase of time
// ("targeted voters ahead of the election", "before the vote", "during
// the campaign") or a clause about the targets ("countries that support
// Ukraine").
var listEnders = []string{"ahead", "before", "after", "during", "until", "since", "prior", "run-up", "lead-up", "that"}

// maxAttackedOn is how many words may stand between "attacks on" and
// its target: "cyber attacks on Thailand's gaming industry", "a supply
// chain attack on Taiwanese government entities".
const maxAttackedOn = 3

// maxAttributed is how many words may stand between an attribution's
// trigger and the state it names: "linked the activity to individuals in
// Iran", "on behalf of the Government of Iran".
const maxAttributed = 6

// maxListed is how many words may stand between two targets of one list:
// "presidential campaigns, state and county election officials".
const maxListed = 8

// wordIn reports whether one of words starts in bytes [from, to) of the
// sentence.
func (st *sentence) wordIn(from, to int, words ...string) bool {
	for k := st.wordAt(0, from); k < len(st.ws) && int(st.ws[k].start) < to; k++ {
		if st.wordIs(k, words...) {
			return true
		}
	}
	return false
}

// wordWithin reports whether one of the n words before word k is one of
// words.
func (st *sentence) wordWithin(k, n int, words ...string) bool {
	for j := k - 1; j >= 0 && j >= k-n; j-- {
		if st.wordIs(j, words...) {
			return true
		}
	}
	return false
}

// wordAt returns the index of the first word at or after word k that
// starts at or after byte at.
func (st *sentence) wordAt(k, at int) int {
	if k >= len(st.ws) || int(st.ws[k].start) >= at {
		return k
	}
	// The words are in text order: a binary search, since the rules ask
	// from word 0 for every entity of a sentence that may hold thousands.
	j, _ := slices.BinarySearchFunc(st.ws[k:], at, func(w cword, at int) int { return cmp.Compare(int(w.start), at) })
	return k + j
}

// behind returns what "is behind" makes responsible: the nearest state,
// state body or actor before byte at, unless it is the claimant.
func (st *sentence) behind(at int) *Entity {
	for i := startingAt(st.in, at) - 1; i >= 0; i-- {
		x := &st.in[i]
		if x.End > at || isClaimant(x, st.claimantOf()) {
			continue
		}
		if x.Kind == EntCountry || x.Kind == EntActor || isStateBody(x) {
			return x
		}
	}
	return nil
}

// targetBefore returns the organisation or state named last before byte
// at, unless it is the claimant, or nil.
func (st *sentence) targetBefore(at int) *Entity {
	for i := startingAt(st.in, at) - 1; i >= 0; i-- {
		x := &st.in[i]
		if x.End > at || x.Kind != EntOrg && x.Kind != EntCountry {
			continue
		}
		if isClaimant(x, st.claimantOf()) {
			return nil
		}
		return x
	}
	return nil
}

// pastPassive reports whether the trigger at word k is a past participle
// after a past form of "be" ("were targeted", "had been compromised",
// "was hacked"), an adverb between at most: a statement of what was done,
// where a present "are targeted" often says what happens in general.
func (st *sentence) pastPassive(k int) bool {
	if w := st.ws[k]; w.end-w.start < 3 || st.text[w.end-2:w.end] != "ed" && st.text[w.end-2:w.end] != "en" {
		return false // "was monitoring", "was targeting": active; a participle ends in -ed ("targeted", "hacked") or -en ("broken into")
	}
	c := st.copulaBefore(k)
	return c >= 0 && (st.wordIs(c, "was", "were") || c >= 1 && st.wordIs(c, "been") && st.wordIs(c-1, "had", "has", "have"))
}

// classInCountry returns the class of targets right before "in" before
// country x ("voters in Romania"), or nil.
func (st *sentence) classInCountry(x *Entity) *Entity {
	if x.Kind != EntCountry {
		return nil
	}
	k := st.wordAt(0, x.Start)
	if k < 2 || !st.wordIs(k-1, "in") {
		return nil
	}
	for i := startingAt(st.in, x.Start) - 1; i >= 0; i-- {
		if y := &st.in[i]; y.End == int(st.ws[k-2].end) && y.Kind == EntOrg && y.Key == string(OrgClass) {
			return y
		}
	}
	return nil
}

// countriesListedAfter returns the states listed with x after it, before
// byte limit: "Russia, Iran and China". Each is separated from the one
// before by a comma, "and" or ", and"; the list ends with its "and".
func (st *sentence) countriesListedAfter(x *Entity, limit int) []*Entity {
	var out []*Entity
	end := x.End
	for i := startingAt(st.in, x.End); i < len(st.in) && st.in[i].End <= limit && len(out) < maxListed; i++ {
		y := &st.in[i]
		if y.Start < end {
			continue
		}
		if y.Kind != EntCountry {
			break
		}
		switch strings.TrimSpace(st.text[end:y.Start]) {
		case ",":
			out, end = append(out, y), y.End
			continue
		case "and", ", and":
			return append(out, y) // the list's last
		}
		break
	}
	return nil // no "and" closes it: no list ("Russia, Iran" may be an apposition or a place)
}

// listedBefore returns the organisations and states listed before x, in
// text order, joined to it by "and" or "or" and to each other by commas:
// the subjects of a passive "The Biden, Sanders, and Warren campaigns
// were targeted".
func (st *sentence) listedBefore(x *Entity) []*Entity {
	var out []*Entity
	i := startingAt(st.in, x.Start) - 1
	for at := x.Start; i >= 0 && len(out) < maxListed; i-- {
		p := &st.in[i]
		if p.End > at {
			continue // inside the one after it
		}
		if p.Kind != EntOrg && p.Kind != EntCountry || isClaimant(p, st.claimantOf()) {
			break
		}
		switch strings.TrimSpace(st.text[p.End:at]) {
		case "and", ", and", "or", ", or":
		case ",":
			if len(out) > 0 {
				break // "Iran, Israel and ...": commas before the last "and"
			}
			fallthrough // "After Russia hit Israel, election bodies were targeted": no list
		default:
			i = -1
			continue
		}
		out = append(out, p)
		at = p.Start
	}
	slices.Reverse(out)
	return out
}

// listedAfter returns the entities of x's kind listed after it with
// "and": "Cozy Bear and Fancy Bear", "APT28, APT29 and Turla". Commas
// list only before an "and" ("APT28, a Russian group," is no list);
// "or" lists none (either, not both).
func (st *sentence) listedAfter(x *Entity) []*Entity {
	var out []*Entity
	at := x.End
	for i := startingAt(st.in, x.End); i < len(st.in) && len(out) < maxListed; i++ {
		p := &st.in[i]
		if p.Start < at {
			continue // inside the one before it
		}
		if p.Kind != x.Kind || isClaimant(p, st.claimantOf()) {
			return nil
		}
		switch strings.Trim(st.text[at:p.Start], " \t\n*_") { // emphasis too: "*Cozy Bear* and *Fancy Bear*"
		case "and", ", and":
			return append(out, p)
		case ",":
			out = append(out, p)
			at = p.End
		default:
			return nil
		}
	}
	return nil
}

// actorAfter returns the actor the trigger m governs, or nil.
func (st *sentence) actorAfter(m wmatch) *Entity {
	end := int(st.ws[m.last].end)
	for i := startingAt(st.in, end); i < len(st.in); i++ {
		x := &st.in[i]
		if x.Kind != EntActor {
			continue
		}
		if ok, _ := st.governed(m.last+1, x.Start, len(st.ws)); ok {
			return x
		}
		return nil
	}
	return nil
}

// lastBefore returns the last entity of a kind that ends before byte at.
func lastBefore(in []Entity, kind EntityKind, at int) *Entity {
	for i := startingAt(in, at) - 1; i >= 0; i-- {
		if in[i].Kind == kind && in[i].End <= at {
			return &in[i]
		}
	}
	return nil
}

// placeAfter reports whether entity x stands after a preposition, as a
// place ("a user located in Chile uploaded ... to target", "offered data
// for Canada", "an IP address that belongs to Hong Kong"), not as a state
// acting; an operation's origin is no mere place.
func (st *sentence) placeAfter(x *Entity) bool {
	j := st.wordBefore(x)
	if j < 0 || !st.wordIs(j, "in", "from", "at", "to", "for", "with", "across", "within", "into", "near", "inside", "outside", "throughout") {
		return false
	}
	// Where an operation comes from, or what it is linked to, is whom it
	// is attributed to: "the network originated in Iran", "a network
	// originating in Russia", "a state-sponsor link to China's government".
	return j == 0 || !st.wordIs(j-1, originVerbs...) && !st.wordIs(j-1, "based", "operating", "operated",
		"run", "link", "links", "linked", "tied", "ties", "connected", "connection", "connections",
		"attributed", "attributable")
}

// originVerbs say where something comes from: "originated in Iran",
// "emanating from Russia".
var originVerbs = []string{"originated", "originating", "originates", "originate", "emanated", "emanating", "emanates",
	"stemmed", "stemming", "stems"}

// cameFrom reports whether country x follows a verb of coming from
// ("originated in", "emanating from", "operates from"): where something
// is active ("operated in Ukraine") is no origin.
func (st *sentence) cameFrom(x *Entity) bool {
	j := st.wordBefore(x)
	if j >= 2 && st.wordIs(j, "of") && st.wordIs(j-1, "out") && !st.inLink(x.Start) {
		return st.wordIs(j-2, runVerbs...) && !st.machinesRun(j-2) // "The accounts were operated out of Iran"
	}
	if j < 1 || !st.wordIs(j, "in", "from") || st.inLink(x.Start) {
		return false
	}
	return st.wordIs(j-1, originVerbs...) || st.wordIs(j, "from") && st.wordIs(j-1, runVerbs...) && !st.machinesRun(j-1) ||
		st.operatorsLocated(j) || st.doersIn(j)
}

// machinesRun reports whether what the verb of running at word k runs
// is machinery, named in the three words before it: "The servers were
// run from Germany" says where servers are, not where the operation
// comes from.
func (st *sentence) machinesRun(k int) bool {
	for i := max(0, k-3); i < k; i++ {
		if st.wordIs(i, "server", "servers", "infrastructure", "host", "hosts", "c2", "vps", "botnet", "botnets", "proxies", "nodes") {
			return true
		}
	}
	return false
}

// runVerbs say that an operation is run, from where it is: "operated
// from Iran", "run out of Russia".
var runVerbs = []string{"operates", "operated", "operating", "operate", "run", "runs", "ran", "running", "managed", "directed", "controlled", "coordinated"}

// doersIn reports whether "in" at word j says where the makers of the
// operation's assets are: "The site was created by individuals in Iran",
// "registered by a person in Russia" (people there, which does not say
// the state is behind them: originOf). Not who else did something:
// "visited by people in Russia".
func (st *sentence) doersIn(j int) bool {
	if j < 4 || !st.wordIs(j, "in") || !st.wordIs(j-1, "individuals", "people", "persons", "person", "individual", "someone", "operators") {
		return false
	}
	k := j - 2
	if st.wordIs(k, "a", "an", "the", "several", "multiple", "two", "three") {
		k--
	}
	return k >= 1 && st.wordIs(k, "by") && st.wordIs(k-1, "created", "registered", "set", "up", "run", "operated", "managed", "controlled",
		"built", "developed", "written", "authored", "posted", "published", "bought", "purchased", "founded", "established")
}

// operatorsLocated reports whether "in" at word j says where the
// operation's people are: "The network's Page admins and account owners
// were located in Azerbaijan" (Meta's wording), "the operators are based
// in Iran". Not where things are: "servers located in Germany".
func (st *sentence) operatorsLocated(j int) bool {
	if j < 2 || !st.wordIs(j, "in") || !st.wordIs(j-1, "located", "based") {
		return false
	}
	k := j - 2
	if st.wordIs(k, "were", "was", "are", "is", "all", "mostly", "primarily", "largely") {
		k--
	}
	if k >= 0 && st.wordIs(k, "were", "are") {
		k--
	}
	return k >= 0 && st.wordIs(k, "owners", "admins", "administrators", "operators", "managers", "creators", "organizers", "organisers", "moderators")
}

// originOf reports whether country x is named as where the operation
// comes from, not as the state behind it: "China-based", "a network
// originating in Russia", "operated from Iran".
func (st *sentence) originOf(x *Entity) bool {
	after := st.text[x.End:min(len(st.text), x.End+40)]
	if hasPrefixFold(after, "-based") || hasPrefixFold(after, " based") || hasPrefixFold(after, " in origin") {
		return true // "a Russia-based network", "it is Russian in origin"
	}
	// One of a list that shares it: "Belarus, Russia-Based Influence
	// Operation Network".
	for _, sep := range []string{", and ", " and ", ", "} {
		if rest, ok := strings.CutPrefix(after, sep); ok {
			if i := strings.Index(strings.ToLower(rest), "-based"); i > 0 &&
				strings.IndexFunc(rest[:i], func(r rune) bool { return !unicode.IsLetter(r) && r != ' ' }) < 0 {
				return true
			}
			break
		}
	}
	// "originating in Russia", and people there: "linked the activity to
	// individuals in Iran" says where they are, not that the state is
	// behind them.
	if st.cameFrom(x) {
		return true // "run from Russia", "operated out of Iran", "created by individuals in Iran"
	}
	j := st.wordBefore(x)
	return j > 0 && st.wordIs(j, "in", "from") && (st.wordIs(j-1, originVerbs...) || st.wordIs(j-1,
		"based", "operating", "operated", "operates", "run", "individuals", "people", "persons",
		"firm", "firms", "company", "companies", "business", "businesses", "consultancy", "contractor", "contractors") || // "run by a PR firm in Nigeria": a company there, not the state
		st.operatorsLocated(j)) // "account owners were located in Azerbaijan"
}

// addressee reports whether entity x is what the sentence calls on, urges
// or asks ("called on the U.S. to provide evidence", "urged Washington
// to stop"), or where the mission that speaks is ("the Russian Embassy
// to the United States", "China's embassy in Washington"): not the
// speaker.
func (st *sentence) addressee(x *Entity) bool {
	j := st.wordBefore(x)
	if j >= 1 && st.wordIs(j, "to", "in") && st.wordIs(j-1, "embassy", "embassies", "mission", "consulate", "ambassador", "envoy", "delegation") {
		return true
	}
	if j >= 0 && st.wordIs(j, "on") && (j == 0 || !st.wordIs(j-1, "called", "calls", "call", "calling")) {
		return st.askedToProve(x) // "blamed the attacks on Russia, which denied": on whom the blame falls, not who is called on
	}
	return j >= 0 && st.wordIs(j, addressings...) || st.askedToProve(x)
}

// askedToProve reports whether x is who a sentence asks for evidence:
// "if the Dutch side has any facts, let it provide evidence", "the US
// should provide proof". A word of asking ("let", "to", "should", "must")
// stands between x and "provide evidence" (or "proof", "facts"), at most
// ten words on, with no other state between ("the Russian embassy called
// on the U.S. to provide evidence" asks the U.S.).
func (st *sentence) askedToProve(x *Entity) bool {
	from := st.wordAt(0, x.End)
	// "demanded that the United States present its evidence": asked, in
	// the subjunctive.
	j := st.wordBefore(x)
	asked := j >= 1 && st.wordIs(j, "that") && st.wordIs(j-1, demandWords...)
	next := len(st.text) // where the next state after x starts: the one asked, if any, is nearer
	for i := startingAt(st.in, x.End); i < len(st.in); i++ {
		if st.in[i].Kind == EntCountry {
			next = st.in[i].Start
			break
		}
	}
	for k := from; k < len(st.ws) && k < from+10 && int(st.ws[k].start) < next; k++ {
		switch {
		case st.wordIs(k, "let", "to", "should", "must", "needs", "need"):
			asked = true
		case st.wordIs(k, "provide", "present", "produce", "show") && k+1 < len(st.ws) &&
			(st.wordIs(k+1, "evidence", "proof", "facts") || k+2 < len(st.ws) && st.wordIs(k+1, "any", "some", "the", "its", "their") && st.wordIs(k+2, "evidence", "proof", "facts")):
			return asked
		}
	}
	return false
}

// wordBefore returns the index of the word before entity x, past a
// "the", or -1.
func (st *sentence) wordBefore(x *Entity) int {
	j := st.wordAt(0, x.Start) - 1
	if j >= 0 && st.wordIs(j, "the") {
		j--
	}
	return j
}

// addressings are the words before what a sentence calls on.
var addressings = []string{"on", "urged", "urges", "urge", "asked", "asks", "ask", "challenged", "challenges", "challenge",
	"demanded", "demands", "invited", "invites", "told", "tells"}

// denierBefore reports whether state x is the subject of the denial at
// word k: it stands right before the verb, with at most adverbs between
// ("Moscow denied", "which Russia has repeatedly denied").
func (st *sentence) denierBefore(x *Entity, k int) bool {
	j := st.wordAt(0, x.End)
	for ; j < k; j++ {
		if !st.wordIs(j, denialAdverbs...) {
			return false
		}
	}
	return j == k
}

// denialAdverbs may stand between who denies and the verb: "Russia has
// repeatedly denied".
var denialAdverbs = []string{"has", "have", "had", "also", "repeatedly", "strongly", "flatly", "categorically", "again", "quickly", "swiftly", "immediately"}

// privateDenier reports whether the subject of the denial at word k,
// right before it (auxiliaries and adverbs between), is a company, a
// platform, a victim's campaign or another private party: "the company
// denied that any customer data was lost", "Microsoft denied the flaw
// was exploited", "the Trump campaign denied the documents were real".
// Denials are a state's answer to an accusation.
func (st *sentence) privateDenier(k int) bool {
	j := st.denierWord(k)
	if j < 0 {
		return false
	}
	if st.wordIs(j, "company", "companies", "vendor", "firm", "platform", "provider", "bank", "university", "campaign", "newspaper", "outlet") {
		return true
	}
	x := st.endingAt(j, EntOrg)
	if x != nil && attributableFirm(x) && st.deniesInvolvement(k) {
		return false // "STOIC denied any involvement": a firm answering the attribution to it (firmDenier)
	}
	return x != nil && (x.Key == string(OrgCompany) || x.Key == string(OrgMedia) || x.Key == string(OrgCampaign))
}

// firmDenier returns the firm (attributableFirm) that denies by the
// denial verb at word k, right before it with auxiliaries and adverbs
// between: "STOIC denied any involvement", "Kreativ Media has rejected
// the allegations"; or nil. (privateDenier has let only a denial of its
// part in the operation through.)
func (st *sentence) firmDenier(k int) *Entity {
	if j := st.denierWord(k); j >= 0 {
		if x := st.endingAt(j, EntOrg); x != nil && attributableFirm(x) {
			return x
		}
	}
	return nil
}

// denierWord returns the word right before the denial verb at word k,
// past auxiliaries and adverbs ("has", "categorically"): the last word of
// who denies; -1 when the sentence starts there.
func (st *sentence) denierWord(k int) int {
	j := k - 1
	for j >= 0 && st.wordIs(j, denialAdverbs...) {
		j--
	}
	return j
}

// deniesInvolvement reports whether the denial verb at word k denies a
// part in something, by one of involvementWords at most four words on
// ("denied any involvement", "rejected the allegations"), not a fact of
// the firm's own business ("denied that any customer data was lost").
func (st *sentence) deniesInvolvement(k int) bool {
	for j := k + 1; j < len(st.ws) && j <= k+4; j++ {
		if st.wordIs(j, involvementWords...) {
			return true
		}
	}
	return false
}

// linkNouns are the nouns of "links between".
var linkNouns = wordIDSet("links", "link", "ties", "connections")

// involvementWords name a part in an operation, or the accusation of
// one, as a denial names what it denies.
var involvementWords = []string{"involvement", "involved", "links", "link", "ties", "connection", "connections", "role",
	"responsibility", "allegation", "allegations", "accusation", "accusations", "claims", "charges", "findings", "behind"}

// updateLastActor makes the last actor the sentence names the
// antecedent of the sentences after it; a sentence that names none (or
// only examples) leaves it as it was, which is also what one that refers
// back to it would set.
func (st *sentence) updateLastActor(lastActor **Entity) {
	if a := lastNamedActor(st.text, st.in); a != nil {
		*lastActor = a
	}
}

// lastNamedActor returns the last actor of in that a later "the group"
// or "they" may refer back to: one not named as an example ("used in the
// past by APT actors, such as Lazarus and Sandworm"), which the report
// goes on about no more than about any other.
func lastNamedActor(text string, in []Entity) *Entity {
	for i := len(in) - 1; i >= 0; i-- {
		if in[i].Kind != EntActor {
			continue
		}
		first, example := exampleList(text, in, i)
		if !example {
			return &in[i]
		}
		i = first // the list's every actor is an example too: none is read again
	}
	return nil
}

// exampleActor reports whether actor in[i] is named as an example: after
// "such as", "like", "e.g.", "including" or "for example", or in a list
// of actors that follows one ("such as Lazarus and Sandworm").
func exampleActor(text string, in []Entity, i int) bool {
	_, example := exampleList(text, in, i)
	return example
}

// exampleList is exampleActor, and the index of the list's first item
// when in[i] is an example; it reads lists of any one kind of entity
// ("such as SamSam and LockerGoga").
func exampleList(text string, in []Entity, i int) (int, bool) {
	for {
		before := strings.TrimRight(text[max(0, in[i].Start-24):in[i].Start], " ")
		before = strings.TrimSuffix(before, " the")
		for _, cue := range []string{" such as", " like", "e.g.", "e.g.,", " including", " for example", " for instance", "(such as"} {
			if strings.HasSuffix(before, cue) {
				return i, true
			}
		}
		// One of a list: the entity of its kind before it, then "," or
		// "and" or "or".
		if i == 0 || in[i-1].Kind != in[i].Kind {
			return i, false
		}
		gap := strings.TrimSpace(text[in[i-1].End:in[i].Start])
		if gap != "," && gap != "and" && gap != ", and" && gap != "or" && gap != ", or" {
			return i, false
		}
		i--
	}
}

// spanOf returns the bytes of the words [m.first, m.last].
func (st *sentence) spanOf(m wmatch) Span {
	return Span{int(st.ws[m.first].start), int(st.ws[m.last].end)}
}

// refersBack reports whether the sentence opens with a pronoun or a
// phrase such as "these efforts" (after any opening quote).
func (st *sentence) refersBack() bool {
	p := st.span.Start
	for p < st.span.End {
		switch {
		case st.text[p] == '"' || st.text[p] == '\'' || st.text[p] == ' ':
			p++
			continue
		case strings.HasPrefix(st.text[p:], "“"):
			p += len("“")
			continue
		}
		break
	}
	if len(st.ws) == 0 || int(st.ws[0].start) != p || st.expletiveIt() {
		return false
	}
	return anaphors.matchAt(st.ws, 0) >= 0 || operationWords.matchAt(st.ws, 0) >= 0 || st.wordIs(0, "its", "their")
}

// expletiveIt reports whether the sentence opens with an "it" that
// stands for nothing: "It is the first time the Dutch government has
// named ...", "It is likely that ...", "It was reported that ...", "It
// appears that ...". Such an "it" refers back to no actor.
func (st *sentence) expletiveIt() bool {
	ws := st.ws
	if len(ws) < 3 || !st.wordIs(0, "it") {
		return false
	}
	k := 1
	switch {
	case st.wordIs(k, "appears", "appeared", "seems", "seemed", "remains", "remained"):
		return true
	case st.wordIs(k, "is", "was"):
		k++
	case k+1 < len(ws) && st.wordIs(k, "has", "had") && st.wordIs(k+1, "been"),
		k+1 < len(ws) && st.wordIs(k, "will", "would", "may", "might", "could", "can") && st.wordIs(k+1, "be"):
		k += 2
	default:
		return false
	}
	if k < len(ws) && st.wordIs(k, "not", "also", "now", "still", "highly", "very", "quite", "therefore") {
		k++
	}
	if k >= len(ws) {
		return false
	}
	if k+1 < len(ws) && st.wordIs(k, "the", "a") && st.wordIs(k+1, "first", "second", "third", "last", "only", "latest", "case") {
		return true // "It is the first time ..."
	}
	return st.wordIs(k, expletiveAfterIt...)
}

// expletiveAfterIt, after "it is" (or "it was", "it has been", "it may
// be"), make the "it" stand for what follows: "it is likely that", "it
// was reported that".
var expletiveAfterIt = []string{"likely", "unlikely", "possible", "impossible", "probable", "improbable", "unclear", "clear",
	"evident", "apparent", "obvious", "plausible", "certain", "uncertain", "important", "worth", "notable", "noteworthy",
	"interesting", "difficult", "hard", "easy", "true", "false", "necessary", "common", "rare", "uncommon", "surprising",
	"unknown", "believed", "thought", "assessed", "reported", "noted", "known", "understood", "suspected", "alleged",
	"said", "expected", "estimated", "assumed", "claimed", "rumored", "rumoured", "speculated", "feared", "hoped",
	"recommended", "advised", "essential", "critical", "crucial", "vital", "time", "too", "no", "not"}

// findAttribution returns the first trigger of an attribution at or after
// word from: a phrase of attributionPhrases, "attributed ... to" with no
// period between, or "on X's behalf".
func (st *sentence) findAttribution(from int) (wmatch, bool) {
	ws := st.ws
	for i := from; i < len(ws); i++ {
		if ws[i].id == 0 {
			continue
		}
		if last := st.linksBetween(i); last >= 0 {
			return wmatch{i, last}, true
		}
		if attributionVerbs.matchAt(ws, i) >= 0 {
			// The nearest "to", if no period stands before it, and no
			// reader's verb after it: "click the link to read the
			// statement from Russia" links nothing to Russia.
			if j, dot := st.toAfter(i); j < len(ws) && dot < int(ws[i].end) && !(j+1 < len(ws) && st.wordIs(j+1, readersVerbs...)) && !st.linksToDocument(i, j) && !st.forgedAttributed(i) {
				return wmatch{i, j}, true
			}
			continue
		}
		if last := attributionPhrases.matchAt(ws, i); last >= 0 {
			if st.linksToDocument(i, last) || st.contentAccuses(i) {
				continue
			}
			return wmatch{i, last}, true
		}
		if last := st.onBehalf(i); last >= 0 {
			return wmatch{i, last}, true
		}
	}
	return wmatch{}, false
}

// linksBetween returns the word of the "and" of "links between <the
// operation> and X" at word i ("We found links between this network and
// STOIC"), or -1: the words before the "and" name the operation (one of
// firmObjects' nouns, or an actor's), so that what is linked to it is
// what follows.
func (st *sentence) linksBetween(i int) int {
	if !linkNouns[st.ws[i].id] || i+1 >= len(st.ws) || !st.wordIs(i+1, "between") {
		return -1
	}
	named := false
	for j := i + 2; j < len(st.ws) && j <= i+6; j++ {
		if st.ws[j].gap != gapSpace && st.ws[j].gap != gapHyphen {
			return -1
		}
		if st.wordIs(j, "and") {
			if named {
				return j
			}
			return -1
		}
		if st.wordIs(j, firmObjects...) || st.wordIs(j, "group", "actor", "actors") {
			named = true
		}
	}
	return -1
}

// forgedAttributed reports whether the attribution verb at word i says
// whom a forgery is passed off as coming from, not who made it:
// "Secondary Infektion forged documents attributed to U.S. officials",
// "fake quotes attributed to the minister".
func (st *sentence) forgedAttributed(i int) bool {
	if !st.wordIs(i, "attributed", "attributing") {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if st.wordIs(j, "forged", "forgery", "forgeries", "fake", "fabricated", "falsely", "spoofed", "counterfeit") {
			return true
		}
		if j == i-1 && st.wordIs(j, "quotes", "quote", "quotations", "letter", "letters", "statement", "statements", "documents", "document", "remarks", "tweets", "tweet") {
			return true // "documents attributed to X": whose words they are said to be
		}
	}
	return false
}

// saidOrRejected reports whether the sentence holds a verb of saying
// or of rejecting, or a quotation mark: what a denial's adjective needs
// to be someone's answer ("called the report baseless", "rejected the
// claims as unfounded", "\"unfounded\""), not the author's description.
func (st *sentence) saidOrRejected() bool {
	if hasQuoteMark(st.text[st.span.Start:st.span.End]) || strings.Contains(st.text[st.span.Start:st.span.End], "“") {
		return true
	}
	for k := range st.ws {
		if st.wordIs(k, answerVerbs...) {
			return true
		}
	}
	return false
}

// answerVerbs say or answer something: "called the report baseless",
// "rejected the claims as unfounded", "urged the U.S. to stop its
// baseless accusations". (Not sayings, whose "found" or "reported" are
// the author's: "researchers found the effort raised unfounded questions".)
var answerVerbs = []string{"said", "says", "say", "saying", "stated", "told", "wrote", "writes", "added", "claimed", "claims", "called", "calls", "call", "calling", "described", "describes", "termed", "terms",
	"dismissed", "dismisses", "rejected", "rejects", "denied", "denies", "deny", "branded", "brands", "labelled", "labeled",
	"insisted", "insists", "states", "tells", "responded", "replied", "argued", "argues", "maintained", "maintains",
	"urged", "urges", "demanded", "demands", "condemned", "condemns", "denounced", "denounces"}

// contentAccuses reports whether the verb of blame at word i is what an
// operation's content says, not a claim about the operation: an actor
// accuses ("Storm-1516 produced staged videos that falsely accused
// Ukrainian officials of corruption"), falsely, or its videos, articles
// or posts do ("articles accusing Moldova's government of fraud").
func (st *sentence) contentAccuses(i int) bool {
	if !st.wordIs(i, "accused", "accuses", "accusing", "blamed", "blames", "blaming", "blame") {
		return false
	}
	j := i - 1
	if j >= 0 && st.wordIs(j, "falsely", "wrongly", "baselessly", "repeatedly", "also") {
		if st.wordIs(j, "falsely", "wrongly", "baselessly") {
			return true
		}
		j--
	}
	if j >= 0 && st.wordIs(j, "that", "which") {
		j--
	}
	if j < 0 {
		return false
	}
	if st.wordIs(j, contentNouns...) {
		return true
	}
	x, ok := st.doerBefore(i, nil)
	return ok && x != nil && x.Kind == EntActor
}

// contentNouns are what an influence operation publishes: what they say
// is its content, not a claim about it.
var contentNouns = []string{"video", "videos", "article", "articles", "post", "posts", "story", "stories", "meme", "memes",
	"message", "messages", "narrative", "narratives", "cartoon", "cartoons", "content", "headline", "headlines", "tweet",
	"tweets", "comment", "comments", "ad", "ads", "advertisement", "advertisements", "clip", "clips"}

// linksToDocument reports whether the words i to "to" at j are a link
// word and its "to" ("links to", "linked to") and what follows is a
// document, a page or a post: the link of a web page, not a tie between
// an operation and its sponsor. "The report links to a statement from
// Russia" attributes nothing to Russia; "linked to an article in the
// state media" neither.
func (st *sentence) linksToDocument(i, j int) bool {
	if !st.wordIs(i, "link", "links", "linked", "linking") || !st.wordIs(j, "to") {
		return false
	}
	k := j + 1
	if k < len(st.ws) && st.wordIs(k, "a", "an", "the", "this", "that", "these", "those", "our", "their", "its", "his", "her", "another") {
		k++
	}
	// A lower-case word or two before the noun: "an earlier blog post",
	// "the official statement"; a name is what the link is to ("accounts
	// linked to Russia posted videos").
	for n := 0; n < 3 && k < len(st.ws); n, k = n+1, k+1 {
		if st.wordIs(k, linkedDocuments...) {
			return true
		}
		if w := st.ws[k]; w.gap != gapSpace && w.gap != gapHyphen || !w.letters || st.text[w.start] < 'a' || st.text[w.start] > 'z' {
			return false
		}
	}
	return false
}

// linkedDocuments are what a web page links to when it links to a text.
var linkedDocuments = []string{"statement", "statements", "article", "articles", "page", "pages", "webpage", "website",
	"site", "post", "posts", "blog", "blogpost", "tweet", "tweets", "video", "videos", "document", "documents", "pdf",
	"story", "stories", "thread", "paper", "release", "advisory", "writeup", "url", "urls", "petition", "survey", "form"}

// readersVerbs follow "to" where it starts what a link lets the reader
// do, not whom something is tied to.
var readersVerbs = []string{"read", "learn", "see", "view", "find", "download", "access", "visit", "click", "open",
	"watch", "consult", "review", "know", "understand", "explore", "follow", "subscribe", "contact", "report"}

// otherActivity reports whether what an attribution trigger m
// attributes, named between its verb and "to", is activity other than
// the operation the report describes: "previously attributed similar
// activity to North Korea, but this campaign shows no such ties",
// "attributed earlier campaigns to APT28".
func (st *sentence) otherActivity(m wmatch) bool {
	for k := m.first + 1; k < m.last && k <= m.first+4; k++ {
		if st.wordIs(k, "similar", "previous", "earlier", "past", "prior", "older", "other", "unrelated", "separate") {
			return true
		}
	}
	return false
}

// othersConceded reports whether word k stands in a clause that opens a
// sentence by conceding what others say, before the author answers it:
// "While some reports attributed the campaign to Iran, our analysis
// found no overlap". What "some reports", "other researchers" or
// "previous analyses" said is not the author's claim.
func (st *sentence) othersConceded(k int) bool {
	ws := st.ws
	if len(ws) < 3 || !st.wordIs(0, "while", "although", "though", "whereas", "even") {
		return false
	}
	q := 1
	if st.wordIs(0, "even") {
		if !st.wordIs(1, "though") {
			return false
		}
		q = 2
	}
	if q >= k || !st.wordIs(q, "some", "other", "others", "previous", "earlier", "prior", "several", "many", "certain", "various") {
		return false
	}
	// The clause runs on to the trigger: no comma or semicolon between.
	return !strings.ContainsAny(st.text[ws[0].end:ws[k].start], ",;")
}

// toAfter returns the index of the first "to" after word i (len(ws) when
// there is none) and the offset of the last period before it, or -1. It
// remembers the last answer, which holds for every word before that "to":
// a sentence full of "attributed" and no "to" costs one scan, not one per
// word.
func (st *sentence) toAfter(i int) (j, dot int) {
	if c := &st.to; c.known && c.from < i && i < c.at {
		return c.at, c.dot
	}
	ws := st.ws
	j = i + 1
	for j < len(ws) && ws[j].id != idTo {
		j++
	}
	end := st.span.End
	if j < len(ws) {
		end = int(ws[j].start)
	}
	dot = st.lastPeriod(int(ws[i].end), end)
	st.to = toCache{known: true, from: i, at: j, dot: dot}
	return j, dot
}

// lastPeriod returns the offset of the last period in bytes [from, to)
// of the text that may end a clause, or -1: not one inside a name the
// sentence holds ("linked by U.S. officials to Iran") nor one a letter or
// digit follows ("e.g", "v1.2").
func (st *sentence) lastPeriod(from, to int) int {
	for p := to; p > from; {
		d := strings.LastIndexByte(st.text[from:p], '.')
		if d < 0 {
			return -1
		}
		d += from
		if d+1 < len(st.text) && isWordByte(st.text[d+1]) || st.inEntity(d) {
			p = d
			continue
		}
		return d
	}
	return -1
}

// inEntity reports whether byte at is inside an entity of the sentence.
func (st *sentence) inEntity(at int) bool {
	i := startingAt(st.in, at+1) // the entities that start after at are past it
	for i--; i >= 0; i-- {
		if x := &st.in[i]; x.Start <= at && at < x.End {
			return true
		} else if x.End <= at && i > 0 && st.in[i-1].End <= x.Start {
			return false // entities do not overlap: none before this one reaches at
		}
	}
	return false
}

// toCache is the last answer of toAfter.
type toCache struct {
	known         bool
	from, at, dot int
}

// onBehalf matches "on Iran's behalf", "on Tehran’s behalf", "on their
// behalf", "on activists' behalf" at word i, and returns the index of
// "behalf", or -1.
func (st *sentence) onBehalf(i int) int {
	ws := st.ws
	if ws[i].id != idOn || i+2 >= len(ws) || ws[i+1].gap != gapSpace || !ws[i+1].letters {
		return -1
	}
	j := i + 2
	for j < len(ws) && ws[j].gap == gapApos && ws[j].letters && ws[j].id != idBehalf {
		j++ // "Iran's", "O'Neill's"
	}
	if j >= len(ws) || ws[j].id != idBehalf {
		return -1
	}
	switch ws[j].gap {
	case gapSpace:
		return j
	case gapOther: // "activists' behalf"
		g := strings.TrimLeft(st.text[ws[j-1].end:ws[j].start], "'’")
		if len(g) < len(st.text[ws[j-1].end:ws[j].start]) && gapOf(g) == gapSpace {
			return j
		}
	}
	return -1
}

// negatedBefore reports whether a negation stands in the few bytes before
// a trigger at byte at ("did not attribute", "no evidence ... linked to"),
// in its clause: "Officials did not comment, but APT28 targeted voters"
// negates the comment only.
func (st *sentence) negatedBefore(at int) bool {
	from := max(at-24, st.span.Start)
	if i := strings.LastIndexAny(st.text[from:at], ",;"); i >= 0 {
		from += i + 1
	}
	var buf [16]cword
	return negations.has(sentenceWords(st.text, from, at, buf[:0]))
}

// stateAdjective finds "Iran-linked", "Russian state-sponsored",
// "Iranian operatives": a demonym or country name bound to an actor noun.
func (st *sentence) stateAdjective() (*Entity, Span) {
	ws := st.ws
	// Both a state (countryAt) and a state body (stateBodyAt, by the
	// names of knownOrgs) are written with a capital: other words are
	// passed over before any phrase is tried after them. Each loop needs
	// a phrase of its sets: a sentence with no word to start one (most)
	// is not read word by word for it.
	adjectives := st.mayHave(stateAdjectives)
	for i := 0; i+1 < len(ws) && adjectives; i++ {
		if g := ws[i+1].gap; !ws[i].letters || g != gapHyphen && g != gapSpace || !capitalised(st.text, ws[i]) {
			continue
		}
		if last := stateAdjectives.matchAt(ws, i+1); last >= 0 {
			if ws[last].id == idBased && (last+1 >= len(ws) || actorNouns.matchAt(ws, last+1) < 0) {
				continue // "a France-based company", "a Chinese based DNS provider": where a thing is, not who acts
			}
			if st.criminalsAfter(last + 1) {
				continue // "Russian-linked criminals": crooks of a country, not its state
			}
			x := st.countryAt(i)
			if x == nil && ws[i+1].gap == gapHyphen {
				x = st.stateBodyAt(i) // "IRGC-affiliated"
			}
			if x != nil {
				return x, Span{int(ws[i].start), int(ws[last].end)}
			}
		}
	}
	if !st.mayHave(actorNouns) && !st.mayHave(possessedActs) {
		return nil, Span{} // every match below is of an actor noun or of a state's possessed act
	}
	for i := 0; i+1 < len(ws); i++ {
		if !ws[i].letters || !capitalised(st.text, ws[i]) || ws[i+1].gap != gapSpace && !st.acronymInParens(i) && !st.possessiveAt(i) {
			continue
		}
		noun, last := i+1, -1
		if m := actorModifiers.matchAt(ws, i+1); m >= 0 && m+1 < len(ws) && ws[m+1].gap == gapSpace {
			noun, last = m+1, actorNouns.matchAt(ws, m+1)
		}
		if last < 0 {
			noun, last = i+1, actorNouns.matchAt(ws, i+1)
		}
		if last < 0 && st.possessiveAt(i) {
			noun, last = i+2, possessedActs.matchAt(ws, i+2) // "Iran's efforts to interfere", "Russia's hackers"
		}
		if last < 0 || ws[noun].id == idOfficials {
			continue // "Iranian officials denied": officials speak for the state; not an attribution
		}
		if x := st.countryAt(i); x != nil && !st.posedAs(i) {
			if noun == i+1 && st.wordIs(noun, "actors", "actor", "threat", "hackers", "groups", "group", "operators", "cyber", "cyberactors") && st.crimeContext() {
				continue // "Chinese actors ... sell malware in the underground": crooks of a country, not its state
			}
			return x, Span{int(ws[i].start), int(ws[last].end)}
		}
	}
	return nil, Span{}
}

// pastAccording reports whether the source named after "according to"
// (which ends at byte from) ended at a comma before byte at: no
// organisation or state stands between "according to" and the comma.
// "According to the FBI, CISA and NSA" names three sources.
func (st *sentence) pastAccording(from, at int) bool {
	comma := strings.IndexByte(st.text[from:at], ',')
	if comma < 0 {
		return false
	}
	comma += from
	i := startingAt(st.in, from)
	return i >= len(st.in) || st.in[i].Start >= comma
}

// possessiveAt reports whether word i is a possessive followed by a
// word: "Iran's efforts", "Russia’s hackers".
func (st *sentence) possessiveAt(i int) bool {
	return i+2 < len(st.ws) && st.ws[i+1].gap == gapApos && st.ws[i+2].gap == gapSpace && st.text[st.ws[i+1].start:st.ws[i+1].end] == "s"
}

// possessedActs, after a state's possessive, are its operations or its
// agents: "Iran's efforts to interfere in the election", "Russia's
// interference", "China's hackers"; not "Ukraine's intelligence
// services", which as often speak as act.
var possessedActs = newPhraseSet("interference", "meddling", "efforts to interfere", "efforts to influence",
	"efforts to meddle", "influence efforts", "influence operation", "influence operations", "influence campaign",
	"influence campaigns", "hackers", "operatives", "spies", "cyber actors", "hacking groups", "hacking group")

// negatedAround reports whether the state's agents at span trig are said
// not to have acted: a negation right before them ("It was not Russian
// hackers who ...") or in the three words after ("Russian hackers did not
// target ...", "Iranian actors were not behind ...", "Chinese actors
// played no role").
func (st *sentence) negatedAround(trig Span) bool {
	k := st.wordAt(0, trig.End)
	from := trig.End
	for j := k; j < len(st.ws) && j < k+3; j++ {
		if strings.ContainsAny(st.text[from:st.ws[j].start], ",;") {
			break // "Russian hackers, not criminals, breached ...": another clause's negation
		}
		if st.wordIs(j, "not", "never", "no") || st.wordIs(j, "t") && st.ws[j].gap == gapApos {
			return true
		}
		from = int(st.ws[j].end)
	}
	j := st.wordAt(0, trig.Start) - 1
	return j >= 0 && st.wordIs(j, "not", "no", "never")
}

// negatedSaying returns where the first negated verb of saying or
// judging ends ("we do not assess that", "officials have not said",
// "Microsoft didn't conclude"), or "no evidence" or "no indication" does,
// or -1: what follows it is not said.
func (st *sentence) negatedSaying() int {
	for k := 1; k < len(st.ws); k++ {
		if last := noEvidence.matchAt(st.ws, k-1); last >= 0 {
			return int(st.ws[last].end) // "We found no evidence that Iranian actors were involved"
		}
		if notSaid.matchAt(st.ws, k) < 0 {
			continue
		}
		j := k - 1
		if j >= 1 && st.wordIs(j, "yet", "publicly", "formally", "explicitly", "officially") {
			j--
		}
		if st.wordIs(j, "not", "never") || st.wordIs(j, "t") && st.ws[j].gap == gapApos {
			return int(st.ws[k].end)
		}
	}
	return -1
}

// noEvidence leave what follows them unsaid, as a negated verb of
// saying does.
var noEvidence = newPhraseSet("no evidence", "no indication", "no indications", "no sign", "no signs", "no proof",
	"no link", "no links", "no connection", "no connections", "no ties", "no overlap", "no overlaps") // "found no link between the domain and the Iranian group"

// notSaid are the verbs of saying and judging whose negation makes what
// follows no claim.
var notSaid = newPhraseSet("assess", "assesses", "assessed", "believe", "believes", "believed", "judge", "judges", "think", "thinks",
	"say", "says", "said", "conclude", "concludes", "concluded", "claim", "claims", "determine", "determined")

// acronymInParens reports whether word i is an acronym in parentheses
// after a name, with a space after them: "the People's Republic of China
// (PRC) state-sponsored actors".
func (st *sentence) acronymInParens(i int) bool {
	return i > 0 && st.text[st.ws[i].end:st.ws[i+1].start] == ") " && strings.HasSuffix(st.text[st.ws[i-1].end:st.ws[i].start], " (") &&
		st.text[st.ws[i].start:st.ws[i].end] == strings.ToUpper(st.text[st.ws[i].start:st.ws[i].end])
}

// demonym reports whether a country is written as its adjective
// ("Polish", "Iranian", "Chinese", "Israeli"), not its name: "Russia
// targeted ..." is a state acting, "paid in Polish zlotys ... targeted
// audiences" is not. A name ("Iran", "Pakistan", "US") is a country's
// English name or an abbreviation.
func demonym(w string) bool {
	if geo.CodeOfName(w) != "" || w == strings.ToUpper(w) {
		return false
	}
	for _, suffix := range []string{"ian", "ish", "ese", "an", "i"} {
		if strings.HasSuffix(w, suffix) {
			return true
		}
	}
	return false
}

// stateNounAfter reports whether the word right after entity x names the
// state itself ("the Russian government", "the Iranian regime"): the
// demonym is then the state acting, not a thing of the country's
// ("Polish zlotys", "Pakistani banks").
func (st *sentence) stateNounAfter(x *Entity) bool {
	return st.followedBy(x.End, stateNouns)
}

// followedBy reports whether a phrase of set follows byte at, after white
// space: the next word is its first.
func (st *sentence) followedBy(at int, set *phraseSet) bool {
	k := st.wordAt(0, at)
	return k < len(st.ws) && int(st.ws[k].start) > at && st.ws[k].gap == gapSpace && set.matchAt(st.ws, k) >= 0
}

// seatsOfPower are the places whose names stand for a state's government
// in news writing ("Moscow denies", "a Kremlin spokesperson"). Washington
// is left out: a state of the US, a newspaper, a surname.
var seatsOfPower = map[string]string{"Moscow": "RU", "Kremlin": "RU", "Tehran": "IR", "Beijing": "CN", "Pyongyang": "KP", "Minsk": "BY"}

// seatAt returns the state whose seat of power word i names, or nil.
func (st *sentence) seatAt(i int) *Entity {
	w := st.ws[i]
	if cc := seatsOfPower[st.text[w.start:w.end]]; cc != "" {
		return &Entity{Kind: EntCountry, Start: int(w.start), End: int(w.end), Key: cc, Name: geo.Name(cc)}
	}
	return nil
}

// seatBefore returns the last seat of power named before word k, in the
// same clause, or nil.
func (st *sentence) seatBefore(k int) *Entity {
	for i := k - 1; i >= 0; i-- {
		if x := st.seatAt(i); x != nil {
			return x
		}
		if strings.ContainsAny(st.text[st.ws[i].end:st.ws[i+1].start], ";") {
			break
		}
	}
	return nil
}

// countryAt returns the state word i names, preferring the country entity
// at that place so the span is the text's, or nil.
func (st *sentence) countryAt(i int) *Entity {
	w := st.ws[i]
	if !capitalised(st.text, w) || st.opposed(int(w.start)) {
		return nil // states are written with a capital ("to" is not Tonga); "anti-Russian" opposes Russia
	}
	if i > 0 && st.ws[i].gap == gapSpace && st.wordIs(i-1, "North", "South") {
		// "North Korea-backed": the state of both words, not "Korea".
		if cc := geo.Lookup(st.text[st.ws[i-1].start:w.end]); cc != "" {
			return &Entity{Kind: EntCountry, Start: int(st.ws[i-1].start), End: int(w.end), Key: cc, Name: geo.Name(cc)}
		}
	}
	word := st.text[w.start:w.end]
	cc := geo.Lookup(word)
	if cc == "" {
		return nil
	}
	for k := startingAt(st.in, int(w.start)); k < len(st.in) && st.in[k].Start == int(w.start); k++ {
		if x := &st.in[k]; x.Kind == EntCountry {
			return x
		}
	}
	if len(word) <= 3 {
		return nil // a code the recogniser did not take for a state: "An actor", "the IT environments" are no Netherlands Antilles, Italy
	}
	return &Entity{Kind: EntCountry, Start: int(w.start), End: int(w.end), Key: cc, Name: geo.Name(cc)}
}

// claimantOf finds who the sentence quotes: an organisation or state next
// to a verb of saying ("the FBI said", "according to Microsoft",
// "a spokesperson for Iran's mission ... said").
func (st *sentence) claimantOf() *Entity {
	if !st.claimant.done {
		e, at := st.findClaimant()
		st.claimant = lazy{done: true, entity: e, at: at}
	}
	return st.claimant.entity
}

// toJustBefore reports whether a "to" at or after word from stands at
// most four words before target t, as a recipient's does ("to staff of
// the Harris campaign", "to the staff of the campaign").
func (st *sentence) toJustBefore(from int, t *Entity) bool {
	k := st.wordAt(from, t.Start)
	for j := k - 1; j >= from && j >= k-5; j-- {
		if st.ws[j].id == idTo {
			return true
		}
	}
	return false
}

// outsideClaimantsClause reports whether a claim's trigger trig, or its
// object obj, stands outside the relative clause the claimant says its
// words in (", which Meta attributed to ...," up to the next comma or
// the sentence's end), when the claimant's verb stands in one.
func (st *sentence) outsideClaimantsClause(trig Span, obj *Entity) bool {
	at, x := st.claimant.at, st.claimant.entity
	if at < 0 || x == nil || x.Start >= at {
		return false
	}
	from := strings.LastIndexByte(st.text[st.span.Start:x.Start], ',')
	if from < 0 {
		return false
	}
	from += st.span.Start
	k := st.wordAt(0, from)
	if k >= len(st.ws) || !st.wordIs(k, "which", "who", "whom") || int(st.ws[k].start) > x.Start {
		return false
	}
	to := st.span.End
	if i := strings.IndexByte(st.text[at:st.span.End], ','); i >= 0 {
		to = at + i
	}
	outside := func(a, b int) bool { return b <= from || a >= to }
	return outside(trig.Start, trig.End) || obj != nil && outside(obj.Start, obj.End)
}

// plainSpeakers, right before a verb of saying, are its speaker, named
// by no state or organisation of theirs in the same breath.
var plainSpeakers = []string{"officials", "official", "spokesperson", "spokesman", "spokeswoman", "sources", "source",
	"analysts", "researchers", "experts", "investigators", "people", "diplomats"}

// entityBetween reports whether an entity of the sentence lies within
// bytes [from, to).
func (st *sentence) entityBetween(from, to int) bool {
	i := startingAt(st.in, from)
	return i < len(st.in) && st.in[i].End <= to
}

func (st *sentence) findClaimant() (*Entity, int) {
	m, ok := st.find(sayings, 0)
	// After a determiner a saying is a noun: "evidence of the claims",
	// "these reports" say nothing; nor do "the US claims of Russian
	// interference".
	for ok && (m.first > 0 && st.wordIs(m.first-1, "the", "these", "those", "such", "its", "their", "his", "her", "our", "of") ||
		m.first == m.last && m.last+1 < len(st.ws) && st.wordIs(m.first, "claims", "reports") && st.wordIs(m.last+1, "of")) {
		m, ok = st.find(sayings, m.last+1)
	}
	if !ok {
		return nil, -1
	}
	at := int(st.ws[m.first].start)
	// "... that we assess began in 2024": the report's own voice, whatever
	// state or organisation the sentence named before ("The activity
	// targeting the US on our platforms ... that we assess").
	for k := m.first - 1; k >= 0 && k >= m.first-3; k-- {
		if st.wordIs(k, "we") {
			return nil, at
		}
		if !st.wordIs(k, doerAdverbs...) {
			break
		}
	}
	if st.copulaBefore(m.first) >= 0 {
		// "The group is reported to have ...": said by no one named; but
		// "was charged by the Department of Justice": by whom follows.
		if k := m.last + 1; k < len(st.ws) && st.ws[k].id == idBy {
			from := int(st.ws[k].end)
			for i := startingAt(st.in, from); i < len(st.in); i++ {
				if x := &st.in[i]; x.Kind == EntOrg || x.Kind == EntCountry {
					if ok, _ := st.governed(k+1, x.Start, 2); ok {
						return x, at
					}
					break
				}
			}
		}
		return nil, at
	}
	according := st.ws[m.first].id == idAccording
	accusing := st.wordIs(m.first, accusingVerbs...) // who follows is accused, not speaking
	// Only a verb of speech can come before its speaker ("said the FBI");
	// after "is confident", "assess" or "found" comes what is claimed:
	// "The Intelligence Community is confident that Iranian actors ..."
	// is not said by Iran.
	// And only after punctuation ("...," said the FBI): "spokeswoman Maria
	// Zakharova said the US claims ... were absurd" has its speaker before.
	inverted := st.wordIs(m.first, "said", "says", "stated", "told", "wrote", "writes", "added", "noted", "announced", "warned") &&
		(m.first == 0 || st.ws[m.first].gap == gapOther)
	// "The United Kingdom and its allies exposed attempts by Russia ...":
	// the one who exposes is its subject, close before it; "the German
	// company, our analysis of the drivers revealed ..." is no one's.
	// So is the one who observes or attributes: "Microsoft has observed
	// Mint Sandstorm ...", "Cotton Sandstorm, which Microsoft attributes to
	// the IRGC"; not "Russia's APT28, attributed to the GRU".
	exposing := st.wordIs(m.first, exposingVerbs...)
	// "..., Alperovitch said": a capitalised word that names nothing we
	// know stands right before the verb, after a comma or a quote; it is
	// the speaker, and no organisation before it is.
	speakerAt := -1
	if k := m.first - 1; k >= 0 && !according && (k == 0 || st.ws[k].gap == gapOther) {
		if w := st.ws[k]; capitalised(st.text, w) && !st.covered(int(w.start)) && !st.shortForm(k, at) {
			speakerAt = int(w.start)
		}
	}
	if inverted {
		if x := st.invertedSpeaker(m); x != nil {
			return x, at // "Iran was behind the hack of the Trump campaign, said the FBI."
		}
	}
	// "..., the country's security service said on Tuesday": a speaker
	// written after a comma, in a clause that ends the sentence. What
	// stands before the comma is what it said, and no entity there speaks
	// (the election the sentence was about spoke, until stop 37); one
	// after the comma may ("..., the FBI said").
	nounSpeakerAfter := -1
	if !according && !inverted && m.first > 0 && startingAt(st.in, int(st.ws[m.last].end)) == len(st.in) {
		// Nothing named after the verb: what it said is before it, not
		// after ("In a report by Microsoft, researchers said APT28 ...":
		// Microsoft's researchers; "The FBI, the agency said, found ...").
		if c := strings.LastIndexByte(st.text[st.span.Start:at], ','); c >= 0 {
			nounSpeakerAfter = c + st.span.Start
		}
	}
	best := -1
	bestDist := 1 << 30
	// Where the last quotation mark before the verb is: an entity before
	// it is inside the quotation (found once, not per entity: the mark
	// outside ASCII would have ContainsAny read rune by rune).
	lastQuote := -1
	if at > st.span.Start {
		before := st.text[st.span.Start:at]
		lastQuote = max(strings.LastIndexByte(before, '"'), strings.LastIndex(before, "”"))
		if lastQuote >= 0 {
			lastQuote += st.span.Start
		}
	}
	for i := range st.in {
		x := &st.in[i]
		if x.Kind != EntOrg && x.Kind != EntCountry {
			continue
		}
		var d int
		switch {
		case according && x.Start >= at:
			if st.pastAccording(int(st.ws[m.last].end), x.Start) {
				continue // "According to a senior administration official, Iran has ...": Iran is what they said
			}
			d = x.Start - at
		case x.End <= at:
			if according {
				continue // "APT31, a Chinese state-sponsored group, according to two people briefed": the source follows
			}
			if x.End <= speakerAt || lastQuote >= x.End || x.End <= nounSpeakerAfter {
				continue // inside the quotation the speaker is said to say, or the clause before the speaker's comma
			}
			if exposing && (at-x.End > 40 || strings.ContainsAny(st.text[x.End:at], ",;") || st.afterPreposition(x)) {
				continue // "attacks located in Germany and attributed to Winnti": a place, not who attributes
			}
			if m.first > 0 && st.wordIs(m.first-1, plainSpeakers...) && strings.IndexByte(st.text[x.End:at], ',') >= 0 {
				continue // "conducted on Iran's behalf, officials said": the officials speak, whoever's they are; Iran is the clause before
			}
			d = at - x.End
		default:
			if accusing || !inverted || x.Start-int(st.ws[m.last].end) > 40 || st.entityBetween(int(st.ws[m.last].end), x.Start) {
				continue // "said the FBI", "said a spokesperson for the embassy"; not what the speaker said ("The FBI, in a statement, said APT28 targeted election officials")
			}
			d = x.Start - at + 20 // after the verb, a little further
		}
		if d < bestDist && d < 120 {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		// "Moscow said", "said a Kremlin spokesperson": a seat of power
		// speaks for its state.
		for k := m.first - 1; k >= max(0, m.first-3); k-- {
			if x := st.seatAt(k); x != nil {
				return x, at
			}
		}
		if inverted {
			for k := m.last + 1; k < min(len(st.ws), m.last+4); k++ {
				if x := st.seatAt(k); x != nil {
					return x, at
				}
			}
		}
		return nil, at
	}
	// "The FBI and ODNI are confident", "ODNI, FBI and CISA said": the
	// first of names joined by "and", and by commas before it. A comma
	// alone before the speaker ends a clause, not a list: "APT42 targeted
	// campaign staff, Google said".
	// A short form in brackets after its name is the name's: "The Federal
	// Bureau of Investigation (FBI), the Cybersecurity and Infrastructure
	// Security Agency (CISA), and the National Security Agency (NSA)
	// assess" lists three, from the first.
	if st.bracketedShort(best) {
		best--
	}
	for last := true; best > 0; last = false {
		p := best - 1
		prev, x := &st.in[p], &st.in[best]
		if prev.Kind != EntOrg && prev.Kind != EntCountry || prev.End > x.Start {
			break
		}
		between := strings.TrimSpace(st.text[prev.End:x.Start])
		if st.bracketedShort(p) {
			p--
			prev = &st.in[p] // the list's item is the name; what joins it follows its short form's bracket
			between = strings.TrimSpace(strings.TrimPrefix(between, ")"))
		}
		if prev.Kind == EntCountry && (between == "'s" || between == "’s") && best > 1 {
			// "the UK's NCSC": the state names whose the speaker is; the
			// list goes on before it ("CISA and the UK's NCSC").
			prev, x = &st.in[best-2], prev
			between = strings.TrimSpace(st.text[prev.End:x.Start])
			if prev.Kind != EntOrg && prev.Kind != EntCountry || prev.End > x.Start {
				break
			}
			best--
		}
		if strings.EqualFold(between, "and the") || strings.EqualFold(between, ", and the") {
			between = strings.TrimSuffix(between, " the") // "CISA and the UK's NCSC"
		}
		if between == ", the" && !last && st.wordAt(0, prev.Start) <= 1 {
			// "ODNI, the FBI and CISA assess", "The Office of the Director
			// of National Intelligence, the FBI and CISA": a list that
			// opens the sentence; but "targeted the Harris campaign, the
			// FBI, ODNI and Microsoft said" lists from the FBI on.
			between = ","
		}
		if !strings.EqualFold(between, "and") && !(between == "," && !last) && !strings.EqualFold(between, ", and") {
			break
		}
		best = p
	}
	return &st.in[best], at
}

// bracketedShort reports whether entity i is a short form in brackets
// right after a name (the entity before it): "(CISA)".
func (st *sentence) bracketedShort(i int) bool {
	return i >= 1 && st.longFormBefore(st.in[i].Start) == &st.in[i-1]
}

// shortForm reports whether word k, before byte at, is in brackets
// right after a name: "Microsoft Threat Analysis Center (MTAC)
// reported", whose speaker is the name, not the short form.
func (st *sentence) shortForm(k, at int) bool {
	w := st.ws[k]
	if strings.TrimSpace(st.text[w.end:at]) != ")" {
		return false
	}
	y := st.longFormBefore(int(w.start)) // nil unless "(" stands before w
	return y != nil && y.Kind == EntOrg  // not "the Tactics, Techniques, and Procedures (TTPs) reported"
}

// covered reports whether an entity of the sentence covers byte at.
func (st *sentence) covered(at int) bool {
	for i := startingAt(st.in, at+1) - 1; i >= 0; i-- {
		if x := &st.in[i]; x.Start <= at && at < x.End {
			return true
		} else if x.End <= at && at-x.End > 200 {
			break
		}
	}
	return false
}

// hedgeOf returns the hedge of the sentence that comes first in hedges,
// and its confidence, or the confidence of a flat statement.
func (st *sentence) hedgeOf() (string, int) {
	if !st.hedge.done {
		st.hedge = lazy{done: true, confidence: statedConfidence}
		best := len(hedges)
		for i := range st.ws {
			hedgePhrases.eachAt(st.ws, i, func(p int) {
				if p == hedgeMay && st.text[st.ws[i].start] == 'M' && i > 0 {
					return // "Since May": the month
				}
				if st.purposeHedge(i, p) {
					return
				}
				if hedges[p].phrase == "claimed" && i > 0 && st.wordIs(i-1, "that", "who", "which") {
					return // "personas that claimed to be based in Ghana": what the personas say, not a doubt of the report's
				}
				if (strings.HasPrefix(hedges[p].phrase, "appear") || strings.HasPrefix(hedges[p].phrase, "seem")) && !st.appearsLinked(i) {
					return // "payloads which appear to be targeted by region", "what appeared to be a login page", "to make their operations appear to be of Taiwanese origin": no doubt of the report's
				}
				best = min(best, p)
			})
		}
		if best < len(hedges) {
			st.hedge.phrase, st.hedge.confidence = hedges[best].phrase, hedges[best].confidence
		}
	}
	return st.hedge.phrase, st.hedge.confidence
}

// appearsLinked reports whether "appears to" (or "seemed to") at word i
// doubts a link, which is what it hedges in a claim: "the attackers
// appeared to be linked to China", "appears to be the work of APT28";
// not what things look like ("links to what appeared to be a login
// page", "to make their operations appear to be of Taiwanese origin").
func (st *sentence) appearsLinked(i int) bool {
	if i+3 >= len(st.ws) || !st.wordIs(i+2, "be") {
		return false
	}
	return st.wordIs(i+3, "linked", "tied", "connected", "associated", "affiliated", "behind", "responsible", "part") ||
		i+4 < len(st.ws) && st.wordIs(i+3, "the") && st.wordIs(i+4, "work")
}

// purposeHedge reports whether hedge p at word i opens a trailing clause
// of purpose or reason, which it hedges alone: "spent $15,000 on ads,
// likely to appear more legitimate" states the spending.
func (st *sentence) purposeHedge(i, p int) bool {
	next := i + strings.Count(hedges[p].phrase, " ") + 1
	if next >= len(st.ws) || !st.wordIs(next, "to", "because", "in") {
		return false
	}
	if st.wordIs(next, "in") && (next+1 >= len(st.ws) || !st.wordIs(next+1, "order", "an")) {
		return false // "likely in 2024": not a purpose
	}
	before := strings.TrimRight(st.text[st.span.Start:st.ws[i].start], " \t\n\u00a0")
	return strings.HasSuffix(before, ",")
}

func isClaimant(e, claimant *Entity) bool { return claimant != nil && e.Start == claimant.Start }

// attributableAfter returns the first state or state body named at or
// after byte off, passing over those written "anti-Russian",
// "pro-Iranian": they name what an operation opposes or favours.
func (st *sentence) attributableAfter(off int) *Entity {
	for i := startingAt(st.in, off); i < len(st.in); i++ {
		if x := &st.in[i]; (x.Kind == EntCountry || isStateBody(x) || attributableFirm(x)) && !st.opposed(x.Start) {
			if i+1 < len(st.in) && x.Kind == EntCountry {
				// "links to a marketing firm in Nigeria called Kreativ
				// Media": the firm, which is where the country says.
				if y := &st.in[i+1]; attributableFirm(y) && (st.text[x.End:y.Start] == " called " || st.text[x.End:y.Start] == " named ") {
					return y
				}
				// "linked to Russia's GRU": the state's body, the nearer
				// one, where the bundle knows it for the state's ("China's
				// Ministry of State Security" is only China's by the
				// possessive: the state).
				if y := &st.in[i+1]; isStateBody(y) && st.possessiveOf(x, y) && stateOfBody(y.Name) == x.Key {
					return y
				}
			}
			return x
		}
	}
	return nil
}

// lastAttributable returns the last state, state body or firm
// (attributableFirm) the sentence names, or nil.
func (st *sentence) lastAttributable() *Entity {
	for i := len(st.in) - 1; i >= 0; i-- {
		if x := &st.in[i]; x.Kind == EntCountry || isStateBody(x) || attributableFirm(x) {
			return x
		}
	}
	return nil
}

// opposed reports whether the word at byte at is written after "anti-"
// or "pro-".
func (st *sentence) opposed(at int) bool {
	if at < 1 || st.text[at-1] != '-' {
		return false
	}
	w := st.text[max(at-5, st.span.Start) : at-1]
	return strings.HasSuffix(w, "nti") && len(w) >= 4 && (w[len(w)-4] == 'a' || w[len(w)-4] == 'A') ||
		strings.HasSuffix(w, "ro") && len(w) >= 3 && (w[len(w)-3] == 'p' || w[len(w)-3] == 'P')
}

// stateBodyWords, in a government organisation's name, make it a state
// body an operation can be attributed to (an intelligence service, an
// armed force), not an agency that reports on one (the FBI, the NCSC).
var stateBodyWords = []string{"revolutionary guard", "military intelligence", "intelligence and security",
	"state security", "liberation army", "reconnaissance general", "foreign intelligence", "security service",
	"general staff", "quds force", "armed forces", "government of", "(russia)", "(iran)", "(china)", "(north korea)"}

// isStateBody reports whether an entity is a state body: "the GRU", "the
// Islamic Revolutionary Guard Corps".
func isStateBody(x *Entity) bool {
	if x.Kind != EntOrg || x.Key != string(OrgGovernment) {
		return false
	}
	for _, w := range stateBodyWords {
		if containsFold(x.Name, w) {
			return true
		}
	}
	return false
}

// attributableFirm reports whether x is a company an operation can be
// attributed to, as reports of influence operations attribute networks to
// the firms that ran them ("attributed to the Social Design Agency", "run
// by STOIC, a political marketing firm"): a firm of influenceFirms, or
// one the text says is a firm, but never a platform or security vendor of
// knownOrgs, or one of their own centres ("Microsoft Threat Analysis
// Center"), which report on operations and host them. A company known
// only by its name's last word ("SolarWinds Corp") is not: "the backdoor
// linked to SolarWinds Corp's software" attributes nothing to it.
func attributableFirm(x *Entity) bool {
	if x.Kind != EntOrg || x.Key != string(OrgCompany) || !x.Firm && !influenceFirms[x.Name] {
		return false
	}
	for _, k := range reportingCompanies {
		if strings.HasPrefix(x.Name, k) && (len(x.Name) == len(k) || x.Name[len(k)] == ' ') {
			return false
		}
	}
	return true
}

// influenceFirms are the companies of knownOrgs that run influence
// operations; reportingCompanies are the others.
var (
	influenceFirms     = map[string]bool{"Internet Research Agency": true, "Social Design Agency": true, "Structura National Technologies": true}
	reportingCompanies = func() []string {
		var out []string
		for _, k := range knownOrgs {
			if k.kind == OrgCompany && !influenceFirms[k.name] && !slices.Contains(out, k.name) {
				out = append(out, k.name)
			}
		}
		slices.Sort(out)
		return out
	}()
)

// adversaryBody reports whether x is the intelligence or military body of
// a state that carries out operations ("GRU (Russian military
// intelligence)", "Islamic Revolutionary Guard Corps", "Ministry of State
// Security (China)"), not a body that defends ("Security Service of
// Ukraine").
func adversaryBody(x *Entity) bool {
	if !isStateBody(x) {
		return false
	}
	for _, w := range []string{"(russia", "(iran", "(china", "(north korea", "military intelligence)", "revolutionary guard",
		"quds force", "reconnaissance general", "liberation army"} {
		if containsFold(x.Name, w) {
			return true
		}
	}
	return false
}

// containsFold reports whether s holds sub, a lower-case ASCII phrase, in
// any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if hasPrefixFold(s[i:], sub) {
			return true
		}
	}
	return false
}

// stateBodyAt returns the state body word i names by its acronym, written
// inside a word such as "IRGC-affiliated", or nil.
func (st *sentence) stateBodyAt(i int) *Entity {
	w := st.ws[i]
	name := st.text[w.start:w.end]
	k, ok := knownOrgs[name]
	if !ok {
		return nil
	}
	x := &Entity{Kind: EntOrg, Start: int(w.start), End: int(w.end), Key: string(k.kind), Name: k.name}
	if !isStateBody(x) {
		return nil
	}
	return x
}

// clauseSubject returns the first actor or campaign of the clause that
// holds byte at, when a semicolon before at opens that clause and the
// clause names one before at; otherwise subject.
func (st *sentence) clauseSubject(at int, subject *Entity) *Entity {
	if subject == nil || at <= st.span.Start || at > st.span.End {
		return subject
	}
	semi := strings.LastIndexByte(st.text[st.span.Start:at], ';')
	if semi < 0 {
		return subject
	}
	for i := startingAt(st.in, st.span.Start+semi); i < len(st.in) && st.in[i].Start < at; i++ {
		if x := &st.in[i]; x.Kind == EntActor || x.Kind == EntCampaign {
			return x
		}
	}
	return subject
}

// otherDoerBefore reports whether the clause before byte at names its
// doer as an actor other than the report's: "another actor", "a separate
// actor", "other groups", "a different threat actor" ("In late March,
// another actor offered big data information ... a hacked Twitter
// database"). Intel 471's reports of the underground go from one actor
// to the next this way; what such a clause says is no claim about the
// operation the report describes.
func (st *sentence) otherDoerBefore(at int) bool {
	from := 0
	if semi := strings.LastIndexByte(st.text[st.span.Start:min(at, st.span.End)], ';'); semi >= 0 {
		from = st.wordAt(0, st.span.Start+semi)
	}
	for k := from; k+1 < len(st.ws) && int(st.ws[k+1].end) <= at; k++ {
		if !st.wordIs(k, "another", "other", "separate", "different") {
			continue
		}
		if !st.wordIs(k, "another", "other") && (k == 0 || !st.wordIs(k-1, "a")) {
			continue // "separate" and "different" after "a" only
		}
		n := k + 1
		if st.wordIs(n, "threat") && n+1 < len(st.ws) {
			n++
		}
		if int(st.ws[n].end) <= at && st.wordIs(n, "actor", "actors", "group", "groups", "cluster", "clusters", "operator", "operators", "gang", "gangs") {
			return true
		}
	}
	return false
}

// definesTechnique reports whether the sentence says what a technique is
// in general: it opens with the technique's name and a copula
// ("Credential phishing is also a frequently observed threat targeting
// Italian organizations"), and so claims nothing of the operation.
func (st *sentence) definesTechnique() bool {
	if len(st.in) == 0 || st.in[0].Kind != EntTechnique || strings.Trim(st.text[st.span.Start:st.in[0].Start], " \t\n\"“*") != "" {
		return false
	}
	k := st.wordAt(0, st.in[0].End)
	return k < len(st.ws) && st.wordIs(k, "is", "are", "remains", "remain")
}

// genericDoer reports whether the sentence, before byte at, opens with
// what such doers do in general: a bare plural of attackers and a word of
// habit or possibility after it ("Cybercriminals will target users ...,
// leveraging their email scams, SMS phishing, typo-squatting"; "Threat
// actors often use ..."). The report's own attackers take an article or
// a possessive ("The attackers used ...").
func (st *sentence) genericDoer(at int) bool {
	ws := st.ws
	k := 0
	if len(ws) > 2 && st.wordIs(0, "but", "and", "however", "yet") {
		k = 1 // "But attackers also use Discord"
	}
	if len(ws) > k+2 && st.wordIs(k, "threat", "cyber") {
		k++
	}
	if k+1 >= len(ws) || int(ws[k+1].end) > at || !st.wordIs(k, attackerPlurals...) {
		return false
	}
	for j := k + 1; j < len(ws) && j <= k+3 && int(ws[j].end) <= at; j++ {
		if st.wordIs(j, "will", "would", "can", "could", "may", "might", "often", "typically", "usually", "commonly",
			"frequently", "generally", "tend", "continue", "increasingly") {
			return true
		}
	}
	// The present of a verb of doing right after the plural: what such
	// doers do ("Cybercriminals use this RAT to steal user credentials",
	// "Attackers also use Discord"); "Attackers used" is the report's.
	j := k + 1
	if j < len(ws) && st.wordIs(j, "also") {
		j++
	}
	if j+1 < len(ws) && st.wordIs(j, "are") && st.ingWord(j+1) && int(ws[j+1].start) <= at {
		return true // "Cybercriminals are using Discord CDN to host malicious files", "Threat actors are using as many legitimate tools as possible"
	}
	return j < len(ws) && int(ws[j].start) <= at && st.wordIs(j, presentDoings...) // the verb may be the trigger itself
}

// attackerPlurals are the bare plurals that name attackers of any kind:
// without an article or a name, such doers in general (genericDoer,
// bareAgents).
var attackerPlurals = []string{"cybercriminals", "criminals", "attackers", "hackers", "actors", "adversaries", "scammers",
	"fraudsters", "operators", "threats", "groups"}

// presentDoings are verbs of doing in the present plural, which after a
// bare plural of attackers say what such attackers do in general.
var presentDoings = []string{"use", "target", "send", "deliver", "leverage", "exploit", "employ", "rely", "abuse",
	"distribute", "spread", "create", "register", "compromise", "steal", "impersonate", "spoof", "deploy", "utilize"}

// othersExample reports whether software or technique x is named as an
// example of others' ("also used by other ransomware such as SamSam and
// LockerGoga", "a technique already seen before in tools like the Cobalt
// Strike Beacon"): one of an example list (exampleList) whose words
// before say the things are others', or seen before. "used other tools
// such as Mimikatz" is the actor's own.
func (st *sentence) othersExample(x *Entity) bool {
	if x.Kind != EntSoftware && x.Kind != EntTechnique {
		return false
	}
	i := -1
	for k := range st.in {
		if &st.in[k] == x {
			i = k
			break
		}
	}
	if i < 0 {
		return false
	}
	first, example := exampleList(st.text, st.in, i)
	if !example {
		return false
	}
	before := st.text[max(st.span.Start, st.in[first].Start-64):st.in[first].Start]
	return strings.Contains(before, " by other ") || strings.Contains(before, "seen before") || strings.Contains(before, "seen in") ||
		strings.Contains(before, "similar")
}

// softwareDoer reports whether software x is the doer of trigger trig in
// the past, a verb of use right after it with "previously" or the like
// between ("Although Ursnif has previously leveraged web inject
// capability"): what the malware did before, not a use of it in the
// operation. (What the malware does now, "BlackSoul uses information
// gathered ...", is the operation's use of it.)
func (st *sentence) softwareDoer(x *Entity, trig Span) bool {
	if x.Kind != EntSoftware || x.End > trig.Start {
		return false
	}
	past := false
	k := st.wordAt(0, x.End)
	for ; k < len(st.ws) && int(st.ws[k].start) < trig.Start; k++ {
		switch {
		case st.wordIs(k, "previously", "formerly", "historically", "once"):
			past = true
		case !st.wordIs(k, "has", "have", "had", "also", "often", "reportedly", "already"):
			return false
		}
	}
	return past && k < len(st.ws) && int(st.ws[k].start) == trig.Start &&
		!st.wordIs(k, "used", "deployed", "delivered", "distributed", "dropped", "installed", "loaded", "downloaded", "with", "via", "through", "by")
}

// onlyIndicators reports whether in names indicators and nothing else
// (or nothing at all).
func onlyIndicators(in []Entity) bool {
	for i := range in {
		if in[i].Kind != EntIndicator {
			return false
		}
	}
	return true
}

// startingAt returns the index of the first entity of in (sorted by
// Start) that starts at or after byte off.
func startingAt(in []Entity, off int) int {
	i, _ := slices.BinarySearchFunc(in, off, func(x Entity, off int) int { return cmp.Compare(x.Start, off) })
	return i
}

// lastTargetStart returns where the last organisation or state that the
// sentence does not quote as its claimant starts, or -1.
func (st *sentence) lastTargetStart() int {
	for i := len(st.in) - 1; i >= 0; i-- {
		t := &st.in[i]
		if t.Kind != EntOrg && t.Kind != EntCountry {
			continue
		}
		if c := st.claimantOf(); c == nil || t.Start != c.Start {
			return t.Start
		}
	}
	return -1
}

// firstOf returns the first entity of one of the kinds.
func firstOf(in []Entity, kinds ...EntityKind) *Entity {
	for i := range in {
		for _, k := range kinds {
			if in[i].Kind == k {
				return &in[i]
			}
		}
	}
	return nil
}

// claimKey is what makes two claims the same for dedupeClaims.
type claimKey struct {
	kind              ClaimKind
	sentence          Span
	subjKind, objKind EntityKind
	subjKey, objKey   string
	// objName tells organisations apart: their Key is their kind.
	objName string
	trigger int
}

// bySentence orders claims by where their sentence starts.
func bySentence(a, b Claim) int { return cmp.Compare(a.Sentence.Start, b.Sentence.Start) }

// keyOf returns c's claimKey.
func keyOf(c *Claim) claimKey {
	k := claimKey{kind: c.Kind, sentence: c.Sentence}
	if c.Kind == ClaimDenial {
		k.trigger = c.Trigger.Start // each clause that denies
	}
	if c.Subject != nil {
		k.subjKind, k.subjKey = c.Subject.Kind, c.Subject.Key
	}
	if c.Object != nil {
		k.objKind, k.objKey = c.Object.Kind, c.Object.Key
		if c.Object.Kind == EntOrg {
			k.objName = c.Object.Name
		}
	}
	return k
}

// dedupeClaims keeps one claim per sentence, kind, subject and object:
// the first, in the order of cs, then sorted by sentence, stably.
func dedupeClaims(cs []Claim) []Claim {
	// Sorted stably first (FindClaims makes them in sentence order
	// already), the claims that are the same are in one sentence's run,
	// in the order of cs: a long report has thousands, on the path every
	// later stage waits on, and a run, a few claims long, is compared
	// within itself rather than through a map of them all.
	if !slices.IsSortedFunc(cs, bySentence) {
		slices.SortStableFunc(cs, bySentence)
	}
	out := cs[:0]
	var keys []claimKey // the run's kept claims' keys
	for i := 0; i < len(cs); {
		j := i + 1
		for j < len(cs) && cs[j].Sentence.Start == cs[i].Sentence.Start {
			j++
		}
		keys = keys[:0]
		var seen map[claimKey]bool // for a long run: a sentence listing many actors
		if j-i > 16 {
			seen = make(map[claimKey]bool, j-i)
		}
		for ; i < j; i++ {
			k := keyOf(&cs[i])
			if seen != nil {
				if seen[k] {
					continue
				}
				seen[k] = true
			} else if slices.Contains(keys, k) {
				continue
			} else {
				keys = append(keys, k)
			}
			out = append(out, cs[i])
		}
	}
	return out
}

func itoaSpan(s Span) string { return strings.Join([]string{itoaInt(s.Start), itoaInt(s.End)}, "-") }

func itoaInt(n int) string {
	return intValue(n).Str
}
