package ssda903

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
)

// The tests run in collection year 2025: 1 April 2024 to 31 March 2025. Child A is in the OC2
// cohort (in care since 2022), child B is not (in care since June 2024).

// ocO builds an OC2 row: a child in care all year with the four core items filled in (immunised,
// teeth checked, health assessed, no substance misuse), changed by KEY=VALUE words (SCORE REASON
// CONV HC IMM TEETH HA SM IR IO; an empty VALUE blanks the field).
func ocO(child, dob, kv string) OC2 {
	o := OC2{Child: child, DOB: xd(dob), Immunisations: "1", TeethCheck: "1", HealthAssessment: "1", SubstanceMisuse: "0"}
	xKV(kv, func(k, v string) {
		switch k {
		case "SCORE":
			o.SDQScore = nil
			if v != "" {
				n, err := strconv.Atoi(v)
				if err != nil {
					panic(err)
				}
				o.SDQScore = &n
			}
		case "REASON":
			o.SDQReason = v
		case "CONV":
			o.Convicted = v
		case "HC":
			o.HealthCheck = v
		case "IMM":
			o.Immunisations = v
		case "TEETH":
			o.TeethCheck = v
		case "HA":
			o.HealthAssessment = v
		case "SM":
			o.SubstanceMisuse = v
		case "IR":
			o.InterventionReceived = v
		case "IO":
			o.InterventionOffered = v
		default:
			panic("unknown field " + k)
		}
	})
	return o
}

// ocCase is one row of an OC2 check test: the OC2 rows (numbered from 2), extra episodes and
// Header rows beyond the defaults, and the rows flagged as "Table:row".
type ocCase struct {
	name   string
	oc2    []OC2
	eps    []Episode // nil: the default episodes (A in care since 2022, B since June 2024)
	header []Header  // nil: a Header row for each OC2 child with the OC2 date of birth
	noOC2  bool      // the OC2 table was not given
	want   []string
}

func ocData(c ocCase) *CheckData {
	eps := c.eps
	if eps == nil {
		eps = []Episode{xE("A", "01/01/2022", "", ""), xE("B", "01/06/2024", "", "")}
	}
	hdr := c.header
	if hdr == nil {
		for _, o := range c.oc2 {
			hdr = append(hdr, Header{Child: o.Child, Sex: "1", DOB: o.DOB, UPN: "UN1"})
		}
	}
	r := &Return{Year: 2025, OC2: slices.Clone(c.oc2), Episodes: slices.Clone(eps), Header: slices.Clone(hdr)}
	for i := range r.OC2 {
		r.OC2[i].Row = i + 2
	}
	for i := range r.Episodes {
		r.Episodes[i].Row = i + 2
	}
	for i := range r.Header {
		r.Header[i].Row = i + 2
	}
	if c.noOC2 {
		r.Files = map[Table]string{TableHeader: "header.csv", TableEpisodes: "episodes.csv"}
	}
	return NewCheckData(r, 2025)
}

var (
	ocA  = func(dob, kv string) OC2 { return ocO("A", dob, kv) }
	ocB  = func(dob, kv string) OC2 { return ocO("B", dob, kv) }
	ocOs = func(o ...OC2) []OC2 { return o }
	ocAt = func(rows ...int) []string { return xRows("OC2", rows) }
)

// Dates of birth: 4 on 1 April 2024 (ocDOB4), 3 on 1 April but 4 by 31 March (ocDOB3), 3 at 31 March
// (ocDOB2), 9 (ocDOB9), 10 (ocDOB10), 12, 16 all year (ocDOB16), 16 on 1 April and 17 by 31 March
// (ocDOB16b), 17 on 1 April (ocDOB17).
const (
	ocDOB2   = "01/04/2021"
	ocDOB3   = "02/04/2020"
	ocDOB4   = "01/04/2020"
	ocDOB9   = "01/04/2015"
	ocDOB10  = "31/03/2015"
	ocDOB12  = "01/01/2013"
	ocDOB16  = "01/04/2008"
	ocDOB16b = "02/04/2007"
	ocDOB17  = "01/04/2007"
)

