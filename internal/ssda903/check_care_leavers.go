package ssda903

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"csperf/internal/finding"
)

// The checks of this file read the OC3 table (care leavers: in touch, activity and accommodation
// around the 17th to 21st birthday) and its links with the Header, Episodes, OC2, UASC and AD1
// tables, and last year's Episodes and OC3 for a few. They are grouped by subject: the codes of one
// record, who belongs in the care leaver cohort, the Header's motherhood details, and the internal
// checks of the table against the Header.
//
// A care leaver record "has data" when any of IN_TOUCH, ACTIV or ACCOM is filled in, as DfE's rules
// test it. Every rule of care_leavers.csv is implemented; 1002 is narrowed to young people turning 17
// (see cl1002). INT34 (and INT31 for AD1) repeat the reader's read/duplicate finding under DfE's code,
// so that a data officer sees the code DfE's own tool gives.

func careLeaverChecks() []Check {
	return []Check{
		clCode("131", "IN_TOUCH", "in touch", func(o *OC3) string { return o.InTouch }),
		clCode("132", "ACTIV", "activity", func(o *OC3) string { return o.Activ }),
		clCode("133", "ACCOM", "accommodation", func(o *OC3) string { return o.Accom }),
		cl153(), cl344(), cl345(), cl347(), cl391(), cl3001(), cl348(),
		cl1000(), cl1001(), cl1002(), cl1007(), cl1010(), cl1011(), cl1016(),
		cl134(), cl187(), cl215(), cl1014(),
		cl165(), cl628(),
		clInHeader("INT06", TableOC3, clOC3Rows),
		clSameDOB("INT15", TableOC3, clOC3Rows),
		clOnce("INT34", TableOC3, clOC3Rows),
	}
}

// ---- helpers (the adoption checks use them too) ----

var (
	clFields     = []string{"IN_TOUCH", "ACTIV", "ACCOM"}
	clTables     = []Table{TableOC3}
	clTablesEpis = []Table{TableEpisodes, TableOC3}
)

// clOwn keeps the fields of a check that are columns of table t, for a finding about a record of t
// (a check reading several tables names the others' fields in its message). It keeps them all when
// none is.
func clOwn(t Table, fields []string) []string {
	var out []string
	for _, f := range fields {
		if slices.ContainsFunc(Columns[t], func(c Column) bool { return c.Name == f }) {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return fields
	}
	return out
}

// clHasData reports whether a care leaver record has any of its three items filled in.
func clHasData(o *OC3) bool { return o.InTouch != "" || o.Activ != "" || o.Accom != "" }

// clValues shows a care leaver record's three items for a finding's value.
func clValues(o *OC3) string {
	return fmt.Sprintf("IN_TOUCH=%s ACTIV=%s ACCOM=%s", o.InTouch, o.Activ, o.Accom)
}

// clColumnCodes is the set of valid codes of a column of table t.
func clColumnCodes(t Table, name string) map[string]bool {
	m := map[string]bool{}
	for _, col := range Columns[t] {
		if col.Name == name {
			for _, c := range col.Codes {
				m[c.Code] = true
			}
		}
	}
	return m
}

// clDOB is a child's date of birth as the Header gives it, or else as the record gives it.
func clDOB(d *CheckData, child string, own Date) Date {
	if i, ok := d.HeaderOf[child]; ok && i >= 0 && i < len(d.Return.Header) && d.Return.Header[i].DOB != 0 {
		return d.Return.Header[i].DOB
	}
	return own
}

// clEpisodes returns the child's episodes of this year's return in start order.
func clEpisodes(d *CheckData, child string) []*Episode {
	var out []*Episode
	for _, i := range d.EpisodesOf[child] {
		if i >= 0 && i < len(d.Return.Episodes) {
			out = append(out, &d.Return.Episodes[i])
		}
	}
	return out
}

// clLast returns the child's latest episode of this year (by start date), or nil.
func clLast(d *CheckData, child string) *Episode {
	eps := clEpisodes(d, child)
	if len(eps) == 0 {
		return nil
	}
	return eps[len(eps)-1]
}

// clPrevHas reports whether last year's table t was given. A return read from CSV files names the
// tables it holds; a return built otherwise (no Files) is taken to hold them all. A check that compares
// with last year's table finds nothing when the table was not given, rather than flag every child.
func clPrevHas(d *CheckData, t Table) bool {
	return d.Previous != nil && (d.Previous.Files == nil || d.Previous.Files[t] != "")
}

// clPrevEpisodes indexes last year's episodes by child, in start order; empty when last year's
// return was not given.
func clPrevEpisodes(d *CheckData) map[string][]*Episode {
	m := map[string][]*Episode{}
	if d.Previous == nil {
		return m
	}
	for i := range d.Previous.Episodes {
		e := &d.Previous.Episodes[i]
		m[e.Child] = append(m[e.Child], e)
	}
	for _, es := range m {
		sort.SliceStable(es, func(a, b int) bool { return es[a].DECOM < es[b].DECOM })
	}
	return m
}

// clOC3Of indexes the OC3 records that have data by child (the first such record of each child).
func clOC3Of(d *CheckData) map[string]*OC3 {
	m := map[string]*OC3{}
	for i := range d.Return.OC3 {
		o := &d.Return.OC3[i]
		if _, ok := m[o.Child]; !ok && clHasData(o) {
			m[o.Child] = o
		}
	}
	return m
}

// clRule builds a check of each OC3 record on its own. bad returns the value to report and the
// message, with ok false when the record passes.
func clRule(c Check, bad func(d *CheckData, o *OC3) (value, msg string, ok bool)) Check {
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.OC3 {
			o := &d.Return.OC3[i]
			if v, msg, ok := bad(d, o); ok {
				out = append(out, d.Found(&c, TableOC3, o.Row, o.Child, clOwn(TableOC3, c.Fields), v, msg))
			}
		}
		return out
	}
	return c
}

