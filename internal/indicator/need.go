package indicator

// The children in need and child protection measures, computed from the CIN censuses for any date D.
//
// Conventions used throughout:
//   - The censuses of all loaded years are merged into one history per child. Each census repeats
//     the episodes still open from earlier years, so an episode of need is keyed by child and
//     referral date, a child protection plan by child and start, an assessment by child and start
//     and a section 47 enquiry by child and start; the latest census holding one wins, since it
//     knows how something open at an earlier year end went on.
//   - Something open is open from its first day up to the day before its end: a child is in need at
//     D when referred on or before D and the episode is not closed or closed after D.
//   - "The 12 months to D" is the day after D one year earlier up to D inclusive.
//   - A value needs the census of the collection year containing D and, for the 12 months to a D
//     other than 31 March, the census of the year before as well; without them there is no value.
//   - Referrals, assessments, plans and conferences are counted one by one, not by child: three
//     brothers and sisters referred on the same day are three referrals.
//
// prepareNeed turns the merged history into spans (stretches of days during which something holds)
// and dated events, both sorted, so that each measure at any date is a few binary searches.

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"csperf/internal/calendar"
	"csperf/internal/cin"
)

// needOpen stands for "still open" where an end date is kept: later than any real date.
const needOpen Date = math.MaxInt32

// needData is what prepareNeed works out once from an authority's censuses.
type needData struct {
	ids        []string   // child IDs by index
	plans      []needPlan // every child protection plan, by child and start
	inNeed     spanSet    // per child, the days in need (episodes not ended by no further action, joined)
	onPlan     spanSet    // per child, the days on a child protection plan (plans joined)
	planOpen   spanSet    // each plan while open; item is the plan's index
	planTwo    spanSet    // each plan while open and 2 years old or more
	reviewDue  spanSet    // each plan while open and 3 months old or more
	reviewed   spanSet    // each plan while open, 3 months old or more and never late for a review
	referrals  eventSet   // by referral date; hit: within 12 months of the child's previous referral
	assessed   eventSet   // assessments by authorisation; hit: within 45 working days of the referral
	planStarts eventSet   // plans by start; hit: the child had a plan before
	icpcs      eventSet   // initial conferences by date; hit: within 15 working days of the S47 start
}

// needPlan is one child protection plan as the latest census holding it records it.
type needPlan struct {
	start, end Date   // end is needOpen while open
	reviews    []Date // ascending, none before the start
	previous   int    // NumberOfPreviousCPP as recorded (the plan itself included)
}

// needSpan is a stretch of days from from up to the day before to (needOpen when open).
type needSpan struct {
	from, to Date
	kid      int32
	item     int32 // what the span is of: a plan's index, or -1
}

// spanSet counts the spans holding at a date with two binary searches: the spans begun by then
// less the spans ended by then (every span ends after it begins).
type spanSet struct {
	spans []needSpan // by from
	froms []Date     // every span's from, ascending
	tos   []Date     // every ended span's to, ascending
}

// newSpanSet sorts spans, leaving out any that end on or before they begin (never open).
func newSpanSet(spans []needSpan) spanSet {
	spans = byDate(slices.DeleteFunc(spans, func(s needSpan) bool { return s.to <= s.from }),
		func(s *needSpan) Date { return s.from })
	s := spanSet{spans: spans, froms: make([]Date, len(spans))}
	for i, sp := range spans {
		s.froms[i] = sp.from
		if sp.to != needOpen {
			s.tos = append(s.tos, sp.to)
		}
	}
	slices.Sort(s.tos)
	return s
}

// byDate sorts xs by date, keeping the order of those with the same date. It counts the items of
// each day when the days spanned are few for the number of items, which is the usual case and
// several times quicker than comparing.
func byDate[T any](xs []T, date func(*T) Date) []T {
	if len(xs) < 2 {
		return xs
	}
	lo, hi := date(&xs[0]), date(&xs[0])
	for i := range xs {
		lo, hi = min(lo, date(&xs[i])), max(hi, date(&xs[i]))
	}
	if int64(hi)-int64(lo) > 4*int64(len(xs))+1000 {
		slices.SortStableFunc(xs, func(a, b T) int { return int(date(&a)) - int(date(&b)) })
		return xs
	}
	at := make([]int, int(hi-lo)+2) // at[d-lo+1]: items before day d, once summed
	for i := range xs {
		at[date(&xs[i])-lo+1]++
	}
	for i := 1; i < len(at); i++ {
		at[i] += at[i-1]
	}
	out := make([]T, len(xs))
	for i := range xs {
		j := date(&xs[i]) - lo
		out[at[j]] = xs[i]
		at[j]++
	}
	return out
}

