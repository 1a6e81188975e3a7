// Package mail reads email (EML files, MBOX files, folders of them) for
// the scanner: for each message, the addresses of From, Sender, Reply-To
// and Return-Path with their domains, the relay IP addresses of the
// Received headers, the Message-ID's domain, the URLs of its text and HTML
// parts, its attachments' names and SHA-256, and its
// Authentication-Results; each with the field or MIME part it came from.
//
// MIME is read with github.com/emersion/go-message, which decodes
// transfer encodings, RFC 2047 encoded words and every charset of
// golang.org/x/text. URLs in text are found by the indicator scanner
// (internal/extract/ioc), defanged ones included; URLs whose host is
// written in Unicode are found first and their host turned to punycode,
// since the scanner reads names in punycode only. HTML is tokenised with
// golang.org/x/net/html: the targets of a and area elements with their
// text, form actions, and URLs written in the visible text (not in
// scripts or styles).
//
// The checks, each a Finding with its field, value and reason:
//
//   - ReplyToMismatch: a Reply-To under another registrable domain than
//     every From address;
//   - DisplayNameAddress: a display name that shows another email address
//     than the mailbox's;
//   - LinkTextMismatch: an HTML link whose text shows a host under another
//     registrable domain than its target's (link text that is words, not
//     a host, is not compared);
//   - AuthFailure: spf, dkim or dmarc with fail, softfail (SPF),
//     permerror or temperror in an Authentication-Results header (RFC
//     8601); none and neutral are absences, not failures. Only headers that
//     the receiving side added can be trusted: the reason says when a
//     result comes from a header below the topmost.
//
// Indicator matching (addresses, hosts, relay IPs, URLs and hashes against
// the store) and look-alike domains are the scanner's, which takes them
// from Message.
//
// Reading is bounded: Limits caps a message's size, its header, its MIME
// parts and their nesting. An MBOX is streamed, one message in memory at a
// time. A message that is malformed or over a limit is reported as a
// *MessageError with the file, the message's number, line and byte offset,
// and the messages after it are read all the same; a part that cannot be
// decoded is noted in Message.Problems and the rest of the message kept.
package mail
