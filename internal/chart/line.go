package chart

import (
	"html/template"
	"math"
	"slices"
	"strconv"

	"csperf/internal/calendar"
)

// LineChart is a time series chart: the authority's own series, comparators and reference lines.
//
// The value axis starts at zero unless the data (and reference lines) are far from zero; see
// includeZero. Percentages are 0-100 values and are never rescaled.
type LineChart struct {
	Title    string // accessible name (<title>); pages and reports show their own heading
	Desc     string // optional description, prepended to the generated summary in <desc>
	Unit     string // axis label, e.g. "%" or "per 10,000"
	Decimals int    // decimals of values in labels and the summary (0-6)
	Lines    []Line
	Refs     []Ref
	Width    int    // default 640
	Height   int    // default 280
	ID       string // optional id prefix for the chart's elements; by default a hash of the chart
}

// lineStyle is how one series is drawn.
type lineStyle struct {
	class  string
	stroke string
	width  float64
	dash   string
}

// comparatorStyles are cycled through by comparator lines: distinct dash patterns so that lines can
// be told apart without colour.
var comparatorStyles = []lineStyle{
	{"line-comparator line-comparator-1", colGrey, 2, "8 4"},
	{"line-comparator line-comparator-2", colInk, 2, "2 3"},
	{"line-comparator line-comparator-3", "#4c2c92", 2, "10 3 2 3"},
	{"line-comparator line-comparator-4", "#6f777b", 2, "4 4"},
	{"line-comparator line-comparator-5", colInk, 1.5, "12 3 2 3 2 3"},
}

// refStyle returns how a reference line of the kind is drawn.
func refStyle(k RefKind) lineStyle {
	switch k {
	case Milestone:
		return lineStyle{"ref " + k.class(), colGrey, 1.5, "3 3"}
	case Stretch:
		return lineStyle{"ref " + k.class(), colGrey, 1.5, "12 3 3 3"}
	}
	return lineStyle{"ref " + k.class(), colInk, 1.5, "12 4"}
}

// series is a line ready to draw: points cleaned and in date order.
type series struct {
	name  string
	kind  LineKind
	style lineStyle
	pts   []Point // Valid false where the line breaks
	n     int     // number of valid points
}

// cleanPoints copies pts in date order, marking as invalid anything that cannot be drawn.
func cleanPoints(pts []Point) ([]Point, int) {
	out := make([]Point, len(pts))
	n := 0
	for i, p := range pts {
		if !p.Valid || p.At.IsZero() || !usable(p.Value) {
			p.Valid = false
		} else {
			n++
		}
		out[i] = p
	}
	slices.SortStableFunc(out, func(a, b Point) int {
		switch {
		case a.At < b.At:
			return -1
		case a.At > b.At:
			return 1
		}
		return 0
	})
	return out, n
}