// ---- codes of one record ----

// clCode checks that a coded OC3 item, when filled in, holds one of its codes. A blank item is left
// to 153 and to the reader.
func clCode(code, field, name string, get func(o *OC3) string) Check {
	valid := clColumnCodes(TableOC3, field)
	var list []string
	for _, col := range Columns[TableOC3] {
		if col.Name == field {
			for _, c := range col.Codes {
				list = append(list, c.Code)
			}
		}
	}
	return clRule(Check{Code: code, Severity: finding.Error, Tables: clTables, Fields: []string{field},
		About: fmt.Sprintf("A care leaver's %s code (%s) must be one of DfE's codes.", name, field)},
		func(_ *CheckData, o *OC3) (string, string, bool) {
			v := get(o)
			if v == "" || valid[v] {
				return "", "", false
			}
			return v, fmt.Sprintf("care leaver's %s %q is not a valid code; the codes are %s", field, v,
				strings.Join(list, ", ")), true
		})
}

func cl153() Check {
	return clRule(Check{Code: "153", Severity: finding.Error, Tables: clTables, Fields: clFields,
		About: "A care leaver record must have IN_TOUCH, ACTIV and ACCOM all filled in, or all blank."},
		func(_ *CheckData, o *OC3) (string, string, bool) {
			var blank, filled []string
			for _, f := range []struct{ name, v string }{{"IN_TOUCH", o.InTouch}, {"ACTIV", o.Activ}, {"ACCOM", o.Accom}} {
				if f.v == "" {
					blank = append(blank, f.name)
				} else {
					filled = append(filled, f.name)
				}
			}
			if len(blank) == 0 || len(filled) == 0 {
				return "", "", false
			}
			return clValues(o), fmt.Sprintf("care leaver record has %s filled in but %s blank; fill in all three or none",
				strings.Join(filled, " and "), strings.Join(blank, " and ")), true
		})
}

// clNone reports whether an activity or accommodation item is not completed: blank, or the code 0
// that the return uses for "not applicable".
func clNone(v string) bool { return v == "" || v == "0" }

// cl344: a young person who has died, or who has returned home to parents for six months or more
// (RHOM), has no activity or accommodation to report; both items must be blank or 0.
func cl344() Check {
	return clRule(Check{Code: "344", Severity: finding.Error, Tables: clTables, Fields: clFields,
		About: "When a care leaver has died (DIED) or has lived back with their parents for six months or more (RHOM), activity and accommodation must not be given."},
		func(_ *CheckData, o *OC3) (string, string, bool) {
			if (o.InTouch != "DIED" && o.InTouch != "RHOM") || (clNone(o.Activ) && clNone(o.Accom)) {
				return "", "", false
			}
			why := "has died"
			if o.InTouch == "RHOM" {
				why = "has returned home to their parents for six months or more"
			}
			return clValues(o), fmt.Sprintf("IN_TOUCH %s says the young person %s, yet activity %s and accommodation %s are given; leave both blank (or 0)",
				o.InTouch, why, showCode(o.Activ), showCode(o.Accom)), true
		})
}

