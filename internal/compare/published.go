package compare

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Published is one figure from DfE's published statistics, mapped to a catalogue indicator.
type Published struct {
	Indicator string
	Year      int    // the time_period: 2025 for 31 March 2025 (30 September 2025 for the workforce)
	Level     string // LevelNational, LevelRegional or LevelAuthority
	Region    string // region name; "" for England
	Authority int    // DfE LA number; 0 for England and regions
	Value     float64
	Symbol    string   // the publisher's suppression symbol (c, k, u, x, z, low); "" when Value holds the figure
	Numerator *float64 // the published count behind Value, when there is one and it is a number
	// Denominator is the published cohort behind Value, when there is one and it is a number.
	Denominator *float64
	Source      string // file name
	SHA256      string // hex checksum of the file's bytes
}

// Geographic levels as DfE names them.
const (
	LevelNational  = "National"
	LevelRegional  = "Regional"
	LevelAuthority = "Local authority"
)

// Symbols are the suppression symbols DfE uses in place of a number.
var Symbols = []string{"c", "k", "u", "x", "z", "low"}

// standardColumns start every DfE tidy file (in either of two orders of the last three).
var standardColumns = []string{"time_period", "time_identifier", "geographic_level", "country_code",
	"country_name", "region_code", "region_name", "old_la_code", "la_name", "new_la_code"}

// series picks one indicator's rows from a file: rows whose filter columns hold the values in where.
// The value, numerator and denominator are read from the named columns; when totalWhere is set, the
// denominator is instead the num column of the row of the same area, year and filters except that
// its totalWhere[0] column holds totalWhere[1] (DfE's "Total" rows).
type series struct {
	id         string
	where      [][2]string
	value      string
	num, den   string
	totalWhere [2]string
}

// fileSpec describes one published file: its own columns (after the standard ones) and its series.
type fileSpec struct {
	columns []string
	filters []string // the columns that pick a row (as opposed to holding values)
	series  []series
}

