package ssda903

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// The checks of this file read the Header and UASC tables, and last year's Header and UASC for the
// checks that compare years. They are grouped by subject: the child's own details, mothers, UASC,
// last year's return, and the internal checks that tie the tables together.
//
// UASC status: csperf keeps no separate UASC flag. A child is (or was) an unaccompanied
// asylum-seeking child exactly when the child has a row in the UASC table (the XML readers make that
// row from HEADER's UASC flag or DUC), so "UASC = 1" below means "has a UASC row".
//
// Not implemented, because they cannot fail on the return as csperf holds it:
//   - 104 and 171 (DUC or MC_DOB not a valid date): both may be blank, and the readers report a value
//     that is not a date (read/date) and leave the field blank.
//
// The XML return's flag is checked from the reader's findings instead: 105 (flag not valid) and 303
// (DUC given, flag not 1) in check_dates.go, and 205C (DUC given, flag not 1, and no UASC record
// last year) here.

func headerChecks() []Check {
	return []Check{
		// The child's own details.
		hdr101(), hdr102(), hdr103(), hdr168(), hdr209(), hdr232(), hdr301(), hdr351(), hdr444(),
		// Mothers.
		hdr174(), hdr611(), hdr612(), hdr620(), hdr621(),
		// UASC.
		hdr231(), hdr304(),
		// Last year's return.
		hdr202(), hdr203(), hdr204(), hdr205A(), hdr205B(), hdr205C(), hdr205D(), hdr208(), hdr624(), hdr626(),
		// Internal checks.
		hdrEPI(), hdrINT09(), hdrINT18(), hdrINT21(), hdrINT32(), hdrINT36(),
	}
}

// ---- helpers (also used by check_other.go) ----

// hdrHasTable reports whether table t was given in r: always when r did not come from files, else
// when a file was read for it or it has rows. Checks that compare two tables skip when the other
// table was not given at all, rather than flag every child.
func hdrHasTable(r *Return, t Table) bool {
	if r == nil {
		return false
	}
	if r.Files == nil {
		return true
	}
	if r.Files[t] != "" {
		return true
	}
	switch t {
	case TableHeader:
		return len(r.Header) > 0
	case TableEpisodes:
		return len(r.Episodes) > 0
	case TableUASC:
		return len(r.UASC) > 0
	case TableMissing:
		return len(r.Missing) > 0
	}
	return false
}

