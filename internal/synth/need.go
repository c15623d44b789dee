package synth

import (
	"csperf/internal/cin"
)

// referralFamily receives a referral on day d: a child referred before, a child who had a child
// protection plan before, or a new child, sometimes with brothers and sisters referred together.
func (c *council) referralFamily(d Date) {
	rng := c.rng
	x := rng.Float64()
	if x < 0.10 {
		if ch := c.pick(&c.hadPlan, d, 0); ch != nil {
			c.referral(ch, d, 0.6)
			return
		}
	}
	if x < 0.36 {
		if ch := c.pick(&c.recent, d, d.AddDays(-365)); ch != nil {
			c.referral(ch, d, 0.36)
			return
		}
	}
	size := 1
	if y := rng.Float64(); y < 0.12 {
		size = 2
	} else if y < 0.2 {
		size = 3
	}
	age := ageAtReferral(rng)
	for i := 0; i < size; i++ {
		a := age
		if i > 0 {
			a = max(0, min(17, age+1+rng.IntN(6)))
		}
		c.referral(c.newChild(birthFor(rng, a, d), ""), d, 0.36)
	}
}

// pick draws a child from pool who can be referred on d: no episode of need open, under 17, and
// (when since is set) last referred on or after since. Children who no longer qualify are dropped.
func (c *council) pick(pool *[]*child, d, since Date) *child {
	for tries := 0; tries < 20 && len(*pool) > 0; tries++ {
		i := c.rng.IntN(len(*pool))
		ch := (*pool)[i]
		tooOld := ch.dob.AgeAt(d) >= 17 || (since != 0 && ch.lastRefer < since)
		if tooOld {
			(*pool)[i] = (*pool)[len(*pool)-1]
			*pool = (*pool)[:len(*pool)-1]
			continue
		}
		if ch.needOpen || ch.details[len(ch.details)-1].ClosureDate >= d {
			continue
		}
		return ch
	}
	return nil
}

// referral simulates one episode of need from referral on ref: assessment, section 47 enquiry and
// conference, child protection plan, child in need plan, and closure. pS47 is the chance of a
// section 47 enquiry.
func (c *council) referral(ch *child, ref Date, pS47 float64) {
	rng := c.rng
	det := cin.Details{ReferralDate: ref, ReferralSource: referralSource.pick(rng), PrimaryNeed: primaryNeed.pick(rng)}
	ch.lastRefer = ref
	c.recent = append(c.recent, ch)
	closure := ref
	reason := "RC8"
	if rng.Float64() < 0.07 {
		det.ReferralNFA = true
		det.PrimaryNeed = ""
		c.close(ch, det, closure, "RC7") // no assessment, so not "closed after assessment"
		return
	}
	as := c.assessment(ref)
	det.Assessments = append(det.Assessments, as)
	closure = as.Authorised
	if rng.Float64() < 0.5 {
		reason = "RC9"
	}
	if rng.Float64() < pS47 {
		s47 := cin.Section47{Start: ref.AddDays(rng.IntN(10))}
		s47.ICPCTarget = c.wd.Add(s47.Start, 15)
		if rng.Float64() < 0.38*(pS47/0.36) && ch.dob.AgeAt(s47.Start) < 18 {
			s47.ICPCDate = c.wd.Add(s47.Start, drawWorkdays(rng, 15, clamp(0.79*c.p.timeliness, 0, 0.98), 3))
			if rng.Float64() < 0.88 {
				plan := c.cpPlan(ch, s47.ICPCDate, 0)
				det.CPPlans = append(det.CPPlans, plan)
				closure = plan.End
				reason = "RC7"
				if !plan.End.IsZero() && rng.Float64() < 0.45 {
					p := cin.CINPlan{Start: plan.End, End: plan.End.AddDays(c.lognormal(150, 0.6))}
					det.CINPlans = append(det.CINPlans, p)
					closure = p.End
				}
			}
		} else {
			s47.ICPCNotRequired = true
		}
		det.Section47s = append(det.Section47s, s47)
		reason = "RC7" // more than an assessment happened
	}
	if len(det.CPPlans) == 0 && rng.Float64() < 0.5 {
		p := cin.CINPlan{Start: as.Authorised.AddDays(rng.IntN(14))}
		p.End = p.Start.AddDays(c.lognormal(190, 0.6))
		det.CINPlans = append(det.CINPlans, p)
		closure = p.End
		reason = []string{"RC7", "RC7", "RC7", "RC7", "RC7", "RC7", "RC5", "RC3", "RC4", "RC6"}[rng.IntN(10)]
	}
	if !closure.IsZero() {
		// Nothing in the episode happens after it closes.
		closure = max(closure, as.Authorised)
		for _, s := range det.Section47s {
			closure = max(closure, s.ICPCDate)
		}
		closure = closure.AddDays(rng.IntN(21))
	}
	if (reason == "RC8" || reason == "RC9") && rng.Float64() < 0.3 {
		det.Assessments[0].Factors = []string{"21"} // no factors identified
	}
	c.close(ch, det, closure, reason)
}