// upTo returns how many of the ascending dates ds are on or before at.
func upTo(ds []Date, at Date) int {
	i, _ := slices.BinarySearch(ds, at+1)
	return i
}

// count returns the number of spans holding at at.
func (s *spanSet) count(at Date) int64 { return int64(upTo(s.froms, at) - upTo(s.tos, at)) }

// at returns the spans holding at at, by from. It is a pass, for drill-down.
func (s *spanSet) at(at Date) []needSpan {
	var out []needSpan
	for _, sp := range s.spans[:upTo(s.froms, at)] {
		if sp.to > at {
			out = append(out, sp)
		}
	}
	return out
}

// needEvent is a dated referral, assessment, plan start or conference.
type needEvent struct {
	date  Date  // when it happened
	other Date  // what it is measured from: the previous referral, the referral, an earlier plan, the S47 start (zero when none)
	kid   int32 // the child's index
	n     int32 // days or working days from other to date; for plan starts, the plan's index
	hit   bool  // counted in the numerator
}

// eventSet counts events and hits in a window with two binary searches.
type eventSet struct {
	events []needEvent // by date
	dates  []Date      // every event's date, ascending
	hits   []int32     // hits[i]: hits among events[:i]
}

// newEventSet sorts events by date (those of one date in the order given) and counts their hits.
func newEventSet(events []needEvent) eventSet {
	events = byDate(events, func(e *needEvent) Date { return e.date })
	e := eventSet{events: events, dates: make([]Date, len(events)), hits: make([]int32, len(events)+1)}
	for i, ev := range events {
		e.dates[i] = ev.date
		e.hits[i+1] = e.hits[i]
		if ev.hit {
			e.hits[i+1]++
		}
	}
	return e
}

// window returns the index range of the events in the 12 months to at.
func (e *eventSet) window(at Date) (lo, hi int) {
	return upTo(e.dates, at.AddYears(-1)), upTo(e.dates, at)
}

// workdayIndex counts working days with a table of running totals over the years the censuses
// cover, falling back to the calendar outside them.
type workdayIndex struct {
	lo   Date
	cum  []int32 // cum[i]: working days after lo up to and including lo+i
	slow *calendar.Workdays
}

// newWorkdayIndex covers the years from to to.
func newWorkdayIndex(from, to int) *workdayIndex {
	w := &workdayIndex{lo: calendar.Of(from, 1, 1), slow: calendar.NewWorkdays(from, to)}
	n := int(calendar.Of(to+1, 1, 1) - w.lo)
	w.cum = make([]int32, n)
	for i := 1; i < n; i++ {
		w.cum[i] = w.cum[i-1]
		if w.slow.IsWorkday(w.lo + Date(i)) {
			w.cum[i]++
		}
	}
	return w
}

// between returns the working days after from up to and including to, as calendar.Workdays does.
func (w *workdayIndex) between(from, to Date) int {
	if to <= from {
		return 0
	}
	if from >= w.lo && int(to-w.lo) < len(w.cum) {
		return int(w.cum[to-w.lo] - w.cum[from-w.lo])
	}
	return w.slow.Between(from, to)
}

// needVersion is one census's version of a record, with its place in census order (later wins).
type needVersion[T any] struct {
	key Date // referral date or start
	ord int
	rec *T
	ref Date // the referral of the episode holding it
}

// latest sorts versions by key and census order and keeps the last version of each key.
func latest[T any](vs []needVersion[T]) []needVersion[T] {
	slices.SortFunc(vs, func(a, b needVersion[T]) int {
		if a.key != b.key {
			return int(a.key) - int(b.key)
		}
		return a.ord - b.ord
	})
	out := vs[:0]
	for i, v := range vs {
		if i+1 < len(vs) && vs[i+1].key == v.key {
			continue
		}
		out = append(out, v)
	}
	return out
}

// joined merges one child's spans, sorted by from, where they overlap or meet.
func joined(spans []needSpan) []needSpan {
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.from <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, s.to)
			continue
		}
		out = append(out, s)
	}
	return out
}

