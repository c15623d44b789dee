package indicator

// The looked-after measures, computed from the SSDA903 returns for any date D.
//
// Conventions used throughout:
//   - A child is looked after at D when an episode has DECOM ≤ D and no DEC or DEC > D.
//   - A period of care is a run of episodes each starting on the day the one before ended with
//     REC X1; any gap, or any other reason for ending, starts a new period.
//   - "The 12 months to D" is the day after D one year earlier up to D inclusive (1 April 2024 to
//     31 March 2025 for D = 31/03/2025); "the 3 years to D" likewise.
//   - Short breaks (legal status V3 or V4) are left out by the episode at the time that matters:
//     the episode at D, the first episode of a period for starts, the last for ceasing.
//   - A value needs a 903 return for every collection year its period touches; without one there
//     is no value rather than a wrong one.

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"csperf/internal/calendar"
	"csperf/internal/ssda903"
)

// claOpen stands for "still open" where an end date is compared: later than any real date.
const claOpen Date = math.MaxInt32

// claData is what prepareCLA works out once from an authority's 903 returns, so that each
// looked-after measure at any date is one pass over the children or a binary search.
type claData struct {
	kids      []claKid          // every child with episodes, in History.Children order
	spans     []claSpan         // per child: first and last day of care, apart for a quick scan
	starts    []careEvent       // starts of periods of care (not short breaks), by date
	ceasings  []careEvent       // ends of periods of care (not short breaks), by date
	adoptions []adoption        // periods of care ended by adoption (E11, E12), by date
	oc2       map[int]oc2Cohort // OC2 cohorts by collection year
	oc3       []oc3Row          // care leavers' follow-ups, by birthday
	last      *claLast          // the children looked after at the date last asked for
}

// claLast remembers the children looked after at one date: a series asks every measure at one date
// before moving on, and half the measures start from the same list.
type claLast struct {
	mu  sync.Mutex
	at  Date
	cla []claHere // shared: callers only read it
}

// claSpan is the first day a child was looked after and the day the last episode ended (claOpen
// when open). A child outside the span of a date is skipped without looking at the episodes.
type claSpan struct{ from, to Date }

// claKid is one child's care history.
type claKid struct {
	id      string
	dob     Date
	eps     []careEp
	periods []carePeriod
	missing []Date              // starts of missing episodes (MISSING = M), ascending, each once
	sw      []ssda903.SWEpisode // social worker episodes, by start, each once
}

// careEp is an episode with what prepareCLA worked out about it.
type careEp struct {
	start, end          Date // DECOM and DEC (zero when open)
	rne, ls, place, rec string
	period              int  // index of its period of care in claKid.periods
	respite             bool // legal status V3 or V4: a series of short breaks
	move                bool // the child moved in with new carers on start (a new placement)
	placeStart          Date // when the child's current placement with the same carers began
}

// carePeriod is a period of care: episodes first to last, from start to end (zero when open).
type carePeriod struct {
	start, end  Date
	first, last int
	entryKnown  bool // the first episode is a start (RNE S), so start is the day the child came in
}

// careEvent is one start or end of a period of care. prev and next are the dates of the same
// child's previous and next event of the same kind (zero and claOpen when none), so that a child is
// counted once in a window without a lookup.
type careEvent struct {
	kid, period int
	date        Date
	prev, next  Date
	rec         string // reason for ceasing, for ends
}

// adoption is a period of care ended by adoption, with the dates the adoption measures need (zero
// when not known).
type adoption struct {
	kid        int
	date       Date // adopted: the period of care ended
	entered    Date // the period of care began (zero when it began before the returns held)
	movedIn    Date // the adoption placement (A3–A6) began
	movedPlace string
	fosterFrom Date // adopted by foster carers: the placement with them began
	fosterPl   string
	order      Date   // placement order (start of legal status E1), or the decision to place
	orderKind  string // how order was found, for facts
	match      Date   // matched with adopters (AD1 DATE_MATCH)
}

// oc2Cohort is the OC2 table of one return: children looked after continuously for 12 months at
// its 31 March, with the totals the measures need.
type oc2Cohort struct {
	end            Date
	rows           []oc2Row
	yes            [3]int64 // health assessments, immunisations, teeth checks
	sdqSum, sdqNum int64    // SDQ scores of children aged 5–16
}

// oc2Row is one child's OC2 outcomes.
type oc2Row struct {
	child string
	age   int     // at the return's 31 March
	yes   [3]bool // health assessment, immunisations, teeth check
	sdq   int
	inSDQ bool // aged 5–16 with a score
}

// oc3Row is one care leaver's follow-up on one birthday.
type oc3Row struct {
	child                 string
	birthday              Date
	age                   int
	inTouch, activ, accom string
	next                  int // index of the same child's next follow-up, -1 when none
}

