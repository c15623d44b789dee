package indicator

import (
	"math"
	"slices"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/ssda903"
	"csperf/internal/synth"
)

// claUnits are the units the catalogue gives the looked-after measures; the tests finish values with
// them so that they do not depend on the catalogue being loaded.
var claUnits = map[string]Unit{
	"cla-count": Count, "cla-rate": Rate10k, "cla-starts-rate": Rate10k, "cla-ceased-rate": Rate10k,
	"cla-by-age": Percent, "cla-by-legal-status": Percent, "cla-by-placement": Percent,
	"placement-3plus": Percent, "placement-long-term": Percent,
	"missing-children": Percent, "missing-incidents": Count,
	"health-assessment": Percent, "immunisations": Percent, "dental": Percent, "sdq-average": Score,
	"care-leavers-eet-19-21": Percent, "care-leavers-accom-19-21": Percent,
	"care-leavers-eet-17-18": Percent, "care-leavers-accom-17-18": Percent,
	"adopted-percent": Percent, "sgo-percent": Percent,
	"adoption-a1": Days, "adoption-a2": Days, "adoption-a10": Days,
	"sw-changes-3plus": Percent,
}

// claDay parses a dd/mm/yyyy date.
func claDay(s string) Date {
	d, err := calendar.ParseDMY(s)
	if err != nil {
		panic(err)
	}
	return d
}

// claE makes an episode: start, end ("" when open), RNE, LS, PLACE, REC.
func claE(start, end, rne, ls, place, rec string) ssda903.Episode {
	return ssda903.Episode{DECOM: claDay(start), DEC: claDay(end), RNE: rne, LS: ls, Place: place, REC: rec}
}

// claSW makes a social worker episode: id, start, end ("" when open).
func claSW(id, start, end string) ssda903.SWEpisode {
	return ssda903.SWEpisode{SWID: id, SWDecom: claDay(start), SWDec: claDay(end)}
}

// claChild is a hand-built child.
type claChild struct {
	id, dob string
	eps     []ssda903.Episode
	missing []string // starts of missing episodes (M)
	away    []string // starts of absences from placement (A)
	sw      []ssda903.SWEpisode
	match   string // AD1 DATE_MATCH, when adopted
	foster  bool   // AD1 FOSTER_CARE = 1
	placed  string // PlacedAdoption DATE_PLACED
}

// claReturns writes the children into the returns of collection years first to last as a council
// would: episodes and social workers in every year they overlap, missing episodes and decisions in the
// year they happen, AD1 in the year of the adoption.
func claReturns(first, last int, kids ...claChild) map[int]*ssda903.Return {
	rs := map[int]*ssda903.Return{}
	in := func(d, start, end Date) bool { return d >= start && d <= end }
	for y := first; y <= last; y++ {
		start, end := calendar.CollectionYearStart(y), calendar.CollectionYearEnd(y)
		r := &ssda903.Return{Authority: 857, Year: y}
		for _, k := range kids {
			dob := claDay(k.dob)
			n := len(r.Episodes)
			for _, e := range k.eps {
				if e.DECOM <= end && (e.DEC == 0 || e.DEC >= start) {
					e.Child = k.id
					r.Episodes = append(r.Episodes, e)
				}
			}
			if len(r.Episodes) > n {
				r.Header = append(r.Header, ssda903.Header{Child: k.id, DOB: dob})
			}
			for kind, days := range map[string][]string{"M": k.missing, "A": k.away} {
				for _, s := range days {
					if in(claDay(s), start, end) {
						r.Missing = append(r.Missing, ssda903.Missing{Child: k.id, DOB: dob, Missing: kind, MisStart: claDay(s)})
					}
				}
			}
			for _, s := range k.sw {
				if s.SWDecom <= end && (s.SWDec == 0 || s.SWDec >= start) {
					s.Child = k.id
					r.SWEpisodes = append(r.SWEpisodes, s)
				}
			}
			if k.match != "" && in(k.eps[len(k.eps)-1].DEC, start, end) {
				fc := "0"
				if k.foster {
					fc = "1"
				}
				r.AD1 = append(r.AD1, ssda903.AD1{Child: k.id, DOB: dob, DateMatch: claDay(k.match), FosterCare: fc})
			}
			if k.placed != "" && in(claDay(k.placed), start, end) {
				r.PlacedAdoption = append(r.PlacedAdoption, ssda903.PlacedAdoption{Child: k.id, DOB: dob, DatePlaced: claDay(k.placed)})
			}
		}
		rs[y] = r
	}
	return rs
}

// claHistoryOf makes a History of the returns, with a population of 10,000 every year so that a
// rate equals its numerator.
func claHistoryOf(rs map[int]*ssda903.Return) *History {
	pop := map[int]int{}
	var list []*ssda903.Return
	for y, r := range rs {
		pop[y] = 10000
		list = append(list, r)
	}
	return NewHistory(857, pop, list, nil, nil)
}

// claCase is one expected value.
type claCase struct {
	id, at, cat string
	none        bool              // no value expected
	num, den    int64             //
	value       float64           // expected value
	counted     []string          // the children in the numerator (checked when not nil)
	facts       map[string]string // facts of some members
}

