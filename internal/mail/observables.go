package mail

import (
	"fmt"
	"net/netip"
)

// Observable is one value of a message that an indicator may name, with
// the field it was seen in: what a scanner matches and an alert quotes.
type Observable struct {
	// Kind is the STIX cyber-observable type the value would be:
	// "email-addr", "domain-name", "ipv4-addr", "ipv6-addr", "url", or
	// "file" for an attachment's SHA-256.
	Kind string
	// Field says where: "From", "Reply-To domain", "Received[1]",
	// "Message-ID domain", "href in part 1.2", "attachment
	// Briefing_Notes.pdf".
	Field string
	Value string
}

// Observables lists the message's addresses and their domains, relay
// IPs, the Message-ID's domain, link URLs and hosts, attachment hashes,
// and then those of attached messages, in that order, each (kind, field,
// value) once.
func (m *Message) Observables() []Observable {
	var out []Observable
	seen := map[Observable]bool{}
	add := func(kind, field, value string) {
		o := Observable{Kind: kind, Field: field, Value: value}
		if value != "" && !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	host := func(field, h string) {
		if ip, err := netip.ParseAddr(h); err == nil {
			add(ipKind(ip), field, h)
			return
		}
		add("domain-name", field, h)
	}
	for _, a := range m.Addresses {
		add("email-addr", a.Field, a.Address)
		if a.Domain != "" {
			host(a.Field+" domain", a.Domain)
		}
	}
	for _, r := range m.Relays {
		field := r.Field
		if r.Field == "Received" {
			field = fmt.Sprintf("Received[%d]", r.Hop)
		}
		add(ipKind(r.IP), field, r.IP.String())
	}
	if m.MessageIDDomain != "" {
		host("Message-ID domain", m.MessageIDDomain)
	}
	for _, l := range m.Links {
		field := l.Field
		if l.Part != "" {
			field += " in part " + l.Part
		}
		add("url", field, l.URL)
		host(field+" host", l.Host)
	}
	for _, a := range m.Attachments {
		name := a.Name
		if name == "" {
			name = "part " + a.Part
		}
		add("file", "attachment "+name, a.SHA256)
	}
	for _, in := range m.Attached {
		for _, o := range in.Observables() {
			add(o.Kind, "attached message (part "+in.Part+") "+o.Field, o.Value)
		}
	}
	return out
}

func ipKind(ip netip.Addr) string {
	if ip.Is4() {
		return "ipv4-addr"
	}
	return "ipv6-addr"
}
