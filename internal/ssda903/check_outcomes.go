package ssda903

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"csperf/internal/finding"
)

// The checks of this file read the OC2 table: outcomes of children looked after continuously for 12
// months at 31 March. They are grouped by subject: who belongs in OC2 (from the episodes), the SDQ
// score and reason, the health, conviction and substance misuse items, and the table's links to the
// Header.
//
// "Looked after continuously for 12 months at 31 March" (the OC2 cohort) is read as DfE counts it:
// the child's episode open at 31 March and the episodes joined to it without a gap reach back to 1
// April of the year before, short breaks (V3, V4) not counting as care. Ages "at the start of the
// year" are taken on 1 April and "at the end of the year" on 31 March.

func outcomeChecks() []Check {
	return []Check{
		// Who belongs in OC2.
		oc185(), oc190(), oc191(), oc198(),
		// SDQ score and reason.
		oc157(), oc180(), oc186(), oc188(), oc189(), oc196(), oc197a(), oc197B(),
		// Health, convictions, substance misuse.
		oc158(), oc159(), oc181(), oc182(), oc192(), oc193(), oc542(), oc543(), oc544(), oc545(), oc546(), oc547(),
		// Links to the Header.
		ocINT05(), ocINT14(), ocINT33(),
	}
}

// ---- helpers ----

var (
	ocTables     = []Table{TableOC2}
	ocTablesEpis = []Table{TableEpisodes, TableOC2}
)

// ocItem is one of the 0/1 items of OC2.
type ocItem struct {
	name string
	get  func(o *OC2) string
}

var (
	ocConvicted     = ocItem{"CONVICTED", func(o *OC2) string { return o.Convicted }}
	ocHealthCheck   = ocItem{"HEALTH_CHECK", func(o *OC2) string { return o.HealthCheck }}
	ocImmunisations = ocItem{"IMMUNISATIONS", func(o *OC2) string { return o.Immunisations }}
	ocTeeth         = ocItem{"TEETH_CHECK", func(o *OC2) string { return o.TeethCheck }}
	ocAssessment    = ocItem{"HEALTH_ASSESSMENT", func(o *OC2) string { return o.HealthAssessment }}
	ocSubstance     = ocItem{"SUBSTANCE_MISUSE", func(o *OC2) string { return o.SubstanceMisuse }}
	ocReceived      = ocItem{"INTERVENTION_RECEIVED", func(o *OC2) string { return o.InterventionReceived }}
	ocOffered       = ocItem{"INTERVENTION_OFFERED", func(o *OC2) string { return o.InterventionOffered }}

	// ocAll is every 0/1 item; ocCore the four every child in the cohort must have.
	ocAll  = []ocItem{ocConvicted, ocHealthCheck, ocImmunisations, ocTeeth, ocAssessment, ocSubstance, ocReceived, ocOffered}
	ocCore = []ocItem{ocImmunisations, ocTeeth, ocAssessment, ocSubstance}
)

func ocNames(items []ocItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.name
	}
	return out
}

// ocFilled lists the items of items that are filled in, as NAME=value.
func ocFilled(o *OC2, items []ocItem) []string {
	var out []string
	for _, it := range items {
		if v := it.get(o); v != "" {
			out = append(out, it.name+"="+v)
		}
	}
	return out
}

// ocBlank lists the names of the items of items that are blank.
func ocBlank(o *OC2, items []ocItem) []string {
	var out []string
	for _, it := range items {
		if it.get(o) == "" {
			out = append(out, it.name)
		}
	}
	return out
}

// ocSDQ describes the SDQ score and reason for a message.
func ocSDQ(o *OC2) string {
	var parts []string
	if o.SDQScore != nil {
		parts = append(parts, "SDQ score "+strconv.Itoa(*o.SDQScore))
	}
	if o.SDQReason != "" {
		parts = append(parts, "reason for no score "+o.SDQReason)
	}
	if len(parts) == 0 {
		return "no SDQ score or reason"
	}
	return strings.Join(parts, " and ")
}

