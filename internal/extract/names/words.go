package names

import "strings"

// Word lists written by hand. ctiWords (generated) says which words the
// prose of threat intelligence writes in lower case; englishWords adds the
// English words that the prose corpus is too small or too technical to
// show in lower case but that actor and software names borrow (every word
// here is a token of some name in the knowledge pack: "Equation", "Tick",
// "Snake", "Venom", "Machete", "Mercury").
const englishWords = `
academy agenda aged alley alloy alpha amethyst anchor anger angry animal ant antique apollo apostle aqua
aquatic arcane armageddon armor armored army artemis atlas aurora avenger avengers axiom bamboo bandits
bang banished bared basalt basin battalion beanie bearded beetle berry berserk biscuit bitter blade bleak
bleeding blind blink blizzard blossom boss bottle boulder bouncing brass brave bread briar brocade bronze
brown buffalo bureau burgundy burlap butler butterfly cabin cactus cadet calcium canary candor cannon canopy
canvas caramel carbon cardinal carp cartel castle caterpillar cavalry cavern cedar centaur chameleon chaos
charcoal charger charming chatty checkered cherry chickens chimera chlorine chopper chopstick circle circles
circuit circus clay cleaver clever cloaked clockwork cloudy cobalt cobra colourful comet comrade comrades
copper coral corona corsair cosmic cotton cozy crane crawler crawling crescent crimson crossbow cube cuckoo
cup curly cyclone cyclops dagger dancer dancing daybreak deadeye deadwood deputy desert destroyer diamond
disco dizzy dogfish dragon drake dune dungeon dust dynamite eagle earth educated eggs elephant eloquent
elusive embargo ember emerald emperor empire energetic envoy equation ethereal evergreen exodus exotic
explosive express extreme eyes falcon falcons famous fancy farm feather ferocious fighters fisher fishing
flame flamer flax flight flying fox foxes foxy fraternal frontier fruity galleon garden gargoyle genesis
genie gentlemen ghost ghoul giant gleaming goblin golf golfing gorge gorilla gossamer gothic graceful
granite grass gray grey griffon grim grizzly grouper grove guardian guardians guru gust gypsy hail halo
hammer haze hazel hazy helix hemlock heretic hermit heron hippo holy homeland hopper horde hound hunt
hunter hunters hurricane ice illusion imperial incendiary inception insomnia institute ion ionic iron
island isotope ivy jackal jackpot jade jasper joker judgment jumper justice karma kiss kitten kittens
kitty kraken labyrinth lace lagoon lair lake larva laundry leaker lemon leopard liberator liberty
librarian lich lightning lily lion lone lotus lucky lunar lynx lyric machete mad magenta magnetic
mallard mango manuscript marauder marbled mare marigold matryoshka maverick maze medley melody mercury
mermaid meteor midnight mint mirage mocha mockingbird moldy monkey monster moonlight moonstone moth mule
mulberry mummy murky mushroom music mustang mustard mysterious mystique mythic nascent needles nemesis
neptune night nightclub nightshade nimbus ninja noble nocturnal nomad nomadic nova nylon obsidian ocean
octopus olive olympic omega onyx opal opera orb outlaw overboard overlord oxide oxygen pacifier palace
paladin pale panda parasite parliament pawn payroll peace peach pearl pencil pepper periscope periwinkle
phantom phoenix pickaxe picker pink pirate pirates pistachio pitstop plaid playful plump pond pony
predator predatory prelude president prestige primitive prince prophet pumpkin punch punk purple quantum
rabbit raccoon rain raven ravine razor rebel rebellion reborn reckless refined relic remix renegade
reptile reservoir revenge riddle ridge rising ritual river riverside robin rocket room rose rot rotten
rover royal ruby ruinous ruler runner ruthless saber sabre saint salamander salmon salt salted salty
samurai sands sandman sandstorm sapphire satin scarlet scarred scatter scientist scimitar scorpion
scorpions sea shallow shark sharp shore silhouette silicon silk skeleton skipper skyline slayer sleet
slime smoke smoky snake sneaky soft solar soldier soldiers spark sparkling sparrow spider spiral spire
spring sprite squad squall squid stadium stalker star stardust starlight starry steppe sterling stone
stork strawberry strider summit sun superman swan swine sword symphony tapestry teal temper tempest
templar tenacious termite thief thirsty tick tide tiger tin tomato tortoise toxic tracer triad tribe
trident trinity troll trooper tsunami tumbleweed turbine turtle twilight twisted tycoon typhoon ugly
union united vanguard vanilla vapor velvet vengeful venom venomous vertigo vicious village vine violet
violin viper vixen voodoo vortex vulture walker warlock wet wheat whisper wicked windy wine winter
wizard woody woolen yellow zen zigzag zinc zombie zombies
black control custom energy expand loader packet poison stealer token transmit trojan unidentified updates
wiper mosquito havoc donut photo route
`

