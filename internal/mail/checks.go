package mail

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-cti/dossier/internal/extract/ioc"
)

// check runs the checks on what was read, in a fixed order.
func (m *Message) check() {
	m.checkReplyTo()
	m.checkDisplayNames()
	m.checkLinkText()
	m.checkAuth()
}

// checkReplyTo flags Reply-To addresses under a registrable domain that
// no From address has: answers go somewhere the sender did not write from.
func (m *Message) checkReplyTo() {
	var from []string
	for _, a := range m.Addresses {
		if a.Field == "From" && a.Domain != "" {
			from = append(from, registrable(a.Domain))
		}
	}
	if len(from) == 0 {
		return
	}
	for _, a := range m.Addresses {
		if a.Field != "Reply-To" || a.Domain == "" {
			continue
		}
		if d := registrable(a.Domain); !slices.Contains(from, d) {
			m.Findings = append(m.Findings, Finding{Check: ReplyToMismatch, Field: "Reply-To", Value: a.Address,
				Reason: fmt.Sprintf("replies go to %s, but the message is from %s", d, strings.Join(from, ", "))})
		}
	}
}

// checkDisplayNames flags display names that show an email address other
// than the mailbox's own: "security@paypal.com" <x@evil.example> reads as
// PayPal in most mail clients.
func (m *Message) checkDisplayNames() {
	for _, a := range m.Addresses {
		if !strings.Contains(a.Name, "@") {
			continue
		}
		for _, mt := range ioc.Scan(a.Name) {
			if mt.Kind != ioc.Email || strings.EqualFold(mt.Value, a.Address) {
				continue
			}
			m.Findings = append(m.Findings, Finding{Check: DisplayNameAddress, Field: a.Field, Value: a.Name + " <" + a.Address + ">",
				Reason: fmt.Sprintf("display name shows %s, but the address is %s", mt.Value, a.Address)})
			break
		}
	}
}

// checkLinkText flags HTML links whose text shows a host under another
// registrable domain than the link's target.
func (m *Message) checkLinkText() {
	for _, l := range m.Links {
		if l.Field != "href" || l.Text == "" {
			continue
		}
		shown := textHost(l.Text)
		if shown == "" {
			continue
		}
		if rs, rt := registrable(shown), registrable(l.Host); rs != rt {
			where := "href"
			if l.Part != "" {
				where += " in part " + l.Part
			}
			m.Findings = append(m.Findings, Finding{Check: LinkTextMismatch, Field: where, Value: l.URL,
				Reason: fmt.Sprintf("link text shows %s, but the link goes to %s", shown, l.Host)})
		}
	}
}

// authFailures are the results that count as a failure per method.
var authFailures = map[string][]string{
	"spf":   {"fail", "softfail", "permerror", "temperror"},
	"dkim":  {"fail", "permerror", "temperror"},
	"dmarc": {"fail", "permerror", "temperror"},
}

// checkAuth flags SPF, DKIM and DMARC results that are not a pass or an
// absence (none, neutral).
func (m *Message) checkAuth() {
	for _, r := range m.Auth {
		if !slices.Contains(authFailures[r.Method], r.Result) {
			continue
		}
		reason := fmt.Sprintf("%s %s at %s", strings.ToUpper(r.Method), r.Result, r.AuthServ)
		for _, k := range []string{"header.from", "smtp.mailfrom", "header.d", "header.i"} {
			if v := r.Props[k]; v != "" {
				reason += fmt.Sprintf(" for %s=%s", k, v)
				break
			}
		}
		if r.Reason != "" {
			reason += ": " + r.Reason
		}
		if r.Comment != "" {
			reason += " (" + r.Comment + ")"
		}
		if r.Hop > 0 {
			reason += fmt.Sprintf("; header %d from the top, which the sender may have written", r.Hop+1)
		}
		m.Findings = append(m.Findings, Finding{Check: AuthFailure, Field: "Authentication-Results",
			Value: r.Method + "=" + r.Result, Reason: reason})
	}
}