// reviewsLateFrom returns the first day a plan starting on start with these reviews (ascending) is
// late: the day after a review fell due without being held — the first within 3 months of the
// start, each later one within 6 months of the one before.
func reviewsLateFrom(start Date, reviews []Date) Date {
	due := start.AddMonths(3)
	for _, r := range reviews {
		if r > due {
			break
		}
		due = r.AddMonths(6)
	}
	return due + 1
}

// prepareNeed merges the censuses and builds needData.
func (h *History) prepareNeed() {
	d := &h.need
	if len(h.yearsCIN) == 0 {
		return
	}
	index := map[string]int32{}
	var eps [][]needVersion[cin.Details]
	ord := 0
	for _, y := range h.yearsCIN {
		c := h.Censuses[y]
		for i := range c.Children {
			ch := &c.Children[i]
			k, ok := index[ch.LAChildID]
			if !ok {
				k = int32(len(d.ids))
				index[ch.LAChildID] = k
				d.ids = append(d.ids, ch.LAChildID)
				eps = append(eps, nil)
			}
			for j := range ch.Details {
				det := &ch.Details[j]
				if det.ReferralDate == 0 {
					continue // not an episode the census schema allows; nothing to date it by
				}
				eps[k] = append(eps[k], needVersion[cin.Details]{key: det.ReferralDate, ord: ord, rec: det, ref: det.ReferralDate})
				ord++
			}
		}
	}
	wd := newWorkdayIndex(h.yearsCIN[0]-4, h.yearsCIN[len(h.yearsCIN)-1])

	inNeed := make([]needSpan, 0, ord)
	referrals := make([]needEvent, 0, ord)
	assessed := make([]needEvent, 0, ord)
	var onPlan, open, two, due, reviewed []needSpan
	var starts, icpcs []needEvent
	var kidSpans []needSpan
	var as []needVersion[cin.Assessment]
	var s47s []needVersion[cin.Section47]
	var plans []needVersion[cin.CPPlan]
	for k := range eps {
		kid := int32(k)
		as, s47s, plans = as[:0], s47s[:0], plans[:0]
		for _, v := range eps[k] {
			det := v.rec
			for i := range det.Assessments {
				a := &det.Assessments[i]
				as = append(as, needVersion[cin.Assessment]{key: a.Start, ord: v.ord, rec: a, ref: det.ReferralDate})
			}
			for i := range det.Section47s {
				s := &det.Section47s[i]
				s47s = append(s47s, needVersion[cin.Section47]{key: s.Start, ord: v.ord, rec: s})
			}
			for i := range det.CPPlans {
				p := &det.CPPlans[i]
				if p.Start == 0 {
					continue
				}
				plans = append(plans, needVersion[cin.CPPlan]{key: p.Start, ord: v.ord, rec: p})
			}
		}

		// Referrals and the days in need.
		kidSpans = kidSpans[:0]
		var prev Date
		for _, v := range latest(eps[k]) {
			ref := v.key
			ev := needEvent{date: ref, other: prev, kid: kid}
			if prev != 0 {
				ev.n = int32(ref - prev)
				ev.hit = prev >= ref.AddYears(-1)
			}
			referrals = append(referrals, ev)
			prev = ref
			if !v.rec.ReferralNFA {
				kidSpans = append(kidSpans, needSpan{from: ref, to: orOpen(v.rec.ClosureDate), kid: kid, item: -1})
			}
		}
		inNeed = append(inNeed, joined(kidSpans)...) // in order of referral already

		for _, v := range latest(as) {
			if auth := v.rec.Authorised; auth != 0 {
				n := wd.between(v.ref, auth)
				assessed = append(assessed, needEvent{date: auth, other: v.ref, kid: kid, n: int32(n), hit: n <= 45})
			}
		}
		for _, v := range latest(s47s) {
			if icpc := v.rec.ICPCDate; icpc != 0 {
				ev := needEvent{date: icpc, other: v.key, kid: kid, n: -1}
				if v.key != 0 {
					ev.n = int32(wd.between(v.key, icpc))
					ev.hit = ev.n <= 15
				}
				icpcs = append(icpcs, ev)
			}
		}

		// Plans, each once, in order of start.
		kidSpans = kidSpans[:0]
		var earlier Date
		for i, v := range latest(plans) {
			p := v.rec
			pi := int32(len(d.plans))
			np := needPlan{start: p.Start, end: orOpen(p.End), previous: p.PreviousPlans}
			for _, r := range p.Reviews {
				if r >= p.Start {
					np.reviews = append(np.reviews, r)
				}
			}
			slices.Sort(np.reviews)
			d.plans = append(d.plans, np)
			starts = append(starts, needEvent{date: p.Start, other: earlier, kid: kid, n: pi, hit: i > 0 || p.PreviousPlans > 1})
			earlier = p.Start
			span := needSpan{from: np.start, to: np.end, kid: kid, item: pi}
			kidSpans = append(kidSpans, span)
			open = append(open, span)
			two = append(two, needSpan{from: np.start.AddYears(2), to: np.end, kid: kid, item: pi})
			three := needSpan{from: np.start.AddMonths(3), to: np.end, kid: kid, item: pi}
			due = append(due, three)
			three.to = min(three.to, reviewsLateFrom(np.start, np.reviews))
			reviewed = append(reviewed, three)
		}
		onPlan = append(onPlan, joined(kidSpans)...)
	}
	d.inNeed, d.onPlan = newSpanSet(inNeed), newSpanSet(onPlan)
	d.planOpen, d.planTwo = newSpanSet(open), newSpanSet(two)
	d.reviewDue, d.reviewed = newSpanSet(due), newSpanSet(reviewed)
	d.referrals, d.assessed = newEventSet(referrals), newEventSet(assessed)
	d.planStarts, d.icpcs = newEventSet(starts), newEventSet(icpcs)
}