// stopWords are function words and other words that never begin a name
// recognised from context, even when written with a capital ("The",
// "This", "Our").
const stopWords = `
a about above after again against all also although among an and another any are as at be because been
before being below between both but by can could did do does done down during each either every few for
from further had has have having he her here hers him his how however i if in into is it its itself just
least less many may me might more most much must my neither never no nor not now of off on once one only
onto or other others our ours out over own per same she should since so some still such than that the
their theirs them then there these they this those though through thus to too under until up upon us very
via was we were what whatever when where whether which while who whom whose why will with within without
would yet you your yours first second third last next new recent recently several various multiple
earlier later previous previously another both initial additional further following unknown known
possible likely unlikely suspected alleged same different similar notable note see figure table
`

// monthWords and dayWords name dates, which are not actors.
const monthWords = `january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday`

// vendorWords are security vendors, research teams, agencies and platforms
// that reports name next to actor nouns ("the Microsoft team", "Proofpoint
// researchers", "the FBI", "tracked by Mandiant as"): never an actor's name.
const vendorWords = `
microsoft mstic mtac google mandiant fireeye proofpoint zscaler threatlabz talos cisco kaspersky eset
symantec broadcom crowdstrike secureworks ctu unit palo alto recorded future insikt checkpoint check
point trend micro mcafee trellix sophos ibm xforce x-force intel471 lab52 quointelligence quoint
volexity citizen lab amnesty meta facebook twitter instagram linkedin youtube tiktok telegram discord
github gitlab reddit whatsapp signal bitdefender avast malwarebytes sentinelone sentinellabs cybereason
elastic fortinet fortiguard sekoia group-ib positive technologies dragos nccgroup ncsc cisa fbi nsa dhs
odni cert cert-ua us-cert mitre att&ck attack misp opencti virustotal shodan anyrun any.run hybrid
analysis abuse.ch abusech spamhaus cloudflare akamai amazon aws azure apple samsung huawei yandex
netscout radware imperva accenture deloitte pwc kpmg clearsky cyble cyfirma qianxin qihoo 360 antiy
tencent alibaba baidu nsfocus threatbook rising jpcert krcert ahnlab estsecurity s2w genians nshc
trustwave rapid7 tenable qualys splunk darktrace vectra huntress redcanary red canary expel arctic wolf
blackberry cylance avira gdata g-data kroll coveware emsisoft chainalysis elliptic dfrlab graphika
stanford internet observatory intel foxmail outlook gmail yahoo hotmail protonmail
cloud docusign dropbox onedrive sharepoint zoom slack skype
`

// actorNouns say that the name next to them is an actor's ("the TrickBot
// gang", "threat actor TA2722", "APT group WIRTE").
const actorNouns = `group groups gang gangs crew crews team teams actor actors apt apts operators hackers
collective cluster clusters adversary adversaries syndicate outfit hacktivists hacktivist`

// softwareNouns say that the name next to them is software ("Winnti
// malware", "the Maze ransomware"); capitalised, as the last word of a
// name, they make it a tool's name ("Lazarus Loader", "Snake Keylogger").
const softwareNouns = `malware backdoor backdoors trojan trojans rat rats loader loaders stealer stealers infostealer
ransomware dropper droppers downloader downloaders implant implants sample samples payload payloads variant
variants botnet botnets rootkit rootkits wiper wipers worm worms keylogger keyloggers
tool tools toolkit toolkits framework frameworks binary binaries builder builders strain strains beacon
beacons webshell webshells exploit exploits kit module modules plugin plugins miner miners spyware bot
bots locker crypter crypters grabber grabbers injector injectors sniffer sniffers installer installers
updater script scripts executable executables dll dlls packer packers`

// thingNouns are what naming verbs name besides actors and software:
// "a scheduled task named X", "a service called X", "an operation dubbed
// X".
const thingNouns = `library libraries function functions task tasks file files document documents template templates
sheet export exports service services process processes wallet wallets system systems application applications
app apps website websites site sites domain domains page pages account accounts persona personas channel channels
operation operations campaign campaigns project projects program programs platform platforms route key value
folder directory registry mutex certificate parameter variable command commands event events method class
feature version server servers profile profiles brand company firm product products game games route`

// threatWords say that a sentence is about attacks, so that a name next
// to an actor noun in it is an actor's ("the Gorgon Group" in a sentence
// about campaigns, not "the Prisa Group" that owns a newspaper).
const threatWords = `threat threats attack attacks attacked attacker attackers campaign campaigns malware apt apts
espionage cyberespionage hacking hack hacked hacks intrusion intrusions compromise compromised targeted targeting
targets target phishing spearphishing ransomware backdoor exploit exploited exploiting breach breached stole
stolen theft victims victim infected infection operation operations cybercrime cybercriminal cybercriminals
criminal criminals adversary adversaries state-sponsored sponsored nation-state actor actors extortion ddos
influence disinformation leak leaked tracked attributed attribution deployed delivered payload payloads c2
activity activities affiliates affiliate ttp ttps tactics techniques procedures toolset arsenal`

// languageNouns follow a demonym used as a language ("Russian-language",
// "Chinese characters"), not as a country.
const languageNouns = `language languages speaking speaker speakers characters keyboard keyboards locale
locales translation translations dialect text texts version spelling words word`

