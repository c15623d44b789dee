package ssda903

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// Test helpers shared by the care leaver and adoption tests. Every test runs in collection year 2025
// (1 April 2024 – 31 March 2025).

const cltYear = 2025

// cltD parses a dd/mm/yyyy date; "" is blank.
func cltD(s string) Date {
	d, err := calendar.ParseDMY(s)
	if err != nil {
		panic(err)
	}
	return d
}

func cltH(row int, child, sex, dob, mother string) Header {
	return Header{Row: row, Child: child, Sex: sex, DOB: cltD(dob), Mother: mother}
}

func cltE(row int, child, decom, rne, ls, place, dec, rec string) Episode {
	return Episode{Row: row, Child: child, DECOM: cltD(decom), RNE: rne, LS: ls, Place: place, DEC: cltD(dec), REC: rec}
}

func cltO(row int, child, dob, inTouch, activ, accom string) OC3 {
	return OC3{Row: row, Child: child, DOB: cltD(dob), InTouch: inTouch, Activ: activ, Accom: accom}
}

// cltCase is one table-test case: the check of code run on r must flag exactly the records want,
// written "Table:row".
type cltCase struct {
	name string
	code string
	r    *Return
	want []string
}

// cltRun runs case c with the check of its code from checks, and reports a mismatch.
func cltRun(t *testing.T, checks []Check, c cltCase) {
	t.Helper()
	i := slices.IndexFunc(checks, func(k Check) bool { return k.Code == c.code })
	if i < 0 {
		t.Fatalf("%s: no check %s", c.name, c.code)
	}
	fs := checks[i].Run(NewCheckData(c.r, cltYear))
	got := []string{}
	for _, f := range fs {
		if f.Rule != c.code || f.Message == "" || f.Severity != checks[i].Severity {
			t.Errorf("%s: bad finding %+v", c.name, f)
		}
		for _, fl := range f.Fields {
			if !slices.ContainsFunc(Columns[Table(f.Table)], func(col Column) bool { return col.Name == fl }) {
				t.Errorf("%s: finding names field %s, not a column of %s", c.name, fl, f.Table)
			}
		}
		got = append(got, fmt.Sprintf("%s:%d", f.Table, f.Row))
	}
	sort.Strings(got)
	want := append([]string{}, c.want...)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s (%s): flagged %v, want %v", c.name, c.code, got, want)
		for _, f := range fs {
			t.Logf("  %s", f)
		}
	}
}

// cltCovers checks that the cases test every check of the family, and that each check is described.
func cltCovers(t *testing.T, checks []Check, cases []cltCase) {
	t.Helper()
	tested := map[string]bool{}
	for _, c := range cases {
		tested[c.code] = true
	}
	for _, k := range checks {
		if !tested[k.Code] {
			t.Errorf("check %s has no test case", k.Code)
		}
		if k.About == "" || len(k.Fields) == 0 || len(k.Tables) == 0 || k.Run == nil ||
			(k.Severity != finding.Error && k.Severity != finding.Query) {
			t.Errorf("check %s is not fully described: %+v", k.Code, k)
		}
	}
}

// cltNoPanic runs every check on awkward returns: empty, blank dates and codes, records without a
// Header, and last year's return empty or missing.
func cltNoPanic(t *testing.T, checks []Check) {
	t.Helper()
	blank := &Return{
		Header:         []Header{{Row: 2, Child: "A", Sex: "2"}, {Row: 3}},
		Episodes:       []Episode{{Row: 2, Child: "A"}, {Row: 3, Child: "B", LS: "E1", Place: "A3", REC: "E11"}, {Row: 4}},
		UASC:           []UASC{{Row: 2, Child: "B"}},
		OC2:            []OC2{{Row: 2, Child: "B", Convicted: "1"}},
		OC3:            []OC3{{Row: 2, Child: "B", InTouch: "YES"}, {Row: 3, Child: "B"}, {Row: 4}},
		AD1:            []AD1{{Row: 2, Child: "B", NbAdoptr: "x"}, {Row: 3}},
		PlacedAdoption: []PlacedAdoption{{Row: 2, Child: "B"}, {Row: 3, Child: "B", DatePlacedCeased: cltD("01/01/2025")}, {Row: 4}},
	}
	withPrev := *blank
	withPrev.Previous = &Return{Episodes: []Episode{{Row: 2, Child: "B"}}, PlacedAdoption: []PlacedAdoption{{Row: 2, Child: "B"}},
		OC3: []OC3{{Row: 2, Child: "B", InTouch: "DIED"}}}
	for _, r := range []*Return{{}, {Previous: &Return{}}, blank, &withPrev} {
		d := NewCheckData(r, cltYear)
		for _, k := range checks {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("check %s panicked: %v", k.Code, p)
					}
				}()
				k.Run(d)
			}()
		}
	}
}

