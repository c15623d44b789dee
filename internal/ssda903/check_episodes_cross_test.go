package ssda903

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"csperf/internal/calendar"
)

// The tests run in collection year 2025: 1 April 2024 to 31 March 2025.

// xd parses dd/mm/yyyy, "" for blank.
func xd(s string) Date {
	if s == "" {
		return 0
	}
	v, err := calendar.ParseDMY(s)
	if err != nil {
		panic(err)
	}
	return v
}

// xKV applies KEY=VALUE words to a record through set; an empty VALUE blanks the field and "_"
// stands for a space.
func xKV(kv string, set func(k, v string)) {
	for _, w := range strings.Fields(kv) {
		k, v, _ := strings.Cut(w, "=")
		set(k, strings.ReplaceAll(v, "_", " "))
	}
}

// xH builds a Header row: a girl (SEX 2) with a UPN and MOTHER 0, changed by KEY=VALUE words (SEX
// UPN MOTHER MCDOB).
func xH(child, dob, kv string) Header {
	h := Header{Child: child, Sex: "2", DOB: xd(dob), Ethnic: "WBRI", UPN: "A123456789012", Mother: "0"}
	xKV(kv, func(k, v string) {
		switch k {
		case "SEX":
			h.Sex = v
		case "UPN":
			h.UPN = v
		case "MOTHER":
			h.Mother = v
		case "MCDOB":
			h.MCDOB = xd(v)
		default:
			panic("unknown field " + k)
		}
	})
	return h
}

// xE builds an episode: a foster placement (U1, PR1) under a care order (C2) started with reason S,
// ending X1 when it has an end date, changed by KEY=VALUE words (RNE LS PLACE PROV REC RPC PL URN).
func xE(child, decom, dec, kv string) Episode {
	e := Episode{Child: child, DECOM: xd(decom), DEC: xd(dec), RNE: "S", LS: "C2", CIN: "N1", Place: "U1",
		PlaceProvider: "PR1", HomePost: "NG1 1AA", PlPost: "NG7 2BB", URN: "SC111111"}
	if e.DEC != 0 {
		e.REC = "X1"
	}
	xKV(kv, func(k, v string) {
		switch k {
		case "RNE":
			e.RNE = v
		case "LS":
			e.LS = v
		case "PLACE":
			e.Place = v
		case "PROV":
			e.PlaceProvider = v
		case "REC":
			e.REC = v
		case "RPC":
			e.ReasonPlaceChange = v
		case "PL":
			e.PlPost = v
		case "URN":
			e.URN = v
		default:
			panic("unknown field " + k)
		}
	})
	return e
}

// xM builds a missing period (M) of child.
func xM(child, start, end string) Missing {
	return Missing{Child: child, Missing: "M", MisStart: xd(start), MisEnd: xd(end)}
}

// xCase is one row of a cross check test. Rows are numbered from 2 in each table; want lists the
// flagged rows as "Table:row".
type xCase struct {
	name     string
	header   []Header
	eps      []Episode
	prevHdr  []Header // last year's Header; nil: last year's return not given
	reviews  []Review
	missing  []Missing
	perm     []PrevPerm
	sw       []SWEpisode
	noSW     bool // the SWEpisodes table was not given
	prevEps  []Episode
	provider bool // give the provider list xProviders
	want     []string
}

var xProviders = map[string]Provider{
	"SC111111": {URN: "SC111111", Postcode: "NG7 2BB", LA: "892", Kind: "Children's home"},
	"SC222222": {URN: "SC222222", Postcode: "LE1 5AA", LA: "856", Kind: "Secure children's home"},
	"SC333333": {URN: "SC333333", Postcode: "NG10 1AA", LA: "891", Kind: "Independent fostering agency"},
	"SC444444": {URN: "SC444444", Postcode: "NG1 1AA", LA: "Nottingham", Kind: "Residential holiday scheme for disabled children"},
}

