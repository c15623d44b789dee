package cin

import (
	"slices"
	"strings"
)

// assessmentChecks are the checks on social work assessments and the factors they identify.
func assessmentChecks() []Check {
	return []Check{
		check1103(), check8608(), check8696(), check8736(), check8670Q(), check8863Q(), check8896(),
		check8869(), check8898(), check8614(), check8897Q(), check8873Q(), check8945Q(), check8950Q(), check2991Q(),
	}
}

// assessmentCheck is a check that looks at one assessment at a time, with its episode.
func assessmentCheck(code, about string, elements []string, f func(r *report, ep *Details, a *Assessment)) Check {
	return episodeCheck(code, about, elements, func(r *report, ch *Child, ep *Details) {
		for k := range ep.Assessments {
			f(r, ep, &ep.Assessments[k])
		}
	})
}

func check1103() Check {
	return assessmentCheck("1103", "An assessment cannot start before the episode's referral date.",
		[]string{"AssessmentActualStartDate", "CINreferralDate"}, func(r *report, ep *Details, a *Assessment) {
			if a.Start != 0 && ep.ReferralDate != 0 && a.Start < ep.ReferralDate {
				r.add(ep.Line, elAssess, []string{"AssessmentActualStartDate", "CINreferralDate"}, a.Start.String(),
					"The assessment starts on %s, before the referral on %s.", a.Start.DMY(), ep.ReferralDate.DMY())
			}
		})
}

func check8608() Check {
	return assessmentCheck("8608", "An assessment cannot start after it was authorised.",
		[]string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"}, func(r *report, ep *Details, a *Assessment) {
			if a.Start != 0 && a.Authorised != 0 && a.Start > a.Authorised {
				r.add(ep.Line, elAssess, []string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"}, a.Start.String(),
					"The assessment starts on %s, after its authorisation on %s.", a.Start.DMY(), a.Authorised.DMY())
			}
		})
}

func check8696() Check {
	return assessmentCheck("8696", "An assessment's authorisation (end) date must fall within the census year.",
		[]string{"AssessmentAuthorisationDate"}, func(r *report, ep *Details, a *Assessment) {
			if a.Authorised != 0 && !r.d.inYear(a.Authorised) {
				r.add(ep.Line, elAssess, []string{"AssessmentAuthorisationDate"}, a.Authorised.String(),
					"The assessment started %s was authorised on %s, outside %s.", show(a.Start), a.Authorised.DMY(), r.d.yearText())
			}
		})
}

func check8736() Check {
	return assessmentCheck("8736", "An assessment not yet completed must have started within the census year.",
		[]string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"}, func(r *report, ep *Details, a *Assessment) {
			if a.Authorised == 0 && a.Start != 0 && !r.d.inYear(a.Start) {
				r.add(ep.Line, elAssess, []string{"AssessmentActualStartDate"}, a.Start.String(),
					"The assessment has no authorisation date, so it is still going on, but it started on %s, outside %s.",
					a.Start.DMY(), r.d.yearText())
			}
		})
}

func check8670Q() Check {
	return assessmentCheck("8670Q", "An assessment started more than 45 working days before the end of the census year should have been completed.",
		[]string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"}, func(r *report, ep *Details, a *Assessment) {
			if a.Authorised != 0 || a.Start == 0 {
				return
			}
			if n := r.d.Workdays.Between(a.Start, r.d.End); n > 45 {
				r.add(ep.Line, elAssess, []string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"}, a.Start.String(),
					"The assessment started on %s, %d working days before %s, and still has no authorisation date; assessments should finish within 45 working days.",
					a.Start.DMY(), n, r.d.End.DMY())
			}
		})
}

// check8863Q looks across all of the child's episodes: an assessment is ongoing from its start until
// its authorisation date (for ever when there is none), and another starting in that time is queried.
func check8863Q() Check {
	return childCheck("8863Q", "An assessment should not start while another assessment of the same child is still going on.",
		[]string{"AssessmentActualStartDate", "AssessmentAuthorisationDate"}, func(r *report, ch *Child) {
			type located struct {
				line int
				a    *Assessment
			}
			var all []located
			for j := range ch.Details {
				for k := range ch.Details[j].Assessments {
					all = append(all, located{ch.Details[j].Line, &ch.Details[j].Assessments[k]})
				}
			}
			for i, b := range all {
				if b.a.Start == 0 {
					continue
				}
				for j, o := range all {
					if i != j && o.a.Start != 0 && o.a.Start <= b.a.Start && b.a.Start < openUntil(o.a.Authorised) {
						r.add(b.line, elAssess, []string{"AssessmentActualStartDate"}, b.a.Start.String(),
							"An assessment starts on %s while the assessment started %s (authorised %s) is still going on.",
							b.a.Start.DMY(), o.a.Start.DMY(), closedText(o.a.Authorised))
						break
					}
				}
			}
		})
}

func check8896() Check {
	return episodeCheck("8896", "An episode can have at most one assessment without an authorisation date.",
		[]string{"AssessmentAuthorisationDate"}, func(r *report, ch *Child, ep *Details) {
			var starts []string
			for _, a := range ep.Assessments {
				if a.Authorised == 0 {
					starts = append(starts, show(a.Start))
				}
			}
			if len(starts) > 1 {
				r.add(ep.Line, elAssess, []string{"AssessmentAuthorisationDate"}, strings.Join(starts, " "),
					"The episode has %d assessments with no authorisation date (started %s); only one may be open at a time.",
					len(starts), strings.Join(starts, ", "))
			}
		})
}

