package ssda903

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// The checks of this file read the Episodes table together with another table: the Header (ages,
// mother status, UPN), last year's Header, the Reviews, Missing, PrevPerm and SWEpisodes tables, and
// the Ofsted provider list. They are grouped by subject: ages at placements and endings, the
// Header's mother and UPN fields, missing periods, previous permanence, social workers, and the
// provider list.
//
// Not implemented, because the Ofsted provider list as csperf holds it (Provider: URN, postcode,
// local authority, kind of setting) has neither the provider's sector nor its registration and
// closing dates: 224 (URN does not match the placement provider PR0–PR5), 227 (URN not registered at
// the episode's start) and 228 (URN closed before the episode's end).

func episodeCrossChecks() []Check {
	return []Check{
		// Ages at placements and endings.
		ecr234(), ecr302(), ecr352(), ecr358(), ecr359(),
		ecrMinAge("371", "H5", "supported accommodation not subject to children's homes regulations", 16),
		ecrMinAge("372", "R5", "youth custody or prison", 10),
		ecrMinAge("373", "S1", "a residential school", 4),
		ecrMinAge("374", "P3", "residential employment", 14),
		ecrMaxDays("375", "T1", "a temporary stay in hospital", 42, "six weeks"),
		ecrMaxDays("376", "T3", "a temporary placement while the usual foster carers are on holiday", 21, "three weeks"),
		ecrMaxDays("379", "T4", "a temporary placement for another reason", 7, "seven days"),
		ecrEndAge("386", "E11 E12", "adoption", 18, false),
		ecrEndAge("387", "E5 E6", "a move to independent living", 14, true),
		ecrEndAge("389", "E7", "a transfer to adult social care", 16, true),
		ecrEndAge("407", "E45 E46", "a special guardianship order", 18, false),
		ecrEndAge("460", "E17", "staying on with the current carers at 18 or over", 18, true),
		// Header: mother, UPN, presence.
		ecr207(), ecr210(), ecr393(), ecr399(), ecr442(), ecr607(), ecr625(), ecrINT03(),
		// Missing.
		ecr575(), ecr577(), ecr578(), ecr580(), ecr581(),
		// Previous permanence.
		ecr630(), ecr632(), ecr634(),
		// Social workers.
		ecrSW12(),
		// Ofsted provider list.
		ecr1008(), ecr219(), ecr221(), ecr229(),
	}
}

// ---- helpers ----

var (
	ecrTablesHeader = []Table{TableEpisodes, TableHeader}
	ecrTablesMis    = []Table{TableEpisodes, TableMissing}
	ecrTablesPerm   = []Table{TableEpisodes, TablePrevPerm}
)

// ecrHas reports whether table t was given in r: read from a file, holding rows, or (for a return
// built in memory, without file names) always.
func ecrHas(r *Return, t Table, rows int) bool {
	return r != nil && (r.Files == nil || r.Files[t] != "" || rows > 0)
}

// ecrHeader returns the child's Header record, or nil when the child has none.
func ecrHeader(d *CheckData, child string) *Header {
	i, ok := d.HeaderOf[child]
	if !ok || i < 0 || i >= len(d.Return.Header) {
		return nil
	}
	return &d.Return.Header[i]
}

// ecrDOB is the child's date of birth from the Header, zero when unknown.
func ecrDOB(d *CheckData, child string) Date {
	if h := ecrHeader(d, child); h != nil {
		return h.DOB
	}
	return 0
}

// ecrEpisodes returns the child's episodes that have a start date, in start order.
func ecrEpisodes(d *CheckData, child string) []*Episode {
	var out []*Episode
	for _, i := range d.EpisodesOf[child] {
		if i >= 0 && i < len(d.Return.Episodes) && d.Return.Episodes[i].DECOM != 0 {
			out = append(out, &d.Return.Episodes[i])
		}
	}
	return out
}

// ecrPeriodStart is the start of the period of care that eps[k] belongs to: the earliest start of
// the episodes joined to it without a gap (each ending on or after the next one starts).
func ecrPeriodStart(eps []*Episode, k int) Date {
	start := eps[k].DECOM
	for j := k - 1; j >= 0; j-- {
		if eps[j].DEC == 0 || eps[j].DEC < start {
			break
		}
		start = min(start, eps[j].DECOM)
	}
	return start
}

// ecrOpenAt returns the index in eps of the last episode open on date at, or -1.
func ecrOpenAt(eps []*Episode, at Date) int {
	k := -1
	for j, e := range eps {
		if e.DECOM <= at && (e.DEC == 0 || e.DEC > at) {
			k = j
		}
	}
	return k
}

// ecrCeased reports whether an episode ended the child's care: it has an end date and a reason other
// than X1 (care continues).
func ecrCeased(e *Episode) bool { return e.DEC != 0 && e.REC != "X1" }

// ecrStartedBy returns the child's last episode starting on or before date at, or nil.
func ecrStartedBy(eps []*Episode, at Date) *Episode {
	var out *Episode
	for _, e := range eps {
		if e.DECOM <= at {
			out = e
		}
	}
	return out
}

