package ioc

import "strings"

// hive returns the full name of a registry hive written as w ("HKLM",
// "HKEY_LOCAL_MACHINE", any case), or "".
func hive(w string) string {
	if len(w) < 3 || len(w) > 19 || w[0] != 'H' && w[0] != 'h' {
		return ""
	}
	var b [19]byte
	switch string(appendLower(b[:0], w)) {
	case "hklm", "hkey_local_machine":
		return "HKEY_LOCAL_MACHINE"
	case "hkcu", "hkey_current_user":
		return "HKEY_CURRENT_USER"
	case "hkcr", "hkey_classes_root":
		return "HKEY_CLASSES_ROOT"
	case "hku", "hkey_users":
		return "HKEY_USERS"
	case "hkcc", "hkey_current_config":
		return "HKEY_CURRENT_CONFIG"
	}
	return ""
}

// regKey looks for a registry key whose hive is the word run t[st:e]:
// "HKCU\Software\Microsoft\Windows\CurrentVersion\Run", "HKLM:\SOFTWARE\…"
// (PowerShell), "HKLM\\SOFTWARE\\…" (escaped). A key continues across a
// space when the next word holds a backslash ("Windows NT\CurrentVersion").
func (s *scanner) regKey(st, e int) (Match, bool) {
	t := s.t
	n := len(t)
	full := hive(t[st:e])
	if full == "" {
		return Match{}, false
	}
	j := e
	if j < n && t[j] == ':' {
		j++
	}
	if j+1 >= n || t[j] != '\\' {
		return Match{}, false
	}
	rest := j
	// A quoted key ends at its closing quote: "HKLM\…\Real-Time Protection".
	if st > 0 && (t[st-1] == '"' || t[st-1] == '\'') {
		if q := strings.IndexByte(t[rest:min(n, rest+512)], t[st-1]); q > 0 && !strings.ContainsAny(t[rest:rest+q], "\n\r\t\"'`|<>") {
			j = rest + q
			for j > rest && t[j-1] == '\\' {
				j--
			}
			if j == rest {
				return Match{}, false
			}
			return Match{Kind: RegKey, Value: full + collapseBackslashes(t[rest:j]), Start: st, End: j}, true
		}
	}
	paren := 0
loop:
	for j < n {
		c := t[j]
		switch {
		case c == ' ':
			k := j + 1
			for k < n && t[k] != ' ' && t[k] != '\\' && regByte(t[k]) {
				k++
			}
			if k > j+1 && k < n && t[k] == '\\' {
				j = k
				continue
			}
			break loop
		case c == '(':
			paren++
		case c == ')':
			if paren == 0 {
				break loop
			}
			paren--
		case !regByte(c):
			break loop
		}
		j++
	}
	for j > rest && strings.IndexByte("\\.,;:'", t[j-1]) >= 0 {
		j--
	}
	key := t[rest:j]
	if len(strings.Trim(key, "\\")) == 0 {
		return Match{}, false
	}
	return Match{Kind: RegKey, Value: full + collapseBackslashes(key), Start: st, End: j}, true
}

// collapseBackslashes turns each run of backslashes into one, undoing the
// escaping of keys written in code or JSON ("HKLM\\\\Software").
func collapseBackslashes(k string) string {
	if !strings.Contains(k, `\\`) {
		return k
	}
	b := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		if k[i] == '\\' && i > 0 && k[i-1] == '\\' {
			continue
		}
		b = append(b, k[i])
	}
	return string(b)
}

// regByte reports whether c may sit in a registry key path written in
// prose: printable ASCII but quotes, backticks, pipes and angle brackets.
func regByte(c byte) bool {
	return c > ' ' && c < 0x7f && strings.IndexByte("\"'`|<>,;", c) < 0
}
