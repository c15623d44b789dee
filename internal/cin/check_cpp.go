package cin

import "strings"

// cppChecks are the checks on child protection plans, their categories and reviews.
func cppChecks() []Check {
	return []Check{
		check8832(), check1105(), check8720(), check8840(), check8905(), check8910(), check8915(), check8920(),
		check8925(), check8930(), check8935(), check8940(), check8841(), check8842Q(), check2883(), check2885(),
	}
}

// cppCheck is a check that looks at one child protection plan at a time, with its child and episode.
func cppCheck(code, about string, elements []string, f func(r *report, ch *Child, ep *Details, p *CPPlan)) Check {
	return episodeCheck(code, about, elements, func(r *report, ch *Child, ep *Details) {
		for k := range ep.CPPlans {
			f(r, ch, ep, &ep.CPPlans[k])
		}
	})
}

// cppAt is a child protection plan with the episode it belongs to.
type cppAt struct {
	ep *Details
	p  *CPPlan
}

// cppsOf lists all of a child's child protection plans.
func cppsOf(ch *Child) []cppAt {
	var out []cppAt
	for j := range ch.Details {
		for k := range ch.Details[j].CPPlans {
			out = append(out, cppAt{&ch.Details[j], &ch.Details[j].CPPlans[k]})
		}
	}
	return out
}

func check8832() Check {
	return episodeCheck("8832", "A referral with no further action cannot have a child protection plan.",
		[]string{"ReferralNFA", "CPPstartDate"}, func(r *report, ch *Child, ep *Details) {
			if ep.ReferralNFA && len(ep.CPPlans) > 0 {
				r.add(ep.Line, elCPP, []string{"ReferralNFA", "CPPstartDate"}, ep.CPPlans[0].Start.String(),
					"The referral of %s is marked no further action, yet it has a child protection plan starting %s.",
					show(ep.ReferralDate), show(ep.CPPlans[0].Start))
			}
		})
}

func check1105() Check {
	return cppCheck("1105", "A child protection plan cannot start before the episode's referral date.",
		[]string{"CPPstartDate", "CINreferralDate"}, func(r *report, ch *Child, ep *Details, p *CPPlan) {
			if p.Start != 0 && ep.ReferralDate != 0 && p.Start < ep.ReferralDate {
				r.add(ep.Line, elCPP, []string{"CPPstartDate", "CINreferralDate"}, p.Start.String(),
					"The child protection plan starts on %s, before the referral on %s.", p.Start.DMY(), ep.ReferralDate.DMY())
			}
		})
}

func check8720() Check {
	return cppCheck("8720", "A child protection plan must have a start date, on or before the end of the census year.",
		[]string{"CPPstartDate"}, func(r *report, ch *Child, ep *Details, p *CPPlan) {
			switch {
			case p.Start == 0:
				r.add(ep.Line, elCPP, []string{"CPPstartDate"}, "", "A child protection plan in this episode has no start date.")
			case p.Start > r.d.End:
				r.add(ep.Line, elCPP, []string{"CPPstartDate"}, p.Start.String(),
					"The child protection plan starts on %s, after the end of the census year (%s).", p.Start.DMY(), r.d.End.DMY())
			}
		})
}

func check8840() Check {
	return cppCheck("8840", "A child protection plan cannot start and end on the same day.", []string{"CPPstartDate", "CPPendDate"},
		func(r *report, ch *Child, ep *Details, p *CPPlan) {
			if p.Start != 0 && p.End == p.Start {
				r.add(ep.Line, elCPP, []string{"CPPstartDate", "CPPendDate"}, p.Start.String(),
					"The child protection plan starts and ends on the same day, %s.", p.Start.DMY())
			}
		})
}