// ocSDQValue is the value of the SDQ fields for a finding.
func ocSDQValue(o *OC2) string {
	var parts []string
	if o.SDQScore != nil {
		parts = append(parts, strconv.Itoa(*o.SDQScore))
	}
	if o.SDQReason != "" {
		parts = append(parts, o.SDQReason)
	}
	return strings.Join(parts, " ")
}

// ocDOB is the child's date of birth: the OC2 row's, or the Header's when that is blank.
func ocDOB(d *CheckData, o *OC2) Date {
	if o.DOB != 0 {
		return o.DOB
	}
	return ecrDOB(d, o.Child)
}

// ocCohort returns the children looked after continuously for 12 months at 31 March, each with the
// start of that period of care, and the children for whom that cannot be told because an episode has
// no start date (the Episodes checks report it; the OC2 checks that depend on the cohort leave these
// children alone rather than repeat the mistake).
func ocCohort(d *CheckData) (in map[string]Date, unknown map[string]bool) {
	in, unknown = map[string]Date{}, map[string]bool{}
	for child, is := range d.EpisodesOf {
		if len(ecrEpisodes(d, child)) < len(is) {
			unknown[child] = true
			continue
		}
		var eps []*Episode
		for _, e := range ecrEpisodes(d, child) {
			if !shortBreak(e.LS) {
				eps = append(eps, e)
			}
		}
		k := ecrOpenAt(eps, d.End)
		if k < 0 {
			continue
		}
		if start := ecrPeriodStart(eps, k); start <= d.Start {
			in[child] = start
		}
	}
	return in, unknown
}

