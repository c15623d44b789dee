package indicator

import "sort"

// affectedBy maps each table of the 903 return and each part of the CIN census to the indicators
// computed from it, so that a validation finding can say which figures it may distort.
var affectedBy = map[string][]string{
	// SSDA903 tables
	"Header": {"cla-count", "cla-rate", "cla-starts-rate", "cla-ceased-rate", "cla-by-age", "placement-long-term",
		"care-leavers-eet-19-21", "care-leavers-accom-19-21", "care-leavers-eet-17-18", "care-leavers-accom-17-18", "sdq-average"},
	"Episodes": {"cla-count", "cla-rate", "cla-starts-rate", "cla-ceased-rate", "cla-by-age", "cla-by-legal-status",
		"cla-by-placement", "placement-3plus", "placement-long-term", "missing-children", "adopted-percent", "sgo-percent",
		"adoption-a1", "adoption-a2", "adoption-a10", "sw-changes-3plus", "health-assessment", "immunisations", "dental"},
	"OC2":            {"health-assessment", "immunisations", "dental", "sdq-average"},
	"OC3":            {"care-leavers-eet-19-21", "care-leavers-accom-19-21", "care-leavers-eet-17-18", "care-leavers-accom-17-18"},
	"AD1":            {"adoption-a2", "adoption-a10"},
	"PlacedAdoption": {"adoption-a2"},
	"Missing":        {"missing-children", "missing-incidents"},
	"SWEpisodes":     {"sw-changes-3plus"},
	// CIN census parts (the element path a check reads, or its first element)
	"ChildIdentifiers":     {"cin-rate", "cpp-rate"},
	"ChildCharacteristics": {},
	"CINdetails":           {"cin-rate", "rereferral-12m"},
	"Assessments":          {"assessment-45wd"},
	"CINPlanDates":         {"cin-rate"},
	"Section47":            {"icpc-15wd"},
	"ChildProtectionPlans": {"cpp-rate", "cpp-second-plan", "cpp-2-years", "cpp-reviewed-on-time"},
}

// AffectedBy returns the indicators computed from any of the given 903 tables or CIN census parts
// (e.g. "Episodes", "Child/CINdetails/Assessments"), in catalogue order: the figures a problem in
// those records may distort.
func AffectedBy(parts ...string) []string {
	set := map[string]bool{}
	for _, p := range parts {
		for _, seg := range splitPath(p) {
			for _, id := range affectedBy[censusPart(seg)] {
				set[id] = true
			}
		}
	}
	order := map[string]int{}
	for i, ind := range Catalogue() {
		order[ind.ID] = i
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
	return out
}

// splitPath splits an element path on "/" (a 903 table name is a path of one).
func splitPath(p string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '/' {
			if i > start {
				out = append(out, p[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// censusPart maps a CIN census element to the part of the census it belongs to (an element of a
// child protection plan to ChildProtectionPlans, and so on); other names are returned unchanged.
func censusPart(el string) string {
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if len(el) >= len(p) && el[:len(p)] == p {
				return true
			}
		}
		return false
	}
	switch {
	case has("Assessment", "FactorsIdentified"):
		return "Assessments"
	case has("CPP", "InitialCategory", "LatestCategory", "NumberOfPreviousCPP"):
		return "ChildProtectionPlans"
	case has("S47", "InitialCPC", "DateOfInitialCPC", "ICPC"):
		return "Section47"
	case has("CINPlan"):
		return "CINPlanDates"
	case has("CINreferral", "ReferralSource", "CINclosure", "ReasonForClosure", "ReferralNFA", "PrimaryNeed"):
		return "CINdetails"
	case has("LAchildID", "UPN", "FormerUPN", "PersonBirthDate", "ExpectedPersonBirthDate", "GenderCurrent", "PersonDeathDate"):
		return "ChildIdentifiers"
	}
	return el
}
