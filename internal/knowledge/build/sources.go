package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-cti/dossier/internal/knowledge"
)

// sourceSpec is the provenance of one part of the pack as the data
// folder's README.md states it. Build checks that the README and the
// licence file still say so, so that updated data cannot ship with stale
// provenance: when a check fails, update this table from the README.
type sourceSpec struct {
	knowledge.Source
	dir         string   // folder under the data folder
	licenceFile string   // the licence text beside the data
	readme      []string // what README.md must mention
	licenceText []string // what the licence file must contain
}

// The ATT&CK source's name and version, filled with the version its
// collection objects state ("18.1").
const (
	attackName    = "MITRE ATT&CK %s (Enterprise, Mobile, ICS)"
	attackVersion = "v%s (mitre-attack/attack-stix-data 7ad8a86f41edc91dd37de0487b0c2f44ae3a3af7, mitre/cti 421deacb77191b38bdd1bf63268954e93da91365)"
)

// sources lists the pack's parts in the order Pack.Sources keeps them.
var sources = []sourceSpec{
	{
		Source: knowledge.Source{
			ID:          "attack",
			URL:         "https://github.com/mitre-attack/attack-stix-data",
			Date:        "2025-11-13",
			Licence:     "LicenseRef-MITRE-ATTACK-Terms-of-Use",
			Attribution: "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.",
		},
		dir:         "attack",
		licenceFile: "LICENSE.txt",
		readme:      []string{"7ad8a86f41edc91dd37de0487b0c2f44ae3a3af7", "421deacb77191b38bdd1bf63268954e93da91365", "2025-11-13"},
		licenceText: []string{"© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation."},
	},
	{
		Source: knowledge.Source{
			ID:          "disarm",
			Name:        "DISARM Framework (red framework techniques)",
			URL:         "https://github.com/DISARMFoundation/DISARMframeworks",
			Version:     "49df5f649e16dfbf11e3859913c256c875c02692",
			Date:        "2025-02-10",
			Licence:     "CC-BY-SA-4.0",
			Attribution: "DISARM Framework by the DISARM Foundation (https://github.com/DISARMFoundation/DISARMframeworks), licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). dossier keeps each technique's id, name and tactics; that part of the pack is shared under the same licence.",
		},
		dir:         "disarm",
		licenceFile: "LICENSE.md",
		readme:      []string{"49df5f649e16dfbf11e3859913c256c875c02692", "2025-02-10", "DISARMFoundation/DISARMframeworks"},
		licenceText: []string{"Attribution-ShareAlike 4.0 International"},
	},
	{
		Source: knowledge.Source{
			ID:          "misp-galaxy",
			Name:        "MISP galaxy (threat-actor, microsoft-activity-group, mitre-intrusion-set, tidal-groups)",
			URL:         "https://github.com/MISP/misp-galaxy",
			Version:     "9434ace4eb925c9a1c9b3bccf014a25f9d14f0b0",
			Date:        "2026-08-06",
			Licence:     "CC0-1.0 OR BSD-2-Clause",
			Attribution: "MISP galaxy by the MISP Project (https://github.com/MISP/misp-galaxy), dual-licensed CC0 1.0 or BSD-2-Clause; Copyright (c) 2015-2018 Alexandre Dulaunoy, CIRCL - Computer Incident Response Center Luxembourg, Andras Iklody, Raphael Vinot, Deborah Servili, and various contributors to MISP Project.",
		},
		dir:         "misp-galaxy",
		licenceFile: "LICENSE.md",
		readme:      []string{"9434ace4eb925c9a1c9b3bccf014a25f9d14f0b0", "2026-08-06", "MISP/misp-galaxy"},
		licenceText: []string{"CC0 1.0", "Redistribution and use in source and binary forms"},
	},
	{
		Source: knowledge.Source{
			ID:          "microsoft",
			Name:        "Microsoft threat actor naming map",
			URL:         "https://github.com/microsoft/mstic",
			Version:     "dd056e0eab28d73e6c793a12993f1482e4693cbd",
			Date:        "2026-08-06",
			Licence:     "CC-BY-4.0",
			Attribution: "Threat actor naming map by Microsoft Threat Intelligence, from microsoft/mstic (PublicFeeds/ThreatActorNaming/MicrosoftMapping.json), licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Changed: the \"Other names\" column is split into a list.",
		},
		dir:         "actor-names",
		licenceFile: "LICENSE-microsoft-mstic.txt",
		readme:      []string{"dd056e0eab28d73e6c793a12993f1482e4693cbd", "2026-08-06", "microsoft/mstic", "PublicFeeds/ThreatActorNaming/MicrosoftMapping.json"},
		licenceText: []string{"Attribution 4.0 International"},
	},
}

// readSources returns the pack's provenance after checking it against each
// part's README.md and licence file. attack is the ATT&CK version the
// bundles state ("18.1"), which the README must mention too.
func readSources(dir, attack string) ([]knowledge.Source, error) {
	var out []knowledge.Source
	for _, s := range sources {
		src := s.Source
		readme := s.readme
		if src.ID == "attack" {
			src.Name = fmt.Sprintf(attackName, attack)
			src.Version = fmt.Sprintf(attackVersion, attack)
			readme = append(readme[:len(readme):len(readme)], "v"+attack)
		}
		for _, c := range []struct {
			file string
			want []string
		}{{s.dir + "/README.md", readme}, {s.dir + "/" + s.licenceFile, s.licenceText}} {
			b, err := os.ReadFile(filepath.Join(dir, c.file))
			if err != nil {
				return nil, fmt.Errorf("build: provenance of %q: %w", src.ID, err)
			}
			for _, w := range c.want {
				if !strings.Contains(string(b), w) {
					return nil, fmt.Errorf("build: %s does not mention %q: the data changed; update the sources table in internal/knowledge/build/sources.go", c.file, w)
				}
			}
		}
		out = append(out, src)
	}
	return out, nil
}