// ocRule builds a check of each OC2 row: bad gets the row, the child's date of birth (zero when
// unknown) and, when cohort is true, whether the child is in the cohort (rows of children whose
// cohort cannot be told are then skipped).
func ocRule(code string, tables []Table, fields []string, about string, cohort bool,
	bad func(d *CheckData, o *OC2, dob Date, in bool) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: tables, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		var co map[string]Date
		var unknown map[string]bool
		if cohort {
			co, unknown = ocCohort(d)
		}
		var out []finding.Finding
		for i := range d.Return.OC2 {
			o := &d.Return.OC2[i]
			if unknown[o.Child] {
				continue
			}
			_, in := co[o.Child]
			if v, msg, ok := bad(d, o, ocDOB(d, o), in); ok {
				out = append(out, d.Found(&c, TableOC2, o.Row, o.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// ocBirthday is the date the child born on dob turns age, as AgeAt counts it (a 29 February
// birthday falls on 1 March in other years).
func ocBirthday(dob Date, age int) Date {
	b := dob.AddYears(age)
	if dob.AgeAt(b) < age {
		b = b.AddDays(1)
	}
	return b
}

// ---- who belongs in OC2 ----

func ocNotCohort(d *CheckData) string {
	return fmt.Sprintf("the child has not been looked after continuously since %s (12 months at %s)", d.Start.DMY(), d.End.DMY())
}

// oc185: an SDQ score belongs only to a child in the cohort.
func oc185() Check {
	return ocRule("185", ocTablesEpis, []string{"SDQ_SCORE"},
		"Only a child looked after continuously for 12 months at 31 March can have an SDQ score.", true,
		func(d *CheckData, o *OC2, _ Date, in bool) (string, string, bool) {
			if in || o.SDQScore == nil {
				return "", "", false
			}
			return strconv.Itoa(*o.SDQScore), fmt.Sprintf("SDQ score %d is recorded, but %s", *o.SDQScore, ocNotCohort(d)), true
		})
}

// oc198: a reason for no SDQ score belongs only to a child in the cohort.
func oc198() Check {
	return ocRule("198", ocTablesEpis, []string{"SDQ_REASON"},
		"Only a child looked after continuously for 12 months at 31 March can have a reason for no SDQ score.", true,
		func(d *CheckData, o *OC2, _ Date, in bool) (string, string, bool) {
			if in || o.SDQReason == "" {
				return "", "", false
			}
			return o.SDQReason, fmt.Sprintf("reason for no SDQ score %s is recorded, but %s", o.SDQReason, ocNotCohort(d)), true
		})
}

// oc190: the 12-month items belong only to a child in the cohort.
func oc190() Check {
	return ocRule("190", ocTablesEpis, ocNames(ocAll),
		"Only a child looked after continuously for 12 months at 31 March can have the OC2 health, conviction and substance misuse items.", true,
		func(d *CheckData, o *OC2, _ Date, in bool) (string, string, bool) {
			filled := ocFilled(o, ocAll)
			if in || len(filled) == 0 {
				return "", "", false
			}
			return strings.Join(filled, " "), fmt.Sprintf("%s %s filled in, but %s; these items are only for children in care for the whole year",
				strings.Join(filled, ", "), ocIsAre(len(filled)), ocNotCohort(d)), true
		})
}

// oc191: a child in the cohort has immunisations, teeth check, health assessment and substance
// misuse filled in. A child in the cohort with no OC2 row at all is flagged on the episode open at 31
// March, when an OC2 table was given.
func oc191() Check {
	fields := []string{"CHILD", "HEALTH_ASSESSMENT", "IMMUNISATIONS", "SUBSTANCE_MISUSE", "TEETH_CHECK"}
	c := Check{Code: "191", Severity: finding.Error, Tables: ocTablesEpis, Fields: fields,
		About: "A child looked after continuously for 12 months at 31 March must have immunisations, teeth check, health assessment and substance misuse filled in."}
	c.Run = func(d *CheckData) []finding.Finding {
		co, _ := ocCohort(d)
		seen := map[string]bool{}
		var out []finding.Finding
		for i := range d.Return.OC2 {
			o := &d.Return.OC2[i]
			seen[o.Child] = true
			start, in := co[o.Child]
			blank := ocBlank(o, ocCore)
			if !in || len(blank) == 0 {
				continue
			}
			out = append(out, d.Found(&c, TableOC2, o.Row, o.Child, fields, "",
				fmt.Sprintf("the child has been looked after since %s, over 12 months at %s, but %s %s blank",
					start.DMY(), d.End.DMY(), strings.Join(blank, ", "), ocIsAre(len(blank)))))
		}
		if !ecrHas(d.Return, TableOC2, len(d.Return.OC2)) {
			return out
		}
		for _, child := range slices.Sorted(maps.Keys(co)) {
			if seen[child] {
				continue
			}
			eps := ecrEpisodes(d, child)
			k := ecrOpenAt(eps, d.End)
			if k < 0 {
				continue
			}
			e := eps[k]
			out = append(out, d.Found(&c, TableEpisodes, e.Row, child, []string{"CHILD"}, child,
				fmt.Sprintf("the child has been looked after since %s, over 12 months at %s, but has no OC2 row with immunisations, teeth check, health assessment and substance misuse",
					co[child].DMY(), d.End.DMY())))
		}
		return out
	}
	return c
}

func ocIsAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// ---- SDQ score and reason ----

// oc157: SDQ1 (no form, as the child was under 4 or over 16) cannot be the reason for a child in the
// cohort who was 4 or over on 1 April and under 17 on 31 March. Reading: DfE's message says "or",
// but the ages only make sense together (the child was of SDQ age all year).
func oc157() Check {
	return ocRule("157", ocTablesEpis, []string{"DOB", "SDQ_REASON"},
		"SDQ1 (too young or too old for an SDQ) cannot be the reason for a child aged 4 or over all year and under 17 at 31 March.", true,
		func(d *CheckData, o *OC2, dob Date, in bool) (string, string, bool) {
			if !in || o.SDQReason != "SDQ1" || dob == 0 || dob.AgeAt(d.Start) < 4 || dob.AgeAt(d.End) >= 17 {
				return "", "", false
			}
			return o.SDQReason, fmt.Sprintf("reason for no SDQ score is SDQ1 (child's age), but the child (born %s) was %d on %s and %d on %s, of SDQ age all year",
				dob.DMY(), dob.AgeAt(d.Start), d.Start.DMY(), dob.AgeAt(d.End), d.End.DMY()), true
		})
}

// oc180: an SDQ score is a whole number from 0 to 40.
func oc180() Check {
	return ocRule("180", ocTables, []string{"SDQ_SCORE"},
		"An SDQ score must be a whole number from 0 to 40.", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			if o.SDQScore == nil || (*o.SDQScore >= 0 && *o.SDQScore <= 40) {
				return "", "", false
			}
			return strconv.Itoa(*o.SDQScore), fmt.Sprintf("SDQ score %d is outside the range 0 to 40", *o.SDQScore), true
		})
}

// oc186: a child in the cohort aged 4 or over on 1 April and under 17 on 31 March has an SDQ score.
// Reading: a reason for no score (SDQ2–SDQ5) answers the question, so the check fires only when both
// are blank.
func oc186() Check {
	return ocRule("186", ocTablesEpis, []string{"SDQ_SCORE"},
		"A child looked after for 12 months, aged 4 or over on 1 April and under 17 on 31 March, must have an SDQ score (or a reason for none).", true,
		func(d *CheckData, o *OC2, dob Date, in bool) (string, string, bool) {
			if !in || o.SDQScore != nil || o.SDQReason != "" || dob == 0 || dob.AgeAt(d.Start) < 4 || dob.AgeAt(d.End) >= 17 {
				return "", "", false
			}
			return "", fmt.Sprintf("the child (born %s) was %d on %s and %d on %s, of SDQ age, but has no SDQ score and no reason for none",
				dob.DMY(), dob.AgeAt(d.Start), d.Start.DMY(), dob.AgeAt(d.End), d.End.DMY()), true
		})
}

// oc188: a child under 4 on 31 March has neither SDQ score nor reason.
func oc188() Check {
	return ocRule("188", ocTables, []string{"SDQ_REASON", "SDQ_SCORE"},
		"A child under 4 at 31 March cannot have an SDQ score or a reason for no score.", false,
		func(d *CheckData, o *OC2, dob Date, _ bool) (string, string, bool) {
			if (o.SDQScore == nil && o.SDQReason == "") || dob == 0 || dob.AgeAt(d.End) >= 4 {
				return "", "", false
			}
			return ocSDQValue(o), fmt.Sprintf("%s recorded, but the child (born %s) was %d on %s; the SDQ is only for children aged 4 to 16",
				ocSDQ(o), dob.DMY(), dob.AgeAt(d.End), d.End.DMY()), true
		})
}

// oc189: a child 17 or over on 1 April has neither SDQ score nor reason.
func oc189() Check {
	return ocRule("189", ocTables, []string{"DOB", "SDQ_REASON", "SDQ_SCORE"},
		"A child aged 17 or over on 1 April cannot have an SDQ score or a reason for no score.", false,
		func(d *CheckData, o *OC2, dob Date, _ bool) (string, string, bool) {
			if (o.SDQScore == nil && o.SDQReason == "") || dob == 0 || dob.AgeAt(d.Start) < 17 {
				return "", "", false
			}
			return ocSDQValue(o), fmt.Sprintf("%s recorded, but the child (born %s) was already %d on %s; the SDQ is only for children aged 4 to 16",
				ocSDQ(o), dob.DMY(), dob.AgeAt(d.Start), d.Start.DMY()), true
		})
}

// oc196: the reason for no SDQ score is one of SDQ1–SDQ5.
func oc196() Check {
	valid := map[string]bool{}
	for _, col := range Columns[TableOC2] {
		if col.Name == "SDQ_REASON" {
			for _, c := range col.Codes {
				valid[c.Code] = true
			}
		}
	}
	return ocRule("196", ocTables, []string{"SDQ_REASON"},
		"The reason for no SDQ score must be one of SDQ1 to SDQ5.", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			if o.SDQReason == "" || valid[o.SDQReason] {
				return "", "", false
			}
			return o.SDQReason, fmt.Sprintf("reason for no SDQ score %q is not one of SDQ1 to SDQ5", o.SDQReason), true
		})
}

// oc197a: a reason for no SDQ score is not given alongside a score.
func oc197a() Check {
	return ocRule("197a", ocTables, []string{"SDQ_REASON", "SDQ_SCORE"},
		"A reason for no SDQ score cannot be given when there is a score.", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			if o.SDQScore == nil || o.SDQReason == "" {
				return "", "", false
			}
			return ocSDQValue(o), fmt.Sprintf("SDQ score %d is given together with reason for no score %s; leave the reason blank when there is a score",
				*o.SDQScore, o.SDQReason), true
		})
}

// oc197B: a child in the cohort who turned 4 or 17 during the year has an SDQ score or a reason for
// none. Reading: these are the children between 188 (under 4 at 31 March) and 186 (4 on 1 April),
// and between 186 (under 17 at 31 March) and 189 (17 on 1 April), whom no other check covers.
func oc197B() Check {
	return ocRule("197B", ocTablesEpis, []string{"DOB", "SDQ_REASON"},
		"A child looked after for 12 months who turned 4 or 17 during the year must have an SDQ score or a reason for none.", true,
		func(d *CheckData, o *OC2, dob Date, in bool) (string, string, bool) {
			if !in || o.SDQScore != nil || o.SDQReason != "" || dob == 0 {
				return "", "", false
			}
			for _, age := range []int{4, 17} {
				if b := ocBirthday(dob, age); b > d.Start && b <= d.End {
					return "", fmt.Sprintf("the child (born %s) turned %d on %s, during the year, but has no SDQ score and no reason for none",
						dob.DMY(), age, b.DMY()), true
				}
			}
			return "", "", false
		})
}

// ---- health, convictions, substance misuse ----

// oc181: the 12-month items are 0 or 1 when filled in.
func oc181() Check {
	return ocRule("181", ocTables, ocNames(ocAll),
		"The OC2 health, conviction and substance misuse items must be 0 or 1 (or blank).", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			var bad []string
			for _, it := range ocAll {
				if v := it.get(o); v != "" && v != "0" && v != "1" {
					bad = append(bad, it.name+"="+v)
				}
			}
			if len(bad) == 0 {
				return "", "", false
			}
			return strings.Join(bad, " "), fmt.Sprintf("%s: these items take only 0 (no) or 1 (yes), or blank", strings.Join(bad, ", ")), true
		})
}

// oc182: either immunisations, teeth check, health assessment and substance misuse are all filled
// in, or every item of the row is blank.
func oc182() Check {
	return ocRule("182", ocTables, ocNames(ocAll),
		"Immunisations, teeth check, health assessment and substance misuse must all be filled in, or every OC2 item left blank.", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			filled, blank := ocFilled(o, ocAll), ocBlank(o, ocCore)
			if len(filled) == 0 || len(blank) == 0 {
				return "", "", false
			}
			return strings.Join(filled, " "), fmt.Sprintf("%s %s filled in but %s %s blank; fill in all four of immunisations, teeth check, health assessment and substance misuse, or leave every item blank",
				strings.Join(filled, ", "), ocIsAre(len(filled)), strings.Join(blank, ", "), ocIsAre(len(blank))), true
		})
}

