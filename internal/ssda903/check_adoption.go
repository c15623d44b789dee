package ssda903

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"csperf/internal/finding"
)

// The checks of this file read the adoption tables: AD1 (a child adopted during the year) and
// PlacedAdoption (decisions that a child should be placed for adoption, and their reversal), with
// their links to the Episodes and the Header, and last year's PlacedAdoption for a few. They are
// grouped by subject: codes and dates of one record, the adopters, the dates against the episodes,
// decisions across the years, and the internal checks against the Header.
//
// Words used below: the "adopted episode" is a child's latest episode that ended in adoption (REC
// E11 or E12); an "adoption placement" is an episode placed for adoption (PLACE A3–A6), and the date
// the child was placed for adoption is the start of the run of such episodes that follow one another
// without a gap; the "latest decision" is the child's PlacedAdoption record with the latest
// DATE_PLACED.
//
// Not implemented, because they cannot fail on the return as csperf holds it: 112, 113, 115 and 116
// (DATE_INT, DATE_MATCH, DATE_PLACED or DATE_PLACED_CEASED is not a valid date). The readers report a
// value that is not a date (read/date) and leave the field blank, so a check of the record cannot tell
// an invalid date from a blank one.

func adoptionChecks() []Check {
	return []Check{
		adCode("114", "FOSTER_CARE", "adopted by foster carers", func(a *AD1) string { return a.FosterCare }),
		ad175(),
		adCode("176", "SEX_ADOPTR", "sex of adopters", func(a *AD1) string { return a.SexAdoptr }),
		adCode("177", "LS_ADOPTR", "legal status of adopters", func(a *AD1) string { return a.LSAdoptr }),
		ad120(), ad151(), ad119(), ad563(), ad522(), ad333(), ad184(),
		ad511(), ad514(),
		adCouple("517", "L3", "an unmarried couple of different sexes", "MF"),
		adCouple("518", "L4", "an unmarried couple of the same sex", "MM FF"),
		ad519(),
		adCouple("520", "L11", "a married couple of different sexes", "MF"),
		adCouple("524", "L12", "a married couple of the same sex", "MM FF"),
		ad331(), ad334(), ad335(), ad521(), ad582(), ad601(), ad602(),
		ad1003(), ad117(), ad118(), ad551(), ad552(), ad553(), ad554(), ad557(), ad558(),
		ad523(), ad525(), ad579(), ad583(),
		ad559(), ad560and584("560"), ad561(), ad560and584("584"),
		clInHeader("INT01", TableAD1, adAD1Rows),
		clInHeader("INT02", TablePlacedAdoption, adPARows),
		clSameDOB("INT11", TableAD1, adAD1Rows),
		clSameDOB("INT12", TablePlacedAdoption, adPARows),
		clOnce("INT31", TableAD1, adAD1Rows),
	}
}

// ---- helpers (the care leaver checks use adHasData, adValues and adFields) ----

var (
	adFields     = []string{"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}
	adAD1Tables  = []Table{TableAD1}
	adPATables   = []Table{TablePlacedAdoption}
	adEpisAD1    = []Table{TableAD1, TableEpisodes}
	adEpisPA     = []Table{TableEpisodes, TablePlacedAdoption}
	adPlacements = map[string]bool{"A3": true, "A4": true, "A5": true, "A6": true}
)

// adAdopted reports whether an episode ended in adoption.
func adAdopted(e *Episode) bool { return (e.REC == "E11" || e.REC == "E12") && e.DEC != 0 }

// adHasData reports whether an adoption record has any of its items filled in.
func adHasData(a *AD1) bool {
	return a.DateInt != 0 || a.DateMatch != 0 || a.FosterCare != "" || a.NbAdoptr != "" || a.SexAdoptr != "" || a.LSAdoptr != ""
}

// adValues shows an adoption record's items for a finding's value.
func adValues(a *AD1) string {
	return fmt.Sprintf("DATE_INT=%s DATE_MATCH=%s FOSTER_CARE=%s NB_ADOPTR=%s SEX_ADOPTR=%s LS_ADOPTR=%s",
		a.DateInt.DMY(), a.DateMatch.DMY(), a.FosterCare, a.NbAdoptr, a.SexAdoptr, a.LSAdoptr)
}

// adAD1Rule builds a check of each AD1 record on its own: bad returns the value to report and the
// message, with ok false when the record passes.
func adAD1Rule(c Check, bad func(d *CheckData, a *AD1) (value, msg string, ok bool)) Check {
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.AD1 {
			a := &d.Return.AD1[i]
			if v, msg, ok := bad(d, a); ok {
				out = append(out, d.Found(&c, TableAD1, a.Row, a.Child, clOwn(TableAD1, c.Fields), v, msg))
			}
		}
		return out
	}
	return c
}

// adPARule builds a check of each PlacedAdoption record on its own, as adAD1Rule does.
func adPARule(c Check, bad func(d *CheckData, p *PlacedAdoption) (value, msg string, ok bool)) Check {
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.PlacedAdoption {
			p := &d.Return.PlacedAdoption[i]
			if v, msg, ok := bad(d, p); ok {
				out = append(out, d.Found(&c, TablePlacedAdoption, p.Row, p.Child, clOwn(TablePlacedAdoption, c.Fields), v, msg))
			}
		}
		return out
	}
	return c
}

// adDecisions indexes PlacedAdoption records by child, in DATE_PLACED order (blank dates first).
func adDecisions(pa []PlacedAdoption) map[string][]*PlacedAdoption {
	m := map[string][]*PlacedAdoption{}
	for i := range pa {
		m[pa[i].Child] = append(m[pa[i].Child], &pa[i])
	}
	for _, ps := range m {
		sort.SliceStable(ps, func(a, b int) bool { return ps[a].DatePlaced < ps[b].DatePlaced })
	}
	return m
}

// adDated returns the decisions that have a DATE_PLACED, keeping their order.
func adDated(ps []*PlacedAdoption) []*PlacedAdoption {
	var out []*PlacedAdoption
	for _, p := range ps {
		if p.DatePlaced != 0 {
			out = append(out, p)
		}
	}
	return out
}

