package compare

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"csperf/internal/indicator"
)

// The LAIT check. DfE's Local Authority Interactive Tool (LAIT) publishes, per measure and year,
// every authority's value, England and the regions. The subset in the reference data holds only those
// values: no rows of statistical-neighbour averages, ranks or quartile bands (the test checks that).
// So the comparators are checked two ways:
//
//   - LAIT's authority values against the same figures read from DfE's own files by ReadPublished:
//     the inputs to the comparators must agree;
//   - the comparators worked out from LAIT's values (SN mean, rank, band, with LAIT's rules: mean of
//     the neighbours with a value, ties share the lowest rank, bands by polarity) against the same
//     comparators worked out from DfE's values.
//
// Every disagreement must be explained by a difference in the inputs (a figure suppressed in one
// source only, or a figure that differs between them); an unexplained one fails the test. Among the
// authorities whose figures agree, ranks and bands must agree exactly ("like for like").
//
// What this cannot check: LAIT's own SN averages, ranks and bands, which the subset does not carry.
// The rules themselves (mean of the neighbours with a value, standard competition ranking, bands by
// polarity) are tested on their own in comparators_test.go.

// Explanations of a mismatch.
const (
	// Seen: Sunderland (394) agency rate 2023–25, which DfE shows as "low" and LAIT as 0; Isles of
	// Scilly (420) second plans, which DfE shows as 0% of a suppressed number of plans and LAIT as "-".
	whySuppressed = "suppressed or missing in one source only"
	whyJoint      = "LAIT gives each authority of a joint service (940/941 Northamptonshire, 314/318 Kingston and Richmond) the joint workforce figure; ReadPublished attributes it to neither"
	whyDiffers    = "the two sources publish different figures (revised or rounded differently)"
	whyNeighbour  = "a neighbour's figure is suppressed in one source only or differs between them"
	whyOthers     = "other authorities' figures are suppressed in one source only or differ, moving the rank"
	whyOwn        = "the authority's own figure differs between the sources"
)

// laitValues holds LAIT's figures: by measure code and year, each authority's number (numeric only),
// England (LA number 970) and the regions (980–990).
type laitValues struct {
	las     map[string]map[int]map[int]float64 // code → year → LA → value
	england map[string]map[int]float64         // code → year → value
	areas   map[string]int                     // names of rows that are not authorities, England or regions
}

func readLAIT(t *testing.T, path string) laitValues {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	want := []string{"Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number", "Region"}
	if got := recs[0]; !slices.Equal(got, want) && !slices.Equal(append([]string{strings.TrimPrefix(got[0], "\uFEFF")}, got[1:]...), want) {
		t.Fatalf("%s: columns %q, want %q", path, got, want)
	}
	lv := laitValues{las: map[string]map[int]map[int]float64{}, england: map[string]map[int]float64{}, areas: map[string]int{}}
	for _, r := range recs[1:] {
		code, name := r[0], r[3]
		year, err := strconv.Atoi(r[2])
		if err != nil {
			continue // financial-year measures ("2016-17") are not in the catalogue
		}
		num, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			lv.areas[name]++
			continue
		}
		v, err := strconv.ParseFloat(r[4], 64)
		if err != nil {
			continue // suppressed or not available
		}
		switch la := int(num); {
		case la == 970:
			if lv.england[code] == nil {
				lv.england[code] = map[int]float64{}
			}
			lv.england[code][year] = v
		case la < 970:
			if lv.las[code] == nil {
				lv.las[code] = map[int]map[int]float64{}
			}
			if lv.las[code][year] == nil {
				lv.las[code][year] = map[int]float64{}
			}
			lv.las[code][year][la] = v
		}
	}
	return lv
}

// readPolarity returns LAIT's polarity (High, Low or -) by measure code from its data dictionary.
func readPolarity(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.LazyQuotes = true
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimPrefix(h, "\uFEFF")] = i
	}
	out := map[string]string{}
	for _, r := range recs[1:] {
		out[r[col["Measure_short"]]] = r[col["Polarity"]]
	}
	return out
}