// prepareCLA builds claData from the merged episodes and each year's tables.
func (h *History) prepareCLA() {
	h.cla = claData{last: &claLast{}}
	d := &h.cla
	index := make(map[string]int, len(h.Children))
	d.kids = make([]claKid, 0, len(h.Children))
	for _, c := range h.Children {
		src := h.Episodes[c]
		if len(src) == 0 {
			continue
		}
		index[c] = len(d.kids)
		k := claKid{id: c, dob: h.Headers[c].DOB}
		k.build(src)
		to := k.eps[len(k.eps)-1].end
		if to == 0 {
			to = claOpen
		}
		d.kids = append(d.kids, k)
		d.spans = append(d.spans, claSpan{k.eps[0].start, to})
	}
	ad1 := map[int][]ssda903.AD1{}
	placed := map[int][]Date{}
	for _, y := range h.years903 {
		r := h.Returns903[y]
		for _, m := range r.Missing {
			if i, ok := index[m.Child]; ok && m.Missing == "M" && m.MisStart != 0 && !slices.Contains(d.kids[i].missing, m.MisStart) {
				d.kids[i].missing = append(d.kids[i].missing, m.MisStart)
			}
		}
		for _, s := range r.SWEpisodes {
			if i, ok := index[s.Child]; ok {
				k := &d.kids[i]
				j := slices.IndexFunc(k.sw, func(x ssda903.SWEpisode) bool { return x.SWDecom == s.SWDecom && x.SWID == s.SWID })
				if j >= 0 {
					k.sw[j] = s // the later return knows how it went on
				} else {
					k.sw = append(k.sw, s)
				}
			}
		}
		for _, a := range r.AD1 {
			if i, ok := index[a.Child]; ok {
				ad1[i] = append(ad1[i], a)
			}
		}
		for _, p := range r.PlacedAdoption {
			if i, ok := index[p.Child]; ok && p.DatePlaced != 0 {
				placed[i] = append(placed[i], p.DatePlaced)
			}
		}
	}
	for i := range d.kids {
		k := &d.kids[i]
		slices.Sort(k.missing)
		slices.SortFunc(k.sw, func(a, b ssda903.SWEpisode) int {
			if a.SWDecom != b.SWDecom {
				return cmp.Compare(a.SWDecom, b.SWDecom)
			}
			return strings.Compare(a.SWID, b.SWID)
		})
		for p, per := range k.periods {
			if !k.eps[per.first].respite {
				d.starts = append(d.starts, careEvent{kid: i, period: p, date: per.start})
			}
			if per.end != 0 && !k.eps[per.last].respite {
				rec := k.eps[per.last].rec
				d.ceasings = append(d.ceasings, careEvent{kid: i, period: p, date: per.end, rec: rec})
				if rec == "E11" || rec == "E12" {
					d.adoptions = append(d.adoptions, d.adoptionOf(i, p, ad1[i], placed[i]))
				}
			}
		}
	}
	linkEvents(d.starts)
	linkEvents(d.ceasings)
	slices.SortFunc(d.adoptions, func(a, b adoption) int { return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.kid, b.kid)) })
	d.prepareOutcomes(h, index)
}

// build turns a child's merged episodes into careEps and periods of care. An episode left open (or
// overlapping) although a later one follows — a return corrected a start date — is taken to end
// where the next begins, so that the child is not looked after twice over.
func (k *claKid) build(src []ssda903.Episode) {
	k.eps = make([]careEp, len(src))
	for i, e := range src {
		c := careEp{start: e.DECOM, end: e.DEC, rne: e.RNE, ls: e.LS, place: e.Place, rec: e.REC,
			respite: e.LS == "V3" || e.LS == "V4"}
		if i+1 < len(src) && (c.end == 0 || c.end > src[i+1].DECOM) {
			c.end, c.rec = src[i+1].DECOM, "X1"
		}
		k.eps[i] = c
	}
	for i := range k.eps {
		e := &k.eps[i]
		cont := i > 0 && k.eps[i-1].rec == "X1" && k.eps[i-1].end == e.start
		if !cont {
			k.periods = append(k.periods, carePeriod{start: e.start, first: i, entryKnown: e.rne == "S"})
		}
		p := len(k.periods) - 1
		k.periods[p].last, k.periods[p].end, e.period = i, e.end, p
		switch {
		case e.respite:
		case !cont || k.eps[i-1].respite:
			e.move = true // coming into care (or out of short breaks into care)
		case (e.place == "A3" || e.place == "A5") && strings.HasPrefix(k.eps[i-1].place, "U"):
			// placed for adoption with the current foster carers: the same home, not a move
		default:
			e.move = e.rne == "P" || e.rne == "B"
		}
		e.placeStart = e.start
		if cont && !e.move {
			e.placeStart = k.eps[i-1].placeStart
		}
	}
}