// ecrEpisodeRule builds a check of each episode with the child's Header (nil when none).
func ecrEpisodeRule(code string, fields []string, about string,
	bad func(d *CheckData, e *Episode, h *Header) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: ecrTablesHeader, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if v, msg, ok := bad(d, e, ecrHeader(d, e.Child)); ok {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// ecrAge gives the age in whole years on date at of the child of Header h, and whether it is known.
// A date before the child's birth gives no age (302 reports an episode starting before birth).
func ecrAge(h *Header, at Date) (int, bool) {
	if h == nil || h.DOB == 0 || at == 0 || at < h.DOB {
		return 0, false
	}
	return h.DOB.AgeAt(at), true
}

// ---- ages at placements and endings ----

// ecr234: a placement cannot change because the child went into custody (REASON_PLACE_CHANGE
// CUSTOD) when the child is under 10, the age of criminal responsibility. The reason is recorded on
// the episode that ends with the change, so the age is taken at its end date; an open episode with
// this reason is left to the Episodes checks.
func ecr234() Check {
	return ecrEpisodeRule("234", []string{"DOB", "REASON_PLACE_CHANGE"},
		"A child under 10 cannot change placement because of being taken into custody.",
		func(_ *CheckData, e *Episode, h *Header) (string, string, bool) {
			age, ok := ecrAge(h, e.DEC)
			if e.ReasonPlaceChange != "CUSTOD" || !ok || age >= 10 {
				return "", "", false
			}
			return e.ReasonPlaceChange, fmt.Sprintf("episode ending %s gives custody (CUSTOD) as the reason for the placement change, but the child (born %s) was %d then; custody is possible only from age 10",
				e.DEC.DMY(), h.DOB.DMY(), age), true
		})
}

// ecr302: no episode can start before the child was born. The child's first episode is checked.
func ecr302() Check {
	c := Check{Code: "302", Severity: finding.Error, Tables: ecrTablesHeader, Fields: []string{"DECOM", "DOB"},
		About: "A child's first episode cannot start before the child was born."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			eps := ecrEpisodes(d, h.Child)
			if h.DOB == 0 || len(eps) == 0 || eps[0].DECOM >= h.DOB {
				continue
			}
			e := eps[0]
			out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.DECOM.DMY(),
				fmt.Sprintf("the child's first episode starts on %s, before the child's date of birth %s", e.DECOM.DMY(), h.DOB.DMY())))
		}
		return out
	}
	return c
}

// ecr352: a child cannot start to be looked after (RNE S) at 18 or over.
func ecr352() Check {
	return ecrEpisodeRule("352", []string{"DECOM", "RNE"},
		"A child cannot start a new period of care at age 18 or over.",
		func(_ *CheckData, e *Episode, h *Header) (string, string, bool) {
			age, ok := ecrAge(h, e.DECOM)
			if e.RNE != "S" || !ok || age < 18 {
				return "", "", false
			}
			return e.DECOM.DMY(), fmt.Sprintf("episode starting %s begins a period of care (RNE S), but the child (born %s) was already %d; care cannot start at 18 or over",
				e.DECOM.DMY(), h.DOB.DMY(), age), true
		})
}

// ecr358: the youth justice legal statuses (J1 remand, J2 PACE detention, J3 youth rehabilitation
// order) are for children aged 10 or over at the episode's start.
func ecr358() Check {
	return ecrEpisodeRule("358", []string{"DECOM", "DOB", "LS"},
		"A child under 10 cannot be looked after under a youth justice legal status (J1, J2, J3).",
		func(_ *CheckData, e *Episode, h *Header) (string, string, bool) {
			age, ok := ecrAge(h, e.DECOM)
			if (e.LS != "J1" && e.LS != "J2" && e.LS != "J3") || !ok || age >= 10 {
				return "", "", false
			}
			return e.LS, fmt.Sprintf("episode starting %s has youth justice legal status %s, but the child (born %s) was %d then; this status needs the child to be 10 or over",
				e.DECOM.DMY(), e.LS, h.DOB.DMY(), age), true
		})
}

// ecr359: a young person looked after after their 18th birthday can only be accommodated under
// section 20(5) (legal status V2) in a community home. An episode counts when the child is in care
// aged 18 during it: on the day before its end date, or on 31 March when it is open. Reading: a
// community home is a children's home, secure or not (K1, K2).
func ecr359() Check {
	return ecrEpisodeRule("359", []string{"DEC", "LS", "PLACE"},
		"A young person looked after beyond their 18th birthday must be under section 20(5) (V2) in a children's home (K1, K2).",
		func(d *CheckData, e *Episode, h *Header) (string, string, bool) {
			if h == nil || h.DOB == 0 || e.DECOM == 0 {
				return "", "", false
			}
			last := e.DEC.AddDays(-1) // the last day in care; an episode ends on the morning of DEC
			if e.DEC == 0 {
				last = d.End
			}
			if last < e.DECOM || h.DOB.AgeAt(last) < 18 || (e.LS == "V2" && (e.Place == "K1" || e.Place == "K2")) {
				return "", "", false
			}
			until := "is still open at " + d.End.DMY()
			if e.DEC != 0 {
				until = "ends " + e.DEC.DMY()
			}
			return e.LS + " " + e.Place, fmt.Sprintf("episode starting %s %s, after the child's 18th birthday (born %s), with legal status %s and placement %s; after 18 a young person can only be looked after under section 20(5) (V2) in a children's home (K1 or K2)",
				e.DECOM.DMY(), until, h.DOB.DMY(), showCode(e.LS), showCode(e.Place)), true
		})
}

