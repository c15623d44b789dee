package chart

import (
	"html/template"
	"math"

	"csperf/internal/calendar"
)

// Sparkline renders a tiny inline trend of values (default 120×32 pixels) with the last value
// marked. Values are placed by date and the vertical scale runs from the lowest to the highest value
// (not from zero: a sparkline shows shape). title is the accessible name; <desc> gives the latest
// value and the range.
func Sparkline(title string, values []Point, width, height int) template.HTML {
	wi, hi := dims(width, height, 120, 32)
	W, H := float64(wi), float64(hi)
	pts, n := cleanPoints(values)

	vmin, vmax := math.Inf(1), math.Inf(-1)
	var d0, d1 calendar.Date
	var last, lo, hiP Point
	allInt := true
	for _, p := range pts {
		if !p.Valid {
			continue
		}
		if !last.Valid {
			d0, lo, hiP = p.At, p, p
		}
		d1, last = p.At, p
		vmin, vmax = min(vmin, p.Value), max(vmax, p.Value)
		if p.Value < lo.Value {
			lo = p
		}
		if p.Value > hiP.Value {
			hiP = p
		}
		if p.Value != math.Trunc(p.Value) {
			allInt = false
		}
	}
	dec := 0
	switch {
	case allInt:
	case math.Max(math.Abs(vmin), math.Abs(vmax)) >= 10:
		dec = 1
	default:
		dec = 2
	}

	desc := "No data."
	if n > 0 {
		desc = "Latest " + formatNumber(last.Value, dec) + " (" + longDate(last.At) + ")."
		if n > 1 {
			desc += " Lowest " + formatNumber(lo.Value, dec) + " (" + longDate(lo.At) + "), highest " +
				formatNumber(hiP.Value, dec) + " (" + longDate(hiP.At) + ")."
		}
	}

	const pad = 3.0
	xOf := func(d calendar.Date) float64 { return scale(float64(d), float64(d0), float64(d1), pad, W-pad) }
	yOf := func(v float64) float64 { return scale(v, vmin, vmax, H-pad, pad) }

	var w writer
	w.open("chart sparkline", wi, hi, title, desc)
	if n > 0 {
		s := series{kind: Comparator, style: lineStyle{"spark-line", colMain, 1.5, ""}, pts: pts, n: n}
		w.series(s, xOf, yOf)
		w.circle("spark-last", xOf(last.At), yOf(last.Value), 2.5, colInk, "", 0, "")
	}
	return w.finish("")
}
