package ioc

import "strings"

// Kind is the kind of an indicator found in text.
type Kind string

// The kinds Scan reports.
const (
	IPv4     Kind = "ipv4"      // 203.0.113.7
	IPv6     Kind = "ipv6"      // 2001:db8::7, in RFC 5952 form
	IPv4CIDR Kind = "ipv4-cidr" // 203.0.113.0/24, as written (host bits kept)
	IPv6CIDR Kind = "ipv6-cidr" // 2001:db8::/32
	Domain   Kind = "domain"    // lower case, no trailing dot, under an ICANN public suffix
	URL      Kind = "url"       // with a scheme, or a host followed by a path
	Email    Kind = "email"     // local part as written, domain lower-cased
	MD5      Kind = "md5"       // lower-case hex
	SHA1     Kind = "sha1"      //
	SHA256   Kind = "sha256"    //
	SHA512   Kind = "sha512"    //
	CVE      Kind = "cve"       // CVE-2024-12345, upper case
	AttackID Kind = "attack-id" // T1566.001, TA0001, G0059, S0001, C0001, M1017, DS0015
	BTC      Kind = "btc"       // base58check (checksum verified) or bech32/bech32m (checksum verified, lower case)
	ETH      Kind = "eth"       // 0x + 40 hex, lower case; EIP-55 checksum verified when written in mixed case
	Social   Kind = "social"    // a social-media account or page: its URL, or an @handle near the platform's name
	Filename Kind = "filename"  // a file name with a risky extension (.exe .dll .ps1 .lnk .iso .docm …)
	RegKey   Kind = "regkey"    // a Windows registry key, hive spelled out: HKEY_LOCAL_MACHINE\Software\…
)

// Kinds lists every Kind, in the order of the constants.
var Kinds = []Kind{IPv4, IPv6, IPv4CIDR, IPv6CIDR, Domain, URL, Email, MD5, SHA1, SHA256, SHA512, CVE, AttackID, BTC, ETH, Social, Filename, RegKey}

// IsHash reports whether k is a kind of hash: MD5, SHA-1, SHA-256 or
// SHA-512.
func (k Kind) IsHash() bool { return k == MD5 || k == SHA1 || k == SHA256 || k == SHA512 }

// Match is one indicator mention in a text.
type Match struct {
	Kind Kind
	// Value is the indicator in canonical, refanged form: see the Kind
	// constants. It is never empty.
	Value string
	// Start and End are the byte offsets of the mention as written,
	// defanged form included: text[Start:End].
	Start, End int
	// Defanged is true when the mention was written defanged (hxxp,
	// [.], (.), [@], [:]// …) and Value is the refanged form.
	Defanged bool
	// Platform and Account are set for Social: the platform ("twitter",
	// "facebook", "instagram", "telegram", "youtube", "tiktok", "vk", …)
	// and the account's handle or page id as the platform spells it.
	Platform string
	Account  string
}

// Host returns the host of a URL, Social (URL form) or Email match's
// Value: the domain or IP address a caller would also record as its own
// observable. It returns "" for other kinds and for @handles.
func (m Match) Host() string {
	v := m.Value
	switch m.Kind {
	case Email:
		return v[strings.LastIndexByte(v, '@')+1:]
	case URL, Social:
		if strings.HasPrefix(v, "@") {
			return ""
		}
		v = v[SchemeLen(v):]
		if i := strings.IndexAny(v, "/?#"); i >= 0 {
			v = v[:i]
		}
		if i := strings.LastIndexByte(v, '@'); i >= 0 {
			v = v[i+1:]
		}
		if strings.HasPrefix(v, "[") {
			if i := strings.IndexByte(v, ']'); i > 0 {
				return v[1:i]
			}
			return ""
		}
		if i := strings.LastIndexByte(v, ':'); i >= 0 {
			v = v[:i]
		}
		return v
	}
	return ""
}

// SchemeLen returns the length of the scheme and "://" a URL value starts
// with ("https://"), or 0 when it starts with none: a link written
// without one ("www.example.com/path"), whose path may hold "://"
// itself ("00000.box/://"), as a scheme never does.
func SchemeLen(v string) int {
	i := strings.Index(v, "://")
	if i <= 0 {
		return 0
	}
	for k := 0; k < i; k++ {
		c := v[k]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case k > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return 0
		}
	}
	return i + 3
}