// cl345: when the council is in touch (YES) it knows the young person's activity and
// accommodation, so neither may be blank or 0.
func cl345() Check {
	return clRule(Check{Code: "345", Severity: finding.Error, Tables: clTables, Fields: clFields,
		About: "When the council is in touch with a care leaver (IN_TOUCH YES), activity and accommodation must both be given (not blank or 0)."},
		func(_ *CheckData, o *OC3) (string, string, bool) {
			if o.InTouch != "YES" || (!clNone(o.Activ) && !clNone(o.Accom)) {
				return "", "", false
			}
			return clValues(o), fmt.Sprintf("the council is in touch with the young person (IN_TOUCH YES) but activity is %s and accommodation is %s; both must be given",
				showCode(o.Activ), showCode(o.Accom)), true
		})
}

// cl347: a foyer (ACCOM T1 or T2) is not allowed for a care leaver under 18. The record describes
// the young person around their birthday in the collection year, so their age is the one they
// reached then, that is their age on 31 March. (DfE's list names episode fields for this rule by
// mistake; the rule reads ACCOM and DOB.)
func cl347() Check {
	return clRule(Check{Code: "347", Severity: finding.Error, Tables: clTables, Fields: []string{"ACCOM", "DOB"},
		About: "A care leaver under 18 cannot be accommodated in a foyer (ACCOM T1 or T2)."},
		func(d *CheckData, o *OC3) (string, string, bool) {
			if o.Accom != "T1" && o.Accom != "T2" {
				return "", "", false
			}
			dob := clDOB(d, o.Child, o.DOB)
			if dob == 0 || dob.AgeAt(d.End) >= 18 {
				return "", "", false
			}
			return o.Accom, fmt.Sprintf("young person born %s was %d in the collection year but is recorded in a foyer (ACCOM %s); foyers are for care leavers aged 18 or over",
				dob.DMY(), dob.AgeAt(d.End), o.Accom), true
		})
}

// cl391: the care leaver cohort is the young people whose 17th, 18th, 19th, 20th or 21st birthday
// falls in the collection year.
func cl391() Check {
	return clRule(Check{Code: "391", Severity: finding.Error, Tables: clTables, Fields: []string{"DOB", "IN_TOUCH", "ACTIV", "ACCOM"},
		About: "Care leaver information is only for young people whose 17th to 21st birthday falls in the collection year."},
		func(d *CheckData, o *OC3) (string, string, bool) {
			if o.DOB == 0 || !clHasData(o) {
				return "", "", false
			}
			age := o.DOB.AgeAt(d.End) // the age reached at the birthday in the collection year
			if age >= 17 && age <= 21 {
				return "", "", false
			}
			return o.DOB.DMY(), fmt.Sprintf("young person born %s turned %d in the year to %s; care leaver information is only for those turning 17 to 21",
				o.DOB.DMY(), age, d.End.DMY()), true
		})
}

// cl3001: around the 17th birthday the young person is still a child, and living with former
// foster carers (ACCOM Z1 or Z2) is then a foster placement, not care-leaver accommodation. (DfE's
// list names REC for this rule; the rule reads ACCOM and the Header's DOB.)
func cl3001() Check {
	return clRule(Check{Code: "3001", Severity: finding.Error, Tables: []Table{TableHeader, TableOC3}, Fields: []string{"ACCOM", "DOB"},
		About: "A care leaver whose 17th birthday falls in the year cannot be recorded as living with former foster carers (ACCOM Z1 or Z2)."},
		func(d *CheckData, o *OC3) (string, string, bool) {
			if o.Accom != "Z1" && o.Accom != "Z2" {
				return "", "", false
			}
			dob := clDOB(d, o.Child, o.DOB)
			if dob == 0 {
				return "", "", false
			}
			b17 := dob.AddYears(17)
			if b17 < d.Start || b17 > d.End {
				return "", "", false
			}
			return o.Accom, fmt.Sprintf("young person turned 17 on %s, in this collection year, but accommodation is with former foster carers (ACCOM %s); a 17-year-old living with former foster carers is still in a foster placement, not in care-leaver accommodation",
				b17.DMY(), o.Accom), true
		})
}

// cl348: a young person reported last year as having died should not be reported again. DfE's list
// names only OC3; the rule needs last year's OC3.
func cl348() Check {
	c := Check{Code: "348", Severity: finding.Error, Tables: clTables, Fields: []string{"IN_TOUCH"}, Needs: NeedPrevious,
		About: "A care leaver reported last year as having died (IN_TOUCH DIED) cannot be reported again."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !clPrevHas(d, TableOC3) {
			return nil
		}
		died := map[string]bool{}
		for _, o := range d.Previous.OC3 {
			if o.InTouch == "DIED" {
				died[o.Child] = true
			}
		}
		var out []finding.Finding
		for i := range d.Return.OC3 {
			o := &d.Return.OC3[i]
			if died[o.Child] {
				out = append(out, d.Found(&c, TableOC3, o.Row, o.Child, clOwn(TableOC3, c.Fields), o.InTouch,
					fmt.Sprintf("last year's return recorded young person %s as having died, but this year's care leaver record has IN_TOUCH %s", o.Child, showCode(o.InTouch))))
			}
		}
		return out
	}
	return c
}

