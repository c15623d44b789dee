package cin

import (
	"strings"
	"time"
)

// section47Checks are the checks on section 47 enquiries and initial child protection conferences.
func section47Checks() []Check {
	return []Check{
		check8615(), check2889(), check8740(), check8675Q(), check8839(), check8890(),
		check8715(), check8875(), check8870Q(), check1104(), check2884(),
	}
}

// s47Check is a check that looks at one section 47 enquiry at a time, with its episode.
func s47Check(code, about string, elements []string, f func(r *report, ep *Details, s *Section47)) Check {
	return episodeCheck(code, about, elements, func(r *report, ch *Child, ep *Details) {
		for k := range ep.Section47s {
			f(r, ep, &ep.Section47s[k])
		}
	})
}

// icpcCheck is a check that looks at each initial conference date of an episode, whether recorded
// on a section 47 enquiry or on the episode itself.
func icpcCheck(code, about string, f func(r *report, ep *Details, c dated)) Check {
	return episodeCheck(code, about, []string{"DateOfInitialCPC"}, func(r *report, ch *Child, ep *Details) {
		for _, c := range icpcDates(ep) {
			f(r, ep, c)
		}
	})
}

// icpcDates lists an episode's initial conference dates at both levels.
func icpcDates(ep *Details) []dated {
	var out []dated
	for _, s := range ep.Section47s {
		if s.ICPCDate != 0 {
			out = append(out, dated{elS47, "DateOfInitialCPC", "section 47 enquiry", s.ICPCDate})
		}
	}
	if ep.DateOfInitialCPC != 0 {
		out = append(out, dated{elDetails, "DateOfInitialCPC", "episode", ep.DateOfInitialCPC})
	}
	return out
}

// s47Open reports whether an enquiry has neither a conference date nor a note that none is needed.
func s47Open(s *Section47) bool { return s.ICPCDate == 0 && !s.ICPCNotRequired }

func check8615() Check {
	return s47Check("8615", "A section 47 enquiry must have a start date, on or before its initial conference.",
		[]string{"S47ActualStartDate", "DateOfInitialCPC"}, func(r *report, ep *Details, s *Section47) {
			switch {
			case s.Start == 0:
				r.add(ep.Line, elS47, []string{"S47ActualStartDate"}, "", "A section 47 enquiry in this episode has no start date.")
			case s.ICPCDate != 0 && s.Start > s.ICPCDate:
				r.add(ep.Line, elS47, []string{"S47ActualStartDate", "DateOfInitialCPC"}, s.Start.String(),
					"The section 47 enquiry starts on %s, after its initial conference on %s.", s.Start.DMY(), s.ICPCDate.DMY())
			}
		})
}

func check2889() Check {
	return s47Check("2889", "A section 47 enquiry cannot start before the episode's referral date.",
		[]string{"S47ActualStartDate", "CINreferralDate"}, func(r *report, ep *Details, s *Section47) {
			if s.Start != 0 && ep.ReferralDate != 0 && s.Start < ep.ReferralDate {
				r.add(ep.Line, elS47, []string{"S47ActualStartDate", "CINreferralDate"}, s.Start.String(),
					"The section 47 enquiry starts on %s, before the referral on %s.", s.Start.DMY(), ep.ReferralDate.DMY())
			}
		})
}

// check8740 treats an enquiry marked as needing no conference as concluded.
func check8740() Check {
	return s47Check("8740", "A section 47 enquiry with no initial conference by the end of the census year must have started within the year.",
		[]string{"S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"}, func(r *report, ep *Details, s *Section47) {
			if s.ICPCNotRequired || s.Start == 0 || (s.ICPCDate != 0 && s.ICPCDate <= r.d.End) {
				return
			}
			if !r.d.inYear(s.Start) {
				r.add(ep.Line, elS47, []string{"S47ActualStartDate"}, s.Start.String(),
					"The section 47 enquiry started on %s, outside %s, and had no initial conference by %s.",
					s.Start.DMY(), r.d.yearText(), r.d.End.DMY())
			}
		})
}

func check8675Q() Check {
	return s47Check("8675Q", "A section 47 enquiry started more than 15 working days before the end of the census year should have a conference date or be marked as needing none.",
		[]string{"S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"}, func(r *report, ep *Details, s *Section47) {
			if !s47Open(s) || s.Start == 0 {
				return
			}
			if n := r.d.Workdays.Between(s.Start, r.d.End); n > 15 {
				r.add(ep.Line, elS47, []string{"S47ActualStartDate", "DateOfInitialCPC"}, s.Start.String(),
					"The section 47 enquiry started on %s, %d working days before %s, but has no initial conference date and is not marked as needing none.",
					s.Start.DMY(), n, r.d.End.DMY())
			}
		})
}