// adAD1Of indexes AD1 records by child (the first record of each child).
func adAD1Of(d *CheckData) map[string]*AD1 {
	m := map[string]*AD1{}
	for i := range d.Return.AD1 {
		if _, ok := m[d.Return.AD1[i].Child]; !ok {
			m[d.Return.AD1[i].Child] = &d.Return.AD1[i]
		}
	}
	return m
}

// adAdoptedEpisode returns the child's latest episode that ended in adoption and its index in
// eps, or nil.
func adAdoptedEpisode(eps []*Episode) (*Episode, int) {
	for k := len(eps) - 1; k >= 0; k-- {
		if adAdopted(eps[k]) {
			return eps[k], k
		}
	}
	return nil, -1
}

// adRunStart returns the start of the run of episodes ending at eps[k] in which each episode
// satisfies in and follows the one before without a gap.
func adRunStart(eps []*Episode, k int, in func(e *Episode) bool) Date {
	start := eps[k].DECOM
	for j := k - 1; j >= 0; j-- {
		e := eps[j]
		if !in(e) || e.DEC == 0 || e.DEC < start {
			break
		}
		start = e.DECOM
	}
	return start
}

// adLatestRun returns the start of the child's latest run of episodes satisfying in, or 0.
func adLatestRun(eps []*Episode, in func(e *Episode) bool) Date {
	for k := len(eps) - 1; k >= 0; k-- {
		if in(eps[k]) && eps[k].DECOM != 0 {
			return adRunStart(eps, k, in)
		}
	}
	return 0
}

func adIsPlacement(e *Episode) bool { return adPlacements[e.Place] }

// adPeriodStart returns the start of the child's latest period of care: the latest episode with
// reason for new episode S. It is 0 when the period started before the year's episodes.
func adPeriodStart(eps []*Episode) Date {
	for k := len(eps) - 1; k >= 0; k-- {
		if eps[k].RNE == "S" && eps[k].DECOM != 0 {
			return eps[k].DECOM
		}
	}
	return 0
}

// ---- codes and dates of one record ----

// adCode checks that a coded AD1 item, when filled in, holds one of its codes; a blank one is left
// to 151 and to the reader.
func adCode(code, field, name string, get func(a *AD1) string) Check {
	valid := clColumnCodes(TableAD1, field)
	var list []string
	for _, col := range Columns[TableAD1] {
		if col.Name == field {
			for _, c := range col.Codes {
				list = append(list, c.Code)
			}
		}
	}
	return adAD1Rule(Check{Code: code, Severity: finding.Error, Tables: adAD1Tables, Fields: []string{field},
		About: fmt.Sprintf("The %s code (%s) must be one of DfE's codes.", name, field)},
		func(_ *CheckData, a *AD1) (string, string, bool) {
			v := get(a)
			if v == "" || valid[v] {
				return "", "", false
			}
			return v, fmt.Sprintf("%s %q is not a valid code; the codes are %s", field, v, strings.Join(list, ", ")), true
		})
}

func ad175() Check {
	return adAD1Rule(Check{Code: "175", Severity: finding.Error, Tables: adAD1Tables, Fields: []string{"NB_ADOPTR"},
		About: "The number of adopters (NB_ADOPTR) must be 1 or 2."},
		func(_ *CheckData, a *AD1) (string, string, bool) {
			if a.NbAdoptr == "" {
				return "", "", false
			}
			if n, err := strconv.Atoi(a.NbAdoptr); err == nil && (n == 1 || n == 2) {
				return "", "", false
			}
			return a.NbAdoptr, fmt.Sprintf("number of adopters %q is not valid; it is 1 or 2", a.NbAdoptr), true
		})
}

func ad120() Check {
	valid := clColumnCodes(TablePlacedAdoption, "REASON_PLACED_CEASED")
	return adPARule(Check{Code: "120", Severity: finding.Error, Tables: adPATables, Fields: []string{"REASON_PLACED_CEASED"},
		About: "The reason a decision to place for adoption was reversed (REASON_PLACED_CEASED) must be RD1, RD2, RD3 or RD4."},
		func(_ *CheckData, p *PlacedAdoption) (string, string, bool) {
			if p.ReasonPlacedCeased == "" || valid[p.ReasonPlacedCeased] {
				return "", "", false
			}
			return p.ReasonPlacedCeased, fmt.Sprintf("reason the decision was reversed %q is not valid; the codes are RD1, RD2, RD3 and RD4", p.ReasonPlacedCeased), true
		})
}

func ad151() Check {
	return adAD1Rule(Check{Code: "151", Severity: finding.Error, Tables: adAD1Tables, Fields: adFields,
		About: "An adoption record must have all of its items filled in, or none."},
		func(_ *CheckData, a *AD1) (string, string, bool) {
			var blank []string
			for k, empty := range []bool{a.DateInt == 0, a.DateMatch == 0, a.FosterCare == "", a.NbAdoptr == "", a.SexAdoptr == "", a.LSAdoptr == ""} {
				if empty {
					blank = append(blank, adFields[k])
				}
			}
			if len(blank) == 0 || len(blank) == len(adFields) {
				return "", "", false
			}
			return adValues(a), fmt.Sprintf("adoption record is partly filled in: %s blank; fill in every item or none", strings.Join(blank, ", ")), true
		})
}