// ---- who belongs in the care leaver cohort ----

// cl1000: a child whose episode (this year or last) ended with death (REC E2) is not a care leaver.
// Last year's episodes are read when given, as DfE's note says; the check runs without them.
func cl1000() Check {
	return clRule(Check{Code: "1000", Severity: finding.Error, Tables: clTablesEpis, Fields: clFields,
		About: "A child recorded as having died in care (REC E2) should have no care leaver information."},
		func(d *CheckData, o *OC3) (string, string, bool) {
			if !clHasData(o) {
				return "", "", false
			}
			eps := clEpisodes(d, o.Child)
			if d.Previous != nil {
				for _, k := range d.PrevEpisodesOf[o.Child] {
					eps = append(eps, &d.Previous.Episodes[k])
				}
			}
			for _, e := range eps {
				if e.REC == "E2" {
					return clValues(o), fmt.Sprintf("the episode starting %s ended on %s because the child died (REC E2), yet care leaver information is filled in (%s)",
						showDate(e.DECOM), showDate(e.DEC), clValues(o)), true
				}
			}
			return "", "", false
		})
}

// cl1001: care leaver information is for relevant and former relevant children, who were first
// eligible children: looked after for at least 13 weeks (91 days) in all since their 14th birthday,
// some of it at or after their 16th birthday. Short breaks (legal status V3, V4) do not count. Only
// this year's and last year's episodes are known, so time looked after earlier is not seen (DfE's
// note warns of this); a child with no episodes in either year is left to 1002.
func cl1001() Check {
	c := Check{Code: "1001", Severity: finding.Error, Tables: []Table{TableEpisodes, TableHeader, TableOC3}, Fields: clFields, Needs: NeedPrevious,
		About: "Care leaver information is only for young people who were looked after for at least 13 weeks after their 14th birthday, ending after their 16th (relevant and former relevant children)."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !clPrevHas(d, TableEpisodes) {
			return nil
		}
		prev := clPrevEpisodes(d)
		var out []finding.Finding
		for i := range d.Return.OC3 {
			o := &d.Return.OC3[i]
			dob := clDOB(d, o.Child, o.DOB)
			if !clHasData(o) || dob == 0 {
				continue
			}
			days, after16, found := clEligibleTime(d, dob, clEpisodes(d, o.Child), prev[o.Child])
			if !found || (days >= 91 && after16) {
				continue
			}
			msg := fmt.Sprintf("the episodes of this and last year show %d days looked after since the 14th birthday (%s)", days, dob.AddYears(14).DMY())
			if !after16 {
				msg += fmt.Sprintf(" and none at or after the 16th birthday (%s)", dob.AddYears(16).DMY())
			}
			msg += "; an eligible child needs 13 weeks (91 days), ending after turning 16, so this young person should have no care leaver information"
			out = append(out, d.Found(&c, TableOC3, o.Row, o.Child, clOwn(TableOC3, c.Fields), clValues(o), msg))
		}
		return out
	}
	return c
}

// clEligibleTime adds up the days looked after since the 14th birthday over this year's and last
// year's episodes (an episode of last year that reappears this year counts once), leaving out short
// breaks, and says whether any of that time reached the 16th birthday and whether there were any
// episodes at all. An open episode counts to the end of the year of its return.
func clEligibleTime(d *CheckData, dob Date, cur, prev []*Episode) (days int, after16, found bool) {
	b14, b16 := dob.AddYears(14), dob.AddYears(16)
	seen := map[Date]bool{}
	count := func(e *Episode, yearEnd Date) {
		found = true
		if seen[e.DECOM] || shortBreak(e.LS) || e.DECOM == 0 {
			return
		}
		seen[e.DECOM] = true
		end := e.DEC
		if end == 0 {
			end = yearEnd
		}
		start := max(e.DECOM, b14)
		if end > start {
			days += end.Sub(start)
		}
		if end >= b16 {
			after16 = true
		}
	}
	for _, e := range cur {
		count(e, d.End)
	}
	for _, e := range prev {
		count(e, d.Start-1)
	}
	return days, after16, found
}

