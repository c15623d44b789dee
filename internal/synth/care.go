package synth

import (
	"math"
	"sort"

	"csperf/internal/ssda903"
)

// change is a change of legal status or placement on one day of a period of care.
type change struct {
	day      Date
	ls       string // new legal status, "" when unchanged
	place    string // new placement, "" when unchanged
	provider string
	reason   string // reason for the placement change
}

// lognormal draws a positive number of days with the given median and spread.
func (c *council) lognormal(median, sigma float64) int {
	return max(1, int(median*math.Exp(sigma*c.rng.NormFloat64())))
}

// lookAfter simulates one period of care for ch starting on entry: legal statuses, placements and
// moves, reviews, missing episodes, social workers, adoption, and how and when care ends.
func (c *council) lookAfter(ch *child, entry Date) {
	rng := c.rng
	age := ch.dob.AgeAt(entry)
	eighteen := ch.dob.AddYears(18)

	// How and when this period of care ends.
	var rec string
	var exit Date
	adoption, fosterAdoption := false, false
	x := rng.Float64()
	homeCode := func() string {
		return []string{"E4A", "E4A", "E4A", "E13", "E4B"}[rng.IntN(5)]
	}
	switch {
	case ch.uasc:
		rec, exit = "E17", eighteen
		if rng.Float64() < 0.1 {
			rec, exit = "E8", entry.AddDays(c.lognormal(200, 0.8))
		}
	case age >= 16:
		switch {
		case x < 0.55:
			rec, exit = []string{"E17", "E5", "E6", "E8"}[rng.IntN(4)], eighteen
		case x < 0.9:
			rec, exit = homeCode(), entry.AddDays(c.lognormal(120, 1.0))
		default:
			rec, exit = "E9", entry.AddDays(c.lognormal(150, 0.8))
		}
	case age < 5:
		switch {
		case x < 0.24 && age < 4:
			adoption = true
			fosterAdoption = rng.Float64() < 0.15
		case x < 0.46:
			rec = []string{"E45", "E45", "E46", "E47", "E48"}[rng.IntN(5)]
			exit = entry.AddDays(c.lognormal(480, 0.4))
		case x < 0.88:
			rec, exit = homeCode(), entry.AddDays(c.lognormal(200, 1.0))
		default:
			rec, exit = "E17", eighteen
		}
	default:
		switch {
		case x < 0.49:
			rec, exit = homeCode(), entry.AddDays(c.lognormal(200, 1.0))
		case x < 0.59:
			rec = []string{"E45", "E46", "E47", "E48"}[rng.IntN(4)]
			exit = entry.AddDays(c.lognormal(500, 0.4))
		case x < 0.87:
			rec, exit = []string{"E17", "E5", "E6", "E8"}[rng.IntN(4)], eighteen
		case x < 0.92 && age >= 14:
			rec, exit = []string{"E5", "E6"}[rng.IntN(2)], ch.dob.AddYears(16).AddDays(rng.IntN(700))
		default:
			rec, exit = []string{"E3", "E8", "E9", "E4A"}[rng.IntN(4)], entry.AddDays(c.lognormal(300, 0.8))
		}
	}

	var changes []change
	var order, decision, match, moveIn Date
	if adoption {
		decision = entry.AddDays(150 + rng.IntN(150))
		order = decision.AddDays(30 + rng.IntN(90))
		match = order.AddDays(c.lognormal(150, 0.5))
		moveIn = match.AddDays(7 + rng.IntN(28))
		exit = moveIn.AddDays(150 + rng.IntN(250))
		rec = "E11"
		if rng.Float64() < 0.6 {
			rec = "E12"
		}
		if rng.Float64() < 0.1 { // the plan for adoption is changed: the child stays in care
			adoption = false
			ch.placed = append(ch.placed, ssda903.PlacedAdoption{Child: ch.id, DOB: ch.dob, DatePlaced: decision,
				DatePlacedCeased: match, ReasonPlacedCeased: []string{"RD2", "RD3", "RD4"}[rng.IntN(3)]})
			rec, exit = []string{"E45", "E46", "E17"}[rng.IntN(3)], order.AddDays(c.lognormal(500, 0.5))
			if rec == "E17" {
				exit = eighteen
			}
			exit = max(exit, match.AddDays(30)) // the decision is reversed while the child is still in care
		}
	}
	if exit > eighteen {
		exit = eighteen
		rec = []string{"E17", "E5", "E6", "E8"}[rng.IntN(4)]
	}
	if exit <= entry {
		exit = entry.AddDays(1)
	}

	// Legal status: section 20 (V2) for unaccompanied children and some others; police protection or
	// an emergency order for a few days; otherwise an interim care order, then a full care order.
	ls := "C2"
	switch {
	case ch.uasc:
		ls = "V2"
	case rng.Float64() < 0.09:
		ls = "V2"
	case age >= 10 && rng.Float64() < 0.03:
		// Remand: accommodation under PACE (J2) lasts a day; other youth justice statuses longer.
		ls = []string{"J1", "J1", "J2", "J3"}[rng.IntN(4)]
		rec, exit = "E14", entry.AddDays(20+rng.IntN(120))
		if ls == "J2" {
			exit = entry.AddDays(1)
		}
	case rng.Float64() < 0.1:
		// Police protection, an emergency protection order or a child assessment order lasts days.
		ls = []string{"L1", "L2", "L3"}[rng.IntN(3)]
		changes = append(changes, change{day: entry.AddDays(1 + rng.IntN(3)), ls: "C2"})
	}
	if full := entry.AddDays(180 + rng.IntN(150)); ls != "V2" && !ch.uasc && ls[0] != 'J' && (!adoption || full < order) {
		changes = append(changes, change{day: full, ls: "C1"})
	} else if ls == "V2" && !ch.uasc && exit.Sub(entry) > 200 && rng.Float64() < 0.5 {
		changes = append(changes, change{day: entry.AddDays(60 + rng.IntN(120)), ls: "C2"})
	}
	if adoption {
		changes = append(changes, change{day: order, ls: "E1"})
	}

	// Placements and moves: most children are settled, some move often; many move once soon after
	// coming into care from an emergency placement.
	// Special guardians and child arrangements carers are usually the child's foster carers or family.
	fosterOnly := rec == "E45" || rec == "E46"
	place, provider := c.placement(age, ch.uasc)
	for fosterOnly && place[0] != 'U' {
		place, provider = c.placement(age, ch.uasc)
	}
	unstable := rng.Float64() < 0.16*c.p.instability
	rate := 0.1 * c.p.instability
	if unstable {
		rate = 2.5
	}
	reasons := []string{"CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "OTHER"}
	move := func(d Date) {
		a := ch.dob.AgeAt(d)
		np, pr := c.placement(a, ch.uasc)
		for fosterOnly && np[0] != 'U' {
			np, pr = c.placement(a, ch.uasc)
		}
		changes = append(changes, change{day: d, place: np, provider: pr, reason: reasons[rng.IntN(len(reasons))]})
	}
	if rng.Float64() < 0.3 {
		move(entry.AddDays(7 + rng.IntN(50)))
	}
	for d := entry; ; {
		d = d.AddDays(1 + int(rng.ExpFloat64()/rate*365))
		if d >= exit || d > c.end {
			break
		}
		if adoption && d >= moveIn.AddDays(-60) {
			break
		}
		move(d)
	}
	if adoption {
		ap := "A6"
		if fosterAdoption {
			ap = "A5"
		}
		if rng.Float64() < 0.1 {
			ap = map[string]string{"A6": "A4", "A5": "A3"}[ap]
		}
		changes = append(changes, change{day: moveIn, place: ap, provider: "PR1", reason: "CARPL"})
	}

	// Turn the changes into episodes.
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].day < changes[j].day })
	home := c.postcode(false)
	cinCode := []string{"N1", "N1", "N1", "N1", "N2", "N3", "N4", "N4", "N5", "N6", "N7", "N8"}[rng.IntN(12)]
	if ch.uasc {
		cinCode = "N8"
	}
	cur := ssda903.Episode{Child: ch.id, DECOM: entry, RNE: "S", LS: ls, CIN: cinCode, Place: place,
		PlaceProvider: provider, HomePost: home}
	c.fillPlacement(&cur)
	if ch.uasc { // no home postcode (so no distance) for unaccompanied children
		cur.HomePost = ""
	}
	if cur.LS == "V2" && cur.Place == "P1" {
		cur.Place, cur.PlaceProvider = "U4", "PR1"
	}
	var eps []ssda903.Episode
	for i := 0; i < len(changes); {
		d := changes[i].day
		if d >= exit || d > c.end {
			break
		}
		next := cur
		next.DECOM, next.ReasonPlaceChange = d, ""
		lsChanged, plChanged := false, false
		for ; i < len(changes) && changes[i].day == d; i++ {
			if changes[i].ls != "" && changes[i].ls != next.LS {
				next.LS, lsChanged = changes[i].ls, true
			}
			if changes[i].place != "" {
				next.Place, next.PlaceProvider, plChanged = changes[i].place, changes[i].provider, true
				next.ReasonPlaceChange = changes[i].reason
			}
		}
		sameCarers := plChanged && fosterAdoption && (next.Place == "A5" || next.Place == "A3")
		switch {
		case sameCarers && lsChanged:
			next.RNE = "U" // legal status and placement status change with the same carers
		case sameCarers:
			next.RNE = "T" // the foster carers become the child's adopters
		case lsChanged && plChanged:
			next.RNE = "B"
		case plChanged:
			next.RNE = "P"
		case lsChanged:
			next.RNE = "L"
		default:
			continue
		}
		// The reason for a move is recorded on the episode that ends with it.
		reason := next.ReasonPlaceChange
		next.ReasonPlaceChange = ""
		if sameCarers {
			next.PlPost, next.URN = cur.PlPost, "XXXXXXX" // same carers, same home
		} else if plChanged {
			c.fillPlacement(&next)
			cur.ReasonPlaceChange = reason
		}
		if ch.uasc {
			next.HomePost = ""
		}
		if next.LS == "V2" && next.Place == "P1" { // accommodation under section 20 is not with parents
			next.Place, next.PlaceProvider = "U4", "PR1"
		}
		if plChanged && next.PlPost == cur.PlPost && next.PlPost != "" {
			next.PlPost = c.postcode(true) // a move is to a different address
		}
		cur.DEC, cur.REC = d, "X1"
		eps = append(eps, cur)
		cur = next
	}
	if exit <= c.end {
		// Orders to "former foster carers" (E45, E47) need the child to be with foster carers.
		if (rec == "E45" || rec == "E47") && cur.Place[0] != 'U' {
			rec = map[string]string{"E45": "E46", "E47": "E48"}[rec]
		}
		cur.DEC, cur.REC = exit, rec
		ch.leftCare = exit
	}
	eps = append(eps, cur)
	ch.episodes = append(ch.episodes, eps...)
	last := min(exit, c.end+1)

	if adoption && decision < last {
		pa := ssda903.PlacedAdoption{Child: ch.id, DOB: ch.dob, DatePlaced: decision}
		if exit <= c.end {
			// An adoption is not a reversal of the decision: the ceased fields stay blank.
			ad := &ssda903.AD1{Child: ch.id, DOB: ch.dob, DateInt: decision, DateMatch: match,
				FosterCare: "0", NbAdoptr: "2", SexAdoptr: "MF", LSAdoptr: "L11"}
			if fosterAdoption {
				ad.FosterCare = "1"
			}
			// Legal status of the adopters agrees with their number and genders: L0 single, L11
			// married different gender, L12 married same gender, L2 civil partners, L3 unmarried
			// different gender, L4 unmarried same gender.
			switch y := rng.Float64(); {
			case y < 0.08:
				ad.NbAdoptr, ad.SexAdoptr, ad.LSAdoptr = "1", []string{"F1", "F1", "F1", "M1"}[rng.IntN(4)], "L0"
			case y < 0.16:
				ad.SexAdoptr, ad.LSAdoptr = []string{"FF", "MM"}[rng.IntN(2)], []string{"L12", "L2", "L4"}[rng.IntN(3)]
			case y < 0.3:
				ad.LSAdoptr = "L3"
			}
			ch.ad1 = ad
		}
		ch.placed = append(ch.placed, pa)
	}

	// Previous permanence, asked of every child starting to be looked after.
	pp := &ssda903.PrevPerm{Child: ch.id, DOB: ch.dob, PrevPerm: "Z1"}
	if y := rng.Float64(); y < 0.08 {
		pp.PrevPerm = []string{"P1", "P2", "P3", "P4"}[rng.IntN(4)]
		pp.LAPerm = itoa(c.la.Number)
		pp.DatePerm = entry.AddDays(-200 - rng.IntN(2000)).DMY()
	}
	ch.prevPerm = pp

	c.reviewsFor(ch, entry, last)
	c.missingFor(ch, entry, last, age, unstable)
	c.socialWorkers(ch, entry, last)

	// A former relevant child: looked after for 13 weeks since 14 and on or after the 16th birthday.
	// (Not when another council took over the child's care, E3: that council follows them up.)
	if exit <= c.end && exit >= ch.dob.AddYears(16) && last.Sub(max(entry, ch.dob.AddYears(14))) >= 91 && rec != "E3" {
		ch.careLeaver = true
	}
	if ch.sex == "2" && age >= 13 && rng.Float64() < 0.04 {
		d := max(entry, ch.dob.AddYears(15)).AddDays(rng.IntN(400))
		if d < last {
			ch.motherDOB = d
		}
	}
	c.needBeforeCare(ch, entry, last)
}

