package ssda903

import (
	"slices"
	"testing"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// The tests run each check on small hand-built returns for the collection year 2025 (1 April 2024 –
// 31 March 2025) and compare the rows flagged.

const hdrTYear = 2025

// hdrTD parses a dd/mm/yyyy date for a test.
func hdrTD(s string) Date {
	d, err := calendar.ParseDMY(s)
	if err != nil {
		panic(err)
	}
	return d
}

// hdrTH is a valid Header row of a girl born 15/06/2010; mod, when given, changes it.
func hdrTH(row int, child string, mod func(*Header)) Header {
	h := Header{Row: row, Child: child, Sex: "2", DOB: hdrTD("15/06/2010"), Ethnic: "WBRI", UPN: "A123456789012", Mother: "0"}
	if mod != nil {
		mod(&h)
	}
	return h
}

// hdrTU is a UASC row of a child born 15/06/2010, with DUC duc ("" for blank).
func hdrTU(row int, child, duc string) UASC {
	u := UASC{Row: row, Child: child, DOB: hdrTD("15/06/2010"), Sex: "2"}
	if duc != "" {
		u.DUC = hdrTD(duc)
	}
	return u
}

// hdrTEp is an open episode of a child starting on decom.
func hdrTEp(row int, child, decom string) Episode {
	return Episode{Row: row, Child: child, DECOM: hdrTD(decom), RNE: "S", LS: "C2", CIN: "N1", Place: "U1"}
}

// hdrTCase is one return to run a check on, and the rows the check must flag.
type hdrTCase struct {
	name string
	r    Return
	prev *Return
	want []int
}

// hdrTByCode finds a check by its code among checks.
func hdrTByCode(t *testing.T, checks []Check, code string) Check {
	t.Helper()
	for _, c := range checks {
		if c.Code == code {
			return c
		}
	}
	t.Fatalf("no check %s", code)
	return Check{}
}

// hdrTRun runs check code of checks on each case and compares the rows flagged; every finding must
// carry the check's code and severity and name its child.
func hdrTRun(t *testing.T, checks []Check, code string, sev finding.Severity, cases []hdrTCase) {
	t.Helper()
	c := hdrTByCode(t, checks, code)
	if c.Severity != sev {
		t.Errorf("%s: severity %s, want %s", code, c.Severity, sev)
	}
	if c.About == "" || len(c.Fields) == 0 || len(c.Tables) == 0 {
		t.Errorf("%s: About, Fields and Tables must be set", code)
	}
	for _, tc := range cases {
		t.Run(code+"/"+tc.name, func(t *testing.T) {
			r := tc.r
			r.Previous = tc.prev
			d := NewCheckData(&r, hdrTYear)
			var rows []int
			for _, f := range c.Run(d) {
				if f.Rule != code || f.Severity != sev || f.Message == "" || f.Child == "" {
					t.Errorf("bad finding %+v", f)
				}
				rows = append(rows, f.Row)
			}
			if !slices.Equal(rows, tc.want) {
				t.Errorf("flagged rows %v, want %v", rows, tc.want)
			}
		})
	}
}

func hdrTHeaders(hs ...Header) Return { return Return{Header: hs} }

func TestHeaderChild(t *testing.T) {
	cs := headerChecks()
	hdrTRun(t, cs, "101", finding.Error, []hdrTCase{
		{"valid", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", func(h *Header) { h.Sex = "1" })), nil, nil},
		{"invalid and blank", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.Sex = "3" }), hdrTH(3, "B", func(h *Header) { h.Sex = "" })), nil, []int{2, 3}},
		{"0 is left to 232", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.Sex = "0" })), nil, nil},
	})
	hdrTRun(t, cs, "102", finding.Error, []hdrTCase{
		{"date", hdrTHeaders(hdrTH(2, "A", nil)), nil, nil},
		{"blank", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", func(h *Header) { h.DOB = 0 })), nil, []int{3}},
	})
	hdrTRun(t, cs, "103", finding.Error, []hdrTCase{
		{"codes", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", func(h *Header) { h.Ethnic = "NOBT" })), nil, nil},
		{"bad", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.Ethnic = "WXYZ" }), hdrTH(3, "B", func(h *Header) { h.Ethnic = "" })), nil, []int{2, 3}},
	})
	upn := func(u string) func(*Header) { return func(h *Header) { h.UPN = u } }
	hdrTRun(t, cs, "168", finding.Error, []hdrTCase{
		{"valid", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", upn("Z12345678901A")), hdrTH(4, "C", upn("UN5"))), nil, nil},
		{"invalid", hdrTHeaders(
			hdrTH(2, "A", upn("I123456789012")), // I is not a check letter
			hdrTH(3, "B", upn("A12345678901")),  // too short
			hdrTH(4, "C", upn("UN6")),
			hdrTH(5, "D", upn("")),
			hdrTH(6, "E", upn("a123456789012")),
			hdrTH(7, "F", upn("A1234567890AB"))), nil, []int{2, 3, 4, 5, 6, 7}},
	})
	// 2025's year starts 1 April 2024: school age means 4 by 31 August 2023, born on or before 31/08/2019.
	hdrTRun(t, cs, "209", finding.Error, []hdrTCase{
		{"young UN1, older with UPN", hdrTHeaders(
			hdrTH(2, "A", func(h *Header) { h.UPN, h.DOB = "UN1", hdrTD("01/09/2019") }),
			hdrTH(3, "B", func(h *Header) { h.DOB = hdrTD("01/01/2015") }),
			hdrTH(4, "C", func(h *Header) { h.UPN, h.DOB = "UN1", 0 })), nil, nil},
		{"school age UN1", hdrTHeaders(
			hdrTH(2, "A", func(h *Header) { h.UPN, h.DOB = "UN1", hdrTD("31/08/2019") }),
			hdrTH(3, "B", func(h *Header) { h.UPN, h.DOB = "UN2", hdrTD("31/08/2019") })), nil, []int{2}},
	})
	hdrTRun(t, cs, "232", finding.Query, []hdrTCase{
		{"known", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", func(h *Header) { h.Sex = "1" })), nil, nil},
		{"unknown", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", func(h *Header) { h.Sex = "0" })), nil, []int{3}},
	})
	hdrTRun(t, cs, "301", finding.Error, []hdrTCase{
		{"born in year", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("31/03/2025") }), hdrTH(3, "B", func(h *Header) { h.DOB = 0 })), nil, nil},
		{"born after", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("01/04/2025") })), nil, []int{2}},
	})
	hdrTRun(t, cs, "351", finding.Error, []hdrTCase{
		{"25 on 1 April", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("01/04/1999") })), nil, nil},
		{"25 before", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("31/03/1999") }), hdrTH(3, "B", func(h *Header) { h.DOB = hdrTD("01/01/1990") })), nil, []int{2, 3}},
	})
	hdrTRun(t, cs, "444", finding.Error, []hdrTCase{
		{"distinct, unknown codes, same child twice", hdrTHeaders(
			hdrTH(2, "A", nil), hdrTH(3, "B", upn("B123456789012")),
			hdrTH(4, "C", upn("UN2")), hdrTH(5, "D", upn("UN2")),
			hdrTH(6, "E", upn("")), hdrTH(7, "F", upn("")),
			hdrTH(8, "A", nil)), nil, nil},
		{"shared", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", upn("B123456789012")), hdrTH(4, "C", nil)), nil, []int{2, 4}},
	})
}