var ocTests = map[string][]ocCase{
	// Who belongs in OC2.
	"185": {
		{name: "cohort with score", oc2: ocOs(ocA(ocDOB12, "SCORE=12")), want: nil},
		{name: "not cohort with score", oc2: ocOs(ocA(ocDOB12, "SCORE=12"), ocB(ocDOB12, "SCORE=0")), want: ocAt(3)},
		{name: "not cohort without score", oc2: ocOs(ocB(ocDOB12, "REASON=SDQ4")), want: nil},
	},
	"198": {
		{name: "cohort with reason", oc2: ocOs(ocA(ocDOB12, "REASON=SDQ2")), want: nil},
		{name: "not cohort with reason", oc2: ocOs(ocB(ocDOB12, "REASON=SDQ2")), want: ocAt(2)},
	},
	"190": {
		{name: "cohort with items", oc2: ocOs(ocA(ocDOB12, "CONV=0")), want: nil},
		{name: "not cohort with items", oc2: ocOs(ocA(ocDOB12, ""), ocB(ocDOB12, "")), want: ocAt(3)},
		{name: "not cohort, all blank", oc2: ocOs(ocB(ocDOB12, "IMM= TEETH= HA= SM= SCORE=5")), want: nil},
		{name: "short breaks all year are not care", eps: []Episode{xE("A", "01/01/2022", "", "LS=V4")}, oc2: ocOs(ocA(ocDOB12, "")), want: ocAt(2)},
		{name: "joined episodes since 2022", eps: []Episode{xE("A", "01/01/2022", "01/06/2024", ""), xE("A", "01/06/2024", "", "RNE=P")}, oc2: ocOs(ocA(ocDOB12, "")), want: nil},
		{name: "gap in the year", eps: []Episode{xE("A", "01/01/2022", "01/06/2024", "REC=E4A"), xE("A", "03/06/2024", "", "")}, oc2: ocOs(ocA(ocDOB12, "")), want: ocAt(2)},
		{name: "in care from 1 April", eps: []Episode{xE("A", "01/04/2024", "", "")}, oc2: ocOs(ocA(ocDOB12, "")), want: nil},
		{name: "episode without start date", eps: []Episode{xE("A", "", "", "")}, oc2: ocOs(ocA(ocDOB12, "")), want: nil},
		{name: "left care in March", eps: []Episode{xE("A", "01/01/2022", "01/03/2025", "REC=E4A")}, oc2: ocOs(ocA(ocDOB12, "")), want: ocAt(2)},
	},
	"191": {
		{name: "complete", oc2: ocOs(ocA(ocDOB12, "")), want: nil},
		{name: "teeth blank", oc2: ocOs(ocA(ocDOB12, "TEETH=")), want: ocAt(2)},
		{name: "not cohort, blank", eps: []Episode{xE("B", "01/06/2024", "", "")}, oc2: ocOs(ocB(ocDOB12, "IMM= TEETH= HA= SM=")), want: nil},
		{name: "cohort child without OC2 row", oc2: ocOs(ocB(ocDOB12, "")), want: []string{"Episodes:2"}},
		{name: "no OC2 table", noOC2: true, want: nil},
	},

	// SDQ score and reason.
	"157": {
		{name: "SDQ1 for a 3-year-old", oc2: ocOs(ocA(ocDOB3, "REASON=SDQ1")), want: nil},
		{name: "SDQ1 for a 12-year-old", oc2: ocOs(ocA(ocDOB12, "REASON=SDQ1")), want: ocAt(2)},
		{name: "SDQ1 for one turning 17", oc2: ocOs(ocA(ocDOB16b, "REASON=SDQ1")), want: nil},
		{name: "SDQ2 for a 12-year-old", oc2: ocOs(ocA(ocDOB12, "REASON=SDQ2")), want: nil},
	},
	"180": {
		{name: "0 and 40", oc2: ocOs(ocA(ocDOB12, "SCORE=0"), ocB(ocDOB12, "SCORE=40")), want: nil},
		{name: "41 and -1", oc2: ocOs(ocA(ocDOB12, "SCORE=41"), ocB(ocDOB12, "SCORE=-1")), want: ocAt(2, 3)},
	},
	"186": {
		{name: "score", oc2: ocOs(ocA(ocDOB4, "SCORE=10")), want: nil},
		{name: "reason", oc2: ocOs(ocA(ocDOB16, "REASON=SDQ5")), want: nil},
		{name: "neither, aged 4 all year", oc2: ocOs(ocA(ocDOB4, "")), want: ocAt(2)},
		{name: "neither, aged 16 all year", oc2: ocOs(ocA(ocDOB16, "")), want: ocAt(2)},
		{name: "neither, turned 4", oc2: ocOs(ocA(ocDOB3, "")), want: nil},
		{name: "neither, turned 17", oc2: ocOs(ocA(ocDOB16b, "")), want: nil},
		{name: "neither, not cohort", oc2: ocOs(ocB(ocDOB12, "")), want: nil},
	},
	"188": {
		{name: "3 at 31 March with score", oc2: ocOs(ocA(ocDOB2, "SCORE=3"), ocB(ocDOB2, "REASON=SDQ1")), want: ocAt(2, 3)},
		{name: "3 at 31 March without", oc2: ocOs(ocA(ocDOB2, "")), want: nil},
		{name: "4 at 31 March with score", oc2: ocOs(ocA(ocDOB3, "SCORE=3")), want: nil},
	},
	"189": {
		{name: "17 on 1 April with reason", oc2: ocOs(ocA(ocDOB17, "REASON=SDQ1")), want: ocAt(2)},
		{name: "16 on 1 April with score", oc2: ocOs(ocA(ocDOB16b, "SCORE=8")), want: nil},
		{name: "17 on 1 April without", oc2: ocOs(ocA(ocDOB17, "")), want: nil},
	},
	"196": {
		{name: "SDQ1 to SDQ5", oc2: ocOs(ocA(ocDOB12, "REASON=SDQ5"), ocB(ocDOB12, "")), want: nil},
		{name: "SDQ6", oc2: ocOs(ocA(ocDOB12, "REASON=SDQ6")), want: ocAt(2)},
	},
	"197a": {
		{name: "score alone", oc2: ocOs(ocA(ocDOB12, "SCORE=4"), ocB(ocDOB12, "REASON=SDQ3")), want: nil},
		{name: "score and reason", oc2: ocOs(ocA(ocDOB12, "SCORE=4 REASON=SDQ3")), want: ocAt(2)},
	},
	"197B": {
		{name: "turned 4, neither", oc2: ocOs(ocA(ocDOB3, "")), want: ocAt(2)},
		{name: "turned 17, neither", oc2: ocOs(ocA(ocDOB16b, "")), want: ocAt(2)},
		{name: "turned 17, reason", oc2: ocOs(ocA(ocDOB16b, "REASON=SDQ1")), want: nil},
		{name: "aged 12, neither", oc2: ocOs(ocA(ocDOB12, "")), want: nil},
		{name: "turned 4, not cohort", oc2: ocOs(ocB(ocDOB3, "")), want: nil},
	},

	// Health, convictions, substance misuse.
	"181": {
		{name: "0, 1 and blank", oc2: ocOs(ocA(ocDOB12, "CONV=1 IR=0")), want: nil},
		{name: "other values", oc2: ocOs(ocA(ocDOB12, "CONV=Y"), ocB(ocDOB12, "IO=2")), want: ocAt(2, 3)},
	},
	"182": {
		{name: "core complete", oc2: ocOs(ocA(ocDOB12, "CONV=0")), want: nil},
		{name: "all blank", oc2: ocOs(ocA(ocDOB12, "IMM= TEETH= HA= SM=")), want: nil},
		{name: "partly filled", oc2: ocOs(ocA(ocDOB12, "IMM= TEETH= HA= SM= CONV=0"), ocB(ocDOB12, "HA=")), want: ocAt(2, 3)},
	},
	"158": {
		{name: "received, offered blank", oc2: ocOs(ocA(ocDOB12, "SM=1 IR=1")), want: nil},
		{name: "received and offered", oc2: ocOs(ocA(ocDOB12, "SM=1 IR=1 IO=1")), want: ocAt(2)},
		{name: "not received, offered", oc2: ocOs(ocA(ocDOB12, "SM=1 IR=0 IO=1")), want: nil},
	},
	"159": {
		{name: "not received, offered given", oc2: ocOs(ocA(ocDOB12, "SM=1 IR=0 IO=0")), want: nil},
		{name: "not received, offered blank", oc2: ocOs(ocA(ocDOB12, "SM=1 IR=0")), want: ocAt(2)},
		{name: "no problem", oc2: ocOs(ocA(ocDOB12, "SM=0")), want: nil},
	},
	"192": {
		{name: "problem, received given", oc2: ocOs(ocA(ocDOB12, "SM=1 IR=1")), want: nil},
		{name: "problem, received blank", oc2: ocOs(ocA(ocDOB12, "SM=1")), want: ocAt(2)},
	},
	"193": {
		{name: "no problem, no intervention items", oc2: ocOs(ocA(ocDOB12, "SM=0"), ocB(ocDOB12, "SM=")), want: nil},
		{name: "no problem with items", oc2: ocOs(ocA(ocDOB12, "SM=0 IR=0"), ocB(ocDOB12, "SM= IO=1")), want: ocAt(2, 3)},
		{name: "problem with items", oc2: ocOs(ocA(ocDOB12, "SM=1 IR=0 IO=1")), want: nil},
	},
	"542": {
		{name: "10 with conviction item", oc2: ocOs(ocA(ocDOB10, "CONV=0")), want: nil},
		{name: "9 with conviction item", oc2: ocOs(ocA(ocDOB9, "CONV=0")), want: ocAt(2)},
	},
	"543": {
		{name: "10, given", oc2: ocOs(ocA(ocDOB10, "CONV=0")), want: nil},
		{name: "10, blank", oc2: ocOs(ocA(ocDOB10, "")), want: ocAt(2)},
		{name: "9, blank", oc2: ocOs(ocA(ocDOB9, "")), want: nil},
		{name: "10, blank, not cohort", oc2: ocOs(ocB(ocDOB10, "")), want: nil},
	},
	"544": {
		{name: "conviction with core", oc2: ocOs(ocA(ocDOB12, "CONV=1")), want: nil},
		{name: "conviction without immunisations", oc2: ocOs(ocA(ocDOB12, "CONV=1 IMM=")), want: ocAt(2)},
		{name: "no conviction item, core blank", oc2: ocOs(ocA(ocDOB12, "IMM=")), want: nil},
	},
	"545": {
		{name: "under 5, given", oc2: ocOs(ocA(ocDOB4, "HC=1")), want: nil},
		{name: "under 5, blank", oc2: ocOs(ocA(ocDOB4, "")), want: ocAt(2)},
		{name: "under 5, blank, not cohort", oc2: ocOs(ocB(ocDOB4, "")), want: nil},
		{name: "9, blank", oc2: ocOs(ocA(ocDOB9, "")), want: nil},
	},
	"546": {
		{name: "4, given", oc2: ocOs(ocA(ocDOB4, "HC=0")), want: nil},
		{name: "9, given", oc2: ocOs(ocA(ocDOB9, "HC=0")), want: ocAt(2)},
	},
	"547": {
		{name: "health check with core", oc2: ocOs(ocA(ocDOB4, "HC=1")), want: nil},
		{name: "health check without teeth", oc2: ocOs(ocA(ocDOB4, "HC=1 TEETH=")), want: ocAt(2)},
	},

	// Links to the Header.
	"INT05": {
		{name: "in header", oc2: ocOs(ocA(ocDOB12, "")), want: nil},
		{name: "not in header", oc2: ocOs(ocA(ocDOB12, ""), ocB(ocDOB12, "")), header: []Header{{Child: "A", DOB: xd(ocDOB12)}}, want: ocAt(3)},
	},
	"INT14": {
		{name: "same", oc2: ocOs(ocA(ocDOB12, "")), want: nil},
		{name: "different", oc2: ocOs(ocA(ocDOB12, "")), header: []Header{{Child: "A", DOB: xd(ocDOB9)}}, want: ocAt(2)},
		{name: "blank in OC2", oc2: ocOs(ocA("", "")), header: []Header{{Child: "A", DOB: xd(ocDOB9)}}, want: nil},
	},
	"INT33": {
		{name: "once each", oc2: ocOs(ocA(ocDOB12, ""), ocB(ocDOB12, "")), want: nil},
		{name: "twice", oc2: ocOs(ocA(ocDOB12, ""), ocB(ocDOB12, ""), ocA(ocDOB12, "")), want: ocAt(2, 4)},
	},
}

