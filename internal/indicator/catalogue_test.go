package indicator_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"csperf/internal/glossary"
	"csperf/internal/indicator"
)

// wantIDs are the catalogue's ids: the engines, stored values and reports depend on them.
var wantIDs = []string{
	"cla-count", "cla-rate", "cla-starts-rate", "cla-ceased-rate", "cla-by-age", "cla-by-legal-status",
	"cla-by-placement", "placement-3plus", "placement-long-term", "placement-20-miles", "sw-changes-3plus",
	"missing-children", "missing-incidents", "health-assessment", "immunisations", "dental", "sdq-average",
	"care-leavers-eet-19-21", "care-leavers-accom-19-21", "care-leavers-eet-17-18", "care-leavers-accom-17-18",
	"adopted-percent", "sgo-percent", "adoption-a1", "adoption-a2", "adoption-a10",
	"cin-rate", "rereferral-12m", "assessment-45wd", "cpp-rate", "cpp-second-plan", "cpp-2-years",
	"cpp-reviewed-on-time", "icpc-15wd",
	"workforce-agency-rate", "workforce-vacancy-rate", "workforce-turnover", "workforce-caseload",
	"health-strategy-attendance", "care-leavers-health-passport", "foster-carers-approved",
	"mental-health-assessments", "cla-school-attendance",
}

func TestCatalogueIDs(t *testing.T) {
	cat := indicator.Catalogue()
	var got []string
	for _, ind := range cat {
		got = append(got, ind.ID)
	}
	if !reflect.DeepEqual(got, wantIDs) {
		t.Errorf("catalogue ids:\n got %v\nwant %v", got, wantIDs)
	}
	for _, id := range wantIDs {
		ind, ok := indicator.Lookup(id)
		if !ok || ind.ID != id {
			t.Errorf("Lookup(%q) = %q, %v", id, ind.ID, ok)
		}
	}
	for _, id := range []string{"", "CLA-RATE", "cla rate", "nope"} {
		if _, ok := indicator.Lookup(id); ok {
			t.Errorf("Lookup(%q) found an indicator", id)
		}
	}
	// What callers get is theirs to change.
	cat[4].Categories[0] = "changed"
	cat[0].Title = "changed"
	a, _ := indicator.Lookup("cla-by-age")
	a.Categories[1] = "changed"
	if b, _ := indicator.Lookup("cla-by-age"); b.Categories[0] != "under-1" || b.Categories[1] != "1-4" {
		t.Error("changing a returned entry changed the catalogue")
	}
	if indicator.Catalogue()[0].Title == "changed" {
		t.Error("changing the returned catalogue changed the catalogue")
	}
}

func TestOutcomes(t *testing.T) {
	want := []indicator.Outcome{
		{ID: "family-help", Kind: indicator.KindOutcome}, {ID: "family-network", Kind: indicator.KindOutcome},
		{ID: "safety", Kind: indicator.KindOutcome}, {ID: "stable-homes", Kind: indicator.KindOutcome},
		{ID: "workforce", Kind: indicator.KindEnabler}, {ID: "leadership", Kind: indicator.KindEnabler},
		{ID: "learning", Kind: indicator.KindEnabler},
	}
	got := indicator.Outcomes()
	if len(got) != len(want) {
		t.Fatalf("%d outcomes, want %d", len(got), len(want))
	}
	for i, o := range got {
		if o.ID != want[i].ID || o.Kind != want[i].Kind || o.Title == "" {
			t.Errorf("outcome %d = %+v, want id %s kind %s and a title", i, o, want[i].ID, want[i].Kind)
		}
	}
}