// at returns the index of the episode child k is in on day d, or -1 when not looked after.
func (k *claKid) at(d Date) int {
	for i := len(k.eps) - 1; i >= 0; i-- {
		if e := &k.eps[i]; e.start <= d {
			if e.end != 0 && e.end <= d {
				return -1
			}
			return i
		}
	}
	return -1
}

// adoptionOf works out the adoption measures' dates for period p of child i, adopted, from the
// child's AD1 records and decisions to place for adoption.
func (d *claData) adoptionOf(i, p int, ad1s []ssda903.AD1, placed []Date) adoption {
	k, per := &d.kids[i], d.kids[i].periods[p]
	a := adoption{kid: i, date: per.end}
	if per.entryKnown {
		a.entered = per.start
	}
	var ad *ssda903.AD1
	for j := range ad1s {
		if x := &ad1s[j]; x.DateMatch >= per.start && x.DateMatch <= per.end && (ad == nil || x.DateMatch > ad.DateMatch) {
			ad = x
		}
	}
	if ad != nil {
		a.match = ad.DateMatch
	}
	if j := per.last; claAdoptive(k.eps[j].place) {
		for j > per.first && claAdoptive(k.eps[j-1].place) {
			j--
		}
		a.movedIn, a.movedPlace = k.eps[j].start, k.eps[j].place
		if j > per.first {
			prev := &k.eps[j-1]
			fosterAdopt := strings.HasPrefix(prev.place, "U") && (k.eps[j].place == "A3" || k.eps[j].place == "A5")
			if fosterAdopt || (ad != nil && ad.FosterCare == "1") {
				a.fosterFrom, a.fosterPl = prev.placeStart, prev.place
			}
		}
	}
	for j := per.first; j <= per.last; j++ {
		if k.eps[j].ls == "E1" {
			a.order, a.orderKind = k.eps[j].start, "placement order"
			break
		}
	}
	if a.order == 0 {
		for _, dp := range placed {
			if dp >= per.start && dp <= per.end && dp > a.order {
				a.order, a.orderKind = dp, "decision to place for adoption"
			}
		}
	}
	return a
}

// claAdoptive reports whether place is a placement for adoption (A3–A6).
func claAdoptive(place string) bool {
	return place == "A3" || place == "A4" || place == "A5" || place == "A6"
}

// linkEvents sets prev and next from the same child's neighbouring events (the events are in child
// order, each child's by date) and then sorts the events by date.
func linkEvents(ev []careEvent) {
	for j := range ev {
		ev[j].next = claOpen
		if j > 0 && ev[j-1].kid == ev[j].kid {
			ev[j].prev, ev[j-1].next = ev[j-1].date, ev[j].date
		}
	}
	slices.SortFunc(ev, func(a, b careEvent) int {
		return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.kid, b.kid), cmp.Compare(a.period, b.period))
	})
}

// prepareOutcomes collects each return's OC2 cohort and every care leaver's OC3 follow-up.
func (d *claData) prepareOutcomes(h *History, index map[string]int) {
	d.oc2 = map[int]oc2Cohort{}
	type leaverKey struct {
		child string
		age   int
	}
	seen := map[leaverKey]int{}
	for _, y := range h.years903 {
		r := h.Returns903[y]
		start, end := calendar.CollectionYearStart(y), calendar.CollectionYearEnd(y)
		co := oc2Cohort{end: end}
		for _, o := range r.OC2 {
			if i, ok := index[o.Child]; ok {
				if e := d.kids[i].at(end); e >= 0 && d.kids[i].eps[e].respite {
					continue
				}
			}
			dob := o.DOB
			if dob == 0 {
				dob = h.Headers[o.Child].DOB
			}
			row := oc2Row{child: o.Child, age: dob.AgeAt(end),
				yes: [3]bool{o.HealthAssessment == "1", o.Immunisations == "1", o.TeethCheck == "1"}}
			if o.SDQScore != nil && row.age >= 5 && row.age <= 16 {
				row.sdq, row.inSDQ = *o.SDQScore, true
				co.sdqSum += int64(row.sdq)
				co.sdqNum++
			}
			for j, yes := range row.yes {
				if yes {
					co.yes[j]++
				}
			}
			co.rows = append(co.rows, row)
		}
		d.oc2[y] = co
		for _, o := range r.OC3 {
			dob := o.DOB
			if dob == 0 {
				dob = h.Headers[o.Child].DOB
			}
			row := oc3Row{child: o.Child, inTouch: o.InTouch, activ: o.Activ, accom: o.Accom}
			for age := 17; age <= 21; age++ {
				if b := claBirthday(dob, age); b >= start && b <= end {
					row.age, row.birthday = age, b
					break
				}
			}
			if row.age == 0 {
				continue // no 17th–21st birthday in the year: the row cannot be placed
			}
			key := leaverKey{o.Child, row.age}
			if j, ok := seen[key]; ok {
				d.oc3[j] = row
			} else {
				seen[key] = len(d.oc3)
				d.oc3 = append(d.oc3, row)
			}
		}
	}
	slices.SortFunc(d.oc3, func(a, b oc3Row) int {
		if a.birthday != b.birthday {
			return cmp.Compare(a.birthday, b.birthday)
		}
		return strings.Compare(a.child, b.child)
	})
	last := map[string]int{}
	for j := range d.oc3 {
		d.oc3[j].next = -1
		if p, ok := last[d.oc3[j].child]; ok {
			d.oc3[p].next = j
		}
		last[d.oc3[j].child] = j
	}
}

