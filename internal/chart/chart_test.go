package chart

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// elem is a parsed SVG element.
type elem struct {
	name     string
	attrs    map[string]string
	text     string // character data directly inside the element
	inLegend bool   // inside the legend group
}

// parse checks that s is one well-formed XML element and returns its elements in document order.
func parse(t testing.TB, s string) []elem {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	var out []elem
	var stack []int
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
			e := elem{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				parent := out[stack[len(stack)-1]]
				e.inLegend = parent.inLegend || hasClass(parent, "legend")
			}
			out = append(out, e)
			stack = append(stack, len(out)-1)
		case xml.EndElement:
			depth--
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				out[stack[len(stack)-1]].text += string(tok)
			} else if strings.TrimSpace(string(tok)) != "" {
				t.Fatalf("text outside the root element: %q", tok)
			}
		case xml.ProcInst, xml.Directive:
			t.Fatalf("unexpected %T in chart", tok)
		}
	}
	if roots != 1 || len(out) == 0 || out[0].name != "svg" {
		t.Fatalf("want a single <svg> root, got %d roots", roots)
	}
	return out
}

// checkCommon asserts what every chart must satisfy: CSP-safe, accessible, finite coordinates.
func checkCommon(t testing.TB, s string) []elem {
	t.Helper()
	els := parse(t, s)
	if strings.Contains(s, "style=") || strings.Contains(s, "<style") || strings.Contains(s, "<script") {
		t.Fatalf("chart has inline style or script:\n%s", s)
	}
	root := els[0]
	if root.attrs["role"] != "img" {
		t.Errorf("role = %q, want img", root.attrs["role"])
	}
	ids := map[string]bool{}
	for _, e := range els {
		if id := e.attrs["id"]; id != "" {
			if ids[id] {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = true
		}
		for k, v := range e.attrs {
			if strings.Contains(v, "NaN") || strings.Contains(v, "Inf") {
				t.Errorf("attribute %s=%q of <%s> is not finite", k, v, e.name)
			}
		}
	}
	refs := strings.Fields(root.attrs["aria-labelledby"])
	if len(refs) != 2 || !strings.HasSuffix(refs[0], "-title") || !strings.HasSuffix(refs[1], "-desc") {
		t.Fatalf("aria-labelledby = %q", root.attrs["aria-labelledby"])
	}
	if len(els) < 3 || els[1].name != "title" || els[1].attrs["id"] != refs[0] || els[2].name != "desc" || els[2].attrs["id"] != refs[1] {
		t.Fatalf("title and desc must follow <svg> and carry the ids aria-labelledby names")
	}
	return els
}

// find returns the elements named name with the class (any class when ""), outside the legend.
func find(els []elem, name, class string) []elem {
	var out []elem
	for _, e := range els {
		if e.name == name && !e.inLegend && (class == "" || hasClass(e, class)) {
			out = append(out, e)
		}
	}
	return out
}

func hasClass(e elem, class string) bool {
	for _, c := range strings.Fields(e.attrs["class"]) {
		if c == class {
			return true
		}
	}
	return false
}

func num(t testing.TB, e elem, attr string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.attrs[attr], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", e.name, attr, e.attrs[attr], err)
	}
	return v
}

func d(y int, m time.Month, day int) calendar.Date { return calendar.Of(y, m, day) }

func pt(at calendar.Date, v float64) Point { return Point{At: at, Value: v, Valid: true} }

