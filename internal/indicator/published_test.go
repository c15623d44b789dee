package indicator_test

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"testing"

	"csperf/internal/indicator"
)

// The published-figures check: DfE publishes, for every authority and year, the counts behind its
// percentages and rates. Working each figure out again from those counts, with csperf's own
// arithmetic (Value.Finish) and rounding (Round, to the catalogue's decimals), must give the published
// figure. A figure that does not match must be explained by a rule below; anything else fails.

// figure is one published percentage, rate or ratio with the numerator and denominator it came from.
type figure struct {
	where    string // file, year, area and measure, for messages
	level    string // National, Regional or Local authority
	num, den float64
	pub      float64
	unit     indicator.Unit
	dec      int
	// scale turns the inputs into whole numbers for Value: 1 for counts, 10 for FTEs published to one
	// decimal place.
	scale float64
	// numErr and denErr are how far the published inputs may be from the true ones, and roundedWhy
	// says why, when the publisher rounded them.
	numErr, denErr float64
	roundedWhy     string
	// unreliable is the sum of the denominators of the authorities in an England or regional figure
	// whose numerator DfE marked u (low reliability).
	unreliable float64
}

// Explanations of a mismatch, in the words the report uses.
const (
	whyPublisherTie = "exact half: the publisher's own arithmetic rounded it down"
	whyAggregate10  = "England and regional counts are published rounded to the nearest 10"
	whyFTE          = "FTEs are published to one decimal place"
	whyUnreliable   = "England or regional figure worked out without the authorities marked u (low reliability)"
)

// tally counts the outcome of the figures of one file.
type tally struct {
	checked, matched, localChecked, localMatched int
	explained                                    map[string]int
	notChecked                                   map[string]int
	unexplained                                  []string
}

func newTally() *tally { return &tally{explained: map[string]int{}, notChecked: map[string]int{}} }

// skip records a published figure that cannot be worked out again, with the reason.
func (ty *tally) skip(why string) { ty.notChecked[why]++ }

// check works f out again and records whether it matches, is explained, or is neither.
func (ty *tally) check(f figure) {
	if f.scale == 0 {
		f.scale = 1
	}
	n, d := int64(math.Round(f.num*f.scale)), int64(math.Round(f.den*f.scale))
	if d <= 0 {
		ty.skip("denominator is zero")
		return
	}
	ty.checked++
	local := f.level == "Local authority"
	if local {
		ty.localChecked++
	}
	v := indicator.Value{Numerator: n, Denominator: d}
	v.Finish(f.unit)
	got, pub := indicator.Round(v.Value, f.dec), indicator.Round(f.pub, f.dec)
	if got == pub {
		ty.matched++
		if local {
			ty.localMatched++
		}
		return
	}
	if why := explain(f, n, d, pub); why != "" {
		ty.explained[why]++
		return
	}
	ty.unexplained = append(ty.unexplained, fmt.Sprintf("%s: %d ÷ %d gives %s, published %s",
		f.where, n, d, strconv.FormatFloat(got, 'f', f.dec, 64), strconv.FormatFloat(pub, 'f', f.dec, 64)))
}

// multiplier returns what a ratio is multiplied by for unit u.
func multiplier(u indicator.Unit) int64 {
	switch u {
	case indicator.Percent:
		return 100
	case indicator.Rate10k:
		return 10000
	}
	return 1
}

// explain returns why a published figure that csperf works out differently is nonetheless right, or
// "" when nothing explains it.
func explain(f figure, n, d int64, pub float64) string {
	// Exact arithmetic: x = n × multiplier × 10^dec ÷ d, rounded half up (all values are positive).
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.dec)), nil)
	top := new(big.Int).Mul(big.NewInt(n), big.NewInt(multiplier(f.unit)))
	top.Mul(top, p)
	x := new(big.Rat).SetFrac(top, big.NewInt(d))
	twice := new(big.Rat).Mul(x, big.NewRat(2, 1))
	tie := twice.IsInt() && !x.IsInt()
	up := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Mul(top, big.NewInt(2)), big.NewInt(d)), new(big.Int).Mul(big.NewInt(d), big.NewInt(2)))
	scaled := int64(math.Round(pub * math.Pow(10, float64(f.dec))))
	if tie && up.Int64()-1 == scaled {
		return whyPublisherTie
	}
	if (f.numErr > 0 || f.denErr > 0) && within(f, f.den, pub) {
		return f.roundedWhy
	}
	if f.unreliable > 0 && within(f, f.den-f.unreliable, pub) {
		return whyUnreliable
	}
	return ""
}