// The files csperf knows, by name. Other series in them (e.g. 17 to 18 year olds) are not mapped.
var fileSpecs = map[string]fileSpec{
	"cla_number_and_rate_per_10k_children.csv": {
		columns: []string{"population_type", "population_estimate", "children_count", "rate_per_10000"},
		series: []series{
			{id: "cla-rate", where: [][2]string{{"population_type", "Children looked after on 31 March each year"}},
				value: "rate_per_10000", num: "children_count", den: "population_estimate"},
			{id: "cla-starts-rate", where: [][2]string{{"population_type", "Children starting to be looked after each year"}},
				value: "rate_per_10000", num: "children_count", den: "population_estimate"},
			{id: "cla-ceased-rate", where: [][2]string{{"population_type", "Children ceasing to be looked after each year"}},
				value: "rate_per_10000", num: "children_count", den: "population_estimate"},
		},
	},
	"la_cla_placement_stability.csv": {
		filters: []string{"cla_group", "placement_stability"},
		columns: []string{"cla_group", "placement_stability", "children_count", "children_percent"},
		series: []series{
			{id: "placement-3plus", where: [][2]string{{"cla_group", "CLA on 31 March"},
				{"placement_stability", "With 3 or more placements during the year"}},
				value: "children_percent", num: "children_count", totalWhere: [2]string{"placement_stability", "Total children"}},
			{id: "placement-long-term", where: [][2]string{
				{"cla_group", "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"},
				{"placement_stability", "Living with the same carer for at least 2 years"}},
				value: "children_percent", num: "children_count", totalWhere: [2]string{"placement_stability", "Total children"}},
		},
	},
	"la_care_leavers_activity.csv": {
		filters: []string{"care_leaver_age", "breakdown"},
		columns: []string{"care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"},
		series: []series{
			{id: "care-leavers-eet-19-21", where: [][2]string{{"care_leaver_age", "19 to 21 years"},
				{"breakdown", "Total in education, employment or training"}},
				value: "care_leaver_percent", num: "care_leaver_count", totalWhere: [2]string{"breakdown", "Total"}},
			{id: "care-leavers-eet-17-18", where: [][2]string{{"care_leaver_age", "17 to 18 years"},
				{"breakdown", "Total in education, employment or training"}},
				value: "care_leaver_percent", num: "care_leaver_count", totalWhere: [2]string{"breakdown", "Total"}},
		},
	},
	"la_care_leavers_accommodation_suitability.csv": {
		filters: []string{"care_leaver_age", "breakdown"},
		columns: []string{"care_leaver_age", "breakdown", "care_leaver_count", "care_leaver_percent"},
		series: []series{
			{id: "care-leavers-accom-19-21", where: [][2]string{{"care_leaver_age", "19 to 21 years"},
				{"breakdown", "Accommodation considered suitable"}},
				value: "care_leaver_percent", num: "care_leaver_count", totalWhere: [2]string{"breakdown", "Suitability total"}},
			{id: "care-leavers-accom-17-18", where: [][2]string{{"care_leaver_age", "17 to 18 years"},
				{"breakdown", "Accommodation considered suitable"}},
				value: "care_leaver_percent", num: "care_leaver_count", totalWhere: [2]string{"breakdown", "Suitability total"}},
		},
	},
	"la_conviction_health_outcome_cla.csv": {
		filters: []string{"characteristic", "breakdown"},
		columns: []string{"characteristic", "breakdown", "children_count", "children_percent"},
		series: []series{
			healthSeries("health-assessment", "Had their annual health assessment"),
			healthSeries("immunisations", "Had their immunisations up to date"),
			healthSeries("dental", "Had their teeth checked by a dentist"),
		},
	},
	"la_cla_swcount.csv": {
		filters: []string{"cla_group", "sw_stability"},
		columns: []string{"cla_group", "sw_stability", "number", "percentage"},
		series: []series{{id: "sw-changes-3plus", where: [][2]string{{"cla_group", "CLA on 31 March"},
			{"sw_stability", "3 or more social workers during the year"}},
			value: "percentage", num: "number", totalWhere: [2]string{"sw_stability", "Total children"}}},
	},
	"c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv": {
		columns: []string{"category", "referral_count", "rereferral_count", "rereferral_percent",
			"no_further_action_count", "no_further_action_percent", "not_in_need_count", "not_in_need_percent",
			"referral_child_count", "rereferral_child_count", "rereferral_child_percent"},
		series: []series{{id: "rereferral-12m", value: "rereferral_percent", num: "rereferral_count", den: "referral_count"}},
	},
	"d3_cpps_subsequent_plan_2013_to_2025.csv": {
		columns: []string{"category", "CPP_start", "CPP_subsequent", "CPP_subsequent_percent"},
		series:  []series{{id: "cpp-second-plan", value: "CPP_subsequent_percent", num: "CPP_subsequent", den: "CPP_start"}},
	},
	"d5_cpps_at31march_by_duration_2013_to_2025.csv": {
		columns: []string{"category", "CPP_At31", "3_months_or_less", "3_months_or_less_percent",
			"more_than_3_months_6_months", "more_than_3_months_6_months_percent",
			"more_than_6_months_less_than_1_year", "more_than_6_months_less_than_1_year_percent",
			"1_year_less_than_2_years", "1_year_less_than_2_years_percent", "2_years_or_more", "2_years_or_more_percent"},
		series: []series{{id: "cpp-2-years", value: "2_years_or_more_percent", num: "2_years_or_more", den: "CPP_At31"}},
	},
	"csww_indicators_2017_to_2025.csv": {
		columns: []string{"inpost_fte", "inpost_headcount", "starters_fte", "starters_headcount", "leavers_fte",
			"leavers_headcount", "turnover_rate_fte", "turnover_rate_headcount", "agency_fte", "agency_headcount",
			"agency_rate_fte", "agency_rate_headcount", "agency_cover_fte", "agency_cover_rate_fte", "vacancy_fte",
			"vacancy_rate_fte", "vacancy_agency_cover_rate_fte", "case_holders_fte", "cases", "caseload_fte",
			"working_days_lost_fte", "absence_rate_fte"},
		// DfE works the workforce rates out over FTEs that are not all published (e.g. the
		// turnover denominator is the average of two years' in-post FTEs), so only the rates are kept.
		series: []series{
			{id: "workforce-agency-rate", value: "agency_rate_fte"},
			{id: "workforce-vacancy-rate", value: "vacancy_rate_fte"},
			{id: "workforce-turnover", value: "turnover_rate_fte"},
			{id: "workforce-caseload", value: "caseload_fte", num: "cases", den: "case_holders_fte"},
		},
	},
}

func healthSeries(id, breakdown string) series {
	return series{id: id, where: [][2]string{{"characteristic", "Health assessments: Children looked after all ages"},
		{"breakdown", breakdown}}, value: "children_percent", num: "children_count",
		totalWhere: [2]string{"breakdown", "Total all ages"}}
}