// oc158: when an intervention was received, whether one was offered is left blank.
func oc158() Check {
	return ocRule("158", ocTables, []string{"INTERVENTION_OFFERED", "INTERVENTION_RECEIVED"},
		"When a substance misuse intervention was received, whether one was offered must be left blank.", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			if o.InterventionReceived != "1" || o.InterventionOffered == "" {
				return "", "", false
			}
			return o.InterventionOffered, fmt.Sprintf("an intervention was received (INTERVENTION_RECEIVED 1), so INTERVENTION_OFFERED must be blank, but it is %s",
				o.InterventionOffered), true
		})
}

// oc159: when a child with a substance misuse problem did not receive an intervention, whether one
// was offered is filled in.
func oc159() Check {
	return ocRule("159", ocTables, []string{"INTERVENTION_OFFERED", "INTERVENTION_RECEIVED", "SUBSTANCE_MISUSE"},
		"When a child with a substance misuse problem received no intervention, whether one was offered must be filled in.", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			if o.SubstanceMisuse != "1" || o.InterventionReceived != "0" || o.InterventionOffered != "" {
				return "", "", false
			}
			return "", "the child has a substance misuse problem and received no intervention (INTERVENTION_RECEIVED 0), but whether one was offered (INTERVENTION_OFFERED) is blank", true
		})
}

