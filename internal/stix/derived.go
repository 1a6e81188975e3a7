package stix

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"

	"github.com/google/uuid"
)

// DossierNamespace is the UUIDv5 namespace of the ids dossier derives for
// objects it makes from other formats (a MISP galaxy cluster, an entry of
// Microsoft's naming map, an analyst's identity). Deriving them from what
// they stand for makes a repeated conversion produce the same ids, so
// re-ingesting the same input changes nothing. It is not the STIX SCO
// namespace, which the specification reserves for cyber observables.
var DossierNamespace = uuid.MustParse("c5bb2c89-4afd-4a5c-8b06-547161641616")

// DerivedID returns "typ--" followed by the UUIDv5 of key in
// DossierNamespace. key should name what the object stands for and where
// it came from: "misp-galaxy:<galaxy uuid>:<cluster uuid>".
//
// It makes what uuid.NewSHA1(DossierNamespace, key).String() makes, in
// one allocation instead of six: every dossier start derives the ids of
// the 1,900 galaxy clusters and Microsoft names of the knowledge pack.
func DerivedID(typ, key string) string {
	var buf [256]byte // a usual key fits: hashed without an allocation
	sum := sha1.Sum(append(append(buf[:0], DossierNamespace[:]...), key...))
	sum[6] = sum[6]&0x0f | 0x50 // version 5
	sum[8] = sum[8]&0x3f | 0x80 // the RFC 4122 variant
	var u [36]byte
	hex.Encode(u[0:8], sum[0:4])
	u[8] = '-'
	hex.Encode(u[9:13], sum[4:6])
	u[13] = '-'
	hex.Encode(u[14:18], sum[6:8])
	u[18] = '-'
	hex.Encode(u[19:23], sum[8:10])
	u[23] = '-'
	hex.Encode(u[24:], sum[10:16])
	var b strings.Builder
	b.Grow(len(typ) + 2 + len(u))
	b.WriteString(typ)
	b.WriteString("--")
	b.Write(u[:])
	return b.String()
}
