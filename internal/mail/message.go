package mail

import (
	"errors"
	"fmt"
	"net/netip"
	"time"
)

// Message is what one email tells a scanner: its addresses, relays, links
// and attachments, each with where it came from, and the findings of the
// checks.
type Message struct {
	// Source is the file the message was read from ("-" for standard
	// input); Index its 1-based number in that file (always 1 for an
	// EML file); Offset and Line the byte offset (0-based) and line
	// (1-based) where it starts: in an MBOX, its "From " line.
	Source string
	Index  int
	Offset int64
	Line   int
	// Size is the length of the message in bytes, as stored.
	Size int64

	// MessageID is the Message-ID without angle brackets, and
	// MessageIDDomain its part after the last '@', lower case.
	MessageID       string
	MessageIDDomain string
	Subject         string
	// Date is the Date header; zero when it is missing or unreadable.
	Date time.Time

	Addresses   []Address
	Relays      []Relay
	Links       []Link
	Attachments []Attachment
	Auth        []AuthResult
	Findings    []Finding
	// Attached are the messages carried as message/rfc822 parts (a
	// suspicious message forwarded as an attachment), each read and
	// checked as a message of its own; Part is then the part that held
	// it, "" for a message read from a file.
	Attached []*Message
	Part     string

	// Problems are what could not be read without stopping the rest: a
	// part in an unknown charset or with broken base64, a multipart body
	// with no closing boundary. What came before them is kept.
	Problems []string

	seenLinks map[Link]bool // for addLink
}

// Address is one mailbox of a header field.
type Address struct {
	// Field is the header: "From", "Reply-To", "Sender", "Return-Path".
	Field string
	// Name is the display name, decoded ("PayPal Security").
	Name string
	// Address is the mailbox, as written; Domain its domain, lower case,
	// in ASCII (punycode) form.
	Address string
	Domain  string
}

// Relay is an IP address a Received header (or X-Originating-IP) names
// in brackets.
type Relay struct {
	// Field is "Received" or "X-Originating-IP"; Hop counts Received
	// headers from the top, the one the receiving server added first
	// being 0.
	Field string
	Hop   int
	IP    netip.Addr
	// Header is the unfolded header value, cut at 300 bytes, for context.
	Header string
}

// Link is a URL found in a text or HTML part.
type Link struct {
	// URL is as written in the href, or refanged from text.
	URL string
	// Host is the URL's host, lower case, IDN in ASCII (punycode) form.
	Host string
	// Text is the text of an HTML link, whitespace collapsed; "" for
	// URLs found in text.
	Text string
	// Field says where the link was: "text/plain", "text/html" (in the
	// text of an HTML part), "href" (an HTML a or area element),
	// "form action".
	Field string
	// Part is the MIME part, numbered as IMAP does ("1", "2.1"); "" for
	// a message that is not multipart.
	Part string
	// Wrapped is the URL as written when a link-protection service
	// rewrote it (Microsoft Safe Links, Proofpoint URL Defense, Google's
	// redirect); URL and Host are then those of the link's real target.
	Wrapped string
}

// Attachment is a file carried by the message.
type Attachment struct {
	// Name is the file name from Content-Disposition or Content-Type, ""
	// when the part names none.
	Name        string
	ContentType string
	// Size is the length of the decoded content; SHA256 its hash, lower
	// case hex, "" when the content could not be decoded.
	Size   int64
	SHA256 string
	Part   string
}

// AuthResult is one method's result in an Authentication-Results header
// (RFC 8601).
type AuthResult struct {
	// AuthServ is the authserv-id: the server that did the check.
	AuthServ string
	// Method is "spf", "dkim", "dmarc", "arc", …; Result its result in
	// lower case: "pass", "fail", "softfail", "none", "neutral",
	// "temperror", "permerror", "policy".
	Method string
	Result string
	// Reason is the reason= value; Props the ptype.property=value pairs
	// ("header.from" → "campaign2024.com"); Comment the comments,
	// joined.
	Reason  string
	Props   map[string]string
	Comment string
	// Hop is the index of the header, 0 for the topmost: only headers
	// added by the receiving side can be trusted, since a sender may
	// write its own.
	Hop int
}

// Check names a finding's kind.
type Check string

// The checks.
const (
	// ReplyToMismatch: Reply-To sends answers to another registrable
	// domain than From's.
	ReplyToMismatch Check = "reply-to-mismatch"
	// DisplayNameAddress: a display name shows an email address other
	// than the real one ("security@paypal.com" <x@evil.example>).
	DisplayNameAddress Check = "display-name-address"
	// LinkTextMismatch: an HTML link's text shows one domain and its
	// target is another.
	LinkTextMismatch Check = "link-text-mismatch"
	// AuthFailure: SPF, DKIM or DMARC did not pass
	// (fail, softfail, permerror, temperror) in Authentication-Results.
	AuthFailure Check = "auth-failure"
)

// Finding is something in a message worth an analyst's attention.
type Finding struct {
	Check Check
	// Field is where it was: "Reply-To", "From", "href" in part "2",
	// "Authentication-Results".
	Field string
	// Value is what was seen there: an address, a URL, "dmarc=fail".
	Value string
	// Reason says why it matters, for a human.
	Reason string
}

// Limits bound what one message may cost. Zero fields take the default.
type Limits struct {
	// MaxMessageBytes bounds a message as stored (default 64 MiB).
	MaxMessageBytes int64
	// MaxHeaderBytes bounds the header block of the message
	// (default 1 MiB).
	MaxHeaderBytes int64
	// MaxParts bounds the number of MIME parts (default 1000).
	MaxParts int
	// MaxDepth bounds the nesting of multipart bodies (default 20).
	MaxDepth int
}

// Default limits.
const (
	DefaultMaxMessageBytes = 64 << 20
	DefaultMaxHeaderBytes  = 1 << 20
	DefaultMaxParts        = 1000
	DefaultMaxDepth        = 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxMessageBytes <= 0 {
		l.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if l.MaxParts <= 0 {
		l.MaxParts = DefaultMaxParts
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	return l
}

// Errors for messages over a limit, wrapped in a *MessageError.
var (
	ErrTooLarge       = errors.New("message larger than the limit")
	ErrHeaderTooLarge = errors.New("header larger than the limit")
	ErrTooManyParts   = errors.New("more MIME parts than the limit")
	ErrTooDeep        = errors.New("multipart bodies nested deeper than the limit")
)

// MessageError is a message that could not be read. The messages around
// it are read all the same.
type MessageError struct {
	Source string
	Index  int   // 1-based number of the message in Source
	Offset int64 // byte offset where it starts
	Line   int   // line where it starts, 1-based
	Err    error
}

func (e *MessageError) Error() string {
	return fmt.Sprintf("mail: %s: message %d (line %d, byte %d): %v", e.Source, e.Index, e.Line, e.Offset, e.Err)
}

func (e *MessageError) Unwrap() error { return e.Err }