// orOpen returns end, or needOpen when end is blank.
func orOpen(end Date) Date {
	if end == 0 {
		return needOpen
	}
	return end
}

// needCovered reports whether h holds the censuses a value at at needs: the year containing at and,
// for the 12 months to at (window) when at is not 31 March, the year before.
func (h *History) needCovered(at Date, window bool) bool {
	y := CollectionYear(at)
	if h.Censuses[y] == nil {
		return false
	}
	return !window || at == calendar.CollectionYearEnd(y) || h.Censuses[y-1] != nil
}

// needFuncs returns the children in need and child protection measures.
func needFuncs() map[string]computeFunc {
	return map[string]computeFunc{
		"cin-rate":             needRate(func(d *needData) *spanSet { return &d.inNeed }, "in need since "),
		"rereferral-12m":       needWindow(func(d *needData) *eventSet { return &d.referrals }, referralFact),
		"assessment-45wd":      needWindow(func(d *needData) *eventSet { return &d.assessed }, assessmentFact),
		"cpp-rate":             needRate(func(d *needData) *spanSet { return &d.onPlan }, "on a child protection plan since "),
		"cpp-second-plan":      needWindow(func(d *needData) *eventSet { return &d.planStarts }, planStartFact),
		"cpp-2-years":          planShare(func(d *needData) (*spanSet, *spanSet) { return &d.planOpen, &d.planTwo }, planAgeFact),
		"cpp-reviewed-on-time": planShare(func(d *needData) (*spanSet, *spanSet) { return &d.reviewDue, &d.reviewed }, planReviewFact),
		"icpc-15wd":            needWindow(func(d *needData) *eventSet { return &d.icpcs }, icpcFact),
	}
}

// needRate counts the children in a span set at D, per 10,000 of the population; facts name the
// day the span began.
func needRate(set func(*needData) *spanSet, since string) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		if !h.needCovered(at, false) {
			return nil
		}
		s := set(&h.need)
		v := Value{Numerator: s.count(at), Denominator: int64(h.PopulationAt(at))}
		if members {
			for _, sp := range s.at(at) {
				v.Members = append(v.Members, Member{Child: h.need.ids[sp.kid], Numerator: true, Facts: since + sp.from.DMY()})
			}
		}
		return []Value{v}
	}
}

// needWindow counts the events in the 12 months to D (denominator) and their hits (numerator).
func needWindow(set func(*needData) *eventSet, fact func(*needData, *needEvent) string) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		if !h.needCovered(at, true) {
			return nil
		}
		s := set(&h.need)
		lo, hi := s.window(at)
		v := Value{Numerator: int64(s.hits[hi] - s.hits[lo]), Denominator: int64(hi - lo)}
		if members {
			for i := lo; i < hi; i++ {
				e := &s.events[i]
				v.Members = append(v.Members, Member{Child: h.need.ids[e.kid], Numerator: e.hit, Facts: fact(&h.need, e)})
			}
		}
		return []Value{v}
	}
}