func ad119() Check {
	return adPARule(Check{Code: "119", Severity: finding.Error, Tables: adPATables, Fields: []string{"DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
		About: "When a decision to place for adoption is reversed, both the date (DATE_PLACED_CEASED) and the reason (REASON_PLACED_CEASED) must be given."},
		func(_ *CheckData, p *PlacedAdoption) (string, string, bool) {
			if (p.DatePlacedCeased == 0) == (p.ReasonPlacedCeased == "") {
				return "", "", false
			}
			return fmt.Sprintf("DATE_PLACED_CEASED=%s REASON_PLACED_CEASED=%s", p.DatePlacedCeased.DMY(), p.ReasonPlacedCeased),
				fmt.Sprintf("decision of %s: the date it was reversed is %s and the reason is %s; give both or neither",
					showDate(p.DatePlaced), showDate(p.DatePlacedCeased), showCode(p.ReasonPlacedCeased)), true
		})
}

func ad563() Check {
	return adPARule(Check{Code: "563", Severity: finding.Error, Tables: adPATables, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"},
		About: "A reversed decision to place for adoption must have the date of the decision (DATE_PLACED)."},
		func(_ *CheckData, p *PlacedAdoption) (string, string, bool) {
			if p.DatePlaced != 0 || (p.DatePlacedCeased == 0 && p.ReasonPlacedCeased == "") {
				return "", "", false
			}
			return fmt.Sprintf("DATE_PLACED_CEASED=%s REASON_PLACED_CEASED=%s", p.DatePlacedCeased.DMY(), p.ReasonPlacedCeased),
				fmt.Sprintf("the decision is recorded as reversed (date %s, reason %s) but the date of the decision itself is blank",
					showDate(p.DatePlacedCeased), showCode(p.ReasonPlacedCeased)), true
		})
}

func ad522() Check {
	return adPARule(Check{Code: "522", Severity: finding.Error, Tables: adPATables, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"},
		About: "A decision to place for adoption cannot be reversed before it was made (DATE_PLACED on or before DATE_PLACED_CEASED)."},
		func(_ *CheckData, p *PlacedAdoption) (string, string, bool) {
			if p.DatePlaced == 0 || p.DatePlacedCeased == 0 || p.DatePlacedCeased >= p.DatePlaced {
				return "", "", false
			}
			return fmt.Sprintf("DATE_PLACED=%s DATE_PLACED_CEASED=%s", p.DatePlaced.DMY(), p.DatePlacedCeased.DMY()),
				fmt.Sprintf("the decision of %s is recorded as reversed on %s, before it was made", p.DatePlaced.DMY(), p.DatePlacedCeased.DMY()), true
		})
}

func ad333() Check {
	return adAD1Rule(Check{Code: "333", Severity: finding.Error, Tables: adAD1Tables, Fields: []string{"DATE_INT", "DATE_MATCH"},
		About: "The decision that the child should be placed for adoption (DATE_INT) must be on or before matching with adopters (DATE_MATCH)."},
		func(_ *CheckData, a *AD1) (string, string, bool) {
			if a.DateInt == 0 || a.DateMatch == 0 || a.DateInt <= a.DateMatch {
				return "", "", false
			}
			return fmt.Sprintf("DATE_INT=%s DATE_MATCH=%s", a.DateInt.DMY(), a.DateMatch.DMY()),
				fmt.Sprintf("the child was matched with adopters on %s, before the decision that they should be placed for adoption on %s",
					a.DateMatch.DMY(), a.DateInt.DMY()), true
		})
}

// ad184 compares with the Header's date of birth, or the record's own when the child has no Header.
func ad184() Check {
	return adPARule(Check{Code: "184", Severity: finding.Error, Tables: []Table{TableHeader, TablePlacedAdoption}, Fields: []string{"DATE_PLACED", "DOB"},
		About: "A decision that a child should be placed for adoption cannot be before the child was born."},
		func(d *CheckData, p *PlacedAdoption) (string, string, bool) {
			dob := clDOB(d, p.Child, p.DOB)
			if p.DatePlaced == 0 || dob == 0 || p.DatePlaced >= dob {
				return "", "", false
			}
			return p.DatePlaced.DMY(), fmt.Sprintf("decision that the child should be placed for adoption is dated %s, before the child's birth on %s",
				p.DatePlaced.DMY(), dob.DMY()), true
		})
}

// ---- the adopters ----

var adCouples = map[string]bool{"MM": true, "FF": true, "MF": true}

func ad511() Check {
	return adAD1Rule(Check{Code: "511", Severity: finding.Error, Tables: adAD1Tables, Fields: []string{"NB_ADOPTR", "SEX_ADOPTR"},
		About: "Two adopters (NB_ADOPTR 2) must have a couple's sex code: MM, FF or MF."},
		func(_ *CheckData, a *AD1) (string, string, bool) {
			if n, err := strconv.Atoi(a.NbAdoptr); err != nil || n != 2 || adCouples[a.SexAdoptr] {
				return "", "", false
			}
			return "NB_ADOPTR=2 SEX_ADOPTR=" + a.SexAdoptr,
				fmt.Sprintf("two adopters are recorded but their sex code is %s; for a couple it is MM, FF or MF", showCode(a.SexAdoptr)), true
		})
}

func ad514() Check {
	return adAD1Rule(Check{Code: "514", Severity: finding.Error, Tables: adAD1Tables, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"},
		About: "A single adopter (LS_ADOPTR L0) cannot have a couple's sex code (MM, FF or MF)."},
		func(_ *CheckData, a *AD1) (string, string, bool) {
			if a.LSAdoptr != "L0" || !adCouples[a.SexAdoptr] {
				return "", "", false
			}
			return "LS_ADOPTR=L0 SEX_ADOPTR=" + a.SexAdoptr,
				fmt.Sprintf("the adopter's legal status L0 is a single adopter but the sex code %s is a couple's; a single adopter is M1 or F1", a.SexAdoptr), true
		})
}

// adCouple checks that adopters of legal status ls have one of the sex codes allowed (space
// separated). A blank sex code fails too, as in DfE's rule. 520's message speaks of a same-sex
// couple; it is read as "the sex code must be MF", since M1 and F1 contradict a married couple too.
func adCouple(code, ls, what, allowed string) Check {
	ok := map[string]bool{}
	for _, s := range strings.Fields(allowed) {
		ok[s] = true
	}
	list := strings.Join(strings.Fields(allowed), " or ")
	return adAD1Rule(Check{Code: code, Severity: finding.Error, Tables: adAD1Tables, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"},
		About: fmt.Sprintf("Adopters who are %s (LS_ADOPTR %s) must have sex code %s.", what, ls, list)},
		func(_ *CheckData, a *AD1) (string, string, bool) {
			if a.LSAdoptr != ls || ok[a.SexAdoptr] {
				return "", "", false
			}
			return "LS_ADOPTR=" + ls + " SEX_ADOPTR=" + a.SexAdoptr,
				fmt.Sprintf("the adopters' legal status %s is %s, but their sex code is %s; it should be %s", ls, what, showCode(a.SexAdoptr), list), true
		})
}

func ad519() Check {
	return adAD1Rule(Check{Code: "519", Severity: finding.Error, Tables: adAD1Tables, Fields: []string{"LS_ADOPTR", "SEX_ADOPTR"},
		About: "Adopters in a civil partnership (LS_ADOPTR L2) must have a couple's sex code: MM, FF or MF."},
		func(_ *CheckData, a *AD1) (string, string, bool) {
			if a.LSAdoptr != "L2" || adCouples[a.SexAdoptr] {
				return "", "", false
			}
			return "LS_ADOPTR=L2 SEX_ADOPTR=" + a.SexAdoptr,
				fmt.Sprintf("the adopters' legal status L2 is a civil partnership, but their sex code %s is not a couple's (MM, FF or MF)", showCode(a.SexAdoptr)), true
		})
}

// ---- AD1 against the episodes ----

// ad331: the match with adopters comes on or before the placement for adoption that ended in the
// adoption. The placement's date is the start of the run of adoption placements (A3–A6) that ends
// with the adopted episode, or that episode's start when it is not such a placement.
func ad331() Check {
	return adAD1Rule(Check{Code: "331", Severity: finding.Error, Tables: adEpisAD1, Fields: []string{"DATE_MATCH", "DECOM", "REC"},
		About: "The date the child was matched with adopters must be on or before the date the child was placed for adoption."},
		func(d *CheckData, a *AD1) (string, string, bool) {
			eps := clEpisodes(d, a.Child)
			e, k := adAdoptedEpisode(eps)
			if a.DateMatch == 0 || e == nil || e.DECOM == 0 {
				return "", "", false
			}
			placed := e.DECOM
			if adIsPlacement(e) {
				placed = adRunStart(eps, k, adIsPlacement)
			}
			if a.DateMatch <= placed {
				return "", "", false
			}
			return a.DateMatch.DMY(), fmt.Sprintf("the child was matched with adopters on %s, after being placed for the adoption on %s (adopted on %s, REC %s)",
				a.DateMatch.DMY(), placed.DMY(), e.DEC.DMY(), e.REC), true
		})
}

// ad334: the decision that the child should be placed for adoption is made while the child is
// looked after, so on or after the start of the latest period of care (the latest episode with RNE
// S). When the period began before this year's episodes, nothing is checked.
func ad334() Check {
	return adAD1Rule(Check{Code: "334", Severity: finding.Error, Tables: adEpisAD1, Fields: []string{"DATE_INT", "DECOM", "RNE"},
		About: "The start of the latest period of care must be on or before the decision that the child should be placed for adoption (DATE_INT)."},
		func(d *CheckData, a *AD1) (string, string, bool) {
			start := adPeriodStart(clEpisodes(d, a.Child))
			if a.DateInt == 0 || start == 0 || a.DateInt >= start {
				return "", "", false
			}
			return a.DateInt.DMY(), fmt.Sprintf("the decision that the child should be placed for adoption is dated %s, before the latest period of care began on %s",
				a.DateInt.DMY(), start.DMY()), true
		})
}

// ad335: adoption by the current foster carers (FOSTER_CARE 1) goes with a placement with them
// (A3, A5, or the old A2); adoption by others (0) with a placement not with them (A4, A6, or the
// old A1). The latest episode's placement is compared.
func ad335() Check {
	withCarers := map[string]bool{"A2": true, "A3": true, "A5": true}
	notCarers := map[string]bool{"A1": true, "A4": true, "A6": true}
	return adAD1Rule(Check{Code: "335", Severity: finding.Error, Tables: adEpisAD1, Fields: []string{"FOSTER_CARE", "PLACE"},
		About: "Whether the child was adopted by their foster carers (FOSTER_CARE) must agree with the last placement (A3/A5 with foster carers, A4/A6 not)."},
		func(d *CheckData, a *AD1) (string, string, bool) {
			last := clLast(d, a.Child)
			if last == nil {
				return "", "", false
			}
			switch {
			case a.FosterCare == "0" && withCarers[last.Place]:
				return "FOSTER_CARE=0 PLACE=" + last.Place, fmt.Sprintf("FOSTER_CARE 0 says the child was not adopted by their foster carers, but the last placement (from %s) is %s, a placement for adoption with the current foster carers",
					showDate(last.DECOM), last.Place), true
			case a.FosterCare == "1" && notCarers[last.Place]:
				return "FOSTER_CARE=1 PLACE=" + last.Place, fmt.Sprintf("FOSTER_CARE 1 says the child was adopted by their foster carers, but the last placement (from %s) is %s, a placement for adoption not with the current foster carers",
					showDate(last.DECOM), last.Place), true
			}
			return "", "", false
		})
}

// ad521: the decision that adoption is in the child's best interests (DATE_INT) comes on or before
// the child's latest placement for adoption (start of the latest run of A3–A6 episodes).
func ad521() Check {
	return adAD1Rule(Check{Code: "521", Severity: finding.Error, Tables: adEpisAD1, Fields: []string{"DATE_INT", "DECOM", "PLACE"},
		About: "The decision that the child should be placed for adoption (DATE_INT) must be on or before the date the child was placed for adoption."},
		func(d *CheckData, a *AD1) (string, string, bool) {
			placed := adLatestRun(clEpisodes(d, a.Child), adIsPlacement)
			if a.DateInt == 0 || placed == 0 || a.DateInt <= placed {
				return "", "", false
			}
			return a.DateInt.DMY(), fmt.Sprintf("the decision that the child should be placed for adoption is dated %s, after the child was placed for adoption on %s",
				a.DateInt.DMY(), placed.DMY()), true
		})
}

// ad582 is a query: matching with adopters on the very day of the adoption order is possible but
// rare. DfE's wording ("in most circumstances we expect") makes it a query rather than an error.
func ad582() Check {
	return adAD1Rule(Check{Code: "582", Severity: finding.Query, Tables: adEpisAD1, Fields: []string{"DATE_MATCH", "DEC"},
		About: "Query: the child was adopted on the same day as being matched with adopters; the match usually comes earlier."},
		func(d *CheckData, a *AD1) (string, string, bool) {
			e, _ := adAdoptedEpisode(clEpisodes(d, a.Child))
			if e == nil || a.DateMatch == 0 || e.DEC != a.DateMatch {
				return "", "", false
			}
			return a.DateMatch.DMY(), fmt.Sprintf("the child was adopted (REC %s) on %s, the same day as being matched with adopters; please check the match date",
				e.REC, e.DEC.DMY()), true
		})
}

// ad601: a child adopted during the year (an episode ending E11 or E12 within the year) needs a full
// adoption record. The adopted episode is flagged.
func ad601() Check {
	c := Check{Code: "601", Severity: finding.Error, Tables: adEpisAD1, Fields: []string{"REC", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
		About: "A child adopted during the year must have every item of the adoption record (AD1) filled in."}
	c.Run = func(d *CheckData) []finding.Finding {
		ad1 := adAD1Of(d)
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if !adAdopted(e) || e.DEC < d.Start || e.DEC > d.End {
				continue
			}
			a := ad1[e.Child]
			var msg string
			if a == nil {
				msg = fmt.Sprintf("the child was adopted on %s (REC %s) but has no adoption record (AD1)", e.DEC.DMY(), e.REC)
			} else {
				var blank []string
				for k, empty := range []bool{a.DateInt == 0, a.DateMatch == 0, a.FosterCare == "", a.NbAdoptr == "", a.SexAdoptr == "", a.LSAdoptr == ""} {
					if empty {
						blank = append(blank, adFields[k])
					}
				}
				if len(blank) == 0 {
					continue
				}
				msg = fmt.Sprintf("the child was adopted on %s (REC %s) but the adoption record (AD1 row %d) has %s blank", e.DEC.DMY(), e.REC, a.Row, strings.Join(blank, ", "))
			}
			out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, clOwn(TableEpisodes, c.Fields), e.REC, msg))
		}
		return out
	}
	return c
}