// sampleLine is a chart like the dashboard's: CLA rate, comparators, a gap, and reference lines.
func sampleLine() LineChart {
	var own, eng, sn []Point
	vals := []float64{62, 64.5, 63, math.NaN(), 68.25, 66}
	for i, v := range vals {
		at := d(2020+i, time.March, 31)
		own = append(own, Point{At: at, Value: v, Valid: !math.IsNaN(v)})
		eng = append(eng, pt(at, 67+float64(i)*0.5))
		sn = append(sn, pt(at, 55+float64(i)))
	}
	return LineChart{
		Title:    "Children looked after per 10,000 <Barsetshire & Wessex>",
		Desc:     "Rate of children looked after at 31 March.",
		Unit:     "per 10,000",
		Decimals: 1,
		Lines: []Line{
			{Name: "Barsetshire", Points: own, Kind: Main},
			{Name: "England", Points: eng, Kind: Comparator},
			{Name: "Statistical neighbours", Points: sn, Kind: Comparator},
		},
		Refs: []Ref{{Value: 60, Kind: Target}, {Value: 64, Kind: Milestone}, {Name: "Stretch aim", Value: 58, Kind: Stretch}},
	}
}

// wilsonLimits are approximate control limits for a percentage around p (normal approximation).
func wilsonLimits(p float64) func(float64) (float64, float64, float64, float64, bool) {
	return func(n float64) (float64, float64, float64, float64, bool) {
		if n <= 0 {
			return 0, 0, 0, 0, false
		}
		se := math.Sqrt(p * (100 - p) / n)
		return p - 1.96*se, p + 1.96*se, p - 3.09*se, p + 3.09*se, true
	}
}

