package cin

import "fmt"

// referralChecks are the checks on an episode of need as a whole: its referral, closure, primary
// need, and how it sits with the child's other episodes and its own activity.
func referralChecks() []Check {
	return []Check{
		check8600(), check8606(), check8610(), check8650(), check8866(), check8620(), check8630(),
		check8640(), check8805(), check8810(), check8585Q(), check8569Q(), check8555Q(), check8565(),
		check8815(), check8816(), check8820(), check2990(), check8825Q(), check8831(), check8867(), check8868(),
	}
}

func check8600() Check {
	return episodeCheck("8600", "Every episode must have a referral date, on or before the end of the census year.",
		[]string{"CINreferralDate"}, func(r *report, ch *Child, ep *Details) {
			switch {
			case ep.ReferralDate == 0:
				r.add(ep.Line, elDetails, []string{"CINreferralDate"}, "", "The episode has no referral date.")
			case ep.ReferralDate > r.d.End:
				r.add(ep.Line, elDetails, []string{"CINreferralDate"}, ep.ReferralDate.String(),
					"The referral date %s is after the end of the census year (%s).", ep.ReferralDate.DMY(), r.d.End.DMY())
			}
		})
}

// check8606 compares the referral with the date of birth, or the expected date of birth when the
// child is not yet born: a referral may come up to 40 weeks before a birth, not earlier.
func check8606() Check {
	return episodeCheck("8606", "A referral cannot be more than 40 weeks before the child's (expected) date of birth.",
		[]string{"CINreferralDate", "PersonBirthDate", "ExpectedPersonBirthDate"}, func(r *report, ch *Child, ep *Details) {
			birth, field := ch.BirthDate, "PersonBirthDate"
			if birth == 0 {
				birth, field = ch.ExpectedBirthDate, "ExpectedPersonBirthDate"
			}
			if birth == 0 || ep.ReferralDate == 0 {
				return
			}
			if ep.ReferralDate < birth.AddDays(-280) {
				r.add(ep.Line, elDetails, []string{"CINreferralDate", field}, ep.ReferralDate.String(),
					"The referral date %s is %d days before the child's %s %s; a referral can be at most 40 weeks (280 days) before birth.",
					ep.ReferralDate.DMY(), birth.Sub(ep.ReferralDate), birthWord(field), birth.DMY())
			}
		})
}

func birthWord(field string) string {
	if field == "PersonBirthDate" {
		return "date of birth"
	}
	return "expected date of birth"
}

func check8610() Check {
	return episodeCheck("8610", "A referral that led to further action must have a primary need code.",
		[]string{"PrimaryNeedCode", "ReferralNFA"}, func(r *report, ch *Child, ep *Details) {
			if !ep.ReferralNFA && ep.PrimaryNeed == "" {
				r.add(ep.Line, elDetails, []string{"PrimaryNeedCode"}, "",
					"The referral of %s went on to further action but has no primary need code.", show(ep.ReferralDate))
			}
		})
}

func check8650() Check {
	return episodeCheck("8650", "A primary need code, when given, must be one of the census codes.", []string{"PrimaryNeedCode"},
		func(r *report, ch *Child, ep *Details) {
			if ep.PrimaryNeed != "" && !PrimaryNeeds.Has(ep.PrimaryNeed) {
				r.add(ep.Line, elDetails, []string{"PrimaryNeedCode"}, ep.PrimaryNeed,
					"Primary need %q is not one of the census codes N0–N9.", ep.PrimaryNeed)
			}
		})
}

func check8866() Check {
	return episodeCheck("8866", "Every episode must have a referral source from the census list.", []string{"ReferralSource"},
		func(r *report, ch *Child, ep *Details) {
			if !ReferralSources.Has(ep.ReferralSource) {
				r.add(ep.Line, elDetails, []string{"ReferralSource"}, ep.ReferralSource,
					"The referral source is %s; it must be one of the census codes (10 when unknown).", quote(ep.ReferralSource))
			}
		})
}

