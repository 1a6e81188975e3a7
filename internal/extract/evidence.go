package extract

import (
	"strconv"

	"github.com/dossier-cti/dossier/internal/stix"
)

// The objects dossier publishes so that others can read its evidence: its
// own identity and the extension definition of the evidence it carries.
// Their content is fixed (dates included), so every bundle and every store
// holds the same version.
const (
	// DossierIdentityID is the identity of dossier itself, the creator of
	// its extension definitions.
	DossierIdentityID = "identity--ac2e65d8-ff32-4a62-ab39-d554da44e95b"
	// EvidenceExtensionID is the extension definition of dossier's
	// evidence: on a report, its text and the mentions of every object it
	// refers to; on a claim (a relationship, an opinion, an indicator that
	// dossier made from a report), the places in reports that support it.
	EvidenceExtensionID = "extension-definition--272b82e4-1fba-4f6a-b8d3-a6416924157d"
)

// WalletExtensionID is the extension definition of the
// cryptocurrency-wallet observable (a new SCO type, as OpenCTI publishes
// one): a wallet address in "value".
const WalletExtensionID = "extension-definition--dd796528-6205-47d7-8250-0354bb047a93"

const fixedDate = "2026-11-26T00:00:00.000Z"

// evidenceModified is when the evidence extension's definition last
// changed: version 1.1 added a report's dates and warnings and a mention's note. A
// change of its content needs a later time here, or stores holding the
// older version would see two contents for one version.
const evidenceModified = "2026-11-26T12:00:00.000Z"

const dossierIdentityJSON = `{"type":"identity","spec_version":"2.1","id":"` + DossierIdentityID + `","created":"` + fixedDate + `","modified":"` + fixedDate + `","name":"dossier","description":"dossier, the open-source threat-intelligence platform that extracted these objects from reports.","identity_class":"system"}`

const evidenceSchema = `dossier evidence (property extension, version 1.1).
On a report: "text" (string), the report's text as dossier read it; "format" (string): text, markdown, html or pdf; "warnings" (list of strings, optional): what the reader cut or could not read, so that a partial text is known to be partial ("the PDF has 5000 pages: read the first 2000"); "dates" (list, optional): the calendar dates the text names, each {"value": the date in ISO 8601, "2024-08-19", or a month, "2024-06", "offset", "length", "quote"}; "mentions" (list): each {"object_ref": the id of the object mentioned, "offset": the mention's first character, "length": its length, both counting Unicode code points into "text", "quote": the whole sentence the mention stands in, as it stands in the text, "note" (optional): why an observable is not an indicator ("benign: ...")}.
On a claim (relationship, opinion, indicator, sighting made from a report): "evidence" (list): each {"report_ref": the report, "offset", "length" (code points into the report's text, delimiting the words that make the claim), "quote": the whole sentence}; "claimant" (string, optional): who makes the claim as the text says it ("a spokesperson", "U.S. intelligence agencies"); "hedge" (string, optional): the words that set the confidence ("assess with high confidence").`

var evidenceExtensionJSON = `{"type":"extension-definition","spec_version":"2.1","id":"` + EvidenceExtensionID + `","created_by_ref":"` + DossierIdentityID + `","created":"` + fixedDate + `","modified":"` + evidenceModified + `","name":"dossier evidence","description":"Where in which report each extracted object is mentioned and each claim is made: offsets, lengths and the quoted sentence.","schema":` + quoteJSON(evidenceSchema) + `,"version":"1.1","extension_types":["property-extension"]}`

func quoteJSON(s string) string {
	v := stix.StringValue(s)
	return string(v.AppendJSON(nil))
}

// DossierIdentity returns dossier's own identity object.
func DossierIdentity() *stix.Object { return stix.NewObjectFromJSON(dossierIdentityJSON) }

// EvidenceExtension returns the extension definition of dossier's
// evidence.
func EvidenceExtension() *stix.Object { return stix.NewObjectFromJSON(evidenceExtensionJSON) }

// Evidence is one place in a report that supports a claim.
type Evidence struct {
	ReportRef string `json:"report_ref"`
	Offset    int    `json:"offset"` // code points into the report's text
	Length    int    `json:"length"` // code points
	Quote     string `json:"quote"`  // the whole sentence, as it stands in the text
}

// value encodes an evidence item as a STIX value.
func (e Evidence) value() stix.Value {
	return stix.Value{Kind: stix.KindObject, Members: []stix.Member{
		{Name: "report_ref", Value: stix.StringValue(e.ReportRef)},
		{Name: "offset", Value: intValue(e.Offset)},
		{Name: "length", Value: intValue(e.Length)},
		{Name: "quote", Value: stix.StringValue(e.Quote)},
	}}
}

func intValue(n int) stix.Value {
	return stix.Value{Kind: stix.KindNumber, Str: strconv.Itoa(n)}
}

var walletExtensionJSON = `{"type":"extension-definition","spec_version":"2.1","id":"` + WalletExtensionID + `","created_by_ref":"` + DossierIdentityID + `","created":"` + fixedDate + `","modified":"` + fixedDate + `","name":"cryptocurrency-wallet","description":"A cryptocurrency wallet: an address on a blockchain (Bitcoin, Ethereum), a cyber observable that STIX 2.1 does not define.","schema":` + quoteJSON(`cryptocurrency-wallet (new SCO, version 1.0): "value" (string, required, the address as written: base58 or bech32 for Bitcoin, 0x and 40 hexadecimal digits for Ethereum); the id is a UUIDv5 in the STIX SCO namespace over {"value": ...}, as for other SCOs.`) + `,"version":"1.1","extension_types":["new-sco"]}`

// WalletExtension returns the extension definition of the
// cryptocurrency-wallet observable.
func WalletExtension() *stix.Object { return stix.NewObjectFromJSON(walletExtensionJSON) }