// ad602: an adoption record needs an episode that ended in adoption during the year.
func ad602() Check {
	return adAD1Rule(Check{Code: "602", Severity: finding.Error, Tables: adEpisAD1, Fields: []string{"CHILD"},
		About: "A child with an adoption record (AD1) must have an episode ending in adoption (REC E11 or E12) during the year."},
		func(d *CheckData, a *AD1) (string, string, bool) {
			if !adHasData(a) {
				return "", "", false
			}
			for _, e := range clEpisodes(d, a.Child) {
				if adAdopted(e) && e.DEC >= d.Start && e.DEC <= d.End {
					return "", "", false
				}
			}
			return a.Child, fmt.Sprintf("child %s has an adoption record but no episode ending in adoption (REC E11 or E12) between %s and %s",
				a.Child, d.Start.DMY(), d.End.DMY()), true
		})
}

// ---- PlacedAdoption against the episodes ----

// ad1003: a decision that was in force during the latest period of care (not reversed before it
// began) cannot predate that period's start (the latest episode with RNE S). A decision reversed
// before the period began belongs to an earlier period and is not checked.
func ad1003() Check {
	return adPARule(Check{Code: "1003", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"DATE_PLACED", "DECOM", "RNE"},
		About: "A decision that the child should be placed for adoption cannot be before the child started to be looked after."},
		func(d *CheckData, p *PlacedAdoption) (string, string, bool) {
			start := adPeriodStart(clEpisodes(d, p.Child))
			if p.DatePlaced == 0 || start == 0 || p.DatePlaced >= start || (p.DatePlacedCeased != 0 && p.DatePlacedCeased < start) {
				return "", "", false
			}
			return p.DatePlaced.DMY(), fmt.Sprintf("the decision that the child should be placed for adoption is dated %s, before the child started to be looked after on %s (RNE S)",
				p.DatePlaced.DMY(), start.DMY()), true
		})
}

