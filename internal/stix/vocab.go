package stix

import "strings"

// Vocabulary is one STIX vocabulary: an open vocabulary (name ending in
// "-ov"), whose values are suggestions, or an enumeration (name ending in
// "-enum"), outside which no value is allowed (section 10).
type Vocabulary struct {
	Name   string
	Open   bool
	Values []string // in the specification's order

	set map[string]struct{}
}

// Has reports whether value is one of the vocabulary's values. Comparison
// is exact: STIX literals are case-sensitive.
func (v *Vocabulary) Has(value string) bool {
	_, ok := v.set[value]
	return ok
}

// Vocabularies holds every vocabulary of section 10 of STIX 2.1 (Errata
// 01), the enumerations used inside object definitions, and three that
// dossier names because the specification lists their values without naming
// them: marking-definition-type-ov (definition_type, section 7.2.1),
// tlp-1.0-enum (the tlp values of the four TLP 1.0 marking definitions,
// section 7.2.1.4) and tlp-2.0-enum (the tlp_2_0 values of the OASIS TLP 2.0
// extension). It must not be modified.
var Vocabularies = buildVocabularies()

func buildVocabularies() map[string]*Vocabulary {
	list := []struct {
		name   string
		values string
	}{
		// 10.1
		{"account-type-ov", "facebook ldap nis openid radius skype tacacs twitter unix windows-local windows-domain"},
		// 10.2
		{"attack-motivation-ov", "accidental coercion dominance ideology notoriety organizational-gain personal-gain personal-satisfaction revenge unpredictable"},
		// 10.3
		{"attack-resource-level-ov", "individual club contest team organization government"},
		// 10.4
		{"encryption-algorithm-enum", "AES-256-GCM ChaCha20-Poly1305 mime-type-indicated"},
		// 10.5
		{"extension-type-enum", "new-sdo new-sco new-sro property-extension toplevel-property-extension"},
		// 10.6
		{"grouping-context-ov", "suspicious-activity malware-analysis unspecified"},
		// 10.7
		{"hash-algorithm-ov", "MD5 SHA-1 SHA-256 SHA-512 SHA3-256 SHA3-512 SSDEEP TLSH"},
		// 10.8
		{"identity-class-ov", "individual group system organization class unknown"},
		// 10.9 (rust added by Errata 01)
		{"implementation-language-ov", "applescript bash c c++ c# go java javascript lua objective-c perl php powershell python ruby rust scala swift typescript visual-basic x86-32 x86-64"},
		// 10.10
		{"indicator-type-ov", "anomalous-activity anonymization benign compromised malicious-activity attribution unknown"},
		// 10.11 (legal added by Errata 01)
		{"industry-sector-ov", "agriculture aerospace automotive chemical commercial communications construction defense education energy entertainment financial-services government emergency-services government-local government-national government-public-services government-regional healthcare hospitality-leisure infrastructure dams nuclear water insurance legal manufacturing mining non-profit pharmaceuticals retail technology telecommunications transportation utilities"},
		// 10.12 (control-system, firewall, routers-switches and
		// workstation restored to the summary by Errata 01)
		{"infrastructure-type-ov", "amplification anonymization botnet command-and-control control-system exfiltration firewall hosting-malware hosting-target-lists phishing reconnaissance routers-switches staging workstation unknown"},
		// 10.13
		{"malware-capabilities-ov", "accesses-remote-machines anti-debugging anti-disassembly anti-emulation anti-memory-forensics anti-sandbox anti-vm captures-input-peripherals captures-output-peripherals captures-system-state-data cleans-traces-of-infection commits-fraud communicates-with-c2 compromises-data-availability compromises-data-integrity compromises-system-availability controls-local-machine degrades-security-software degrades-system-updates determines-c2-server emails-spam escalates-privileges evades-av exfiltrates-data fingerprints-host hides-artifacts hides-executing-code infects-files infects-remote-machines installs-other-components persists-after-system-reboot prevents-artifact-access prevents-artifact-deletion probes-network-environment self-modifies steals-authentication-credentials violates-system-operational-integrity"},
		// 10.14
		{"malware-result-ov", "malicious suspicious benign unknown"},
		// 10.15
		{"malware-type-ov", "adware backdoor bot bootkit ddos downloader dropper exploit-kit keylogger ransomware remote-access-trojan resource-exploitation rogue-security-software rootkit screen-capture spyware trojan unknown virus webshell wiper worm"},
		// 10.16
		{"network-socket-address-family-enum", "AF_UNSPEC AF_INET AF_IPX AF_APPLETALK AF_NETBIOS AF_INET6 AF_IRDA AF_BTH"},
		// 10.17 (the summary row's "AF_ISOCK_DGRAMNET" is a typo for
		// SOCK_DGRAM, which the value table lists)
		{"network-socket-type-enum", "SOCK_STREAM SOCK_DGRAM SOCK_RAW SOCK_RDM SOCK_SEQPACKET"},
		// 10.18
		{"opinion-enum", "strongly-disagree disagree neutral agree strongly-agree"},
		// 10.19
		{"pattern-type-ov", "stix pcre sigma snort suricata yara"},
		// 10.20
		{"processor-architecture-ov", "alpha arm ia-64 mips powerpc sparc x86 x86-64"},
		// 10.21
		{"region-ov", "africa eastern-africa middle-africa northern-africa southern-africa western-africa americas caribbean central-america latin-america-caribbean northern-america south-america asia central-asia eastern-asia southern-asia south-eastern-asia western-asia europe eastern-europe northern-europe southern-europe western-europe oceania antarctica australia-new-zealand melanesia micronesia polynesia"},
		// 10.22 (incident added by Errata 01)
		{"report-type-ov", "attack-pattern campaign identity incident indicator intrusion-set malware observed-data threat-actor threat-report tool vulnerability"},
		// 10.23 (private-sector added by Errata 01)
		{"threat-actor-type-ov", "activist competitor crime-syndicate criminal hacker insider-accidental insider-disgruntled nation-state private-sector sensationalist spy terrorist unknown"},
		// 10.24
		{"threat-actor-role-ov", "agent director independent infrastructure-architect infrastructure-operator malware-author sponsor"},
		// 10.25
		{"threat-actor-sophistication-ov", "none minimal intermediate advanced expert innovator strategic"},
		// 10.26
		{"tool-type-ov", "denial-of-service exploitation information-gathering network-capture credential-exploitation remote-access vulnerability-scanning unknown"},
		// 10.27
		{"windows-integrity-level-enum", "low medium high system"},
		// 10.28
		{"windows-pebinary-type-ov", "dll exe sys"},
		// 10.29
		{"windows-registry-datatype-enum", "REG_NONE REG_SZ REG_EXPAND_SZ REG_BINARY REG_DWORD REG_DWORD_BIG_ENDIAN REG_DWORD_LITTLE_ENDIAN REG_LINK REG_MULTI_SZ REG_RESOURCE_LIST REG_FULL_RESOURCE_DESCRIPTION REG_RESOURCE_REQUIREMENTS_LIST REG_QWORD REG_INVALID_TYPE"},
		// 10.30
		{"windows-service-start-type-enum", "SERVICE_AUTO_START SERVICE_BOOT_START SERVICE_DEMAND_START SERVICE_DISABLED SERVICE_SYSTEM_ALERT"},
		// 10.31
		{"windows-service-type-enum", "SERVICE_KERNEL_DRIVER SERVICE_FILE_SYSTEM_DRIVER SERVICE_WIN32_OWN_PROCESS SERVICE_WIN32_SHARE_PROCESS"},
		// 10.32
		{"windows-service-status-enum", "SERVICE_CONTINUE_PENDING SERVICE_PAUSE_PENDING SERVICE_PAUSED SERVICE_RUNNING SERVICE_START_PENDING SERVICE_STOP_PENDING SERVICE_STOPPED"},
		// 7.2.1: definition_type SHOULD be statement or tlp.
		{"marking-definition-type-ov", "statement tlp"},
		// 7.2.1.4: the only TLP 1.0 levels; other tlp markings MUST NOT be
		// created.
		{"tlp-1.0-enum", "white green amber red"},
		// OASIS TLP 2.0 extension (extension-definition--60a3c5c5-...).
		{"tlp-2.0-enum", "clear green amber amber+strict red"},
	}
	m := make(map[string]*Vocabulary, len(list))
	for _, l := range list {
		v := &Vocabulary{Name: l.name, Open: strings.HasSuffix(l.name, "-ov"), Values: strings.Fields(l.values)}
		v.set = make(map[string]struct{}, len(v.Values))
		for _, s := range v.Values {
			v.set[s] = struct{}{}
		}
		m[l.name] = v
	}
	return m
}

// InVocab reports whether value is one of the values the vocabulary name
// lists. It is false for a vocabulary that does not exist. For an open
// vocabulary a false result is not an error: any string is allowed.
func InVocab(name, value string) bool {
	v := Vocabularies[name]
	return v != nil && v.Has(value)
}

// VocabIsOpen reports whether the vocabulary name is open (an "-ov"
// vocabulary, which accepts any string). It is false for an enumeration
// and for a vocabulary that does not exist.
func VocabIsOpen(name string) bool {
	v := Vocabularies[name]
	return v != nil && v.Open
}

// VocabValues returns the values of the vocabulary name in the
// specification's order, or nil when it does not exist. The caller must not
// modify the result.
func VocabValues(name string) []string {
	if v := Vocabularies[name]; v != nil {
		return v.Values
	}
	return nil
}
