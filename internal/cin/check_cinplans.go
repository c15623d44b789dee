package cin

import "strings"

// cinPlanChecks are the checks on child in need plans, alone and beside child protection plans.
func cinPlanChecks() []Check {
	return []Check{
		check4000(), check4010(), check4011(), check4012Q(), check4013(), check4015(), check4008(), check4009Q(),
		check4004(), check4014(), check4001(), check4016(), check4017(), check4003(),
	}
}

// planCheck is a check that looks at one CIN plan at a time, with its child and episode.
func planCheck(code, about string, elements []string, f func(r *report, ch *Child, ep *Details, p *CINPlan)) Check {
	return episodeCheck(code, about, elements, func(r *report, ch *Child, ep *Details) {
		for k := range ep.CINPlans {
			f(r, ch, ep, &ep.CINPlans[k])
		}
	})
}

// planAt is a CIN plan with the episode it belongs to.
type planAt struct {
	ep *Details
	p  *CINPlan
}

// plansOf lists all of a child's CIN plans.
func plansOf(ch *Child) []planAt {
	var out []planAt
	for j := range ch.Details {
		for k := range ch.Details[j].CINPlans {
			out = append(out, planAt{&ch.Details[j], &ch.Details[j].CINPlans[k]})
		}
	}
	return out
}

func check4000() Check {
	return episodeCheck("4000", "A referral with no further action cannot have a CIN plan.", []string{"ReferralNFA", "CINPlanStartDate"},
		func(r *report, ch *Child, ep *Details) {
			if ep.ReferralNFA && len(ep.CINPlans) > 0 {
				r.add(ep.Line, elPlan, []string{"ReferralNFA", "CINPlanStartDate"}, ep.CINPlans[0].Start.String(),
					"The referral of %s is marked no further action, yet it has a CIN plan starting %s.",
					show(ep.ReferralDate), show(ep.CINPlans[0].Start))
			}
		})
}

func check4010() Check {
	return planCheck("4010", "A CIN plan must have a start date, on or before the end of the census year.", []string{"CINPlanStartDate"},
		func(r *report, ch *Child, ep *Details, p *CINPlan) {
			switch {
			case p.Start == 0:
				r.add(ep.Line, elPlan, []string{"CINPlanStartDate"}, "", "A CIN plan in this episode has no start date.")
			case p.Start > r.d.End:
				r.add(ep.Line, elPlan, []string{"CINPlanStartDate"}, p.Start.String(),
					"The CIN plan starts on %s, after the end of the census year (%s).", p.Start.DMY(), r.d.End.DMY())
			}
		})
}

func check4011() Check {
	return planCheck("4011", "A CIN plan cannot end before it starts.", []string{"CINPlanStartDate", "CINPlanEndDate"},
		func(r *report, ch *Child, ep *Details, p *CINPlan) {
			if p.Start != 0 && p.End != 0 && p.End < p.Start {
				r.add(ep.Line, elPlan, []string{"CINPlanEndDate", "CINPlanStartDate"}, p.End.String(),
					"The CIN plan ends on %s, before it starts on %s.", p.End.DMY(), p.Start.DMY())
			}
		})
}

func check4012Q() Check {
	return planCheck("4012Q", "A CIN plan would not normally start and end on the same day.", []string{"CINPlanStartDate", "CINPlanEndDate"},
		func(r *report, ch *Child, ep *Details, p *CINPlan) {
			if p.Start != 0 && p.End == p.Start {
				r.add(ep.Line, elPlan, []string{"CINPlanStartDate", "CINPlanEndDate"}, p.Start.String(),
					"The CIN plan starts and ends on the same day, %s.", p.Start.DMY())
			}
		})
}