// claBirthday returns the day someone born on dob turns age, as AgeAt counts it: someone born on
// 29 February has the birthday on 1 March in other years.
func claBirthday(dob Date, age int) Date {
	b := dob.AddYears(age)
	if dob.AgeAt(b) < age {
		b++
	}
	return b
}

// claCovered reports whether h holds a 903 return for every collection year from from to to.
func (h *History) claCovered(from, to Date) bool {
	for y := CollectionYear(from); y <= CollectionYear(to); y++ {
		if _, ok := h.Returns903[y]; !ok {
			return false
		}
	}
	return true
}

// claYearsBefore returns the first day of the n years to at: the day after at, n years earlier.
func claYearsBefore(at Date, n int) Date { return at.AddYears(-n) + 1 }

// claHere is a child looked after at a date, with the episode then.
type claHere struct {
	k *claKid
	e int
}

// lookedAfterAt lists the children looked after at at, leaving out short breaks. The list is shared
// and must not be changed.
func (d *claData) lookedAfterAt(at Date) []claHere {
	d.last.mu.Lock()
	defer d.last.mu.Unlock()
	if d.last.cla != nil && d.last.at == at {
		return d.last.cla
	}
	out := make([]claHere, 0, len(d.last.cla)+len(d.last.cla)/8+16)
	for i, s := range d.spans {
		if s.from > at || s.to <= at {
			continue
		}
		k := &d.kids[i]
		if e := k.at(at); e >= 0 && !k.eps[e].respite {
			out = append(out, claHere{k, e})
		}
	}
	d.last.at, d.last.cla = at, out
	return out
}

// eventsIn returns the events dated from from to to inclusive.
func eventsIn(ev []careEvent, from, to Date) []careEvent {
	lo := sort.Search(len(ev), func(i int) bool { return ev[i].date >= from })
	hi := sort.Search(len(ev), func(i int) bool { return ev[i].date > to })
	return ev[lo:hi]
}

// claFuncs returns the looked-after measures.
func claFuncs() map[string]computeFunc {
	return map[string]computeFunc{
		"cla-count":                claCount(false),
		"cla-rate":                 claCount(true),
		"cla-starts-rate":          claStarts,
		"cla-ceased-rate":          claCeased,
		"cla-by-age":               claBreakdown(claAgeBands, claAgeBand),
		"cla-by-legal-status":      claBreakdown(claLegalStatuses, claLegalStatus),
		"cla-by-placement":         claBreakdown(claPlacements, claPlacement),
		"placement-3plus":          placementThreePlus,
		"placement-long-term":      placementLongTerm,
		"missing-children":         missingMeasure(false),
		"missing-incidents":        missingMeasure(true),
		"health-assessment":        oc2Share(0),
		"immunisations":            oc2Share(1),
		"dental":                   oc2Share(2),
		"sdq-average":              sdqAverage,
		"care-leavers-eet-19-21":   careLeavers(19, 21, false),
		"care-leavers-accom-19-21": careLeavers(19, 21, true),
		"care-leavers-eet-17-18":   careLeavers(17, 18, false),
		"care-leavers-accom-17-18": careLeavers(17, 18, true),
		"adopted-percent":          ceasedBy("adopted", "E11", "E12"),
		"sgo-percent":              ceasedBy("special guardianship or child arrangements", "E45", "E46", "E47", "E48"),
		"adoption-a1":              adoptionDays(adoptA1),
		"adoption-a2":              adoptionDays(adoptA2),
		"adoption-a10":             adoptionDays(adoptA10),
		"sw-changes-3plus":         socialWorkerChanges,
	}
}

// fact describes a child looked after at a date: since when, age, legal status and placement.
func (c claHere) fact(at Date) string {
	e := &c.k.eps[c.e]
	s := "looked after since " + c.k.periods[e.period].start.DMY()
	if c.k.dob != 0 {
		s += "; aged " + strconv.Itoa(c.k.dob.AgeAt(at))
	}
	return s + "; legal status " + e.ls + "; placement " + e.place
}

// claCount counts the children looked after at D; as a rate, per 10,000 of the population.
func claCount(rate bool) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		if !h.claCovered(at, at) {
			return nil
		}
		cla := h.cla.lookedAfterAt(at)
		v := Value{Numerator: int64(len(cla))}
		if rate {
			v.Denominator = int64(h.PopulationAt(at))
		}
		if members {
			for _, c := range cla {
				v.Members = append(v.Members, Member{Child: c.k.id, Numerator: true, Facts: c.fact(at)})
			}
		}
		return []Value{v}
	}
}

