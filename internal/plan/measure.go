package plan

import (
	"csperf/internal/calendar"
	"csperf/internal/indicator"
	"csperf/internal/rating"
)

// TargetAt returns the milestone and stretch levels that apply on the day d, as a TargetPoint at d.
//
// The milestone and the stretch are each a line through the points that set them (points without
// that level are skipped): on a point's date the level is the point's; between two dates it is
// interpolated linearly by days; before the first date it is the first level and after the last
// date the last level (flat, not extrapolated). A level no point sets is nil. So "milestone 70% by
// 30/09/2026, 80% by 31/03/2027" gives a milestone of 70% up to 30/09/2026, 75% on 30/12/2026
// (91 of 182 days on), and 80% from 31/03/2027. A council that wants the line to rise from
// today's level rather than start flat adds a point for today with that level.
func (m Measure) TargetAt(d calendar.Date) TargetPoint {
	return TargetPoint{
		At:        d,
		Milestone: interpolate(m.Points, d, func(p TargetPoint) *float64 { return p.Milestone }),
		Stretch:   interpolate(m.Points, d, func(p TargetPoint) *float64 { return p.Stretch }),
	}
}

// interpolate returns the level of the points' series level at d (see TargetAt). The points need not
// be in order.
func interpolate(points []TargetPoint, d calendar.Date, level func(TargetPoint) *float64) *float64 {
	var (
		before, after       calendar.Date // nearest dates on or before d, and after d, that set the level
		atBefore, atAfter   float64
		haveBefore, haveAft bool
	)
	for _, p := range points {
		v := level(p)
		if v == nil {
			continue
		}
		switch {
		case !p.At.After(d):
			if !haveBefore || p.At.After(before) {
				before, atBefore, haveBefore = p.At, *v, true
			}
		default:
			if !haveAft || p.At.Before(after) {
				after, atAfter, haveAft = p.At, *v, true
			}
		}
	}
	var x float64
	switch {
	case haveBefore && before == d, haveBefore && !haveAft:
		x = atBefore
	case !haveBefore && haveAft:
		x = atAfter
	case haveBefore && haveAft:
		frac := float64(d.Sub(before)) / float64(after.Sub(before))
		x = atBefore + (atAfter-atBefore)*frac
	default:
		return nil
	}
	return &x
}

// RAG rates value, the measure's indicator on the day at, against the levels that apply that day
// (see TargetAt), by the indicator's polarity:
//
//   - Green: the value meets the stretch level;
//   - Amber: it meets the milestone but not the stretch;
//   - Red: it does not meet the milestone.
//
// "Meets" is at or above the level for an indicator where higher is better, at or below it where
// lower is better, after rounding the value to the indicator's decimals (a figure shown as equal to
// the level meets it). When only one level applies, meeting it is Green and missing it Red. A
// neutral indicator rates Grey; an indicator not in the catalogue, or a measure with no levels,
// rates None.
func (m Measure) RAG(value float64, at calendar.Date) rating.Rating {
	ind, ok := indicator.Lookup(m.Indicator)
	if !ok {
		return rating.None
	}
	if ind.Polarity != indicator.HigherIsBetter && ind.Polarity != indicator.LowerIsBetter {
		return rating.Grey
	}
	t := m.TargetAt(at)
	v := indicator.Round(value, ind.Decimals)
	meets := func(level *float64) bool {
		const eps = 1e-9 // absorbs floating-point noise, as package rating does
		if ind.Polarity == indicator.HigherIsBetter {
			return v >= *level-eps
		}
		return v <= *level+eps
	}
	switch {
	case t.Milestone == nil && t.Stretch == nil:
		return rating.None
	case t.Stretch != nil && meets(t.Stretch):
		return rating.Green
	case t.Milestone == nil || t.Stretch == nil:
		if t.Milestone != nil && meets(t.Milestone) {
			return rating.Green
		}
		return rating.Red
	case meets(t.Milestone):
		return rating.Amber
	}
	return rating.Red
}