func check8620() Check {
	return episodeCheck("8620", "A closure date, when given, must fall within the census year.", []string{"CINclosureDate"},
		func(r *report, ch *Child, ep *Details) {
			if ep.ClosureDate != 0 && !r.d.inYear(ep.ClosureDate) {
				r.add(ep.Line, elDetails, []string{"CINclosureDate"}, ep.ClosureDate.String(),
					"The closure date %s is outside %s.", ep.ClosureDate.DMY(), r.d.yearText())
			}
		})
}

func check8630() Check {
	return episodeCheck("8630", "An episode cannot close before its referral date.", []string{"CINclosureDate", "CINreferralDate"},
		func(r *report, ch *Child, ep *Details) {
			if ep.ClosureDate != 0 && ep.ReferralDate != 0 && ep.ClosureDate < ep.ReferralDate {
				r.add(ep.Line, elDetails, []string{"CINclosureDate", "CINreferralDate"}, ep.ClosureDate.String(),
					"The episode closes on %s, before its referral on %s.", ep.ClosureDate.DMY(), ep.ReferralDate.DMY())
			}
		})
}

func check8640() Check {
	return episodeCheck("8640", "A reason for closure, when given, must be one of the census codes.", []string{"ReasonForClosure"},
		func(r *report, ch *Child, ep *Details) {
			if ep.ReasonForClosure != "" && !ClosureReasons.Has(ep.ReasonForClosure) {
				r.add(ep.Line, elDetails, []string{"ReasonForClosure"}, ep.ReasonForClosure,
					"Reason for closure %q is not one of the census codes RC1–RC9.", ep.ReasonForClosure)
			}
		})
}

func check8805() Check {
	return episodeCheck("8805", "An episode with a closure date must have a reason for closure.", []string{"CINclosureDate", "ReasonForClosure"},
		func(r *report, ch *Child, ep *Details) {
			if ep.ClosureDate != 0 && ep.ReasonForClosure == "" {
				r.add(ep.Line, elDetails, []string{"CINclosureDate", "ReasonForClosure"}, ep.ClosureDate.String(),
					"The episode closed on %s but has no reason for closure.", ep.ClosureDate.DMY())
			}
		})
}

func check8810() Check {
	return episodeCheck("8810", "An episode with a reason for closure must have a closure date.", []string{"ReasonForClosure", "CINclosureDate"},
		func(r *report, ch *Child, ep *Details) {
			if ep.ReasonForClosure != "" && ep.ClosureDate == 0 {
				r.add(ep.Line, elDetails, []string{"ReasonForClosure", "CINclosureDate"}, ep.ReasonForClosure,
					"The episode has reason for closure %s but no closure date.", ep.ReasonForClosure)
			}
		})
}

func check8585Q() Check {
	return episodeCheck("8585Q", "An episode closed because the child died (RC2) should go with a date of death.",
		[]string{"ReasonForClosure", "PersonDeathDate"}, func(r *report, ch *Child, ep *Details) {
			if ep.ReasonForClosure == "RC2" && ch.DeathDate == 0 {
				r.add(ep.Line, elDetails, []string{"ReasonForClosure", "PersonDeathDate"}, ep.ReasonForClosure,
					"The episode closed on %s with reason RC2 (died), but the child has no date of death.", show(ep.ClosureDate))
			}
		})
}

// check8569Q flags referrals marked no further action that came in before the last working day
// before the census year: such a referral would have been decided before the year began.
func check8569Q() Check {
	return episodeCheck("8569Q", "A referral received before the last working day before the census year should not be marked no further action.",
		[]string{"ReferralNFA", "CINreferralDate"}, func(r *report, ch *Child, ep *Details) {
			if !ep.ReferralNFA || ep.ReferralDate == 0 {
				return
			}
			limit := r.d.Start - 1
			for !r.d.Workdays.IsWorkday(limit) {
				limit--
			}
			if ep.ReferralDate < limit {
				r.add(ep.Line, elDetails, []string{"ReferralNFA", "CINreferralDate"}, ep.ReferralDate.String(),
					"The referral of %s is marked no further action, but it came in before %s, the last working day before the census year.",
					ep.ReferralDate.DMY(), limit.DMY())
			}
		})
}