// ad117: the decision and its reversal cannot be after the collection year, nor after the child left
// care (the latest episode ceased with a reason other than X1).
func ad117() Check {
	return adPARule(Check{Code: "117", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED", "DEC", "REC"},
		About: "The decision to place for adoption, and its reversal, cannot be after 31 March or after the child left care."},
		func(d *CheckData, p *PlacedAdoption) (string, string, bool) {
			var left Date
			if last := clLast(d, p.Child); last != nil && last.DEC != 0 && last.REC != "" && last.REC != "X1" {
				left = last.DEC
			}
			var why []string
			for _, x := range []struct {
				name string
				at   Date
			}{{"decision", p.DatePlaced}, {"reversal of the decision", p.DatePlacedCeased}} {
				switch {
				case x.at == 0:
				case x.at > d.End:
					why = append(why, fmt.Sprintf("the %s (%s) is after the collection year ended on %s", x.name, x.at.DMY(), d.End.DMY()))
				case left != 0 && x.at > left:
					why = append(why, fmt.Sprintf("the %s (%s) is after the child left care on %s", x.name, x.at.DMY(), left.DMY()))
				}
			}
			if len(why) == 0 {
				return "", "", false
			}
			return fmt.Sprintf("DATE_PLACED=%s DATE_PLACED_CEASED=%s", p.DatePlaced.DMY(), p.DatePlacedCeased.DMY()), strings.Join(why, "; "), true
		})
}

// ad118: a reversal cannot be before the collection year (it belonged in an earlier return) nor
// before the child's first episode of the year; short breaks (V3, V4) are not care for this.
func ad118() Check {
	return adPARule(Check{Code: "118", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"DATE_PLACED_CEASED", "DECOM", "LS"},
		About: "The reversal of a decision to place for adoption cannot be before the collection year or before the child started to be looked after."},
		func(d *CheckData, p *PlacedAdoption) (string, string, bool) {
			if p.DatePlacedCeased == 0 {
				return "", "", false
			}
			if p.DatePlacedCeased < d.Start {
				return p.DatePlacedCeased.DMY(), fmt.Sprintf("the decision was reversed on %s, before the collection year began on %s",
					p.DatePlacedCeased.DMY(), d.Start.DMY()), true
			}
			for _, e := range clEpisodes(d, p.Child) {
				if shortBreak(e.LS) || e.DECOM == 0 {
					continue
				}
				if p.DatePlacedCeased < e.DECOM {
					return p.DatePlacedCeased.DMY(), fmt.Sprintf("the decision was reversed on %s, before the child started to be looked after on %s",
						p.DatePlacedCeased.DMY(), e.DECOM.DMY()), true
				}
				break
			}
			return "", "", false
		})
}