// dfeValues reads every known published file and returns the authority and England figures by
// indicator and year (numbers only).
// It also returns the authorities whose figures are published only jointly with another's.
func dfeValues(t *testing.T, dir string) (las map[string]map[int]map[int]float64, england map[string]map[int]float64, joint map[int]bool) {
	t.Helper()
	las, england, joint = map[string]map[int]map[int]float64{}, map[string]map[int]float64{}, map[int]bool{}
	var all []Published
	for _, name := range KnownFiles() {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		ps, notes, err := ReadPublished(name, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range notes {
			// e.g. "… figures for A / B (940 / 941) together …"
			if i, j := strings.LastIndex(n, "("), strings.LastIndex(n, ")"); i >= 0 && j > i {
				for _, f := range strings.Split(n[i+1:j], "/") {
					if la, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
						joint[la] = true
					}
				}
			}
		}
		all = append(all, ps...)
	}
	for name := range rateSpecs {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		pop, err := os.Open(filepath.Join(dir, PopulationFile))
		if err != nil {
			t.Fatal(err)
		}
		ps, err := ReadRates(name, f, PopulationFile, pop)
		f.Close()
		pop.Close()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ps...)
	}
	for _, p := range all {
		if p.Symbol != "" {
			continue
		}
		switch p.Level {
		case LevelNational:
			if england[p.Indicator] == nil {
				england[p.Indicator] = map[int]float64{}
			}
			england[p.Indicator][p.Year] = p.Value
		case LevelAuthority:
			if las[p.Indicator] == nil {
				las[p.Indicator] = map[int]map[int]float64{}
			}
			if las[p.Indicator][p.Year] == nil {
				las[p.Indicator][p.Year] = map[int]float64{}
			}
			las[p.Indicator][p.Year][p.Authority] = p.Value
		}
	}
	return las, england, joint
}

// tallyL counts the checks of one kind for one indicator.
type tallyL struct {
	checked, matched int
	explained        map[string]int
	unexplained      []string
}

func (ty *tallyL) match()                { ty.checked++; ty.matched++ }
func (ty *tallyL) miss(why, what string) { ty.checked++; ty.note(why, what) }
func (ty *tallyL) note(why, what string) {
	if why == "" {
		ty.unexplained = append(ty.unexplained, what)
		return
	}
	if ty.explained == nil {
		ty.explained = map[string]int{}
	}
	ty.explained[why]++
}

func (ty *tallyL) rate() float64 {
	if ty.checked == 0 {
		return 1
	}
	return float64(ty.matched) / float64(ty.checked)
}

func (ty *tallyL) String() string {
	s := fmt.Sprintf("%d/%d (%.1f%%)", ty.matched, ty.checked, 100*ty.rate())
	keys := make([]string, 0, len(ty.explained))
	for k := range ty.explained {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s += fmt.Sprintf("; %d: %s", ty.explained[k], k)
	}
	return s
}