func TestHeaderMothers(t *testing.T) {
	cs := headerChecks()
	mc := func(sex, mother, mcdob string) func(*Header) {
		return func(h *Header) {
			h.Sex, h.Mother = sex, mother
			if mcdob != "" {
				h.MCDOB = hdrTD(mcdob)
			}
		}
	}
	hdrTRun(t, cs, "174", finding.Error, []hdrTCase{
		{"girl mother, boy without", hdrTHeaders(hdrTH(2, "A", mc("2", "1", "01/01/2025")), hdrTH(3, "B", mc("1", "", ""))), nil, nil},
		{"boy with child", hdrTHeaders(hdrTH(2, "A", mc("1", "", "01/01/2025"))), nil, []int{2}},
	})
	hdrTRun(t, cs, "611", finding.Error, []hdrTCase{
		{"mother with date", hdrTHeaders(hdrTH(2, "A", mc("2", "1", "01/01/2025")), hdrTH(3, "B", mc("2", "0", ""))), nil, nil},
		{"mother without date", hdrTHeaders(hdrTH(2, "A", mc("2", "1", ""))), nil, []int{2}},
	})
	hdrTRun(t, cs, "612", finding.Error, []hdrTCase{
		{"consistent", hdrTHeaders(hdrTH(2, "A", mc("2", "1", "01/01/2025")), hdrTH(3, "B", mc("1", "", "01/01/2025"))), nil, nil},
		{"not a mother", hdrTHeaders(hdrTH(2, "A", mc("2", "0", "01/01/2025")), hdrTH(3, "B", mc("2", "", "01/01/2025"))), nil, []int{2, 3}},
	})
	hdrTRun(t, cs, "620", finding.Error, []hdrTCase{
		{"11 at the start", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.Mother, h.DOB = "1", hdrTD("01/04/2013") }),
			hdrTH(3, "B", func(h *Header) { h.Mother, h.DOB = "0", hdrTD("01/01/2020") })), nil, nil},
		{"under 11", hdrTHeaders(hdrTH(2, "A", func(h *Header) { h.Mother, h.DOB = "1", hdrTD("02/04/2013") })), nil, []int{2}},
	})
	hdrTRun(t, cs, "621", finding.Error, []hdrTCase{
		{"older mother", hdrTHeaders(hdrTH(2, "A", mc("2", "1", "01/01/2025")), hdrTH(3, "B", func(h *Header) { h.DOB, h.MCDOB = 0, hdrTD("01/01/2025") })), nil, nil},
		{"younger or same day", hdrTHeaders(hdrTH(2, "A", mc("2", "1", "01/01/2009")), hdrTH(3, "B", mc("2", "1", "15/06/2010"))), nil, []int{2, 3}},
	})
}