// fillPlacement sets the placement postcode and Ofsted reference of an episode.
func (c *council) fillPlacement(e *ssda903.Episode) {
	away := e.PlaceProvider == "PR4" && c.rng.Float64() < 0.5
	e.PlPost = c.postcode(away)
	for e.PlPost == e.HomePost && e.Place != "P1" {
		e.PlPost = c.postcode(true) // only a child placed with parents lives at home
	}
	e.URN = "XXXXXXX"
	if needsURN(e.Place) {
		e.URN = c.urn()
	}
}

// reviewsFor schedules statutory reviews: within 20 working days, then 3 months, then every 6 months.
func (c *council) reviewsFor(ch *child, entry, last Date) {
	rng := c.rng
	due := c.wd.Add(entry, 20)
	for k := 0; ; k++ {
		d := due.AddDays(-rng.IntN(10))
		if rng.Float64() < 0.08 {
			d = due.AddDays(1 + rng.IntN(30))
		}
		if d >= last || d > c.end {
			return
		}
		code := "PN0"
		if ch.dob.AgeAt(d) >= 4 {
			code = []string{"PN1", "PN1", "PN1", "PN1", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"}[rng.IntN(11)]
		}
		ch.reviews = append(ch.reviews, d)
		ch.reviewCode = append(ch.reviewCode, code)
		if k == 0 {
			due = d.AddMonths(3)
		} else {
			due = d.AddMonths(6)
		}
	}
}

// missingFor draws missing and away-from-placement episodes, mostly of teenagers, a few often.
func (c *council) missingFor(ch *child, entry, last Date, age int, unstable bool) {
	rng := c.rng
	rate := 0.02
	switch {
	case age >= 11 && (unstable || rng.Float64() < 0.2):
		rate = 5
	case age >= 11:
		rate = 0.15
	}
	for d := entry; ; {
		d = d.AddDays(1 + int(rng.ExpFloat64()/rate*365))
		if d >= last || d > c.end || ch.dob.AgeAt(d) < 8 {
			if d >= last || d > c.end {
				return
			}
			continue
		}
		kind := "M"
		if rng.Float64() < 0.2 {
			kind = "A"
		}
		m := ssda903.Missing{Child: ch.id, DOB: ch.dob, Missing: kind, MisStart: d}
		end := d.AddDays([]int{0, 0, 1, 1, 1, 2, 3, 5, 9}[rng.IntN(9)])
		if end >= last && last <= c.end {
			return // a child missing when care ends would leave care for that reason (E8); not simulated
		}
		if end <= c.end {
			m.MisEnd = end
		}
		ch.missing = append(ch.missing, m)
		d = end // the next episode starts after this one ends
	}
}

// socialWorkers assigns allocated social workers over a period of care.
func (c *council) socialWorkers(ch *child, entry, last Date) {
	rng := c.rng
	reasons := []string{"MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "OTHERS"}
	// The first social worker was allocated while the child was in need, a year or more before care
	// (DfE asks for a looked-after child's social workers over the whole year).
	start := max(entry.AddDays(-366-rng.IntN(200)), ch.dob)
	for start < last && start <= c.end {
		c.swSeq++
		sw := ssda903.SWEpisode{Child: ch.id, DOB: ch.dob, SWID: "SW" + itoa(10000+c.swSeq%5000), SWDecom: start}
		end := start.AddDays(30 + int(rng.ExpFloat64()*300))
		if end >= last || end > c.end {
			if last <= c.end {
				sw.SWDec, sw.SWReason = last, "OTHERS"
			}
			ch.sw = append(ch.sw, sw)
			return
		}
		sw.SWDec, sw.SWReason = end, reasons[rng.IntN(len(reasons))]
		ch.sw = append(ch.sw, sw)
		start = end
	}
}