func TestLAIT(t *testing.T) {
	data := dataDir(t)
	lait := readLAIT(t, filepath.Join(data, "lait", "lait_csc_subset.csv"))
	polarity := readPolarity(t, filepath.Join(data, "lait", "lait_data_dictionary.csv"))
	dfe, dfeEngland, joint := dfeValues(t, filepath.Join(data, "dfe"))
	models := map[string]map[int][]int{}
	for _, file := range []string{"sn_model_2025_wide.csv", "New_Statistical_Neighbour_Groupings_April_2021.csv"} {
		f, err := os.Open(filepath.Join(data, "dfe", file))
		if err != nil {
			t.Fatal(err)
		}
		nbs, model, err := ReadNeighbours(file, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		models[model] = nbs
	}

	// The subset carries no SN averages, ranks or quartiles: only authorities, England and regions.
	for name := range lait.areas {
		lower := strings.ToLower(name)
		if strings.Contains(lower, "neighbour") || strings.Contains(lower, "rank") || strings.Contains(lower, "quartile") {
			t.Errorf("LAIT subset has rows named %q: compare the comparators with them directly", name)
		}
	}

	// Which model for which year. The rule: the April 2021 model until a year in which it lacks an
	// authority that has figures, then the 2025 model. The data decide it through the authorities
	// formed since 2021: Cumberland (942) and Westmorland and Furness (943) have figures from 2024,
	// are in the 2025 model and not in the 2021 one, so 2016–2023 use the 2021 model and 2024–2025
	// the 2025 one. The counts logged show the fit of both models each year: under the chosen one,
	// no authority is missing and (from 2022) no neighbour lacks a figure.
	modelOf := map[int]string{}
	for year := 2016; year <= 2025; year++ {
		vals := lait.las["LAC"][year]
		modelOf[year] = "2021"
		var notes []string
		for _, m := range []string{"2021", "2025"} {
			missing, noEntry := 0, 0
			for la := range vals {
				nbs, ok := models[m][la]
				if !ok {
					noEntry++
				}
				for _, n := range nbs {
					if _, ok := vals[n]; !ok {
						missing++
					}
				}
			}
			if m == "2021" && noEntry > 0 {
				modelOf[year] = "2025"
			}
			notes = append(notes, fmt.Sprintf("model %s: %d authorities not in the model, %d neighbours without a figure", m, noEntry, missing))
		}
		t.Logf("SN models, %d (using %s): %s", year, modelOf[year], strings.Join(notes, "; "))
	}
	if modelOf[2023] != "2021" || modelOf[2024] != "2025" || modelOf[2025] != "2025" {
		t.Errorf("SN model by year %v: expected the 2021 model to 2023 and the 2025 model from 2024", modelOf)
	}

	for _, ind := range indicator.Catalogue() {
		if ind.LAIT == "" {
			continue
		}
		t.Run(ind.ID, func(t *testing.T) {
			lv := lait.las[ind.LAIT]
			if lv == nil {
				t.Skipf("LAIT measure %s is not in the subset", ind.LAIT)
			}
			if p := polarity[ind.LAIT]; !polarityAgrees(ind.Polarity, p) {
				t.Errorf("polarity: catalogue %s, LAIT %q", ind.Polarity, p)
			}
			dv := dfe[ind.ID]
			if dv == nil {
				t.Logf("no DfE file read by ReadPublished carries %s: comparators worked out from LAIT's figures only, nothing to check them against", ind.ID)
				return
			}
			tol := 0.5*math.Pow(10, -float64(ind.Decimals)) + 1e-9
			var values, england, means, ranks, bands, common tallyL
			for year, lvals := range lv {
				dvals, ok := dv[year]
				if !ok {
					continue
				}
				if e, ok := lait.england[ind.LAIT][year]; ok {
					if d, ok := dfeEngland[ind.ID][year]; ok {
						if math.Abs(e-d) <= tol {
							england.match()
						} else {
							england.miss(whyDiffers, fmt.Sprintf("%d England: LAIT %v, DfE %v", year, e, d))
						}
					}
				}
				// Authorities whose figure is in one source only, or differs.
				differs := map[int]string{}
				for la, l := range lvals {
					d, ok := dvals[la]
					switch {
					case !ok && joint[la]:
						differs[la] = whyJoint
					case !ok:
						differs[la] = whySuppressed
						t.Logf("%d LA %d: LAIT %v, DfE suppressed or absent", year, la, l)
					case math.Abs(l-d) > tol:
						differs[la] = whyDiffers
					}
				}
				for la, d := range dvals {
					if _, ok := lvals[la]; !ok {
						differs[la] = whySuppressed
						t.Logf("%d LA %d: DfE %v, LAIT suppressed or absent", year, la, d)
					}
				}
				for la := range lvals {
					if why, ok := differs[la]; ok {
						values.miss(why, "")
					} else {
						values.match()
					}
				}
				for la := range dvals {
					if _, ok := lvals[la]; !ok {
						values.miss(whySuppressed, "")
					}
				}

				nbs := models[modelOf[year]]
				lr, dr := Ranks(lvals, ind.Polarity), Ranks(dvals, ind.Polarity)
				// Like for like: among the authorities whose figures agree, ranks and bands
				// worked out from either source must be the same.
				lc, dc := map[int]float64{}, map[int]float64{}
				for la, v := range lvals {
					if _, ok := dvals[la]; ok && differs[la] == "" {
						lc[la], dc[la] = v, dvals[la]
					}
				}
				lcr, dcr := Ranks(lc, ind.Polarity), Ranks(dc, ind.Polarity)
				for la, r := range lcr {
					if r == dcr[la] && Band(r, len(lcr)) == Band(dcr[la], len(dcr)) {
						common.match()
					} else {
						common.miss("", fmt.Sprintf("%d LA %d like-for-like rank: LAIT %d, DfE %d", year, la, r, dcr[la]))
					}
				}
				for la := range lvals {
					what := fmt.Sprintf("%d LA %d", year, la)
					if ns, ok := nbs[la]; ok {
						lm, _, ln := NeighbourStats(ns, lvals)
						dm, _, dn := NeighbourStats(ns, dvals)
						if ln == dn && math.Abs(lm-dm) <= tol {
							means.match()
						} else {
							why := ""
							for _, n := range ns {
								if differs[n] != "" {
									why = whyNeighbour
								}
							}
							means.miss(why, fmt.Sprintf("%s SN mean: LAIT %.3f of %d, DfE %.3f of %d", what, lm, ln, dm, dn))
						}
					}
					if lr == nil {
						continue
					}
					l, d := lr[la], dr[la]
					why := ""
					switch {
					case differs[la] != "":
						why = whyOwn
					case abs(l-d) <= len(differs):
						why = whyOthers
					}
					if l == d {
						ranks.match()
					} else {
						ranks.miss(why, fmt.Sprintf("%s rank: LAIT %d of %d, DfE %d of %d", what, l, len(lr), d, len(dr)))
					}
					if Band(l, len(lr)) == Band(d, len(dr)) {
						bands.match()
					} else {
						bands.miss(why, fmt.Sprintf("%s band: LAIT %s, DfE %s", what, Band(l, len(lr)), Band(d, len(dr))))
					}
				}
			}
			t.Logf("%s (LAIT %s, %s): values %s", ind.ID, ind.LAIT, ind.Polarity, &values)
			t.Logf("%s: England %s", ind.ID, &england)
			t.Logf("%s: SN mean %s", ind.ID, &means)
			if ind.Polarity != indicator.Neutral {
				t.Logf("%s: rank %s", ind.ID, &ranks)
				t.Logf("%s: band %s", ind.ID, &bands)
				t.Logf("%s: rank and band like for like %s", ind.ID, &common)
			}
			for name, ty := range map[string]*tallyL{"values": &values, "SN mean": &means, "rank": &ranks, "band": &bands, "England": &england, "like for like": &common} {
				if len(ty.unexplained) > 0 {
					t.Errorf("%s: %d unexplained mismatches, e.g. %s", name, len(ty.unexplained), strings.Join(ty.unexplained[:min(5, len(ty.unexplained))], "; "))
				}
			}
			// Thresholds below 100% allow for the explained differences in the inputs: workforce
			// figures of joint services (about 3% of authorities, and so about 10% of SN means).
			if values.rate() < 0.95 || means.rate() < 0.85 || bands.rate() < 0.95 || common.rate() < 1 {
				t.Errorf("match rates too low: values %.1f%%, SN mean %.1f%%, band %.1f%%", 100*values.rate(), 100*means.rate(), 100*bands.rate())
			}
		})
	}
}

// polarityAgrees says whether LAIT's polarity (High, Low, -) is the catalogue's.
func polarityAgrees(p indicator.Polarity, lait string) bool {
	switch lait {
	case "High":
		return p == indicator.HigherIsBetter
	case "Low":
		return p == indicator.LowerIsBetter
	}
	return p == indicator.Neutral
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