// cl1002: a care leaver must have been looked after. Only this year's and last year's episodes are
// known, and DfE's note warns that older care leavers (whose care ended before last year) are then
// flagged wrongly; in a council's return that is most of the 19- to 21-year-olds. The check is
// therefore narrowed to young people whose 17th birthday falls in the year: to be a care leaver they
// were looked after at or after 16, so within this year or last, and a record with no episode in
// either year is certainly wrong. Older young people are not checked.
func cl1002() Check {
	c := Check{Code: "1002", Severity: finding.Error, Tables: clTablesEpis, Fields: clFields, Needs: NeedPrevious,
		About: "A young person turning 17 with care leaver information must have episodes of care this year or last year."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !clPrevHas(d, TableEpisodes) {
			return nil
		}
		prev := clPrevEpisodes(d)
		var out []finding.Finding
		for i := range d.Return.OC3 {
			o := &d.Return.OC3[i]
			dob := clDOB(d, o.Child, o.DOB)
			b17 := dob.AddYears(17)
			if !clHasData(o) || dob == 0 || b17 < d.Start || b17 > d.End || len(d.EpisodesOf[o.Child]) > 0 || len(prev[o.Child]) > 0 {
				continue
			}
			out = append(out, d.Found(&c, TableOC3, o.Row, o.Child, clOwn(TableOC3, c.Fields), clValues(o),
				fmt.Sprintf("young person %s turned 17 on %s and has care leaver information, but no episode of care in this year's or last year's return; a care leaver was looked after after turning 16",
					o.Child, b17.DMY())))
		}
		return out
	}
	return c
}

// clBirthdayInYear returns the 17th or 18th birthday that falls in the collection year, or 0.
func clBirthdayInYear(d *CheckData, dob Date) (Date, int) {
	if dob == 0 {
		return 0, 0
	}
	for _, n := range []int{17, 18} {
		if b := dob.AddYears(n); b >= d.Start && b <= d.End {
			return b, n
		}
	}
	return 0, 0
}

// cl1007: a young person who was looked after on their 17th or 18th birthday in the year and still
// is at 31 March (the latest episode open) needs no care leaver information. One who left care after
// the birthday is 1016's.
func cl1007() Check {
	return clRule(Check{Code: "1007", Severity: finding.Error, Tables: clTablesEpis, Fields: clFields,
		About: "Care leaver information is not needed for a young person looked after on their 17th or 18th birthday in the year and still looked after at 31 March."},
		func(d *CheckData, o *OC3) (string, string, bool) {
			b, n := clBirthdayInYear(d, clDOB(d, o.Child, o.DOB))
			last := clLast(d, o.Child)
			if b == 0 || !clHasData(o) || last == nil || last.DEC != 0 {
				return "", "", false
			}
			for _, e := range clEpisodes(d, o.Child) {
				if e.DECOM != 0 && e.DECOM <= b && (e.DEC == 0 || e.DEC > b) {
					return clValues(o), fmt.Sprintf("young person was looked after on their %dth birthday (%s) and is still looked after at 31 March (episode from %s is open), so needs no care leaver information",
						n, b.DMY(), showDate(last.DECOM)), true
				}
			}
			return "", "", false
		})
}

// cl1016: a young person whose care ended after their 17th or 18th birthday in the year (the latest
// episode ceased after it) needs no care leaver information for that birthday.
func cl1016() Check {
	return clRule(Check{Code: "1016", Severity: finding.Error, Tables: clTablesEpis, Fields: clFields,
		About: "Care leaver information is not needed for a young person who left care after their 17th or 18th birthday in the year."},
		func(d *CheckData, o *OC3) (string, string, bool) {
			b, n := clBirthdayInYear(d, clDOB(d, o.Child, o.DOB))
			last := clLast(d, o.Child)
			if b == 0 || !clHasData(o) || last == nil || last.DEC == 0 || last.DEC <= b || last.REC == "X1" {
				return "", "", false
			}
			return clValues(o), fmt.Sprintf("young person left care on %s (REC %s), after their %dth birthday on %s, so needs no care leaver information",
				last.DEC.DMY(), showCode(last.REC), n, b.DMY()), true
		})
}