// claCheck computes each case with and without members and compares.
func claCheck(t *testing.T, h *History, cases []claCase) {
	t.Helper()
	for _, c := range cases {
		name := c.id + " " + c.cat + " at " + c.at
		f, ok := claFuncs()[c.id]
		if !ok {
			t.Fatalf("%s: not computed", name)
		}
		var got [2]Value
		for i, members := range []bool{false, true} {
			vs := f(h, claDay(c.at), members)
			if c.none {
				if len(vs) != 0 {
					t.Errorf("%s: got %d values, want none", name, len(vs))
				}
				continue
			}
			j := slices.IndexFunc(vs, func(v Value) bool { return v.Category == c.cat })
			if j < 0 {
				t.Fatalf("%s: no value", name)
			}
			got[i] = vs[j]
			got[i].Finish(claUnits[c.id])
		}
		if c.none {
			continue
		}
		v := got[1]
		if got[0].Numerator != v.Numerator || got[0].Denominator != v.Denominator || got[0].Members != nil {
			t.Errorf("%s: without members %d/%d, with %d/%d", name, got[0].Numerator, got[0].Denominator, v.Numerator, v.Denominator)
		}
		if v.Numerator != c.num || v.Denominator != c.den || math.Abs(v.Value-c.value) > 1e-9 {
			t.Errorf("%s: got %d/%d = %g, want %d/%d = %g", name, v.Numerator, v.Denominator, v.Value, c.num, c.den, c.value)
		}
		var counted []string
		facts := map[string]string{}
		for _, m := range v.Members {
			if m.Numerator {
				counted = append(counted, m.Child)
			}
			facts[m.Child] = m.Facts
		}
		slices.Sort(counted)
		if c.counted != nil && !slices.Equal(counted, c.counted) {
			t.Errorf("%s: counted %v, want %v", name, counted, c.counted)
		}
		for child, want := range c.facts {
			if facts[child] != want {
				t.Errorf("%s: facts of %s\n got %q\nwant %q", name, child, facts[child], want)
			}
		}
	}
}

func TestCLACountsStartsAndCeasings(t *testing.T) {
	u4 := func(id, dob, start string) claChild {
		return claChild{id: id, dob: dob, eps: []ssda903.Episode{claE(start, "", "S", "C2", "U4", "")}}
	}
	h := claHistoryOf(claReturns(2023, 2025,
		u4("A", "15/06/2015", "01/01/2022"), // open across every year end
		claChild{id: "R1", dob: "01/01/2012", eps: []ssda903.Episode{ // short breaks, one open across D
			claE("01/03/2025", "04/03/2025", "S", "V3", "K1", "E13"), claE("29/03/2025", "", "S", "V3", "K1", "")}},
		claChild{id: "R2", dob: "01/01/2012", eps: []ssda903.Episode{claE("01/06/2024", "05/06/2024", "S", "V4", "K1", "E13")}},
		claChild{id: "B", dob: "01/01/2010", eps: []ssda903.Episode{claE("01/05/2023", "31/03/2025", "S", "C2", "U4", "E4A")}},
		claChild{id: "C", dob: "01/01/2009", eps: []ssda903.Episode{claE("31/03/2025", "", "S", "V2", "U5", "")}},
		u4("S1", "01/01/2015", "10/10/2024"), u4("S2", "01/01/2017", "10/10/2024"), u4("S3", "01/01/2020", "10/10/2024"),
		claChild{id: "L", dob: "01/01/2013", eps: []ssda903.Episode{ // leaves and comes back
			claE("01/05/2024", "01/08/2024", "S", "C2", "U4", "E4A"), claE("01/10/2024", "", "S", "C2", "U6", "")}},
		claChild{id: "M", dob: "01/01/2013", eps: []ssda903.Episode{ // a move is not a new start
			claE("01/04/2024", "01/07/2024", "S", "C2", "U4", "X1"), claE("01/07/2024", "", "P", "C2", "K2", "")}},
		u4("E", "01/01/2014", "31/03/2024"),
		claChild{id: "F", dob: "01/01/2014", eps: []ssda903.Episode{claE("28/02/2023", "01/03/2023", "S", "C2", "U4", "E4A")}},
		claChild{id: "P", dob: "01/01/2014", eps: []ssda903.Episode{claE("01/03/2023", "29/02/2024", "S", "C2", "U4", "E13")}},
	))
	claCheck(t, h, []claCase{
		{id: "cla-count", at: "31/03/2025", num: 8, value: 8, counted: []string{"A", "C", "E", "L", "M", "S1", "S2", "S3"},
			facts: map[string]string{"S1": "looked after since 10/10/2024; aged 10; legal status C2; placement U4",
				"L": "looked after since 01/10/2024; aged 12; legal status C2; placement U6"}},
		{id: "cla-rate", at: "31/03/2025", num: 8, den: 10000, value: 8},
		{id: "cla-starts-rate", at: "31/03/2025", num: 6, den: 10000, value: 6, counted: []string{"C", "L", "M", "S1", "S2", "S3"},
			facts: map[string]string{"L": "started to be looked after on 01/05/2024 and 01/10/2024"}},
		{id: "cla-ceased-rate", at: "31/03/2025", num: 2, den: 10000, value: 2, counted: []string{"B", "L"},
			facts: map[string]string{"L": "ceased to be looked after on 01/08/2024 (went home, E4A)"}},
		// D not at 31 March.
		{id: "cla-count", at: "30/09/2024", num: 4, value: 4, counted: []string{"A", "B", "E", "M"}},
		{id: "cla-starts-rate", at: "30/09/2024", num: 3, den: 10000, value: 3, counted: []string{"E", "L", "M"}},
		{id: "cla-ceased-rate", at: "30/09/2024", num: 2, den: 10000, value: 2, counted: []string{"L", "P"}},
		// A leap day: the 12 months are 01/03/2023 to 29/02/2024.
		{id: "cla-count", at: "29/02/2024", num: 2, value: 2, counted: []string{"A", "B"}},
		{id: "cla-starts-rate", at: "29/02/2024", num: 2, den: 10000, value: 2, counted: []string{"B", "P"}},
		{id: "cla-ceased-rate", at: "29/02/2024", num: 2, den: 10000, value: 2, counted: []string{"F", "P"}},
		// At 28/02/2023 the 2022-23 return is held but not the one before: a count, but not the 12 months.
		{id: "cla-count", at: "28/02/2023", num: 2, value: 2, counted: []string{"A", "F"}},
		{id: "cla-starts-rate", at: "28/02/2023", none: true},
		{id: "cla-count", at: "30/04/2025", none: true},
		{id: "cla-ceased-rate", at: "30/04/2025", none: true},
	})
}