func TestCatalogueFields(t *testing.T) {
	outcomes := map[string]bool{}
	for _, o := range indicator.Outcomes() {
		outcomes[o.ID] = true
	}
	local := []string{"health-strategy-attendance", "care-leavers-health-passport", "foster-carers-approved",
		"mental-health-assessments", "cla-school-attendance"}
	for _, ind := range indicator.Catalogue() {
		id := ind.ID
		for name, s := range map[string]string{"title": ind.Title, "meaning": ind.Meaning, "why": ind.Why} {
			if len(s) < 15 || strings.TrimSpace(s) != s {
				t.Errorf("%s: %s %q is missing or untidy", id, name, s)
			}
		}
		if !strings.HasSuffix(ind.Meaning, ".") || !strings.HasSuffix(ind.Why, ".") {
			t.Errorf("%s: meaning and why should be full sentences", id)
		}
		if !outcomes[ind.Outcome] {
			t.Errorf("%s: outcome %q is not a framework outcome or enabler", id, ind.Outcome)
		}
		if ind.SmallNumber != 20 {
			t.Errorf("%s: small-number threshold %d, want 20", id, ind.SmallNumber)
		}
		switch ind.Polarity {
		case indicator.HigherIsBetter, indicator.LowerIsBetter, indicator.Neutral:
		default:
			t.Errorf("%s: polarity %q", id, ind.Polarity)
		}

		// Source: the council enters exactly the local figures; the distance measure waits for
		// postcode coordinates; the rest come from the return their id names.
		wantSource := indicator.SourceSSDA903
		switch {
		case slices.Contains(local, id):
			wantSource = indicator.SourceLocal
		case id == "placement-20-miles":
			wantSource = indicator.SourcePublished
		case strings.HasPrefix(id, "workforce-"):
			wantSource = indicator.SourceWorkforce
		case strings.HasPrefix(id, "cin-") || strings.HasPrefix(id, "cpp-") ||
			slices.Contains([]string{"rereferral-12m", "assessment-45wd", "icpc-15wd"}, id):
			wantSource = indicator.SourceCIN
		}
		if ind.Source != wantSource {
			t.Errorf("%s: source %q, want %q", id, ind.Source, wantSource)
		}
		if indicator.Computable(id) && (ind.Source == indicator.SourceLocal || ind.Source == indicator.SourcePublished) {
			t.Errorf("%s: computed from the returns but its source is %q", id, ind.Source)
		}

		// Unit and decimals, as DfE publishes: CLA percentages and the CLA rates whole; CIN, child
		// protection and workforce percentages and the CIN and CP rates to one decimal.
		oneDecimal := ind.Source == indicator.SourceCIN || ind.Source == indicator.SourceWorkforce
		wantDec := map[indicator.Unit]int{indicator.Count: 0, indicator.Days: 0, indicator.Score: 1, indicator.Ratio: 1}
		switch ind.Unit {
		case indicator.Percent, indicator.Rate10k:
			wantDec[ind.Unit] = 0
			if oneDecimal || id == "health-strategy-attendance" || id == "cla-school-attendance" {
				wantDec[ind.Unit] = 1
			}
		case indicator.Count, indicator.Days, indicator.Score, indicator.Ratio:
		default:
			t.Errorf("%s: unit %q", id, ind.Unit)
		}
		if ind.Decimals != wantDec[ind.Unit] {
			t.Errorf("%s: %d decimals for a %s, want %d", id, ind.Decimals, ind.Unit, wantDec[ind.Unit])
		}
		if ind.Unit == indicator.Rate10k && (!strings.Contains(ind.Title, "per 10,000") || ind.Polarity != indicator.Neutral) {
			t.Errorf("%s: a rate per 10,000 children should say so in its title and is context (neutral)", id)
		}
		if ind.Unit == indicator.Ratio && id != "workforce-caseload" || ind.Unit == indicator.Score && id != "sdq-average" {
			t.Errorf("%s: unexpected unit %s", id, ind.Unit)
		}

		// Period: the adoption timescales are 3-year averages in days; nothing else is.
		if (ind.Unit == indicator.Days) != (ind.Period == indicator.ThreeYear) {
			t.Errorf("%s: unit %s with period %s; only the adoption timescales are 3-year averages of days", id, ind.Unit, ind.Period)
		}
		switch ind.Period {
		case indicator.AtDate, indicator.YearTo, indicator.ThreeYear:
		default:
			t.Errorf("%s: period %q", id, ind.Period)
		}
		meaning := strings.ToLower(ind.Meaning)
		if ind.Period == indicator.YearTo && !strings.Contains(meaning, "12 months") {
			t.Errorf("%s: a 12-month measure whose meaning does not say so", id)
		}
		if ind.Period == indicator.ThreeYear && !strings.Contains(meaning, "3 years") {
			t.Errorf("%s: a 3-year measure whose meaning does not say so", id)
		}

		// Breakdowns: categories, shares of children looked after, context only.
		if strings.HasPrefix(id, "cla-by-") {
			if len(ind.Categories) < 2 || ind.Polarity != indicator.Neutral || ind.Unit != indicator.Percent || ind.Period != indicator.AtDate {
				t.Errorf("%s: a breakdown needs categories, a neutral polarity, percentages and a date", id)
			}
			seen := map[string]bool{}
			for _, c := range ind.Categories {
				if c == "" || c != strings.ToLower(c) || strings.ContainsAny(c, " _") || seen[c] {
					t.Errorf("%s: category %q is blank, repeated or not a lower-case id", id, c)
				}
				seen[c] = true
			}
		} else if ind.Categories != nil {
			t.Errorf("%s: only breakdowns have categories", id)
		}
		if ind.Unit == indicator.Count && ind.Source != indicator.SourceLocal && ind.Polarity != indicator.Neutral {
			t.Errorf("%s: counts of children are context (neutral)", id)
		}
	}

	want := map[string][]string{
		"cla-by-age":          {"under-1", "1-4", "5-9", "10-15", "16-plus"},
		"cla-by-legal-status": {"interim-care-order", "full-care-order", "placement-order", "section-20", "police-protection-emergency", "youth-justice", "other"},
		"cla-by-placement":    {"foster", "placed-for-adoption", "with-parents", "independent-living", "childrens-homes-and-secure", "residential-schools", "other-residential", "other"},
	}
	for id, cats := range want {
		if ind, _ := indicator.Lookup(id); !reflect.DeepEqual(ind.Categories, cats) {
			t.Errorf("%s categories %v, want %v", id, ind.Categories, cats)
		}
	}
}

