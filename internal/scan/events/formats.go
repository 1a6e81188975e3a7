package events

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Format is a kind of log.
type Format string

// The formats readers know.
const (
	FormatAuto  Format = ""             // detected from the first lines
	FormatZeek  Format = "zeek"         // Zeek logs written as JSON (dns, http, conn, ssl, files, ...)
	FormatEVE   Format = "suricata-eve" // Suricata EVE JSON
	FormatECS   Format = "ecs"          // Elastic Common Schema documents (Beats, Elastic Agent)
	FormatEntra Format = "entra-signin" // Microsoft Entra ID sign-in logs (Graph or Azure Monitor export)
	FormatOkta  Format = "okta"         // Okta System Log events
	FormatJSON  Format = "json"         // JSON lines with the fields named by the caller
	FormatCSV   Format = "csv"          // CSV with a header
	FormatLines Format = "lines"        // one value per line, or free text
	FormatMail  Format = "mail"         // email: an EML file or an MBOX (read by internal/mail)
)

// Formats lists the formats a user may name.
var Formats = []Format{FormatZeek, FormatEVE, FormatECS, FormatEntra, FormatOkta, FormatJSON, FormatCSV, FormatLines, FormatMail}

// ParseFormat reads a format's name ("auto" or "" for detection).
func ParseFormat(s string) (Format, error) {
	if s == "" || s == "auto" {
		return FormatAuto, nil
	}
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	switch s {
	case "eve", "suricata":
		return FormatEVE, nil
	case "entra", "azuread", "aad":
		return FormatEntra, nil
	case "text", "plain":
		return FormatLines, nil
	case "eml", "mbox", "email":
		return FormatMail, nil
	case "jsonl", "ndjson":
		return FormatJSON, nil
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q (auto, %s)", s, strings.Join(names, ", "))
}

// Role is what a field is for besides being matched.
type Role uint8

// The roles of fields.
const (
	RoleMatch      Role = iota // its value is matched against indicators
	RoleHost                   // an HTTP host: matched, and joined with RoleURI into a URL
	RoleURI                    // an HTTP request target, joined with RoleHost
	RoleUser                   // a sign-in's account
	RoleSignInIP               // a sign-in's source address (also matched)
	RoleResult                 // a sign-in's outcome: 0 or SUCCESS is success
	RoleTime                   // the time of the line (of a sign-in, of an event)
	RoleEventType              // Okta's eventType: only authentication events are sign-ins
	RoleFailReason             // a sign-in's failure reason
)

// Field is one wanted path and what its values are.
type Field struct {
	Path string
	Kind Kind
	Role Role
}

// ParseField reads a --field argument: a path or column name, with an
// optional ":kind" (domain, ip, url, hash, email); without one the kind
// of each value is guessed.
func ParseField(s string) (Field, error) {
	f := Field{Path: s, Kind: Any}
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		k, ok := ParseKind(s[i+1:])
		if !ok {
			return f, fmt.Errorf("field %q: unknown kind %q (domain, ip, url, hash, email, any)", s, s[i+1:])
		}
		f.Path, f.Kind = s[:i], k
	}
	if f.Path == "" {
		return f, fmt.Errorf("field %q: empty path", s)
	}
	return f, nil
}