func TestCLABreakdowns(t *testing.T) {
	kid := func(id, dob, ls, place string) claChild {
		return claChild{id: id, dob: dob, eps: []ssda903.Episode{claE("01/06/2024", "", "S", ls, place, "")}}
	}
	h := claHistoryOf(claReturns(2024, 2025,
		kid("a0", "01/04/2024", "C2", "U4"),
		kid("a1", "31/03/2024", "C2", "U4"),  // first birthday on D
		kid("a4", "29/02/2020", "C2", "U4"),  // five on 01/03/2025
		kid("a16", "31/03/2009", "C2", "U4"), // sixteen on D
		kid("a15", "01/04/2009", "C1", "U5"),
		kid("lE1", "01/01/2012", "E1", "A6"), kid("lV2", "01/01/2012", "V2", "P2"),
		kid("lL2", "01/01/2012", "L2", "K2"), kid("lJ3", "01/01/2012", "J3", "K1"),
		kid("lD1", "01/01/2012", "D1", "P1"), kid("lV3", "01/01/2012", "V3", "K1"),
		kid("pH5", "01/01/2012", "C1", "H5"), kid("pS1", "01/01/2012", "C1", "S1"),
		kid("pR2", "01/01/2012", "C1", "R2"), kid("pT0", "01/01/2012", "C1", "T0"),
		kid("pZ1", "01/01/2012", "C1", "Z1"), kid("pA3", "01/01/2012", "C1", "A3"),
		kid("pU1", "01/01/2012", "C1", "U1"),
	))
	d, cases := "31/03/2025", []claCase{}
	add := func(id, at, cat string, n int64, counted ...string) {
		c := claCase{id: id, at: at, cat: cat, num: n, den: 17, value: float64(n) * 100 / 17}
		if counted != nil {
			c.counted = counted
		}
		cases = append(cases, c)
	}
	add("cla-by-age", d, "under-1", 1, "a0")
	add("cla-by-age", d, "1-4", 1, "a1")
	add("cla-by-age", d, "5-9", 1, "a4")
	add("cla-by-age", d, "10-15", 13)
	add("cla-by-age", d, "16-plus", 1, "a16")
	add("cla-by-age", "28/02/2025", "under-1", 2, "a0", "a1")
	add("cla-by-age", "28/02/2025", "1-4", 1, "a4")
	add("cla-by-age", "28/02/2025", "16-plus", 0)
	add("cla-by-legal-status", d, "interim-care-order", 4, "a0", "a1", "a16", "a4")
	add("cla-by-legal-status", d, "full-care-order", 8)
	add("cla-by-legal-status", d, "placement-order", 1, "lE1")
	add("cla-by-legal-status", d, "section-20", 1, "lV2")
	add("cla-by-legal-status", d, "police-protection-emergency", 1, "lL2")
	add("cla-by-legal-status", d, "youth-justice", 1, "lJ3")
	add("cla-by-legal-status", d, "other", 1, "lD1")
	add("cla-by-placement", d, "foster", 6, "a0", "a1", "a15", "a16", "a4", "pU1")
	add("cla-by-placement", d, "placed-for-adoption", 2, "lE1", "pA3")
	add("cla-by-placement", d, "with-parents", 1, "lD1")
	add("cla-by-placement", d, "independent-living", 2, "lV2", "pH5")
	add("cla-by-placement", d, "childrens-homes-and-secure", 2, "lJ3", "lL2")
	add("cla-by-placement", d, "residential-schools", 1, "pS1")
	add("cla-by-placement", d, "other-residential", 1, "pR2")
	add("cla-by-placement", d, "other", 2, "pT0", "pZ1")
	cases = append(cases, claCase{id: "cla-by-age", at: "30/04/2025", cat: "1-4", none: true})
	claCheck(t, h, cases)
	if vs := claFuncs()["cla-by-placement"](h, claDay(d), false); len(vs) != len(claPlacements) {
		t.Errorf("cla-by-placement gave %d values, want one per category", len(vs))
	}
}