// KnownFiles returns the names of the published files ReadPublished recognises, sorted.
func KnownFiles() []string {
	names := make([]string, 0, len(fileSpecs))
	for n := range fileSpecs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ReadPublished reads one of DfE's tidy CSV files and returns the figures it maps to catalogue
// indicators. The file is recognised by its base name (see KnownFiles); an unknown file, a missing
// standard column, or a column the file is not known to have is an error naming it, so that a
// changed publication is noticed rather than guessed at. Values that are suppression symbols are
// kept as symbols. Rows that cannot be attributed to one area (a figure published for two
// authorities together, e.g. "940 / 941" for the Northamptonshire children's trust) are left out and
// described in the notes returned.
func ReadPublished(name string, r io.Reader) (figures []Published, notes []string, err error) {
	base := filepath.Base(name)
	spec, ok := fileSpecs[base]
	if !ok {
		if _, ok := rateSpecs[base]; ok {
			return nil, nil, fmt.Errorf("%s: holds counts only; read it with the ONS population file %s to get rates (ReadRates)", name, PopulationFile)
		}
		return nil, nil, fmt.Errorf("%s: not a published file csperf knows (it reads %s)", name, strings.Join(KnownFiles(), ", "))
	}
	col, recs, checksum, err := readTidy(name, r, spec.columns)
	if err != nil {
		return nil, nil, err
	}
	get := func(rec []string, c string) string { return strings.TrimSpace(rec[col[c]]) }
	type areaKey struct {
		year, level, region, la string
	}
	area := func(rec []string) areaKey {
		return areaKey{get(rec, "time_period"), get(rec, "geographic_level"), get(rec, "region_name"), get(rec, "old_la_code")}
	}
	// totals holds each row by area and filter values, for finding the denominator rows.
	totals := map[string][]string{}
	filterKey := func(rec []string, override [2]string) string {
		k := fmt.Sprint(area(rec))
		for _, c := range spec.filters {
			v := get(rec, c)
			if c == override[0] {
				v = override[1]
			}
			k += "|" + v
		}
		return k
	}
	noOverride := [2]string{}
	for _, rec := range recs[1:] {
		totals[filterKey(rec, noOverride)] = rec
	}
	for i, rec := range recs[1:] {
		row := i + 2 // as a spreadsheet numbers it, header = row 1
		if len(rec) != len(recs[0]) {
			return nil, nil, fmt.Errorf("%s row %d: %d fields for %d columns", name, row, len(rec), len(recs[0]))
		}
		if la := get(rec, "old_la_code"); strings.Contains(la, "/") {
			notes = append(notes, fmt.Sprintf("%s row %d: figures for %q (%q) together are not attributed to either authority",
				name, row, get(rec, "la_name"), la))
			continue
		}
		for _, s := range spec.series {
			if !matches(rec, s.where, get) {
				continue
			}
			p, err := published(rec, get, s, base, checksum)
			if err != nil {
				return nil, nil, fmt.Errorf("%s row %d: %w", name, row, err)
			}
			if s.num != "" {
				if p.Numerator, err = optional(get(rec, s.num)); err != nil {
					return nil, nil, fmt.Errorf("%s row %d column %s: %w", name, row, s.num, err)
				}
			}
			switch {
			case s.totalWhere[0] != "":
				if t, ok := totals[filterKey(rec, s.totalWhere)]; ok {
					if p.Denominator, err = optional(get(t, s.num)); err != nil {
						return nil, nil, fmt.Errorf("%s row %d: total row: column %s: %w", name, row, s.num, err)
					}
				}
			case s.den != "":
				if p.Denominator, err = optional(get(rec, s.den)); err != nil {
					return nil, nil, fmt.Errorf("%s row %d column %s: %w", name, row, s.den, err)
				}
			}
			figures = append(figures, p)
		}
	}
	return figures, notes, nil
}

// readTidy reads a DfE tidy CSV whose columns are the standard ones and columns, in any order, and
// returns the column positions, the records (header first) and the hex SHA-256 of the file's bytes.
func readTidy(name string, r io.Reader, columns []string) (col map[string]int, recs [][]string, checksum string, err error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, "", fmt.Errorf("read %s: %w", name, err)
	}
	sum := sha256.Sum256(b)
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	if recs, err = cr.ReadAll(); err != nil {
		return nil, nil, "", fmt.Errorf("read %s: %w", name, err)
	}
	if len(recs) == 0 {
		return nil, nil, "", fmt.Errorf("%s: the file is empty", name)
	}
	col = map[string]int{}
	for i, h := range recs[0] {
		h = strings.TrimSpace(h)
		if !slices.Contains(standardColumns, h) && !slices.Contains(columns, h) {
			return nil, nil, "", fmt.Errorf("%s: column %q is not one csperf knows in this file", name, h)
		}
		col[h] = i
	}
	for _, h := range append(slices.Clone(standardColumns), columns...) {
		if _, ok := col[h]; !ok {
			return nil, nil, "", fmt.Errorf("%s: column %q is missing", name, h)
		}
	}
	return col, recs, hex.EncodeToString(sum[:]), nil
}