// planShare counts the plans in the numerator span set at D over those in the denominator set (the
// numerator's spans lie within the denominator's).
func planShare(sets func(*needData) (den, num *spanSet), fact func(*needPlan, Date) string) computeFunc {
	return func(h *History, at Date, members bool) []Value {
		if !h.needCovered(at, false) {
			return nil
		}
		den, num := sets(&h.need)
		v := Value{Numerator: num.count(at), Denominator: den.count(at)}
		if members {
			counted := map[int32]bool{}
			for _, sp := range num.at(at) {
				counted[sp.item] = true
			}
			for _, sp := range den.at(at) {
				v.Members = append(v.Members, Member{Child: h.need.ids[sp.kid], Numerator: counted[sp.item],
					Facts: fact(&h.need.plans[sp.item], at)})
			}
		}
		return []Value{v}
	}
}

// referralFact describes a referral and the child's referral before it.
func referralFact(_ *needData, e *needEvent) string {
	s := "referred " + e.date.DMY()
	if e.other == 0 {
		return s + "; no earlier referral on record"
	}
	s += "; previous referral " + e.other.DMY() + ", " + plural(int(e.n), "day") + " before"
	if !e.hit {
		s += " (more than 12 months)"
	}
	return s
}

// assessmentFact describes an assessment's timeliness.
func assessmentFact(_ *needData, e *needEvent) string {
	return "assessment authorised " + e.date.DMY() + ", " + plural(int(e.n), "working day") +
		" after the referral on " + e.other.DMY()
}

// icpcFact describes an initial conference's timeliness.
func icpcFact(_ *needData, e *needEvent) string {
	s := "initial conference " + e.date.DMY()
	if e.other == 0 {
		return s + "; section 47 enquiry start not recorded"
	}
	return s + ", " + plural(int(e.n), "working day") + " after the section 47 enquiry began on " + e.other.DMY()
}

// planStartFact describes a plan's start and the evidence of an earlier plan.
func planStartFact(d *needData, e *needEvent) string {
	s := "plan started " + e.date.DMY()
	switch p := &d.plans[e.n]; {
	case e.other != 0:
		return s + "; earlier plan from " + e.other.DMY()
	case p.previous > 1:
		return s + "; the census records " + strconv.Itoa(p.previous) + " plans for the child, this one included"
	default:
		return s + "; first plan"
	}
}

// planAgeFact describes how long a plan has lasted at a date.
func planAgeFact(p *needPlan, at Date) string {
	return "plan since " + p.start.DMY() + ": " + spanText(p.start, at) + " at " + at.DMY()
}

// planReviewFact lists a plan's reviews up to a date and whether each was on time, and says when a
// review is overdue.
func planReviewFact(p *needPlan, at Date) string {
	var b strings.Builder
	b.WriteString("plan since " + p.start.DMY())
	due, prev, after := p.start.AddMonths(3), p.start, "the start"
	n := 0
	for _, r := range p.reviews {
		if r > at {
			break
		}
		if n == 0 {
			b.WriteString("; reviews ")
		} else {
			b.WriteString(", ")
		}
		n++
		b.WriteString(r.DMY())
		if r <= due {
			b.WriteString(" (on time)")
		} else {
			b.WriteString(" (late: " + spanText(prev, r) + " after " + after + ")")
		}
		due, prev, after = r.AddMonths(6), r, "the review before"
	}
	if n == 0 {
		b.WriteString("; no review yet")
	}
	if at > due {
		b.WriteString("; a review was due by " + due.DMY() + " and none was held by " + at.DMY())
	}
	return b.String()
}

// spanText says how long it is from from to to: years and months from a year on, months and days
// below.
func spanText(from, to Date) string {
	fy, fm, _ := from.Civil()
	ty, tm, _ := to.Civil()
	months := (ty-fy)*12 + int(tm) - int(fm)
	for months > 0 && from.AddMonths(months) > to {
		months--
	}
	if months >= 12 {
		return plural(months/12, "year") + " " + plural(months%12, "month")
	}
	return plural(months, "month") + " " + plural(to.Sub(from.AddMonths(months)), "day")
}

// plural writes n with a unit, adding "s" unless n is 1.
func plural(n int, unit string) string {
	s := strconv.Itoa(n) + " " + unit
	if n != 1 {
		s += "s"
	}
	return s
}