func check8555Q() Check {
	return episodeCheck("8555Q", "A child should not be referred after their date of death.", []string{"CINreferralDate", "PersonDeathDate"},
		func(r *report, ch *Child, ep *Details) {
			if ch.DeathDate != 0 && ep.ReferralDate > ch.DeathDate {
				r.add(ep.Line, elDetails, []string{"CINreferralDate", "PersonDeathDate"}, ep.ReferralDate.String(),
					"The referral date %s is after the child's date of death %s.", ep.ReferralDate.DMY(), ch.DeathDate.DMY())
			}
		})
}

// dated is one dated piece of activity within an episode, for the rules about activity.
type dated struct {
	element, field, what string
	date                 Date
}

// activity lists the dated activity of an episode: assessments, CIN plans, section 47 enquiries,
// conferences, child protection plans and their reviews (blank dates left out).
func activity(ep *Details) []dated {
	var out []dated
	add := func(element, field, what string, d Date) {
		if d != 0 {
			out = append(out, dated{element, field, what, d})
		}
	}
	for _, a := range ep.Assessments {
		add(elAssess, "AssessmentActualStartDate", "an assessment starts", a.Start)
		add(elAssess, "AssessmentAuthorisationDate", "an assessment is authorised", a.Authorised)
	}
	for _, p := range ep.CINPlans {
		add(elPlan, "CINPlanStartDate", "a CIN plan starts", p.Start)
		add(elPlan, "CINPlanEndDate", "a CIN plan ends", p.End)
	}
	for _, s := range ep.Section47s {
		add(elS47, "S47ActualStartDate", "a section 47 enquiry starts", s.Start)
		add(elS47, "DateOfInitialCPC", "an initial conference is held", s.ICPCDate)
	}
	add(elDetails, "DateOfInitialCPC", "an initial conference is held", ep.DateOfInitialCPC)
	for _, p := range ep.CPPlans {
		add(elCPP, "CPPstartDate", "a child protection plan starts", p.Start)
		add(elCPP, "CPPendDate", "a child protection plan ends", p.End)
		for _, rv := range p.Reviews {
			add(elReviews, "CPPreviewDate", "a child protection review is held", rv)
		}
	}
	return out
}

func check8565() Check {
	return episodeCheck("8565", "No activity may be dated after the episode's closure date.",
		[]string{"CINclosureDate", "AssessmentActualStartDate", "AssessmentAuthorisationDate", "CINPlanStartDate",
			"CINPlanEndDate", "S47ActualStartDate", "DateOfInitialCPC", "CPPstartDate", "CPPendDate", "CPPreviewDate"},
		func(r *report, ch *Child, ep *Details) {
			if ep.ClosureDate == 0 {
				return
			}
			for _, a := range activity(ep) {
				if a.date > ep.ClosureDate {
					r.add(ep.Line, a.element, []string{a.field, "CINclosureDate"}, a.date.String(),
						"The episode closed on %s, but %s on %s, after it closed.", ep.ClosureDate.DMY(), a.what, a.date.DMY())
				}
			}
		})
}

// openEpisodes returns the episodes of ch with no closure date that are not referrals with no
// further action.
func openEpisodes(ch *Child) []*Details {
	var out []*Details
	for j := range ch.Details {
		if ep := &ch.Details[j]; ep.ClosureDate == 0 && !ep.ReferralNFA {
			out = append(out, ep)
		}
	}
	return out
}

