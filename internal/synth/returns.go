package synth

import (
	"math"

	"csperf/internal/calendar"
	"csperf/internal/cin"
	"csperf/internal/ssda903"
	"csperf/internal/workforce"
)

// ssda903Return builds the 903 return for collection year y as the authority would have submitted
// it on 31 March of y: what happened later is not yet known, so later end dates are blank.
func (c *council) ssda903Return(y int) *ssda903.Return {
	start, end := calendar.CollectionYearStart(y), calendar.CollectionYearEnd(y)
	r := &ssda903.Return{Authority: c.la.Number, Year: y}
	for _, ch := range c.children {
		if len(ch.episodes) == 0 || ch.episodes[0].DECOM > end || (ch.leftCare != 0 && ch.leftCare.AddYears(5) < start) {
			continue
		}
		var eps []ssda903.Episode
		started := false
		for _, e := range ch.episodes {
			if e.DECOM > end || (!e.DEC.IsZero() && e.DEC < start) {
				continue
			}
			if e.DEC > end {
				e.DEC, e.REC = 0, ""
			}
			if e.RNE == "S" && e.DECOM >= start {
				started = true
			}
			eps = append(eps, e)
		}
		// Care leavers with their 17th to 21st birthday in the year, after leaving care, are in the
		// return too (with a header row and no episodes).
		var oc3 []ssda903.OC3
		if ch.careLeaver {
			for age := 17; age <= 21; age++ {
				b := ch.dob.AddYears(age)
				if b >= start && b <= end && ch.leftCare <= b {
					oc3 = append(oc3, c.oc3(ch, age))
				}
			}
		}
		if len(eps) == 0 && len(oc3) == 0 {
			continue
		}
		h := ssda903.Header{Child: ch.id, Sex: ch.sex, DOB: ch.dob, Ethnic: ch.ethnic, UPN: ch.upnAt(end)}
		if ch.sex == "2" && len(eps) > 0 && !ch.respite { // not asked of care leavers out of care, nor of short breaks
			h.Mother = "0"
			if !ch.motherDOB.IsZero() && ch.motherDOB <= end {
				h.Mother, h.MCDOB = "1", ch.motherDOB
			}
		}
		r.Header = append(r.Header, h)
		r.OC3 = append(r.OC3, oc3...)
		if len(eps) == 0 {
			continue
		}
		r.Episodes = append(r.Episodes, eps...)
		for i, d := range ch.reviews {
			if d >= start && d <= end {
				r.Reviews = append(r.Reviews, ssda903.Review{Child: ch.id, DOB: ch.dob, Review: d, ReviewCode: ch.reviewCode[i]})
			}
		}
		if ch.uasc {
			u := ssda903.UASC{Child: ch.id, DOB: ch.dob, Sex: ch.sex}
			if d := ch.dob.AddYears(18); d <= end {
				u.DUC = d
			}
			r.UASC = append(r.UASC, u)
		}
		if started && ch.prevPerm != nil {
			r.PrevPerm = append(r.PrevPerm, *ch.prevPerm)
		}
		for _, m := range ch.missing {
			// Episodes starting in the year, and any still open at its start.
			if m.MisStart <= end && (m.MisStart >= start || m.MisEnd.IsZero() || m.MisEnd >= start) {
				if m.MisEnd > end {
					m.MisEnd = 0
				}
				r.Missing = append(r.Missing, m)
			}
		}
		for _, s := range ch.sw {
			if s.SWDecom <= end && (s.SWDec.IsZero() || s.SWDec >= start) {
				if s.SWDec > end {
					s.SWDec, s.SWReason = 0, ""
				}
				r.SWEpisodes = append(r.SWEpisodes, s)
			}
		}
		for _, p := range ch.placed {
			if p.DatePlaced <= end && (p.DatePlacedCeased.IsZero() || p.DatePlacedCeased >= start) {
				if p.DatePlacedCeased > end {
					p.DatePlacedCeased, p.ReasonPlacedCeased = 0, ""
				}
				r.PlacedAdoption = append(r.PlacedAdoption, p)
			}
		}
		last := eps[len(eps)-1]
		if ch.ad1 != nil && !last.DEC.IsZero() && (last.REC == "E11" || last.REC == "E12") {
			r.AD1 = append(r.AD1, *ch.ad1)
		}
		// OC2: looked after continuously for 12 months at 31 March (not on short breaks).
		if !ch.respite && last.DEC.IsZero() && ch.episodes[0].DECOM <= start {
			r.OC2 = append(r.OC2, c.oc2(ch, end))
		}
	}
	return r
}