func matches(rec []string, where [][2]string, get func([]string, string) string) bool {
	for _, w := range where {
		if get(rec, w[0]) != w[1] {
			return false
		}
	}
	return true
}

// published makes the figure of one row for series s.
func published(rec []string, get func([]string, string) string, s series, source, checksum string) (Published, error) {
	p := Published{Indicator: s.id, Level: get(rec, "geographic_level"), Source: source, SHA256: checksum}
	var err error
	if p.Year, err = strconv.Atoi(get(rec, "time_period")); err != nil || p.Year < 1 {
		return p, fmt.Errorf("time_period %q is not a year", get(rec, "time_period"))
	}
	switch p.Level {
	case LevelNational:
	case LevelRegional:
		p.Region = get(rec, "region_name")
	case LevelAuthority:
		p.Region = get(rec, "region_name")
		if p.Authority, err = strconv.Atoi(get(rec, "old_la_code")); err != nil || p.Authority < 1 {
			return p, fmt.Errorf("old_la_code %q is not an LA number", get(rec, "old_la_code"))
		}
	default:
		return p, fmt.Errorf("geographic_level %q is not National, Regional or Local authority", p.Level)
	}
	v := get(rec, s.value)
	if slices.Contains(Symbols, v) {
		p.Symbol = v
		return p, nil
	}
	if p.Value, err = number(v); err != nil {
		return p, fmt.Errorf("column %s: %q is neither a number nor a suppression symbol", s.value, v)
	}
	return p, nil
}

// optional reads a count that may be suppressed: nil for a symbol.
func optional(s string) (*float64, error) {
	if slices.Contains(Symbols, s) {
		return nil, nil
	}
	x, err := number(s)
	if err != nil {
		return nil, fmt.Errorf("%q is neither a number nor a suppression symbol", s)
	}
	return &x, nil
}

// number reads a finite number: ParseFloat also takes NaN and Inf, which no publication means.
func number(s string) (float64, error) {
	x, err := strconv.ParseFloat(s, 64)
	if err == nil && (math.IsNaN(x) || math.IsInf(x, 0)) {
		err = fmt.Errorf("%q is not a finite number", s)
	}
	return x, err
}

// ReadNeighbours reads a DfE statistical-neighbour file: sn_model_2025_wide.csv (model "2025",
// columns old_la_code and SN_1 … SN_10) or New_Statistical_Neighbour_Groupings_April_2021.csv (model
// "2021", columns "LA num" and SN1 … SN10). It returns each authority's 10 neighbours, closest
// first, and the model. Another layout is an error.
func ReadNeighbours(name string, r io.Reader) (map[int][]int, string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", name, err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", name, err)
	}
	if len(recs) == 0 {
		return nil, "", fmt.Errorf("%s: the file is empty", name)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	var model, key, prefix string
	switch {
	case has(col, "old_la_code", "SN_1", "SN_10"):
		model, key, prefix = "2025", "old_la_code", "SN_"
	case has(col, "LA num", "SN1", "SN10"):
		model, key, prefix = "2021", "LA num", "SN"
	default:
		return nil, "", fmt.Errorf("%s: not a statistical-neighbour file csperf knows (no old_la_code and SN_1…SN_10, nor LA num and SN1…SN10 columns)", name)
	}
	out := map[int][]int{}
	for i, rec := range recs[1:] {
		row := i + 2
		field := func(c string) string {
			if col[c] < len(rec) {
				return strings.TrimSpace(rec[col[c]])
			}
			return ""
		}
		if field(key) == "" {
			continue // trailing blank lines
		}
		la, err := strconv.Atoi(field(key))
		if err != nil || la < 1 {
			return nil, "", fmt.Errorf("%s row %d: %s %q is not an LA number", name, row, key, field(key))
		}
		nbs := make([]int, 0, 10)
		for k := 1; k <= 10; k++ {
			c := prefix + strconv.Itoa(k)
			n, err := strconv.Atoi(field(c))
			if err != nil || n < 1 {
				return nil, "", fmt.Errorf("%s row %d: %s %q is not an LA number", name, row, c, field(c))
			}
			nbs = append(nbs, n)
		}
		out[la] = nbs
	}
	return out, model, nil
}

func has(col map[string]int, names ...string) bool {
	for _, n := range names {
		if _, ok := col[n]; !ok {
			return false
		}
	}
	return true
}