// profiles are the fields read from each known JSON format.
var profiles = map[Format][]Field{
	FormatZeek: {
		{"ts", Unknown, RoleTime},
		{"id.orig_h", IP, RoleMatch}, {"id.resp_h", IP, RoleMatch},
		{"query", Domain, RoleMatch}, {"answers", Any, RoleMatch}, // dns.log
		{"host", Domain, RoleHost}, {"uri", Any, RoleURI}, {"referrer", URL, RoleMatch}, // http.log
		{"server_name", Domain, RoleMatch},                                               // ssl.log
		{"md5", Hash, RoleMatch}, {"sha1", Hash, RoleMatch}, {"sha256", Hash, RoleMatch}, // files.log
		{"tx_hosts", IP, RoleMatch}, {"rx_hosts", IP, RoleMatch},
		{"mailfrom", Email, RoleMatch}, {"rcptto", Email, RoleMatch}, {"x_originating_ip", IP, RoleMatch}, // smtp.log
	},
	FormatEVE: {
		{"timestamp", Unknown, RoleTime},
		{"src_ip", IP, RoleMatch}, {"dest_ip", IP, RoleMatch},
		{"dns.rrname", Domain, RoleMatch}, {"dns.queries.rrname", Domain, RoleMatch},
		{"dns.answers.rdata", Any, RoleMatch}, {"dns.grouped.A", IP, RoleMatch}, {"dns.grouped.AAAA", IP, RoleMatch},
		{"dns.grouped.CNAME", Domain, RoleMatch},
		{"http.hostname", Domain, RoleHost}, {"http.url", Any, RoleURI}, {"http.http_refer", URL, RoleMatch},
		{"tls.sni", Domain, RoleMatch}, {"quic.sni", Domain, RoleMatch},
		{"fileinfo.md5", Hash, RoleMatch}, {"fileinfo.sha1", Hash, RoleMatch}, {"fileinfo.sha256", Hash, RoleMatch},
		{"smtp.mail_from", Email, RoleMatch}, {"smtp.rcpt_to", Email, RoleMatch},
		{"email.from", Email, RoleMatch},
	},
	FormatECS: {
		{"@timestamp", Unknown, RoleTime},
		{"source.ip", IP, RoleMatch}, {"destination.ip", IP, RoleMatch}, {"client.ip", IP, RoleMatch},
		{"server.ip", IP, RoleMatch}, {"host.ip", IP, RoleMatch}, {"related.ip", IP, RoleMatch},
		{"source.domain", Domain, RoleMatch}, {"destination.domain", Domain, RoleMatch},
		{"client.domain", Domain, RoleMatch}, {"server.domain", Domain, RoleMatch},
		{"dns.question.name", Domain, RoleMatch}, {"dns.answers.data", Any, RoleMatch},
		{"url.full", URL, RoleMatch}, {"url.original", Any, RoleMatch}, {"url.domain", Domain, RoleMatch},
		{"http.request.referrer", URL, RoleMatch}, {"related.hosts", Domain, RoleMatch},
		{"tls.client.server_name", Domain, RoleMatch},
		{"file.hash.md5", Hash, RoleMatch}, {"file.hash.sha1", Hash, RoleMatch}, {"file.hash.sha256", Hash, RoleMatch},
		{"process.hash.sha256", Hash, RoleMatch}, {"related.hash", Hash, RoleMatch},
		{"email.from.address", Email, RoleMatch}, {"email.sender.address", Email, RoleMatch},
		{"email.reply_to.address", Email, RoleMatch}, {"email.to.address", Email, RoleMatch},
	},
	FormatEntra: {
		// Microsoft Graph signIn resources, and the Azure Monitor export
		// (category SignInLogs) that wraps them in "properties".
		{"ipAddress", IP, RoleSignInIP}, {"properties.ipAddress", IP, RoleSignInIP}, {"callerIpAddress", IP, RoleMatch},
		{"userPrincipalName", Unknown, RoleUser}, {"properties.userPrincipalName", Unknown, RoleUser},
		{"status.errorCode", Unknown, RoleResult}, {"properties.status.errorCode", Unknown, RoleResult},
		{"status.failureReason", Unknown, RoleFailReason}, {"properties.status.failureReason", Unknown, RoleFailReason},
		{"createdDateTime", Unknown, RoleTime}, {"properties.createdDateTime", Unknown, RoleTime},
	},
	FormatOkta: {
		{"client.ipAddress", IP, RoleSignInIP}, {"request.ipChain.ip", IP, RoleMatch},
		{"actor.alternateId", Unknown, RoleUser}, {"outcome.result", Unknown, RoleResult},
		{"outcome.reason", Unknown, RoleFailReason},
		{"published", Unknown, RoleTime}, {"eventType", Unknown, RoleEventType},
	},
}