func xData(c xCase) *CheckData {
	r := &Return{Authority: 892, Year: 2025, Header: slices.Clone(c.header), Episodes: slices.Clone(c.eps),
		Reviews: slices.Clone(c.reviews), Missing: slices.Clone(c.missing), PrevPerm: slices.Clone(c.perm),
		SWEpisodes: slices.Clone(c.sw)}
	for i := range r.Header {
		r.Header[i].Row = i + 2
	}
	for i := range r.Episodes {
		r.Episodes[i].Row = i + 2
	}
	for i := range r.Reviews {
		r.Reviews[i].Row = i + 2
	}
	for i := range r.Missing {
		r.Missing[i].Row = i + 2
	}
	for i := range r.PrevPerm {
		r.PrevPerm[i].Row = i + 2
	}
	for i := range r.SWEpisodes {
		r.SWEpisodes[i].Row = i + 2
	}
	if c.noSW {
		r.Files = map[Table]string{TableHeader: "header.csv", TableEpisodes: "episodes.csv"}
	}
	if c.prevHdr != nil || c.prevEps != nil {
		r.Previous = &Return{Year: 2024, Header: c.prevHdr, Episodes: c.prevEps}
	}
	d := NewCheckData(r, 2025)
	if c.provider {
		d.Providers = xProviders
	}
	return d
}

func xCheck(t *testing.T, checks []Check, code string) Check {
	t.Helper()
	for _, c := range checks {
		if c.Code == code {
			return c
		}
	}
	t.Fatalf("no check %s", code)
	return Check{}
}

// xRun runs check code on each case and compares the flagged rows.
func xRun(t *testing.T, checks []Check, code string, cases []xCase) {
	t.Helper()
	c := xCheck(t, checks, code)
	for _, tc := range cases {
		fs := c.Run(xData(tc))
		var got []string
		for _, f := range fs {
			if f.Rule != code || f.Message == "" || f.Child == "" {
				t.Errorf("%s %s: malformed finding %+v", code, tc.name, f)
			}
			got = append(got, fmt.Sprintf("%s:%d", f.Table, f.Row))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s %s: flagged %v, want %v", code, tc.name, got, tc.want)
			for _, f := range fs {
				t.Logf("  %s", f)
			}
		}
	}
}

var (
	xHs   = func(h ...Header) []Header { return h }
	xEs   = func(e ...Episode) []Episode { return e }
	xAt   = func(tab string, rows ...int) []string { return xRows(tab, rows) }
	xA8   = func(kv string) Header { return xH("A", "15/06/2008", kv) } // 16 at 31 March 2025
	xA    = func(decom, dec, kv string) Episode { return xE("A", decom, dec, kv) }
	xB    = func(decom, dec, kv string) Episode { return xE("B", decom, dec, kv) }
	xPerm = func(child, date string) PrevPerm {
		return PrevPerm{Child: child, PrevPerm: "P2", LAPerm: "E06000018", DatePerm: date}
	}
	xMis = func(m ...Missing) []Missing { return m }
	xSW  = func(child, from, to string) SWEpisode {
		return SWEpisode{Child: child, SWID: "SW1", SWDecom: xd(from), SWDec: xd(to)}
	}
	xBH = func(dob, kv string) Header { return xH("B", dob, kv) }
)

func xRows(tab string, rows []int) []string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%s:%d", tab, r))
	}
	return out
}