// ecrMinAge builds the checks that a placement of type place starts only when the child has reached
// minAge.
func ecrMinAge(code, place, name string, minAge int) Check {
	return ecrEpisodeRule(code, []string{"DECOM", "PLACE"},
		fmt.Sprintf("A child placed in %s (%s) must be at least %d when the placement starts.", name, place, minAge),
		func(_ *CheckData, e *Episode, h *Header) (string, string, bool) {
			age, ok := ecrAge(h, e.DECOM)
			if e.Place != place || !ok || age >= minAge {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("episode starting %s places the child in %s (%s), but the child (born %s) was %d then; the youngest age for this placement is %d",
				e.DECOM.DMY(), name, place, h.DOB.DMY(), age, minAge), true
		})
}

// ecrMaxDays builds the checks that a temporary placement of type place lasts at most maxDays days.
// An open episode is measured to 31 March, by which date it has already lasted that long.
func ecrMaxDays(code, place, name string, maxDays int, limit string) Check {
	return ecrEpisodeRule(code, []string{"DECOM", "PLACE"},
		fmt.Sprintf("A placement coded as %s (%s) cannot last more than %s.", name, place, limit),
		func(d *CheckData, e *Episode, _ *Header) (string, string, bool) {
			if e.Place != place || e.DECOM == 0 {
				return "", "", false
			}
			end, until := e.DEC, "to "+showDate(e.DEC)
			if end == 0 {
				end, until = d.End, "and is still open at "+d.End.DMY()
			}
			days := end.Sub(e.DECOM)
			if days <= maxDays {
				return "", "", false
			}
			return e.Place, fmt.Sprintf("episode coded %s (%s) runs from %s %s, %d days; it may last at most %s (%d days)",
				place, name, e.DECOM.DMY(), until, days, limit, maxDays), true
		})
}

// ecrEndAge builds the checks of a child's age when an episode ends for one of the reasons recs:
// under is true when the child must be at least age, false when the child must be under age.
func ecrEndAge(code, recs, name string, age int, under bool) Check {
	set := map[string]bool{}
	for _, r := range strings.Fields(recs) {
		set[r] = true
	}
	codes := strings.ReplaceAll(recs, " ", ", ")
	about := fmt.Sprintf("A child leaving care through %s (%s) must be under %d.", name, codes, age)
	if under {
		about = fmt.Sprintf("A child leaving care through %s (%s) must be at least %d.", name, codes, age)
	}
	fields := []string{"REC"}
	if code == "407" || code == "460" {
		fields = []string{"DEC", "DOB", "REC"}
	}
	return ecrEpisodeRule(code, fields, about,
		func(_ *CheckData, e *Episode, h *Header) (string, string, bool) {
			got, ok := ecrAge(h, e.DEC)
			if !set[e.REC] || !ok || (under && got >= age) || (!under && got < age) {
				return "", "", false
			}
			rule := fmt.Sprintf("this reason needs the child to be under %d", age)
			if under {
				rule = fmt.Sprintf("this reason needs the child to be at least %d", age)
			}
			return e.REC, fmt.Sprintf("episode ending %s gives reason %s (%s), but the child (born %s) was %d then; %s",
				e.DEC.DMY(), e.REC, name, h.DOB.DMY(), got, rule), true
		})
}

// ---- Header: mother, UPN, presence ----

// ecr207: a young woman looked after this year (with episodes this year: the Header also holds care
// leavers) who was recorded as a mother (MOTHER 1) in last year's Header is still a mother. Reading:
// a child looked after this year only under short breaks (V3, V4) with a blank mother field is left
// out, since 399 requires her mother field to be blank.
func ecr207() Check {
	c := Check{Code: "207", Severity: finding.Error, Tables: ecrTablesHeader, Fields: []string{"MOTHER"},
		About: "A child recorded as a mother in last year's return must still be recorded as a mother.", Needs: NeedPrevious}
	c.Run = func(d *CheckData) []finding.Finding {
		if d.Previous == nil {
			return nil
		}
		was := map[string]bool{}
		for _, h := range d.Previous.Header {
			if h.Mother == "1" {
				was[h.Child] = true
			}
		}
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			if !was[h.Child] || h.Mother == "1" || len(d.EpisodesOf[h.Child]) == 0 || (h.Mother == "" && ecrOnlyRespite(d, h.Child)) {
				continue
			}
			out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, h.Mother,
				fmt.Sprintf("the child was recorded as a mother (MOTHER 1) last year, but this year MOTHER is %s", showCode(h.Mother))))
		}
		return out
	}
	return c
}

// ecrOnlyRespite reports whether the child has episodes this year and all of them are short breaks
// (V3, V4).
func ecrOnlyRespite(d *CheckData, child string) bool {
	eps := d.EpisodesOf[child]
	for _, i := range eps {
		if i < 0 || i >= len(d.Return.Episodes) || !shortBreak(d.Return.Episodes[i].LS) {
			return false
		}
	}
	return len(eps) > 0
}

