package compare

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"csperf/internal/indicator"
)

// rateSpec describes a published file of counts at 31 March that DfE turns into a rate per 10,000
// children with ONS's 0–17 population estimate of the previous mid-year (the 2025 figures use the
// mid-2024 estimate).
type rateSpec struct {
	id      string
	count   string
	columns []string
}

// PopulationFile is the ONS population file ReadRates takes.
const PopulationFile = "ons_mid-year_population_estimates_2012_to_2024.csv"

var rateSpecs = map[string]rateSpec{
	"b1_children_in_need_2013_to_2025.csv": {id: "cin-rate", count: "At31_episodes",
		columns: []string{"category", "Anypoint_episodes", "Anypoint_child", "Started_episodes", "Started_child",
			"Ended_episodes", "Ended_child", "At31_episodes", "awaiting_assessment"}},
	"d5_cpps_at31march_by_duration_2013_to_2025.csv": {id: "cpp-rate", count: "CPP_At31",
		columns: fileSpecs["d5_cpps_at31march_by_duration_2013_to_2025.csv"].columns},
}

// ReadRates works out the rates per 10,000 children DfE does not publish as figures in its tidy
// files: children in need (from b1_children_in_need_2013_to_2025.csv) and children on a child
// protection plan (from d5_cpps_at31march_by_duration_2013_to_2025.csv) at 31 March, over ONS's 0–17
// population estimate (PopulationFile) for the previous mid-year, rounded to the catalogue's decimals
// as DfE rounds. A suppressed count or a missing population gives a figure with the count's symbol
// ("x" when the population is missing). Source and SHA256 are those of the count file.
func ReadRates(countName string, counts io.Reader, popName string, pop io.Reader) ([]Published, error) {
	spec, ok := rateSpecs[filepath.Base(countName)]
	if !ok {
		var known []string
		for n := range rateSpecs {
			known = append(known, n)
		}
		slices.Sort(known)
		return nil, fmt.Errorf("%s: not a file of counts csperf turns into rates (it reads %s)", countName, strings.Join(known, ", "))
	}
	if filepath.Base(popName) != PopulationFile {
		return nil, fmt.Errorf("%s: not the population file csperf knows (%s)", popName, PopulationFile)
	}
	ind, ok := indicator.Lookup(spec.id)
	if !ok {
		return nil, fmt.Errorf("indicator %s is not in the catalogue", spec.id)
	}
	pcol, precs, _, err := readTidy(popName, pop, []string{"age_group", "population_estimate"})
	if err != nil {
		return nil, err
	}
	type key struct{ year, level, region, la string }
	population := map[key]string{}
	for _, rec := range precs[1:] {
		g := func(c string) string { return strings.TrimSpace(rec[pcol[c]]) }
		if g("age_group") != "Children aged 0 to 17 years" {
			return nil, fmt.Errorf("%s: age_group %q is not one csperf knows", popName, g("age_group"))
		}
		population[key{g("time_period"), g("geographic_level"), g("region_name"), g("old_la_code")}] = g("population_estimate")
	}
	col, recs, checksum, err := readTidy(countName, counts, spec.columns)
	if err != nil {
		return nil, err
	}
	var out []Published
	for i, rec := range recs[1:] {
		row := i + 2
		g := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		if strings.Contains(g("old_la_code"), "/") {
			continue // joint figures, as in ReadPublished (none in these files today)
		}
		p, err := published(rec, func(_ []string, c string) string { return g(c) }, series{id: spec.id, value: spec.count},
			filepath.Base(countName), checksum)
		if err != nil {
			return nil, fmt.Errorf("%s row %d: %w", countName, row, err)
		}
		if p.Symbol != "" {
			out = append(out, p)
			continue
		}
		n := p.Value
		p.Numerator = &n
		prev := strconv.Itoa(p.Year - 1)
		ps, found := population[key{prev, g("geographic_level"), g("region_name"), g("old_la_code")}]
		if !found {
			p.Value, p.Symbol = 0, "x"
			out = append(out, p)
			continue
		}
		d, err := optional(ps)
		if err != nil {
			return nil, fmt.Errorf("%s: population of %s for %s: %w", popName, g("la_name"), prev, err)
		}
		if d == nil || *d == 0 {
			p.Value, p.Symbol = 0, "x"
			out = append(out, p)
			continue
		}
		p.Denominator = d
		p.Value = indicator.Round(n*10000 / *d, ind.Decimals)
		out = append(out, p)
	}
	return out, nil
}