func check8869() Check {
	return assessmentCheck("8869", "Factor 21 (no factors identified) cannot be given together with other factors.",
		[]string{"AssessmentFactors"}, func(r *report, ep *Details, a *Assessment) {
			if slices.Contains(a.Factors, "21") && slices.ContainsFunc(a.Factors, func(f string) bool { return f != "21" }) {
				r.add(ep.Line, elAssess, []string{"AssessmentFactors"}, strings.Join(a.Factors, " "),
					"The assessment started %s gives factors %s: 21 (no factors identified) cannot go with other factors.",
					show(a.Start), strings.Join(a.Factors, ", "))
			}
		})
}

func check8898() Check {
	return assessmentCheck("8898", "An assessment cannot give the same factor twice.", []string{"AssessmentFactors"},
		func(r *report, ep *Details, a *Assessment) {
			seen := map[string]bool{}
			for _, f := range a.Factors {
				if seen[f] {
					r.add(ep.Line, elAssess, []string{"AssessmentFactors"}, f,
						"The assessment started %s gives factor %s more than once.", show(a.Start), f)
				}
				seen[f] = true
			}
		})
}

func check8614() Check {
	return assessmentCheck("8614", "Factors may be given only for a completed (authorised) assessment.",
		[]string{"AssessmentFactors", "AssessmentAuthorisationDate"}, func(r *report, ep *Details, a *Assessment) {
			if len(a.Factors) > 0 && a.Authorised == 0 {
				r.add(ep.Line, elAssess, []string{"AssessmentFactors", "AssessmentAuthorisationDate"}, strings.Join(a.Factors, " "),
					"The assessment started %s gives factors %s but has no authorisation date; factors belong to a completed assessment.",
					show(a.Start), strings.Join(a.Factors, ", "))
			}
		})
}

func check8897Q() Check {
	return assessmentCheck("8897Q", "A completed assessment should give the factors identified (21 when none).",
		[]string{"AssessmentFactors", "AssessmentAuthorisationDate"}, func(r *report, ep *Details, a *Assessment) {
			if a.Authorised != 0 && len(a.Factors) == 0 {
				r.add(ep.Line, elAssess, []string{"AssessmentFactors"}, a.Authorised.String(),
					"The assessment authorised on %s gives no factors; record the factors found, or 21 if none.", a.Authorised.DMY())
			}
		})
}

// check8873Q applies to closed episodes only: the reason for closure is given at closure, so an open
// episode cannot yet show RC8 or RC9.
func check8873Q() Check {
	return episodeCheck("8873Q", "An episode closed after a single completed assessment that found no factors (21) should close with RC8 or RC9.",
		[]string{"AssessmentFactors", "ReasonForClosure"}, func(r *report, ch *Child, ep *Details) {
			if len(ep.Assessments) != 1 || ep.ClosureDate == 0 || closedAfterAssessment(ep) {
				return
			}
			if a := &ep.Assessments[0]; a.Authorised != 0 && slices.Contains(a.Factors, "21") {
				r.add(ep.Line, elDetails, []string{"ReasonForClosure", "AssessmentFactors"}, ep.ReasonForClosure,
					"The episode's only assessment found no factors (21) and the episode closed on %s with reason %s; RC8 or RC9 (closed after assessment) would be expected.",
					ep.ClosureDate.DMY(), quote(ep.ReasonForClosure))
			}
		})
}

// retiredFactor builds the query on a factor code split into two: code is the retired one and its
// replacements are named.
func retiredFactor(rule, code, child, adult, what string) Check {
	return assessmentCheck(rule, "Factor "+code+" is no longer used; "+child+" or "+adult+" should be given instead.",
		[]string{"AssessmentFactors"}, func(r *report, ep *Details, a *Assessment) {
			if slices.Contains(a.Factors, code) {
				r.add(ep.Line, elAssess, []string{"AssessmentFactors"}, code,
					"The assessment started %s gives factor %s; %s is now recorded as %s (by another child) or %s (by an adult).",
					show(a.Start), code, what, child, adult)
			}
		})
}

func check8945Q() Check { return retiredFactor("8945Q", "18A", "18B", "18C", "physical abuse") }

func check8950Q() Check { return retiredFactor("8950Q", "19A", "19B", "19C", "sexual abuse") }

func check2991Q() Check {
	return episodeCheck("2991Q", "An episode with a section 47 enquiry should also have an assessment.",
		[]string{"S47ActualStartDate", "AssessmentActualStartDate"}, func(r *report, ch *Child, ep *Details) {
			if len(ep.Section47s) > 0 && len(ep.Assessments) == 0 {
				r.add(ep.Line, elDetails, []string{"S47ActualStartDate"}, ep.Section47s[0].Start.String(),
					"The episode referred on %s has a section 47 enquiry (started %s) but no assessment.",
					show(ep.ReferralDate), show(ep.Section47s[0].Start))
			}
		})
}
