package chart

import (
	"html/template"
	"math"
	"strconv"
)

// FunnelPoint is one authority on a funnel plot.
type FunnelPoint struct {
	Label       string
	Denominator float64
	Value       float64
	Highlight   bool // the authority being viewed: drawn larger and labelled
}

// FunnelChart is a funnel plot: each authority's value against its denominator, with the England
// value as the centre line and 95% and 99.8% control limits that narrow as the denominator grows.
// Authorities outside the 99.8% limits are unlikely to differ from England by chance alone.
//
// The denominator axis starts at zero; the value axis follows the same zero rule as LineChart.
type FunnelChart struct {
	Title    string
	Desc     string
	Unit     string
	Decimals int
	Centre   float64 // the England value
	Points   []FunnelPoint
	// Limits returns the control limits at a denominator; ok false (or non-finite limits) leaves a
	// gap in the curves. A nil Limits draws no curves.
	Limits      func(denominator float64) (lo95, hi95, lo998, hi998 float64, ok bool)
	Width       int    // default 640
	Height      int    // default 320
	CentreLabel string // legend name of the centre line; default "England"
	XLabel      string // denominator axis label; default "Denominator"
	ID          string // optional id prefix; by default a hash of the chart
}

// limitSamples is the number of denominators at which control limits are evaluated.
const limitSamples = 96

// SVG renders the chart as an <svg> element.
func (f FunnelChart) SVG() template.HTML {
	width, height := dims(f.Width, f.Height, 640, 320)
	W, H := float64(width), float64(height)
	dec := clampDecimals(f.Decimals)
	centreLabel := f.CentreLabel
	if centreLabel == "" {
		centreLabel = "England"
	}
	xLabel := f.XLabel
	if xLabel == "" {
		xLabel = "Denominator"
	}
	centreOK := usable(f.Centre)

	var pts []FunnelPoint
	dmax := 0.0
	vmin, vmax := math.Inf(1), math.Inf(-1)
	for _, p := range f.Points {
		if !usable(p.Denominator) || p.Denominator <= 0 || !usable(p.Value) {
			continue
		}
		pts = append(pts, p)
		dmax = max(dmax, p.Denominator)
		vmin, vmax = min(vmin, p.Value), max(vmax, p.Value)
	}
	if centreOK {
		vmin, vmax = min(vmin, f.Centre), max(vmax, f.Centre)
	}

	// Legend and layout.
	items := []legendItem{}
	if centreOK {
		items = append(items, legendItem{name: centreLabel, class: "funnel-centre", stroke: colInk, width: 2})
	}
	if f.Limits != nil {
		items = append(items,
			legendItem{name: "95% limits", class: "funnel-limit-95", stroke: colGrey, width: 1.5, dash: "6 4"},
			legendItem{name: "99.8% limits", class: "funnel-limit-998", stroke: colGrey, width: 1.5, dash: "2 3"})
	}
	for _, p := range pts {
		if p.Highlight && p.Label != "" {
			items = append(items, legendItem{name: p.Label, class: "legend-marker legend-highlight", marker: true, fill: colMain, stroke: colInk, width: 1.5, radius: 5})
			break
		}
	}
	rows, xs, nRows := legendRows(items, 8, W-8)
	legendTop := 4.0
	y := legendTop + 16*float64(nRows)
	unitY := y + 12
	if f.Unit != "" {
		y += 16
	}
	top := y + 10
	bottom := H - 40
	if bottom-top < 10 {
		bottom = top + 10
	}

	ya, yLabels, labelW := valueAxis(vmin, vmax, top, bottom)
	left := max(labelW+12, 28)
	right := W - 16
	if right-left < 10 {
		right = left + 10
	}
	if dmax == 0 {
		dmax = 1
	}
	xa := niceAxis(0, dmax, int(min(max((right-left)/90, 2), 10)))

	xOf := func(d float64) float64 { return scale(d, xa.lo, xa.hi, left, right) }
	yOf := func(v float64) float64 { return scale(v, ya.lo, ya.hi, bottom, top) }

	var w writer
	w.open("chart chart-funnel", width, height, f.Title, join(f.Desc, f.summary(pts, centreOK, centreLabel, dec)))
	w.raw(`<defs><clipPath id="` + idMark + `-clip"><rect`)
	w.attrNum("x", left)
	w.attrNum("y", top)
	w.attrNum("width", right-left)
	w.attrNum("height", bottom-top)
	w.raw(`/></clipPath></defs>`)
	w.raw(`<rect class="plot-area"`)
	w.attrNum("x", left)
	w.attrNum("y", top)
	w.attrNum("width", right-left)
	w.attrNum("height", bottom-top)
	w.raw(` fill="none"/>`)

	w.raw(`<g class="axis axis-y">`)
	for i, t := range ya.ticks {
		ty := yOf(t)
		w.line("grid", left, ty, right, ty, colGrid, 1, "")
		w.textAt("tick-label", left-6, ty+4, "end", yLabels[i])
	}
	if f.Unit != "" {
		w.textAt("axis-unit", 8, unitY, "", f.Unit)
	}
	w.raw(`</g><g class="axis axis-x">`)
	w.line("axis-line", left, bottom, right, bottom, colGrey, 1, "")
	xLabels := xa.labels()
	for i, t := range xa.ticks {
		tx := xOf(t)
		w.line("tick", tx, bottom, tx, bottom+4, colGrey, 1, "")
		label := xLabels[i]
		half := textWidth(label) / 2
		w.textAt("tick-label", min(max(tx, half+2), W-half-2), bottom+16, "middle", label)
	}
	w.textAt("axis-label", (left+right)/2, bottom+32, "middle", xLabel)
	w.raw(`</g>`)

	// Control limits, sampled more densely at small denominators where they curve most, and clipped
	// to the plot area.
	w.raw(`<g class="funnel-limits" clip-path="url(#` + idMark + `-clip)">`)
	if f.Limits != nil {
		var paths [4][]byte
		var inRun [4]bool
		for i := 1; i <= limitSamples; i++ {
			q := float64(i) / limitSamples
			d := xa.lo + (xa.hi-xa.lo)*q*q
			lo95, hi95, lo998, hi998, ok := f.Limits(d)
			vals := [4]float64{lo95, hi95, lo998, hi998}
			for k, v := range vals {
				if !ok || math.IsNaN(v) || math.IsInf(v, 0) {
					inRun[k] = false
					continue
				}
				// Keep far-off values a little beyond the plot so the clip, not the bound, trims them.
				py := min(max(yOf(v), top-(bottom-top)), bottom+(bottom-top))
				if inRun[k] {
					paths[k] = append(paths[k], 'L')
				} else {
					if len(paths[k]) > 0 {
						paths[k] = append(paths[k], ' ')
					}
					paths[k] = append(paths[k], 'M')
				}
				paths[k] = appendCoord(paths[k], xOf(d))
				paths[k] = append(paths[k], ' ')
				paths[k] = appendCoord(paths[k], py)
				inRun[k] = true
			}
		}
		classes := [4]string{"funnel-limit-95 lower", "funnel-limit-95 upper", "funnel-limit-998 lower", "funnel-limit-998 upper"}
		dashes := [4]string{"6 4", "6 4", "2 3", "2 3"}
		for k := range paths {
			if len(paths[k]) == 0 {
				continue
			}
			w.raw(`<path class="` + classes[k] + `" d="`)
			w.raw(string(paths[k]))
			w.raw(`" fill="none" stroke="` + colGrey + `" stroke-width="1.5" stroke-dasharray="` + dashes[k] + `"/>`)
		}
	}
	if centreOK {
		cy := yOf(f.Centre)
		w.line("funnel-centre", left, cy, right, cy, colInk, 2, "")
	}
	w.raw(`</g>`)

	// Points: others first, highlighted on top with their labels.
	w.raw(`<g class="funnel-points">`)
	for pass := range 2 {
		for _, p := range pts {
			if p.Highlight != (pass == 1) {
				continue
			}
			px, py := xOf(p.Denominator), yOf(p.Value)
			tip := p.Label + ": " + withUnit(formatNumber(p.Value, dec), f.Unit) + " (denominator " + formatNumber(p.Denominator, 0) + ")"
			if !p.Highlight {
				w.circle("funnel-point", px, py, 3.5, colLight, colGrey, 1, tip)
				continue
			}
			w.circle("funnel-point funnel-point-highlight", px, py, 6, colMain, colInk, 2, tip)
			if p.Label != "" {
				lw := textWidth(p.Label)
				if px+10+lw <= W-2 {
					w.textAt("funnel-label", px+10, py+4, "", p.Label)
				} else {
					w.textAt("funnel-label", px-10, py+4, "end", p.Label)
				}
			}
		}
	}
	w.raw(`</g>`)

	if len(pts) == 0 {
		w.textAt("no-data", (left+right)/2, (top+bottom)/2+4, "middle", "No data")
	}
	w.legend(items, rows, xs, legendTop)
	return w.finish(f.ID)
}

