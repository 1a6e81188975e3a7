package names

import (
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-cti/dossier/internal/knowledge"
)

// phraseMatcher finds technique names and phrases over stemmed words:
// "spear-phishing attachments" and "Spearphishing Attachment" end the
// same way. It is a trie over word ids.
type phraseMatcher struct {
	vocab   map[string]int32 // stem → id
	next    map[uint64]int32 // node<<32 | stem id → node
	terms   map[int32][]int32
	phrases []phrase
	maxLen  int
	// first and termsAt are next from the root and terms again, in slices
	// (freeze): a phrase is tried at every stemmed word of a text, most of
	// which start none.
	first   []int32   // by stem id: the node it leads to from the root, 0 when none
	termsAt [][]int32 // by node
}

// freeze makes first and termsAt, once every phrase is added.
func (p *phraseMatcher) freeze() {
	p.first = make([]int32, len(p.vocab))
	for k, n := range p.next {
		if k>>32 == 0 {
			p.first[uint32(k)] = n
		}
	}
	p.termsAt = make([][]int32, len(p.next)+1)
	for n, ts := range p.terms {
		p.termsAt[n] = ts
	}
}

// phrase is one technique name or phrase.
type phrase struct {
	kind     Kind
	id, name string
	how      string
	// caps has bit k set when the phrase's k-th word must be written with
	// a capital, as the framework writes it: short names count only when
	// the text cites them as names ("Valid Accounts", not "valid accounts").
	caps uint32
	// technical is set on a phrase that names the technique only in a
	// sentence that may be about an intrusion, not about an influence
	// operation's disguise or posts (a "~" before it in phraseTable):
	// "string obfuscation", "layers of obfuscation ... that many samples
	// have", but not "Despite this obfuscation, our investigation
	// uncovered that the network originated from China", "text
	// obfuscation methods", or "employed sophisticated social engineering
	// tactics, frequently posting non-political content".
	technical bool
}