// cl1010: a child whose care was open at the end of last year but who has no episode this year is a
// gap in the episodes, not a care leaver.
func cl1010() Check {
	c := Check{Code: "1010", Severity: finding.Error, Tables: clTablesEpis, Fields: clFields, Needs: NeedPrevious,
		About: "A child whose episode was open at the end of last year must have episodes this year, not care leaver information alone."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !clPrevHas(d, TableEpisodes) {
			return nil
		}
		prev := clPrevEpisodes(d)
		var out []finding.Finding
		for i := range d.Return.OC3 {
			o := &d.Return.OC3[i]
			pe := prev[o.Child]
			if !clHasData(o) || len(d.EpisodesOf[o.Child]) > 0 || len(pe) == 0 {
				continue
			}
			if last := pe[len(pe)-1]; last.DEC == 0 {
				out = append(out, d.Found(&c, TableOC3, o.Row, o.Child, clOwn(TableOC3, c.Fields), clValues(o),
					fmt.Sprintf("last year's episode starting %s was still open at 31 March, but this year has no episodes for the child, only care leaver information; add this year's episodes",
						showDate(last.DECOM))))
			}
		}
		return out
	}
	return c
}

// cl1011: when care ended by transfer to another council (REC E3 on the latest episode), that
// council reports the young person as a care leaver.
func cl1011() Check {
	return clRule(Check{Code: "1011", Severity: finding.Error, Tables: clTablesEpis, Fields: clFields,
		About: "A child whose care was taken over by another council (latest episode REC E3) should have no care leaver information here."},
		func(d *CheckData, o *OC3) (string, string, bool) {
			last := clLast(d, o.Child)
			if !clHasData(o) || last == nil || last.REC != "E3" {
				return "", "", false
			}
			return clValues(o), fmt.Sprintf("the latest episode ended on %s with care transferred to another council (REC E3); that council reports the care leaver information",
				showDate(last.DEC)), true
		})
}

// ---- links with other tables ----

