package stix

import "github.com/google/uuid"

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
func DerivedID(typ, key string) string {
	return typ + "--" + uuid.NewSHA1(DossierNamespace, []byte(key)).String()
}
