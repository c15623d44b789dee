// Package chart draws the charts csperf shows as server-rendered SVG, so that the same chart appears
// on a web page, in a committee report and in a PDF.
//
// Every chart is a self-contained <svg> element that works under a strict Content-Security-Policy:
// no style attributes, no <style> or <script> elements. Appearance comes from SVG presentation
// attributes (fill, stroke, stroke-dasharray, font-size, text-anchor) and class names ("line-main",
// "line-comparator", "ref-target", "funnel-point", "bar" …) that a page's stylesheet may override.
// Default colours stay readable in greyscale and colour is never the only signal: series differ by
// line width and dash pattern and are named in a legend or a label.
//
// Charts are accessible images: role="img" with a <title> and a <desc> that summarises the data
// (latest value, range, reference lines, outliers) for screen-reader users. Element ids are derived
// from a hash of the rendered chart, so the output is deterministic (byte-identical for the same
// input, which golden-file tests of reports rely on) and different charts on one page get different
// ids. Non-finite values (NaN, ±Inf) and values beyond ±1e15 are skipped; no input makes a chart
// panic.
package chart

import (
	"cmp"
	"encoding/xml"
	"hash/fnv"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"csperf/internal/calendar"
)

// Point is one value at a date. Missing values (Valid false), the blank date and non-finite values
// break the line.
type Point struct {
	At    calendar.Date
	Value float64
	Valid bool
}

// LineKind says how a line is drawn.
type LineKind int

const (
	// Main is the authority's own series: solid, thick, with a marker at every value.
	Main LineKind = iota
	// Comparator is a series to compare against (England, region, statistical-neighbour mean):
	// thinner and dashed, each comparator with its own dash pattern.
	Comparator
)

// Line is one named series on a LineChart.
type Line struct {
	Name   string
	Points []Point
	Kind   LineKind
}

// RefKind says which reference a horizontal reference line marks.
type RefKind int

const (
	// Target is the value the authority aims for.
	Target RefKind = iota
	// Milestone is an interim value on the way to the target.
	Milestone
	// Stretch is an ambitious value beyond the target.
	Stretch
)

// String returns the kind's name as a label ("Target", "Milestone", "Stretch").
func (k RefKind) String() string {
	switch k {
	case Milestone:
		return "Milestone"
	case Stretch:
		return "Stretch"
	}
	return "Target"
}

// class returns the class name of the kind's reference line ("ref-target" …).
func (k RefKind) class() string { return "ref-" + strings.ToLower(k.String()) }

// Ref is a horizontal reference line at Value, labelled at its right end with Name (or, when Name is
// empty, the kind's name) and the value.
type Ref struct {
	Name  string
	Value float64
	Kind  RefKind
}

// maxAbs bounds the values charts accept; anything larger in magnitude is treated as missing so that
// spans and tick arithmetic stay finite and exact enough.
const maxAbs = 1e15

// maxSide bounds a chart's width and height in pixels.
const maxSide = 4000

// Default colours: GOV.UK palette, chosen to stay distinct in greyscale print.
const (
	colInk   = "#0b0c0c"
	colGrey  = "#505a5f"
	colGrid  = "#d8d8d8"
	colMain  = "#1d70b8"
	colLight = "#b1b4b6"
)

const fontFamily = "Arial, Helvetica, sans-serif"

// fontSize is the size of axis and legend text; charWidth estimates the advance of one character.
const (
	fontSize  = 11.0
	charWidth = fontSize * 0.6
)

// idMark stands for the chart's id while the chart is written. encoding/xml never lets NUL through
// escaped text, so the mark occurs only where the writer put it.
const idMark = "\x00"

// usable reports whether v is a value a chart can draw.
func usable(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) <= maxAbs }

// dims applies default and bounds to a chart's size.
func dims(w, h, defW, defH int) (int, int) {
	if w <= 0 {
		w = defW
	}
	if h <= 0 {
		h = defH
	}
	return min(max(w, 40), maxSide), min(max(h, 16), maxSide)
}

// clampDecimals keeps the number of decimals shown between 0 and 6.
func clampDecimals(d int) int { return min(max(d, 0), 6) }

// writer accumulates SVG markup.
type writer struct{ b []byte }

// Write lets encoding/xml escape straight into the buffer.
func (w *writer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func (w *writer) raw(s string) { w.b = append(w.b, s...) }

// text writes s escaped as XML character data (also safe inside attribute values).
func (w *writer) text(s string) { _ = xml.EscapeText(w, []byte(s)) }

// num writes a coordinate with one decimal.
func (w *writer) num(v float64) { w.b = appendCoord(w.b, v) }

// attr writes ` name="value"` with value escaped.
func (w *writer) attr(name, value string) {
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, '=', '"')
	w.text(value)
	w.b = append(w.b, '"')
}