// within reports whether pub lies in the range of figures that inputs within the publisher's
// rounding of f.num and den give.
func within(f figure, den, pub float64) bool {
	m := float64(multiplier(f.unit))
	lo := math.Max(f.num-f.numErr, 0) / (den + f.denErr) * m
	hi := (f.num + f.numErr) / math.Max(den-f.denErr, f.denErr) * m
	return indicator.Round(lo, f.dec) <= pub && pub <= indicator.Round(hi, f.dec)
}

// report logs the tally and fails the test on any unexplained mismatch or too few local figures.
func (ty *tally) report(t *testing.T, file string, minLocal int) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d figures checked (%d for local authorities), %d matched (%d local)",
		file, ty.checked, ty.localChecked, ty.matched, ty.localMatched)
	for _, part := range []struct {
		label string
		m     map[string]int
	}{{"explained", ty.explained}, {"not checked", ty.notChecked}} {
		keys := make([]string, 0, len(part.m))
		for k := range part.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "\n  %s %d: %s", part.label, part.m[k], k)
		}
	}
	t.Log(b.String())
	if ty.localMatched < minLocal {
		t.Errorf("%s: only %d local authority figures matched; expected at least %d", file, ty.localMatched, minLocal)
	}
	for i, u := range ty.unexplained {
		if i == 20 {
			t.Errorf("… and %d more unexplained mismatches", len(ty.unexplained)-20)
			break
		}
		t.Errorf("unexplained mismatch: %s", u)
	}
}

// decimals returns the catalogue's decimals for indicator id.
func decimals(t *testing.T, id string) int {
	t.Helper()
	ind, ok := indicator.Lookup(id)
	if !ok {
		t.Fatalf("catalogue has no %s", id)
	}
	return ind.Decimals
}

// area names a row of a tidy file for messages.
func area(tb *tidyTable, t *testing.T, row []string) string {
	year, level := row[tb.col(t, "time_period")], row[tb.col(t, "geographic_level")]
	switch level {
	case "National":
		return year + " England"
	case "Regional":
		return year + " " + row[tb.col(t, "region_name")]
	}
	return year + " " + row[tb.col(t, "la_name")] + " (" + row[tb.col(t, "old_la_code")] + ")"
}

// aggregateErr returns the rounding of counts at level: England and regional counts are rounded to
// the nearest 10, local authority counts are exact.
func aggregateErr(level string) (float64, string) {
	if level == "Local authority" {
		return 0, ""
	}
	return 5, whyAggregate10
}

func TestPublishedCLARates(t *testing.T) {
	const file = "cla_number_and_rate_per_10k_children.csv"
	tb := readTidy(t, dataPath(t, "dfe", file))
	ids := map[string]string{
		"Children looked after on 31 March each year":    "cla-rate",
		"Children starting to be looked after each year": "cla-starts-rate",
		"Children ceasing to be looked after each year":  "cla-ceased-rate",
	}
	ty := newTally()
	for _, row := range tb.rows {
		kind := row[tb.col(t, "population_type")]
		id, ok := ids[kind]
		if !ok {
			t.Fatalf("%s: unknown population_type %q", file, kind)
		}
		num, ok1 := tidyNumber(t, file, row[tb.col(t, "children_count")])
		den, ok2 := tidyNumber(t, file, row[tb.col(t, "population_estimate")])
		pub, ok3 := tidyNumber(t, file, row[tb.col(t, "rate_per_10000")])
		if !ok1 || !ok2 || !ok3 {
			ty.skip("suppressed by the publisher")
			continue
		}
		level := row[tb.col(t, "geographic_level")]
		e, why := aggregateErr(level)
		ty.check(figure{where: area(tb, t, row) + ": " + kind, level: level, num: num, den: den, pub: pub,
			unit: indicator.Rate10k, dec: decimals(t, id), numErr: e, roundedWhy: why})
	}
	ty.report(t, file, 2200)
}