func TestCLAPlacementStability(t *testing.T) {
	h := claHistoryOf(claReturns(2024, 2025,
		claChild{id: "p3", dob: "01/01/2012", eps: []ssda903.Episode{
			claE("02/05/2023", "10/07/2024", "S", "C2", "U4", "X1"), claE("10/07/2024", "01/12/2024", "P", "C2", "K2", "X1"),
			claE("01/12/2024", "", "P", "C2", "U5", "")}},
		claChild{id: "fa", dob: "01/01/2022", eps: []ssda903.Episode{ // adoption with the foster carers is no move
			claE("01/05/2024", "10/06/2024", "S", "C2", "U4", "X1"), claE("10/06/2024", "01/11/2024", "P", "C2", "U6", "X1"),
			claE("01/11/2024", "", "P", "E1", "A5", "")}},
		claChild{id: "ad", dob: "01/01/2022", eps: []ssda903.Episode{ // adoption with new carers is
			claE("01/05/2024", "10/06/2024", "S", "C2", "U4", "X1"), claE("10/06/2024", "01/11/2024", "P", "C2", "U6", "X1"),
			claE("01/11/2024", "", "B", "E1", "A6", "")}},
		claChild{id: "ls", dob: "01/01/2012", eps: []ssda903.Episode{ // a change of legal status is no move
			claE("01/05/2024", "01/08/2024", "S", "C2", "U4", "X1"), claE("01/08/2024", "01/09/2024", "L", "C1", "U4", "X1"),
			claE("01/09/2024", "", "P", "C1", "U5", "")}},
		claChild{id: "rt", dob: "01/01/2012", eps: []ssda903.Episode{ // leaves and comes back
			claE("01/05/2024", "01/07/2024", "S", "C2", "U4", "E4A"), claE("01/09/2024", "01/12/2024", "S", "C2", "K2", "X1"),
			claE("01/12/2024", "", "P", "C2", "U4", "")}},
		claChild{id: "w0", dob: "01/01/2012", eps: []ssda903.Episode{ // moves on the first day of the 12 months
			claE("01/01/2024", "01/04/2024", "S", "C2", "U4", "X1"), claE("01/04/2024", "01/06/2024", "P", "C2", "U5", "X1"),
			claE("01/06/2024", "", "P", "C2", "K2", "")}},
		claChild{id: "rs", dob: "01/01/2012", eps: []ssda903.Episode{claE("01/03/2025", "", "S", "V3", "K1", "")}},
		claChild{id: "rc", dob: "01/01/2012", eps: []ssda903.Episode{ // short breaks, then care
			claE("01/05/2024", "05/05/2024", "S", "V3", "K1", "E13"), claE("01/07/2024", "01/09/2024", "S", "C2", "U4", "X1"),
			claE("01/09/2024", "", "P", "C2", "K2", "")}},
		claChild{id: "ab", dob: "01/01/2012", eps: []ssda903.Episode{ // new placement, same carers
			claE("01/05/2024", "01/06/2024", "S", "C2", "U4", "X1"), claE("01/06/2024", "01/09/2024", "T", "C2", "U5", "X1"),
			claE("01/09/2024", "", "P", "C2", "K2", "")}},
	))
	claCheck(t, h, []claCase{
		{id: "placement-3plus", at: "31/03/2025", num: 3, den: 8, value: 37.5, counted: []string{"ad", "p3", "rt"},
			facts: map[string]string{
				"p3": "3 placements in the 12 months to 31/03/2025: U4 from 02/05/2023, K2 from 10/07/2024, U5 from 01/12/2024",
				"fa": "2 placements in the 12 months to 31/03/2025: U4 from 01/05/2024, U6 from 10/06/2024",
				"rt": "3 placements in the 12 months to 31/03/2025: U4 from 01/05/2024, K2 from 01/09/2024, U4 from 01/12/2024",
				"w0": "2 placements in the 12 months to 31/03/2025: U5 from 01/04/2024, K2 from 01/06/2024"}},
		{id: "placement-3plus", at: "30/09/2024", num: 1, den: 8, value: 12.5, counted: []string{"w0"}},
		{id: "placement-3plus", at: "30/03/2024", none: true}, // the 12 months before it are not all held
	})
}