func TestHeaderUASC(t *testing.T) {
	cs := headerChecks()
	hdrTRun(t, cs, "231", finding.Query, []hdrTCase{
		{"older, or not UASC", Return{Header: []Header{hdrTH(2, "A", nil), hdrTH(3, "B", func(h *Header) { h.DOB = hdrTD("01/01/2020") })},
			UASC: []UASC{hdrTU(2, "A", "")}}, nil, nil},
		{"young UASC", Return{Header: []Header{hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("01/04/2015") })},
			UASC: []UASC{{Row: 5, Child: "A", DOB: hdrTD("01/04/2015"), Sex: "2"}}}, nil, []int{5}},
		{"no header, UASC DOB used", Return{UASC: []UASC{{Row: 2, Child: "Z", DOB: hdrTD("01/01/2020")}}}, nil, []int{2}},
	})
	hdrTRun(t, cs, "304", finding.Error, []hdrTCase{
		{"on or before 18th", Return{UASC: []UASC{hdrTU(2, "A", "15/06/2028"), hdrTU(3, "B", "")}}, nil, nil},
		{"after 18th", Return{UASC: []UASC{hdrTU(2, "A", "16/06/2028")}}, nil, []int{2}},
		{"DOB from Header", Return{Header: []Header{hdrTH(2, "A", nil)}, UASC: []UASC{{Row: 4, Child: "A", DUC: hdrTD("01/01/2029")}}}, nil, []int{4}},
	})
}

