// Package ioc finds indicators of compromise in report text: IP
// addresses and CIDR blocks, domains, URLs, email addresses, file hashes,
// CVE and ATT&CK ids, Bitcoin and Ethereum addresses, social-media
// accounts, risky file names and registry keys, written plainly or
// defanged.
//
// Scan is one hand-written pass over the text. Bytes that cannot begin an
// indicator are skipped with one table lookup each. Each run of letters,
// digits, '-' and '_' is read once while the classes of its bytes are
// OR-ed and AND-ed together, which tells, without a second look, whether
// it holds a digit, is all hex or all base58. A run is then looked at
// further only if it can be an indicator:
//
//   - a run followed by "://" or a defanged form ("[://]", "[:]//") whose
//     text is a scheme (http, https, ftp, ws, tcp, and the defanged hxxp,
//     hXXps, fxp, meow) starts a URL;
//   - a hive name followed by a backslash starts a registry key;
//   - a short hex run followed by ':' (or "::" anywhere) may start an IPv6
//     address, checked by net/netip;
//   - a run with a digit may be a hash (a whole run of exactly 32, 40, 64
//     or 128 hex digits: never a part of a longer run), a CVE id, an
//     ATT&CK id, an Ethereum address or a Bitcoin address (checksums
//     verified: base58check, bech32/bech32m, EIP-55 for mixed case);
//   - a run followed by a dot, a defanged dot ("[.]", "(.)", "{.}",
//     "[dot]", "\.", " dot ") or an at sign ("@", "[@]", "(at)") starts a
//     dotted run, parsed once into labels: four decimal octets make an IPv4
//     address (or a CIDR block with "/n"); a local part and an at sign make
//     an email address; a last label that is a risky file extension makes
//     a file name; otherwise the labels must make a domain under an ICANN
//     public suffix (golang.org/x/net/publicsuffix), internationalised
//     names in their punycode form (xn--…) only. A host followed by a
//     path is a URL written without a scheme ("evil[.]com/login.php").
//
// URLs whose host is a social platform and whose path names an account
// ("https://t[.]me/channel", "x.com/handle", "youtube.com/@name") are
// reported as Social with the platform and account; so are @handles on a
// line that names a platform before them ("Telegram channel @news").
//
// False positives are the enemy, so context decides the ambiguous cases,
// and writing a value defanged always makes it a network indicator:
//
//   - a dotted quad after "version", "build", "OID", "section", "table",
//     "§" and similar words is not an address; runs of five numbers or more
//     (OIDs, versions) and of two or three (dates, section numbers) are
//     nothing;
//   - a top-level label in capitals after lower-case letters, or
//     capitalised ("Win64/Packed.Enigma.BV", "MSIL/Tiny.HU", "end.It"), is
//     a detection name or a missing space, not a domain; so are member
//     accesses in code (console.info(), this.name) and ASP.NET;
//   - a name whose extension is both a risky file type and a top-level
//     domain (.zip, .py, .sh, .one) is a file name unless it is defanged,
//     starts with "www." or is followed by a path; common file extensions
//     that are top-level domains (.mov, .rs, .pm, .ps, .cc, .mp, .data,
//     .docs, .run; README.md) are neither;
//   - "Node.js" and other frameworks are not script files;
//   - a file name set off by quotes, backticks or guillemets, or listed
//     alone on its line in a list of file names, is taken whole, spaces
//     included;
//   - a hash-shaped run after "license", "key", "token", "GUID", "mutex",
//     "PasswordHash" and the like is not a hash; an ATT&CK-shaped id
//     outside ATT&CK's ranges (Proofpoint's TA2722) is not an id;
//   - a comma ends a URL unless a digit follows it (CSV fields, lists);
//     parentheses and brackets belong to a URL only when balanced in it.
//
// Sloppy writing is read as meant: a doubled dot in a host name
// ("rtdb..firebaseio.com"), a defanging bracket lost in conversion
// ("miandfish.]store", "example[.com"), Markdown's backslash escapes
// ("install\_flash\_player.exe", "consulate\_ksa@gmail.com"), Unicode
// dashes in CVE ids, no-break spaces in listings.
//
// Values are canonical and refanged: see the Kind constants. Scan
// allocates nothing on text without indicators; answers from the public
// suffix list are memoised process-wide (bounded), since
// publicsuffix.PublicSuffix allocates.
package ioc