func check8815() Check {
	return childCheck("8815", "A child can have only one open episode that is not a referral with no further action.",
		[]string{"CINclosureDate", "ReferralNFA"}, func(r *report, ch *Child) {
			open := openEpisodes(ch)
			if len(open) < 2 {
				return
			}
			for _, ep := range open {
				r.add(ep.Line, elDetails, []string{"CINclosureDate"}, ep.ReferralDate.String(),
					"The episode referred on %s has no closure date, and the child has %d such open episodes; only one may be open.",
					show(ep.ReferralDate), len(open))
			}
		})
}

func check8816() Check {
	return childCheck("8816", "An open episode (other than a referral with no further action) must be the child's latest.",
		[]string{"CINclosureDate", "CINreferralDate", "ReferralNFA"}, func(r *report, ch *Child) {
			latest := Date(0)
			for _, ep := range ch.Details {
				latest = max(latest, ep.ReferralDate)
			}
			for _, ep := range openEpisodes(ch) {
				if ep.ReferralDate != 0 && ep.ReferralDate < latest {
					r.add(ep.Line, elDetails, []string{"CINclosureDate", "CINreferralDate"}, ep.ReferralDate.String(),
						"The episode referred on %s is still open, but a later episode was referred on %s; an open episode must be the latest.",
						ep.ReferralDate.DMY(), latest.DMY())
				}
			}
		})
}

// check8820 reads an overlap as a referral that falls on or between the referral and closure dates
// of another of the child's episodes (an episode with no closure date is open to the end).
func check8820() Check {
	return childCheck("8820", "A child's episodes of need cannot overlap.", []string{"CINreferralDate", "CINclosureDate"},
		func(r *report, ch *Child) {
			for j := range ch.Details {
				ep := &ch.Details[j]
				if ep.ReferralDate == 0 {
					continue
				}
				for i := range ch.Details {
					o := &ch.Details[i]
					if i == j || o.ReferralDate == 0 {
						continue
					}
					if ep.ReferralDate >= o.ReferralDate && ep.ReferralDate <= openUntil(o.ClosureDate) {
						r.add(ep.Line, elDetails, []string{"CINreferralDate"}, ep.ReferralDate.String(),
							"The referral of %s falls within the episode referred on %s (closed %s, line %d); episodes cannot overlap.",
							ep.ReferralDate.DMY(), o.ReferralDate.DMY(), closedText(o.ClosureDate), o.Line)
						break
					}
				}
			}
		})
}

func closedText(d Date) string {
	if d == 0 {
		return "not yet"
	}
	return d.DMY()
}

// closedAfterAssessment reports whether the episode was closed after assessment (RC8 or RC9).
func closedAfterAssessment(ep *Details) bool {
	return ep.ReasonForClosure == "RC8" || ep.ReasonForClosure == "RC9"
}

// check2990 counts CIN plans, section 47 enquiries, initial conferences and child protection plans
// as activity beyond the assessment.
func check2990() Check {
	return episodeCheck("2990", "An episode closed after assessment (RC8 or RC9) cannot have a CIN plan, section 47 enquiry, conference or child protection plan.",
		[]string{"ReasonForClosure", "CINPlanStartDate", "S47ActualStartDate", "DateOfInitialCPC", "CPPstartDate"},
		func(r *report, ch *Child, ep *Details) {
			if !closedAfterAssessment(ep) {
				return
			}
			for _, what := range beyondAssessment(ep) {
				r.add(ep.Line, elDetails, []string{"ReasonForClosure"}, ep.ReasonForClosure,
					"The episode was closed after assessment (%s), yet it records %s.", ep.ReasonForClosure, what)
			}
		})
}

// conferences counts the initial child protection conferences recorded in an episode, at either level.
func conferences(ep *Details) int {
	n := 0
	if ep.DateOfInitialCPC != 0 {
		n++
	}
	for _, s := range ep.Section47s {
		if s.ICPCDate != 0 {
			n++
		}
	}
	return n
}

