package warninglists

import "net/netip"

// The lists dossier adds to MISP's: special-purpose addresses and
// special-use names, from the IANA registries, so that they are known
// even where a MISP list misses them (rfc5735 has no 100.64.0.0/10 or
// IPv6; rfc6761 has no .test or .localhost); and the hosts that serve
// files anyone uploads, which the top-site lists hold and the LOTS list
// misses.
const (
	specialRangesID   = "dossier-special-ranges"
	specialRangesName = "Special-purpose IP addresses (IANA registries, RFC 6890)"
	specialNamesID    = "dossier-special-names"
	specialNamesName  = "Special-use domain names (RFC 2606, 6761, 6762, 8375, 9476)"
	userContentID     = "dossier-user-content"
	userContentName   = "Hosts serving files uploaded by any customer"
)

// The places of dossier's own lists after the published ones, in Check's
// order.
const (
	ownRanges = iota
	ownNames
	ownContent
	ownLists // how many
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

// userContentHosts serve, under a path, files that any customer of the
// service uploaded: a store's CDN, a chat service's attachments, a code
// host's raw files, a paste or file drop. They are popular, so the
// top-site lists hold them, and a URL on one is as suspicious as the file
// it serves; the context list keeps such a URL an indicator, tagged
// "user-content", while the host by itself stays the service's. Each
// matches itself and every name under it. The LOTS list has more of
// them (drive.google.com, pastebin.com, cdn.discordapp.com); these are
// the ones it lacks.
var userContentHosts = []string{
	"cdn.shopify.com",               // any store's files
	"media.discordapp.net",          // Discord attachments
	"gist.githubusercontent.com",    // gists' raw files
	"objects.githubusercontent.com", // release assets
	"user-images.githubusercontent.com",
	"private-user-images.githubusercontent.com",
	"dl.dropboxusercontent.com",    // Dropbox direct downloads
	"drive.usercontent.google.com", // Google Drive direct downloads
	"script.google.com",            // Apps Script web apps
	"storage.cloud.google.com",     // Cloud Storage objects
	"files.catbox.moe",             // file drops
	"litter.catbox.moe",
	"we.tl",            // WeTransfer short links
	"codeberg.org",     // code hosting
	"cdn.jsdelivr.net", // npm and GitHub files served by CDN
	"unpkg.com",
	"hastebin.com",             // pastes
	"cdn.filestackcontent.com", // Filestack uploads
	"firebasestorage.app",      // Firebase storage buckets
}

// Builtin holds the entries of dossier's own lists as the generator
// merges them into the embedded data.
type Builtin struct {
	Names  map[string]uint64       // name → the lists holding it and the names under it
	Blocks map[netip.Prefix]uint64 // masked block → its lists
}

// BuiltinEntries returns the entries of dossier's own lists numbered
// after n published lists (the bits ownRanges, ownNames and ownContent
// after theirs). The generator merges them into the embedded
// tables so that loading merges nothing; BuiltinFingerprint, stored
// with them, lets loading refuse data made from other lists.
func BuiltinEntries(n int) Builtin {
	b := Builtin{Names: map[string]uint64{}, Blocks: map[netip.Prefix]uint64{}}
	for _, s := range specialRanges {
		b.Blocks[netip.MustParsePrefix(s).Masked()] |= 1 << (n + ownRanges)
	}
	for _, s := range specialNames {
		b.Names[s] |= 1 << (n + ownNames)
	}
	for _, s := range userContentHosts {
		b.Names[s] |= 1 << (n + ownContent)
	}
	return b
}

// BuiltinFingerprint is a digest (FNV-1a, 64 bits) of dossier's own
// lists' entries: the embedded data holds the one of the entries merged
// into it, and loading refuses the data when special.go has changed
// since (go generate was not run).
func BuiltinFingerprint() uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for _, l := range [...][]string{specialRanges, specialNames, userContentHosts} {
		for _, s := range l {
			for i := 0; i < len(s); i++ {
				h = (h ^ uint64(s[i])) * prime
			}
			h *= prime // a zero byte: the end of an entry
		}
		h = (h ^ 1) * prime // the end of a list
	}
	return h
}