// stem reduces a lower-case word to a crude stem, the same way for the
// phrases and for the text, so that plural, -ing, -ed and a final e do not
// count: "sites" and "site", "spraying" and "spray", "created" and
// "create". It works in place and returns a prefix of w.
func stem(w []byte) []byte {
	n := len(w)
	if n > 3 && w[n-1] == 's' && w[n-2] == '\'' {
		n -= 2
	}
	switch {
	case n > 4 && string(w[n-3:n]) == "ies":
		w[n-3] = 'y'
		n -= 2
	case n > 4 && string(w[n-4:n]) == "sses":
		n -= 2
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		n--
		if n > 3 && w[n-1] == 'e' && (w[n-2] == 'x' || w[n-2] == 'h' && (w[n-3] == 'c' || w[n-3] == 's')) {
			n--
		}
	}
	switch {
	case n > 5 && string(w[n-3:n]) == "ing":
		n -= 3
	case n > 4 && string(w[n-2:n]) == "ed":
		n -= 2
	}
	if n > 3 && w[n-1] == w[n-2] && w[n-1] != 's' && w[n-1] != 'l' && !isVowel(w[n-1]) {
		n--
	}
	if n > 3 && w[n-1] == 'e' {
		n--
	}
	return w[:n]
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func (p *phraseMatcher) add(words []string, ph phrase) {
	if len(words) == 0 || len(words) > 32 {
		return
	}
	n := int32(0)
	for _, w := range words {
		b := stem([]byte(strings.ToLower(w)))
		id, ok := p.vocab[string(b)]
		if !ok {
			id = int32(len(p.vocab))
			p.vocab[string(b)] = id
		}
		k := uint64(n)<<32 | uint64(id)
		next, ok := p.next[k]
		if !ok {
			next = int32(len(p.next) + 1)
			p.next[k] = next
		}
		n = next
	}
	for _, i := range p.terms[n] {
		if q := p.phrases[i]; q.kind == ph.kind && q.id == ph.id {
			return // the same phrase twice
		}
	}
	p.phrases = append(p.phrases, ph)
	p.terms[n] = append(p.terms[n], int32(len(p.phrases)-1))
	p.maxLen = max(p.maxLen, len(words))
}

// phraseWords splits a phrase as the tokenizer splits text.
func phraseWords(s string) []string {
	toks := tokenize(s, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = s[t.start:t.end()]
	}
	return out
}

// capsOf returns the caps mask of a name as the framework writes it.
func capsOf(s string) uint32 {
	var m uint32
	for i, t := range tokenize(s, nil) {
		if i < 32 && t.is(fCapital) {
			m |= 1 << i
		}
	}
	return m
}

// genericTechniques are ATT&CK technique names that are ordinary words or
// name a thing rather than an act ("Malware", "Domains", "Python",
// "Server"): they count only by id or as "Parent: Sub".
var genericTechniques = map[string]bool{
	"malware": true, "domains": true, "server": true, "botnet": true, "tool": true, "exploits": true,
	"vulnerabilities": true, "credentials": true, "hardware": true, "software": true, "firmware": true,
	"accounts": true, "dns": true, "ssh": true, "vnc": true, "python": true, "javascript": true, "lua": true,
	"at": true, "cron": true, "trap": true, "proxy": true, "compression": true, "databases": true,
	"confluence": true, "sharepoint": true, "dll": true, "scripting": true, "hooking": true, "keychain": true,
	"mmc": true, "whois": true, "cdns": true, "serverless": true, "geofencing": true, "add-ins": true,
	"services": true, "screensaver": true, "emond": true, "launchctl": true, "systemctl": true,
	"applescript": true, "msbuild": true, "clickonce": true, "jamplus": true, "pubprn": true, "mshta": true,
	"msiexec": true, "odbcconf": true, "regsvr32": true, "rundll32": true, "verclsid": true, "mavinject": true,
	"cmstp": true, "installutil": true, "ntds": true, "compromise": true, "impair defenses": true,
	"modify registry": false, "local account": true, "local accounts": true, "domain account": true,
	"domain accounts": true, "cloud account": true, "cloud accounts": true, "email account": true,
	"email accounts": true, "web services": true, "web service": true, "social media": true,
	"social media accounts": true, "email addresses": true, "ip addresses": true, "employee names": true,
	"digital certificates": true, "virtual private server": true, "web protocols": true, "file transfer protocols": true,
	"mail protocols": true, "search engines": true, "code repositories": true, "network topology": true,
	"business relationships": true, "identify roles": true, "software packing": true, "unix shell": true,
	"visual basic": true, "steganography": false, "internal proxy": true, "external proxy": true,
	"ingress tool transfer": false, "data staged": false, "data from local system": false,
	"native api": true, "system checks": true, "remote services": true, "windows service": true,
	"service stop": true, "system firmware": true, "cloud services": true, "dynamic resolution": true,
	"encrypted channel": true, "non-standard port": true, "shared modules": true, "user execution": true,
	"web portal capture": true, "traffic signaling": true, "system services": true, "video capture": true,
	"audio capture": true, "input capture": false, "server software component": false, "exploits kit": true,
	"upload malware": true, "upload tool": true, "install digital certificate": true, "link target": true,
	"credentials in files": false, "private keys": true, "accessibility features": false,
	"artificial intelligence": true, "control panel": true, "graphical user interface": true,
	"startup items": true, "code signing": false, "data encoding": false,
}

// disarmVerbs are the verbs DISARM technique names start with: a name
// that is an act ("Create Inauthentic News Sites") is matched in any case
// and inflection; one that is a thing ("Social Media Platform", "Chat
// Room") only as a capitalised name.
const disarmVerbs = `facilitate leverage develop cultivate prepare raise create use conduct purchase trial distort reframe
edit bait demand seed censor harass threaten dox flood trolls bots utilise inauthentic generate organise pay play continue
sell degrade respond segment determine dismiss discredit distract dismay divide map monitor evaluate identify assess
find integrate reuse plagiarise deceptively appropriate machine obtain alter recruit enlist build acquire fund
infiltrate establish co-opt present outsource employ deliver post share comment attract amplify incentivize
manipulate bypass direct control delete block destroy suppress report goad encourage call conceal distance launder
change break coordinate deny remove misattribute obfuscate exploit measure undermine smear thwart subvert polarise
defend justify energise boost increase make scam extort motivate provoke compel dissuade discourage silence deter cause
defame intimidate spread copy impersonate`

// twoWordDISARM are two-word DISARM names specific enough to match in any
// case ("created memes"); other two-word names must be capitalised.
var twoWordDISARM = map[string]bool{
	"develop memes": true, "create clickbait": true, "distort facts": true, "use copypasta": true,
	"plagiarise content": true, "share memes": true, "deny involvement": false, "enlist troll accounts": true,
	"acquire botnets": true, "sell merchandise": true, "misattribute activity": true, "create hashtags and search artefacts": true,
}

// buildPhrases indexes ATT&CK techniques, DISARM techniques and the
// phrase table.
func buildPhrases(pack *knowledge.Pack) *phraseMatcher {
	p := addPhrases(pack)
	p.freeze()
	return p
}

// addPhrases is buildPhrases before freeze.
func addPhrases(pack *knowledge.Pack) *phraseMatcher {
	// At about their size for the built-in pack (1,168 stems, 4,103
	// trie nodes, 1,829 phrase ends): grown from nothing, their copies
	// were a tenth of the build.
	p := &phraseMatcher{vocab: make(map[string]int32, 1280), next: make(map[uint64]int32, 4608), terms: make(map[int32][]int32, 2048)}
	// The phrase table first: its entries win ties against the names.
	for _, ph := range phraseTable {
		if pack != nil {
			if ph.kind == Technique && pack.TechniqueByID(ph.id) == nil || ph.kind == DISARM && pack.DISARMByID(ph.id) == nil {
				continue
			}
		}
		name := ph.id
		if pack != nil {
			if t := pack.TechniqueByID(ph.id); ph.kind == Technique && t != nil {
				name = t.Name
			}
			if t := pack.DISARMByID(ph.id); ph.kind == DISARM && t != nil {
				name = t.Name
			}
		}
		first := strings.TrimPrefix(ph.text[:strings.IndexByte(ph.text+"|", '|')], "~")
		for _, text := range strings.Split(ph.text, "|") {
			text, code := strings.CutPrefix(text, "~")
			p.add(phraseWords(text), phrase{kind: ph.kind, id: ph.id, name: name, how: "phrase: " + first + " (" + ph.why + ")", technical: code})
		}
	}
	if pack == nil {
		return p
	}
	// ATT&CK: one id per name (the most used, so enterprise over the
	// mobile and ICS copies of a name).
	use := map[string]int{}
	for _, g := range pack.Groups {
		for _, t := range g.Techniques {
			use[t]++
		}
	}
	byName := map[string]*knowledge.Technique{}
	for i := range pack.Techniques {
		t := &pack.Techniques[i]
		if t.Revoked || t.Deprecated {
			continue
		}
		k := strings.ToLower(t.Name)
		if b := byName[k]; b == nil || use[t.ExternalID] > use[b.ExternalID] ||
			use[t.ExternalID] == use[b.ExternalID] && t.ExternalID < b.ExternalID {
			byName[k] = t
		}
	}
	names := make([]string, 0, len(byName))
	for k := range byName {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		t := byName[k]
		ws := phraseWords(t.Name)
		sub := strings.Contains(t.ExternalID, ".")
		how := "ATT&CK technique name"
		if sub {
			how = "ATT&CK sub-technique name"
			parent := pack.TechniqueByID(t.ExternalID[:strings.IndexByte(t.ExternalID, '.')])
			if parent != nil {
				// "Phishing: Spearphishing Attachment", in any case.
				p.add(append(phraseWords(parent.Name), ws...), phrase{kind: Technique, id: t.ExternalID, name: t.Name, how: how + " with its parent's"})
			}
		}
		if genericTechniques[k] {
			continue
		}
		ph := phrase{kind: Technique, id: t.ExternalID, name: t.Name, how: how}
		if len(ws) < 3 || sub {
			// Short names and sub-techniques' names count only cited as
			// names, capitalised; long names of techniques are the
			// technique however they are written.
			ph.caps = capsOf(t.Name)
		}
		p.add(ws, ph)
	}
	// DISARM.
	verbs := wordSet(disarmVerbs)
	for _, t := range pack.DISARM {
		if t.Revoked || t.Deprecated {
			continue
		}
		for _, name := range []string{t.Name, withoutParens(t.Name)} {
			ws := phraseWords(name)
			if len(ws) < 2 {
				continue
			}
			ph := phrase{kind: DISARM, id: t.ExternalID, name: t.Name, how: "DISARM technique name"}
			lower := strings.ToLower(name)
			switch {
			case verbs[strings.ToLower(ws[0])] && (len(ws) >= 3 || twoWordDISARM[lower]):
			case verbs[strings.ToLower(ws[0])] || len(ws) >= 3:
				ph.caps = capsOf(name)
			default:
				// Two-word names of things ("Social Media", "Chat Room",
				// "Online Polls") are ordinary phrases, capitalised in
				// every heading: by id only.
				continue
			}
			p.add(ws, ph)
		}
	}
	return p
}

// withoutParens returns s without its parenthesised parts and the white
// space before each, as the regular expression \s*\([^)]*\) replaced by
// nothing would: from an opening parenthesis to the first closing one
// after it, openings between included. (Compiled at every build of the
// recogniser and run on every DISARM name, the expression was a tenth of
// the phrase matcher's build.)
func withoutParens(s string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			break
		}
		close := strings.IndexByte(s[open:], ')')
		if close < 0 {
			break
		}
		from := open
		for from > 0 && isRE2Space(s[from-1]) {
			from--
		}
		b.WriteString(s[:from])
		s = s[open+close+1:]
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(s)
	return b.String()
}

