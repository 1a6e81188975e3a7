package scan

import (
	"encoding/json"
	"strconv"
)

// The kinds of alerts.
const (
	KindIndicator = "indicator" // a value matched an active indicator
	KindLookalike = "lookalike" // a domain imitates a protected one
	KindMail      = "mail"      // an email check failed
	KindSpray     = "spray"     // password spraying in a sign-in log
)

// Alert is one finding: one per event and reason.
type Alert struct {
	Source string `json:"source"`         // the file as named, "-" for standard input
	Line   Where  `json:"line"`           // the line number, or a message's Message-ID
	Field  string `json:"field"`          // where in the line the value was read
	Value  string `json:"value"`          // what was seen there
	Kind   string `json:"kind"`           // indicator, lookalike, mail or spray
	Time   string `json:"time,omitempty"` // when the log or message says it happened (RFC 3339)

	Indicator *IndicatorRef `json:"indicator,omitempty"`
	Matched   string        `json:"matched,omitempty"` // the indicator's value that matched (a parent domain, a CIDR block)
	How       string        `json:"how,omitempty"`     // exact, parent, cidr, host-of-url, ...
	Protected string        `json:"protected,omitempty"`
	Trick     string        `json:"trick,omitempty"`
	Check     string        `json:"check,omitempty"` // for mail: which check (reply-to-mismatch, auth-failure, ...)
	Reason    string        `json:"reason"`

	Actor    *Named   `json:"actor,omitempty"`
	Actors   []*Named `json:"other_actors,omitempty"` // when the evidence names several
	Campaign *Named   `json:"campaign,omitempty"`
	Malware  *Named   `json:"malware,omitempty"`
	Report   *Named   `json:"report,omitempty"`
	Labels   []string `json:"labels,omitempty"` // the indicator's labels (families, tags)
}

// Where is a line number or, for mail, a Message-ID.
type Where struct {
	N  int64
	ID string
}

// MarshalJSON writes the number, or the Message-ID as a string.
func (w Where) MarshalJSON() ([]byte, error) {
	if w.ID != "" {
		return json.Marshal(w.ID)
	}
	return strconv.AppendInt(nil, w.N, 10), nil
}

func (w Where) String() string {
	if w.ID != "" {
		return w.ID
	}
	return strconv.FormatInt(w.N, 10)
}

// IndicatorRef names the indicator an alert is about.
type IndicatorRef struct {
	ID      string `json:"id"`
	Pattern string `json:"pattern"`
	Name    string `json:"name,omitempty"`
}

// Named is an object of the knowledge base: its id and name. AsNamed is
// the name the evidence used when the canonical name differs.
type Named struct {
	ID      string `json:"id,omitempty"`
	Name    string `json:"name"`
	AsNamed string `json:"as_named,omitempty"`
}