func TestCLALongTermPlacements(t *testing.T) {
	u4 := func(id, dob, start string) claChild {
		return claChild{id: id, dob: dob, eps: []ssda903.Episode{claE(start, "", "S", "C2", "U4", "")}}
	}
	h := claHistoryOf(claReturns(2022, 2025,
		claChild{id: "t1", dob: "01/01/2015", eps: []ssda903.Episode{ // both edges: 2½ years in care, 2 years placed
			claE("30/09/2022", "31/03/2023", "S", "C2", "K2", "X1"), claE("31/03/2023", "", "P", "C2", "U4", "")}},
		u4("t2", "01/01/2015", "01/10/2022"),
		claChild{id: "t3", dob: "01/01/2015", eps: []ssda903.Episode{
			claE("01/01/2020", "01/04/2023", "S", "C2", "U4", "X1"), claE("01/04/2023", "", "P", "C2", "K2", "")}},
		u4("t4", "31/03/2009", "01/01/2020"), // sixteen on D
		u4("t5", "01/04/2009", "01/01/2020"),
		claChild{id: "t6", dob: "01/01/2018", eps: []ssda903.Episode{ // adoption placement after a long foster placement
			claE("01/01/2022", "01/01/2025", "S", "C2", "U4", "X1"), claE("01/01/2025", "", "B", "E1", "A6", "")}},
		claChild{id: "t7", dob: "01/01/2018", eps: []ssda903.Episode{ // adopted by foster carers of under 2 years
			claE("01/01/2020", "01/06/2023", "S", "C2", "K2", "X1"), claE("01/06/2023", "01/09/2024", "P", "C2", "U4", "X1"),
			claE("01/09/2024", "01/01/2025", "L", "E1", "U4", "X1"), claE("01/01/2025", "", "P", "E1", "A5", "")}},
		claChild{id: "t8", dob: "01/01/2015", eps: []ssda903.Episode{claE("01/01/2020", "", "S", "V3", "K1", "")}},
		claChild{id: "t9", dob: "01/01/2015", eps: []ssda903.Episode{ // a break in care restarts the clock
			claE("01/01/2020", "01/01/2023", "S", "C2", "U4", "E4A"), claE("02/01/2023", "", "S", "C2", "U4", "")}},
		claChild{id: "t10", dob: "29/02/2012", eps: []ssda903.Episode{ // edges on a leap day
			claE("29/08/2021", "28/02/2022", "S", "C2", "U4", "X1"), claE("28/02/2022", "", "P", "C2", "U5", "")}},
	))
	claCheck(t, h, []claCase{
		{id: "placement-long-term", at: "31/03/2025", num: 4, den: 6, value: 400.0 / 6, counted: []string{"t1", "t10", "t5", "t6"},
			facts: map[string]string{
				"t1": "looked after since 30/09/2022; same placement (U4) since 31/03/2023",
				"t3": "looked after since 01/01/2020; in this placement (K2) only since 01/04/2023",
				"t6": "looked after since 01/01/2022; placed for adoption (A6) since 01/01/2025, before that U4 since 01/01/2022",
				"t7": "looked after since 01/01/2020; placed for adoption (A5) since 01/01/2025, before that U4 since 01/06/2023"}},
		{id: "placement-long-term", at: "29/02/2024", num: 3, den: 5, value: 60, counted: []string{"t10", "t4", "t5"}},
		{id: "placement-long-term", at: "31/08/2023", none: true}, // 2½ years back is before the first return
	})
}

func TestCLAMissing(t *testing.T) {
	u4 := func(id, start, end, rec string, missing ...string) claChild {
		return claChild{id: id, dob: "01/01/2009", eps: []ssda903.Episode{claE(start, end, "S", "C2", "U4", rec)}, missing: missing}
	}
	m1 := u4("m1", "01/01/2024", "", "", "31/03/2024", "04/05/2024", "06/07/2024", "01/01/2025")
	m1.away = []string{"10/10/2024"}
	rs := claReturns(2024, 2025, m1,
		u4("m2", "01/06/2023", "01/04/2024", "E4A"), // ceased on the first day of the 12 months
		u4("m3", "01/06/2023", "31/03/2024", "E4A", "01/02/2024"),
		claChild{id: "m4", dob: "01/01/2009", eps: []ssda903.Episode{claE("01/06/2024", "03/06/2024", "S", "V3", "K1", "E13")},
			missing: []string{"02/06/2024"}},
		u4("m5", "01/03/2025", "", "", "31/03/2025"),
	)
	// The same missing episode sent again: counted once.
	rs[2025].Missing = append(rs[2025].Missing, ssda903.Missing{Child: "m1", Missing: "M", MisStart: claDay("01/01/2025")})
	h := claHistoryOf(rs)
	claCheck(t, h, []claCase{
		{id: "missing-children", at: "31/03/2025", num: 2, den: 3, value: 200.0 / 3, counted: []string{"m1", "m5"},
			facts: map[string]string{
				"m1": "missing 3 times in the 12 months to 31/03/2025: 04/05/2024, 06/07/2024, 01/01/2025",
				"m2": "not missing in the 12 months to 31/03/2025",
				"m5": "missing once in the 12 months to 31/03/2025: 31/03/2025"}},
		{id: "missing-incidents", at: "31/03/2025", num: 4, value: 4, counted: []string{"m1", "m5"}},
		{id: "missing-children", at: "30/09/2024", num: 2, den: 3, value: 200.0 / 3, counted: []string{"m1", "m3"}},
		{id: "missing-incidents", at: "30/09/2024", num: 4, value: 4},
		{id: "missing-children", at: "30/03/2024", none: true},
	})
}