// SVG renders the chart as an <svg> element.
func (c LineChart) SVG() template.HTML {
	width, height := dims(c.Width, c.Height, 640, 280)
	W, H := float64(width), float64(height)
	dec := clampDecimals(c.Decimals)

	// Series, comparators numbered in order; mains drawn last so they sit on top.
	var all []series
	nComp := 0
	for _, l := range c.Lines {
		pts, n := cleanPoints(l.Points)
		s := series{name: l.Name, kind: l.Kind, pts: pts, n: n}
		if l.Kind == Comparator {
			s.style = comparatorStyles[nComp%len(comparatorStyles)]
			nComp++
		} else {
			s.kind = Main
			s.style = lineStyle{"line-main", colMain, 3, ""}
		}
		all = append(all, s)
	}

	// Data extent.
	vmin, vmax := math.Inf(1), math.Inf(-1)
	var dates []calendar.Date
	for _, s := range all {
		for _, p := range s.pts {
			if p.Valid {
				vmin, vmax = min(vmin, p.Value), max(vmax, p.Value)
				dates = append(dates, p.At)
			}
		}
	}
	slices.Sort(dates)
	dates = slices.Compact(dates)
	var refs []Ref
	for _, r := range c.Refs {
		if usable(r.Value) {
			refs = append(refs, r)
			vmin, vmax = min(vmin, r.Value), max(vmax, r.Value)
		}
	}
	hasData := len(dates) > 0

	// Vertical layout: legend rows, unit label, plot, date labels.
	var items []legendItem
	for _, s := range all {
		if s.name != "" {
			items = append(items, legendItem{name: s.name, class: s.style.class, stroke: s.style.stroke, width: s.style.width, dash: s.style.dash})
		}
	}
	rows, xs, nRows := legendRows(items, 8, W-8)
	y := 4.0
	legendTop := y
	y += 16 * float64(nRows)
	unitY := y + 12
	if c.Unit != "" {
		y += 16
	}
	top := y + 10
	bottom := H - 24
	if bottom-top < 10 {
		bottom = top + 10
	}

	// Value axis.
	ya, tickLabels, labelW := valueAxis(vmin, vmax, top, bottom)

	// Reference labels decide the right margin.
	refLabels := make([]string, len(refs))
	refW := 0.0
	for i, r := range refs {
		name := r.Name
		if name == "" {
			name = r.Kind.String()
		}
		refLabels[i] = name + " " + shortUnit(formatNumber(r.Value, dec), c.Unit)
		refW = max(refW, textWidth(refLabels[i]))
	}
	left := max(labelW+12, 28)
	right := W - 16
	if len(refs) > 0 {
		right = W - min(refW+10, W/3)
	}
	if right-left < 10 {
		right = left + 10
	}

	yOf := func(v float64) float64 { return scale(v, ya.lo, ya.hi, bottom, top) }
	var d0, d1 float64
	if hasData {
		d0, d1 = float64(dates[0]), float64(dates[len(dates)-1])
	}
	xOf := func(d calendar.Date) float64 { return scale(float64(d), d0, d1, left, right) }

	var w writer
	w.open("chart chart-line", width, height, c.Title, join(c.Desc, c.summary(all, refs, dec)))
	w.raw(`<rect class="plot-area"`)
	w.attrNum("x", left)
	w.attrNum("y", top)
	w.attrNum("width", right-left)
	w.attrNum("height", bottom-top)
	w.raw(` fill="none"/>`)

	// Value axis: gridlines and labels.
	w.raw(`<g class="axis axis-y">`)
	for i, t := range ya.ticks {
		ty := yOf(t)
		cls, col := "grid", colGrid
		if t == 0 {
			cls, col = "grid grid-zero", colGrey
		}
		w.line(cls, left, ty, right, ty, col, 1, "")
		w.textAt("tick-label", left-6, ty+4, "end", tickLabels[i])
	}
	if c.Unit != "" {
		w.textAt("axis-unit", 8, unitY, "", c.Unit)
	}
	w.raw(`</g>`)

	// Date axis.
	w.raw(`<g class="axis axis-x">`)
	w.line("axis-line", left, bottom, right, bottom, colGrey, 1, "")
	maxTicks := min(int((right-left)/70)+1, 12)
	for _, t := range dateTicks(dates, maxTicks) {
		tx := xOf(t.at)
		w.line("tick", tx, bottom, tx, bottom+4, colGrey, 1, "")
		half := textWidth(t.label) / 2
		w.textAt("tick-label", min(max(tx, half+2), W-half-2), bottom+16, "middle", t.label)
	}
	w.raw(`</g>`)

	// Reference lines, labelled at the right end, labels kept apart.
	if len(refs) > 0 {
		ly := make([]float64, len(refs))
		for i, r := range refs {
			ly[i] = yOf(r.Value) + 4
		}
		spreadLabels(ly, 12, top, H-4)
		w.raw(`<g class="refs">`)
		for i, r := range refs {
			st := refStyle(r.Kind)
			ry := yOf(r.Value)
			w.line(st.class, left, ry, right, ry, st.stroke, st.width, st.dash)
			w.textAt("ref-label "+r.Kind.class()+"-label", right+4, ly[i], "", refLabels[i])
		}
		w.raw(`</g>`)
	}

	// Series: comparators first, then main lines on top.
	w.raw(`<g class="series">`)
	for pass := range 2 {
		for _, s := range all {
			if (pass == 0) != (s.kind == Comparator) {
				continue
			}
			w.series(s, xOf, yOf)
		}
	}
	w.raw(`</g>`)

	if !hasData {
		w.textAt("no-data", (left+right)/2, (top+bottom)/2+4, "middle", "No data")
	}
	w.legend(items, rows, xs, legendTop)
	return w.finish(c.ID)
}