// assessment draws a social work assessment after a referral: started within days, authorised
// within 45 working days for most children.
func (c *council) assessment(ref Date) cin.Assessment {
	rng := c.rng
	as := cin.Assessment{Start: c.wd.Add(ref, rng.IntN(3))}
	as.Authorised = c.wd.Add(ref, drawWorkdays(rng, 45, clamp(0.83*c.p.timeliness, 0, 0.98), 8))
	n := 1 + rng.IntN(4)
	seen := map[string]bool{}
	for len(as.Factors) < n {
		f := assessmentFactors[rng.IntN(len(assessmentFactors))]
		if !seen[f] && f != "21" { // 21, no factors, stands alone
			seen[f] = true
			as.Factors = append(as.Factors, f)
		}
	}
	sortStrings(as.Factors)
	return as
}

// cpPlan draws a child protection plan starting on start (ending by until when set), with reviews
// within 3 months and then every 6 months.
func (c *council) cpPlan(ch *child, start, until Date) cin.CPPlan {
	rng := c.rng
	ch.cpPlans++
	cat := abuseMix.pick(rng)
	p := cin.CPPlan{Start: start, InitialCategory: cat, LatestCategory: cat, PreviousPlans: ch.cpPlans}
	if rng.Float64() < 0.1 {
		p.LatestCategory = abuseMix.pick(rng)
	}
	end := start.AddDays(c.lognormal(230, 0.64))
	if until != 0 && end > until {
		end = until
	}
	if eighteen := ch.dob.AddYears(18); end > eighteen {
		end = eighteen
	}
	end = max(end, start.AddDays(1))
	due := start.AddMonths(3)
	for {
		r := due.AddDays(-rng.IntN(14))
		if rng.Float64() < 0.06 {
			r = due.AddDays(1 + rng.IntN(30))
		}
		if r >= end || r > c.end {
			break
		}
		p.Reviews = append(p.Reviews, r)
		due = r.AddMonths(6)
	}
	if end <= c.end {
		p.End = end
		c.hadPlan = append(c.hadPlan, ch)
	}
	return p
}

// close records an episode of need, open when it closes after the last year.
func (c *council) close(ch *child, det cin.Details, closure Date, reason string) {
	if closure.IsZero() || closure > c.end {
		det.ClosureDate, det.ReasonForClosure = 0, ""
		// plans still running at the end are open
		for i := range det.CINPlans {
			if det.CINPlans[i].End > c.end {
				det.CINPlans[i].End = 0
			}
		}
		ch.needOpen = true
	} else {
		det.ClosureDate, det.ReasonForClosure = closure, reason
		ch.needOpen = false
	}
	for i := range det.Assessments {
		if det.Assessments[i].Authorised > c.end {
			det.Assessments[i].Authorised, det.Assessments[i].Factors = 0, nil
		}
	}
	for i := range det.Section47s {
		if det.Section47s[i].ICPCDate > c.end {
			det.Section47s[i].ICPCDate = 0
		}
	}
	if det.DateOfInitialCPC > c.end {
		det.DateOfInitialCPC = 0
	}
	ch.details = append(ch.details, det)
}

// needBeforeCare gives a child coming into care on entry the referral, assessment and (for many)
// child protection plan that came first; the episode of need stays open while the child is looked
// after and closes soon after care ends at last.
func (c *council) needBeforeCare(ch *child, entry, last Date) {
	rng := c.rng
	ref := entry.AddDays(-5 - rng.IntN(85))
	if ch.uasc {
		ref = entry.AddDays(-rng.IntN(3))
	}
	det := cin.Details{ReferralDate: ref, ReferralSource: referralSource.pick(rng), PrimaryNeed: "N1"}
	if ch.uasc {
		det.ReferralSource, det.PrimaryNeed = "10", "N8"
	}
	det.Assessments = append(det.Assessments, c.assessment(ref))
	ch.lastRefer = ref
	if !ch.uasc && rng.Float64() < 0.4 {
		s47 := cin.Section47{Start: ref.AddDays(rng.IntN(5))}
		s47.ICPCTarget = c.wd.Add(s47.Start, 15)
		icpc := c.wd.Add(s47.Start, drawWorkdays(rng, 15, 0.8, 3))
		if icpc < entry {
			s47.ICPCDate = icpc
			det.CPPlans = append(det.CPPlans, c.cpPlan(ch, icpc, entry))
		} else {
			s47.ICPCNotRequired = true
		}
		det.Section47s = append(det.Section47s, s47)
	}
	reason := "RC7"
	switch rec := ch.episodes[len(ch.episodes)-1].REC; rec {
	case "E11", "E12":
		reason = "RC1"
	case "E45", "E46":
		reason = "RC4"
	case "E47", "E48":
		reason = "RC3"
	case "E3":
		reason = "RC5"
	}
	closure := Date(0)
	if last <= c.end {
		closure = max(last, det.Assessments[0].Authorised).AddDays(rng.IntN(60))
	}
	c.close(ch, det, closure, reason)
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