// ProfileFields returns the fields read from a known JSON format.
func ProfileFields(f Format) []Field { return profiles[f] }

// markers are the paths whose presence tells the formats apart.
var markers = []string{
	"ts", "uid", "fuid", "id.orig_h", // 0-3 Zeek
	"event_type", "src_ip", "dest_ip", // 4-6 Suricata EVE
	"@timestamp", "ecs.version", "event.dataset", // 7-9 ECS
	"userPrincipalName", "properties.userPrincipalName", "ipAddress", "properties.ipAddress", // 10-13 Entra
	"eventType", "actor.alternateId", "outcome.result", "uuid", // 14-17 Okta
}

var markerPaths = NewPaths(markers)

// detectJSON tells the format of a JSON line, or "" when the line is not
// a JSON object or not a format known here.
func detectJSON(x *Extractor, line []byte) (Format, bool) {
	var seen [32]bool
	if err := x.Extract(line, func(f int, _ []byte, _ bool) { seen[f] = true }); err != nil {
		return "", false
	}
	switch {
	case seen[14] && (seen[15] || seen[16]):
		return FormatOkta, true
	case (seen[10] || seen[11]) && (seen[12] || seen[13]):
		return FormatEntra, true
	case seen[4] && (seen[5] || seen[6]):
		return FormatEVE, true
	case seen[7] || seen[8] || seen[9]:
		return FormatECS, true
	case seen[0] && (seen[1] || seen[2] || seen[3]):
		return FormatZeek, true
	}
	return "", true
}

// mailHeaders are header names that open most messages.
var mailHeaders = []string{"received:", "return-path:", "from:", "to:", "subject:", "message-id:", "date:",
	"mime-version:", "delivered-to:", "dkim-signature:", "arc-seal:", "authentication-results:", "reply-to:",
	"sender:", "content-type:", "x-", "user-agent:", "cc:", "references:", "in-reply-to:", "thread-topic:"}

// LooksLikeMail reports whether head is the start of an MBOX ("From "
// line) or of a message: header lines, two or more of them names that
// open messages, before the first blank line.
func LooksLikeMail(head []byte) bool {
	if strings.HasPrefix(string(head), "From ") {
		return true
	}
	known := 0
	for n, line := range strings.Split(string(head), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || n > 200 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // a folded header
		}
		i := strings.IndexByte(line, ':')
		if i <= 0 || strings.ContainsAny(line[:i], " \t{\"") {
			return false
		}
		l := strings.ToLower(line[:i+1])
		for _, h := range mailHeaders {
			if strings.HasPrefix(l, h) {
				known++
				break
			}
		}
	}
	return known >= 2
}

// ParseTime reads the time of a log line as logs write it: seconds since
// 1970 with a fraction (Zeek's ts), RFC 3339 (ECS, Entra, Okta), or
// Suricata's 2024-11-01T00:00:03.000123+0000. ok is false otherwise.
func ParseTime(v []byte) (time.Time, bool) {
	if len(v) == 0 || len(v) > 64 {
		return time.Time{}, false
	}
	if v[0] >= '0' && v[0] <= '9' && bytes.IndexByte(v, '-') < 0 {
		// Seconds and a decimal fraction, read as digits: a float64
		// would round the microseconds.
		secs, frac, _ := bytes.Cut(v, []byte("."))
		sec, err := strconv.ParseInt(string(secs), 10, 64)
		if err != nil || sec > 1e11 || len(frac) > 9 {
			return time.Time{}, false
		}
		var ns int64
		for i := 0; i < 9; i++ {
			ns *= 10
			if i < len(frac) {
				if frac[i] < '0' || frac[i] > '9' {
					return time.Time{}, false
				}
				ns += int64(frac[i] - '0')
			}
		}
		return time.Unix(sec, ns).UTC(), true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999-0700"} {
		if t, err := time.Parse(layout, string(v)); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