// series writes one line as a path broken at missing values, with markers: at every value of a main
// line, and at isolated values of a comparator (which would otherwise not show).
func (w *writer) series(s series, xOf func(calendar.Date) float64, yOf func(float64) float64) {
	if s.n == 0 {
		return
	}
	w.raw(`<g`)
	w.attr("class", s.style.class)
	w.raw(`>`)
	var d []byte
	inRun := false
	for _, p := range s.pts {
		if !p.Valid {
			inRun = false
			continue
		}
		if inRun {
			d = append(d, 'L')
		} else {
			if len(d) > 0 {
				d = append(d, ' ')
			}
			d = append(d, 'M')
		}
		d = appendCoord(d, xOf(p.At))
		d = append(d, ' ')
		d = appendCoord(d, yOf(p.Value))
		inRun = true
	}
	w.raw(`<path d="`)
	w.raw(string(d))
	w.raw(`" fill="none" stroke="` + s.style.stroke + `" stroke-width="`)
	w.b = strconv.AppendFloat(w.b, s.style.width, 'f', -1, 64)
	w.raw(`" stroke-linejoin="round" stroke-linecap="round"`)
	if s.style.dash != "" {
		w.raw(` stroke-dasharray="` + s.style.dash + `"`)
	}
	w.raw(`/>`)
	for i, p := range s.pts {
		if !p.Valid {
			continue
		}
		isolated := (i == 0 || !s.pts[i-1].Valid) && (i == len(s.pts)-1 || !s.pts[i+1].Valid)
		switch {
		case s.kind == Main:
			w.circle("point", xOf(p.At), yOf(p.Value), 3.5, s.style.stroke, "#ffffff", 1, "")
		case isolated:
			w.circle("point", xOf(p.At), yOf(p.Value), 2.5, s.style.stroke, "", 0, "")
		}
	}
	w.raw(`</g>`)
}

// summary describes the chart's data in words for <desc>.
func (c LineChart) summary(all []series, refs []Ref, dec int) string {
	var parts []string
	anyData := false
	for i, s := range all {
		name := s.name
		if name == "" {
			name = "Series " + strconv.Itoa(i+1)
		}
		if s.n == 0 {
			parts = append(parts, name+": no data.")
			continue
		}
		anyData = true
		var first, last, lo, hi Point
		for _, p := range s.pts {
			if !p.Valid {
				continue
			}
			if !first.Valid {
				first, lo, hi = p, p, p
			}
			last = p
			if p.Value < lo.Value {
				lo = p
			}
			if p.Value > hi.Value {
				hi = p
			}
		}
		v := func(p Point) string { return withUnit(formatNumber(p.Value, dec), c.Unit) }
		txt := name + ": latest " + v(last) + " (" + longDate(last.At) + ")"
		if s.n > 1 {
			txt += "; " + strconv.Itoa(s.n) + " values from " + longDate(first.At) +
				", lowest " + v(lo) + " (" + longDate(lo.At) + "), highest " + v(hi) + " (" + longDate(hi.At) + ")"
		}
		parts = append(parts, txt+".")
	}
	if !anyData && len(all) == 0 {
		parts = append(parts, "No data.")
	}
	for _, r := range refs {
		name := r.Name
		if name == "" {
			name = r.Kind.String()
		}
		parts = append(parts, name+": "+withUnit(formatNumber(r.Value, dec), c.Unit)+".")
	}
	return join(parts...)
}

// valueAxis chooses the value axis for values from vmin to vmax (vmin +Inf when there are none)
// drawn between top and bottom, about one tick per 40 pixels: its ticks' labels and their widest.
func valueAxis(vmin, vmax, top, bottom float64) (axis, []string, float64) {
	var ya axis
	if math.IsInf(vmin, 0) {
		ya = niceAxis(0, 1, 4)
	} else {
		lo, hi := includeZero(vmin, vmax)
		ya = niceAxis(lo, hi, int(min(max((bottom-top)/40, 2), 8)))
	}
	labels := ya.labels()
	width := 0.0
	for _, l := range labels {
		width = max(width, textWidth(l))
	}
	return ya, labels, width
}