// cl134: the OC3 cohort are care leavers, not adopted children: a child with care leaver
// information should have no adoption record. The AD1 record is flagged.
func cl134() Check {
	c := Check{Code: "134", Severity: finding.Error, Tables: []Table{TableAD1, TableOC3},
		Fields: []string{"DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
		About:  "A young person with care leaver information cannot also have adoption information (AD1)."}
	c.Run = func(d *CheckData) []finding.Finding {
		oc3 := clOC3Of(d)
		var out []finding.Finding
		for i := range d.Return.AD1 {
			a := &d.Return.AD1[i]
			if o := oc3[a.Child]; o != nil && adHasData(a) {
				out = append(out, d.Found(&c, TableAD1, a.Row, a.Child, clOwn(TableAD1, c.Fields), adValues(a),
					fmt.Sprintf("child has adoption information here and care leaver information at OC3 row %d (%s); a care leaver should have no adoption record", o.Row, clValues(o))))
			}
		}
		return out
	}
	return c
}

// clOC2Cohort returns, for each child looked after continuously for at least 12 months at 31 March,
// the start of that period: the child's episode open at 31 March and the episodes joined to it
// without a gap go back to on or before 1 April of the year before (the collection year's start).
// Short breaks (V3, V4) are not care for this.
func clOC2Cohort(d *CheckData) map[string]Date {
	out := map[string]Date{}
	for child := range d.EpisodesOf {
		eps := clEpisodes(d, child)
		k := -1
		for j, e := range eps {
			if e.DECOM != 0 && e.DECOM <= d.End && (e.DEC == 0 || e.DEC > d.End) && !shortBreak(e.LS) {
				k = j
			}
		}
		if k < 0 {
			continue
		}
		start := eps[k].DECOM
		for j := k - 1; j >= 0; j-- {
			e := eps[j]
			if shortBreak(e.LS) || e.DEC == 0 || e.DEC < start {
				break
			}
			start = min(start, e.DECOM)
		}
		if start <= d.Start {
			out[child] = start
		}
	}
	return out
}

// cl187: a child looked after continuously for 12 months at 31 March is in the OC2 cohort, and so
// cannot have care leaver (OC3) or adoption (AD1) information. Each such record is flagged.
func cl187() Check {
	c := Check{Code: "187", Severity: finding.Error, Tables: []Table{TableAD1, TableEpisodes, TableOC3},
		Fields: []string{"IN_TOUCH", "ACTIV", "ACCOM", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"},
		About:  "A child looked after continuously for 12 months at 31 March cannot have care leaver or adoption information."}
	c.Run = func(d *CheckData) []finding.Finding {
		cohort := clOC2Cohort(d)
		var out []finding.Finding
		for i := range d.Return.OC3 {
			o := &d.Return.OC3[i]
			if s, ok := cohort[o.Child]; ok && clHasData(o) {
				out = append(out, d.Found(&c, TableOC3, o.Row, o.Child, clOwn(TableOC3, clFields), clValues(o),
					fmt.Sprintf("child has been looked after without a break since %s, so is in the 12-month (OC2) cohort at %s and cannot have care leaver information", s.DMY(), d.End.DMY())))
			}
		}
		for i := range d.Return.AD1 {
			a := &d.Return.AD1[i]
			if s, ok := cohort[a.Child]; ok && adHasData(a) {
				out = append(out, d.Found(&c, TableAD1, a.Row, a.Child, clOwn(TableAD1, adFields), adValues(a),
					fmt.Sprintf("child has been looked after without a break since %s, so is in the 12-month (OC2) cohort at %s and cannot have adoption information", s.DMY(), d.End.DMY())))
			}
		}
		return out
	}
	return c
}

// cl215: care leavers are not in the 12-month (OC2) cohort, so a child with care leaver information
// must have none of the OC2 items (convictions, health, substance misuse) filled in. The OC2 record
// is flagged. The SDQ items are not among the rule's fields and are not read.
func cl215() Check {
	fields := []string{"CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
		"SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"}
	c := Check{Code: "215", Severity: finding.Error, Tables: []Table{TableOC2, TableOC3}, Fields: fields,
		About: "A young person with care leaver information cannot have the 12-month outcome items (OC2) filled in."}
	c.Run = func(d *CheckData) []finding.Finding {
		oc3 := clOC3Of(d)
		var out []finding.Finding
		for i := range d.Return.OC2 {
			r := &d.Return.OC2[i]
			o := oc3[r.Child]
			if o == nil {
				continue
			}
			var filled []string
			for k, v := range []string{r.Convicted, r.HealthCheck, r.Immunisations, r.TeethCheck, r.HealthAssessment,
				r.SubstanceMisuse, r.InterventionReceived, r.InterventionOffered} {
				if v != "" {
					filled = append(filled, fields[k]+"="+v)
				}
			}
			if len(filled) > 0 {
				out = append(out, d.Found(&c, TableOC2, r.Row, r.Child, clOwn(TableOC2, fields), strings.Join(filled, " "),
					fmt.Sprintf("child has care leaver information (OC3 row %d) but 12-month outcome items are filled in: %s; leave them blank for a care leaver",
						o.Row, strings.Join(filled, ", "))))
			}
		}
		return out
	}
	return c
}

// cl1014: UASC information is about children looked after in the year. A young person with care
// leaver information and no episode this year is not looked after, so the UASC record is flagged.
func cl1014() Check {
	c := Check{Code: "1014", Severity: finding.Error, Tables: []Table{TableEpisodes, TableOC3, TableUASC}, Fields: []string{"DUC"},
		About: "A care leaver who was not looked after during the year should have no UASC record."}
	c.Run = func(d *CheckData) []finding.Finding {
		oc3 := clOC3Of(d)
		var out []finding.Finding
		for i := range d.Return.UASC {
			u := &d.Return.UASC[i]
			o := oc3[u.Child]
			if o == nil || len(d.EpisodesOf[u.Child]) > 0 {
				continue
			}
			out = append(out, d.Found(&c, TableUASC, u.Row, u.Child, clOwn(TableUASC, c.Fields), showDate(u.DUC),
				fmt.Sprintf("young person has care leaver information (OC3 row %d) and no episode this year, so is not looked after; their UASC record (ceased %s) is not needed",
					o.Row, showDate(u.DUC))))
		}
		return out
	}
	return c
}

// ---- motherhood details in the Header ----

// cl165 checks MOTHER for children with episodes this year, as DfE's rule does: a value other than 0
// or 1 is invalid; and a girl must have it filled in unless she only appears as a care leaver (no
// episode starting this year, and care leaver information given).
func cl165() Check {
	c := Check{Code: "165", Severity: finding.Error, Tables: []Table{TableEpisodes, TableHeader, TableOC3},
		Fields: []string{"MOTHER", "SEX"},
		About:  "MOTHER must be 0 or 1, and must be filled in for a girl looked after during the year."}
	c.Run = func(d *CheckData) []finding.Finding {
		oc3 := clOC3Of(d)
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			eps := clEpisodes(d, h.Child)
			if len(eps) == 0 {
				continue
			}
			if h.Mother != "" && h.Mother != "0" && h.Mother != "1" {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, clOwn(TableHeader, c.Fields), h.Mother,
					fmt.Sprintf("MOTHER %q is not valid; it is 1 when the child is a mother and 0 when not", h.Mother)))
				continue
			}
			if h.Mother != "" || h.Sex != "2" {
				continue
			}
			onlyBreaks := true // rule 399 asks for MOTHER to be blank for children on short breaks
			for _, e := range eps {
				if e.LS != "V3" && e.LS != "V4" {
					onlyBreaks = false
				}
			}
			if onlyBreaks {
				continue
			}
			startedThisYear := false
			for _, e := range eps {
				if e.DECOM >= d.Start && e.DECOM <= d.End {
					startedThisYear = true
				}
			}
			if startedThisYear || oc3[h.Child] == nil {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, clOwn(TableHeader, c.Fields), "",
					"MOTHER is blank for a girl looked after during the year; record 1 if she is a mother, 0 if not"))
			}
		}
		return out
	}
	return c
}