// isRE2Space reports whether c is in RE2's \s: tab, newline, form feed,
// carriage return, space.
func isRE2Space(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// phraseMatches finds technique names and phrases.
func (d *doc) phraseMatches() { d.phraseRange(0, len(d.toks)) }

// phraseRange is phraseMatches for the matches starting at tokens
// [lo, hi).
func (d *doc) phraseRange(lo, hi int) {
	p := d.r.phrases
	if p == nil || len(p.phrases) == 0 {
		return
	}
	sid := d.sid[:len(d.toks)] // in a local: read through d, it was loaded again at every token
	for i := lo; i < hi; i++ {
		if sid[i] < 0 {
			continue
		}
		n := int32(0)
		skipped := false // a state's adjective passed over inside the phrase
		for j := i; j < len(sid) && j-i < p.maxLen+1; j++ {
			next := int32(0)
			if j == i {
				next = p.first[sid[j]]
			} else if sid[j] >= 0 && d.phraseGap(j) {
				next = p.next[uint64(n)<<32|uint64(sid[j])]
			}
			if next == 0 {
				// "posed as German journalists" is "posed as journalists":
				// one demonym inside a phrase, where its words go on after it.
				if j > i && !skipped && j+1 < len(sid) && d.demonymAt(j) && d.phraseGap(j) {
					skipped = true
					continue
				}
				break
			}
			n = next
			for _, pi := range p.termsAt[n] {
				ph := &p.phrases[pi]
				if skipped && ph.caps != 0 || !d.capsMatch(i, j, ph.caps) {
					continue // a phrase with capitals reads them word by word: no word passed over
				}
				if i == j && d.toks[i].end()-d.toks[i].start < 5 {
					continue // one short word, whose stem may be another word's
				}
				s, e := d.span(i, j)
				if d.excluded(s, e) || ph.technical && !d.technical(i, j) || withstood(d.text[e:]) {
					continue
				}
				d.add(cand{first: i, last: j, kind: ph.kind, id: ph.id, name: ph.name, how: ph.how, score: scoreTechnique})
				break
			}
		}
	}
}

// withstood reports whether the text after a technique's phrase makes it
// what a defence withstands: "phishing-resistant MFA", "a
// password-spraying-proof lockout", "phishing-proofing".
func withstood(after string) bool {
	if len(after) < 2 || after[0] != '-' {
		return false
	}
	for _, w := range []string{"resistant", "proof", "resilient"} {
		if len(after) > len(w) && strings.EqualFold(after[1:1+len(w)], w) {
			return true
		}
	}
	return false
}

// demonymAt reports whether token k is a state's adjective as written
// ("German", "Ukrainian"; countryDemonyms).
func (d *doc) demonymAt(k int) bool {
	if !d.toks[k].is(fCapital) {
		return false
	}
	_, ok := countryDemonyms[d.tok(k)]
	return ok
}

// codeWords are the words that make a sentence about code or files;
// disguiseWords those that make it about hiding who is behind an
// influence operation, or about what it posts.
var (
	codeWords = wordSet(`malware sample samples loader loaders payload payloads string strings code script scripts
binary binaries file files executable executables dll macro macros shellcode javascript powershell vbscript packer
packed packing packaging encryption encrypted xor base64 anti-analysis backdoor implant trojan dropper downloader`)
	disguiseWords = wordSet(`origin originated originating deniability responsible responsibility attribution identity
identities location post posts posted posting content pages audiences persona personas followers engagement
narratives network networks`)
)

// technical reports whether the sentence of tokens [first, last] may be
// about an intrusion: one of codeWords within 20 tokens of it, in the
// sentence, says it is; else one of disguiseWords, or "text" or
// "content" right before it (obfuscated posts), says it is not; a
// sentence with neither is taken to be (most reports that say
// "obfuscation" mean their malware's: "BlackSoul additionally uses
// various other techniques for obfuscation").
func (d *doc) technical(first, last int) bool {
	if first > 0 && (strings.EqualFold(d.tok(first-1), "text") || strings.EqualFold(d.tok(first-1), "content")) {
		return false
	}
	in := func(k int, set map[string]bool) bool {
		var b [16]byte
		w := d.tok(k)
		if len(w) > len(b) {
			return false
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return set[string(b[:len(w)])]
	}
	lo, hi := first, last // the sentence's tokens within 20 of the phrase
	for lo > 0 && lo > first-20 && !d.toks[lo].is(fSentence) {
		lo--
	}
	for hi+1 < len(d.toks) && hi < last+20 && !d.toks[hi+1].is(fSentence) {
		hi++
	}
	disguise := false
	for k := lo; k <= hi; k++ {
		if k >= first && k <= last {
			continue
		}
		if in(k, codeWords) {
			return true
		}
		disguise = disguise || in(k, disguiseWords)
	}
	return !disguise
}

// phraseGap reports whether the words of a phrase may be apart as tokens
// j-1 and j are: by spaces, a hyphen (U+2010 and U+2011 too), a slash, or ": " between a
// technique and its sub-technique; not by brackets, quotes or commas.
func (d *doc) phraseGap(j int) bool {
	g := d.gap(j)
	if len(g) > 4 {
		return false
	}
	colon := false
	for i := 0; i < len(g); i++ {
		switch g[i] {
		case ' ', '-', '/', '\t':
		case ':':
			if colon || i > 0 {
				return false
			}
			colon = true
		default:
			// A no-break space, and the hyphens of Unicode that typesetters
			// put for "-" ("supply‑chain attack" with U+2011).
			if g != "\u00a0" && g != "\u2010" && g != "\u2011" {
				return false
			}
		}
	}
	return true
}

// capsMatch reports whether tokens [first, last] have capitals where caps
// asks for them.
func (d *doc) capsMatch(first, last int, caps uint32) bool {
	for k := first; k <= last && caps != 0; k++ {
		if caps&1 != 0 && !d.toks[k].is(fCapital) {
			return false
		}
		caps >>= 1
	}
	return true
}

var (
	techniqueID = regexp.MustCompile(`^T\d{4}$`)
	subID       = regexp.MustCompile(`^\d{3}$`)
	tacticID    = regexp.MustCompile(`^TA\d{4}$`)
	softwareID  = regexp.MustCompile(`^S\d{4}$`)
)

// tactics are ATT&CK's tactics (Enterprise, Mobile, ICS), by id, for the
// ids that reports cite ("TA0001"). The pack keeps techniques, not
// tactics; these names are ATT&CK's.
var tactics = map[string]string{
	"TA0043": "Reconnaissance", "TA0042": "Resource Development", "TA0001": "Initial Access",
	"TA0002": "Execution", "TA0003": "Persistence", "TA0004": "Privilege Escalation",
	"TA0005": "Defense Evasion", "TA0006": "Credential Access", "TA0007": "Discovery",
	"TA0008": "Lateral Movement", "TA0009": "Collection", "TA0011": "Command and Control",
	"TA0010": "Exfiltration", "TA0040": "Impact",
	"TA0027": "Initial Access", "TA0041": "Execution", "TA0028": "Persistence", "TA0029": "Privilege Escalation",
	"TA0030": "Defense Evasion", "TA0031": "Credential Access", "TA0032": "Discovery", "TA0033": "Lateral Movement",
	"TA0035": "Collection", "TA0037": "Command and Control", "TA0036": "Exfiltration", "TA0034": "Impact",
	"TA0108": "Initial Access", "TA0104": "Execution", "TA0110": "Persistence", "TA0111": "Privilege Escalation",
	"TA0103": "Evasion", "TA0102": "Discovery", "TA0109": "Lateral Movement", "TA0100": "Collection",
	"TA0101": "Command and Control", "TA0107": "Inhibit Response Function", "TA0106": "Impair Process Control",
	"TA0105": "Impact",
}

// ids finds ATT&CK technique, tactic and software ids and DISARM ids
// (group ids are names of the alias graph). ATT&CK's
// Enterprise and Mobile ids are T1xxx, its ICS ids T08xx; DISARM's are
// T00xx and T01xx: the pack says which framework holds an id.
func (d *doc) ids() {
	pack := d.r.pack
	for i, t := range d.toks {
		if t.shape != shapeTitle && t.shape != shapeUpper || !t.is(fHasDigit) {
			continue
		}
		w := d.tok(i)
		if tacticID.MatchString(w) {
			if name, ok := tactics[w]; ok && !d.excludedID(d.span(i, i)) {
				d.add(cand{first: i, last: i, kind: Technique, id: w, name: name, how: "ATT&CK tactic id", score: scoreTechnique})
			}
			continue
		}
		if pack == nil {
			continue
		}
		if softwareID.MatchString(w) {
			if sw := pack.SoftwareByID(w); sw != nil && !d.excludedID(d.span(i, i)) {
				d.add(cand{first: i, last: i, kind: Software, id: w, name: sw.Name, how: "ATT&CK software id", score: scoreSoftware})
			}
			continue
		}
		if !techniqueID.MatchString(w) {
			continue
		}
		last, id := i, w
		if i+1 < len(d.toks) && d.toks[i+1].is(fTight) && d.text[t.end()] == '.' && subID.MatchString(d.tok(i+1)) {
			last, id = i+1, w+"."+d.tok(i+1)
		}
		for _, x := range []string{id, w} {
			if x == w {
				last = i
			}
			if d.excludedID(d.span(i, last)) {
				continue
			}
			if tt := pack.TechniqueByID(x); tt != nil {
				how := "ATT&CK technique id"
				switch {
				case tt.Revoked:
					how += " (revoked by ATT&CK)"
				case tt.Deprecated:
					how += " (deprecated by ATT&CK)"
				}
				d.add(cand{first: i, last: last, kind: Technique, id: x, name: tt.Name, how: how, score: scoreTechnique})
				break
			}
			if tt := pack.DISARMByID(x); tt != nil {
				d.add(cand{first: i, last: last, kind: DISARM, id: x, name: tt.Name, how: "DISARM technique id", score: scoreTechnique})
				break
			}
		}
	}
}