// cltPrev marks a return as read from CSV files holding only the tables named, so that checks of
// last year's other tables find nothing.
func cltPrev(r *Return, tables ...Table) *Return {
	r.Files = map[Table]string{}
	for _, t := range tables {
		r.Files[t] = string(t) + ".csv"
	}
	return r
}

func TestCareLeaverChecks(t *testing.T) {
	// Ages in the year to 31/03/2025: born 01/06/2007 turns 17 on 01/06/2024; 01/06/2006 turns 18;
	// 01/06/2004 turns 20.
	const dob17, dob18, dob20 = "01/06/2007", "01/06/2006", "01/06/2004"
	oc := func(rows ...OC3) *Return { return &Return{OC3: rows} }
	cases := []cltCase{
		{"in touch codes", "131", oc(cltO(2, "A", dob20, "MAYBE", "F1", "B1"), cltO(3, "B", dob20, "YES", "F1", "B1"), cltO(4, "C", dob20, "", "", "")), []string{"OC3:2"}},
		{"activity codes", "132", oc(cltO(2, "A", dob20, "YES", "X9", "B1"), cltO(3, "B", dob20, "YES", "G6", "B1"), cltO(4, "C", dob20, "DIED", "0", "0")), []string{"OC3:2"}},
		{"accommodation codes", "133", oc(cltO(2, "A", dob20, "YES", "F1", "Q1"), cltO(3, "B", dob20, "YES", "F1", "Z2"), cltO(4, "C", dob20, "YES", "F1", "B")), []string{"OC3:2", "OC3:4"}},
		{"all or none", "153", oc(cltO(2, "A", dob20, "YES", "", ""), cltO(3, "B", dob20, "YES", "F1", "B1"), cltO(4, "C", dob20, "", "", ""), cltO(5, "D", dob20, "", "F1", "B1")), []string{"OC3:2", "OC3:5"}},
		{"died or home: nothing to report", "344", oc(cltO(2, "A", dob20, "DIED", "F1", "0"), cltO(3, "B", dob20, "DIED", "0", "0"), cltO(4, "C", dob20, "RHOM", "", ""),
			cltO(5, "D", dob20, "RHOM", "0", "B1"), cltO(6, "E", dob20, "YES", "F1", "B1")), []string{"OC3:2", "OC3:5"}},
		{"in touch: activity and accommodation given", "345", oc(cltO(2, "A", dob20, "YES", "0", "B1"), cltO(3, "B", dob20, "YES", "F1", "B1"), cltO(4, "C", dob20, "NO", "0", "0"),
			cltO(5, "D", dob20, "YES", "F1", "")), []string{"OC3:2", "OC3:5"}},
		{"foyer under 18", "347", oc(cltO(2, "A", dob17, "YES", "F1", "T1"), cltO(3, "B", dob18, "YES", "F1", "T2"), cltO(4, "C", dob17, "YES", "F1", "B1"), cltO(5, "D", "", "YES", "F1", "T1")), []string{"OC3:2"}},
		{"ages 17 to 21", "391", oc(cltO(2, "A", dob17, "YES", "F1", "B1"), cltO(3, "B", "01/06/2008", "YES", "F1", "B1"), cltO(4, "C", "01/06/2003", "YES", "F1", "B1"),
			cltO(5, "D", "01/06/2002", "YES", "F1", "B1"), cltO(6, "E", "31/03/2008", "YES", "F1", "B1"), cltO(7, "F", "01/04/2008", "YES", "F1", "B1"),
			cltO(8, "G", "01/04/2003", "YES", "F1", "B1"), cltO(9, "H", "31/03/2003", "YES", "F1", "B1")),
			[]string{"OC3:3", "OC3:5", "OC3:7", "OC3:9"}},
		{"former foster carers at 17", "3001", &Return{
			Header: []Header{cltH(2, "A", "1", dob17, ""), cltH(3, "B", "1", dob18, ""), cltH(4, "C", "1", dob17, ""), cltH(5, "D", "1", dob18, "")},
			OC3:    []OC3{cltO(2, "A", dob17, "YES", "F1", "Z1"), cltO(3, "B", dob18, "YES", "F1", "Z2"), cltO(4, "C", dob17, "YES", "F1", "B1"), cltO(5, "D", dob17, "YES", "F1", "Z1")}},
			[]string{"OC3:2"}},
		{"died last year", "348", &Return{OC3: []OC3{cltO(2, "A", dob20, "DIED", "0", "0"), cltO(3, "B", dob20, "YES", "F1", "B1")},
			Previous: &Return{OC3: []OC3{cltO(2, "A", dob20, "DIED", "0", "0"), cltO(3, "B", dob20, "NO", "0", "0")}}}, []string{"OC3:2"}},
		{"died last year: last year's OC3 not given", "348", &Return{OC3: []OC3{cltO(2, "A", dob20, "DIED", "0", "0")},
			Previous: cltPrev(&Return{}, TableEpisodes)}, nil},
		{"died in care", "1000", &Return{
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "C2", "U1", "01/09/2024", "E2"), cltE(3, "B", "01/05/2024", "S", "C2", "U1", "01/09/2024", "E4A"),
				cltE(4, "D", "01/05/2024", "S", "C2", "U1", "01/09/2024", "E2")},
			OC3:      []OC3{cltO(2, "A", dob20, "DIED", "0", "0"), cltO(3, "B", dob20, "YES", "F1", "B1"), cltO(4, "C", dob20, "DIED", "0", "0"), cltO(5, "D", dob20, "", "", "")},
			Previous: &Return{Episodes: []Episode{cltE(2, "C", "01/05/2023", "S", "C2", "U1", "01/09/2023", "E2")}}},
			[]string{"OC3:2", "OC3:4"}},
		{"eligible children", "1001", &Return{
			Header: []Header{cltH(2, "A", "1", dob18, ""), cltH(3, "B", "1", dob18, ""), cltH(4, "C", "1", dob18, ""), cltH(5, "D", "1", dob18, ""),
				cltH(6, "E", "1", dob18, ""), cltH(7, "F", "1", dob18, "")},
			Episodes: []Episode{cltE(2, "B", "01/06/2024", "S", "C2", "U1", "20/06/2024", "E4A"),
				cltE(3, "C", "01/04/2024", "S", "V3", "U1", "01/12/2024", "E4A"),
				cltE(4, "E", "01/04/2024", "S", "C2", "U1", "01/07/2024", "E4A"), // 91 days
				cltE(5, "F", "01/04/2024", "S", "C2", "U1", "30/06/2024", "E4A"), // 90 days
				cltE(6, "G", "01/03/2024", "S", "C2", "U1", "", "")},
			OC3: []OC3{cltO(2, "A", dob18, "YES", "F1", "B1"), cltO(3, "B", dob18, "YES", "F1", "B1"), cltO(4, "C", dob18, "YES", "F1", "B1"),
				cltO(5, "D", dob18, "YES", "F1", "B1"), cltO(6, "E", dob18, "YES", "F1", "B1"), cltO(7, "F", dob18, "YES", "F1", "B1"), cltO(8, "G", dob18, "YES", "F1", "B1")},
			// G's open episode of last year reappears this year and counts once: 30 days + 365 days.
			Previous: &Return{Episodes: []Episode{cltE(2, "A", "01/04/2023", "S", "C2", "U1", "01/09/2023", "E4A"), cltE(3, "G", "01/03/2024", "S", "C2", "U1", "", "")}}},
			[]string{"OC3:3", "OC3:4", "OC3:7"}},
		{"no episodes either year", "1002", &Return{
			Episodes: []Episode{cltE(2, "B", "01/06/2024", "S", "C2", "U1", "20/06/2024", "E4A")},
			// D, turning 20, may have been looked after before last year, so is not checked.
			OC3: []OC3{cltO(2, "A", dob17, "YES", "F1", "B1"), cltO(3, "B", dob17, "YES", "F1", "B1"), cltO(4, "C", dob17, "YES", "F1", "B1"),
				cltO(5, "D", dob20, "YES", "F1", "B1"), cltO(6, "E", "", "YES", "F1", "B1")},
			Previous: &Return{Episodes: []Episode{cltE(2, "C", "01/04/2023", "S", "C2", "U1", "01/09/2023", "E4A")}}},
			[]string{"OC3:2"}},
		{"still looked after on the birthday", "1007", &Return{
			Header: []Header{cltH(2, "A", "1", dob17, ""), cltH(3, "B", "1", dob17, ""), cltH(4, "C", "1", dob17, ""), cltH(5, "D", "1", dob20, ""), cltH(6, "E", "1", dob18, "")},
			Episodes: []Episode{cltE(2, "A", "01/01/2024", "S", "C2", "U1", "", ""),
				cltE(3, "B", "01/01/2024", "S", "C2", "U1", "01/10/2024", "E4A"),
				cltE(4, "C", "01/07/2024", "S", "C2", "U1", "", ""),
				cltE(5, "D", "01/01/2024", "S", "C2", "U1", "", ""),
				cltE(6, "E", "01/01/2024", "S", "C2", "U1", "01/03/2024", "X1"), cltE(7, "E", "01/03/2024", "P", "C2", "U2", "", "")},
			OC3: []OC3{cltO(2, "A", dob17, "YES", "F1", "B1"), cltO(3, "B", dob17, "YES", "F1", "B1"), cltO(4, "C", dob17, "YES", "F1", "B1"),
				cltO(5, "D", dob20, "YES", "F1", "B1"), cltO(6, "E", dob18, "YES", "F1", "B1")}},
			[]string{"OC3:2", "OC3:6"}},
		{"left care after the birthday", "1016", &Return{
			Header: []Header{cltH(2, "A", "1", dob17, ""), cltH(3, "B", "1", dob17, ""), cltH(4, "C", "1", dob17, ""), cltH(5, "D", "1", dob17, ""), cltH(6, "E", "1", dob20, "")},
			Episodes: []Episode{cltE(2, "A", "01/01/2024", "S", "C2", "U1", "", ""),
				cltE(3, "B", "01/01/2024", "S", "C2", "U1", "01/10/2024", "E4A"),
				cltE(4, "C", "01/01/2024", "S", "C2", "U1", "01/06/2024", "E4A"),
				cltE(5, "D", "01/01/2024", "S", "C2", "U1", "01/05/2024", "E4A"),
				cltE(6, "E", "01/01/2024", "S", "C2", "U1", "01/10/2024", "E4A")},
			OC3: []OC3{cltO(2, "A", dob17, "YES", "F1", "B1"), cltO(3, "B", dob17, "YES", "F1", "B1"), cltO(4, "C", dob17, "YES", "F1", "B1"),
				cltO(5, "D", dob17, "YES", "F1", "B1"), cltO(6, "E", dob20, "YES", "F1", "B1")}},
			[]string{"OC3:3"}},
		{"open last year, nothing this year", "1010", &Return{
			Episodes: []Episode{cltE(2, "C", "01/01/2024", "S", "C2", "U1", "", "")},
			OC3:      []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob20, "YES", "F1", "B1"), cltO(4, "C", dob20, "YES", "F1", "B1")},
			Previous: &Return{Episodes: []Episode{cltE(2, "A", "01/01/2024", "S", "C2", "U1", "", ""), cltE(3, "B", "01/01/2024", "S", "C2", "U1", "01/02/2024", "E4A"),
				cltE(4, "C", "01/01/2024", "S", "C2", "U1", "", "")}}},
			[]string{"OC3:2"}},
		{"open last year: last year's episodes not given", "1010", &Return{
			OC3: []OC3{cltO(2, "A", dob20, "YES", "F1", "B1")}, Previous: cltPrev(&Return{}, TableOC3)}, nil},
		{"transferred to another council", "1011", &Return{
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "C2", "U1", "01/09/2024", "E3"),
				cltE(3, "B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E3"), cltE(4, "B", "01/08/2024", "S", "C2", "U1", "01/09/2024", "E4A")},
			OC3: []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob20, "YES", "F1", "B1")}},
			[]string{"OC3:2"}},
		{"care leaver with adoption record", "134", &Return{
			OC3: []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "C", dob20, "", "", "")},
			AD1: []AD1{adtA(2, "A", "01/01/2024", "01/02/2024", "1", "1", "F1", "L0"), adtA(3, "B", "01/01/2024", "01/02/2024", "1", "1", "F1", "L0"),
				adtA(4, "C", "01/01/2024", "01/02/2024", "1", "1", "F1", "L0")}},
			[]string{"AD1:2"}},
		{"12-month cohort", "187", &Return{
			Episodes: []Episode{cltE(2, "A", "01/01/2023", "S", "C2", "U1", "", ""),
				cltE(3, "B", "01/05/2024", "S", "C2", "U1", "", ""),
				cltE(4, "C", "01/01/2023", "S", "C2", "U1", "01/06/2024", "X1"), cltE(5, "C", "01/06/2024", "P", "C2", "U2", "", ""),
				cltE(6, "D", "01/01/2023", "S", "C2", "U1", "01/05/2024", "E4A"), cltE(7, "D", "10/05/2024", "S", "C2", "U1", "", ""),
				cltE(8, "E", "01/01/2023", "S", "V3", "U1", "", ""),
				cltE(9, "F", "01/04/2024", "S", "C2", "U1", "", "")},
			OC3: []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob20, "YES", "F1", "B1"), cltO(4, "C", dob20, "YES", "F1", "B1"),
				cltO(5, "D", dob20, "YES", "F1", "B1"), cltO(6, "E", dob20, "YES", "F1", "B1"), cltO(7, "F", dob20, "YES", "F1", "B1")},
			AD1: []AD1{adtA(2, "A", "01/01/2024", "01/02/2024", "1", "1", "F1", "L0"), adtA(3, "B", "01/01/2024", "01/02/2024", "1", "1", "F1", "L0")}},
			[]string{"AD1:2", "OC3:2", "OC3:4", "OC3:7"}},
		{"care leaver with 12-month items", "215", &Return{
			OC2: []OC2{{Row: 2, Child: "A", Convicted: "0"}, {Row: 3, Child: "B"}, {Row: 4, Child: "C", HealthCheck: "1"}, {Row: 5, Child: "D", InterventionOffered: "1"}},
			OC3: []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob20, "YES", "F1", "B1"), cltO(4, "D", dob20, "", "", "")}},
			[]string{"OC2:2"}},
		{"UASC for care leavers", "1014", &Return{
			Episodes: []Episode{cltE(2, "B", "01/05/2024", "S", "C2", "U1", "", "")},
			UASC:     []UASC{{Row: 2, Child: "A", DUC: cltD("01/06/2022")}, {Row: 3, Child: "B"}, {Row: 4, Child: "C"}},
			OC3:      []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob17, "YES", "F1", "B1")}},
			[]string{"UASC:2"}},
		{"mother status", "165", &Return{
			Header: []Header{cltH(2, "A", "2", "01/01/2010", ""), cltH(3, "B", "2", "01/01/2010", "2"), cltH(4, "C", "1", "01/01/2010", ""),
				cltH(5, "D", "2", dob17, ""), cltH(6, "E", "2", "01/01/2010", ""), cltH(7, "F", "2", dob20, ""), cltH(8, "G", "2", "01/01/2010", "0")},
			Episodes: []Episode{cltE(2, "A", "01/05/2024", "S", "C2", "U1", "", ""), cltE(3, "B", "01/05/2024", "S", "C2", "U1", "", ""),
				cltE(4, "C", "01/05/2024", "S", "C2", "U1", "", ""), cltE(5, "D", "01/01/2024", "S", "C2", "U1", "01/06/2024", "E4A"),
				cltE(6, "E", "01/01/2024", "S", "C2", "U1", "", ""), cltE(7, "G", "01/05/2024", "S", "C2", "U1", "", "")},
			OC3: []OC3{cltO(2, "D", dob17, "YES", "F1", "B1"), cltO(3, "F", dob20, "YES", "F1", "B1")}},
			[]string{"Header:2", "Header:3", "Header:6"}},
		{"mother status of care leavers", "628", &Return{
			Header:   []Header{cltH(2, "A", "2", dob20, "0"), cltH(3, "B", "2", dob17, "1"), cltH(4, "C", "2", dob20, ""), cltH(5, "D", "2", dob20, "1")},
			Episodes: []Episode{cltE(2, "B", "01/05/2024", "S", "C2", "U1", "", "")},
			OC3:      []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob17, "YES", "F1", "B1"), cltO(4, "C", dob20, "YES", "F1", "B1")}},
			[]string{"Header:2"}},
		{"OC3 child in the Header", "INT06", &Return{Header: []Header{cltH(2, "A", "1", dob20, "")},
			OC3: []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob20, "YES", "F1", "B1")}}, []string{"OC3:3"}},
		{"OC3 date of birth", "INT15", &Return{Header: []Header{cltH(2, "A", "1", dob20, ""), cltH(3, "B", "1", dob20, "")},
			OC3: []OC3{cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob18, "YES", "F1", "B1"), cltO(4, "C", dob18, "YES", "F1", "B1")}}, []string{"OC3:3"}},
		{"OC3 once per child", "INT34", oc(cltO(2, "A", dob20, "YES", "F1", "B1"), cltO(3, "B", dob20, "YES", "F1", "B1"), cltO(4, "A", dob20, "NO", "0", "0")),
			[]string{"OC3:2", "OC3:4"}},
	}
	checks := careLeaverChecks()
	for _, c := range cases {
		cltRun(t, checks, c)
	}
	cltCovers(t, checks, cases)
	for _, k := range checks {
		prev := slices.Contains([]string{"1001", "1002", "1010", "348"}, k.Code)
		if (k.Needs&NeedPrevious != 0) != prev {
			t.Errorf("check %s: needs last year's return is %v, want %v", k.Code, !prev, prev)
		}
	}
}

func TestCareLeaverNoPanic(t *testing.T) { cltNoPanic(t, careLeaverChecks()) }