// position describes where v lies against the control limits at denominator d.
func (f FunnelChart) position(d, v float64) string {
	if f.Limits == nil {
		return ""
	}
	lo95, hi95, lo998, hi998, ok := f.Limits(d)
	if !ok || !usable(lo95) || !usable(hi95) || !usable(lo998) || !usable(hi998) {
		return ""
	}
	switch {
	case v > hi998:
		return "above the upper 99.8% control limit"
	case v < lo998:
		return "below the lower 99.8% control limit"
	case v > hi95:
		return "above the upper 95% control limit but within the 99.8% limits"
	case v < lo95:
		return "below the lower 95% control limit but within the 99.8% limits"
	}
	return "within the 95% control limits"
}

// summary describes the plot in words for <desc>.
func (f FunnelChart) summary(pts []FunnelPoint, centreOK bool, centreLabel string, dec int) string {
	if len(pts) == 0 {
		return "No data."
	}
	val := func(v float64) string { return withUnit(formatNumber(v, dec), f.Unit) }
	s := "Funnel plot of " + strconv.Itoa(len(pts)) + " authorities"
	if centreOK {
		s += " against " + centreLabel + " (" + val(f.Centre) + ")"
	}
	s += "."
	out := 0
	for _, p := range pts {
		if pos := f.position(p.Denominator, p.Value); pos == "above the upper 99.8% control limit" || pos == "below the lower 99.8% control limit" {
			out++
		}
	}
	if f.Limits != nil {
		s += " " + strconv.Itoa(out) + " outside the 99.8% control limits."
	}
	for _, p := range pts {
		if !p.Highlight {
			continue
		}
		name := p.Label
		if name == "" {
			name = "Highlighted authority"
		}
		s += " " + name + ": " + val(p.Value) + " with a denominator of " + formatNumber(p.Denominator, 0)
		if pos := f.position(p.Denominator, p.Value); pos != "" {
			s += ", " + pos
		}
		s += "."
	}
	return s
}