func check4013() Check {
	return planCheck("4013", "A CIN plan's end date, when given, must fall within the census year.", []string{"CINPlanEndDate"},
		func(r *report, ch *Child, ep *Details, p *CINPlan) {
			if p.End != 0 && !r.d.inYear(p.End) {
				r.add(ep.Line, elPlan, []string{"CINPlanEndDate"}, p.End.String(),
					"The CIN plan started %s ends on %s, outside %s.", show(p.Start), p.End.DMY(), r.d.yearText())
			}
		})
}

func check4015() Check {
	return planCheck("4015", "A CIN plan cannot start before the episode's referral date.", []string{"CINPlanStartDate", "CINreferralDate"},
		func(r *report, ch *Child, ep *Details, p *CINPlan) {
			if p.Start != 0 && ep.ReferralDate != 0 && p.Start < ep.ReferralDate {
				r.add(ep.Line, elPlan, []string{"CINPlanStartDate", "CINreferralDate"}, p.Start.String(),
					"The CIN plan starts on %s, before the referral on %s.", p.Start.DMY(), ep.ReferralDate.DMY())
			}
		})
}

func check4008() Check {
	return planCheck("4008", "A CIN plan cannot start after the child's date of death.", []string{"CINPlanStartDate", "PersonDeathDate"},
		func(r *report, ch *Child, ep *Details, p *CINPlan) {
			if ch.DeathDate != 0 && p.Start > ch.DeathDate {
				r.add(ep.Line, elPlan, []string{"CINPlanStartDate", "PersonDeathDate"}, p.Start.String(),
					"The CIN plan starts on %s, after the child's death on %s.", p.Start.DMY(), ch.DeathDate.DMY())
			}
		})
}

func check4009Q() Check {
	return planCheck("4009Q", "A CIN plan should not end after the child's date of death.", []string{"CINPlanEndDate", "PersonDeathDate"},
		func(r *report, ch *Child, ep *Details, p *CINPlan) {
			if ch.DeathDate != 0 && p.End > ch.DeathDate {
				r.add(ep.Line, elPlan, []string{"CINPlanEndDate", "PersonDeathDate"}, p.End.String(),
					"The CIN plan ends on %s, after the child's death on %s.", p.End.DMY(), ch.DeathDate.DMY())
			}
		})
}

func check4004() Check {
	return childCheck("4004", "A child can have only one CIN plan without an end date.", []string{"CINPlanEndDate"},
		func(r *report, ch *Child) {
			var open []planAt
			for _, pa := range plansOf(ch) {
				if pa.p.End == 0 {
					open = append(open, pa)
				}
			}
			if len(open) < 2 {
				return
			}
			starts := make([]string, len(open))
			for i, pa := range open {
				starts[i] = show(pa.p.Start)
			}
			for _, pa := range open {
				r.add(pa.ep.Line, elPlan, []string{"CINPlanEndDate"}, pa.p.Start.String(),
					"The CIN plan started %s has no end date; the child has %d CIN plans with no end date (started %s) and only one may be open.",
					show(pa.p.Start), len(open), strings.Join(starts, ", "))
			}
		})
}

// check4014 reads an overlap as a plan starting on or between the start and end of another of the
// child's CIN plans (a plan with no end date is open to the end).
func check4014() Check {
	return childCheck("4014", "A child's CIN plans cannot overlap.", []string{"CINPlanStartDate", "CINPlanEndDate"},
		func(r *report, ch *Child) {
			all := plansOf(ch)
			for i, b := range all {
				if b.p.Start == 0 {
					continue
				}
				for j, o := range all {
					if i != j && o.p.Start != 0 && o.p.Start <= b.p.Start && b.p.Start <= openUntil(o.p.End) {
						r.add(b.ep.Line, elPlan, []string{"CINPlanStartDate"}, b.p.Start.String(),
							"The CIN plan starting %s overlaps the CIN plan from %s to %s.", b.p.Start.DMY(), o.p.Start.DMY(), closedText(o.p.End))
						break
					}
				}
			}
		})
}