// oc192: a child with a substance misuse problem has whether an intervention was received.
func oc192() Check {
	return ocRule("192", ocTables, []string{"INTERVENTION_RECEIVED", "SUBSTANCE_MISUSE"},
		"A child with a substance misuse problem must have whether an intervention was received filled in.", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			if o.SubstanceMisuse != "1" || o.InterventionReceived != "" {
				return "", "", false
			}
			return "", "the child has a substance misuse problem (SUBSTANCE_MISUSE 1), but whether an intervention was received (INTERVENTION_RECEIVED) is blank", true
		})
}

// oc193: a child without a substance misuse problem (0 or blank) has no intervention items.
func oc193() Check {
	return ocRule("193", ocTables, []string{"INTERVENTION_OFFERED", "INTERVENTION_RECEIVED", "SUBSTANCE_MISUSE"},
		"A child without a substance misuse problem cannot have intervention items filled in.", false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			filled := ocFilled(o, []ocItem{ocReceived, ocOffered})
			if o.SubstanceMisuse == "1" || len(filled) == 0 {
				return "", "", false
			}
			return strings.Join(filled, " "), fmt.Sprintf("SUBSTANCE_MISUSE is %s (no problem identified), but %s %s filled in; the intervention items are only for children with a problem",
				showCode(o.SubstanceMisuse), strings.Join(filled, ", "), ocIsAre(len(filled))), true
		})
}

