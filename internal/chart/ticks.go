package chart

import (
	"math"
	"strconv"
	"time"

	"csperf/internal/calendar"
)

// axis is a linear value axis: its ends are multiples of step, ticks lie at every step, and labels
// use decimals places.
type axis struct {
	lo, hi   float64
	step     float64
	decimals int
	ticks    []float64
}

// niceStep returns the smallest 1-2-5 step (1, 2, 5, 10, 20, 50 …) at least raw, and the decimals
// needed to print its multiples.
func niceStep(raw float64) (float64, int) {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1, 0
	}
	e := math.Floor(math.Log10(raw))
	mag := math.Pow(10, e)
	var step float64
	switch f := raw / mag; {
	case f <= 1+1e-9:
		step = mag
	case f <= 2+1e-9:
		step = 2 * mag
	case f <= 5+1e-9:
		step = 5 * mag
	default:
		step = 10 * mag
		e++
	}
	return step, int(max(0, -e))
}

// niceAxis returns an axis covering [lo, hi] with at most about target intervals of a 1-2-5 step.
// A zero-width range is widened (to 0..1 for zero, otherwise out to zero); callers apply their own
// rule about starting at zero before calling.
func niceAxis(lo, hi float64, target int) axis {
	if !usable(lo) || !usable(hi) {
		lo, hi = 0, 1
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if hi-lo < 1e-12*max(math.Abs(lo), math.Abs(hi), 1) {
		switch {
		case lo > 0:
			lo = 0
		case lo < 0:
			hi = 0
		default:
			hi = 1
		}
	}
	target = min(max(target, 1), 20)
	step, dec := niceStep((hi - lo) / float64(target))
	k0 := math.Floor(lo/step + 1e-9)
	k1 := math.Ceil(hi/step - 1e-9)
	n := int(min(k1-k0, 40))
	a := axis{lo: k0 * step, hi: (k0 + float64(n)) * step, step: step, decimals: dec}
	for i := 0; i <= n; i++ {
		a.ticks = append(a.ticks, (k0+float64(i))*step)
	}
	return a
}

// includeZero applies the rule charts use for their value axis: it starts at zero when all values
// are on one side of zero and zero is no further from the nearest value than the values' own spread
// (the nearest value is at most half the farthest), or when all values are equal. Data far from
// zero (say percentages between 85 and 95) keep an axis fitted to the data, so that change is
// visible; everything else (most counts, rates and percentages) is shown against zero so that bar
// heights and gaps are not exaggerated.
func includeZero(lo, hi float64) (float64, float64) {
	switch {
	case lo >= 0 && (lo <= hi/2 || lo == hi):
		return 0, hi
	case hi <= 0 && (hi >= lo/2 || lo == hi):
		return lo, 0
	}
	return lo, hi
}

// scale maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps to the middle of the range.
func scale(v, d0, d1, r0, r1 float64) float64 {
	if d1 == d0 {
		return (r0 + r1) / 2
	}
	return r0 + (v-d0)/(d1-d0)*(r1-r0)
}

// dateTick is one tick on a date axis.
type dateTick struct {
	at    calendar.Date
	label string
}

// dateTicks chooses ticks for sorted, distinct dates, with at most maxTicks ticks. When there are
// few dates with distinct months (annual or quarterly returns) the ticks are the dates themselves,
// labelled "Mar 2025". Otherwise ticks fall on the first of the month every 1, 3 or 6 months
// (labelled "Apr 2025") or on 1 January every 1, 2, 5, 10 … years (labelled "2025"), whichever is
// the finest that fits. A range within one month gets its end dates, labelled in full.
func dateTicks(dates []calendar.Date, maxTicks int) []dateTick {
	if len(dates) == 0 {
		return nil
	}
	maxTicks = max(maxTicks, 2)
	if len(dates) <= maxTicks {
		seen := make(map[string]bool, len(dates))
		ticks := make([]dateTick, 0, len(dates))
		for _, d := range dates {
			l := monthYear(d)
			if seen[l] {
				ticks = nil
				break
			}
			seen[l] = true
			ticks = append(ticks, dateTick{d, l})
		}
		if ticks != nil {
			return ticks
		}
	}
	lo, hi := dates[0], dates[len(dates)-1]
	ly, lm, ld := lo.Civil()
	hy, hm, _ := hi.Civil()
	first := ly*12 + int(lm) - 1 // month index of the first month start on or after lo
	if ld > 1 {
		first++
	}
	last := hy*12 + int(hm) - 1
	if first > last {
		return []dateTick{{lo, longDate(lo)}, {hi, longDate(hi)}}
	}
	for _, iv := range monthIntervals() {
		n := floorDiv(last, iv) - ceilDiv(first, iv) + 1
		if n > maxTicks {
			continue
		}
		if n == 0 {
			break
		}
		var ticks []dateTick
		for k := ceilDiv(first, iv); k <= floorDiv(last, iv); k++ {
			m := k * iv
			y, mo := floorDiv(m, 12), m-floorDiv(m, 12)*12+1
			d := calendar.Of(y, time.Month(mo), 1)
			label := strconv.Itoa(y)
			if iv < 12 {
				label = monthAbbr[mo-1] + " " + label
			}
			ticks = append(ticks, dateTick{d, label})
		}
		return ticks
	}
	return []dateTick{{lo, longDate(lo)}, {hi, longDate(hi)}}
}

// monthIntervals lists tick intervals in months: 1, 3 and 6 months, then 1-2-5 multiples of a year
// up to a span wider than any int32 date range.
func monthIntervals() []int {
	ivs := []int{1, 3, 6}
	for y := 1; y <= 10_000_000; y *= 10 {
		ivs = append(ivs, 12*y, 24*y, 60*y)
	}
	return ivs
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int) int { return -floorDiv(-a, b) }

// labels returns the tick labels, with thousands separators, or in millions ("1.5m") or billions
// ("2bn") when the axis reaches that far so that labels stay short.
func (a axis) labels() []string {
	div, suffix := 1.0, ""
	switch m := max(math.Abs(a.lo), math.Abs(a.hi)); {
	case m >= 1e9:
		div, suffix = 1e9, "bn"
	case m >= 1e6:
		div, suffix = 1e6, "m"
	}
	dec := a.decimals
	if div > 1 {
		dec = 0
		if s := a.step / div; s < 1 {
			dec = int(-math.Floor(math.Log10(s) + 1e-9))
		}
	}
	out := make([]string, len(a.ticks))
	for i, t := range a.ticks {
		out[i] = formatNumber(t/div, dec)
		if suffix != "" && t != 0 {
			out[i] += suffix
		}
	}
	return out
}