// attrNum writes ` name="v"` with v as a coordinate.
func (w *writer) attrNum(name string, v float64) {
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, '=', '"')
	w.num(v)
	w.b = append(w.b, '"')
}

// appendCoord appends v with one decimal, bounded so that no coordinate is absurd and never "-0.0".
func appendCoord(b []byte, v float64) []byte {
	if math.IsNaN(v) {
		v = 0
	}
	v = math.Round(min(max(v, -1e6), 1e6)*10) / 10
	if v == 0 {
		v = 0 // turns -0 into 0
	}
	return strconv.AppendFloat(b, v, 'f', 1, 64)
}

// open writes the <svg> start tag with its title and desc.
func (w *writer) open(class string, width, height int, title, desc string) {
	w.raw(`<svg xmlns="http://www.w3.org/2000/svg"`)
	w.attr("class", class)
	w.raw(` width="` + strconv.Itoa(width) + `" height="` + strconv.Itoa(height) + `"`)
	w.raw(` viewBox="0 0 ` + strconv.Itoa(width) + " " + strconv.Itoa(height) + `"`)
	w.raw(` role="img" aria-labelledby="` + idMark + `-title ` + idMark + `-desc"`)
	w.attr("font-family", fontFamily)
	w.raw(` font-size="11" fill="` + colInk + `">`)
	w.raw(`<title id="` + idMark + `-title">`)
	w.text(title)
	w.raw(`</title><desc id="` + idMark + `-desc">`)
	w.text(desc)
	w.raw(`</desc>`)
}

// textAt writes a <text> element at (x, y) with the given class and anchor ("" for start).
func (w *writer) textAt(class string, x, y float64, anchor, s string) {
	w.raw(`<text`)
	if class != "" {
		w.attr("class", class)
	}
	w.attrNum("x", x)
	w.attrNum("y", y)
	if anchor != "" && anchor != "start" {
		w.raw(` text-anchor="` + anchor + `"`)
	}
	w.raw(`>`)
	w.text(s)
	w.raw(`</text>`)
}

// line writes a <line>.
func (w *writer) line(class string, x1, y1, x2, y2 float64, stroke string, width float64, dash string) {
	w.raw(`<line`)
	if class != "" {
		w.attr("class", class)
	}
	w.attrNum("x1", x1)
	w.attrNum("y1", y1)
	w.attrNum("x2", x2)
	w.attrNum("y2", y2)
	w.raw(` stroke="` + stroke + `" stroke-width="`)
	w.b = strconv.AppendFloat(w.b, width, 'f', -1, 64)
	w.raw(`"`)
	if dash != "" {
		w.raw(` stroke-dasharray="` + dash + `"`)
	}
	w.raw(`/>`)
}

// finish closes the chart and replaces the id mark with id, or with an id hashed from the whole
// rendered chart when id is not a usable XML name.
func (w *writer) finish(id string) template.HTML {
	w.raw(`</svg>`)
	if !validID(id) {
		h := fnv.New64a()
		_, _ = h.Write(w.b)
		id = "chart-" + strconv.FormatUint(h.Sum64(), 16)
	}
	return template.HTML(strings.ReplaceAll(string(w.b), idMark, id))
}

// validID reports whether id is safe to use as an element id prefix: an ASCII letter followed by
// letters, digits, '-' or '_'.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '_'):
		default:
			return false
		}
	}
	return true
}

// sanitizeClass keeps the characters of a class list that are safe and meaningful: letters, digits,
// '-', '_' and single spaces between names.
func sanitizeClass(s string) string {
	var b strings.Builder
	for _, f := range strings.Fields(s) {
		var name []byte
		for i := 0; i < len(f); i++ {
			c := f[i]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
				name = append(name, c)
			}
		}
		if len(name) > 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.Write(name)
		}
	}
	return b.String()
}

// textWidth estimates the width in pixels of s at the default font size.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * charWidth }