// oc542: a child under 10 on 31 March has no conviction item.
func oc542() Check {
	return ocRule("542", ocTables, []string{"CONVICTED"},
		"A child under 10 at 31 March cannot have the conviction item filled in.", false,
		func(d *CheckData, o *OC2, dob Date, _ bool) (string, string, bool) {
			if o.Convicted == "" || dob == 0 || dob.AgeAt(d.End) >= 10 {
				return "", "", false
			}
			return o.Convicted, fmt.Sprintf("CONVICTED is %s, but the child (born %s) was %d on %s, under the age of criminal responsibility",
				o.Convicted, dob.DMY(), dob.AgeAt(d.End), d.End.DMY()), true
		})
}

// oc543: a child in the cohort aged 10 or over on 31 March has the conviction item.
func oc543() Check {
	return ocRule("543", ocTablesEpis, []string{"CONVICTED", "DOB"},
		"A child looked after for 12 months and aged 10 or over at 31 March must have the conviction item filled in.", true,
		func(d *CheckData, o *OC2, dob Date, in bool) (string, string, bool) {
			if !in || o.Convicted != "" || dob == 0 || dob.AgeAt(d.End) < 10 {
				return "", "", false
			}
			return "", fmt.Sprintf("the child (born %s) was %d on %s and in care all year, but CONVICTED is blank",
				dob.DMY(), dob.AgeAt(d.End), d.End.DMY()), true
		})
}

// ocWithCore builds 544 and 547: when item it is filled in, the four core items are too.
func ocWithCore(code string, it ocItem, name string) Check {
	return ocRule(code, ocTables, append([]string{it.name}, ocNames(ocCore)...),
		fmt.Sprintf("When %s is filled in, immunisations, teeth check, health assessment and substance misuse must be too.", name), false,
		func(_ *CheckData, o *OC2, _ Date, _ bool) (string, string, bool) {
			v, blank := it.get(o), ocBlank(o, ocCore)
			if v == "" || len(blank) == 0 {
				return "", "", false
			}
			return v, fmt.Sprintf("%s is %s, but %s %s blank", it.name, v, strings.Join(blank, ", "), ocIsAre(len(blank))), true
		})
}

func oc544() Check { return ocWithCore("544", ocConvicted, "the conviction item") }

func oc547() Check { return ocWithCore("547", ocHealthCheck, "health promotion (HEALTH_CHECK)") }