func TestHeaderLastYear(t *testing.T) {
	cs := headerChecks()
	last := func(hs ...Header) *Return { return &Return{Header: hs} }
	hdrTRun(t, cs, "202", finding.Error, []hdrTCase{
		{"same, new child", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", nil)), last(hdrTH(9, "A", nil)), nil},
		{"changed", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", nil)), last(hdrTH(9, "B", func(h *Header) { h.Sex = "1" })), []int{3}},
	})
	hdrTRun(t, cs, "203", finding.Error, []hdrTCase{
		{"same", hdrTHeaders(hdrTH(2, "A", nil)), last(hdrTH(9, "A", nil)), nil},
		{"blank last year", hdrTHeaders(hdrTH(2, "A", nil)), last(hdrTH(9, "A", func(h *Header) { h.DOB = 0 })), nil},
		{"changed", hdrTHeaders(hdrTH(2, "A", nil)), last(hdrTH(9, "A", func(h *Header) { h.DOB = hdrTD("16/06/2010") })), []int{2}},
	})
	eth := func(e string) func(*Header) { return func(h *Header) { h.Ethnic = e } }
	hdrTRun(t, cs, "204", finding.Error, []hdrTCase{
		{"same, or replacing NOBT/REFU", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", nil), hdrTH(4, "C", nil)),
			last(hdrTH(9, "A", nil), hdrTH(10, "B", eth("NOBT")), hdrTH(11, "C", eth("REFU"))), nil},
		{"changed", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", eth("NOBT"))), last(hdrTH(9, "A", eth("WIRI")), hdrTH(10, "B", eth("WBRI"))), []int{2, 3}},
	})
	upn := func(u string) func(*Header) { return func(h *Header) { h.UPN = u } }
	hdrTRun(t, cs, "208", finding.Error, []hdrTCase{
		{"same, or was unknown", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", nil)), last(hdrTH(9, "A", nil), hdrTH(10, "B", upn("UN4"))), nil},
		{"changed or dropped", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", upn("UN1"))),
			last(hdrTH(9, "A", upn("B123456789012")), hdrTH(10, "B", nil)), []int{2, 3}},
	})
	mc := func(mother, mcdob string) func(*Header) {
		return func(h *Header) {
			h.Mother = mother
			if mcdob != "" {
				h.MCDOB = hdrTD(mcdob)
			}
		}
	}
	hdrTRun(t, cs, "624", finding.Error, []hdrTCase{
		{"same, or new", hdrTHeaders(hdrTH(2, "A", mc("1", "01/01/2024")), hdrTH(3, "B", mc("1", "01/01/2025"))),
			last(hdrTH(9, "A", mc("1", "01/01/2024")), hdrTH(10, "B", mc("0", ""))), nil},
		{"changed", hdrTHeaders(hdrTH(2, "A", mc("1", "01/01/2024"))), last(hdrTH(9, "A", mc("1", "02/01/2024"))), []int{2}},
	})
	hdrTRun(t, cs, "626", finding.Error, []hdrTCase{
		{"born this year, or mother last year, or blank", hdrTHeaders(hdrTH(2, "A", mc("1", "01/04/2024")), hdrTH(3, "B", mc("1", "01/01/2024")), hdrTH(4, "C", mc("1", "01/01/2024"))),
			last(hdrTH(9, "A", mc("0", "")), hdrTH(10, "B", mc("1", "01/01/2024")), hdrTH(11, "C", mc("", ""))), nil},
		{"born before, not a mother last year", hdrTHeaders(hdrTH(2, "A", mc("1", "31/03/2024"))), last(hdrTH(9, "A", mc("0", ""))), []int{2}},
	})

	// 205A–D compare UASC rows of both years.
	both := func(hs []Header, us []UASC) Return { return Return{Header: hs, UASC: us} }
	lastU := func(hs []Header, us []UASC) *Return { return &Return{Header: hs, UASC: us} }
	a, b := []Header{hdrTH(2, "A", nil)}, []Header{hdrTH(9, "A", nil)}
	hdrTRun(t, cs, "205A", finding.Error, []hdrTCase{
		{"ceased last year", both(a, nil), lastU(b, []UASC{hdrTU(9, "A", "31/03/2024")}), nil},
		{"still UASC", both(a, []UASC{hdrTU(5, "A", "")}), lastU(b, []UASC{hdrTU(9, "A", "")}), nil},
		{"dropped without ceasing", both(a, nil), lastU(b, []UASC{hdrTU(9, "A", "")}), []int{2}},
		{"dropped, ceased this year", both(a, nil), lastU(b, []UASC{hdrTU(9, "A", "01/04/2024")}), []int{2}},
		{"this year's UASC file not given", Return{Header: a, Files: map[Table]string{TableHeader: "h.csv"}},
			lastU(b, []UASC{hdrTU(9, "A", "")}), nil},
	})
	hdrTRun(t, cs, "205B", finding.Error, []hdrTCase{
		{"same date, or none last year", both(append(a, hdrTH(3, "B", nil)), []UASC{hdrTU(5, "A", "01/01/2024"), hdrTU(6, "B", "01/01/2025")}),
			lastU(b, []UASC{hdrTU(9, "A", "01/01/2024"), hdrTU(10, "B", "")}), nil},
		{"date changed or dropped", both(append(a, hdrTH(3, "B", nil)), []UASC{hdrTU(5, "A", "02/01/2024"), hdrTU(6, "B", "")}),
			lastU(b, []UASC{hdrTU(9, "A", "01/01/2024"), hdrTU(10, "B", "01/01/2024")}), []int{2, 3}},
	})
	hdrTRun(t, cs, "205D", finding.Error, []hdrTCase{
		{"UASC both years, or new child", both(append(a, hdrTH(3, "B", nil)), []UASC{hdrTU(5, "A", ""), hdrTU(6, "B", "")}),
			lastU(b, []UASC{hdrTU(9, "A", "")}), nil},
		{"not UASC last year", both(a, []UASC{hdrTU(5, "A", "")}), lastU(append(b, hdrTH(10, "B", nil)), []UASC{hdrTU(10, "B", "")}), []int{2}},
	})
}

func TestHeaderInternal(t *testing.T) {
	cs := headerChecks()
	hdrTRun(t, cs, "EPI", finding.Error, []hdrTCase{
		{"with episodes", Return{Header: []Header{hdrTH(2, "A", nil)}, Episodes: []Episode{hdrTEp(2, "A", "01/05/2024")}}, nil, nil},
		{"no Episodes file", Return{Header: []Header{hdrTH(2, "A", nil)}, Files: map[Table]string{TableHeader: "h.csv"}}, nil, nil},
		{"care leaver", Return{Header: []Header{hdrTH(2, "A", nil), hdrTH(3, "B", nil)}, Episodes: []Episode{hdrTEp(2, "A", "01/05/2024")},
			OC3: []OC3{{Row: 2, Child: "B"}}}, nil, nil},
		{"without", Return{Header: []Header{hdrTH(2, "A", nil), hdrTH(3, "B", nil)}, Episodes: []Episode{hdrTEp(2, "A", "01/05/2024")},
			OC3: []OC3{{Row: 2, Child: "C"}}}, nil, []int{3}},
	})
	hdrTRun(t, cs, "INT09", finding.Error, []hdrTCase{
		{"in header", Return{Header: []Header{hdrTH(2, "A", nil)}, UASC: []UASC{hdrTU(2, "A", "")}}, nil, nil},
		{"not in header", Return{Header: []Header{hdrTH(2, "A", nil)}, UASC: []UASC{hdrTU(2, "A", ""), hdrTU(3, "B", "")}}, nil, []int{3}},
	})
	hdrTRun(t, cs, "INT18", finding.Error, []hdrTCase{
		{"same", Return{Header: []Header{hdrTH(2, "A", nil)}, UASC: []UASC{hdrTU(2, "A", ""), hdrTU(3, "B", "")}}, nil, nil},
		{"differs", Return{Header: []Header{hdrTH(2, "A", func(h *Header) { h.DOB = hdrTD("01/01/2010") })}, UASC: []UASC{hdrTU(4, "A", "")}}, nil, []int{4}},
	})
	hdrTRun(t, cs, "INT21", finding.Error, []hdrTCase{
		{"same", Return{Header: []Header{hdrTH(2, "A", nil)}, UASC: []UASC{hdrTU(2, "A", "")}}, nil, nil},
		{"differs", Return{Header: []Header{hdrTH(2, "A", func(h *Header) { h.Sex = "1" })}, UASC: []UASC{hdrTU(4, "A", "")}}, nil, []int{4}},
	})
	hdrTRun(t, cs, "INT32", finding.Error, []hdrTCase{
		{"once each", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", nil)), nil, nil},
		{"twice", hdrTHeaders(hdrTH(2, "A", nil), hdrTH(3, "B", nil), hdrTH(4, "A", nil)), nil, []int{2, 4}},
	})
	hdrTRun(t, cs, "INT36", finding.Error, []hdrTCase{
		{"once each", Return{UASC: []UASC{hdrTU(2, "A", ""), hdrTU(3, "B", "")}}, nil, nil},
		{"twice", Return{UASC: []UASC{hdrTU(2, "A", ""), hdrTU(3, "A", ""), hdrTU(4, "B", "")}}, nil, []int{2, 3}},
	})
}

// TestHeaderNoPanic runs every check of both families on empty and blank returns, with and without
// last year's.
func TestHeaderNoPanic(t *testing.T) {
	blank := Return{Header: []Header{{}}, Episodes: []Episode{{}}, Reviews: []Review{{}}, UASC: []UASC{{}},
		PrevPerm: []PrevPerm{{}}, Missing: []Missing{{}}, SWEpisodes: []SWEpisode{{}, {}}}
	for _, r := range []Return{{}, blank} {
		for _, prev := range []*Return{nil, {}, {Header: []Header{{}}, UASC: []UASC{{}}, Missing: []Missing{{}}}} {
			r := r
			r.Previous = prev
			d := NewCheckData(&r, hdrTYear)
			for _, c := range append(headerChecks(), otherChecks()...) {
				c.Run(d)
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range append(headerChecks(), otherChecks()...) {
		if seen[c.Code] {
			t.Errorf("check %s appears twice", c.Code)
		}
		seen[c.Code] = true
	}
}