// oc2 draws the outcomes of a child looked after for a year: health, SDQ, offending, substances.
func (c *council) oc2(ch *child, end Date) ssda903.OC2 {
	rng := c.rng
	age := ch.dob.AgeAt(end)
	yes := func(p float64) string {
		if rng.Float64() < p {
			return "1"
		}
		return "0"
	}
	o := ssda903.OC2{Child: ch.id, DOB: ch.dob}
	o.HealthAssessment = yes(0.89)
	o.Immunisations = yes(0.84)
	o.TeethCheck = yes(0.80)
	if age < 5 {
		o.HealthCheck = yes(0.88)
	}
	// An SDQ is asked for every child aged 4 to 16 at some time in the year.
	if ageAtStart := ch.dob.AgeAt(end.AddYears(-1).AddDays(1)); age >= 4 && ageAtStart <= 16 {
		if rng.Float64() < 0.78 {
			s := int(math.Round(clamp(14+7*rng.NormFloat64(), 0, 40)))
			o.SDQScore = &s
		} else {
			o.SDQReason = []string{"SDQ2", "SDQ3", "SDQ4", "SDQ5"}[rng.IntN(4)] // SDQ1 is for age
		}
	}
	o.SubstanceMisuse = "0"
	if age >= 10 {
		o.Convicted = yes(0.02)
		o.SubstanceMisuse = yes(0.03)
	}
	if o.SubstanceMisuse == "1" {
		// Whether an intervention was offered is asked only when none was received.
		o.InterventionReceived = yes(0.6)
		if o.InterventionReceived == "0" {
			o.InterventionOffered = yes(0.7)
		}
	}
	return o
}

// oc3 draws a care leaver's situation around a birthday: in touch, activity and accommodation.
func (c *council) oc3(ch *child, age int) ssda903.OC3 {
	rng := c.rng
	o := ssda903.OC3{Child: ch.id, DOB: ch.dob}
	x := rng.Float64()
	switch {
	case x < 0.895:
		o.InTouch = "YES"
	case x < 0.96:
		o.InTouch = "NO"
	case x < 0.985:
		o.InTouch = "REFU"
	case x < 0.995:
		o.InTouch = "NREQ"
	case x < 0.999:
		o.InTouch = "RHOM"
	default:
		o.InTouch = "DIED"
	}
	if o.InTouch != "YES" {
		o.Activ, o.Accom = "0", "0"
		return o
	}
	pEET := clamp(0.62+c.p.eet, 0.3, 0.9)
	if age <= 18 {
		pEET += 0.08
	}
	if rng.Float64() < pEET {
		o.Activ = []string{"F1", "P1", "F2", "F2", "P2", "F4", "F4", "P4", "F5", "P5"}[rng.IntN(10)]
	} else {
		o.Activ = []string{"G4", "G5", "G5", "G5", "G6"}[rng.IntN(5)]
	}
	letter := []string{"B", "C", "D", "E", "K", "T", "U", "U", "U", "U", "Y", "Z", "Z", "D", "E"}[rng.IntN(15)]
	if (letter == "T" || letter == "Z") && age < 18 {
		letter = "D" // foyers do not take care leavers under 18, nor are 17-year-olds with former foster carers
	}
	switch y := rng.Float64(); {
	case y < 0.01:
		letter = []string{"G", "H", "R"}[rng.IntN(3)]
	case y < 0.04:
		letter = []string{"S", "V", "W", "X"}[rng.IntN(4)]
	}
	suitable := "1"
	if rng.Float64() < 0.03 || letter == "S" || letter == "W" || letter == "X" {
		suitable = "2"
	}
	o.Accom = letter + suitable
	return o
}

// census builds the CIN census for collection year y as the authority knew it on 31 March of y.
func (c *council) census(y int) *cin.Census {
	start, end := calendar.CollectionYearStart(y), calendar.CollectionYearEnd(y)
	cs := &cin.Census{Header: cin.Header{Collection: "CIN", Year: y, ReferenceDate: end, SourceLevel: "L",
		LEA: itoa(c.la.Number), SoftwareCode: "csperf synth", Release: "1", SerialNo: "001",
		DateTime: end.AddDays(45).String() + "T09:00:00"}}
	for _, ch := range c.children {
		var dets []cin.Details
		for _, d := range ch.details {
			if d.ReferralDate > end || (!d.ClosureDate.IsZero() && d.ClosureDate < start) {
				continue
			}
			dets = append(dets, asAt(d, start, end))
		}
		if len(dets) == 0 {
			continue
		}
		k := cin.Child{LAChildID: ch.id, Gender: ch.sex, Ethnicity: ch.ethnic}
		if u := ch.upnAt(end); len(u) == 3 {
			k.UPNUnknown = u
		} else {
			k.UPN = u
		}
		if ch.dob > end {
			k.ExpectedBirthDate, k.Gender = ch.dob, "0"
		} else {
			k.BirthDate = ch.dob
		}
		k.Disabilities = append([]string(nil), ch.disabled...)
		if len(k.Disabilities) == 0 {
			k.Disabilities = []string{"NONE"}
		}
		k.Details = dets
		cs.Children = append(cs.Children, k)
	}
	return cs
}