// ecr210: UN4 (UPN not yet obtained) is allowed only for a child who has been looked after for a
// week or less at 31 March; the time is counted from the start of the period of care open then.
func ecr210() Check {
	c := Check{Code: "210", Severity: finding.Error, Tables: ecrTablesHeader, Fields: []string{"DECOM", "UPN"},
		About: "A child looked after for more than a week at 31 March cannot have UPN code UN4 (UPN not yet obtained)."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			if strings.ToUpper(h.UPN) != "UN4" {
				continue
			}
			eps := ecrEpisodes(d, h.Child)
			k := ecrOpenAt(eps, d.End)
			if k < 0 {
				continue
			}
			start := ecrPeriodStart(eps, k)
			if days := d.End.Sub(start); days > 7 {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, h.UPN,
					fmt.Sprintf("UPN is UN4 (not yet obtained), but the child has been looked after since %s, %d days before %s; UN4 is only for a child looked after for a week or less",
						start.DMY(), days, d.End.DMY())))
			}
		}
		return out
	}
	return c
}

// ecr393: a girl looked after at 31 March (not under short breaks) must have the mother field
// filled in. Reading: as DfE's guidance asks the question of girls aged 12 or over, the check
// applies from age 12 at 31 March.
func ecr393() Check {
	c := Check{Code: "393", Severity: finding.Error, Tables: ecrTablesHeader, Fields: []string{"MOTHER"},
		About: "A girl aged 12 or over looked after at 31 March (not under short breaks) must have the mother field filled in."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			age, ok := ecrAge(h, d.End)
			if h.Sex != "2" || h.Mother != "" || !ok || age < 12 {
				continue
			}
			eps := ecrEpisodes(d, h.Child)
			k := ecrOpenAt(eps, d.End)
			if k < 0 || shortBreak(eps[k].LS) {
				continue
			}
			out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, "",
				fmt.Sprintf("girl aged %d looked after at %s (legal status %s) has a blank mother field; it must be 1 (a mother) or 0 (not)",
					age, d.End.DMY(), showCode(eps[k].LS))))
		}
		return out
	}
	return c
}

// ecr607: a girl who ceased to be looked after in the year (her last episode ended for a reason
// other than X1, not under short breaks) must have the mother field filled in. Reading: as for
// 393, from age 12, here at the date care ended.
func ecr607() Check {
	c := Check{Code: "607", Severity: finding.Error, Tables: ecrTablesHeader, Fields: []string{"DEC", "LS", "MOTHER", "REC", "SEX"},
		About: "A girl aged 12 or over who ceased to be looked after in the year (not under short breaks) must have the mother field filled in."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			eps := ecrEpisodes(d, h.Child)
			if h.Sex != "2" || h.Mother != "" || len(eps) == 0 {
				continue
			}
			e := eps[len(eps)-1]
			age, ok := ecrAge(h, e.DEC)
			if !ecrCeased(e) || e.REC == "" || e.DEC < d.Start || e.DEC > d.End || shortBreak(e.LS) || !ok || age < 12 {
				continue
			}
			out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, "",
				fmt.Sprintf("girl aged %d ceased to be looked after on %s (reason %s, legal status %s) but her mother field is blank; it must be 1 (a mother) or 0 (not)",
					age, e.DEC.DMY(), e.REC, showCode(e.LS))))
		}
		return out
	}
	return c
}

// ecr399: a child looked after only under short breaks (every episode this year V3 or V4) has no
// mother field and no reviews. The Header row is flagged for a filled-in mother field and each
// Reviews row of the child is flagged.
func ecr399() Check {
	c := Check{Code: "399", Severity: finding.Error, Tables: []Table{TableEpisodes, TableHeader, TableReviews},
		Fields: []string{"LS", "MOTHER", "REVIEW", "REVIEW_CODE"},
		About:  "A child looked after only under short breaks (V3, V4) must have a blank mother field and no reviews."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			if h.Mother != "" && ecrOnlyRespite(d, h.Child) {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, []string{"LS", "MOTHER"}, h.Mother,
					fmt.Sprintf("the child is looked after only under short breaks (V3/V4) this year, but MOTHER is %s; it must be blank", h.Mother)))
			}
		}
		for i := range d.Return.Reviews {
			r := &d.Return.Reviews[i]
			if ecrOnlyRespite(d, r.Child) {
				out = append(out, d.Found(&c, TableReviews, r.Row, r.Child, []string{"LS", "REVIEW", "REVIEW_CODE"}, showDate(r.Review),
					fmt.Sprintf("review on %s (participation %s) is recorded, but the child is looked after only under short breaks (V3/V4) this year, and such children have no reviews in the return",
						showDate(r.Review), showCode(r.ReviewCode))))
			}
		}
		return out
	}
	return c
}

// ecr442: a child with any episode that is not a short break (V3, V4) must have a UPN (or a UN
// code). The Header row is flagged once.
func ecr442() Check {
	c := Check{Code: "442", Severity: finding.Error, Tables: ecrTablesHeader, Fields: []string{"UPN"},
		About: "A child with an episode other than a short break (V3, V4) must have a UPN or a UN code."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			if strings.TrimSpace(h.UPN) != "" {
				continue
			}
			for _, e := range ecrEpisodes(d, h.Child) {
				if !shortBreak(e.LS) {
					out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, "",
						fmt.Sprintf("UPN is blank, but the child has an episode starting %s with legal status %s; give the UPN or a UN code", e.DECOM.DMY(), showCode(e.LS))))
					break
				}
			}
		}
		return out
	}
	return c
}