func check8839() Check {
	return episodeCheck("8839", "An episode can have at most one section 47 enquiry still open (no conference and not marked as needing none).",
		[]string{"DateOfInitialCPC", "ICPCnotRequired"}, func(r *report, ch *Child, ep *Details) {
			var starts []string
			for k := range ep.Section47s {
				if s := &ep.Section47s[k]; s47Open(s) {
					starts = append(starts, show(s.Start))
				}
			}
			if len(starts) > 1 {
				r.add(ep.Line, elS47, []string{"DateOfInitialCPC", "ICPCnotRequired"}, strings.Join(starts, " "),
					"The episode has %d section 47 enquiries still open (started %s); only one may be open at a time.",
					len(starts), strings.Join(starts, ", "))
			}
		})
}

// check8890 looks across the child's episodes. An enquiry is going on from its start until its
// conference; one with no conference date is going on still, unless it is marked as needing no
// conference, in which case the census does not say when it ended and it is not counted.
func check8890() Check {
	return childCheck("8890", "A section 47 enquiry cannot start while another enquiry about the child is going on.",
		[]string{"S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"}, func(r *report, ch *Child) {
			type located struct {
				line int
				s    *Section47
			}
			var all []located
			for j := range ch.Details {
				for k := range ch.Details[j].Section47s {
					all = append(all, located{ch.Details[j].Line, &ch.Details[j].Section47s[k]})
				}
			}
			for i, b := range all {
				if b.s.Start == 0 {
					continue
				}
				for j, o := range all {
					if i == j || o.s.Start == 0 || (o.s.ICPCDate == 0 && o.s.ICPCNotRequired) {
						continue
					}
					if o.s.Start <= b.s.Start && b.s.Start < openUntil(o.s.ICPCDate) {
						r.add(b.line, elS47, []string{"S47ActualStartDate"}, b.s.Start.String(),
							"A section 47 enquiry starts on %s while the enquiry started %s (conference %s) is still going on.",
							b.s.Start.DMY(), o.s.Start.DMY(), closedText(o.s.ICPCDate))
						break
					}
				}
			}
		})
}

func check8715() Check {
	return icpcCheck("8715", "An initial child protection conference must fall within the census year.",
		func(r *report, ep *Details, c dated) {
			if !r.d.inYear(c.date) {
				r.add(ep.Line, c.element, []string{c.field}, c.date.String(),
					"The initial conference date %s (on the %s) is outside %s.", c.date.DMY(), c.what, r.d.yearText())
			}
		})
}

func weekend(d Date) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

func check8875() Check {
	return icpcCheck("8875", "An initial child protection conference cannot be dated on a Saturday or Sunday.",
		func(r *report, ep *Details, c dated) {
			if weekend(c.date) {
				r.add(ep.Line, c.element, []string{c.field}, c.date.String(),
					"The initial conference date %s (on the %s) is a %s.", c.date.DMY(), c.what, c.date.Weekday())
			}
		})
}

func check8870Q() Check {
	return s47Check("8870Q", "The target date for the initial conference should not be a Saturday or Sunday.",
		[]string{"InitialCPCtarget"}, func(r *report, ep *Details, s *Section47) {
			if s.ICPCTarget != 0 && weekend(s.ICPCTarget) {
				r.add(ep.Line, elS47, []string{"InitialCPCtarget"}, s.ICPCTarget.String(),
					"The target date for the initial conference, %s, is a %s.", s.ICPCTarget.DMY(), s.ICPCTarget.Weekday())
			}
		})
}

func check1104() Check {
	return icpcCheck("1104", "An initial child protection conference cannot be before the episode's referral date.",
		func(r *report, ep *Details, c dated) {
			if ep.ReferralDate != 0 && c.date < ep.ReferralDate {
				r.add(ep.Line, c.element, []string{c.field, "CINreferralDate"}, c.date.String(),
					"The initial conference on %s (on the %s) is before the referral on %s.", c.date.DMY(), c.what, ep.ReferralDate.DMY())
			}
		})
}

// check2884 flags an episode that records a conference date on the episode and on a section 47
// enquiry as well: a conference that followed an enquiry is recorded on the enquiry only.
func check2884() Check {
	return episodeCheck("2884", "An initial conference is recorded on a section 47 enquiry or on the episode, not both.",
		[]string{"DateOfInitialCPC"}, func(r *report, ch *Child, ep *Details) {
			if ep.DateOfInitialCPC == 0 {
				return
			}
			for _, s := range ep.Section47s {
				if s.ICPCDate != 0 {
					r.add(ep.Line, elDetails, []string{"DateOfInitialCPC"}, ep.DateOfInitialCPC.String(),
						"The episode records an initial conference on %s and its section 47 enquiry records one on %s; record it in one place only.",
						ep.DateOfInitialCPC.DMY(), s.ICPCDate.DMY())
					return
				}
			}
		})
}