func TestCLAHealthOutcomes(t *testing.T) {
	rs := claReturns(2023, 2025, claChild{id: "o7", dob: "01/01/2012", eps: []ssda903.Episode{
		claE("01/01/2020", "", "S", "V4", "K1", "")}})
	row := func(child, dob string, ha, imm, teeth string, sdq int) ssda903.OC2 {
		o := ssda903.OC2{Child: child, DOB: claDay(dob), HealthAssessment: ha, Immunisations: imm, TeethCheck: teeth}
		if sdq >= 0 {
			o.SDQScore = &sdq
		}
		return o
	}
	rs[2025].OC2 = []ssda903.OC2{
		row("o1", "01/01/2015", "1", "1", "0", 10),
		row("o2", "01/04/2020", "1", "0", "1", 20), // four at 31 March: no SDQ
		row("o3", "31/03/2020", "0", "1", "1", 12), // five on 31 March
		row("o4", "01/04/2008", "1", "1", "1", 30), // sixteen
		row("o5", "31/03/2008", "1", "0", "0", 5),  // seventeen on 31 March: no SDQ
		row("o6", "01/01/2012", "1", "0", "0", -1), // no score
		row("o7", "01/01/2012", "1", "1", "1", 9),  // short breaks: left out
	}
	rs[2024].OC2 = []ssda903.OC2{row("q1", "01/01/2012", "1", "1", "1", -1), row("q2", "01/01/2012", "0", "1", "1", -1)}
	rs[2023].OC2 = []ssda903.OC2{row("r1", "01/01/2012", "1", "1", "1", -1), row("r2", "01/01/2012", "1", "1", "1", -1)}
	h := claHistoryOf(rs)
	claCheck(t, h, []claCase{
		{id: "health-assessment", at: "31/03/2025", num: 5, den: 6, value: 500.0 / 6, counted: []string{"o1", "o2", "o4", "o5", "o6"},
			facts: map[string]string{"o3": "no up-to-date health assessment (looked after for 12 months at 31/03/2025)"}},
		{id: "immunisations", at: "31/03/2025", num: 3, den: 6, value: 50, counted: []string{"o1", "o3", "o4"}},
		{id: "dental", at: "31/03/2025", num: 3, den: 6, value: 50, counted: []string{"o2", "o3", "o4"},
			facts: map[string]string{"o4": "teeth checked (looked after for 12 months at 31/03/2025)"}},
		{id: "sdq-average", at: "31/03/2025", num: 52, den: 3, value: 52.0 / 3, counted: []string{"o1", "o3", "o4"},
			facts: map[string]string{"o3": "SDQ score 12, aged 5 at 31/03/2025"}},
		// Between year ends the last 31 March's cohort is used.
		{id: "health-assessment", at: "30/09/2024", num: 1, den: 2, value: 50, counted: []string{"q1"}},
		{id: "health-assessment", at: "30/03/2025", num: 1, den: 2, value: 50},
		{id: "health-assessment", at: "29/02/2024", num: 2, den: 2, value: 100},
		{id: "sdq-average", at: "30/09/2024", num: 0, den: 0, value: 0},
		// No return with a 31 March in the 12 months to D.
		{id: "health-assessment", at: "30/03/2023", none: true},
		{id: "dental", at: "31/03/2022", none: true},
	})
}

func TestCLACareLeavers(t *testing.T) {
	rs := claReturns(2023, 2025)
	add := func(y int, child, dob, inTouch, activ, accom string) {
		rs[y].OC3 = append(rs[y].OC3, ssda903.OC3{Child: child, DOB: claDay(dob), InTouch: inTouch, Activ: activ, Accom: accom})
	}
	add(2024, "c1", "31/03/2005", "YES", "F1", "D1") // 19th birthday exactly 12 months before 31/03/2025
	add(2025, "c2", "01/04/2005", "YES", "F2", "B1") // 19th birthday on the first day of the 12 months
	add(2025, "c3", "31/03/2004", "YES", "G5", "D2") // 21st birthday on D
	add(2023, "c3", "31/03/2004", "YES", "G4", "E2")
	add(2025, "c4", "29/02/2004", "NO", "0", "0") // 21st birthday on 01/03/2025
	add(2024, "c4", "29/02/2004", "YES", "F1", "D1")
	add(2023, "c4", "29/02/2004", "YES", "G5", "D2")
	add(2025, "c5", "15/06/2004", "YES", "P4", "G1") // abroad
	add(2024, "c5", "15/06/2004", "YES", "F1", "C1")
	add(2025, "c6", "10/10/2006", "YES", "F4", "U1")
	add(2025, "c7", "31/03/2008", "YES", "G6", "R2") // 17th birthday on D; residence not known
	h := claHistoryOf(rs)
	claCheck(t, h, []claCase{
		{id: "care-leavers-eet-19-21", at: "31/03/2025", num: 2, den: 4, value: 50, counted: []string{"c2", "c5"},
			facts: map[string]string{
				"c4": "21st birthday 01/03/2025: not in education, employment or training (0), not in touch (NO)",
				"c2": "19th birthday 01/04/2024: in education, employment or training (F2)"}},
		{id: "care-leavers-accom-19-21", at: "31/03/2025", num: 1, den: 3, value: 100.0 / 3, counted: []string{"c2"},
			facts: map[string]string{"c3": "21st birthday 31/03/2025: accommodation not suitable or not known (D2)"}},
		{id: "care-leavers-eet-17-18", at: "31/03/2025", num: 1, den: 2, value: 50, counted: []string{"c6"}},
		{id: "care-leavers-accom-17-18", at: "31/03/2025", num: 1, den: 1, value: 100, counted: []string{"c6"}},
		// 29 February: 19th birthday 01/03/2023 and 20th on 29/02/2024 both fall in the 12 months;
		// the child is counted once, by the later.
		{id: "care-leavers-eet-19-21", at: "29/02/2024", num: 2, den: 3, value: 200.0 / 3, counted: []string{"c4", "c5"},
			facts: map[string]string{"c4": "20th birthday 29/02/2024: in education, employment or training (F1)"}},
		{id: "care-leavers-eet-19-21", at: "30/09/2024", num: 4, den: 4, value: 100, counted: []string{"c1", "c2", "c4", "c5"}},
		{id: "care-leavers-eet-19-21", at: "31/03/2022", none: true},
		{id: "care-leavers-accom-17-18", at: "30/04/2025", none: true},
	})
}