// ecr625: the mother's child (MC_DOB) cannot be born after 31 March, nor after the mother ceased to
// be looked after (her last episode ended for a reason other than X1).
func ecr625() Check {
	c := Check{Code: "625", Severity: finding.Error, Tables: ecrTablesHeader, Fields: []string{"DEC", "MC_DOB"},
		About: "The mother's child cannot be born after 31 March or after the mother ceased to be looked after."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Header {
			h := &d.Return.Header[i]
			if h.MCDOB == 0 {
				continue
			}
			if h.MCDOB > d.End {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, h.MCDOB.DMY(),
					fmt.Sprintf("the child's own child is recorded as born on %s, after the end of the year (%s)", h.MCDOB.DMY(), d.End.DMY())))
				continue
			}
			eps := ecrEpisodes(d, h.Child)
			if len(eps) == 0 {
				continue
			}
			if e := eps[len(eps)-1]; ecrCeased(e) && h.MCDOB > e.DEC {
				out = append(out, d.Found(&c, TableHeader, h.Row, h.Child, c.Fields, h.MCDOB.DMY(),
					fmt.Sprintf("the child's own child is recorded as born on %s, after the mother ceased to be looked after on %s", h.MCDOB.DMY(), e.DEC.DMY())))
			}
		}
		return out
	}
	return c
}

// ecrINT03: every child with episodes is in the Header. Each episode of such a child is flagged;
// nothing is flagged when no Header table was given.
func ecrINT03() Check {
	c := Check{Code: "INT03", Severity: finding.Error, Tables: ecrTablesHeader, Fields: []string{"CHILD"},
		About: "Every child in the Episodes table must also be in the Header."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !ecrHas(d.Return, TableHeader, len(d.Return.Header)) {
			return nil
		}
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if _, ok := d.HeaderOf[e.Child]; !ok {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.Child,
					fmt.Sprintf("child %q has an episode starting %s but is not in the Header", e.Child, showDate(e.DECOM))))
			}
		}
		return out
	}
	return c
}

// ---- missing periods ----

// ecrMissingRule builds a check of each Missing row with the child's episodes (with a start date,
// in start order).
func ecrMissingRule(code string, fields []string, about string,
	bad func(d *CheckData, m *Missing, eps []*Episode) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: ecrTablesMis, Fields: fields, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Missing {
			m := &d.Return.Missing[i]
			if v, msg, ok := bad(d, m, ecrEpisodes(d, m.Child)); ok {
				out = append(out, d.Found(&c, TableMissing, m.Row, m.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// ecrMissingKind names a missing period's kind for a message.
func ecrMissingKind(m *Missing) string {
	if m.Missing == "A" {
		return "period away from placement without authorisation"
	}
	return "missing period"
}

// ecr575: a missing period from a placement that has ended must have an end date. The placement is
// the child's last episode starting on or before the day the period began.
func ecr575() Check {
	return ecrMissingRule("575", []string{"MIS_END"},
		"A missing or away period from a placement that has ended must have an end date.",
		func(_ *CheckData, m *Missing, eps []*Episode) (string, string, bool) {
			if m.MisStart == 0 || m.MisEnd != 0 {
				return "", "", false
			}
			e := ecrStartedBy(eps, m.MisStart)
			if e == nil || e.DEC == 0 || e.DEC < m.MisStart {
				return "", "", false
			}
			return "", fmt.Sprintf("the %s starting %s, from the placement that started %s and ended %s, has no end date",
				ecrMissingKind(m), m.MisStart.DMY(), e.DECOM.DMY(), e.DEC.DMY()), true
		})
}

// ecr577: once a child has ceased to be looked after (the last episode ended for a reason other than
// X1), no missing period that began while in care may be left open.
func ecr577() Check {
	return ecrMissingRule("577", []string{"MIS_END"},
		"A child who has ceased to be looked after cannot have a missing or away period without an end date.",
		func(_ *CheckData, m *Missing, eps []*Episode) (string, string, bool) {
			if m.MisStart == 0 || m.MisEnd != 0 || len(eps) == 0 {
				return "", "", false
			}
			e := eps[len(eps)-1]
			if !ecrCeased(e) || m.MisStart > e.DEC {
				return "", "", false
			}
			return "", fmt.Sprintf("the child ceased to be looked after on %s (reason %s), but the %s starting %s has no end date",
				e.DEC.DMY(), showCode(e.REC), ecrMissingKind(m), m.MisStart.DMY()), true
		})
}

// ecr578: a missing period cannot start after the child ceased to be looked after: the child's last
// episode starting on or before the period's start ended, for a reason other than X1, before it.
func ecr578() Check {
	return ecrMissingRule("578", []string{"MIS_START"},
		"A missing or away period cannot start after the child ceased to be looked after.",
		func(_ *CheckData, m *Missing, eps []*Episode) (string, string, bool) {
			if m.MisStart == 0 {
				return "", "", false
			}
			e := ecrStartedBy(eps, m.MisStart)
			if e == nil || !ecrCeased(e) || e.DEC >= m.MisStart {
				return "", "", false
			}
			return m.MisStart.DMY(), fmt.Sprintf("the %s starts %s, after the child ceased to be looked after on %s (reason %s)",
				ecrMissingKind(m), m.MisStart.DMY(), e.DEC.DMY(), showCode(e.REC)), true
		})
}

// ecr580: an episode that ends the child's care while the child is missing (a missing period began
// on or before the end date and had not ended by then) must end with reason E8.
func ecr580() Check {
	c := Check{Code: "580", Severity: finding.Error, Tables: ecrTablesMis, Fields: []string{"REC"},
		About: "A child who ceases to be looked after while missing or away must have reason episode ceased E8."}
	c.Run = func(d *CheckData) []finding.Finding {
		mis := map[string][]*Missing{}
		for i := range d.Return.Missing {
			m := &d.Return.Missing[i]
			mis[m.Child] = append(mis[m.Child], m)
		}
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if !ecrCeased(e) || e.REC == "" || e.REC == "E8" {
				continue
			}
			for _, m := range mis[e.Child] {
				if m.MisStart != 0 && m.MisStart <= e.DEC && (m.MisEnd == 0 || m.MisEnd > e.DEC) {
					end := "no end date"
					if m.MisEnd != 0 {
						end = "an end date of " + m.MisEnd.DMY()
					}
					out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.REC,
						fmt.Sprintf("care ended on %s with reason %s during a %s (starting %s, with %s); a child who leaves care while missing or away must have reason E8",
							e.DEC.DMY(), e.REC, ecrMissingKind(m), m.MisStart.DMY(), end)))
					break
				}
			}
		}
		return out
	}
	return c
}

// ecr581: a missing period cannot start before the child first started to be looked after: the
// earliest episode start in this year's and (when given) last year's Episodes. A child with no
// episodes is left to other checks.
func ecr581() Check {
	return ecrMissingRule("581", []string{"MIS_START"},
		"A missing or away period cannot start before the child started to be looked after.",
		func(d *CheckData, m *Missing, eps []*Episode) (string, string, bool) {
			if m.MisStart == 0 || len(eps) == 0 {
				return "", "", false
			}
			first := eps[0].DECOM
			if d.Previous != nil {
				for _, k := range d.PrevEpisodesOf[m.Child] {
					if p := d.Previous.Episodes[k]; p.DECOM != 0 && p.DECOM < first {
						first = p.DECOM
					}
				}
			}
			if m.MisStart >= first {
				return "", "", false
			}
			return m.MisStart.DMY(), fmt.Sprintf("the %s starts %s, before the child's first episode of care started on %s",
				ecrMissingKind(m), m.MisStart.DMY(), first.DMY()), true
		})
}

// ---- previous permanence ----

// ecr630: a child who started a new period of care in the year (an episode with RNE S starting on or
// after 1 April) must have a PrevPerm record saying whether there was an earlier permanence order.
func ecr630() Check {
	c := Check{Code: "630", Severity: finding.Error, Tables: ecrTablesPerm, Fields: []string{"RNE"},
		About: "A child who started to be looked after in the year must have a previous permanence (PrevPerm) record."}
	c.Run = func(d *CheckData) []finding.Finding {
		has := map[string]bool{}
		for _, p := range d.Return.PrevPerm {
			if p.PrevPerm != "" {
				has[p.Child] = true
			}
		}
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			if e.RNE == "S" && e.DECOM >= d.Start && e.DECOM <= d.End && !has[e.Child] {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.RNE,
					fmt.Sprintf("the child started to be looked after on %s (RNE S) but has no previous permanence option (PREV_PERM) in the PrevPerm table", e.DECOM.DMY())))
			}
		}
		return out
	}
	return c
}