// truncate shortens s to at most width pixels, ending it with an ellipsis when cut.
func truncate(s string, width float64) string {
	n := int(width / charWidth)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// formatNumber formats v with the given decimals, rounding half away from zero, and thousands
// separators ("12,345.6"), never "-0".
func formatNumber(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	// Half away from zero, as DfE rounds (strconv alone rounds the binary value, so 68.25 → 68.2).
	if p := math.Pow10(decimals); !math.IsInf(v*p, 0) {
		if r := math.Round(v*p) / p; !math.IsInf(r, 0) {
			v = r
		}
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
		if strings.Trim(s, "0.") == "" {
			neg = false
		}
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) > 3 {
		var b strings.Builder
		head := len(intPart) % 3
		if head > 0 {
			b.WriteString(intPart[:head])
		}
		for i := head; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	if neg {
		return "-" + intPart + frac
	}
	return intPart + frac
}

// withUnit appends the unit to a formatted value: "62%" for percentages, "62 per 10,000" otherwise.
func withUnit(s, unit string) string {
	switch strings.TrimSpace(unit) {
	case "":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + strings.TrimSpace(unit)
}

// shortUnit appends only a percent sign, for labels where a long unit would not fit.
func shortUnit(s, unit string) string {
	if strings.TrimSpace(unit) == "%" {
		return s + "%"
	}
	return s
}

var monthAbbr = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// monthYear formats d as "Mar 2025".
func monthYear(d calendar.Date) string {
	y, m, _ := d.Civil()
	return monthAbbr[monthIndex(m)] + " " + strconv.Itoa(y)
}

// longDate formats d as "31 Mar 2025".
func longDate(d calendar.Date) string {
	y, m, day := d.Civil()
	return strconv.Itoa(day) + " " + monthAbbr[monthIndex(m)] + " " + strconv.Itoa(y)
}

// monthIndex returns m-1 bounded to 0..11.
func monthIndex(m time.Month) int { return min(max(int(m)-1, 0), 11) }

// join joins sentences, skipping empty ones.
func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// legendItem is one entry of a legend: a sample of the line or marker and a name.
type legendItem struct {
	name   string
	class  string
	stroke string
	width  float64
	dash   string
	marker bool // draw a dot instead of a line sample
	fill   string
	radius float64
}

// legendRows lays out items left to right from x0 within maxX, wrapping rows; it returns each
// item's row and x position and the number of rows.
func legendRows(items []legendItem, x0, maxX float64) (rows []int, xs []float64, n int) {
	x, row := x0, 0
	for i, it := range items {
		w := 26 + textWidth(it.name) + 14
		if i > 0 && x+w > maxX && x > x0 {
			row++
			x = x0
		}
		rows = append(rows, row)
		xs = append(xs, x)
		x += w
	}
	if len(items) > 0 {
		n = row + 1
	}
	return rows, xs, n
}

// legend writes the items; row r has its text baseline at top+12+16r.
func (w *writer) legend(items []legendItem, rows []int, xs []float64, top float64) {
	if len(items) == 0 {
		return
	}
	w.raw(`<g class="legend">`)
	for i, it := range items {
		y := top + 16*float64(rows[i])
		mid := y + 8
		if it.marker {
			w.circle(it.class, xs[i]+11, mid, it.radius, it.fill, it.stroke, it.width, "")
		} else {
			w.line(it.class, xs[i], mid, xs[i]+22, mid, it.stroke, it.width, it.dash)
		}
		w.textAt("legend-label", xs[i]+26, y+12, "", it.name)
	}
	w.raw(`</g>`)
}

// circle writes a <circle>, with an optional <title> tooltip.
func (w *writer) circle(class string, cx, cy, r float64, fill, stroke string, strokeWidth float64, tip string) {
	w.raw(`<circle`)
	if class != "" {
		w.attr("class", class)
	}
	w.attrNum("cx", cx)
	w.attrNum("cy", cy)
	w.attrNum("r", r)
	w.raw(` fill="` + fill + `"`)
	if stroke != "" {
		w.raw(` stroke="` + stroke + `" stroke-width="`)
		w.b = strconv.AppendFloat(w.b, strokeWidth, 'f', -1, 64)
		w.raw(`"`)
	}
	if tip == "" {
		w.raw(`/>`)
		return
	}
	w.raw(`><title>`)
	w.text(tip)
	w.raw(`</title></circle>`)
}

// spreadLabels moves label baselines (sorted by the caller's order) apart so that no two are closer
// than gap, keeping them within [lo, hi] where possible. ys is modified in place.
func spreadLabels(ys []float64, gap, lo, hi float64) {
	n := len(ys)
	if n == 0 {
		return
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(ys[a], ys[b]) })
	for k := 1; k < n; k++ {
		if ys[idx[k]] < ys[idx[k-1]]+gap {
			ys[idx[k]] = ys[idx[k-1]] + gap
		}
	}
	if ys[idx[n-1]] > hi {
		ys[idx[n-1]] = hi
		for k := n - 2; k >= 0; k-- {
			ys[idx[k]] = min(ys[idx[k]], ys[idx[k+1]]-gap)
		}
	}
	for k := range n {
		ys[idx[k]] = max(ys[idx[k]], lo)
	}
}