// shareSpec describes a file of counts and percentages in long form: each group of rows (one year,
// area and groupCol value) holds the parts and the total they are a percentage of.
type shareSpec struct {
	file       string
	groupCol   string // the filter column naming the group
	partCol    string // the filter column naming the part
	countCol   string
	percentCol string
	id         string // the catalogue indicator whose decimals apply
	// denominator names the part of the same group that part is a percentage of, or returns a
	// reason when the figure cannot be worked out again.
	denominator func(group, part string, parts map[string][]string) (den, skip string)
	minLocal    int
}

// totalPart returns the one part of a group whose name starts with "Total" (DfE's total rows).
func totalPart(parts map[string][]string) string {
	var found []string
	for p := range parts {
		if strings.HasPrefix(p, "Total") {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		return ""
	}
	return found[0]
}

// ofPart makes every part a percentage of the part named total.
func ofPart(total string) func(_, _ string, _ map[string][]string) (string, string) {
	return func(_, _ string, _ map[string][]string) (string, string) { return total, "" }
}

func (s shareSpec) run(t *testing.T) {
	tb := readTidy(t, dataPath(t, "dfe", s.file))
	groups := map[string]map[string][]string{}
	var order []string
	for _, row := range tb.rows {
		k := strings.Join([]string{row[tb.col(t, "time_period")], row[tb.col(t, "geographic_level")],
			row[tb.col(t, "region_code")], row[tb.col(t, "old_la_code")], row[tb.col(t, s.groupCol)]}, "|")
		if groups[k] == nil {
			groups[k] = map[string][]string{}
			order = append(order, k)
		}
		part := row[tb.col(t, s.partCol)]
		if _, dup := groups[k][part]; dup {
			t.Fatalf("%s: %s appears twice in group %s", s.file, part, k)
		}
		groups[k][part] = row
	}
	dec := decimals(t, s.id)
	ty := newTally()
	for _, k := range order {
		parts := groups[k]
		names := make([]string, 0, len(parts))
		for p := range parts {
			names = append(names, p)
		}
		sort.Strings(names)
		for _, part := range names {
			row := parts[part]
			group := row[tb.col(t, s.groupCol)]
			den, why := s.denominator(group, part, parts)
			if why != "" {
				ty.skip(why)
				continue
			}
			if den == "" {
				t.Fatalf("%s: cannot tell which row of group %s %q is a percentage of", s.file, k, part)
			}
			if den == part {
				continue // the total itself: 100%
			}
			drow, ok := parts[den]
			if !ok {
				t.Fatalf("%s: group %s has no %q row", s.file, k, den)
			}
			num, ok1 := tidyNumber(t, s.file, row[tb.col(t, s.countCol)])
			dn, ok2 := tidyNumber(t, s.file, drow[tb.col(t, s.countCol)])
			pub, ok3 := tidyNumber(t, s.file, row[tb.col(t, s.percentCol)])
			if !ok1 || !ok2 || !ok3 {
				ty.skip("suppressed by the publisher")
				continue
			}
			level := row[tb.col(t, "geographic_level")]
			e, ewhy := aggregateErr(level)
			ty.check(figure{where: area(tb, t, row) + ": " + group + ": " + part, level: level, num: num, den: dn,
				pub: pub, unit: indicator.Percent, dec: dec, numErr: e, denErr: e, roundedWhy: ewhy})
		}
	}
	ty.report(t, s.file, s.minLocal)
}

// ofTotal makes every part a percentage of its group's one "Total …" part.
func ofTotal(_, _ string, parts map[string][]string) (string, string) { return totalPart(parts), "" }

func TestPublishedCLAPercentages(t *testing.T) {
	for _, s := range []shareSpec{
		{file: "la_cla_placement_stability.csv", groupCol: "cla_group", partCol: "placement_stability",
			countCol: "children_count", percentCol: "children_percent", id: "placement-3plus",
			denominator: ofPart("Total children"), minLocal: 2200},
		{file: "la_care_leavers_activity.csv", groupCol: "care_leaver_age", partCol: "breakdown",
			countCol: "care_leaver_count", percentCol: "care_leaver_percent", id: "care-leavers-eet-19-21",
			denominator: ofPart("Total"), minLocal: 10000},
		{file: "la_care_leavers_accommodation_suitability.csv", groupCol: "care_leaver_age", partCol: "breakdown",
			countCol: "care_leaver_count", percentCol: "care_leaver_percent", id: "care-leavers-accom-19-21",
			denominator: ofPart("Suitability total"), minLocal: 3000},
		{file: "la_conviction_health_outcome_cla.csv", groupCol: "characteristic", partCol: "breakdown",
			countCol: "children_count", percentCol: "children_percent", id: "health-assessment",
			denominator: healthDenominator, minLocal: 7000},
		{file: "la_cla_swcount.csv", groupCol: "cla_group", partCol: "sw_stability",
			countCol: "number", percentCol: "percentage", id: "sw-changes-3plus",
			denominator: ofPart("Total children"), minLocal: 150},
		{file: "la_cla_during_year_new_placements.csv", groupCol: "characteristic", partCol: "breakdown",
			countCol: "children_count", percentCol: "children_percent", id: "placement-20-miles",
			denominator: ofTotal, minLocal: 9500},
	} {
		t.Run(s.file, s.run)
	}
}

// healthDenominator gives the OC2 outcome file's denominators: SDQ bands are shares of the children
// with a score, substance misuse interventions shares of those with a problem identified, and
// everything else a share of the group's total.
func healthDenominator(group, part string, parts map[string][]string) (string, string) {
	switch {
	case part == "SDQ average score":
		return "", "SDQ average: the total of the scores is not published"
	case strings.HasPrefix(part, "SDQ score is"):
		return "SDQ score was received", ""
	case strings.HasPrefix(group, "Substance misuse") &&
		(strings.HasPrefix(part, "Received an intervention") || strings.HasPrefix(part, "Offered intervention")):
		return "Identified as having a substance misuse problem", ""
	}
	return totalPart(parts), ""
}

// rowFigures checks files that hold numerator, denominator and percentage as columns of one row.
func rowFigures(t *testing.T, file, id string, minLocal int, cols [][3]string) {
	tb := readTidy(t, dataPath(t, "dfe", file))
	dec := decimals(t, id)
	// The denominators of authorities whose numerator is marked u, by year, area and numerator.
	unreliable := map[[3]string]float64{}
	for _, row := range tb.rows {
		if row[tb.col(t, "geographic_level")] != "Local authority" {
			continue
		}
		year, region := row[tb.col(t, "time_period")], row[tb.col(t, "region_code")]
		for _, c := range cols {
			if row[tb.col(t, c[0])] != "u" {
				continue
			}
			den, ok := tidyNumber(t, file, row[tb.col(t, c[1])])
			if !ok {
				continue
			}
			areas := []string{"England", region}
			if strings.HasPrefix(region, "E13") { // Inner and Outer London are both in London
				areas = append(areas, "E12000007")
			}
			for _, a := range areas {
				unreliable[[3]string{year, a, c[0]}] += den
			}
		}
	}
	ty := newTally()
	for _, row := range tb.rows {
		level := row[tb.col(t, "geographic_level")]
		areaCode := row[tb.col(t, "region_code")]
		if level == "National" {
			areaCode = "England"
		}
		for _, c := range cols {
			num, ok1 := tidyNumber(t, file, row[tb.col(t, c[0])])
			den, ok2 := tidyNumber(t, file, row[tb.col(t, c[1])])
			pub, ok3 := tidyNumber(t, file, row[tb.col(t, c[2])])
			if !ok1 || !ok2 || !ok3 {
				ty.skip("suppressed by the publisher")
				continue
			}
			e, why := aggregateErr(level)
			f := figure{where: area(tb, t, row) + ": " + c[2], level: level, num: num, den: den, pub: pub,
				unit: indicator.Percent, dec: dec, numErr: e, denErr: e, roundedWhy: why}
			if level != "Local authority" {
				f.unreliable = unreliable[[3]string{row[tb.col(t, "time_period")], areaCode, c[0]}]
			}
			ty.check(f)
		}
	}
	ty.report(t, file, minLocal)
}

func TestPublishedCINPercentages(t *testing.T) {
	t.Run("c1", func(t *testing.T) {
		rowFigures(t, "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", "rereferral-12m", 7500, [][3]string{
			{"rereferral_count", "referral_count", "rereferral_percent"},
			{"rereferral_child_count", "referral_child_count", "rereferral_child_percent"},
			{"no_further_action_count", "referral_count", "no_further_action_percent"},
			{"not_in_need_count", "referral_count", "not_in_need_percent"},
		})
	})
	t.Run("d3", func(t *testing.T) {
		rowFigures(t, "d3_cpps_subsequent_plan_2013_to_2025.csv", "cpp-second-plan", 1900, [][3]string{
			{"CPP_subsequent", "CPP_start", "CPP_subsequent_percent"},
		})
	})
	t.Run("d5", func(t *testing.T) {
		var cols [][3]string
		for _, b := range []string{"3_months_or_less", "more_than_3_months_6_months",
			"more_than_6_months_less_than_1_year", "1_year_less_than_2_years", "2_years_or_more"} {
			cols = append(cols, [3]string{b, "CPP_At31", b + "_percent"})
		}
		rowFigures(t, "d5_cpps_at31march_by_duration_2013_to_2025.csv", "cpp-2-years", 8000, cols)
	})
}

func TestPublishedWorkforce(t *testing.T) {
	const file = "csww_indicators_2017_to_2025.csv"
	tb := readTidy(t, dataPath(t, "dfe", file))
	type measure struct {
		id, published string
		unit          indicator.Unit
		inputs        func(get func(string) (float64, bool)) (num, den, numErr, denErr float64, ok bool)
	}
	share := func(part string, withPart bool) func(get func(string) (float64, bool)) (float64, float64, float64, float64, bool) {
		return func(get func(string) (float64, bool)) (float64, float64, float64, float64, bool) {
			p, ok1 := get(part)
			in, ok2 := get("inpost_fte")
			if withPart { // part ÷ (part + in post)
				return p, p + in, 0.05, 0.1, ok1 && ok2
			}
			return p, in, 0.05, 0.05, ok1 && ok2
		}
	}
	measures := []measure{
		{"workforce-turnover", "turnover_rate_fte", indicator.Percent, share("leavers_fte", false)},
		{"workforce-agency-rate", "agency_rate_fte", indicator.Percent, share("agency_fte", true)},
		{"workforce-vacancy-rate", "vacancy_rate_fte", indicator.Percent, share("vacancy_fte", true)},
		{"workforce-caseload", "caseload_fte", indicator.Ratio, func(get func(string) (float64, bool)) (float64, float64, float64, float64, bool) {
			c, ok1 := get("cases")
			h, ok2 := get("case_holders_fte")
			return c, h, 0, 0.05, ok1 && ok2
		}},
	}
	ty := newTally()
	for _, row := range tb.rows {
		level := row[tb.col(t, "geographic_level")]
		get := func(col string) (float64, bool) { return tidyNumber(t, file, row[tb.col(t, col)]) }
		for _, m := range measures {
			if level != "Local authority" {
				// DfE works England and regional rates out over the authorities with complete
				// returns, not from the published totals (which include estimates), so they cannot be
				// recomputed from this file.
				ty.skip("England and regional rates: worked out by DfE over authorities with complete returns")
				continue
			}
			num, den, ne, de, ok := m.inputs(get)
			pub, ok2 := get(m.published)
			if !ok || !ok2 {
				ty.skip("suppressed by the publisher")
				continue
			}
			ty.check(figure{where: area(tb, t, row) + ": " + m.published, level: level, num: num, den: den, pub: pub,
				unit: m.unit, dec: decimals(t, m.id), scale: 10, numErr: ne, denErr: de, roundedWhy: whyFTE})
		}
	}
	ty.report(t, file, 5000)
}

// TestPublishedCINRates checks the children in need and child protection rates per 10,000 that LAIT
// publishes against the counts in DfE's b1 and d5 files and the ONS population of the middle of the
// year before (DfE's rates for the year to 31 March use the mid-year estimate nine months earlier).
func TestPublishedCINRates(t *testing.T) {
	lait := readTidy(t, dataPath(t, "lait", "lait_csc_subset.csv"))
	pop := readTidy(t, dataPath(t, "dfe", "ons_mid-year_population_estimates_2012_to_2024.csv"))
	type key struct {
		year int
		la   string
	}
	index := func(tb *tidyTable, col string) map[key]string {
		m := map[key]string{}
		for _, row := range tb.rows {
			if row[tb.col(t, "geographic_level")] != "Local authority" {
				continue
			}
			y, err := strconv.Atoi(row[tb.col(t, "time_period")])
			if err != nil {
				t.Fatalf("%s: year %q", tb.name, row[tb.col(t, "time_period")])
			}
			m[key{y, row[tb.col(t, "old_la_code")]}] = row[tb.col(t, col)]
		}
		return m
	}
	population := index(pop, "population_estimate")
	for _, c := range []struct {
		measure, file, col, id string
		minLocal               int
	}{
		{"CIN", "b1_children_in_need_2013_to_2025.csv", "At31_episodes", "cin-rate", 1400},
		{"CPP_rate", "d5_cpps_at31march_by_duration_2013_to_2025.csv", "CPP_At31", "cpp-rate", 1400},
	} {
		t.Run(c.id, func(t *testing.T) {
			counts := index(readTidy(t, dataPath(t, "dfe", c.file)), c.col)
			dec := decimals(t, c.id)
			ty := newTally()
			for _, row := range lait.rows {
				if row[lait.col(t, "Short Desc")] != c.measure {
					continue
				}
				laNum, yearText := row[lait.col(t, "LA Number")], row[lait.col(t, "Years")]
				f, err := strconv.ParseFloat(laNum, 64)
				if err != nil {
					ty.skip("a region or England, not an authority")
					continue
				}
				year, err := strconv.Atoi(yearText)
				if err != nil {
					t.Fatalf("lait %s: year %q", c.measure, yearText)
				}
				la := strconv.Itoa(int(f))
				pub, ok := tidyNumber(t, "lait", row[lait.col(t, "Values")])
				if !ok {
					ty.skip("suppressed by the publisher")
					continue
				}
				ns, ok1 := counts[key{year, la}]
				ps, ok2 := population[key{year - 1, la}]
				if !ok1 || !ok2 {
					ty.skip("no count or population for the authority that year (boundary changes)")
					continue
				}
				num, ok1 := tidyNumber(t, c.file, ns)
				den, ok2 := tidyNumber(t, "population", ps)
				if !ok1 || !ok2 {
					ty.skip("suppressed by the publisher")
					continue
				}
				ty.check(figure{where: fmt.Sprintf("%d %s (%s): %s", year, row[lait.col(t, "LA and Regions")], la, c.measure),
					level: "Local authority", num: num, den: den, pub: pub, unit: indicator.Rate10k, dec: dec})
			}
			ty.report(t, "lait "+c.measure+" with "+c.file, c.minLocal)
		})
	}
}