// categoryCheck builds the check that a plan's category of abuse (initial or latest) is given and
// in the census list.
func categoryCheck(code, field, which string, get func(p *CPPlan) string) Check {
	return cppCheck(code, "A child protection plan must have a valid "+which+" category of abuse (NEG, PHY, SAB, EMO or MUL).",
		[]string{field}, func(r *report, ch *Child, ep *Details, p *CPPlan) {
			if v := get(p); !AbuseCategories.Has(v) {
				r.add(ep.Line, elCPP, []string{field}, v,
					"The child protection plan starting %s has %s category of abuse %s; it must be NEG, PHY, SAB, EMO or MUL.",
					show(p.Start), which, quote(v))
			}
		})
}

func check8905() Check {
	return categoryCheck("8905", "InitialCategoryOfAbuse", "initial", func(p *CPPlan) string { return p.InitialCategory })
}

func check8910() Check {
	return categoryCheck("8910", "LatestCategoryOfAbuse", "latest", func(p *CPPlan) string { return p.LatestCategory })
}

func check8915() Check {
	return cppCheck("8915", "A child protection plan cannot start after the child's date of death.", []string{"CPPstartDate", "PersonDeathDate"},
		func(r *report, ch *Child, ep *Details, p *CPPlan) {
			if ch.DeathDate != 0 && p.Start > ch.DeathDate {
				r.add(ep.Line, elCPP, []string{"CPPstartDate", "PersonDeathDate"}, p.Start.String(),
					"The child protection plan starts on %s, after the child's death on %s.", p.Start.DMY(), ch.DeathDate.DMY())
			}
		})
}

func check8920() Check {
	return cppCheck("8920", "A child protection plan cannot end after the child's date of death.", []string{"CPPendDate", "PersonDeathDate"},
		func(r *report, ch *Child, ep *Details, p *CPPlan) {
			if ch.DeathDate != 0 && p.End > ch.DeathDate {
				r.add(ep.Line, elCPP, []string{"CPPendDate", "PersonDeathDate"}, p.End.String(),
					"The child protection plan ends on %s, after the child's death on %s.", p.End.DMY(), ch.DeathDate.DMY())
			}
		})
}

func check8925() Check {
	return cppCheck("8925", "A child protection plan cannot end before it starts.", []string{"CPPstartDate", "CPPendDate"},
		func(r *report, ch *Child, ep *Details, p *CPPlan) {
			if p.Start != 0 && p.End != 0 && p.End < p.Start {
				r.add(ep.Line, elCPP, []string{"CPPendDate", "CPPstartDate"}, p.End.String(),
					"The child protection plan ends on %s, before it starts on %s.", p.End.DMY(), p.Start.DMY())
			}
		})
}

func check8930() Check {
	return cppCheck("8930", "A child protection plan's end date, when given, must fall within the census year.", []string{"CPPendDate"},
		func(r *report, ch *Child, ep *Details, p *CPPlan) {
			if p.End != 0 && !r.d.inYear(p.End) {
				r.add(ep.Line, elCPP, []string{"CPPendDate"}, p.End.String(),
					"The child protection plan started %s ends on %s, outside %s.", show(p.Start), p.End.DMY(), r.d.yearText())
			}
		})
}

func check8935() Check {
	return childCheck("8935", "A child can have only one child protection plan without an end date.", []string{"CPPendDate"},
		func(r *report, ch *Child) {
			var open []cppAt
			for _, ca := range cppsOf(ch) {
				if ca.p.End == 0 {
					open = append(open, ca)
				}
			}
			if len(open) < 2 {
				return
			}
			starts := make([]string, len(open))
			for i, ca := range open {
				starts[i] = show(ca.p.Start)
			}
			for _, ca := range open {
				r.add(ca.ep.Line, elCPP, []string{"CPPendDate"}, ca.p.Start.String(),
					"The child protection plan started %s has no end date; the child has %d such plans (started %s) and only one may be open.",
					show(ca.p.Start), len(open), strings.Join(starts, ", "))
			}
		})
}