func TestCatalogueAcronyms(t *testing.T) {
	for _, ind := range indicator.Catalogue() {
		for _, a := range ind.Acronyms {
			if _, ok := glossary.Lookup(a); !ok {
				t.Errorf("%s lists acronym %s, which is not in the glossary", ind.ID, a)
			}
		}
		var used []string
		for _, term := range glossary.Find(ind.Title + "\n" + ind.Meaning) {
			used = append(used, term.Acronym)
		}
		for _, a := range used {
			if !slices.Contains(ind.Acronyms, a) {
				t.Errorf("%s uses %s in its title or meaning but does not list it", ind.ID, a)
			}
		}
		for _, a := range ind.Acronyms {
			if !slices.Contains(used, a) {
				t.Errorf("%s lists %s but does not use it in its title or meaning", ind.ID, a)
			}
		}
	}
}

// TestCatalogueLAIT checks each LAIT code against LAIT's data dictionary: the measure exists, and a
// measure LAIT rates (High or Low is good) has the same polarity here, while one it does not rate is
// neutral here too.
func TestCatalogueLAIT(t *testing.T) {
	dict := readTidy(t, dataPath(t, "lait", "lait_data_dictionary.csv"))
	polarity := map[string]string{}
	for _, row := range dict.rows {
		polarity[row[dict.col(t, "Measure_short")]] = row[dict.col(t, "Polarity")]
	}
	if len(polarity) < 400 {
		t.Fatalf("LAIT dictionary has %d measures; expected about 448", len(polarity))
	}
	codes := 0
	for _, ind := range indicator.Catalogue() {
		if ind.LAIT == "" {
			continue
		}
		codes++
		p, ok := polarity[ind.LAIT]
		if !ok {
			t.Errorf("%s: LAIT code %q is not in LAIT's data dictionary", ind.ID, ind.LAIT)
			continue
		}
		want := indicator.Neutral
		switch p {
		case "High":
			want = indicator.HigherIsBetter
		case "Low":
			want = indicator.LowerIsBetter
		}
		if ind.Polarity != want {
			t.Errorf("%s: polarity %s, but LAIT's %s has polarity %q", ind.ID, ind.Polarity, ind.LAIT, p)
		}
	}
	if codes < 25 {
		t.Errorf("only %d indicators carry a LAIT code; expected most of the national measures to", codes)
	}
}