// claStarts counts the children who started a period of care in the 12 months to D, each once, per
// 10,000 of the population.
func claStarts(h *History, at Date, members bool) []Value {
	from := claYearsBefore(at, 1)
	if !h.claCovered(from, at) {
		return nil
	}
	v := Value{Denominator: int64(h.PopulationAt(at))}
	for _, ev := range eventsIn(h.cla.starts, from, at) {
		if ev.prev >= from {
			continue // counted at the child's first start in the window
		}
		v.Numerator++
		if members {
			k := &h.cla.kids[ev.kid]
			var days []string
			for _, p := range k.periods {
				if p.start >= from && p.start <= at && !k.eps[p.first].respite {
					days = append(days, p.start.DMY())
				}
			}
			v.Members = append(v.Members, Member{Child: k.id, Numerator: true,
				Facts: "started to be looked after on " + strings.Join(days, " and ")})
		}
	}
	return []Value{v}
}

// ceasedFact describes how and when a child's periods of care ended in a window.
func (d *claData) ceasedFact(kid int, from, at Date) string {
	k := &d.kids[kid]
	var parts []string
	for _, p := range k.periods {
		if p.end >= from && p.end <= at && !k.eps[p.last].respite {
			rec := k.eps[p.last].rec
			parts = append(parts, p.end.DMY()+" ("+claReasonText(rec)+")")
		}
	}
	return "ceased to be looked after on " + strings.Join(parts, " and ")
}

// claReasonText names a reason for ceasing in plain English, with its code.
func claReasonText(rec string) string {
	switch rec {
	case "E11", "E12":
		return "adopted, " + rec
	case "E45", "E46":
		return "special guardianship order, " + rec
	case "E47", "E48":
		return "child arrangements order, " + rec
	case "E4A", "E4B":
		return "went home, " + rec
	case "E13":
		return "went to live with family or friends, " + rec
	case "E17":
		return "stayed on with carers at 18, " + rec
	case "E5", "E6":
		return "moved to independent living, " + rec
	}
	return "reason " + rec
}

// claCeased counts the children who ceased to be looked after in the 12 months to D, each once,
// per 10,000 of the population.
func claCeased(h *History, at Date, members bool) []Value {
	from := claYearsBefore(at, 1)
	if !h.claCovered(from, at) {
		return nil
	}
	v := Value{Denominator: int64(h.PopulationAt(at))}
	for _, ev := range eventsIn(h.cla.ceasings, from, at) {
		if ev.next <= at {
			continue // counted at the child's last ending in the window
		}
		v.Numerator++
		if members {
			v.Members = append(v.Members, Member{Child: h.cla.kids[ev.kid].id, Numerator: true,
				Facts: h.cla.ceasedFact(ev.kid, from, at)})
		}
	}
	return []Value{v}
}

// ceasedBy gives the share of the children who ceased to be looked after in the 12 months to D whose
// (last) ending was for one of the reasons recs. A child who ceased twice is counted once, by the
// later ending.
func ceasedBy(what string, recs ...string) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		from := claYearsBefore(at, 1)
		if !h.claCovered(from, at) {
			return nil
		}
		var v Value
		for _, ev := range eventsIn(h.cla.ceasings, from, at) {
			if ev.next <= at {
				continue
			}
			v.Denominator++
			yes := slices.Contains(recs, ev.rec)
			if yes {
				v.Numerator++
			}
			if members {
				f := h.cla.ceasedFact(ev.kid, from, at)
				if !yes {
					f += "; not " + what
				}
				v.Members = append(v.Members, Member{Child: h.cla.kids[ev.kid].id, Numerator: yes, Facts: f})
			}
		}
		return []Value{v}
	}
}

// The breakdowns' categories, in catalogue order.
var (
	claAgeBands      = []string{"under-1", "1-4", "5-9", "10-15", "16-plus"}
	claLegalStatuses = []string{"interim-care-order", "full-care-order", "placement-order", "section-20",
		"police-protection-emergency", "youth-justice", "other"}
	claPlacements = []string{"foster", "placed-for-adoption", "with-parents", "independent-living",
		"childrens-homes-and-secure", "residential-schools", "other-residential", "other"}
)

// claAgeBand returns the age band at at (index into claAgeBands), or -1 when the birth date is unknown.
func claAgeBand(k *claKid, _ *careEp, at Date) int {
	if k.dob == 0 {
		return -1
	}
	switch a := k.dob.AgeAt(at); {
	case a < 1:
		return 0
	case a < 5:
		return 1
	case a < 10:
		return 2
	case a < 16:
		return 3
	}
	return 4
}