// asAt returns an episode of need as the census of the year start–end records it: later events are
// not yet known, and parts finished before the year (an assessment completed, a conference held, a
// plan or review before 1 April) belong to earlier censuses.
func asAt(d cin.Details, start, end Date) cin.Details {
	if d.ClosureDate > end {
		d.ClosureDate, d.ReasonForClosure = 0, ""
	}
	if d.DateOfInitialCPC > end {
		d.DateOfInitialCPC = 0
	}
	var as []cin.Assessment
	for _, a := range d.Assessments {
		if a.Start > end || (!a.Authorised.IsZero() && a.Authorised < start) {
			continue
		}
		if a.Authorised > end {
			a.Authorised = 0
			a.Factors = nil
		}
		as = append(as, a)
	}
	d.Assessments = as
	var ps []cin.CINPlan
	for _, p := range d.CINPlans {
		if p.Start > end || (!p.End.IsZero() && p.End < start) {
			continue
		}
		if p.End > end {
			p.End = 0
		}
		ps = append(ps, p)
	}
	d.CINPlans = ps
	var ss []cin.Section47
	for _, s := range d.Section47s {
		if s.Start > end || (!s.ICPCDate.IsZero() && s.ICPCDate < start) || (s.ICPCNotRequired && s.Start < start) {
			continue
		}
		if s.ICPCDate > end {
			s.ICPCDate = 0
			s.ICPCNotRequired = false
		}
		ss = append(ss, s)
	}
	d.Section47s = ss
	var cps []cin.CPPlan
	for _, p := range d.CPPlans {
		if p.Start > end || (!p.End.IsZero() && p.End < start) {
			continue
		}
		if p.End > end {
			p.End = 0
		}
		var rs []Date
		for _, r := range p.Reviews {
			if r >= start && r <= end {
				rs = append(rs, r)
			}
		}
		p.Reviews = rs
		cps = append(cps, p)
	}
	d.CPPlans = cps
	return d
}

// workforceFigures derives the year's social work workforce from the caseload at 30 September.
func (c *council) workforceFigures(y int) workforce.Figures {
	rng := c.rng
	at := calendar.Of(y-1, 9, 30)
	cases := 0
	for _, ch := range c.children {
		for _, d := range ch.details {
			if d.ReferralDate <= at && (d.ClosureDate.IsZero() || d.ClosureDate > at) {
				cases++
			}
		}
	}
	f := c.p.workforce
	caseload := clamp(16.5*math.Exp(0.12*rng.NormFloat64())*math.Sqrt(f), 9, 26)
	holders := float64(cases) / caseload
	employed := holders / 0.8
	agencyShare := clamp(0.13*f*math.Exp(0.1*rng.NormFloat64()), 0, 0.5)
	vacancyShare := clamp(0.14*f*math.Exp(0.1*rng.NormFloat64()), 0.01, 0.5)
	hundredths := func(v float64) int { return int(math.Round(v * 100)) }
	return workforce.Figures{
		Authority:     c.la.Number,
		Year:          y,
		FTE:           hundredths(employed),
		Headcount:     int(math.Round(employed / 0.93)),
		AgencyFTE:     hundredths(employed * agencyShare / (1 - agencyShare)),
		VacancyFTE:    hundredths(employed * vacancyShare / (1 - vacancyShare)),
		LeaversFTE:    hundredths(employed * clamp(0.16*math.Sqrt(f), 0.05, 0.4)),
		StartersFTE:   hundredths(employed * clamp(0.17*math.Sqrt(f), 0.05, 0.4)),
		Cases:         cases,
		CaseHolderFTE: hundredths(holders),
		AbsenceDays:   int(math.Round(employed * 6.5 * math.Exp(0.2*rng.NormFloat64()))),
	}
}

// upnAt returns the child's unique pupil number as known on date d: UN1 for a child not yet of
// school age, UN2 for an unaccompanied asylum-seeking child without one.
func (ch *child) upnAt(d Date) string {
	if ch.uasc {
		return "UN2"
	}
	if ch.dob.AgeAt(d) < 5 {
		return "UN1"
	}
	return ch.upn
}
