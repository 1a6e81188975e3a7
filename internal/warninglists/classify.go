package warninglists

// class is what dossier makes of one MISP warning list: whether a value on
// it is benign (almost certainly not malicious: it stays a plain
// observable, marked with the reason) or only context (a tag on an
// indicator that stays an indicator), with a short tag and the reason for
// the choice, read from the list's description.
type class struct {
	benign bool
	tag    string
	reason string
}

// classes classifies every list the generator may meet; the generator
// refuses a list that is not here, so that a new list is a decision.
var classes = map[string]class{
	// Reserved and special-purpose address space and names.
	"rfc1918":           {true, "private-range", "RFC 1918 private networks: never an Internet host"},
	"rfc3849":           {true, "documentation-range", "RFC 3849 IPv6 documentation prefix"},
	"rfc5735":           {true, "special-use-range", "RFC 5735 special-use IPv4 blocks (this network, loopback, link-local, documentation, benchmarking, reserved)"},
	"rfc6598":           {true, "cgnat-range", "RFC 6598 shared address space (carrier-grade NAT)"},
	"rfc6761":           {true, "special-use-name", "RFC 6761 special-use names: example domains and private reverse zones"},
	"multicast":         {true, "multicast-range", "RFC 5771 multicast blocks: not a host"},
	"ipv6-linklocal":    {true, "link-local-range", "RFC 4291 link-local prefix: never routed"},
	"tlds":              {true, "public-suffix", "an IANA top-level domain by itself is no one's host"},
	"second-level-tlds": {true, "public-suffix", "a public suffix from Mozilla's list (co.uk, blogspot.com) by itself is no one's host"},

	// Popular sites. Popularity is not benignity (compromised and abused
	// sites do get into top lists), but a value that is a top site itself
	// is not something to block or alert on; abused services are also on
	// the context lists below, whose tags keep them indicators.
	"alexa":            {true, "top-site", "Alexa top 1,000 sites (2023)"},
	"cisco_top20k":     {true, "top-site", "Cisco Umbrella top 20,000 resolver-observed hostnames"},
	"majestic_million": {true, "top-site", "Majestic top 10,000 sites"},
	"tranco10k":        {true, "top-site", "Tranco top 10,000 sites"},

	// Vendors' and services' own infrastructure.
	"google":                               {true, "vendor", "Google's own domains"},
	"microsoft":                            {true, "vendor", "Microsoft's own domains"},
	"microsoft-office365":                  {true, "vendor", "Office 365 service endpoints (names)"},
	"microsoft-office365-ip":               {true, "vendor-range", "Office 365 service endpoints (addresses)"},
	"microsoft-win10-connection-endpoints": {true, "vendor", "endpoints Windows 10 connects to by itself"},
	"apple":                                {true, "vendor-range", "Apple's own address blocks (17.0.0.0/8)"},
	"wikimedia":                            {true, "vendor-range", "Wikimedia's own address blocks"},
	"googlebot":                            {true, "crawler", "Googlebot's crawler addresses: seen in every web log"},
	"google-gmail-sending-ips":             {true, "mail-provider", "Gmail's outbound relays: in the headers of mail from any Gmail user, the actor's included"},
	"captive-portals":                      {true, "captive-portal", "hostnames operating systems probe for captive portals"},
	"crl-hostname":                         {true, "crl-ocsp", "certificate revocation (CRL, OCSP) hosts every TLS client contacts"},
	"crl-ip":                               {true, "crl-ocsp", "certificate revocation (CRL, OCSP) addresses"},
	"bank-website":                         {true, "bank", "banks' real domains: phishing reports name the bank impersonated"},
	"public-dns-hostname":                  {true, "public-dns", "public DNS resolvers (names)"},
	"public-dns-v4":                        {true, "public-dns", "public DNS resolvers (IPv4): malware and people alike query 8.8.8.8"},
	"public-dns-v6":                        {true, "public-dns", "public DNS resolvers (IPv6)"},
	"whats-my-ip":                          {true, "whats-my-ip", "what's-my-IP services: malware asks them, but so does everyone; blocking them catches nothing"},
	"sinkholes":                            {true, "sinkhole", "researchers' and registries' sinkholes: a domain resolving there is already taken from the actor"},

	// Security vendors: the report's own references.
	"security-provider-blogpost": {true, "security-vendor", "security vendors' blogs and research sites: the references of a report"},
	"automated-malware-analysis": {true, "security-vendor", "sandboxes and security vendors (VirusTotal, any.run, hybrid-analysis)"},

	// Hashes that are never a sample's.
	"empty-hashes":              {true, "empty-file", "hashes of the empty file"},
	"eicar.com":                 {true, "test-file", "hashes of the EICAR anti-virus test file"},
	"common-ioc-false-positive": {true, "false-positive-hash", "hashes of common legitimate files wrongly listed as IOCs (Florian Roth's list)"},
	"ti-falsepositives":         {true, "false-positive-hash", "hashes often wrongly included in IOC lists"},

	// Contact addresses.
	"common-contact-emails": {true, "contact-address", "abuse@, security@, noc@, soc@ role addresses: where reports tell readers to write"},

	// Context: shared infrastructure that actors rent or abuse. The value
	// stays an indicator; the tag says what it is.
	"amazon-aws":           {false, "cloud-range", "AWS address space: anyone can rent a host there"},
	"microsoft-azure":      {false, "cloud-range", "Azure address space: anyone can rent a host there"},
	"google-gcp":           {false, "cloud-range", "Google Cloud address space: anyone can rent a host there"},
	"akamai":               {false, "cdn-range", "Akamai CDN address space: shared by every customer"},
	"cloudflare":           {false, "cdn-range", "Cloudflare address space: actors front their servers with it"},
	"fastly":               {false, "cdn-range", "Fastly CDN address space: shared by every customer"},
	"github":               {false, "cloud-range", "GitHub address space: Pages, raw content and Codespaces host anyone's files"},
	"dynamic-dns":          {false, "dynamic-dns", "dynamic DNS providers: actors' hosts (Iranian and Russian ones often) live under them"},
	"url-shortener":        {false, "url-shortener", "URL shorteners: hide the real destination"},
	"link-in-bio":          {false, "link-in-bio", "link-in-bio pages: hide the real destinations"},
	"public-ipfs-gateways": {false, "ipfs-gateway", "public IPFS gateways: serve anyone's content, phishing kits and payloads included"},
	"lots-project":         {false, "lots", "living-off-trusted-sites services used for phishing, C2, exfiltration and tool downloads"},
	"disposable-email":     {false, "disposable-email", "disposable e-mail services: throwaway sender addresses"},
	"parking-domain":       {false, "parking", "parking services' addresses: a parked domain may be an actor's, waiting"},
	"parking-domain-ns":    {false, "parking", "parking services' name servers"},
}

// Class returns whether the list id is classified as benign and its tag;
// ok is false for a list dossier does not know, which the generator
// refuses.
func Class(id string) (benign bool, ok bool) {
	c, ok := classes[id]
	return c.benign, ok
}
