// Package names recognises what threat reports name in running text:
// threat actors, ATT&CK techniques and tactics, DISARM influence-operation
// techniques, ATT&CK malware and tools, and countries. A Recognizer is
// built once from the alias graph and the knowledge pack (about 20 ms) and
// Find returns the mentions of a text in order, without overlaps, each
// with what it refers to and why it was recognised.
//
// # Matching
//
// Every name the graph knows (all vendors' names and aliases, ATT&CK group
// ids), every ATT&CK software name and alias, and every country name,
// code and demonym goes into one byte trie over match keys
// (actors.MatchKey: lower case, letters and digits only). Find splits the
// text into tokens (runs of letters and digits) once and walks the trie
// from each token, going on to the next token only across a tight gap
// (one space, hyphen, dot, underscore or apostrophe). So "Storm-2035",
// "STORM 2035" and "storm_2035" reach one key, and a match always covers
// whole words. Where the text splits a name between tokens must fit the
// name ("APT 28", "Dark Hotel"; not "A PT28"). Matches starting with a
// lower-case word use a second, small trie of the names written in lower
// case ("net.exe"). Techniques and DISARM names go through a second
// matcher over stemmed words, so "created inauthentic news sites" finds
// "Create Inauthentic News Sites".
//
// # Names that are also words
//
// A name counts only when written as a name. Each name gets a class from
// how it is written and from word lists:
//
//   - a name with a capital must be written with one ("turla" in a path is
//     not Turla);
//   - an ordinary word ("Equation", "Silence", "Cobalt", "Patchwork";
//     ctiWords, generated from the lower-case words of ATT&CK, DISARM,
//     galaxy and report prose, and englishWords, written by hand) must be
//     capitalised inside a sentence, with no capitalised word beside it
//     ("Equation Editor", a title in capitals); at a sentence's start it
//     waits for the text to use the same name as a name elsewhere;
//   - a name of ordinary words only ("Charming Kitten", "Cobalt Strike")
//     needs every word capitalised;
//   - names of three letters or fewer ("GOP", "SEA", "UPS") and company or
//     product names ("Alibaba", "Foxmail") count only after the text has
//     introduced them as actors; names only ever written in capitals
//     ("ELECTRUM") count in capitals, otherwise only after that;
//   - a capitalised software word after an actor's name makes it a tool
//     ("Lazarus Loader", "Snake Keylogger"); "malware" or "group" after a
//     name that is both an actor and software says which it is;
//   - nothing inside a URL, a path, a file or domain name, a defanged
//     domain or an e-mail address counts, nor anything overlapping a span
//     given to FindExcept (except an ATT&CK id that is exactly the span:
//     indicator scanners report those too).
//
// Phrase matches with few words must be capitalised as the framework
// writes them ("Valid Accounts", not "valid accounts"); long technique
// names and DISARM verb phrases count in any case and inflection.
//
// # Names no source knows
//
// Names are also recognised by their form: vendors' numbered clusters
// (TA453, UNC2452, DEV-0586, Storm-1516, TAG-56, APT42, FIN7, UAC-0050,
// UAT-4356, APT-C-36, CL-STA-0044, TEMP.Veles, Threat Group-3390) and
// two-word schemes (Microsoft's "Zebra Sandstorm", "... Flood", CrowdStrike's
// "... Panda", Unit 42's "... Ursa", Secureworks' "BRONZE ...", Trend
// Micro's "Earth ..."), where scheme words that are ordinary English
// ("Flood", "Rain", "Bear") need a sentence about actors or a text that
// uses Microsoft's names. And from context: "tracked as X", "which we call
// X", "a group known as X", "the X group/gang/team/crew", "X operators",
// "threat actor X", "groups such as X, Y and Z", "X (also known as Y, Z)",
// "aka X", "X, a threat actor", "X is a ... group", "attributed to X",
// "conducted by X", "X (Y)" after an actor. How much the context vouches
// for the name decides how name-like it must look by itself. A name so
// found is then recognised at every other place in the text (before it
// too), and a name found only from weak signs that the text elsewhere
// calls malware ("the X backdoor") is dropped.
//
// Offsets are byte offsets into the text given to Find.
package names