// check8940 reads an overlap as a plan starting on or between the start and end of another of the
// child's child protection plans (a plan with no end date is open to the end).
func check8940() Check {
	return childCheck("8940", "A child's child protection plans cannot overlap.", []string{"CPPstartDate", "CPPendDate"},
		func(r *report, ch *Child) {
			all := cppsOf(ch)
			for i, b := range all {
				if b.p.Start == 0 {
					continue
				}
				for j, o := range all {
					if i != j && o.p.Start != 0 && o.p.Start <= b.p.Start && b.p.Start <= openUntil(o.p.End) {
						r.add(b.ep.Line, elCPP, []string{"CPPstartDate"}, b.p.Start.String(),
							"The child protection plan starting %s overlaps the plan from %s to %s.", b.p.Start.DMY(), o.p.Start.DMY(), closedText(o.p.End))
						break
					}
				}
			}
		})
}

func check8841() Check {
	return cppCheck("8841", "A child protection review must be after the day the plan started.", []string{"CPPreviewDate", "CPPstartDate"},
		func(r *report, ch *Child, ep *Details, p *CPPlan) {
			for _, rv := range p.Reviews {
				if rv != 0 && p.Start != 0 && rv <= p.Start {
					r.add(ep.Line, elReviews, []string{"CPPreviewDate", "CPPstartDate"}, rv.String(),
						"A review of the child protection plan is dated %s, on or before the plan started on %s.", rv.DMY(), p.Start.DMY())
				}
			}
		})
}

func check8842Q() Check {
	return cppCheck("8842Q", "Every child protection review recorded should have a date.", []string{"CPPreviewDate"},
		func(r *report, ch *Child, ep *Details, p *CPPlan) {
			for _, rv := range p.Reviews {
				if rv == 0 {
					r.add(ep.Line, elReviews, []string{"CPPreviewDate"}, "",
						"A review of the child protection plan starting %s has no valid date.", show(p.Start))
				}
			}
		})
}

// check2883 compares, per episode, the plans starting within the census year with the conference
// dates recorded at either level (enquiry or episode). Plans carried over from earlier years are left
// out: their conference need not be in this year's return.
func check2883() Check {
	return episodeCheck("2883", "An episode cannot have more child protection plans starting in the year than initial conferences.",
		[]string{"CPPstartDate", "DateOfInitialCPC"}, func(r *report, ch *Child, ep *Details) {
			var starts []string
			for _, p := range ep.CPPlans {
				if r.d.inYear(p.Start) {
					starts = append(starts, p.Start.DMY())
				}
			}
			if confs := conferences(ep); len(starts) > confs {
				r.add(ep.Line, elCPP, []string{"CPPstartDate", "DateOfInitialCPC"}, strings.Join(starts, " "),
					"The episode has %d child protection plan(s) starting in the year (%s) but %d initial conference(s) recorded; every plan starts at a conference.",
					len(starts), strings.Join(starts, ", "), confs)
			}
		})
}

// check2885 applies to plans starting within the census year in an episode that records at least
// one conference; an episode with plans and no conference is left to 2883.
func check2885() Check {
	return cppCheck("2885", "A child protection plan must start on the day of an initial conference.",
		[]string{"CPPstartDate", "DateOfInitialCPC"}, func(r *report, ch *Child, ep *Details, p *CPPlan) {
			confs := icpcDates(ep)
			if !r.d.inYear(p.Start) || len(confs) == 0 {
				return
			}
			var days []string
			for _, c := range confs {
				if c.date == p.Start {
					return
				}
				days = append(days, c.date.DMY())
			}
			r.add(ep.Line, elCPP, []string{"CPPstartDate", "DateOfInitialCPC"}, p.Start.String(),
				"The child protection plan starts on %s, but the episode's initial conference was on %s; a plan starts on the day of its conference.",
				p.Start.DMY(), strings.Join(days, ", "))
		})
}