// hdrCodes is the set of valid codes of a column of table t.
func hdrCodes(t Table, name string) map[string]bool {
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

// hdrRule builds a check of each Header row on its own: bad returns the value to report and the
// message, with ok false when the row passes.
func hdrRule(code string, sev finding.Severity, fields []string, about string,
	bad func(d *CheckData, h *Header) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: sev, Tables: []Table{TableHeader}, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			if v, msg, ok := bad(d, h); ok {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// hdrUASCRule builds a check of each UASC row, with the child's Header row (nil when none).
func hdrUASCRule(code string, sev finding.Severity, tables []Table, fields []string, about string,
	bad func(d *CheckData, u *UASC, h *Header) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: sev, Tables: tables, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.UASC {
			u := &d.Return.UASC[i]
			if v, msg, ok := bad(d, u, hdrHeaderOf(d, u.Child)); ok {
				out = append(out, d.Found(&c, TableUASC, u.Row, u.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// hdrHeaderOf returns the child's (first) Header row this year, or nil.
func hdrHeaderOf(d *CheckData, child string) *Header {
	if i, ok := d.HeaderOf[child]; ok && i >= 0 && i < len(d.Return.Header) {
		return &d.Return.Header[i]
	}
	return nil
}

// hdrFirstOf indexes rows by child, keeping the first row of each child.
func hdrFirstOf[T any](rows []T, child func(*T) string) map[string]*T {
	m := make(map[string]*T, len(rows))
	for i := range rows {
		if c := child(&rows[i]); m[c] == nil {
			m[c] = &rows[i]
		}
	}
	return m
}

// hdrLastRule builds a check of each Header row against the child's Header row in last year's
// return; children who were not in last year's return pass.
func hdrLastRule(code string, fields []string, about string,
	bad func(d *CheckData, h, last *Header) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{TableHeader}, Fields: fields, About: about,
		Needs: NeedPrevious}
	c.Run = func(d *CheckData) []finding.Finding {
		if d.Previous == nil {
			return nil
		}
		lastOf := hdrFirstOf(d.Previous.Header, func(h *Header) string { return h.Child })
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			last := lastOf[h.Child]
			if last == nil {
				continue
			}
			if v, msg, ok := bad(d, h, last); ok {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// hdrRef is one row of a table that names a child.
type hdrRef struct {
	row   int
	child string
}

// hdrDuplicates reports every row of a child who has more than one row among refs.
func hdrDuplicates(c *Check, d *CheckData, t Table, refs []hdrRef) []finding.Finding {
	rowsOf := map[string][]int{}
	for _, r := range refs {
		rowsOf[r.child] = append(rowsOf[r.child], r.row)
	}
	var out []finding.Finding
	for _, r := range refs {
		rows := rowsOf[r.child]
		if len(rows) < 2 {
			continue
		}
		list := make([]string, len(rows))
		for k, n := range rows {
			list[k] = fmt.Sprint(n)
		}
		out = append(out, d.Found(c, t, r.row, r.child, []string{"CHILD"}, r.child,
			fmt.Sprintf("Child %s has %d rows in the %s table (rows %s); each child may appear only once.",
				showCode(r.child), len(rows), t, strings.Join(list, ", "))))
	}
	return out
}

// hdrOrphans reports the rows of refs (of table t) whose child has no Header row. It does nothing
// when the Header table was not given.
func hdrOrphans(c *Check, d *CheckData, t Table, refs []hdrRef) []finding.Finding {
	if !hdrHasTable(d.Return, TableHeader) {
		return nil
	}
	var out []finding.Finding
	for _, r := range refs {
		if _, ok := d.HeaderOf[r.child]; !ok {
			out = append(out, d.Found(c, t, r.row, r.child, []string{"CHILD"}, r.child,
				fmt.Sprintf("Child %s has a row in the %s table but no row in the Header table.", showCode(r.child), t)))
		}
	}
	return out
}

// hdrDOBRef is a row of a table that repeats the child's date of birth.
type hdrDOBRef struct {
	row   int
	child string
	dob   Date
}

// hdrDOBMismatch reports the rows of refs (of table t) whose DOB differs from the child's DOB in the
// Header. Rows with a blank DOB on either side, and children without a Header row, pass.
func hdrDOBMismatch(c *Check, d *CheckData, t Table, refs []hdrDOBRef) []finding.Finding {
	var out []finding.Finding
	for _, r := range refs {
		h := hdrHeaderOf(d, r.child)
		if h == nil || h.DOB == 0 || r.dob == 0 || h.DOB == r.dob {
			continue
		}
		out = append(out, d.Found(c, t, r.row, r.child, []string{"DOB"}, r.dob.DMY(),
			fmt.Sprintf("Date of birth %s in the %s table differs from %s in the Header for child %s.",
				r.dob.DMY(), t, h.DOB.DMY(), r.child)))
	}
	return out
}

// ---- the child's own details ----

func hdr101() Check {
	valid := hdrCodes(TableHeader, "SEX")
	return hdrRule("101", finding.Error, []string{"SEX"},
		"The child's sex is 1 (male) or 2 (female).",
		func(_ *CheckData, h *Header) (string, string, bool) {
			// 0 (not known) is left to query 232, so that one problem gives one finding.
			if valid[h.Sex] || h.Sex == "0" {
				return "", "", false
			}
			return h.Sex, fmt.Sprintf("Sex is %s; it must be 1 (male) or 2 (female).", showCode(h.Sex)), true
		})
}

func hdr102() Check {
	return hdrRule("102", finding.Error, []string{"DOB"},
		"The child's date of birth is a valid date.",
		func(_ *CheckData, h *Header) (string, string, bool) {
			// The readers leave a date that is not one blank (and report what they found).
			return "", "Date of birth is blank or was not a valid dd/mm/yyyy date.", h.DOB == 0
		})
}

func hdr103() Check {
	valid := hdrCodes(TableHeader, "ETHNIC")
	return hdrRule("103", finding.Error, []string{"ETHNIC"},
		"The child's ethnicity is given with one of the DfE ethnicity codes.",
		func(_ *CheckData, h *Header) (string, string, bool) {
			if valid[h.Ethnic] {
				return "", "", false
			}
			return h.Ethnic, fmt.Sprintf("Ethnicity is %s, which is not one of the DfE ethnicity codes (WBRI, WIRI, … NOBT).",
				showCode(h.Ethnic)), true
		})
}

// hdrUPN is a valid UPN: a check letter (not I, O or S), then 12 digits, or 11 digits and a letter
// for a temporary UPN; or one of the codes UN1–UN5 for a UPN that is not known.
var hdrUPN = regexp.MustCompile(`^([A-HJ-NP-RT-Z]([0-9]{12}|[0-9]{11}[A-Z])|UN[1-5])$`)

// hdrUnknownUPN is the set of codes that stand for an unknown UPN.
var hdrUnknownUPN = map[string]bool{"UN1": true, "UN2": true, "UN3": true, "UN4": true, "UN5": true}

func hdr168() Check {
	return hdrRule("168", finding.Error, []string{"UPN"},
		"The UPN is 13 characters (a letter other than I, O or S, then 12 digits, or 11 digits and a letter), or UN1–UN5 when not known.",
		func(_ *CheckData, h *Header) (string, string, bool) {
			if hdrUPN.MatchString(h.UPN) {
				return "", "", false
			}
			return h.UPN, fmt.Sprintf("UPN %s is not a valid unique pupil number; use UN1–UN5 when it is not known.",
				showCode(h.UPN)), true
		})
}

// 209: "school age" as DfE counts it: the child had turned 4 by 31 August of the year before the
// collection year began (for the year starting 1 April 2024, by 31 August 2023), so was due to start
// reception that September; UN1 (under school age, no UPN yet) no longer fits.
func hdr209() Check {
	return hdrRule("209", finding.Error, []string{"DOB", "UPN"},
		"A child of school age does not have UPN code UN1 (under school age).",
		func(d *CheckData, h *Header) (string, string, bool) {
			if h.UPN != "UN1" || h.DOB == 0 {
				return "", "", false
			}
			ref := calendar.Of(d.Start.Year()-1, time.August, 31)
			if h.DOB > ref.AddYears(-4) {
				return "", "", false
			}
			return h.UPN, fmt.Sprintf("UPN is UN1 (under school age) but the child, born %s, was 4 or over on %s and so of school age.",
				h.DOB.DMY(), ref.DMY()), true
		})
}

// 232 is a query: the 903 sex codes are 1 and 2, and 0 is how "not known" is reported.
func hdr232() Check {
	return hdrRule("232", finding.Query, []string{"SEX"},
		"The child's sex is recorded, not reported as not known (0).",
		func(_ *CheckData, h *Header) (string, string, bool) {
			return h.Sex, "Sex is 0 (not known); please record the child's sex as 1 (male) or 2 (female) if it is known.",
				h.Sex == "0"
		})
}

func hdr301() Check {
	return hdrRule("301", finding.Error, []string{"DOB"},
		"The child was born before the collection year ended.",
		func(d *CheckData, h *Header) (string, string, bool) {
			if h.DOB == 0 || h.DOB <= d.End {
				return "", "", false
			}
			return h.DOB.DMY(), fmt.Sprintf("Date of birth %s is after the end of the collection year (%s).",
				h.DOB.DMY(), d.End.DMY()), true
		})
}

// 351: "over 25 at the start of the year": the child's 25th birthday fell before 1 April.
func hdr351() Check {
	return hdrRule("351", finding.Error, []string{"DOB"},
		"The child had not passed their 25th birthday when the collection year began.",
		func(d *CheckData, h *Header) (string, string, bool) {
			if h.DOB == 0 || h.DOB.AddYears(25) >= d.Start {
				return "", "", false
			}
			return h.DOB.DMY(), fmt.Sprintf("Date of birth %s makes the child %d on %s, over 25 at the start of the collection year.",
				h.DOB.DMY(), h.DOB.AgeAt(d.Start), d.Start.DMY()), true
		})
}

// 444: a UPN shared by two or more different children. Unknown-UPN codes and blanks are not UPNs; a
// child repeated in the Header is INT32's concern, not this check's.
func hdr444() Check {
	c := Check{Code: "444", Severity: finding.Error, Tables: []Table{TableHeader}, Fields: []string{"UPN"},
		About: "No two children have the same UPN."}
	c.Run = func(d *CheckData) []finding.Finding {
		childrenOf := map[string]map[string]bool{}
		for _, h := range d.Return.Header {
			if h.UPN == "" || hdrUnknownUPN[h.UPN] {
				continue
			}
			if childrenOf[h.UPN] == nil {
				childrenOf[h.UPN] = map[string]bool{}
			}
			childrenOf[h.UPN][h.Child] = true
		}
		var out []finding.Finding
		for _, h := range d.Return.Header {
			cs := childrenOf[h.UPN]
			if len(cs) < 2 {
				continue
			}
			var others []string
			for o := range cs {
				if o != h.Child {
					others = append(others, o)
				}
			}
			sort.Strings(others)
			out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, h.UPN,
				fmt.Sprintf("UPN %s is also given for child %s; each child has a UPN of their own.", h.UPN, strings.Join(others, ", "))))
		}
		return out
	}
	return c
}

// ---- mothers ----

func hdr174() Check {
	return hdrRule("174", finding.Error, []string{"MC_DOB", "SEX"},
		"Only a girl has the date of birth of her own child recorded.",
		func(_ *CheckData, h *Header) (string, string, bool) {
			if h.MCDOB == 0 || h.Sex != "1" {
				return "", "", false
			}
			return h.MCDOB.DMY(), fmt.Sprintf("Date of birth of the child's own child is %s, but the child's sex is 1 (male).",
				h.MCDOB.DMY()), true
		})
}

func hdr611() Check {
	return hdrRule("611", finding.Error, []string{"MC_DOB", "MOTHER"},
		"A child recorded as a mother has her own child's date of birth.",
		func(_ *CheckData, h *Header) (string, string, bool) {
			return "", "MOTHER is 1 but the date of birth of her child (MC_DOB) is blank.", h.Mother == "1" && h.MCDOB == 0
		})
}

// 612: a girl with MC_DOB whose MOTHER is not 1 (0 or blank); a boy with MC_DOB is 174's concern.
func hdr612() Check {
	return hdrRule("612", finding.Error, []string{"MC_DOB", "MOTHER", "SEX"},
		"A girl with her own child's date of birth recorded is recorded as a mother.",
		func(_ *CheckData, h *Header) (string, string, bool) {
			if h.Sex != "2" || h.MCDOB == 0 || h.Mother == "1" {
				return "", "", false
			}
			return h.Mother, fmt.Sprintf("Date of birth of her child is %s but MOTHER is %s, not 1.",
				h.MCDOB.DMY(), showCode(h.Mother)), true
		})
}

// 620: the mother's age is taken at the start of the collection year.
func hdr620() Check {
	return hdrRule("620", finding.Error, []string{"DOB", "MOTHER"},
		"A child recorded as a mother was at least 11 at the start of the collection year.",
		func(d *CheckData, h *Header) (string, string, bool) {
			if h.Mother != "1" || h.DOB == 0 || h.DOB.AddYears(11) <= d.Start {
				return "", "", false
			}
			return h.DOB.DMY(), fmt.Sprintf("MOTHER is 1 but the child, born %s, was under 11 on %s.",
				h.DOB.DMY(), d.Start.DMY()), true
		})
}

// 621: a mother born on or after her child's date of birth; born on the same day is as impossible as
// born after.
func hdr621() Check {
	return hdrRule("621", finding.Error, []string{"DOB", "MC_DOB"},
		"A mother was born before her child.",
		func(_ *CheckData, h *Header) (string, string, bool) {
			if h.MCDOB == 0 || h.DOB == 0 || h.MCDOB > h.DOB {
				return "", "", false
			}
			return h.MCDOB.DMY(), fmt.Sprintf("Her child's date of birth %s is not after her own date of birth %s.",
				h.MCDOB.DMY(), h.DOB.DMY()), true
		})
}

// ---- UASC ----

// 231 is a query: DfE expects unaccompanied asylum seekers to be older young people and asks for the
// date of birth to be checked. Reading: a UASC child under 10 on 31 March (the end of the year).
func hdr231() Check {
	return hdrUASCRule("231", finding.Query, []Table{TableHeader, TableUASC}, []string{"DOB"},
		"An unaccompanied asylum-seeking child is at least 10 at the end of the collection year (a query: check the date of birth).",
		func(d *CheckData, u *UASC, h *Header) (string, string, bool) {
			dob := u.DOB
			if h != nil && h.DOB != 0 {
				dob = h.DOB
			}
			if dob == 0 || dob.AgeAt(d.End) >= 10 {
				return "", "", false
			}
			return dob.DMY(), fmt.Sprintf("The child is recorded as an unaccompanied asylum seeker but, born %s, was only %d on %s; please check the date of birth, and explain it to DfE if it is right.",
				dob.DMY(), max(dob.AgeAt(d.End), 0), d.End.DMY()), true
		})
}

func hdr304() Check {
	return hdrUASCRule("304", finding.Error, []Table{TableUASC, TableHeader}, []string{"DUC"},
		"The date UASC status ceased is on or before the child's 18th birthday.",
		func(_ *CheckData, u *UASC, h *Header) (string, string, bool) {
			dob := u.DOB
			if dob == 0 && h != nil {
				dob = h.DOB
			}
			if u.DUC == 0 || dob == 0 || u.DUC <= dob.AddYears(18) {
				return "", "", false
			}
			return u.DUC.DMY(), fmt.Sprintf("UASC status ceased on %s, after the child's 18th birthday on %s.",
				u.DUC.DMY(), dob.AddYears(18).DMY()), true
		})
}

// ---- last year's return ----

func hdr202() Check {
	return hdrLastRule("202", []string{"SEX"}, "The child's sex is the same as in last year's return.",
		func(_ *CheckData, h, last *Header) (string, string, bool) {
			if h.Sex == "" || last.Sex == "" || h.Sex == last.Sex {
				return "", "", false
			}
			return h.Sex, fmt.Sprintf("Sex is %s but was %s in last year's return.", h.Sex, last.Sex), true
		})
}

func hdr203() Check {
	return hdrLastRule("203", []string{"DOB"}, "The child's date of birth is the same as in last year's return.",
		func(_ *CheckData, h, last *Header) (string, string, bool) {
			if h.DOB == 0 || last.DOB == 0 || h.DOB == last.DOB {
				return "", "", false
			}
			return h.DOB.DMY(), fmt.Sprintf("Date of birth is %s but was %s in last year's return.", h.DOB.DMY(), last.DOB.DMY()), true
		})
}

// 204: an ethnicity recorded last year may not change. NOBT (not yet obtained) and REFU (refused)
// record no ethnicity, so replacing them with a code is not a disagreement.
func hdr204() Check {
	return hdrLastRule("204", []string{"ETHNIC"}, "The child's ethnicity is the same as recorded in last year's return.",
		func(_ *CheckData, h, last *Header) (string, string, bool) {
			if h.Ethnic == "" || last.Ethnic == "" || last.Ethnic == "NOBT" || last.Ethnic == "REFU" || h.Ethnic == last.Ethnic {
				return "", "", false
			}
			return h.Ethnic, fmt.Sprintf("Ethnicity is %s but was %s in last year's return.", h.Ethnic, last.Ethnic), true
		})
}

// hdrUASCYears builds a 205 check: it looks at each child in this year's Header with, for this year
// and last year, the UASC row (nil when the child has none) and whether the child was in last year's
// Header.
func hdrUASCYears(code string, fields []string, about string,
	bad func(d *CheckData, h *Header, cur, last *UASC, lastHeader bool) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{TableHeader, TableUASC}, Fields: fields,
		About: about, Needs: NeedPrevious}
	c.Run = func(d *CheckData) []finding.Finding {
		// Without either year's UASC table there is nothing to compare.
		if d.Previous == nil || !hdrHasTable(d.Return, TableUASC) || !hdrHasTable(d.Previous, TableUASC) {
			return nil
		}
		curOf := hdrFirstOf(d.Return.UASC, func(u *UASC) string { return u.Child })
		lastOf := hdrFirstOf(d.Previous.UASC, func(u *UASC) string { return u.Child })
		lastHeader := hdrFirstOf(d.Previous.Header, func(h *Header) string { return h.Child })
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			if v, msg, ok := bad(d, h, curOf[h.Child], lastOf[h.Child], lastHeader[h.Child] != nil); ok {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// 205A: UASC last year, not this year. That is right only when the status ceased during or before
// last year, so last year's DUC must be given and on or before last year's 31 March.
func hdr205A() Check {
	return hdrUASCYears("205A", []string{"CHILD", "UASC"},
		"A child who was UASC last year and is not this year had their UASC status cease by the end of last year.",
		func(d *CheckData, h *Header, cur, last *UASC, _ bool) (string, string, bool) {
			if last == nil || cur != nil {
				return "", "", false
			}
			lastEnd := d.Start.AddDays(-1)
			if last.DUC != 0 && last.DUC <= lastEnd {
				return "", "", false
			}
			return h.Child, fmt.Sprintf("The child was UASC in last year's return (date status ceased %s) but has no UASC record this year; the status can only drop if it ceased by %s.",
				showDate(last.DUC), lastEnd.DMY()), true
		})
}

// 205C: a date UASC status ceased for a child UASC in neither year. In csperf's model every child
// with a DUC has a UASC record (the XML reader keeps the date), so "not UASC this year" is the XML
// flag not being 1, which the reader reports (read/uasc-flag), and "not UASC last year" is having no
// UASC record in last year's return.
func hdr205C() Check {
	c := Check{Code: "205C", Severity: finding.Error, Tables: []Table{TableHeader, TableUASC}, Fields: []string{"DUC", "UASC"},
		About: "A date UASC status ceased is given only for a child who is UASC this year or was last year.", Needs: NeedPrevious}
	c.Run = func(d *CheckData) []finding.Finding {
		if d.Previous == nil {
			return nil
		}
		lastOf := hdrFirstOf(d.Previous.UASC, func(u *UASC) string { return u.Child })
		var out []finding.Finding
		for _, f := range d.Read {
			if f.Rule != RuleUASCFlag || lastOf[f.Child] != nil {
				continue
			}
			out = append(out, finding.Finding{Rule: c.Code, Severity: c.Severity, File: f.File, Table: string(TableHeader), Row: f.Row,
				Child: f.Child, Fields: c.Fields, Value: f.Value,
				Message: fmt.Sprintf("A date UASC status ceased (%s) is given, but the child is not flagged UASC this year and has no UASC record in last year's return.", f.Value)})
		}
		return out
	}
	return c
}

// 205B: UASC in both years. A date status ceased given last year still holds, so this year's DUC must
// be the same date.
func hdr205B() Check {
	return hdrUASCYears("205B", []string{"DUC", "UASC"},
		"A child who is UASC in both years keeps the date UASC status ceased given last year.",
		func(_ *CheckData, _ *Header, cur, last *UASC, _ bool) (string, string, bool) {
			if cur == nil || last == nil || last.DUC == 0 || cur.DUC == last.DUC {
				return "", "", false
			}
			return showDate(cur.DUC), fmt.Sprintf("The date UASC status ceased is %s this year but was %s in last year's return.",
				showDate(cur.DUC), last.DUC.DMY()), true
		})
}

// 205D: UASC this year, in last year's return, but not UASC there.
func hdr205D() Check {
	return hdrUASCYears("205D", []string{"CHILD", "UASC"},
		"A child who is UASC this year and was in last year's return was UASC there too.",
		func(_ *CheckData, h *Header, cur, last *UASC, lastHeader bool) (string, string, bool) {
			return h.Child, "The child has a UASC record this year but was in last year's return without one.",
				cur != nil && last == nil && lastHeader
		})
}

// 208: a real UPN recorded last year may not change; last year's unknown-UPN codes (UN1–UN5) may be
// replaced.
func hdr208() Check {
	return hdrLastRule("208", []string{"UPN"}, "The child's UPN is the same as the UPN recorded last year.",
		func(_ *CheckData, h, last *Header) (string, string, bool) {
			if last.UPN == "" || hdrUnknownUPN[last.UPN] || h.UPN == last.UPN {
				return "", "", false
			}
			return h.UPN, fmt.Sprintf("UPN is %s but was %s in last year's return.", showCode(h.UPN), last.UPN), true
		})
}

func hdr624() Check {
	return hdrLastRule("624", []string{"MC_DOB"}, "The date of birth of a mother's child is the same as last year.",
		func(_ *CheckData, h, last *Header) (string, string, bool) {
			if h.MCDOB == 0 || last.MCDOB == 0 || h.MCDOB == last.MCDOB {
				return "", "", false
			}
			return h.MCDOB.DMY(), fmt.Sprintf("Her child's date of birth is %s but was %s in last year's return.",
				h.MCDOB.DMY(), last.MCDOB.DMY()), true
		})
}

// 626: a mother whose child was born before this collection year should have been a mother last
// year; it fails when last year recorded her as not a mother (MOTHER 0). A blank MOTHER last year
// recorded nothing to contradict.
func hdr626() Check {
	return hdrLastRule("626", []string{"MC_DOB", "MOTHER"},
		"A mother whose child was born before this year was recorded as a mother last year.",
		func(d *CheckData, h, last *Header) (string, string, bool) {
			if h.Mother != "1" || h.MCDOB == 0 || h.MCDOB >= d.Start || last.Mother != "0" {
				return "", "", false
			}
			return h.MCDOB.DMY(), fmt.Sprintf("MOTHER is 1 and her child was born on %s, before %s, but last year's return has MOTHER 0.",
				h.MCDOB.DMY(), d.Start.DMY()), true
		})
}

// ---- internal checks ----

// EPI: every child in the Header has episodes, except care leavers, who are in the Header for their
// OC3 follow-up only. Not run when no Episodes table was given.
func hdrEPI() Check {
	c := Check{Code: "EPI", Severity: finding.Error, Tables: []Table{TableHeader, TableEpisodes, TableOC3}, Fields: []string{"CHILD"},
		About: "Every child in the Header, other than a care leaver with an OC3 record, has at least one episode."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !hdrHasTable(d.Return, TableEpisodes) {
			return nil
		}
		leavers := make(map[string]bool, len(d.Return.OC3))
		for _, o := range d.Return.OC3 {
			leavers[o.Child] = true
		}
		var out []finding.Finding
		for _, h := range d.Return.Header {
			if len(d.EpisodesOf[h.Child]) == 0 && !leavers[h.Child] {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, h.Child,
					fmt.Sprintf("Child %s is in the Header but has no episodes and no care leaver (OC3) record.", showCode(h.Child))))
			}
		}
		return out
	}
	return c
}

func hdrUASCRefs(d *CheckData) []hdrRef {
	refs := make([]hdrRef, len(d.Return.UASC))
	for i, u := range d.Return.UASC {
		refs[i] = hdrRef{u.Row, u.Child}
	}
	return refs
}

func hdrINT09() Check {
	c := Check{Code: "INT09", Severity: finding.Error, Tables: []Table{TableHeader, TableUASC}, Fields: []string{"CHILD"},
		About: "Every child in the UASC table is in the Header."}
	c.Run = func(d *CheckData) []finding.Finding { return hdrOrphans(&c, d, TableUASC, hdrUASCRefs(d)) }
	return c
}

func hdrINT18() Check {
	c := Check{Code: "INT18", Severity: finding.Error, Tables: []Table{TableHeader, TableUASC}, Fields: []string{"DOB"},
		About: "A child's date of birth in the UASC table matches the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		refs := make([]hdrDOBRef, len(d.Return.UASC))
		for i, u := range d.Return.UASC {
			refs[i] = hdrDOBRef{u.Row, u.Child, u.DOB}
		}
		return hdrDOBMismatch(&c, d, TableUASC, refs)
	}
	return c
}

func hdrINT21() Check {
	return hdrUASCRule("INT21", finding.Error, []Table{TableHeader, TableUASC}, []string{"SEX"},
		"A child's sex in the UASC table matches the Header.",
		func(_ *CheckData, u *UASC, h *Header) (string, string, bool) {
			if h == nil || h.Sex == "" || u.Sex == "" || h.Sex == u.Sex {
				return "", "", false
			}
			return u.Sex, fmt.Sprintf("Sex %s in the UASC table differs from %s in the Header.", u.Sex, h.Sex), true
		})
}

func hdrINT32() Check {
	c := Check{Code: "INT32", Severity: finding.Error, Tables: []Table{TableHeader}, Fields: []string{"CHILD"},
		About: "Each child has one row in the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		refs := make([]hdrRef, len(d.Return.Header))
		for i, h := range d.Return.Header {
			refs[i] = hdrRef{h.Row, h.Child}
		}
		return hdrDuplicates(&c, d, TableHeader, refs)
	}
	return c
}

func hdrINT36() Check {
	c := Check{Code: "INT36", Severity: finding.Error, Tables: []Table{TableUASC}, Fields: []string{"CHILD"},
		About: "Each child has at most one row in the UASC table."}
	c.Run = func(d *CheckData) []finding.Finding { return hdrDuplicates(&c, d, TableUASC, hdrUASCRefs(d)) }
	return c
}