// claLegalStatus returns the legal status group (index into claLegalStatuses).
func claLegalStatus(_ *claKid, e *careEp, _ Date) int {
	switch e.ls {
	case "C2":
		return 0
	case "C1":
		return 1
	case "E1":
		return 2
	case "V2":
		return 3
	case "L1", "L2", "L3":
		return 4
	case "J1", "J2", "J3":
		return 5
	}
	return 6
}

// claPlacement returns the placement group (index into claPlacements).
func claPlacement(_ *claKid, e *careEp, _ Date) int {
	switch e.place {
	case "U1", "U2", "U3", "U4", "U5", "U6":
		return 0
	case "A3", "A4", "A5", "A6":
		return 1
	case "P1":
		return 2
	case "P2", "H5":
		return 3
	case "K1", "K2":
		return 4
	case "S1":
		return 5
	case "R1", "R2", "R5":
		return 6
	}
	return 7
}

// claBreakdown splits the children looked after at D into categories: one value per category with
// the count as numerator and all children looked after as denominator. Members are the children in
// the category.
func claBreakdown(categories []string, category func(*claKid, *careEp, Date) int) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		if !h.claCovered(at, at) {
			return nil
		}
		cla := h.cla.lookedAfterAt(at)
		out := make([]Value, len(categories))
		for i, c := range categories {
			out[i] = Value{Category: c, Denominator: int64(len(cla))}
		}
		for _, c := range cla {
			i := category(c.k, &c.k.eps[c.e], at)
			if i < 0 {
				continue
			}
			out[i].Numerator++
			if members {
				out[i].Members = append(out[i].Members, Member{Child: c.k.id, Numerator: true, Facts: c.fact(at)})
			}
		}
		return out
	}
}

// placements returns how many placements child k had from from to to: the placement at from (when
// looked after then, not on short breaks) and each move to new carers after it. When fn is not nil
// it is called with the episode of each placement.
func (k *claKid) placements(from, to Date, fn func(*careEp)) int {
	n := 0
	if i := k.at(from); i >= 0 && !k.eps[i].respite {
		n++
		if fn != nil {
			fn(&k.eps[i])
		}
	}
	for i := range k.eps {
		if e := &k.eps[i]; e.move && e.start > from && e.start <= to {
			n++
			if fn != nil {
				fn(e)
			}
		}
	}
	return n
}

// placementThreePlus gives the share of children looked after at D who had three or more placements
// in the 12 months to D.
func placementThreePlus(h *History, at Date, members bool) []Value {
	from := claYearsBefore(at, 1)
	if !h.claCovered(from, at) {
		return nil
	}
	cla := h.cla.lookedAfterAt(at)
	v := Value{Denominator: int64(len(cla))}
	for _, c := range cla {
		if !members {
			if c.k.placements(from, at, nil) >= 3 {
				v.Numerator++
			}
			continue
		}
		var list []string
		n := c.k.placements(from, at, func(e *careEp) {
			list = append(list, e.place+" from "+e.placeStart.DMY())
		})
		if n >= 3 {
			v.Numerator++
		}
		word := " placements"
		if n == 1 {
			word = " placement"
		}
		v.Members = append(v.Members, Member{Child: c.k.id, Numerator: n >= 3,
			Facts: strconv.Itoa(n) + word + " in the 12 months to " + at.DMY() + ": " + strings.Join(list, ", ")})
	}
	return []Value{v}
}

// placementLongTerm gives, of the children under 16 at D looked after continuously for 2½ years
// or more, the share in the same placement for 2 years or more, or placed for adoption where the
// adoption placement and the one before it together last 2 years or more.
func placementLongTerm(h *History, at Date, members bool) []Value {
	since := at.AddMonths(-30)
	if !h.claCovered(since+1, at) {
		return nil
	}
	twoYears := at.AddYears(-2)
	var v Value
	for _, c := range h.cla.lookedAfterAt(at) {
		k, e := c.k, &c.k.eps[c.e]
		per := &k.periods[e.period]
		if k.dob == 0 || k.dob.AgeAt(at) >= 16 || per.start > since {
			continue
		}
		v.Denominator++
		yes := e.placeStart <= twoYears
		var adopt, before *careEp // the adoption placement's first episode and the placement before it
		if !yes && claAdoptive(e.place) {
			j := c.e
			for j > per.first && !k.eps[j].move && claAdoptive(k.eps[j-1].place) {
				j--
			}
			if j > per.first {
				adopt, before = &k.eps[j], &k.eps[j-1]
				yes = before.placeStart <= twoYears
			}
		}
		if yes {
			v.Numerator++
		}
		if members {
			f := "looked after since " + per.start.DMY() + "; "
			switch {
			case e.placeStart <= twoYears:
				f += "same placement (" + e.place + ") since " + e.placeStart.DMY()
			case before != nil:
				f += "placed for adoption (" + e.place + ") since " + adopt.start.DMY() + ", before that " +
					before.place + " since " + before.placeStart.DMY()
			default:
				f += "in this placement (" + e.place + ") only since " + e.placeStart.DMY()
			}
			v.Members = append(v.Members, Member{Child: k.id, Numerator: yes, Facts: f})
		}
	}
	return []Value{v}
}