// cl628: a care leaver who was not looked after during the year (no episodes) has no motherhood
// details in the Header.
func cl628() Check {
	c := Check{Code: "628", Severity: finding.Error, Tables: []Table{TableEpisodes, TableHeader, TableOC3}, Fields: []string{"MOTHER"},
		About: "MOTHER should be blank for a care leaver who was not looked after during the year."}
	c.Run = func(d *CheckData) []finding.Finding {
		oc3 := clOC3Of(d)
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			if h.Mother == "" || oc3[h.Child] == nil || len(d.EpisodesOf[h.Child]) > 0 {
				continue
			}
			out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, clOwn(TableHeader, c.Fields), h.Mother,
				fmt.Sprintf("MOTHER is %s for a care leaver with no episode this year (OC3 row %d); leave it blank", h.Mother, oc3[h.Child].Row)))
		}
		return out
	}
	return c
}

// ---- internal checks against the Header (the adoption checks use these too) ----

// clRow is one record of a one-row-per-child table, as the internal checks see it.
type clRow struct {
	row   int
	child string
	dob   Date
}

func clOC3Rows(d *CheckData) []clRow {
	out := make([]clRow, len(d.Return.OC3))
	for i, o := range d.Return.OC3 {
		out[i] = clRow{o.Row, o.Child, o.DOB}
	}
	return out
}

// clInHeader checks that every child of table t is in the Header.
func clInHeader(code string, t Table, rows func(d *CheckData) []clRow) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{TableHeader, t}, Fields: []string{"CHILD"},
		About: fmt.Sprintf("Every child in %s must also be in the Header.", t)}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for _, r := range rows(d) {
			if _, ok := d.HeaderOf[r.child]; !ok {
				out = append(out, d.Found(&c, t, r.row, r.child, clOwn(t, c.Fields), r.child,
					fmt.Sprintf("child %q is in %s but not in the Header", r.child, t)))
			}
		}
		return out
	}
	return c
}

// clSameDOB checks that a child's date of birth in table t is the Header's. A blank date on either
// side is left to the reader, which reports it.
func clSameDOB(code string, t Table, rows func(d *CheckData) []clRow) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{TableHeader, t}, Fields: []string{"DOB"},
		About: fmt.Sprintf("A child's date of birth in %s must be the same as in the Header.", t)}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for _, r := range rows(d) {
			i, ok := d.HeaderOf[r.child]
			if !ok || i < 0 || i >= len(d.Return.Header) {
				continue
			}
			h := d.Return.Header[i]
			if r.dob != 0 && h.DOB != 0 && r.dob != h.DOB {
				out = append(out, d.Found(&c, t, r.row, r.child, clOwn(t, c.Fields), r.dob.DMY(),
					fmt.Sprintf("date of birth %s differs from the Header's %s (row %d)", r.dob.DMY(), h.DOB.DMY(), h.Row)))
			}
		}
		return out
	}
	return c
}

// clOnce checks that a child appears at most once in table t; every row of a child found more than
// once is flagged.
func clOnce(code string, t Table, rows func(d *CheckData) []clRow) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{t}, Fields: []string{"CHILD"},
		About: fmt.Sprintf("A child may appear only once in %s.", t)}
	c.Run = func(d *CheckData) []finding.Finding {
		rs := rows(d)
		at := map[string][]int{}
		for _, r := range rs {
			if r.child != "" {
				at[r.child] = append(at[r.child], r.row)
			}
		}
		var out []finding.Finding
		for _, r := range rs {
			if n := at[r.child]; len(n) > 1 {
				list := make([]string, len(n))
				for k, x := range n {
					list[k] = strconv.Itoa(x)
				}
				out = append(out, d.Found(&c, t, r.row, r.child, clOwn(t, c.Fields), r.child,
					fmt.Sprintf("child %q appears %d times in %s (rows %s); it may appear once", r.child, len(n), t, strings.Join(list, ", "))))
			}
		}
		return out
	}
	return c
}