// ecrPermDate reads DATE_PERM (dd/mm/yyyy, zz/mm/yyyy or zz/zz/yyyy) and returns the earliest date
// it can stand for, and whether it could be read.
func ecrPermDate(s string) (Date, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if v, err := calendar.ParseDMY(s); err == nil {
		return v, true
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 || parts[0] != "zz" {
		return 0, false
	}
	y, err := strconv.Atoi(parts[2])
	if err != nil || len(parts[2]) != 4 {
		return 0, false
	}
	if parts[1] == "zz" {
		return calendar.Of(y, time.January, 1), true
	}
	m, err := strconv.Atoi(parts[1])
	if err != nil || m < 1 || m > 12 {
		return 0, false
	}
	return calendar.Of(y, time.Month(m), 1), true
}

// ecr632: the previous permanence order was made before the child came into care: DATE_PERM is
// before the start of the child's latest period of care begun in the year (RNE S). A partial date
// is flagged only when every date it can stand for is on or after that start. Children whose care
// began before the year cannot be tested, as DfE notes. A value that is not a date is the readers'
// finding.
func ecr632() Check {
	c := Check{Code: "632", Severity: finding.Error, Tables: ecrTablesPerm, Fields: []string{"DATE_PERM", "DECOM"},
		About: "The date of a previous permanence order must be before the child started to be looked after."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.PrevPerm {
			p := &d.Return.PrevPerm[i]
			at, ok := ecrPermDate(p.DatePerm)
			if !ok {
				continue
			}
			var start *Episode
			for _, e := range ecrEpisodes(d, p.Child) {
				if e.RNE == "S" && e.DECOM >= d.Start && e.DECOM <= d.End {
					start = e
				}
			}
			if start == nil || at < start.DECOM {
				continue
			}
			out = append(out, d.Found(&c, TablePrevPerm, p.Row, p.Child, c.Fields, p.DatePerm,
				fmt.Sprintf("the previous permanence order is dated %s, not before the child started to be looked after on %s; the order must come before care began",
					p.DatePerm, start.DECOM.DMY())))
		}
		return out
	}
	return c
}

// ecrPrevPermFrom is the day from which previous permanence options are collected.
var ecrPrevPermFrom = calendar.Of(2016, time.April, 1)

// ecr634: previous permanence options are recorded only for a child whose current period of care
// began on or after 1 April 2016. The period is the one holding the child's latest episode.
func ecr634() Check {
	c := Check{Code: "634", Severity: finding.Error, Tables: ecrTablesPerm,
		Fields: []string{"DATE_PERM", "DECOM", "LA_PERM", "PREV_PERM"},
		About:  "Previous permanence options are recorded only for children whose care began on or after 1 April 2016."}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.PrevPerm {
			p := &d.Return.PrevPerm[i]
			eps := ecrEpisodes(d, p.Child)
			if len(eps) == 0 || (p.PrevPerm == "" && p.LAPerm == "" && p.DatePerm == "") {
				continue
			}
			start := ecrPeriodStart(eps, len(eps)-1)
			if start >= ecrPrevPermFrom {
				continue
			}
			out = append(out, d.Found(&c, TablePrevPerm, p.Row, p.Child, c.Fields, p.PrevPerm,
				fmt.Sprintf("previous permanence option %s is recorded, but the child's period of care began on %s, before 1 April 2016, when these options started to be collected",
					showCode(p.PrevPerm), start.DMY())))
		}
		return out
	}
	return c
}

