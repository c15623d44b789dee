package chart

import (
	"html/template"
	"strconv"
)

// Bar is one bar of a BarChart. Class is added to the bar's class list (for example "rag-red" or
// "status-overdue") so pages can colour bars; the label always says what the bar is.
type Bar struct {
	Label string
	Value float64
	Class string
}

// BarChart is a horizontal bar chart with the value written at the end of each bar, used for counts
// such as findings by severity or actions by status. The value axis always includes zero.
type BarChart struct {
	Title    string
	Desc     string
	Unit     string
	Decimals int
	Bars     []Bar
	Width    int    // default 640
	Height   int    // default fits the bars: 26 pixels a bar plus the axis
	ID       string // optional id prefix; by default a hash of the chart
}

// SVG renders the chart as an <svg> element.
func (b BarChart) SVG() template.HTML {
	defH := 8 + 26*max(len(b.Bars), 1) + 28
	width, height := dims(b.Width, b.Height, 640, min(defH, maxSide))
	W, H := float64(width), float64(height)
	dec := clampDecimals(b.Decimals)

	lo, hi := 0.0, 0.0
	labelW, valueW := 0.0, 0.0
	valueLabels := make([]string, len(b.Bars))
	for i, bar := range b.Bars {
		labelW = max(labelW, textWidth(bar.Label))
		if usable(bar.Value) {
			lo, hi = min(lo, bar.Value), max(hi, bar.Value)
			valueLabels[i] = shortUnit(formatNumber(bar.Value, dec), b.Unit)
		} else {
			valueLabels[i] = "no data"
		}
		valueW = max(valueW, textWidth(valueLabels[i]))
	}

	top := 8.0
	unitY := 0.0
	if b.Unit != "" {
		unitY = top + 12
		top += 16
	}
	bottom := H - 28
	if bottom-top < 10 {
		bottom = top + 10
	}
	labelW = min(labelW, W*0.4)
	left := labelW + 16
	right := W - valueW - 12
	if right-left < 10 {
		right = left + 10
	}
	xa := niceAxis(lo, hi, int(min(max((right-left)/90, 2), 10)))
	xOf := func(v float64) float64 { return scale(v, xa.lo, xa.hi, left, right) }

	var w writer
	w.open("chart chart-bar", width, height, b.Title, join(b.Desc, b.summary(dec)))
	w.raw(`<rect class="plot-area"`)
	w.attrNum("x", left)
	w.attrNum("y", top)
	w.attrNum("width", right-left)
	w.attrNum("height", bottom-top)
	w.raw(` fill="none"/>`)
	w.raw(`<g class="axis axis-x">`)
	for i, l := range xa.labels() {
		tx := xOf(xa.ticks[i])
		cls, col := "grid", colGrid
		if xa.ticks[i] == 0 {
			cls, col = "grid grid-zero", colGrey
		}
		w.line(cls, tx, top, tx, bottom, col, 1, "")
		w.textAt("tick-label", tx, bottom+16, "middle", l)
	}
	if b.Unit != "" {
		w.textAt("axis-unit", left, unitY, "", b.Unit)
	}
	w.raw(`</g>`)

	if len(b.Bars) == 0 {
		w.textAt("no-data", (left+right)/2, (top+bottom)/2+4, "middle", "No data")
		return w.finish(b.ID)
	}
	row := (bottom - top) / float64(len(b.Bars))
	thick := max(row*0.64, 1)
	w.raw(`<g class="bars">`)
	for i, bar := range b.Bars {
		y0 := top + row*float64(i)
		mid := y0 + row/2
		w.textAt("bar-label", left-8, mid+4, "end", truncate(bar.Label, labelW))
		class := "bar"
		if c := sanitizeClass(bar.Class); c != "" {
			class += " " + c
		}
		if !usable(bar.Value) {
			w.textAt("bar-value no-data", xOf(0)+4, mid+4, "", valueLabels[i])
			continue
		}
		x0, x1 := xOf(min(0, bar.Value)), xOf(max(0, bar.Value))
		w.raw(`<rect`)
		w.attr("class", class)
		w.attrNum("x", x0)
		w.attrNum("y", mid-thick/2)
		w.attrNum("width", x1-x0)
		w.attrNum("height", thick)
		w.raw(` fill="` + colMain + `"><title>`)
		w.text(bar.Label + ": " + withUnit(formatNumber(bar.Value, dec), b.Unit))
		w.raw(`</title></rect>`)
		w.textAt("bar-value", max(x1, xOf(0))+4, mid+4, "", valueLabels[i])
	}
	w.raw(`</g>`)
	return w.finish(b.ID)
}

// summary lists the bars in words for <desc> (the first 50 of them).
func (b BarChart) summary(dec int) string {
	if len(b.Bars) == 0 {
		return "No data."
	}
	s := ""
	for i, bar := range b.Bars {
		if i == 50 {
			s += " and " + strconv.Itoa(len(b.Bars)-50) + " more."
			break
		}
		v := "no data"
		if usable(bar.Value) {
			v = withUnit(formatNumber(bar.Value, dec), b.Unit)
		}
		if i > 0 {
			s += "; "
		}
		s += bar.Label + ": " + v
		if i == len(b.Bars)-1 {
			s += "."
		}
	}
	return s
}