// oc545: a child in the cohort under 5 on 31 March has the health promotion item (development
// checks). The message's "looked after continuously for 12 months" is why the episodes are read.
func oc545() Check {
	return ocRule("545", ocTablesEpis, []string{"DOB", "HEALTH_CHECK"},
		"A child looked after for 12 months and under 5 at 31 March must have the health promotion item filled in.", true,
		func(d *CheckData, o *OC2, dob Date, in bool) (string, string, bool) {
			if !in || o.HealthCheck != "" || dob == 0 || dob.AgeAt(d.End) >= 5 {
				return "", "", false
			}
			return "", fmt.Sprintf("the child (born %s) was %d on %s and in care all year, but HEALTH_CHECK (development checks) is blank",
				dob.DMY(), dob.AgeAt(d.End), d.End.DMY()), true
		})
}

// oc546: a child 5 or over on 31 March has no health promotion item.
func oc546() Check {
	return ocRule("546", ocTables, []string{"DOB", "HEALTH_CHECK"},
		"A child aged 5 or over at 31 March cannot have the health promotion item filled in.", false,
		func(d *CheckData, o *OC2, dob Date, _ bool) (string, string, bool) {
			if o.HealthCheck == "" || dob == 0 || dob.AgeAt(d.End) < 5 {
				return "", "", false
			}
			return o.HealthCheck, fmt.Sprintf("HEALTH_CHECK is %s, but the child (born %s) was %d on %s; development checks are only recorded for children under 5",
				o.HealthCheck, dob.DMY(), dob.AgeAt(d.End), d.End.DMY()), true
		})
}

// ---- links to the Header ----

// ocINT05: every child in OC2 is in the Header (when a Header was given).
func ocINT05() Check {
	c := Check{Code: "INT05", Severity: finding.Error, Tables: []Table{TableHeader, TableOC2}, Fields: []string{"CHILD"},
		About: "Every child in OC2 must also be in the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !ecrHas(d.Return, TableHeader, len(d.Return.Header)) {
			return nil
		}
		var out []finding.Finding
		for i := range d.Return.OC2 {
			o := &d.Return.OC2[i]
			if _, ok := d.HeaderOf[o.Child]; !ok {
				out = append(out, d.Found(&c, TableOC2, o.Row, o.Child, c.Fields, o.Child,
					fmt.Sprintf("child %q is in OC2 but not in the Header", o.Child)))
			}
		}
		return out
	}
	return c
}

// ocINT14: a child's date of birth in OC2 is the Header's. Blank dates are the readers' finding.
func ocINT14() Check {
	c := Check{Code: "INT14", Severity: finding.Error, Tables: []Table{TableHeader, TableOC2}, Fields: []string{"DOB"},
		About: "A child's date of birth in OC2 must be the same as in the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.OC2 {
			o := &d.Return.OC2[i]
			if h := ecrHeader(d, o.Child); h != nil && h.DOB != 0 && o.DOB != 0 && h.DOB != o.DOB {
				out = append(out, d.Found(&c, TableOC2, o.Row, o.Child, c.Fields, o.DOB.DMY(),
					fmt.Sprintf("date of birth in OC2 is %s, but the Header gives %s", o.DOB.DMY(), h.DOB.DMY())))
			}
		}
		return out
	}
	return c
}

// ocINT33: a child appears once in OC2; every row of a repeated child is flagged.
func ocINT33() Check {
	c := Check{Code: "INT33", Severity: finding.Error, Tables: ocTables, Fields: []string{"CHILD"},
		About: "A child may appear only once in OC2."}
	c.Run = func(d *CheckData) []finding.Finding {
		rows := map[string][]string{}
		for _, o := range d.Return.OC2 {
			rows[o.Child] = append(rows[o.Child], strconv.Itoa(o.Row))
		}
		var out []finding.Finding
		for i := range d.Return.OC2 {
			o := &d.Return.OC2[i]
			if rs := rows[o.Child]; len(rs) > 1 {
				out = append(out, d.Found(&c, TableOC2, o.Row, o.Child, c.Fields, o.Child,
					fmt.Sprintf("child %q appears %d times in OC2 (rows %s); it may appear once", o.Child, len(rs), strings.Join(rs, ", "))))
			}
		}
		return out
	}
	return c
}