// adFirstEpisode flags, for each child with an episode satisfying in and no dated decision, the
// child's first such episode.
func adFirstEpisode(c *Check, d *CheckData, in func(e *Episode) bool, msg func(e *Episode) (value, msg string)) []finding.Finding {
	decided := map[string]bool{}
	for _, p := range d.Return.PlacedAdoption {
		if p.DatePlaced != 0 {
			decided[p.Child] = true
		}
	}
	var out []finding.Finding
	done := map[string]bool{}
	for i := range d.Return.Episodes {
		e := &d.Return.Episodes[i]
		if done[e.Child] || decided[e.Child] || !in(e) {
			continue
		}
		eps := clEpisodes(d, e.Child)
		for _, f := range eps {
			if in(f) {
				e = f
				break
			}
		}
		done[e.Child] = true
		v, m := msg(e)
		out = append(out, d.Found(c, TableEpisodes, e.Row, e.Child, clOwn(TableEpisodes, c.Fields), v, m))
	}
	return out
}

func ad551() Check {
	c := Check{Code: "551", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"PLACE", "DATE_PLACED"},
		About: "A child placed for adoption (PLACE A3–A6) must have a decision that they should be placed for adoption (PlacedAdoption)."}
	c.Run = func(d *CheckData) []finding.Finding {
		return adFirstEpisode(&c, d, adIsPlacement, func(e *Episode) (string, string) {
			return e.Place, fmt.Sprintf("the child was placed for adoption (PLACE %s) from %s but has no decision that they should be placed for adoption with a date (PlacedAdoption)", e.Place, showDate(e.DECOM))
		})
	}
	return c
}

func ad553() Check {
	c := Check{Code: "553", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"LS", "DATE_PLACED"},
		About: "A child with a placement order (LS E1) must have a decision that they should be placed for adoption (PlacedAdoption)."}
	c.Run = func(d *CheckData) []finding.Finding {
		return adFirstEpisode(&c, d, func(e *Episode) bool { return e.LS == "E1" }, func(e *Episode) (string, string) {
			return e.LS, fmt.Sprintf("the child has a placement order (LS E1) from %s but no decision that they should be placed for adoption with a date (PlacedAdoption)", showDate(e.DECOM))
		})
	}
	return c
}

// adNoneBefore flags the child's earliest dated decision when none of the child's decisions is on or
// before at. It is how 552 and 554 read "the decision should be on or before": an earlier decision
// that was later reversed still came first, so only a child with no decision by then is flagged.
func adNoneBefore(c *Check, d *CheckData, at func(child string) (Date, string)) []finding.Finding {
	var out []finding.Finding
	for child, ps := range adDecisions(d.Return.PlacedAdoption) {
		ps = adDated(ps)
		if len(ps) == 0 {
			continue
		}
		when, what := at(child)
		if when == 0 || ps[0].DatePlaced <= when {
			continue
		}
		out = append(out, d.Found(c, TablePlacedAdoption, ps[0].Row, child, clOwn(TablePlacedAdoption, c.Fields), ps[0].DatePlaced.DMY(),
			fmt.Sprintf("the decision that the child should be placed for adoption is dated %s, after %s on %s", ps[0].DatePlaced.DMY(), what, when.DMY())))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
	return out
}

// ad552: the decision comes on or before the latest placement for adoption (start of the latest run
// of A3–A6 episodes).
func ad552() Check {
	c := Check{Code: "552", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"DATE_PLACED", "DECOM"},
		About: "The decision that a child should be placed for adoption must be on or before the date the child was placed for adoption."}
	c.Run = func(d *CheckData) []finding.Finding {
		return adNoneBefore(&c, d, func(child string) (Date, string) {
			return adLatestRun(clEpisodes(d, child), adIsPlacement), "the child was placed for adoption"
		})
	}
	return c
}

// ad554: the decision comes on or before the latest placement order (start of the latest run of LS
// E1 episodes). When that run began before this year's episodes, its first episode of the year still
// bounds the order's date from above, so no false finding comes of it.
func ad554() Check {
	c := Check{Code: "554", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"DATE_PLACED", "DECOM", "LS"},
		About: "The decision that a child should be placed for adoption must be on or before the placement order was granted (LS E1)."}
	c.Run = func(d *CheckData) []finding.Finding {
		return adNoneBefore(&c, d, func(child string) (Date, string) {
			return adLatestRun(clEpisodes(d, child), func(e *Episode) bool { return e.LS == "E1" }), "the placement order was granted"
		})
	}
	return c
}

// ad557: a child who left care other than by adoption (latest episode ceased with a reason other
// than X1, E11 or E12) must have every decision made before leaving recorded as reversed, with date
// and reason. DfE's list names LS and PLACE too; a decision open when the child left is an error
// whatever the last placement, so they are not read.
func ad557() Check {
	return adPARule(Check{Code: "557", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"DATE_PLACED_CEASED", "REASON_PLACED_CEASED", "REC"},
		About: "When a child with a decision to place for adoption leaves care without being adopted, the reversal of the decision (date and reason) must be recorded."},
		func(d *CheckData, p *PlacedAdoption) (string, string, bool) {
			last := clLast(d, p.Child)
			if last == nil || last.DEC == 0 || last.REC == "" || last.REC == "X1" || adAdopted(last) {
				return "", "", false
			}
			if p.DatePlaced == 0 || p.DatePlaced > last.DEC || (p.DatePlacedCeased != 0 && p.ReasonPlacedCeased != "") {
				return "", "", false
			}
			return fmt.Sprintf("DATE_PLACED_CEASED=%s REASON_PLACED_CEASED=%s", p.DatePlacedCeased.DMY(), p.ReasonPlacedCeased),
				fmt.Sprintf("the child left care on %s (REC %s) without being adopted, but the decision of %s is not recorded as reversed (date %s, reason %s)",
					last.DEC.DMY(), last.REC, p.DatePlaced.DMY(), showDate(p.DatePlacedCeased), showCode(p.ReasonPlacedCeased)), true
		})
}