// acronyms are the capitalised abbreviations of the trade, which follow
// actor nouns as often as names do ("threat actor TTPs", "the group's C2")
// and are never names.
const acronyms = `apt apts ttp ttps ioc iocs c2 cnc ip ips url urls dns http https vpn rdp smb pdf dll exe api apis cve
cves rat rats maas raas ddos dos bec soc ceo cfo cto ciso cio fbi nsa cisa eu nato un covid usb lnk zip rar iso
html js vbs hta msi ssl tls ssh ftp sql xml json csv it ot ics scada oem saas iot ai ml osint humint sigint
opsec infosec pii gdpr sms mfa otp os id ids ips edr xdr siem nas ceos ngo ngos gov mod mfa ttl faq pdfs`

// modifiers stand between a name and the actor noun it goes with: "the
// DarkSide ransomware gang", "the Gamaredon threat group".
const modifiers = `ransomware threat hacking hacker hackers cybercrime cybercriminal criminal espionage cyberespionage
cyber apt state sponsored state-sponsored nation nation-state activist hacktivist extortion actor intrusion
influence disinformation propaganda advanced persistent`

// Word classes: what a word is, for the rules that read context.
const (
	wOrdinary      uint32 = 1 << iota // an ordinary word (ctiWords, englishWords)
	wStop                             // never begins a name
	wDate                             // a month or a day
	wVendor                           // a vendor, agency or platform
	wActorNoun                        // group, gang, actor, ...
	wSoftwareNoun                     // malware, backdoor, loader, ...
	wLanguageNoun                     // language, speaking, ...
	wSmall                            // of, the, and: lower case inside names
	wAcronym                          // TTP, IOC, C2, ...
	wModifier                         // ransomware, threat, hacking, ...
	wCueTrack                         // track, tracked, tracks, tracking
	wCueName                          // call, dub, name, refer, designate, label, known
	wCueAlias                         // aka, alias, aliases
	wCueAttrib                        // attributed, attribute, attribution
	wCueBy                            // conducted, operated, ... (by X)
	wListIntro                        // including, like, such (as): a list of names follows
	wThing                            // file, task, service, campaign, ...: named by naming verbs
	wThreat                           // attack, campaign, malware, ...: the sentence is about threats
	wEnglish                          // in englishWords
	wInfluenceNoun                    // campaign, operation, network, brand: what an influence operation is named as
	wFamilyNoun                       // malware, backdoor, wiper, ...: names a malware family's kind (software.go)
	wNotSoftware                      // Windows, Python, Custom, ...: capitalised before a malware noun, no family's name (software.go)
	wCurrency                         // dollars, euros, rubles, ...: after a country's name, its money
)

// currencyNouns after a country's name or adjective make it its money,
// not the country: "paid for mostly in Euros and US Dollars", "Russian
// rubles". ("won" and "yen" are left out: "North Korea won".)
const currencyNouns = `dollar dollars euro euros ruble rubles rouble roubles rial rials riyal riyals yuan renminbi
pound pounds sterling shekel shekels lira liras hryvnia hryvnias zloty zlotys rupee rupees franc francs krona
kronor dinar dinars dirham dirhams naira cedi cedis shilling shillings`

const (
	cueTrack = `track tracked tracks tracking`
	cueName  = `call called calls calling dub dubbed dubs name named names naming nicknamed designated designate
designates label labeled labelled labels refer referred refers referring known christened moniker monikers`
	cueAlias  = `aka alias aliases`
	cueAttrib = `attributed attribute attributes attributing attribution attributions`
	cueBy     = `conducted operated orchestrated perpetrated carried run launched executed performed led`
	listIntro = `including include includes like such`
)

// buildWords indexes every word list by its lower-case words. cues holds
// the same without the big lists of ordinary words, for the words written
// in lower case, which are never asked whether they are ordinary.
func buildWords() (words, cues map[string]uint32) {
	m := make(map[string]uint32, 9000)
	add := func(list string, class uint32) {
		for _, w := range strings.Fields(list) {
			m[w] |= class
		}
	}
	add(stopWords, wStop)
	add(monthWords, wDate|wStop)
	add(vendorWords, wVendor)
	add(actorNouns, wActorNoun)
	add(softwareNouns, wSoftwareNoun)
	add(languageNouns, wLanguageNoun)
	for w := range smallWords {
		m[w] |= wSmall
	}
	add(acronyms, wAcronym)
	add(modifiers, wModifier)
	add(cueTrack, wCueTrack)
	add(cueName, wCueName)
	add(cueAlias, wCueAlias)
	add(cueAttrib, wCueAttrib)
	add(cueBy, wCueBy)
	add(listIntro, wListIntro)
	add(thingNouns, wThing)
	add(threatWords, wThreat)
	add(influenceNouns, wInfluenceNoun)
	add(familyNouns, wFamilyNoun)
	add(notSoftwareNames, wNotSoftware)
	add(currencyNouns, wCurrency)
	cues = make(map[string]uint32, len(m))
	for w, c := range m {
		cues[w] = c
	}
	add(ctiWords, wOrdinary)
	add(englishWords, wOrdinary|wEnglish)
	return m, cues
}
