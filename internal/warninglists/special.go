package warninglists

// The two lists dossier adds to MISP's: special-purpose addresses and
// special-use names, from the IANA registries, so that they are known
// even where a MISP list misses them (rfc5735 has no 100.64.0.0/10 or
// IPv6; rfc6761 has no .test or .localhost).
const (
	specialRangesID   = "dossier-special-ranges"
	specialRangesName = "Special-purpose IP addresses (IANA registries, RFC 6890)"
	specialNamesID    = "dossier-special-names"
	specialNamesName  = "Special-use domain names (RFC 2606, 6761, 6762, 8375, 9476)"
)

// specialRanges are the blocks of the IANA IPv4 and IPv6 special-purpose
// address registries that are not globally reachable, plus multicast
// and the documentation prefixes.
var specialRanges = []string{
	"0.0.0.0/8",          // this network
	"10.0.0.0/8",         // private
	"100.64.0.0/10",      // shared address space (CGNAT)
	"127.0.0.0/8",        // loopback
	"169.254.0.0/16",     // link-local
	"172.16.0.0/12",      // private
	"192.0.0.0/24",       // IETF protocol assignments
	"192.0.2.0/24",       // documentation (TEST-NET-1)
	"192.88.99.0/24",     // deprecated 6to4 relay anycast
	"192.168.0.0/16",     // private
	"198.18.0.0/15",      // benchmarking
	"198.51.100.0/24",    // documentation (TEST-NET-2)
	"203.0.113.0/24",     // documentation (TEST-NET-3)
	"224.0.0.0/4",        // multicast
	"240.0.0.0/4",        // reserved
	"255.255.255.255/32", // limited broadcast
	"::/128",             // unspecified
	"::1/128",            // loopback
	"::ffff:0:0/96",      // IPv4-mapped
	"64:ff9b:1::/48",     // local-use IPv4/IPv6 translation
	"100::/64",           // discard-only
	"2001:2::/48",        // benchmarking
	"2001:db8::/32",      // documentation
	"3fff::/20",          // documentation (RFC 9637)
	"fc00::/7",           // unique local
	"fe80::/10",          // link-local
	"ff00::/8",           // multicast
}

// specialNames are the special-use names; each matches itself and every
// name under it.
var specialNames = []string{
	"test", "example", "invalid", "localhost", // RFC 6761 (and RFC 2606)
	"example.com", "example.net", "example.org", // RFC 2606, RFC 6761
	"local",     // RFC 6762 (mDNS)
	"home.arpa", // RFC 8375
	"alt",       // RFC 9476
}