// missingMeasure gives, for the children looked after at any time in the 12 months to D (not on
// short breaks), the share who went missing in that time, or (incidents) the number of missing
// episodes that began in it.
func missingMeasure(incidents bool) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		from := claYearsBefore(at, 1)
		if !h.claCovered(from, at) {
			return nil
		}
		var v Value
		for i, s := range h.cla.spans {
			if s.from > at || s.to < from {
				continue
			}
			k := &h.cla.kids[i]
			in := false
			for j := range k.eps {
				if e := &k.eps[j]; !e.respite && e.start <= at && (e.end == 0 || e.end >= from) {
					in = true
					break
				}
			}
			if !in {
				continue
			}
			lo := sort.Search(len(k.missing), func(j int) bool { return k.missing[j] >= from })
			hi := sort.Search(len(k.missing), func(j int) bool { return k.missing[j] > at })
			n := hi - lo
			if incidents {
				v.Numerator += int64(n)
			} else {
				v.Denominator++
				if n > 0 {
					v.Numerator++
				}
			}
			if members && (n > 0 || !incidents) {
				f := "not missing in the 12 months to " + at.DMY()
				if n > 0 {
					days := make([]string, n)
					for j := range days {
						days[j] = k.missing[lo+j].DMY()
					}
					f = "missing " + claTimes(n) + " in the 12 months to " + at.DMY() + ": " + strings.Join(days, ", ")
				}
				v.Members = append(v.Members, Member{Child: k.id, Numerator: n > 0, Facts: f})
			}
		}
		return []Value{v}
	}
}

// claTimes says "once", "twice" or "n times".
func claTimes(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return strconv.Itoa(n) + " times"
}

// oc2For returns the OC2 cohort of the latest return whose 31 March is on or before at and no more
// than 12 months before it.
func (h *History) oc2For(at Date) (oc2Cohort, bool) {
	y := at.Year()
	if calendar.CollectionYearEnd(y) > at {
		y--
	}
	for ; calendar.CollectionYearEnd(y) >= at.AddYears(-1); y-- {
		if co, ok := h.cla.oc2[y]; ok {
			return co, true
		}
	}
	return oc2Cohort{}, false
}

// oc2Labels describe the OC2 outcomes: done, not done.
var oc2Labels = [3][2]string{
	{"health assessment up to date", "no up-to-date health assessment"},
	{"immunisations up to date", "immunisations not up to date"},
	{"teeth checked", "teeth not checked"},
}

// oc2Share gives the share of the OC2 cohort (looked after continuously for 12 months at the last
// 31 March within a year of D) with outcome j: health assessment, immunisations, teeth check.
func oc2Share(j int) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		co, ok := h.oc2For(at)
		if !ok {
			return nil
		}
		v := Value{Numerator: co.yes[j], Denominator: int64(len(co.rows))}
		if members {
			for _, r := range co.rows {
				f := oc2Labels[j][0]
				if !r.yes[j] {
					f = oc2Labels[j][1]
				}
				f += " (looked after for 12 months at " + co.end.DMY() + ")"
				v.Members = append(v.Members, Member{Child: r.child, Numerator: r.yes[j], Facts: f})
			}
		}
		return []Value{v}
	}
}

// sdqAverage gives the mean SDQ score of the OC2 cohort's children aged 5 to 16 with a score.
func sdqAverage(h *History, at Date, members bool) []Value {
	co, ok := h.oc2For(at)
	if !ok {
		return nil
	}
	v := Value{Numerator: co.sdqSum, Denominator: co.sdqNum}
	if members {
		for _, r := range co.rows {
			if r.inSDQ {
				v.Members = append(v.Members, Member{Child: r.child, Numerator: true,
					Facts: fmt.Sprintf("SDQ score %d, aged %d at %s", r.sdq, r.age, co.end.DMY())})
			}
		}
	}
	return []Value{v}
}

// claEET lists the activity codes for education, employment or training.
var claEET = []string{"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"}