// ---- social workers ----

// ecrSW12: a child looked after on 31 March has social worker episodes covering the whole year,
// including time before care: the first one starts on or before 1 April (or the child's birth, if
// later). When the child has no social worker episode at all, the episode open at 31 March is
// flagged. Nothing is checked when no SWEpisodes table was given.
func ecrSW12() Check {
	c := Check{Code: "SW12STG2", Severity: finding.Error, Tables: []Table{TableEpisodes, TableSWEpisodes}, Fields: []string{"SW_DECOM"},
		About: "A child looked after on 31 March must have social worker episodes for the whole year, from 1 April."}
	c.Run = func(d *CheckData) []finding.Finding {
		if !ecrHas(d.Return, TableSWEpisodes, len(d.Return.SWEpisodes)) {
			return nil
		}
		first := map[string]*SWEpisode{}
		for i := range d.Return.SWEpisodes {
			s := &d.Return.SWEpisodes[i]
			if s.SWDecom != 0 && (first[s.Child] == nil || s.SWDecom < first[s.Child].SWDecom) {
				first[s.Child] = s
			}
		}
		var out []finding.Finding
		for _, ch := range slices.Sorted(maps.Keys(d.EpisodesOf)) {
			eps := ecrEpisodes(d, ch)
			k := ecrOpenAt(eps, d.End)
			if k < 0 {
				continue
			}
			from := d.Start
			if dob := ecrDOB(d, ch); dob > from {
				from = dob
			}
			s := first[ch]
			switch {
			case s == nil:
				e := eps[k]
				out = append(out, d.Found(&c, TableEpisodes, e.Row, ch, c.Fields, "",
					fmt.Sprintf("the child is looked after on %s but has no social worker episodes; they must cover the year from %s", d.End.DMY(), from.DMY())))
			case s.SWDecom > from:
				out = append(out, d.Found(&c, TableSWEpisodes, s.Row, ch, c.Fields, s.SWDecom.DMY(),
					fmt.Sprintf("the child is looked after on %s, but the first social worker episode starts %s; social worker episodes must cover the year from %s, including time before care",
						d.End.DMY(), s.SWDecom.DMY(), from.DMY())))
			}
		}
		return out
	}
	return c
}

// ---- Ofsted provider list ----

// ecrURN returns the episode's URN when one is given (not blank, not XXXXXXX for "no URN").
func ecrURN(e *Episode) (string, bool) {
	u := strings.TrimSpace(e.URN)
	return u, u != "" && !strings.EqualFold(u, "XXXXXXX")
}

// ecrProvider looks the episode's URN up in the provider list.
func ecrProvider(d *CheckData, e *Episode) (Provider, bool) {
	u, ok := ecrURN(e)
	if !ok || d.Providers == nil {
		return Provider{}, false
	}
	if p, ok := d.Providers[u]; ok {
		return p, true
	}
	p, ok := d.Providers[strings.ToUpper(u)]
	return p, ok
}

// ecrProviderRule builds a check of each episode whose URN is on the provider list.
func ecrProviderRule(code string, fields []string, about string,
	bad func(d *CheckData, e *Episode, p Provider) (value, msg string, ok bool)) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{TableEpisodes}, Fields: fields, About: about, Needs: NeedProviders}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			p, ok := ecrProvider(d, e)
			if !ok {
				continue
			}
			if v, msg, ok := bad(d, e, p); ok {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, fields, v, msg))
			}
		}
		return out
	}
	return c
}

// ecr1008: a URN given for a placement is on the Ofsted provider list.
func ecr1008() Check {
	c := Check{Code: "1008", Severity: finding.Error, Tables: []Table{TableEpisodes}, Fields: []string{"URN"},
		About: "A placement's Ofsted URN must be on the Ofsted provider list (or XXXXXXX when there is none).", Needs: NeedProviders}
	c.Run = func(d *CheckData) []finding.Finding {
		if d.Providers == nil {
			return nil
		}
		var out []finding.Finding
		for i := range d.Return.Episodes {
			e := &d.Return.Episodes[i]
			u, given := ecrURN(e)
			if _, found := ecrProvider(d, e); given && !found {
				out = append(out, d.Found(&c, TableEpisodes, e.Row, e.Child, c.Fields, e.URN,
					fmt.Sprintf("episode starting %s gives URN %s, which is not on the Ofsted provider list", showDate(e.DECOM), u)))
			}
		}
		return out
	}
	return c
}

