package warninglists

import (
	"testing"
)

// BenchmarkLoad opens the embedded tables, checking them, and adds what
// Check needs of the lists: what the first Check pays.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(listsBin); err != nil {
			b.Fatal(err)
		}
	}
}

func benchCheck(b *testing.B, kind string, values ...string) {
	tables()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Check(kind, values[i%len(values)])
		i++
	}
}

// BenchmarkCheckDomain checks names of three to four labels, on lists
// and not.
func BenchmarkCheckDomain(b *testing.B) {
	benchCheck(b, "domain", "campaignnews.ddns.net", "mail.google.com", "login-verify-account.com", "a.b.tikvaodesa.com")
}

// BenchmarkCheckIPv4 checks addresses in the interval table, on lists
// and not.
func BenchmarkCheckIPv4(b *testing.B) {
	benchCheck(b, "ipv4", "8.8.8.8", "45.141.152.19", "10.1.2.3", "104.16.1.1")
}

func BenchmarkCheckIPv6(b *testing.B) {
	benchCheck(b, "ipv6", "2001:db8::1", "2a03:2880:f12f:83:face:b00c:0:25de")
}

func BenchmarkCheckSHA256(b *testing.B) {
	benchCheck(b, "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "b7cc07bfc41e61a89e961dd5826fa2b4d47a85a5b5856d50f9a57667199635b3")
}