func TestCLAPermanence(t *testing.T) {
	since := func(id string, eps ...ssda903.Episode) claChild { return claChild{id: id, dob: "01/01/2019", eps: eps} }
	h := claHistoryOf(claReturns(2024, 2025,
		since("e1", claE("01/01/2023", "01/06/2024", "S", "C2", "U4", "X1"), claE("01/06/2024", "01/12/2024", "B", "E1", "A6", "E11")),
		since("e2", claE("01/01/2023", "01/02/2025", "S", "C1", "U4", "E12")),
		since("e3", claE("01/01/2023", "01/10/2024", "S", "C2", "U4", "E45")),
		since("e4", claE("01/01/2023", "01/10/2024", "S", "C2", "U4", "E48")),
		since("e5", claE("01/01/2023", "01/10/2024", "S", "C2", "U4", "E4A")),
		since("e6", claE("01/01/2023", "01/05/2024", "S", "C2", "U4", "E4A"), claE("01/06/2024", "01/03/2025", "S", "E1", "A6", "E12")),
		since("e7", claE("01/05/2024", "05/05/2024", "S", "V3", "K1", "E13")),
		since("e8", claE("01/01/2023", "31/03/2024", "S", "C2", "A6", "E11")),
	))
	claCheck(t, h, []claCase{
		{id: "adopted-percent", at: "31/03/2025", num: 3, den: 6, value: 50, counted: []string{"e1", "e2", "e6"},
			facts: map[string]string{
				"e6": "ceased to be looked after on 01/05/2024 (went home, E4A) and 01/03/2025 (adopted, E12)",
				"e3": "ceased to be looked after on 01/10/2024 (special guardianship order, E45); not adopted"}},
		{id: "sgo-percent", at: "31/03/2025", num: 2, den: 6, value: 100.0 / 3, counted: []string{"e3", "e4"},
			facts: map[string]string{"e4": "ceased to be looked after on 01/10/2024 (child arrangements order, E48)"}},
		{id: "cla-ceased-rate", at: "31/03/2025", num: 6, den: 10000, value: 6},
		{id: "adopted-percent", at: "30/09/2024", num: 1, den: 2, value: 50, counted: []string{"e8"},
			facts: map[string]string{"e6": "ceased to be looked after on 01/05/2024 (went home, E4A); not adopted"}},
		{id: "adopted-percent", at: "30/03/2024", none: true},
	})
}

func TestCLAAdoptionTimeliness(t *testing.T) {
	h := claHistoryOf(claReturns(2021, 2025,
		claChild{id: "d1", dob: "01/06/2019", match: "01/02/2022", eps: []ssda903.Episode{
			claE("01/01/2021", "01/06/2021", "S", "C2", "U4", "X1"), claE("01/06/2021", "01/03/2022", "L", "E1", "U4", "X1"),
			claE("01/03/2022", "01/09/2022", "P", "E1", "A6", "E11")}},
		claChild{id: "d2", dob: "01/06/2021", match: "01/12/2022", foster: true, eps: []ssda903.Episode{ // by foster carers
			claE("01/03/2022", "01/09/2022", "S", "C2", "U4", "X1"), claE("01/09/2022", "01/01/2023", "L", "E1", "U4", "X1"),
			claE("01/01/2023", "01/06/2023", "P", "E1", "A5", "E12")}},
		claChild{id: "d3", dob: "01/06/2021", match: "01/08/2023", placed: "01/05/2023", eps: []ssda903.Episode{ // no E1
			claE("01/01/2023", "01/10/2023", "S", "C2", "U4", "X1"), claE("01/10/2023", "01/02/2024", "P", "C2", "A4", "E11")}},
		claChild{id: "d4", dob: "01/06/2019", match: "01/12/2020", eps: []ssda903.Episode{ // adopted the day before the 3 years
			claE("01/01/2020", "01/01/2021", "S", "C2", "U4", "X1"), claE("01/01/2021", "31/03/2022", "B", "E1", "A6", "E11")}},
	))
	claCheck(t, h, []claCase{
		{id: "adoption-a1", at: "31/03/2025", num: 424 + 306 + 273, den: 3, value: 1003.0 / 3, counted: []string{"d1", "d2", "d3"},
			facts: map[string]string{"d1": "came into care 01/01/2021; moved in with adopters (A6) 01/03/2022: 424 days; adopted 01/09/2022"}},
		{id: "adoption-a2", at: "31/03/2025", num: 245 + 91 + 92, den: 3, value: 428.0 / 3,
			facts: map[string]string{
				"d1": "placement order 01/06/2021; matched with adopters 01/02/2022: 245 days; adopted 01/09/2022",
				"d3": "decision to place for adoption 01/05/2023; matched with adopters 01/08/2023: 92 days; adopted 01/02/2024"}},
		{id: "adoption-a10", at: "31/03/2025", num: 424 + 0 + 273, den: 3, value: 697.0 / 3,
			facts: map[string]string{"d2": "came into care 01/03/2022; moved in with the foster carers who adopted (U4) 01/03/2022: 0 days; adopted 01/06/2023"}},
		{id: "adoption-a1", at: "31/03/2024", num: 424 + 306 + 273 + 366, den: 4, value: 1369.0 / 4,
			facts: map[string]string{"d4": "came into care 01/01/2020; moved in with adopters (A6) 01/01/2021: 366 days; adopted 31/03/2022"}},
		{id: "adoption-a1", at: "30/09/2022", none: true}, // the 3 years reach back before the first return
	})
}