// ad558: a child adopted has had the decision carried through, so the latest decision cannot be
// reversed. Earlier decisions, reversed before a new one was made, are not read.
func ad558() Check {
	c := Check{Code: "558", Severity: finding.Error, Tables: adEpisPA, Fields: []string{"DATE_PLACED_CEASED", "REC"},
		About: "A child who was adopted cannot have the decision to place them for adoption recorded as reversed."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for child, ps := range adDecisions(d.Return.PlacedAdoption) {
			e, _ := adAdoptedEpisode(clEpisodes(d, child))
			if p := ps[len(ps)-1]; e != nil && p.DatePlacedCeased != 0 {
				out = append(out, d.Found(&c, TablePlacedAdoption, p.Row, child, clOwn(TablePlacedAdoption, c.Fields), p.DatePlacedCeased.DMY(),
					fmt.Sprintf("the child was adopted on %s (REC %s), but the decision of %s is recorded as reversed on %s; leave the reversal blank",
						e.DEC.DMY(), e.REC, showDate(p.DatePlaced), p.DatePlacedCeased.DMY())))
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
		return out
	}
	return c
}

// ---- AD1 against PlacedAdoption ----

// ad523: the adoption record's decision date (DATE_INT) and the latest decision's DATE_PLACED are
// the same decision, so the same date. The latest decision is flagged.
func ad523() Check {
	c := Check{Code: "523", Severity: finding.Error, Tables: []Table{TableAD1, TablePlacedAdoption}, Fields: []string{"DATE_PLACED", "DATE_INT"},
		About: "The date of the decision that the child should be placed for adoption must be the same in PlacedAdoption and AD1 (DATE_INT)."}
	c.Run = func(d *CheckData) []finding.Finding {
		ad1 := adAD1Of(d)
		var out []finding.Finding
		for child, ps := range adDecisions(d.Return.PlacedAdoption) {
			a := ad1[child]
			p := ps[len(ps)-1]
			if a == nil || a.DateInt == 0 || p.DatePlaced == 0 || p.DatePlaced == a.DateInt {
				continue
			}
			out = append(out, d.Found(&c, TablePlacedAdoption, p.Row, child, clOwn(TablePlacedAdoption, c.Fields), fmt.Sprintf("DATE_PLACED=%s DATE_INT=%s", p.DatePlaced.DMY(), a.DateInt.DMY()),
				fmt.Sprintf("the decision that the child should be placed for adoption is dated %s here but %s in the adoption record (AD1 row %d); they are the same decision",
					p.DatePlaced.DMY(), a.DateInt.DMY(), a.Row)))
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
		return out
	}
	return c
}

// ad525: a child whose latest decision was reversed cannot have been adopted this year. The adoption
// record is flagged. An earlier decision, reversed before a new one, is no bar.
func ad525() Check {
	c := Check{Code: "525", Severity: finding.Error, Tables: []Table{TableAD1, TablePlacedAdoption}, Fields: append([]string{"DATE_PLACED_CEASED"}, adFields...),
		About: "A child whose decision to be placed for adoption was reversed cannot be adopted during the year."}
	c.Run = func(d *CheckData) []finding.Finding {
		decisions := adDecisions(d.Return.PlacedAdoption)
		var out []finding.Finding
		for i := range d.Return.AD1 {
			a := &d.Return.AD1[i]
			ps := decisions[a.Child]
			if len(ps) == 0 || !adHasData(a) {
				continue
			}
			if p := ps[len(ps)-1]; p.DatePlacedCeased != 0 {
				out = append(out, d.Found(&c, TableAD1, a.Row, a.Child, clOwn(TableAD1, c.Fields), adValues(a),
					fmt.Sprintf("the child has an adoption record, but the decision of %s that they should be placed for adoption was reversed on %s (PlacedAdoption row %d)",
						showDate(p.DatePlaced), p.DatePlacedCeased.DMY(), p.Row)))
			}
		}
		return out
	}
	return c
}

// ---- decisions of one child ----

// ad579: a decision made this year must not start while an earlier decision is still open, nor
// before an earlier one was reversed.
func ad579() Check {
	c := Check{Code: "579", Severity: finding.Error, Tables: adPATables, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"},
		About: "A new decision to place for adoption made this year cannot overlap an earlier one: the earlier must have been reversed on or before the new decision."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for child, ps := range adDecisions(d.Return.PlacedAdoption) {
			ps = adDated(ps)
			for k := 1; k < len(ps); k++ {
				p := ps[k]
				if p.DatePlaced < d.Start || p.DatePlaced > d.End {
					continue
				}
				for _, q := range ps[:k] {
					var why string
					switch {
					case q.DatePlacedCeased == 0:
						why = fmt.Sprintf("the earlier decision of %s (row %d) is still open", q.DatePlaced.DMY(), q.Row)
					case q.DatePlacedCeased > p.DatePlaced:
						why = fmt.Sprintf("the earlier decision of %s (row %d) was only reversed on %s", q.DatePlaced.DMY(), q.Row, q.DatePlacedCeased.DMY())
					default:
						continue
					}
					out = append(out, d.Found(&c, TablePlacedAdoption, p.Row, child, clOwn(TablePlacedAdoption, c.Fields), p.DatePlaced.DMY(),
						fmt.Sprintf("a new decision that the child should be placed for adoption is dated %s, but %s", p.DatePlaced.DMY(), why)))
					break
				}
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
		return out
	}
	return c
}

// ad583 is a query, as DfE's wording asks to check: a child with more than one decision whose
// earlier decision is not recorded as reversed. The earlier decision is flagged.
func ad583() Check {
	c := Check{Code: "583", Severity: finding.Query, Tables: adPATables, Fields: []string{"DATE_PLACED", "DATE_PLACED_CEASED"},
		About: "Query: when a child has more than one decision to place for adoption, each earlier decision should be recorded as reversed."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for child, ps := range adDecisions(d.Return.PlacedAdoption) {
			ps = adDated(ps)
			if len(ps) < 2 {
				continue
			}
			latest := ps[len(ps)-1]
			for _, p := range ps[:len(ps)-1] {
				if p.DatePlacedCeased == 0 {
					out = append(out, d.Found(&c, TablePlacedAdoption, p.Row, child, clOwn(TablePlacedAdoption, c.Fields), p.DatePlaced.DMY(),
						fmt.Sprintf("the decision of %s is not recorded as reversed, but a later decision of %s (row %d) is reported; check both are needed and give the date the earlier one was reversed (it may be in an earlier year)",
							p.DatePlaced.DMY(), latest.DatePlaced.DMY(), latest.Row)))
				}
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
		return out
	}
	return c
}

// ---- decisions against last year's return ----

// adPrevious indexes last year's decisions by child; nil when last year's PlacedAdoption was not
// given (see clPrevHas).
func adPrevious(d *CheckData) map[string][]*PlacedAdoption {
	if !clPrevHas(d, TablePlacedAdoption) {
		return nil
	}
	return adDecisions(d.Previous.PlacedAdoption)
}

// ad559: a decision dated before this year should have been reported last year; the child has no
// decision in last year's PlacedAdoption.
func ad559() Check {
	c := Check{Code: "559", Severity: finding.Error, Tables: adPATables, Fields: []string{"DATE_PLACED"}, Needs: NeedPrevious,
		About: "A decision to place for adoption dated before this year must have been reported in last year's return."}
	c.Run = func(d *CheckData) []finding.Finding {
		prev := adPrevious(d)
		if prev == nil {
			return nil
		}
		var out []finding.Finding
		for i := range d.Return.PlacedAdoption {
			p := &d.Return.PlacedAdoption[i]
			if p.DatePlaced == 0 || p.DatePlaced >= d.Start || len(prev[p.Child]) > 0 {
				continue
			}
			out = append(out, d.Found(&c, TablePlacedAdoption, p.Row, p.Child, clOwn(TablePlacedAdoption, c.Fields), p.DatePlaced.DMY(),
				fmt.Sprintf("the decision is dated %s, before this year, but last year's return has no decision to place this child for adoption", p.DatePlaced.DMY())))
		}
		return out
	}
	return c
}

// ad560and584 reads a child whose latest decision last year was still open at 31 March: this year
// must carry that decision with the same date. When no decision this year has that date, the
// child's earliest decision this year (the one that should carry it) is flagged: under 560 when it
// is still open (the date changed though the decision did not), under 584 when it is recorded as
// reversed (the reversal should be recorded against last year's date).
func ad560and584(code string) Check {
	reversed := code == "584"
	about := "A decision to place for adoption that was open at the end of last year must keep the date recorded last year."
	fields := []string{"DATE_PLACED", "DATE_PLACED_CEASED"}
	if reversed {
		about = "A decision open at the end of last year and reversed this year must be recorded with the date given last year."
		fields = []string{"DATE_PLACED"}
	}
	c := Check{Code: code, Severity: finding.Error, Tables: adPATables, Fields: fields, Needs: NeedPrevious, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		prev := adPrevious(d)
		if prev == nil {
			return nil
		}
		var out []finding.Finding
		for child, ps := range adDecisions(d.Return.PlacedAdoption) {
			last := adDated(prev[child])
			ps = adDated(ps)
			if len(last) == 0 || len(ps) == 0 {
				continue
			}
			l := last[len(last)-1]
			if l.DatePlacedCeased != 0 {
				continue
			}
			same := false
			for _, p := range ps {
				same = same || p.DatePlaced == l.DatePlaced
			}
			if p := ps[0]; !same && (p.DatePlacedCeased != 0) == reversed {
				msg := fmt.Sprintf("last year's return had the decision of %s still open at 31 March, but this year's decision is dated %s; the decision did not change, so the date should be %s",
					l.DatePlaced.DMY(), p.DatePlaced.DMY(), l.DatePlaced.DMY())
				if reversed {
					msg = fmt.Sprintf("last year's return had the decision of %s still open at 31 March; this year it is recorded as reversed on %s but dated %s; record the reversal against the decision of %s",
						l.DatePlaced.DMY(), p.DatePlacedCeased.DMY(), p.DatePlaced.DMY(), l.DatePlaced.DMY())
				}
				out = append(out, d.Found(&c, TablePlacedAdoption, p.Row, child, clOwn(TablePlacedAdoption, fields), p.DatePlaced.DMY(), msg))
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
		return out
	}
	return c
}

// ad561: a decision that last year's return showed as reversed cannot come back this year with the
// same date as if it still stood (open, or reversed on another date).
func ad561() Check {
	c := Check{Code: "561", Severity: finding.Error, Tables: adPATables, Fields: []string{"DATE_PLACED"}, Needs: NeedPrevious,
		About: "A decision to place for adoption that last year's return showed as reversed cannot be reported again this year as still standing."}
	c.Run = func(d *CheckData) []finding.Finding {
		prev := adPrevious(d)
		if prev == nil {
			return nil
		}
		var out []finding.Finding
		for i := range d.Return.PlacedAdoption {
			p := &d.Return.PlacedAdoption[i]
			if p.DatePlaced == 0 {
				continue
			}
			for _, l := range prev[p.Child] {
				if l.DatePlaced == p.DatePlaced && l.DatePlacedCeased != 0 && p.DatePlacedCeased != l.DatePlacedCeased {
					out = append(out, d.Found(&c, TablePlacedAdoption, p.Row, p.Child, clOwn(TablePlacedAdoption, c.Fields), p.DatePlaced.DMY(),
						fmt.Sprintf("the decision of %s was reversed on %s according to last year's return, but this year it is reported with reversal %s",
							p.DatePlaced.DMY(), l.DatePlacedCeased.DMY(), showDate(p.DatePlacedCeased))))
					break
				}
			}
		}
		return out
	}
	return c
}

// ---- internal checks against the Header ----

func adAD1Rows(d *CheckData) []clRow {
	out := make([]clRow, len(d.Return.AD1))
	for i, a := range d.Return.AD1 {
		out[i] = clRow{a.Row, a.Child, a.DOB}
	}
	return out
}

func adPARows(d *CheckData) []clRow {
	out := make([]clRow, len(d.Return.PlacedAdoption))
	for i, p := range d.Return.PlacedAdoption {
		out[i] = clRow{p.Row, p.Child, p.DOB}
	}
	return out
}
