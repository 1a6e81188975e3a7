// Package lookalike finds domains that imitate protected ones: a
// campaign's, a party's, an election office's.
//
// A Matcher is built once from the protected domains and then answers, for
// each seen domain, whether it imitates one, which one, and by which
// Trick, with a reason for a human ("Cyrillic 'а' (U+0430) for Latin
// 'a'"). Domains are split with the public-suffix list
// (golang.org/x/net/publicsuffix, ICANN and private sections) into the
// labels left of the registrable domain, the registrable label and the
// public suffix: for login.campaign2024.co.uk these are "login",
// "campaign2024" and "co.uk". Internationalised names are decoded from
// punycode (golang.org/x/net/idna); seen domains are only ever handled as
// strings, never resolved.
//
// Labels are compared by their skeletons: each character is replaced by
// its prototype from the Unicode confusables data of UTS #39 (the
// confusables.txt of Unicode 13.0, as embedded by
// github.com/mtibben/confusables), lower-cased, and stripped of combining
// marks, so that Cyrillic 'а', Greek 'ο', fullwidth 'ｐ', 'ä', the digit
// '0' and the pair "rn" fold like 'a', 'o', 'p', 'a', 'o' and 'm'.
// Stripping accents goes beyond UTS #39 on purpose: they are a pixel in an
// address bar.
//
// The tricks, tried in this order:
//
//   - Homoglyph: the skeleton of the registrable label equals a protected
//     label's while the characters differ (any suffix), or differs from it
//     by one non-ASCII letter where the Latin one should be (Cyrillic
//     'ӏ', which UTS #39 folds to 'i', for the 'l' of apple.com);
//   - OtherTLD: the same label under another public suffix;
//   - Swap, Double, Edit: one edit for labels of MinEditLen characters or
//     more, two for MinTwoEditsLen or more, on skeletons, under the same
//     suffix only (an edit and another TLD together fire on too many real
//     names);
//   - AddedWord: the protected label as whole hyphen-separated tokens of
//     a longer label (MinAddedWordLen), or at its start or end with no
//     hyphen (MinJoinedLen);
//   - Labels: the protected domain's labels, or its name joined with a
//     hyphen, among the labels left of another registrable domain
//     (campaign2024.com.evil.net, campaign2024-com.evil.net), and its label
//     alone there when MinAddedWordLen or longer (campaign2024.evil.net).
//
// The protected domains and every name under any of them never match.
//
// Short names are where look-alike detection cries wolf: one edit of
// "vote" is "note" and "veto", and "party" is a word in thousands of
// domains. The minimum lengths are set so that on the 100,000 popular
// domains of Cloudflare Radar's top list (none of which imitates a
// campaign on purpose) campaign2024.com, kamalaharris.com,
// donaldjtrump.com, democrats.org, gop.com, vote.org, actblue.com and
// nytimes.com flag nothing, winred.com flags wired.com, party.org flags
// balloon-party.fr and costume-party-boulevard.com; big brands flag mostly
// their own domains (microsoft.com flags 22, such as microsoft365.com and
// microsoftonline.com), which a user adds to the protected list
// (TestBenignFalsePositives).
//
// Speed: edits are found with deletion neighbourhoods (symmetric delete).
// New stores the hashes of every string made by deleting up to two
// characters from each protected skeleton; Match hashes the deletion
// variants of the seen skeleton from prefix hashes without allocating and
// looks each up (a bit test in a small Bloom filter first, a map look-up
// only when it passes), then confirms a hit with the exact
// optimal-string-alignment distance. A check costs at most 1 + n + n(n-1)/2 look-ups for
// a label of n characters, and none when no protected label is within two
// characters of its length; it does not compare against each protected
// domain. An ASCII domain that imitates nothing costs one allocation
// (x/net/publicsuffix's). BenchmarkMatchBenign measures domains per second
// on the benign list.
package lookalike