// careLeavers gives, for the care leavers with a birthday from lo to hi in the 12 months to D, the
// share in education, employment or training (of all, in touch or not), or (accom) the share in
// suitable accommodation (of all but those abroad, deported or whose residence is not known).
func careLeavers(lo, hi int, accom bool) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		from := claYearsBefore(at, 1)
		if !h.claCovered(from, at) {
			return nil
		}
		rows := h.cla.oc3
		i := sort.Search(len(rows), func(i int) bool { return rows[i].birthday >= from })
		var v Value
		for ; i < len(rows) && rows[i].birthday <= at; i++ {
			r := &rows[i]
			if r.age < lo || r.age > hi {
				continue
			}
			if n := r.next; n >= 0 && rows[n].birthday <= at && rows[n].age <= hi {
				continue // a later birthday in the window counts instead (29 February births)
			}
			var yes bool
			var f string
			if accom {
				if r.accom != "" && strings.ContainsRune("GHR", rune(r.accom[0])) {
					continue
				}
				yes = len(r.accom) == 2 && r.accom[1] == '1'
				if members {
					f = "accommodation not suitable or not known (" + r.accom + ")"
					if yes {
						f = "in suitable accommodation (" + r.accom + ")"
					}
				}
			} else {
				yes = slices.Contains(claEET, r.activ)
				if members {
					f = "not in education, employment or training (" + r.activ + ")"
					if yes {
						f = "in education, employment or training (" + r.activ + ")"
					}
				}
			}
			v.Denominator++
			if yes {
				v.Numerator++
			}
			if members {
				if r.inTouch != "YES" {
					f += ", not in touch (" + r.inTouch + ")"
				}
				f = claOrdinal(r.age) + " birthday " + r.birthday.DMY() + ": " + f
				v.Members = append(v.Members, Member{Child: r.child, Numerator: yes, Facts: f})
			}
		}
		return []Value{v}
	}
}

// claOrdinal writes 17 to 21 as 17th … 21st.
func claOrdinal(n int) string {
	if n%10 == 1 && n%100 != 11 {
		return strconv.Itoa(n) + "st"
	}
	return strconv.Itoa(n) + "th"
}

// The adoption timeliness measures.
const (
	adoptA1  = iota // entering care to moving in with adopters
	adoptA2         // placement order to match
	adoptA10        // entering care to moving in with adopters, from the foster placement for foster carer adoptions
)

// adoptionDays gives the average days of adoption measure m over the children adopted in the 3 years
// to D: the sum of days as numerator, the children as denominator. A child whose dates are not known
// is left out.
func adoptionDays(m int) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		from := claYearsBefore(at, 3)
		if !h.claCovered(from, at) {
			return nil
		}
		ad := h.cla.adoptions
		i := sort.Search(len(ad), func(i int) bool { return ad[i].date >= from })
		var v Value
		for ; i < len(ad) && ad[i].date <= at; i++ {
			a := &ad[i]
			var start, end Date
			var f string
			switch m {
			case adoptA1:
				start, end = a.entered, a.movedIn
				if members {
					f = "came into care " + start.DMY() + "; moved in with adopters (" + a.movedPlace + ") " + end.DMY()
				}
			case adoptA2:
				start, end = a.order, a.match
				if members {
					f = a.orderKind + " " + start.DMY() + "; matched with adopters " + end.DMY()
				}
			case adoptA10:
				start, end = a.entered, a.movedIn
				if a.fosterFrom != 0 {
					end = a.fosterFrom
				}
				if members {
					f = "came into care " + start.DMY() + "; moved in with adopters (" + a.movedPlace + ") " + a.movedIn.DMY()
					if a.fosterFrom != 0 {
						f = "came into care " + start.DMY() + "; moved in with the foster carers who adopted (" +
							a.fosterPl + ") " + end.DMY()
					}
				}
			}
			if start == 0 || end == 0 {
				continue
			}
			days := end.Sub(start)
			v.Numerator += int64(days)
			v.Denominator++
			if members {
				f += ": " + strconv.Itoa(days) + " days; adopted " + a.date.DMY()
				v.Members = append(v.Members, Member{Child: h.cla.kids[a.kid].id, Numerator: true, Facts: f})
			}
		}
		return []Value{v}
	}
}

// socialWorkerChanges gives the share of children looked after at D who had three or more different
// social workers in the 12 months to D.
func socialWorkerChanges(h *History, at Date, members bool) []Value {
	from := claYearsBefore(at, 1)
	if !h.claCovered(from, at) {
		return nil
	}
	cla := h.cla.lookedAfterAt(at)
	v := Value{Denominator: int64(len(cla))}
	var ids []string
	for _, c := range cla {
		ids = ids[:0]
		for _, s := range c.k.sw {
			if s.SWDecom > at {
				break
			}
			if (s.SWDec == 0 || s.SWDec >= from) && !slices.Contains(ids, s.SWID) {
				ids = append(ids, s.SWID)
			}
		}
		yes := len(ids) >= 3
		if yes {
			v.Numerator++
		}
		if members {
			word := " social workers"
			if len(ids) == 1 {
				word = " social worker"
			}
			f := strconv.Itoa(len(ids)) + word + " in the 12 months to " + at.DMY()
			if len(ids) > 0 {
				f += ": " + strings.Join(ids, ", ")
			}
			v.Members = append(v.Members, Member{Child: c.k.id, Numerator: yes, Facts: f})
		}
	}
	return []Value{v}
}