var xTests = map[string][]xCase{
	// Ages at placements and endings.
	"234": {
		{name: "custody at 12", header: xHs(xH("A", "01/01/2012", "")), eps: xEs(xA("01/05/2024", "01/08/2024", "RPC=CUSTOD")), want: nil},
		{name: "custody at 9", header: xHs(xH("A", "01/01/2015", "")), eps: xEs(xA("01/05/2024", "01/08/2024", "RPC=CUSTOD"), xA("01/08/2024", "", "RNE=P")), want: xAt("Episodes", 2)},
		{name: "other reason at 9", header: xHs(xH("A", "01/01/2015", "")), eps: xEs(xA("01/05/2024", "01/08/2024", "RPC=CARPL")), want: nil},
		{name: "no header", eps: xEs(xA("01/05/2024", "01/08/2024", "RPC=CUSTOD")), want: nil},
	},
	"302": {
		{name: "after birth", header: xHs(xH("A", "01/01/2020", "")), eps: xEs(xA("01/01/2020", "", "")), want: nil},
		{name: "before birth", header: xHs(xH("A", "01/06/2024", "")), eps: xEs(xA("01/05/2024", "02/06/2024", ""), xA("02/06/2024", "", "RNE=P")), want: xAt("Episodes", 2)},
		{name: "blank dob", header: xHs(xH("A", "", "")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
	},
	"352": {
		{name: "starts at 17", header: xHs(xH("A", "02/05/2006", "")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
		{name: "starts on 18th birthday", header: xHs(xH("A", "01/05/2006", "")), eps: xEs(xA("01/05/2024", "", "")), want: xAt("Episodes", 2)},
		{name: "placement move at 18", header: xHs(xH("A", "01/05/2006", "")), eps: xEs(xA("01/05/2024", "", "RNE=P")), want: nil},
	},
	"358": {
		{name: "J1 at 10", header: xHs(xH("A", "01/05/2014", "")), eps: xEs(xA("01/05/2024", "", "LS=J1")), want: nil},
		{name: "J2 at 9", header: xHs(xH("A", "02/05/2014", "")), eps: xEs(xA("01/05/2024", "", "LS=J2")), want: xAt("Episodes", 2)},
		{name: "C2 at 9", header: xHs(xH("A", "02/05/2014", "")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
	},
	"359": {
		{name: "ends on 18th birthday", header: xHs(xH("A", "01/06/2006", "")), eps: xEs(xA("01/05/2024", "01/06/2024", "REC=E4A")), want: nil},
		{name: "open after 18 in a children's home under V2", header: xHs(xH("A", "01/06/2006", "")), eps: xEs(xA("01/05/2024", "", "LS=V2 PLACE=K2")), want: nil},
		{name: "open after 18 in foster care", header: xHs(xH("A", "01/06/2006", "")), eps: xEs(xA("01/05/2024", "", "LS=V2")), want: xAt("Episodes", 2)},
		{name: "ends the day after 18th birthday under C2", header: xHs(xH("A", "01/06/2006", "")), eps: xEs(xA("01/05/2024", "02/06/2024", "REC=E8 PLACE=K2")), want: xAt("Episodes", 2)},
		{name: "open, 17 at 31 March", header: xHs(xH("A", "01/04/2007", "")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
	},
	"371": {
		{name: "H5 at 16", header: xHs(xH("A", "01/05/2008", "")), eps: xEs(xA("01/05/2024", "", "PLACE=H5")), want: nil},
		{name: "H5 at 15", header: xHs(xH("A", "02/05/2008", "")), eps: xEs(xA("01/05/2024", "", "PLACE=H5")), want: xAt("Episodes", 2)},
		{name: "H5 before birth is 302's", header: xHs(xH("A", "02/05/2024", "")), eps: xEs(xA("01/05/2024", "", "PLACE=H5")), want: nil},
	},
	"372": {
		{name: "R5 at 10", header: xHs(xH("A", "01/05/2014", "")), eps: xEs(xA("01/05/2024", "", "PLACE=R5")), want: nil},
		{name: "R5 at 9", header: xHs(xH("A", "02/05/2014", "")), eps: xEs(xA("01/05/2024", "", "PLACE=R5")), want: xAt("Episodes", 2)},
	},
	"373": {
		{name: "S1 at 4", header: xHs(xH("A", "01/05/2020", "")), eps: xEs(xA("01/05/2024", "", "PLACE=S1")), want: nil},
		{name: "S1 at 3", header: xHs(xH("A", "02/05/2020", "")), eps: xEs(xA("01/05/2024", "", "PLACE=S1")), want: xAt("Episodes", 2)},
	},
	"374": {
		{name: "P3 at 14", header: xHs(xH("A", "01/05/2010", "")), eps: xEs(xA("01/05/2024", "", "PLACE=P3")), want: nil},
		{name: "P3 at 13", header: xHs(xH("A", "02/05/2010", "")), eps: xEs(xA("01/05/2024", "", "PLACE=P3")), want: xAt("Episodes", 2)},
	},
	"375": {
		{name: "42 days", eps: xEs(xA("01/05/2024", "12/06/2024", "PLACE=T1")), want: nil},
		{name: "43 days", eps: xEs(xA("01/05/2024", "13/06/2024", "PLACE=T1")), want: xAt("Episodes", 2)},
		{name: "open since February", eps: xEs(xA("01/02/2025", "", "PLACE=T1")), want: xAt("Episodes", 2)},
		{name: "open since late March", eps: xEs(xA("01/03/2025", "", "PLACE=T1")), want: nil},
		{name: "long T3 is not T1", eps: xEs(xA("01/05/2024", "13/07/2024", "PLACE=T3")), want: nil},
	},
	"376": {
		{name: "21 days", eps: xEs(xA("01/05/2024", "22/05/2024", "PLACE=T3")), want: nil},
		{name: "22 days", eps: xEs(xA("01/05/2024", "23/05/2024", "PLACE=T3")), want: xAt("Episodes", 2)},
		{name: "T2 is the child's holiday", eps: xEs(xA("01/05/2024", "23/06/2024", "PLACE=T2")), want: nil},
	},
	"379": {
		{name: "7 days", eps: xEs(xA("01/05/2024", "08/05/2024", "PLACE=T4")), want: nil},
		{name: "8 days", eps: xEs(xA("01/05/2024", "09/05/2024", "PLACE=T4")), want: xAt("Episodes", 2)},
	},
	"386": {
		{name: "adopted at 17", header: xHs(xH("A", "02/05/2006", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E11")), want: nil},
		{name: "adopted at 18", header: xHs(xH("A", "01/05/2006", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E12")), want: xAt("Episodes", 2)},
	},
	"387": {
		{name: "independent at 14", header: xHs(xH("A", "01/05/2010", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E5")), want: nil},
		{name: "independent at 13", header: xHs(xH("A", "02/05/2010", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E6")), want: xAt("Episodes", 2)},
	},
	"389": {
		{name: "adult care at 16", header: xHs(xH("A", "01/05/2008", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E7")), want: nil},
		{name: "adult care at 15", header: xHs(xH("A", "02/05/2008", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E7")), want: xAt("Episodes", 2)},
	},
	"407": {
		{name: "SGO at 17", header: xHs(xH("A", "02/05/2006", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E45")), want: nil},
		{name: "SGO at 18", header: xHs(xH("A", "01/05/2006", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E46")), want: xAt("Episodes", 2)},
	},
	"460": {
		{name: "staying put at 18", header: xHs(xH("A", "01/05/2006", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E17")), want: nil},
		{name: "staying put at 17", header: xHs(xH("A", "02/05/2006", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E17")), want: xAt("Episodes", 2)},
		{name: "other reason at 17", header: xHs(xH("A", "02/05/2006", "")), eps: xEs(xA("01/05/2023", "01/05/2024", "REC=E4A")), want: nil},
	},

	// Header: mother, UPN, presence.
	"207": {
		{name: "still a mother", header: xHs(xA8("MOTHER=1")), eps: xEs(xA("01/05/2024", "", "")), prevHdr: xHs(xA8("MOTHER=1")), want: nil},
		{name: "was not a mother", header: xHs(xA8("MOTHER=1"), xBH("01/01/2008", "MOTHER=0")), eps: xEs(xA("01/05/2024", "", "")), prevHdr: xHs(xA8("MOTHER=0")), want: nil},
		{name: "no longer a mother", header: xHs(xBH("01/01/2008", ""), xA8("MOTHER=0")), eps: xEs(xA("01/05/2024", "", "")), prevHdr: xHs(xA8("MOTHER=1")), want: xAt("Header", 3)},
		{name: "blank this year", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/05/2024", "", "")), prevHdr: xHs(xA8("MOTHER=1")), want: xAt("Header", 2)},
		{name: "blank under short breaks only", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/05/2024", "03/05/2024", "LS=V3")), prevHdr: xHs(xA8("MOTHER=1")), want: nil},
		{name: "no previous return", header: xHs(xA8("MOTHER=0")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
		{name: "care leaver with no episodes this year", header: xHs(xA8("MOTHER=")), prevHdr: xHs(xA8("MOTHER=1")), want: nil},
	},
	"210": {
		{name: "UN4, in care 5 days", header: xHs(xA8("UPN=UN4")), eps: xEs(xA("26/03/2025", "", "")), want: nil},
		{name: "UN4, in care since January", header: xHs(xA8("UPN=UN4")), eps: xEs(xA("05/01/2025", "", "")), want: xAt("Header", 2)},
		{name: "UN4, recent move in a long period", header: xHs(xA8("UPN=UN4")), eps: xEs(xA("05/01/2025", "28/03/2025", ""), xA("28/03/2025", "", "RNE=P")), want: xAt("Header", 2)},
		{name: "UN4, left care", header: xHs(xA8("UPN=UN4")), eps: xEs(xA("05/01/2025", "28/03/2025", "REC=E4A")), want: nil},
		{name: "other UN code", header: xHs(xA8("UPN=UN5")), eps: xEs(xA("05/01/2025", "", "")), want: nil},
	},
	"393": {
		{name: "filled in", header: xHs(xA8("MOTHER=0")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
		{name: "blank, girl of 16 in care", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/05/2024", "", "")), want: xAt("Header", 2)},
		{name: "blank, boy", header: xHs(xA8("SEX=1 MOTHER=")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
		{name: "blank, girl of 8", header: xHs(xH("A", "01/01/2017", "MOTHER=")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
		{name: "blank, short breaks", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/03/2025", "", "LS=V4")), want: nil},
		{name: "blank, left care", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/05/2024", "01/06/2024", "REC=E4A")), want: nil},
	},
	"399": {
		{name: "short breaks, nothing filled", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/05/2024", "03/05/2024", "LS=V3")), want: nil},
		{name: "short breaks with mother and review", header: xHs(xA8("MOTHER=0")), eps: xEs(xA("01/05/2024", "03/05/2024", "LS=V3"), xA("01/06/2024", "", "LS=V4")),
			reviews: []Review{{Child: "A", Review: xd("01/07/2024"), ReviewCode: "PN1"}}, want: []string{"Header:2", "Reviews:2"}},
		{name: "care order too", header: xHs(xA8("MOTHER=0")), eps: xEs(xA("01/05/2024", "03/05/2024", "LS=V3"), xA("01/06/2024", "", "LS=C2")),
			reviews: []Review{{Child: "A", Review: xd("01/07/2024"), ReviewCode: "PN1"}}, want: nil},
	},
	"442": {
		{name: "UPN given", header: xHs(xA8("")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
		{name: "blank UPN", header: xHs(xBH("01/01/2010", ""), xA8("UPN=")), eps: xEs(xA("01/05/2024", "", ""), xA("01/06/2024", "", "RNE=P")), want: xAt("Header", 3)},
		{name: "blank UPN, short breaks only", header: xHs(xA8("UPN=")), eps: xEs(xA("01/05/2024", "03/05/2024", "LS=V3")), want: nil},
	},
	"607": {
		{name: "left care, filled in", header: xHs(xA8("MOTHER=0")), eps: xEs(xA("01/05/2024", "01/06/2024", "REC=E4A")), want: nil},
		{name: "left care, blank", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/05/2024", "01/06/2024", "REC=E4A")), want: xAt("Header", 2)},
		{name: "still in care, blank", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/05/2024", "01/06/2024", ""), xA("01/06/2024", "", "RNE=P")), want: nil},
		{name: "left care, boy", header: xHs(xA8("SEX=1 MOTHER=")), eps: xEs(xA("01/05/2024", "01/06/2024", "REC=E4A")), want: nil},
		{name: "left short breaks", header: xHs(xA8("MOTHER=")), eps: xEs(xA("01/05/2024", "01/06/2024", "LS=V3 REC=E13")), want: nil},
		{name: "girl of 10", header: xHs(xH("A", "01/01/2014", "MOTHER=")), eps: xEs(xA("01/05/2024", "01/06/2024", "REC=E4A")), want: nil},
	},
	"625": {
		{name: "born in care", header: xHs(xA8("MOTHER=1 MCDOB=01/03/2025")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
		{name: "born after 31 March", header: xHs(xA8("MOTHER=1 MCDOB=01/04/2025")), eps: xEs(xA("01/05/2024", "", "")), want: xAt("Header", 2)},
		{name: "born after leaving care", header: xHs(xA8("MOTHER=1 MCDOB=01/09/2024")), eps: xEs(xA("01/05/2024", "01/06/2024", "REC=E4A")), want: xAt("Header", 2)},
		{name: "born after a placement move", header: xHs(xA8("MOTHER=1 MCDOB=01/09/2024")), eps: xEs(xA("01/05/2024", "01/06/2024", ""), xA("01/06/2024", "", "RNE=P")), want: nil},
	},
	"INT03": {
		{name: "in header", header: xHs(xA8("")), eps: xEs(xA("01/05/2024", "", "")), want: nil},
		{name: "not in header", header: xHs(xA8("")), eps: xEs(xA("01/05/2024", "", ""), xB("01/05/2024", "", "")), want: xAt("Episodes", 3)},
	},

	// Missing.
	"575": {
		{name: "open missing from open placement", eps: xEs(xA("01/05/2024", "", "")), missing: xMis(xM("A", "01/06/2024", "")), want: nil},
		{name: "open missing from ended placement", eps: xEs(xA("01/05/2024", "01/07/2024", ""), xA("01/07/2024", "", "RNE=P")), missing: xMis(xM("A", "01/06/2024", "")), want: xAt("Missing", 2)},
		{name: "ended missing", eps: xEs(xA("01/05/2024", "01/07/2024", ""), xA("01/07/2024", "", "RNE=P")), missing: xMis(xM("A", "01/06/2024", "03/06/2024")), want: nil},
		{name: "missing on the day of a move", eps: xEs(xA("01/05/2024", "01/07/2024", ""), xA("01/07/2024", "", "RNE=P")), missing: xMis(xM("A", "01/07/2024", "")), want: nil},
	},
	"577": {
		{name: "ceased, missing ended", eps: xEs(xA("01/05/2024", "01/07/2024", "REC=E8")), missing: xMis(xM("A", "01/06/2024", "05/06/2024")), want: nil},
		{name: "ceased, missing open", eps: xEs(xA("01/05/2024", "01/07/2024", "REC=E8")), missing: xMis(xM("A", "01/06/2024", "05/06/2024"), xM("A", "20/06/2024", "")), want: xAt("Missing", 3)},
		{name: "still in care", eps: xEs(xA("01/05/2024", "", "")), missing: xMis(xM("A", "20/06/2024", "")), want: nil},
	},
	"578": {
		{name: "during care", eps: xEs(xA("01/05/2024", "01/07/2024", "REC=E4A")), missing: xMis(xM("A", "01/06/2024", "02/06/2024")), want: nil},
		{name: "after care ended", eps: xEs(xA("01/05/2024", "01/07/2024", "REC=E4A")), missing: xMis(xM("A", "02/07/2024", "03/07/2024")), want: xAt("Missing", 2)},
		{name: "between two periods of care", eps: xEs(xA("01/05/2024", "01/07/2024", "REC=E4A"), xA("01/09/2024", "", "")), missing: xMis(xM("A", "02/08/2024", "03/08/2024"), xM("A", "02/10/2024", "03/10/2024")), want: xAt("Missing", 2)},
	},
	"580": {
		{name: "ceased while missing with E8", eps: xEs(xA("01/05/2024", "01/07/2024", "REC=E8")), missing: xMis(xM("A", "20/06/2024", "")), want: nil},
		{name: "ceased while missing with E4A", eps: xEs(xB("01/05/2024", "", ""), xA("01/05/2024", "01/07/2024", "REC=E4A")), missing: xMis(xM("A", "20/06/2024", "05/07/2024")), want: xAt("Episodes", 3)},
		{name: "back before ceasing", eps: xEs(xA("01/05/2024", "01/07/2024", "REC=E4A")), missing: xMis(xM("A", "20/06/2024", "01/07/2024")), want: nil},
		{name: "placement move while missing", eps: xEs(xA("01/05/2024", "01/07/2024", ""), xA("01/07/2024", "", "RNE=P")), missing: xMis(xM("A", "20/06/2024", "")), want: nil},
	},
	"581": {
		{name: "after care began", eps: xEs(xA("01/05/2024", "", "")), missing: xMis(xM("A", "01/05/2024", "")), want: nil},
		{name: "before care began", eps: xEs(xA("01/05/2024", "", "")), missing: xMis(xM("A", "30/04/2024", "01/05/2024")), want: xAt("Missing", 2)},
		{name: "care began last year", eps: xEs(xA("01/05/2024", "", "RNE=P")), prevEps: xEs(xA("01/01/2024", "01/05/2024", "")), missing: xMis(xM("A", "30/03/2024", "")), want: nil},
		{name: "no episodes", missing: xMis(xM("A", "30/04/2024", "")), want: nil},
	},

	// Previous permanence.
	"630": {
		{name: "new entrant with PrevPerm", eps: xEs(xA("01/05/2024", "", "")), perm: []PrevPerm{xPerm("A", "")}, want: nil},
		{name: "new entrant without", eps: xEs(xA("01/05/2024", "", ""), xB("01/05/2024", "", "")), perm: []PrevPerm{xPerm("A", "")}, want: xAt("Episodes", 3)},
		{name: "started last year", eps: xEs(xA("01/03/2024", "", "")), want: nil},
		{name: "placement move", eps: xEs(xA("01/05/2024", "", "RNE=P")), want: nil},
	},
	"632": {
		{name: "order before care", eps: xEs(xA("01/05/2024", "", "")), perm: []PrevPerm{xPerm("A", "01/04/2020")}, want: nil},
		{name: "order after care began", eps: xEs(xA("01/05/2024", "", "")), perm: []PrevPerm{xPerm("A", "02/05/2024")}, want: xAt("PrevPerm", 2)},
		{name: "month of care start", eps: xEs(xA("10/05/2024", "", "")), perm: []PrevPerm{xPerm("A", "zz/05/2024")}, want: nil},
		{name: "month after care start", eps: xEs(xA("10/05/2024", "", "")), perm: []PrevPerm{xPerm("A", "zz/06/2024")}, want: xAt("PrevPerm", 2)},
		{name: "year after care start", eps: xEs(xA("10/05/2024", "", "")), perm: []PrevPerm{xPerm("A", "zz/zz/2025")}, want: xAt("PrevPerm", 2)},
		{name: "care began before the year", eps: xEs(xA("10/05/2023", "", "")), perm: []PrevPerm{xPerm("A", "01/06/2024")}, want: nil},
		{name: "not a date", eps: xEs(xA("10/05/2024", "", "")), perm: []PrevPerm{xPerm("A", "soon")}, want: nil},
	},
	"634": {
		{name: "care since 2020", eps: xEs(xA("01/05/2020", "", "")), perm: []PrevPerm{xPerm("A", "")}, want: nil},
		{name: "care since 2015", eps: xEs(xA("01/05/2015", "01/05/2024", ""), xA("01/05/2024", "", "RNE=P")), perm: []PrevPerm{xPerm("A", "")}, want: xAt("PrevPerm", 2)},
		{name: "new period after a 2015 one", eps: xEs(xA("01/05/2015", "01/05/2024", "REC=E4A"), xA("01/06/2024", "", "")), perm: []PrevPerm{xPerm("A", "")}, want: nil},
	},

	// Social workers.
	"SW12STG2": {
		{name: "covered from 1 April", header: xHs(xA8("")), eps: xEs(xA("01/05/2024", "", "")), sw: []SWEpisode{xSW("A", "01/01/2024", "01/08/2024"), xSW("A", "01/08/2024", "")}, want: nil},
		{name: "first from May", header: xHs(xA8("")), eps: xEs(xA("01/05/2024", "", "")), sw: []SWEpisode{xSW("A", "01/08/2024", ""), xSW("A", "01/05/2024", "01/08/2024")}, want: xAt("SWEpisodes", 3)},
		{name: "none", header: xHs(xA8("")), eps: xEs(xB("01/05/2024", "01/06/2024", "REC=E4A"), xA("01/05/2024", "", "")), sw: []SWEpisode{xSW("B", "01/05/2024", "")}, want: xAt("Episodes", 3)},
		{name: "born in the year", header: xHs(xH("A", "10/06/2024", "")), eps: xEs(xA("10/06/2024", "", "")), sw: []SWEpisode{xSW("A", "10/06/2024", "")}, want: nil},
		{name: "left care", header: xHs(xA8("")), eps: xEs(xA("01/05/2024", "01/06/2024", "REC=E4A")), sw: []SWEpisode{xSW("A", "01/05/2024", "")}, want: nil},
		{name: "no SWEpisodes table", header: xHs(xA8("")), eps: xEs(xA("01/05/2024", "", "")), noSW: true, want: nil},
	},

	// Ofsted provider list.
	"1008": {
		{name: "known URN", eps: xEs(xA("01/05/2024", "", "URN=SC111111")), provider: true, want: nil},
		{name: "lower case, none", eps: xEs(xA("01/05/2024", "", "URN=sc111111"), xA("01/06/2024", "", "URN=xxxxxxx"), xA("01/07/2024", "", "URN=")), provider: true, want: nil},
		{name: "unknown URN", eps: xEs(xA("01/05/2024", "", "URN=SC999999")), provider: true, want: xAt("Episodes", 2)},
	},
	"219": {
		{name: "children's home K2", eps: xEs(xA("01/05/2024", "", "PLACE=K2 URN=SC111111")), provider: true, want: nil},
		{name: "fostering agency U4", eps: xEs(xA("01/05/2024", "", "PLACE=U4 URN=SC333333")), provider: true, want: nil},
		{name: "temporary anywhere", eps: xEs(xA("01/05/2024", "", "PLACE=T0 URN=SC222222")), provider: true, want: nil},
		{name: "unknown kind", eps: xEs(xA("01/05/2024", "", "PLACE=U1 URN=SC444444")), provider: true, want: nil},
		{name: "secure home as K2, children's home as K1", eps: xEs(xA("01/05/2024", "", "PLACE=K2 URN=SC222222"), xA("01/06/2024", "", "PLACE=K1 URN=SC111111")), provider: true, want: xAt("Episodes", 2, 3)},
		{name: "fostering agency as K2", eps: xEs(xA("01/05/2024", "", "PLACE=K2 URN=SC333333")), provider: true, want: xAt("Episodes", 2)},
	},
	"221": {
		{name: "full postcode", eps: xEs(xA("01/05/2024", "", "URN=SC111111 PL=ng7_2bb")), provider: true, want: nil},
		{name: "sector", eps: xEs(xA("01/05/2024", "", "URN=SC111111 PL=NG7_2"), xA("01/06/2024", "", "URN=SC333333 PL=NG10_1")), provider: true, want: nil},
		{name: "district, blank", eps: xEs(xA("01/05/2024", "", "URN=SC111111 PL=NG7"), xA("01/06/2024", "", "URN=SC111111 PL=")), provider: true, want: nil},
		{name: "other postcode", eps: xEs(xA("01/05/2024", "", "URN=SC111111 PL=NG7_3AB"), xA("01/06/2024", "", "URN=SC333333 PL=NG1")), provider: true, want: xAt("Episodes", 2, 3)},
	},
	"229": {
		{name: "own provision in area, other LA's outside", eps: xEs(xA("01/05/2024", "", "URN=SC111111 PROV=PR1"), xA("01/06/2024", "", "URN=SC222222 PROV=PR2")), provider: true, want: nil},
		{name: "own provision outside, other LA's in area", eps: xEs(xA("01/05/2024", "", "URN=SC222222 PROV=PR1"), xA("01/06/2024", "", "URN=SC111111 PROV=PR2")), provider: true, want: xAt("Episodes", 2, 3)},
		{name: "private, LA named not numbered", eps: xEs(xA("01/05/2024", "", "URN=SC111111 PROV=PR4"), xA("01/06/2024", "", "URN=SC444444 PROV=PR1")), provider: true, want: nil},
	},
}

func TestEpisodeCrossChecks(t *testing.T) {
	checks := episodeCrossChecks()
	for _, c := range checks {
		if xTests[c.Code] == nil {
			t.Errorf("check %s has no test", c.Code)
		}
		if c.About == "" || c.Run == nil || len(c.Tables) == 0 || len(c.Fields) == 0 {
			t.Errorf("check %s is incomplete", c.Code)
		}
	}
	for code, cases := range xTests {
		xRun(t, checks, code, cases)
	}
}

// TestEpisodeCrossChecksEmpty runs every check on empty and odd returns: none may panic or find
// anything in an empty return.
func TestEpisodeCrossChecksEmpty(t *testing.T) {
	odd := &Return{Year: 2025,
		Header:   []Header{{Child: "A"}, {Child: "A", Sex: "2"}},
		Episodes: []Episode{{Child: "A"}, {Child: "B", REC: "E8"}, {Child: "A", DECOM: xd("01/05/2024"), URN: "SC111111"}},
		Missing:  []Missing{{Child: "A"}, {Child: "B", MisStart: xd("01/05/2024")}},
		PrevPerm: []PrevPerm{{Child: "A", DatePerm: "zz/13/2024"}, {Child: "A", DatePerm: "zz/zz/20x4"}},
		Reviews:  []Review{{Child: "B"}}, SWEpisodes: []SWEpisode{{Child: "A"}},
		Previous: &Return{}}
	for _, c := range episodeCrossChecks() {
		d := NewCheckData(&Return{Year: 2025}, 2025)
		d.Providers = map[string]Provider{}
		if fs := c.Run(d); len(fs) != 0 {
			t.Errorf("%s: findings in an empty return: %v", c.Code, fs)
		}
		d = NewCheckData(odd, 2025)
		d.Providers = xProviders
		c.Run(d)
	}
}