func TestCLASocialWorkers(t *testing.T) {
	in := func(id string, ls string, sw ...ssda903.SWEpisode) claChild {
		return claChild{id: id, dob: "01/01/2012", eps: []ssda903.Episode{claE("01/01/2024", "", "S", ls, "U4", "")}, sw: sw}
	}
	h := claHistoryOf(claReturns(2024, 2025,
		in("w1", "C2", claSW("SW1", "01/01/2024", "01/05/2024"), claSW("SW2", "01/05/2024", "01/09/2024"),
			claSW("SW1", "01/09/2024", "01/12/2024"), claSW("SW3", "01/12/2024", "")),
		in("w2", "C2", claSW("SWA", "01/01/2024", "31/03/2024"), claSW("SWB", "31/03/2024", "01/04/2024"), claSW("SWC", "01/04/2024", "")),
		in("w3", "V3", claSW("SW4", "01/01/2024", "01/05/2024"), claSW("SW5", "01/05/2024", "01/09/2024"), claSW("SW6", "01/09/2024", "")),
		in("w4", "C2", claSW("SW7", "01/01/2024", ""), claSW("SW8", "31/03/2025", ""), claSW("SW9", "31/03/2025", "")),
	))
	claCheck(t, h, []claCase{
		{id: "sw-changes-3plus", at: "31/03/2025", num: 2, den: 3, value: 200.0 / 3, counted: []string{"w1", "w4"},
			facts: map[string]string{
				"w1": "3 social workers in the 12 months to 31/03/2025: SW1, SW2, SW3",
				"w2": "2 social workers in the 12 months to 31/03/2025: SWB, SWC"}},
		{id: "sw-changes-3plus", at: "30/09/2024", num: 1, den: 3, value: 100.0 / 3, counted: []string{"w2"}},
		{id: "sw-changes-3plus", at: "30/03/2024", none: true},
	})
}

// TestCLANoReturn checks that no measure gives a value for a date no return covers.
func TestCLANoReturn(t *testing.T) {
	rs := claReturns(2024, 2025, claChild{id: "A", dob: "01/01/2012", eps: []ssda903.Episode{claE("01/01/2020", "", "S", "C2", "U4", "")}})
	rs[2025].OC2 = []ssda903.OC2{{Child: "A", HealthAssessment: "1"}}
	h := claHistoryOf(rs)
	for id, f := range claFuncs() {
		for _, at := range []string{"30/04/2026", "30/03/2023"} {
			if vs := f(h, claDay(at), true); len(vs) != 0 {
				t.Errorf("%s at %s: got %d values, want none", id, at, len(vs))
			}
		}
	}
}

// TestCLACatalogue checks the catalogue's units and categories for these measures, once it has them.
func TestCLACatalogue(t *testing.T) {
	if len(Catalogue()) == 0 {
		t.Skip("catalogue is empty")
	}
	cats := map[string][]string{"cla-by-age": claAgeBands, "cla-by-legal-status": claLegalStatuses, "cla-by-placement": claPlacements}
	for id := range claFuncs() {
		ind, ok := Lookup(id)
		if !ok {
			t.Errorf("%s is computed but not in the catalogue", id)
			continue
		}
		if ind.Unit != claUnits[id] {
			t.Errorf("%s: catalogue unit %s, computed as %s", id, ind.Unit, claUnits[id])
		}
		if !slices.Equal(ind.Categories, cats[id]) {
			t.Errorf("%s: catalogue categories %v, computed %v", id, ind.Categories, cats[id])
		}
	}
}

// claCouncil generates one large authority with 10 years of returns.
func claCouncil(tb testing.TB) *History {
	tb.Helper()
	g, err := synth.New(synth.Options{Authorities: 1, Years: 10, LastYear: 2025, Seed: 1, Population: 300000})
	if err != nil {
		tb.Fatal(err)
	}
	c := g.Council(0)
	return NewHistory(c.Authority.Number, c.Authority.Population, c.Returns, nil, nil)
}

// TestCLAGeneratedCouncil checks that a generated council's figures are in a believable range.
func TestCLAGeneratedCouncil(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a large council")
	}
	h := claCouncil(t)
	at := calendar.Of(2025, time.March, 31)
	for _, c := range []struct {
		id     string
		lo, hi float64
	}{
		{"cla-rate", 20, 200}, {"placement-3plus", 3, 20}, {"placement-long-term", 50, 90},
		{"health-assessment", 80, 95}, {"care-leavers-eet-19-21", 40, 70},
	} {
		vs := claFuncs()[c.id](h, at, false)
		if len(vs) != 1 {
			t.Fatalf("%s: %d values", c.id, len(vs))
		}
		vs[0].Finish(claUnits[c.id])
		if v := vs[0].Value; !vs[0].Valid || v < c.lo || v > c.hi {
			t.Errorf("%s = %.1f (%d/%d), want %g to %g", c.id, v, vs[0].Numerator, vs[0].Denominator, c.lo, c.hi)
		}
	}
}

// BenchmarkCLASeries computes every looked-after measure at every month end over 10 years for one
// large authority.
func BenchmarkCLASeries(b *testing.B) {
	h := claCouncil(b)
	funcs := claFuncs()
	first, last := calendar.Of(2015, time.April, 30), calendar.Of(2025, time.March, 31)
	for b.Loop() {
		for d := first; d <= last; d = calendar.MonthEnd(d + 1) {
			for _, f := range funcs {
				f(h, d, false)
			}
		}
	}
}