func TestOutcomeChecks(t *testing.T) {
	checks := outcomeChecks()
	for _, c := range checks {
		if ocTests[c.Code] == nil {
			t.Errorf("check %s has no test", c.Code)
		}
		if c.About == "" || c.Run == nil || len(c.Tables) == 0 || len(c.Fields) == 0 {
			t.Errorf("check %s is incomplete", c.Code)
		}
	}
	for code, cases := range ocTests {
		c := xCheck(t, checks, code)
		for _, tc := range cases {
			fs := c.Run(ocData(tc))
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
}

// TestOutcomeChecksEmpty runs every check on an empty and an odd return: none may panic or find
// anything in an empty return.
func TestOutcomeChecksEmpty(t *testing.T) {
	odd := &Return{Year: 2025, OC2: []OC2{{}, {Child: "A"}}, Episodes: []Episode{{Child: "A"}, {Child: "A", DEC: xd("01/01/2025")}},
		Header: []Header{{Child: "A"}}}
	for _, c := range outcomeChecks() {
		if fs := c.Run(NewCheckData(&Return{Year: 2025}, 2025)); len(fs) != 0 {
			t.Errorf("%s: findings in an empty return: %v", c.Code, fs)
		}
		c.Run(NewCheckData(odd, 2025))
	}
}