// beyondAssessment describes the activity of an episode beyond its assessments.
func beyondAssessment(ep *Details) []string {
	return described(
		tally{len(ep.CINPlans), "CIN plan"},
		tally{len(ep.Section47s), "section 47 enquiry"},
		tally{conferences(ep), "initial child protection conference"},
		tally{len(ep.CPPlans), "child protection plan"})
}

// tally is a number of things of one kind, for messages.
type tally struct {
	n    int
	what string
}

// described turns tallies into phrases such as "1 CIN plan" or "2 × section 47 enquiry", leaving
// out the kinds counted 0.
func described(ts ...tally) []string {
	var out []string
	for _, t := range ts {
		switch {
		case t.n == 1:
			out = append(out, "1 "+t.what)
		case t.n > 1:
			out = append(out, fmt.Sprintf("%d × %s", t.n, t.what))
		}
	}
	return out
}

func check8825Q() Check {
	return episodeCheck("8825Q", "An episode closed after assessment (RC8 or RC9) should have an assessment.",
		[]string{"ReasonForClosure", "AssessmentActualStartDate"}, func(r *report, ch *Child, ep *Details) {
			if closedAfterAssessment(ep) && len(ep.Assessments) == 0 {
				r.add(ep.Line, elDetails, []string{"ReasonForClosure"}, ep.ReasonForClosure,
					"The episode was closed with %s (closed after assessment), but no assessment is recorded.", ep.ReasonForClosure)
			}
		})
}

// check8831 covers assessments, section 47 enquiries and initial conferences on a referral with no
// further action; CIN plans (4000) and child protection plans (8832) have rules of their own.
func check8831() Check {
	return episodeCheck("8831", "A referral with no further action cannot have assessments, section 47 enquiries or conferences.",
		[]string{"ReferralNFA", "AssessmentActualStartDate", "S47ActualStartDate", "DateOfInitialCPC"},
		func(r *report, ch *Child, ep *Details) {
			if !ep.ReferralNFA {
				return
			}
			what := described(tally{len(ep.Assessments), "assessment"}, tally{len(ep.Section47s), "section 47 enquiry"},
				tally{conferences(ep), "initial child protection conference"})
			for _, w := range what {
				r.add(ep.Line, elDetails, []string{"ReferralNFA"}, "true",
					"The referral of %s is marked no further action, yet it records %s.", show(ep.ReferralDate), w)
			}
		})
}

func check8867() Check {
	return episodeCheck("8867", "A closed episode cannot have an assessment that was never completed.",
		[]string{"CINclosureDate", "AssessmentAuthorisationDate"}, func(r *report, ch *Child, ep *Details) {
			if ep.ClosureDate == 0 {
				return
			}
			for _, a := range ep.Assessments {
				if a.Authorised == 0 {
					r.add(ep.Line, elAssess, []string{"AssessmentAuthorisationDate", "CINclosureDate"}, a.Start.String(),
						"The episode closed on %s, but the assessment started %s has no authorisation date.",
						ep.ClosureDate.DMY(), show(a.Start))
				}
			}
		})
}

func check8868() Check {
	return episodeCheck("8868", "A closed episode cannot have a section 47 enquiry with neither a conference date nor a note that none was needed.",
		[]string{"CINclosureDate", "DateOfInitialCPC", "ICPCnotRequired"}, func(r *report, ch *Child, ep *Details) {
			if ep.ClosureDate == 0 {
				return
			}
			for _, s := range ep.Section47s {
				if s.ICPCDate == 0 && !s.ICPCNotRequired {
					r.add(ep.Line, elS47, []string{"DateOfInitialCPC", "ICPCnotRequired", "CINclosureDate"}, s.Start.String(),
						"The episode closed on %s, but the section 47 enquiry started %s has no conference date and is not marked as needing none.",
						ep.ClosureDate.DMY(), show(s.Start))
				}
			}
		})
}