func sampleFunnel() FunnelChart {
	f := FunnelChart{
		Title: "Care leavers in education, employment or training", Unit: "%", Decimals: 0, Centre: 56,
		Limits: wilsonLimits(56),
	}
	for i := range 20 {
		n := float64(40 + i*37)
		f.Points = append(f.Points, FunnelPoint{Label: "LA " + strconv.Itoa(i+1), Denominator: n, Value: 56 + float64(i%7-3)*3})
	}
	f.Points = append(f.Points, FunnelPoint{Label: "Barsetshire", Denominator: 420, Value: 71, Highlight: true})
	return f
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file string
		svg  string
	}{
		{"line.golden.svg", string(sampleLine().SVG())},
		{"funnel.golden.svg", string(sampleFunnel().SVG())},
	} {
		checkCommon(t, tc.svg)
		path := filepath.Join("testdata", tc.file)
		if *update {
			if err := os.WriteFile(path, []byte(tc.svg+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/chart/ -update to create it)", err)
		}
		if string(want) != tc.svg+"\n" {
			t.Errorf("%s differs from the rendered chart; if the change is intended run go test ./internal/chart/ -update", path)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for range 3 {
		if a, b := sampleLine().SVG(), sampleLine().SVG(); a != b {
			t.Fatal("line chart output differs between runs")
		}
		if a, b := sampleFunnel().SVG(), sampleFunnel().SVG(); a != b {
			t.Fatal("funnel output differs between runs")
		}
	}
}

func TestIDsDiffer(t *testing.T) {
	a := sampleLine()
	b := sampleLine()
	b.Lines[0].Points[0].Value = 61
	ida := parse(t, string(a.SVG()))[1].attrs["id"]
	idb := parse(t, string(b.SVG()))[1].attrs["id"]
	if ida == idb {
		t.Errorf("two different charts share id %q", ida)
	}
	f := parse(t, string(sampleFunnel().SVG()))[1].attrs["id"]
	if f == ida {
		t.Errorf("line and funnel share id %q", f)
	}
	c := sampleLine()
	c.ID = "cla-rate"
	if got := parse(t, string(c.SVG()))[1].attrs["id"]; got != "cla-rate-title" {
		t.Errorf("explicit ID: title id = %q, want cla-rate-title", got)
	}
	c.ID = `bad"id`
	if got := parse(t, string(c.SVG()))[1].attrs["id"]; !strings.HasPrefix(got, "chart-") {
		t.Errorf("unsafe ID not replaced by a hash: %q", got)
	}
}

func TestLineChartCoordinates(t *testing.T) {
	// Values 0, 50, 100 at equally spaced dates: the axis is 0..100, so the points fall at the
	// bottom-left corner, the centre and the top-right corner of the plot area.
	c := LineChart{Title: "t", Unit: "%", Lines: []Line{{Name: "A", Points: []Point{
		pt(d(2024, time.January, 21), 100), // out of order on purpose
		pt(d(2024, time.January, 1), 0),
		pt(d(2024, time.January, 11), 50),
	}}}}
	els := checkCommon(t, string(c.SVG()))
	area := find(els, "rect", "plot-area")
	if len(area) != 1 {
		t.Fatalf("want one plot-area rect, got %d", len(area))
	}
	x, y := num(t, area[0], "x"), num(t, area[0], "y")
	w, h := num(t, area[0], "width"), num(t, area[0], "height")
	if root := els[0]; root.attrs["width"] != "640" || root.attrs["height"] != "280" || root.attrs["viewBox"] != "0 0 640 280" {
		t.Errorf("default size: %v", root.attrs)
	}
	pts := find(els, "circle", "point")
	if len(pts) != 3 {
		t.Fatalf("want 3 markers, got %d", len(pts))
	}
	want := [][2]float64{{x, y + h}, {x + w/2, y + h/2}, {x + w, y}}
	for i, p := range pts {
		if cx, cy := num(t, p, "cx"), num(t, p, "cy"); math.Abs(cx-want[i][0]) > 0.11 || math.Abs(cy-want[i][1]) > 0.11 {
			t.Errorf("point %d at (%v, %v), want (%v, %v)", i, cx, cy, want[i][0], want[i][1])
		}
	}
	paths := find(els, "path", "")
	if len(paths) != 1 || strings.Count(paths[0].attrs["d"], "M") != 1 || strings.Count(paths[0].attrs["d"], "L") != 2 {
		t.Errorf("want one unbroken path of 3 points, got %+v", paths)
	}
	var ticks []string
	for _, e := range find(els, "text", "tick-label") {
		ticks = append(ticks, e.text)
	}
	if !strings.Contains(strings.Join(ticks, "|"), "0|20|40|60|80|100") {
		t.Errorf("y tick labels %q, want 0..100 by 20", ticks)
	}
}

func TestLineChartGapsRefsAndDesc(t *testing.T) {
	s := string(sampleLine().SVG())
	els := checkCommon(t, s)
	main := find(els, "g", "line-main")
	if len(main) != 1 {
		t.Fatalf("want one main line group, got %d", len(main))
	}
	// The missing 2023 value splits the main line into two runs.
	var mainPath elem
	for _, p := range find(els, "path", "") {
		if p.attrs["stroke-width"] == "3" {
			mainPath = p
		}
	}
	if got := strings.Count(mainPath.attrs["d"], "M"); got != 2 {
		t.Errorf("main path %q has %d runs, want 2", mainPath.attrs["d"], got)
	}
	if got := len(find(els, "circle", "point")); got != 5 {
		t.Errorf("main line has %d markers, want 5 (one per valid value)", got)
	}
	// Comparators have distinct dash patterns; the main line none.
	dashes := map[string]bool{}
	for _, p := range find(els, "path", "") {
		dashes[p.attrs["stroke-dasharray"]] = true
	}
	if len(dashes) != 3 {
		t.Errorf("want 3 distinct dash patterns (solid, two comparators), got %v", dashes)
	}
	for _, k := range []string{"ref-target", "ref-milestone", "ref-stretch"} {
		if len(find(els, "line", k)) != 1 {
			t.Errorf("missing reference line %s", k)
		}
	}
	var labels []string
	for _, e := range find(els, "text", "ref-label") {
		labels = append(labels, e.text)
	}
	if want := []string{"Target 60.0", "Milestone 64.0", "Stretch aim 58.0"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("ref labels %q, want %q", labels, want)
	}
	var legend []string
	for _, e := range els {
		if e.inLegend && hasClass(e, "legend-label") {
			legend = append(legend, e.text)
		}
	}
	if want := []string{"Barsetshire", "England", "Statistical neighbours"}; !reflect.DeepEqual(legend, want) {
		t.Errorf("legend %q, want %q", legend, want)
	}
	if got := els[1].text; got != "Children looked after per 10,000 <Barsetshire & Wessex>" {
		t.Errorf("title %q", got)
	}
	if !strings.Contains(s, "&lt;Barsetshire &amp; Wessex&gt;") {
		t.Error("title not escaped")
	}
	desc := els[2].text
	for _, want := range []string{
		"Rate of children looked after at 31 March.",
		"Barsetshire: latest 66.0 per 10,000 (31 Mar 2025); 5 values from 31 Mar 2020, lowest 62.0 per 10,000 (31 Mar 2020), highest 68.3 per 10,000 (31 Mar 2024).",
		"Target: 60.0 per 10,000.",
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("desc %q lacks %q", desc, want)
		}
	}
	var xl []string
	for _, e := range find(els, "text", "tick-label") {
		if strings.HasPrefix(e.text, "Mar ") {
			xl = append(xl, e.text)
		}
	}
	if want := []string{"Mar 2020", "Mar 2021", "Mar 2022", "Mar 2023", "Mar 2024", "Mar 2025"}; !reflect.DeepEqual(xl, want) {
		t.Errorf("date labels %q, want %q", xl, want)
	}
}

func TestNiceAxis(t *testing.T) {
	tests := []struct {
		lo, hi float64
		target int
		want   []float64
		dec    int
	}{
		{0, 68, 5, []float64{0, 20, 40, 60, 80}, 0},
		{0, 100, 5, []float64{0, 20, 40, 60, 80, 100}, 0},
		{55, 68, 5, []float64{55, 60, 65, 70}, 0},
		{0, 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
		{-3, 7, 5, []float64{-4, -2, 0, 2, 4, 6, 8}, 0},
		{0, 0.037, 4, []float64{0, 0.01, 0.02, 0.03, 0.04}, 2},
		{0, 12345, 4, []float64{0, 5000, 10000, 15000}, 0},
		{42, 42, 5, []float64{0, 10, 20, 30, 40, 50}, 0}, // equal values: out to zero
		{0, 0, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
		{-5, -5, 5, []float64{-5, -4, -3, -2, -1, 0}, 0},
		{math.NaN(), 3, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
		{2e6, 9.5e6, 4, []float64{2e6, 4e6, 6e6, 8e6, 10e6}, 0},
	}
	for _, tt := range tests {
		a := niceAxis(tt.lo, tt.hi, tt.target)
		if len(a.ticks) != len(tt.want) {
			t.Errorf("niceAxis(%v, %v, %d) = %v, want %v", tt.lo, tt.hi, tt.target, a.ticks, tt.want)
			continue
		}
		for i := range a.ticks {
			if math.Abs(a.ticks[i]-tt.want[i]) > 1e-9*max(1, math.Abs(tt.want[i])) {
				t.Errorf("niceAxis(%v, %v, %d) = %v, want %v", tt.lo, tt.hi, tt.target, a.ticks, tt.want)
				break
			}
		}
		if a.decimals != tt.dec {
			t.Errorf("niceAxis(%v, %v, %d) decimals %d, want %d", tt.lo, tt.hi, tt.target, a.decimals, tt.dec)
		}
	}
	if got := niceAxis(2e6, 9.5e6, 4).labels(); !reflect.DeepEqual(got, []string{"2m", "4m", "6m", "8m", "10m"}) {
		t.Errorf("million labels %q", got)
	}
	if got := niceAxis(0, 12345, 4).labels(); !reflect.DeepEqual(got, []string{"0", "5,000", "10,000", "15,000"}) {
		t.Errorf("thousand labels %q", got)
	}
}

func TestIncludeZero(t *testing.T) {
	tests := []struct{ lo, hi, wantLo, wantHi float64 }{
		{40, 90, 0, 90},  // near zero relative to spread: from zero
		{85, 95, 85, 95}, // far from zero: fitted
		{62, 62, 0, 62},  // all equal: from zero
		{-9, -2, -9, 0},
		{-90, -80, -90, -80},
		{-3, 7, -3, 7},
	}
	for _, tt := range tests {
		if lo, hi := includeZero(tt.lo, tt.hi); lo != tt.wantLo || hi != tt.wantHi {
			t.Errorf("includeZero(%v, %v) = %v, %v, want %v, %v", tt.lo, tt.hi, lo, hi, tt.wantLo, tt.wantHi)
		}
	}
}

func TestDateTicks(t *testing.T) {
	labels := func(ts []dateTick) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.label)
		}
		return out
	}
	annual := []calendar.Date{d(2021, time.March, 31), d(2022, time.March, 31), d(2023, time.March, 31)}
	monthly := []calendar.Date{}
	for i := range 24 {
		monthly = append(monthly, calendar.MonthEnd(d(2023, time.April, 1).AddMonths(i)))
	}
	decade := []calendar.Date{}
	for i := range 40 {
		decade = append(decade, d(2015, time.June, 30).AddMonths(3*i))
	}
	tests := []struct {
		name  string
		dates []calendar.Date
		max   int
		want  []string
	}{
		{"none", nil, 8, nil},
		{"one", annual[:1], 8, []string{"Mar 2021"}},
		{"annual at data dates", annual, 8, []string{"Mar 2021", "Mar 2022", "Mar 2023"}},
		{"monthly by quarter", monthly, 8, []string{"Jul 2023", "Oct 2023", "Jan 2024", "Apr 2024", "Jul 2024", "Oct 2024", "Jan 2025"}},
		{"monthly by half-year", monthly, 4, []string{"Jul 2023", "Jan 2024", "Jul 2024", "Jan 2025"}},
		{"ten years by year", decade, 10, []string{"2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"}},
		{"ten years by two", decade, 6, []string{"2016", "2018", "2020", "2022", "2024"}},
		{"within a month", []calendar.Date{d(2025, time.March, 3), d(2025, time.March, 10), d(2025, time.March, 17), d(2025, time.March, 24)}, 3, []string{"3 Mar 2025", "24 Mar 2025"}},
	}
	for _, tt := range tests {
		if got := labels(dateTicks(tt.dates, tt.max)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	for _, tk := range dateTicks(monthly, 8) {
		if _, _, day := tk.at.Civil(); day != 1 {
			t.Errorf("calendar tick %v not on the first of a month", tk.at)
		}
	}
}

func TestEdgeCases(t *testing.T) {
	at := d(2025, time.March, 31)
	charts := map[string]LineChart{
		"empty":       {Title: "empty"},
		"no points":   {Title: "np", Lines: []Line{{Name: "A"}}},
		"all invalid": {Title: "inv", Lines: []Line{{Name: "A", Points: []Point{{At: at, Value: 3}, {At: at.AddDays(1), Value: math.NaN(), Valid: true}}}}},
		"one point":   {Title: "one", Lines: []Line{{Name: "A", Points: []Point{pt(at, 12)}}}},
		"all equal":   {Title: "eq", Lines: []Line{{Name: "A", Points: []Point{pt(at, 5), pt(at.AddYears(1), 5), pt(at.AddYears(2), 5)}}}},
		"negative":    {Title: "neg", Lines: []Line{{Name: "A", Points: []Point{pt(at, -5), pt(at.AddYears(1), 3.5)}}}},
		"nan inf": {Title: "nan", Refs: []Ref{{Value: math.Inf(1)}, {Value: math.NaN()}}, Lines: []Line{{Name: "A", Points: []Point{
			pt(at, math.Inf(1)), pt(at.AddDays(10), 1), pt(at.AddDays(20), math.NaN()), pt(at.AddDays(30), 2), pt(at.AddDays(40), 1e300), pt(0, 3)}}}},
		"tiny":       {Title: "tiny", Width: 1, Height: 1, Lines: []Line{{Name: "A long name that cannot fit", Points: []Point{pt(at, 1), pt(at.AddDays(1), 2)}}}},
		"huge size":  {Title: "huge", Width: 1 << 30, Height: 1 << 30, Lines: []Line{{Points: []Point{pt(1, 1), pt(math.MaxInt32, 2)}}}},
		"same dates": {Title: "same", Lines: []Line{{Points: []Point{pt(at, 1), pt(at, 2)}}, {Kind: Comparator, Points: []Point{pt(at, 3)}}}},
		"bad utf8":   {Title: "bad \xff\x00 title", Unit: "\x01%", Lines: []Line{{Name: "\xfe", Points: []Point{pt(at, 1)}}}},
	}
	for name, c := range charts {
		s := string(c.SVG())
		els := checkCommon(t, s)
		if len(els[2].text) == 0 {
			t.Errorf("%s: empty desc", name)
		}
	}
	if s := string(charts["all invalid"].SVG()); !strings.Contains(s, ">No data<") || !strings.Contains(s, "A: no data.") {
		t.Errorf("all invalid: want a No data note:\n%s", s)
	}
	if s := string(charts["huge size"].SVG()); !strings.Contains(s, `width="4000"`) {
		t.Error("size not bounded")
	}
	// A negative value puts zero inside the axis and draws the zero line.
	els := parse(t, string(charts["negative"].SVG()))
	if len(find(els, "line", "grid-zero")) != 1 {
		t.Error("negative values: no zero line")
	}
}

func TestSparkline(t *testing.T) {
	at := d(2024, time.March, 31)
	s := string(Sparkline("CLA rate trend", []Point{pt(at, 60), pt(at.AddYears(1), 70), {At: at.AddYears(2)}, pt(at.AddYears(3), 65)}, 0, 0))
	els := checkCommon(t, s)
	if els[0].attrs["width"] != "120" || els[0].attrs["height"] != "32" {
		t.Errorf("default size %v", els[0].attrs)
	}
	last := find(els, "circle", "spark-last")
	if len(last) != 1 {
		t.Fatalf("want one last-point marker, got %d", len(last))
	}
	if cx, cy := num(t, last[0], "cx"), num(t, last[0], "cy"); cx != 117 || cy != 16 {
		t.Errorf("last point at (%v, %v), want (117, 16)", cx, cy)
	}
	if got, want := els[2].text, "Latest 65 (31 Mar 2027). Lowest 60 (31 Mar 2024), highest 70 (31 Mar 2025)."; got != want {
		t.Errorf("desc %q, want %q", got, want)
	}
	for _, vals := range [][]Point{nil, {pt(at, 1)}, {pt(at, 2), pt(at, 2)}, {{At: at, Value: math.NaN(), Valid: true}}} {
		checkCommon(t, string(Sparkline("x", vals, 5, 5)))
	}
}

func TestFunnel(t *testing.T) {
	f := sampleFunnel()
	s := string(f.SVG())
	els := checkCommon(t, s)
	if got := len(find(els, "circle", "funnel-point")); got != 21 {
		t.Errorf("%d points, want 21", got)
	}
	hl := find(els, "circle", "funnel-point-highlight")
	if len(hl) != 1 || num(t, hl[0], "r") <= 3.5 {
		t.Fatalf("want one larger highlighted point, got %+v", hl)
	}
	if labels := find(els, "text", "funnel-label"); len(labels) != 1 || labels[0].text != "Barsetshire" {
		t.Errorf("highlight label %+v", labels)
	}
	for _, c := range []string{"funnel-limit-95", "funnel-limit-998"} {
		paths := find(els, "path", c)
		if len(paths) != 2 {
			t.Errorf("%s: %d curves, want lower and upper", c, len(paths))
			continue
		}
		if n := strings.Count(paths[0].attrs["d"], "L"); n < limitSamples/2 {
			t.Errorf("%s sampled at only %d points", c, n+1)
		}
	}
	clip := find(els, "clipPath", "")
	if len(clip) != 1 || !strings.Contains(s, `clip-path="url(#`+clip[0].attrs["id"]+`)"`) {
		t.Error("limit curves not clipped to the plot")
	}
	// The centre line sits where 56 falls on the value axis.
	area := find(els, "rect", "plot-area")[0]
	var lo, hi float64
	ticks := find(els, "text", "tick-label")
	lo, _ = strconv.ParseFloat(ticks[0].text, 64)
	hi, _ = strconv.ParseFloat(strings.ReplaceAll(ticks[len(ticks)-1-countX(els)].text, ",", ""), 64)
	centre := find(els, "line", "funnel-centre")
	if len(centre) != 1 {
		t.Fatal("no centre line")
	}
	wantY := num(t, area, "y") + num(t, area, "height")*(hi-56)/(hi-lo)
	if got := num(t, centre[0], "y1"); math.Abs(got-wantY) > 0.11 {
		t.Errorf("centre at y=%v, want %v (axis %v..%v)", got, wantY, lo, hi)
	}
	desc := els[2].text
	for _, want := range []string{"Funnel plot of 21 authorities against England (56%).", "Barsetshire: 71% with a denominator of 420, above the upper 99.8% control limit."} {
		if !strings.Contains(desc, want) {
			t.Errorf("desc %q lacks %q", desc, want)
		}
	}

	// Edge cases: nothing, bad values, limits that fail or explode, huge denominators.
	cases := []FunnelChart{
		{},
		{Centre: math.NaN(), Points: []FunnelPoint{{Denominator: 0, Value: 1}, {Denominator: -3, Value: 2}, {Denominator: math.Inf(1), Value: 3}, {Denominator: 5, Value: math.NaN()}}},
		{Centre: 10, Points: []FunnelPoint{{Label: "A", Denominator: 1e12, Value: 10, Highlight: true}}, Limits: func(n float64) (float64, float64, float64, float64, bool) {
			return math.Inf(-1), 1 / (n - 1e11), math.NaN(), 1e300, true
		}},
		{Centre: 10, Points: []FunnelPoint{{Label: "B", Denominator: 50, Value: 12, Highlight: true}}, Limits: func(float64) (float64, float64, float64, float64, bool) {
			return 0, 0, 0, 0, false
		}},
	}
	for i, c := range cases {
		s := string(c.SVG())
		checkCommon(t, s)
		if i == 2 && !strings.Contains(s, ">1tn<") && !strings.Contains(s, "bn<") {
			t.Errorf("huge denominators not labelled compactly:\n%s", s)
		}
	}
}

// countX returns the number of x-axis tick labels (those after the y-axis group).
func countX(els []elem) int {
	n, inX := 0, false
	for _, e := range els {
		if e.name == "g" {
			inX = hasClass(e, "axis-x")
		}
		if inX && e.name == "text" && hasClass(e, "tick-label") {
			n++
		}
	}
	return n
}

func TestBarChart(t *testing.T) {
	b := BarChart{Title: "Actions by status", Bars: []Bar{
		{Label: "Open", Value: 12, Class: "status-open"},
		{Label: "Overdue", Value: 3, Class: `rag-red" onclick="x`},
		{Label: "Complete", Value: 0},
		{Label: "Unknown", Value: math.NaN()},
	}}
	s := string(b.SVG())
	els := checkCommon(t, s)
	bars := find(els, "rect", "bar")
	if len(bars) != 3 {
		t.Fatalf("%d bars, want 3 (NaN has none)", len(bars))
	}
	if !hasClass(bars[0], "status-open") || bars[1].attrs["class"] != "bar rag-red onclickx" {
		t.Errorf("classes %q, %q", bars[0].attrs["class"], bars[1].attrs["class"])
	}
	if w0, w1 := num(t, bars[0], "width"), num(t, bars[1], "width"); math.Abs(w0/w1-4) > 0.05 {
		t.Errorf("bar widths %v and %v are not in proportion 12:3", w0, w1)
	}
	if num(t, bars[2], "width") != 0 {
		t.Error("zero bar has width")
	}
	var values []string
	for _, e := range find(els, "text", "bar-value") {
		values = append(values, e.text)
	}
	if want := []string{"12", "3", "0", "no data"}; !reflect.DeepEqual(values, want) {
		t.Errorf("value labels %q, want %q", values, want)
	}
	if got, want := els[2].text, "Open: 12; Overdue: 3; Complete: 0; Unknown: no data."; got != want {
		t.Errorf("desc %q, want %q", got, want)
	}
	if els[0].attrs["height"] != strconv.Itoa(8+26*4+28) {
		t.Errorf("height %q", els[0].attrs["height"])
	}
	neg := BarChart{Bars: []Bar{{Label: "gain", Value: 5}, {Label: "loss", Value: -5}}}
	nb := find(checkCommon(t, string(neg.SVG())), "rect", "bar")
	if x0, x1 := num(t, nb[0], "x"), num(t, nb[1], "x")+num(t, nb[1], "width"); math.Abs(x0-x1) > 0.11 {
		t.Errorf("negative bar does not end at zero: %v vs %v", x0, x1)
	}
	checkCommon(t, string(BarChart{}.SVG()))
	checkCommon(t, string(BarChart{Width: 1, Height: 1, Bars: []Bar{{Label: strings.Repeat("long ", 50), Value: 1e300}}}.SVG()))
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		want string
	}{
		{0, 0, "0"}, {-0.04, 1, "0.0"}, {1234, 0, "1,234"}, {-1234567.891, 2, "-1,234,567.89"},
		{999, 0, "999"}, {68.25, 1, "68.3"}, {math.NaN(), 1, "n/a"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.dec); got != tt.want {
			t.Errorf("formatNumber(%v, %d) = %q, want %q", tt.v, tt.dec, got, tt.want)
		}
	}
}

func FuzzLineChart(f *testing.F) {
	seed := func(vals []float64, dates []int32) []byte {
		var b bytes.Buffer
		for i, v := range vals {
			_ = binary.Write(&b, binary.LittleEndian, dates[i])
			_ = binary.Write(&b, binary.LittleEndian, math.Float64bits(v))
		}
		return b.Bytes()
	}
	base := int32(d(2020, time.March, 31))
	f.Add(seed([]float64{1, 2, 3}, []int32{base, base + 365, base + 730}), "title", uint8(1), 300, 200)
	f.Add(seed([]float64{math.NaN(), math.Inf(-1), -1e20}, []int32{0, -5, math.MaxInt32}), "<&>\"'", uint8(9), 0, 0)
	f.Add([]byte{}, "", uint8(0), -1, 1<<20)
	f.Fuzz(func(t *testing.T, data []byte, title string, decimals uint8, w, h int) {
		c := LineChart{Title: title, Desc: title, Unit: title, Decimals: int(decimals), Width: w, Height: h}
		var lines [3][]Point
		for i := 0; len(data) >= 12; i++ {
			at := int32(binary.LittleEndian.Uint32(data))
			v := math.Float64frombits(binary.LittleEndian.Uint64(data[4:]))
			lines[i%3] = append(lines[i%3], Point{At: calendar.Date(at), Value: v, Valid: data[0]&1 == 0})
			data = data[12:]
		}
		c.Lines = []Line{{Name: title, Points: lines[0]}, {Name: "E", Kind: Comparator, Points: lines[1]}}
		for _, p := range lines[2] {
			c.Refs = append(c.Refs, Ref{Name: title, Value: p.Value, Kind: RefKind(p.At % 4)})
		}
		checkCommon(t, string(c.SVG()))
		checkCommon(t, string(Sparkline(title, lines[0], w, h)))
	})
}