// The CIN plan and child protection plan rules 4001, 4016 and 4017 share one DfE message. They are
// read as three cases of a CIN plan open at the same time as a child protection plan, where a plan
// ending on the day the other starts does not count as open together: 4001, within one episode, a
// CIN plan starting while a child protection plan is going on (on or after its start); 4016, within
// one episode, a child protection plan starting while a CIN plan is going on (after its start); 4017,
// a CIN plan and a child protection plan of different episodes of the child open together.

func check4001() Check {
	return episodeCheck("4001", "A CIN plan cannot start while a child protection plan in the same episode is going on.",
		[]string{"CINPlanStartDate", "CPPstartDate", "CPPendDate"}, func(r *report, ch *Child, ep *Details) {
			for _, p := range ep.CINPlans {
				for _, c := range ep.CPPlans {
					if p.Start != 0 && c.Start != 0 && c.Start <= p.Start && p.Start < openUntil(c.End) {
						r.add(ep.Line, elPlan, []string{"CINPlanStartDate"}, p.Start.String(),
							"A CIN plan starts on %s while the child protection plan from %s to %s is going on; the two cannot run together.",
							p.Start.DMY(), c.Start.DMY(), closedText(c.End))
						break
					}
				}
			}
		})
}

func check4016() Check {
	return episodeCheck("4016", "A child protection plan cannot start while a CIN plan in the same episode is still open.",
		[]string{"CPPstartDate", "CINPlanStartDate", "CINPlanEndDate"}, func(r *report, ch *Child, ep *Details) {
			for _, c := range ep.CPPlans {
				for _, p := range ep.CINPlans {
					if p.Start != 0 && c.Start != 0 && p.Start < c.Start && c.Start < openUntil(p.End) {
						r.add(ep.Line, elCPP, []string{"CPPstartDate", "CINPlanEndDate"}, c.Start.String(),
							"A child protection plan starts on %s while the CIN plan from %s to %s is still open; the CIN plan should end when the protection plan starts.",
							c.Start.DMY(), p.Start.DMY(), closedText(p.End))
						break
					}
				}
			}
		})
}

func check4017() Check {
	return childCheck("4017", "A CIN plan cannot be open at the same time as a child protection plan of another episode.",
		[]string{"CINPlanStartDate", "CINPlanEndDate", "CPPstartDate", "CPPendDate"}, func(r *report, ch *Child) {
			for _, pa := range plansOf(ch) {
				p := pa.p
				for _, ca := range cppsOf(ch) {
					c := ca.p
					if ca.ep == pa.ep || p.Start == 0 || c.Start == 0 {
						continue
					}
					if p.Start < openUntil(c.End) && c.Start < openUntil(p.End) {
						r.add(pa.ep.Line, elPlan, []string{"CINPlanStartDate", "CINPlanEndDate"}, p.Start.String(),
							"The CIN plan from %s to %s is open at the same time as the child protection plan from %s to %s in the episode at line %d.",
							p.Start.DMY(), closedText(p.End), c.Start.DMY(), closedText(c.End), ca.ep.Line)
						break
					}
				}
			}
		})
}

// check4003 counts a review as held during a CIN plan when it falls after the plan's start and
// before its end: a CIN plan may start on the day a review ends the protection plan.
func check4003() Check {
	return childCheck("4003", "A child protection review cannot be held while a CIN plan is open.",
		[]string{"CPPreviewDate", "CINPlanStartDate", "CINPlanEndDate"}, func(r *report, ch *Child) {
			plans := plansOf(ch)
			for _, ca := range cppsOf(ch) {
				for _, rv := range ca.p.Reviews {
					for _, pa := range plans {
						if rv != 0 && pa.p.Start != 0 && pa.p.Start < rv && rv < openUntil(pa.p.End) {
							r.add(ca.ep.Line, elReviews, []string{"CPPreviewDate"}, rv.String(),
								"A child protection review is held on %s while the CIN plan from %s to %s is open.",
								rv.DMY(), pa.p.Start.DMY(), closedText(pa.p.End))
							break
						}
					}
				}
			}
		})
}