// ecrKinds maps words of Ofsted's provision types to the placement types such a setting can hold,
// most specific first. A kind matching none of them is not checked.
var ecrKinds = []struct{ word, places string }{
	{"secure", "K1"},
	{"residential special school", "K2 S1"},
	{"children's home", "K2"},
	{"childrens home", "K2"},
	{"family centre", "R3"},
	{"supported accommodation", "H5"},
	{"fostering", "U1 U2 U3 U4 U5 U6"},
	{"adoption", "A3 A4 A5 A6"},
	{"boarding school", "S1"},
	{"further education college", "S1"},
	{"school", "S1"},
}

// ecrKindPlaces returns the placement types a setting of this kind can hold, and whether the kind is
// known.
func ecrKindPlaces(kind string) ([]string, bool) {
	k := strings.ToLower(strings.ReplaceAll(kind, "’", "'"))
	for _, m := range ecrKinds {
		if strings.Contains(k, m.word) {
			return strings.Fields(m.places), true
		}
	}
	return nil, false
}

// ecr219: the placement type fits the kind of setting the URN is registered as. Temporary (T0–T4)
// and other (Z1) placements can be anywhere and are not checked, nor are settings of a kind the
// table above does not know. Reading: the provider list's kind is Ofsted's provision type (children's
// home, secure children's home, independent fostering agency …).
func ecr219() Check {
	return ecrProviderRule("219", []string{"PLACE", "URN"},
		"A placement's type must fit the kind of setting its Ofsted URN is registered as.",
		func(_ *CheckData, e *Episode, p Provider) (string, string, bool) {
			if e.Place == "" || e.Place == "Z1" || strings.HasPrefix(e.Place, "T") {
				return "", "", false
			}
			places, known := ecrKindPlaces(p.Kind)
			if !known {
				return "", "", false
			}
			for _, pl := range places {
				if pl == e.Place {
					return "", "", false
				}
			}
			return e.Place, fmt.Sprintf("episode starting %s has placement type %s, but URN %s is registered as %q, which takes placement types %s",
				showDate(e.DECOM), e.Place, e.URN, p.Kind, strings.Join(places, ", ")), true
		})
}

// ecrCompact is a postcode in upper case without spaces.
func ecrCompact(p string) string { return strings.ToUpper(strings.Join(strings.Fields(p), "")) }

// ecrSamePostcode reports whether a placement postcode, full or shortened (the outward code and the
// start of the inward code), fits the provider's full postcode. A provider postcode too short to be
// a full one cannot be compared and fits.
func ecrSamePostcode(pl, provider string) bool {
	pc := ecrCompact(provider)
	if len(pc) < 5 {
		return true
	}
	out, in := pc[:len(pc)-3], pc[len(pc)-3:]
	if f := strings.Fields(strings.ToUpper(pl)); len(f) == 2 {
		return f[0] == out && strings.HasPrefix(in, f[1])
	}
	s := ecrCompact(pl)
	return strings.HasPrefix(pc, s) && len(s) >= len(out)
}

// ecr221: the placement postcode (PL_POST) is the provider's postcode. PL_POST may be the full
// postcode or a shortened one (the outward code and the start of the inward code); a shortened one
// must have the same outward code and begin the provider's inward code.
func ecr221() Check {
	return ecrProviderRule("221", []string{"PL_POST"},
		"A placement's postcode must be the postcode of the setting its Ofsted URN names.",
		func(_ *CheckData, e *Episode, p Provider) (string, string, bool) {
			if strings.TrimSpace(e.PlPost) == "" || strings.TrimSpace(p.Postcode) == "" || ecrSamePostcode(e.PlPost, p.Postcode) {
				return "", "", false
			}
			return e.PlPost, fmt.Sprintf("episode starting %s has placement postcode %s, but URN %s is at %s",
				showDate(e.DECOM), e.PlPost, e.URN, p.Postcode), true
		})
}

// ecr229: a placement with the council's own provision (PR1) is in the council's area, and one with
// another council's provision (PR2) is not, going by the local authority the provider list gives.
// Reading: the provider list's LA is the DfE LA number; an entry with another form of LA, or a
// return without an authority number, is not checked.
func ecr229() Check {
	return ecrProviderRule("229", []string{"PLACE_PROVIDER", "URN"},
		"A placement with the council's own provision (PR1) must be in its area, and one with another council's provision (PR2) outside it.",
		func(d *CheckData, e *Episode, p Provider) (string, string, bool) {
			la, err := strconv.Atoi(strings.TrimSpace(p.LA))
			if err != nil || d.Return.Authority == 0 {
				return "", "", false
			}
			own := la == d.Return.Authority
			switch {
			case e.PlaceProvider == "PR1" && !own:
				return e.PlaceProvider, fmt.Sprintf("episode starting %s is with the council's own provision (PR1), but URN %s is in local authority %s, not this council (%d)",
					showDate(e.DECOM), e.URN, p.LA, d.Return.Authority), true
			case e.PlaceProvider == "PR2" && own:
				return e.PlaceProvider, fmt.Sprintf("episode starting %s is with another council's provision (PR2), but URN %s is in this council's own area (%d)",
					showDate(e.DECOM), e.URN, d.Return.Authority), true
			}
			return "", "", false
		})
}
