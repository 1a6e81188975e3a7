package extract

import (
	"net/url"
	"strings"

	"github.com/dossier-cti/dossier/internal/extract/ioc"
	"github.com/dossier-cti/dossier/internal/warninglists"
)

// MISPLists checks a value against the MISP warning lists: a list that
// means "benign" (reserved ranges, top sites, vendors' domains, empty-file
// hashes) clears it with the list's name as the reason; a list that only
// gives context (dynamic DNS, URL shorteners, IPFS gateways, cloud ranges)
// tags it and leaves it suspicious. A link with a path on a host that
// only popularity lists hold is benign unless the report writes it
// defanged (TakenBack).
//
// One exception: a service's own host, which a benign list names itself
// (github.com, www.facebook.com, drive.google.com, cdn.shopify.com), is
// benign as a domain or as a link to its front page even when a context
// list holds it too, when that context is about what customers put on the
// service (see hostContextOnly): the host alone points at no customer. A URL with a path
// there (github.com/actor/tool, cdn.shopify.com/s/files/…/lure.pdf) and a
// customer's name under it (actor.github.io, x.wordpress.com) keep the
// context and stay indicators.
func MISPLists(kind, value string) ListVerdict {
	vs := warninglists.Check(kind, value)
	clear := warninglists.Suppress(vs) // benign, and no list gives context (drive.google.com/file/… stays suspicious)
	if !clear && serviceHost(kind, value) && hostContextOnly(vs) {
		for _, v := range vs {
			if v.Benign && v.Exact {
				return ListVerdict{Benign: "on the MISP warning list " + v.Name + " (the service's own host)"}
			}
		}
	}
	var r ListVerdict
	best := 3 // the rank of the list r.Benign names (reasonRank)
	for _, v := range vs {
		if v.Benign {
			if k := reasonRank(v); clear && k < best {
				r.Benign, best = "on the MISP warning list "+v.Name, k
			}
			continue
		}
		if v.Context != "" && !contains(r.Tags, v.Context) {
			r.Tags = append(r.Tags, v.Context)
		}
	}
	if r.Benign != "" {
		r.Tags = nil
		if kind == "url" && !serviceHost(kind, value) && popularOnly(vs) {
			r.TakenBack = "top-site"
		}
	}
	return r
}

// reasonRank orders the benign lists that hold a value by how well they
// say why it is benign: a reserved or special-use range or name, the
// empty file or a test file first
// (evil.example.com is RFC 6761's, though a public DNS list of hostnames
// holds a name under example.com too), then a list that holds the value
// itself, then one that holds a name above it.
func reasonRank(v warninglists.Verdict) int {
	switch v.Context {
	case "special-use-name", "special-use-range", "private-range", "documentation-range", "cgnat-range", "multicast-range", "link-local-range",
		"empty-file", "test-file":
		return 0 // and the hash of the empty file is that, before it is a common false positive
	}
	if v.Exact {
		return 1
	}
	return 2
}

// popularOnly reports whether every list that holds a value holds it
// for being a popular site (Alexa, Tranco, Cisco Umbrella), none as a
// vendor's, a reserved or special-use name, or a security vendor's blog.
func popularOnly(vs []warninglists.Verdict) bool {
	for _, v := range vs {
		if v.Context != "top-site" {
			return false
		}
	}
	return len(vs) > 0
}

// hostContextOnly reports whether the context lists that hold a value
// describe what customers put on a service (living-off-trusted-sites,
// cloud and CDN ranges, user uploads, shorteners, link-in-bio pages,
// parking), which the host by itself does not point at. A dynamic DNS
// provider, an IPFS gateway or a disposable mail service is different:
// any traffic to it is worth a look, and it stays an indicator.
func hostContextOnly(vs []warninglists.Verdict) bool {
	for _, v := range vs {
		if v.Benign {
			continue
		}
		switch v.Context {
		case "lots", "cloud-range", "cdn-range", "user-content", "url-shortener", "link-in-bio", "parking":
		default:
			return false
		}
	}
	return true
}

// serviceHost reports whether a value names a host alone: a domain, or a
// URL with nothing after its host but "/".
func serviceHost(kind, value string) bool {
	switch kind {
	case "domain":
		return true
	case "url":
		if ioc.SchemeLen(value) == 0 {
			value = "http://" + value
		}
		u, err := url.Parse(value)
		return err == nil && (u.Path == "" || u.Path == "/") && u.RawQuery == "" && u.Fragment == "" && u.User == nil
	}
	return false
}

// windowsPrograms are programs every Windows installation ships (and the
// ones actors most often run from it, as the LOLBAS project lists them):
// a report names them for what the actor ran, and the name alone points
// at every Windows host. Tools an actor brings (psexec.exe, procdump.exe,
// plink.exe) and server roles (dns.exe) are not here: their names are
// worth looking for.
var windowsPrograms = wordSet(`arp.exe at.exe attrib.exe bcdedit.exe bitsadmin.exe calc.exe certutil.exe cipher.exe cmd.exe
cmstp.exe conhost.exe control.exe cscript.exe csrss.exe curl.exe dllhost.exe esentutl.exe eventvwr.exe expand.exe
explorer.exe extrac32.exe findstr.exe fodhelper.exe forfiles.exe fsutil.exe hostname.exe icacls.exe installutil.exe
ipconfig.exe lsass.exe makecab.exe msbuild.exe msiexec.exe mshta.exe mstsc.exe net.exe net1.exe netsh.exe netstat.exe
nltest.exe notepad.exe nslookup.exe odbcconf.exe ping.exe powershell.exe powershell_ise.exe qwinsta.exe quser.exe
reg.exe regasm.exe regedit.exe regsvcs.exe regsvr32.exe route.exe rundll32.exe sc.exe schtasks.exe sdclt.exe
services.exe smss.exe spoolsv.exe svchost.exe systeminfo.exe takeown.exe tar.exe taskhostw.exe taskkill.exe
tasklist.exe taskmgr.exe tracert.exe userinit.exe vssadmin.exe werfault.exe wevtutil.exe whoami.exe winlogon.exe
wmic.exe wmiprvse.exe wscript.exe wuauclt.exe`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
