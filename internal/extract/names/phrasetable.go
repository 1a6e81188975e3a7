package names

// phraseEntry maps what analysts write to a technique. text holds the
// variants, separated by "|"; the first is quoted in Mention.How with why.
type phraseEntry struct {
	kind Kind
	id   string
	text string
	why  string
}

// phraseTable is written by hand: the words reports use for techniques
// that ATT&CK and DISARM name otherwise, or name only in capitals. Each
// line says why the phrase means that technique; where no technique is an
// exact fit the closest is named and why says so. An id the pack does not
// hold is dropped when the Recognizer is built.
var phraseTable = []phraseEntry{
	// Initial access.
	{Technique, "T1566", "phishing|phishing email|phishing emails|phishing campaign|phishing messages|phishing lure|phishing lures", "ATT&CK's Phishing"},
	{Technique, "T1566", "spearphishing|spear-phishing|spear phishing|spearphishing email|spear-phishing email|spear phishing email|spearphishing campaign|spear-phishing campaign", "ATT&CK files spearphishing under Phishing; the sub-technique depends on the lure"},
	{Technique, "T1566.001", "spearphishing attachment|spear-phishing attachment|spear phishing attachment|malicious attachment|weaponized attachment|weaponised attachment|malicious attachments", "a phishing email carrying the payload: Spearphishing Attachment"},
	{Technique, "T1566.002", "spearphishing link|spear-phishing link|spear phishing link|phishing link|malicious link|malicious links|phishing links", "a phishing email carrying a link: Spearphishing Link"},
	{Technique, "T1566.003", "spearphishing via service|phishing via social media|messages on linkedin|linkedin messages", "phishing through a third-party service: Spearphishing via Service"},
	{Technique, "T1566.004", "spearphishing voice|voice phishing|vishing|callback phishing", "phishing by telephone: Spearphishing Voice"},
	{Technique, "T1566", "social engineering|socially engineered|social-engineering", "ATT&CK has no technique of that name; Phishing is the closest, and ATT&CK calls phishing social engineering"},
	{Technique, "T1598", "credential phishing|credential harvesting|credential-harvesting|credential harvesting page|phishing for credentials|phishing for information", "phishing to collect credentials or information: Phishing for Information"},
	{Technique, "T1189", "watering hole|watering-hole|watering hole attack|strategic web compromise|drive-by download|drive-by compromise|drive by download", "compromising a site the targets visit: Drive-by Compromise"},
	{Technique, "T1195", "supply chain attack|supply-chain attack|supply chain compromise|supply-chain compromise|software supply chain", "ATT&CK's Supply Chain Compromise"},
	{Technique, "T1190", "exploited public-facing|exploitation of public-facing|exploiting internet-facing|exploited internet-facing|exploit public-facing", "ATT&CK's Exploit Public-Facing Application"},
	{Technique, "T1133", "exposed remote services|external remote services", "ATT&CK's External Remote Services"},
	{Technique, "T1078", "compromised credentials|stolen credentials|legitimate credentials|compromised accounts", "logging in with others' credentials: Valid Accounts"},
	{Technique, "T1199", "trusted relationship|trusted third party|managed service provider", "access through a trusted party: Trusted Relationship"},
	// Credential access.
	{Technique, "T1110", "brute force|brute-force|brute forcing|brute-forcing|bruteforce|brute-force attack|brute force attack", "ATT&CK's Brute Force"},
	{Technique, "T1110.001", "password guessing", "ATT&CK's Password Guessing"},
	{Technique, "T1110.002", "password cracking", "ATT&CK's Password Cracking"},
	{Technique, "T1110.003", "password spraying|password spray|password-spraying|password-spray|password spray attack|password spraying attack", "ATT&CK's Password Spraying"},
	{Technique, "T1110.004", "credential stuffing|credential-stuffing", "ATT&CK's Credential Stuffing"},
	{Technique, "T1621", "mfa fatigue|mfa bombing|mfa spamming|push bombing|push notification spam|multi-factor authentication fatigue|mfa prompt bombing", "flooding the victim with MFA prompts: Multi-Factor Authentication Request Generation"},
	{Technique, "T1111", "mfa interception|intercepted one-time codes|one-time password interception", "ATT&CK's Multi-Factor Authentication Interception"},
	{Technique, "T1557", "adversary-in-the-middle|adversary in the middle|man-in-the-middle|man in the middle|aitm phishing", "ATT&CK's Adversary-in-the-Middle"},
	{Technique, "T1003", "credential dumping|dumped credentials|dumping credentials|os credential dumping", "ATT&CK's OS Credential Dumping"},
	{Technique, "T1003.001", "lsass memory|dumping lsass|lsass dump|dumped lsass", "ATT&CK's LSASS Memory"},
	{Technique, "T1003.006", "dcsync", "ATT&CK's DCSync"},
	{Technique, "T1550.002", "pass the hash|pass-the-hash", "ATT&CK's Pass the Hash"},
	{Technique, "T1550.003", "pass the ticket|pass-the-ticket", "ATT&CK's Pass the Ticket"},
	{Technique, "T1558.001", "golden ticket|golden tickets", "ATT&CK's Golden Ticket"},
	{Technique, "T1558.002", "silver ticket|silver tickets", "ATT&CK's Silver Ticket"},
	{Technique, "T1558.003", "kerberoasting|kerberoast", "ATT&CK's Kerberoasting"},
	{Technique, "T1056.001", "keylogging|keystroke logging|logged keystrokes|captured keystrokes", "ATT&CK's Keylogging"},
	{Technique, "T1539", "session cookie theft|stole session cookies|stealing session cookies|steal web session cookie", "ATT&CK's Steal Web Session Cookie"},
	{Technique, "T1451", "sim swapping|sim swap|sim-swapping|sim-swap|sim card swap", "ATT&CK's SIM Card Swap"},
	// Execution, persistence, evasion.
	{Technique, "T1059.001", "powershell|powershell script|powershell scripts|powershell commands", "ATT&CK's PowerShell"},
	{Technique, "T1059.003", "windows command shell|cmd.exe", "ATT&CK's Windows Command Shell"},
	{Technique, "T1059.005", "visual basic|vbscript|vba macro|vba macros", "ATT&CK's Visual Basic"},
	{Technique, "T1204.002", "malicious file|malicious files|malicious document|malicious documents|malicious pdf|malicious pdfs|malicious pdf document|malicious pdf documents|maldoc|maldocs|weaponized document|weaponised document|enable macros|enabling macros|macro-enabled document|malicious macro|malicious macros", "the victim opening a malicious file: User Execution: Malicious File"},
	{Technique, "T1053.005", "scheduled task|scheduled tasks|schtasks", "ATT&CK's Scheduled Task"},
	{Technique, "T1053.003", "cron job|cron jobs|crontab", "ATT&CK's Cron"},
	{Technique, "T1547.001", "run key|run keys|registry run key|registry run keys|startup folder", "ATT&CK's Registry Run Keys / Startup Folder"},
	{Technique, "T1505.003", "web shell|web shells|webshell|webshells", "ATT&CK's Web Shell"},
	{Technique, "T1055", "process injection|code injection|injected code|injects code", "ATT&CK's Process Injection"},
	{Technique, "T1055.012", "process hollowing", "ATT&CK's Process Hollowing"},
	{Technique, "T1574.001", "dll side-loading|dll sideloading|dll side loading|side-loading|sideloading|dll hijacking|dll search order hijacking|search order hijacking", "ATT&CK merged DLL Side-Loading and Search Order Hijacking into Hijack Execution Flow: DLL"},
	{Technique, "T1036", "masquerading|masqueraded as|masquerades as|masquerading as", "ATT&CK's Masquerading"},
	{Technique, "T1027", "obfuscation|obfuscated code|obfuscated payload|obfuscated scripts", "ATT&CK's Obfuscated Files or Information"},
	{Technique, "T1027.003", "steganography", "ATT&CK's Steganography (under Obfuscated Files or Information)"},
	{Technique, "T1070.006", "timestomping|timestomp|time stomping", "ATT&CK's Timestomp"},
	{Technique, "T1070.001", "cleared event logs|clearing event logs|clear windows event logs|wiped event logs", "ATT&CK's Clear Windows Event Logs"},
	{Technique, "T1562.001", "disabled antivirus|disabling antivirus|disable security tools|disabled security tools|disabling security tools", "ATT&CK's Disable or Modify Tools"},
	{Technique, "T1014", "rootkit|rootkits", "ATT&CK's Rootkit"},
	{Technique, "T1542.003", "bootkit|bootkits", "ATT&CK's Bootkit"},
	// Command and control, exfiltration.
	{Technique, "T1071.001", "http beacon|http beacons|https beaconing|http c2|https c2", "C2 over HTTP(S): Application Layer Protocol: Web Protocols"},
	{Technique, "T1071.004", "dns tunneling|dns tunnelling|dns c2", "C2 over DNS: Application Layer Protocol: DNS"},
	{Technique, "T1090.003", "multi-hop proxy|tor network|residential proxies|residential proxy", "relaying through chains of proxies: Proxy: Multi-hop Proxy"},
	{Technique, "T1105", "ingress tool transfer|downloaded additional tools|download additional payloads", "ATT&CK's Ingress Tool Transfer"},
	{Technique, "T1219", "remote access software|remote access tools|remote monitoring and management|rmm tools|rmm software", "ATT&CK's Remote Access Tools"},
	{Technique, "T1041", "exfiltration over c2|exfiltrated over the c2 channel", "ATT&CK's Exfiltration Over C2 Channel"},
	{Technique, "T1567.002", "exfiltration to cloud storage|exfiltrated to cloud storage", "ATT&CK's Exfiltration to Cloud Storage"},
	{Technique, "T1114", "email collection|mailbox access|accessed mailboxes|copy mailboxes|copied mailboxes", "ATT&CK's Email Collection"},
	{Technique, "T1114.002", "remote email collection|accessed exchange mailboxes", "ATT&CK's Remote Email Collection"},
	{Technique, "T1113", "screen capture|screenshots|screen captures|took screenshots|taking screenshots", "ATT&CK's Screen Capture"},
	// Impact.
	{Technique, "T1486", "data encrypted for impact|encrypted files for ransom|encrypts files for ransom|ransomware attack|ransomware attacks", "ransomware's encryption: Data Encrypted for Impact"},
	{Technique, "T1498", "ddos|ddos attack|ddos attacks|distributed denial of service|distributed denial-of-service|network denial of service|denial-of-service attack|denial of service attack", "ATT&CK's Network Denial of Service"},
	{Technique, "T1491", "defacement|defacements|defaced|website defacement|web defacement", "ATT&CK's Defacement"},
	{Technique, "T1491.002", "external defacement", "ATT&CK's External Defacement"},
	{Technique, "T1561", "disk wipe|disk wiping|wiped disks|wiper attack|wiper attacks", "ATT&CK's Disk Wipe"},
	{Technique, "T1485", "data destruction|destroyed data", "ATT&CK's Data Destruction"},
	{Technique, "T1657", "financial theft|extortion", "ATT&CK's Financial Theft (extortion is one of its forms)"},
	// Resource development and reconnaissance.
	{Technique, "T1583.001", "lookalike domain|lookalike domains|look-alike domain|look-alike domains|typosquatting|typosquatted|typo-squatting|typosquat domains|homoglyph domains|spoofed domains", "registering domains like the victim's is Acquire Infrastructure: Domains"},
	{Technique, "T1583.008", "malvertising", "ATT&CK's Malvertising"},
	{Technique, "T1608.006", "seo poisoning|search engine poisoning", "ATT&CK's SEO Poisoning"},
	{Technique, "T1585.001", "fake social media accounts|fake social media profiles|fake linkedin profiles|fake profiles", "creating personas' accounts is Establish Accounts: Social Media Accounts"},
	{Technique, "T1585", "fake personas|fictitious personas|fake persona|fictitious persona", "establishing personas to approach targets: Establish Accounts"},
	{Technique, "T1585", "fake accounts|fake account|inauthentic accounts|inauthentic account", "accounts made for the operation, on a platform the text may not name: Establish Accounts"},
	{Technique, "T1656", "impersonation|business email compromise", "ATT&CK's Impersonation, which names business email compromise among its forms"},
	{Technique, "T1595", "active scanning|scanned for vulnerable|scanning for vulnerable|vulnerability scanning", "ATT&CK's Active Scanning"},
	{Technique, "T1589", "gather victim identity information", "ATT&CK's Gather Victim Identity Information"},
	// Influence operations: DISARM.
	{DISARM, "T0089", "hack-and-leak|hack and leak|hack-and-leak operation|hack-and-leak operations|leaked stolen documents|leak stolen documents|leaked stolen emails", "leaking stolen material starts with Obtain Private Documents; DISARM has no single technique for the leak"},
	{DISARM, "T0098", "fake news sites|fake news websites|covert news sites|covert news websites|inauthentic news sites|inauthentic news websites|fake news outlets|inauthentic news outlets|sham news sites|fake media outlets", "DISARM's Establish Inauthentic News Sites"},
	{DISARM, "T0097.202", "impersonate existing media|impersonating existing media|impersonated existing media|impersonate news outlets|impersonating news outlets|impersonated news outlets|impersonating media outlets|impersonated media outlets|spoofed news outlets|spoofed news sites", "presenting as a news outlet: News Outlet Persona"},
	{DISARM, "T0097.102", "impersonating journalists|impersonated journalists|posing as journalists|posed as journalists|fake journalists", "presenting as a journalist: Journalist Persona"},
	{DISARM, "T0143.002", "sock puppet|sock puppets|sockpuppet|sockpuppets|sockpuppet accounts|sock puppet accounts|fabricated personas|fabricated persona", "personas with no real person behind them: Fabricated Persona"},
	{DISARM, "T0091.003", "troll farm|troll farms|troll accounts|troll factory", "DISARM's Enlist Troll Accounts"},
	{DISARM, "T0146.007", "bot accounts|automated accounts|botnet accounts", "DISARM's Automated Account Asset"},
	{DISARM, "T0049.003", "bot networks amplify|bots amplify|amplified by bots|bot amplification", "DISARM's Bots Amplify via Automated Forwarding and Reposting"},
	{DISARM, "T0048.004", "doxxing|doxing|doxxed|doxed", "DISARM's Dox"},
	{DISARM, "T0086.002", "deepfake|deepfakes|deepfake image|deepfake images|deep fake|deep fakes|ai-generated images|ai-generated image|ai-generated profile pictures", "DISARM files deepfakes under images, video and audio; images unless the text says otherwise"},
	{DISARM, "T0087.001", "deepfake video|deepfake videos|ai-generated video|ai-generated videos", "DISARM's Develop AI-Generated Videos (Deepfakes)"},
	{DISARM, "T0088.001", "deepfake audio|voice clone|cloned voice|ai-generated audio", "DISARM's Develop AI-Generated Audio (Deepfakes)"},
	{DISARM, "T0085.001", "ai-generated text|ai-generated articles|ai-generated content|llm-generated content|generated by ai", "DISARM's Develop AI-Generated Text"},
	{DISARM, "T0049.002", "hashtag hijacking|hijacked hashtags|hijacking hashtags|flood existing hashtags", "DISARM's Flood Existing Hashtag"},
	{DISARM, "T0018", "targeted advertising|targeted ads|paid advertisements|political ads|purchased ads|bought ads", "DISARM's Purchase Targeted Advertisements"},
	{DISARM, "T0046", "search engine optimization|search engine optimisation", "DISARM's Use Search Engine Optimisation"},
	{DISARM, "T0135.001", "smear campaign|smear campaigns|smearing", "DISARM's Smear"},
	{DISARM, "T0016", "clickbait", "DISARM's Create Clickbait"},
	{DISARM, "T0084.001", "copypasta", "DISARM's Use Copypasta"},
	{DISARM, "T0086.001", "created memes|create memes|creating memes|develop memes|developed memes", "DISARM's Develop Memes"},
	{DISARM, "T0115.001", "shared memes|sharing memes|share memes", "DISARM's Share Memes"},
	{DISARM, "T0022", "conspiracy theories|conspiracy theory|conspiracy narratives", "DISARM's Leverage Conspiracy Theory Narratives"},
	{DISARM, "T0119", "cross-posting|cross-posted|crossposting", "DISARM's Cross-Posting"},
	{DISARM, "T0049", "flooding the information space|flood the information space|astroturfing|astroturf", "drowning out other voices: Flood Information Space"},
}
