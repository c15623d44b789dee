package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"csperf/internal/calendar"
	"csperf/internal/chart"
	"csperf/internal/disclose"
	"csperf/internal/glossary"
	"csperf/internal/indicator"
	"csperf/internal/rating"
)

//go:embed templates/*.tmpl
var templateFiles embed.FS

// htmlMode says what the HTML is for: a file to open or print, or the page Chromium prints to PDF
// (which draws the audience marking and page numbers in its own header and footer).
type htmlMode int

const (
	forFile htmlMode = iota
	forPDF
)

// WriteHTML writes the report as one self-contained HTML file: inline style and SVG charts, no
// scripts and no external resources. It prints on A4 with each section on new pages and the
// audience marking and page numbers on every page.
func WriteHTML(w io.Writer, r *Report) error {
	return writeHTML(w, r, forFile)
}

func writeHTML(w io.Writer, r *Report, mode htmlMode) error {
	t, err := template.New("report.html.tmpl").Funcs(funcs(r)).ParseFS(templateFiles, "templates/report.html.tmpl")
	if err != nil {
		return fmt.Errorf("report template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, htmlPage{Report: r, PDF: mode == forPDF}); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// htmlPage is what the template gets.
type htmlPage struct {
	*Report
	PDF bool
}

// funcs returns the template's functions. abbr keeps, for this one rendering, the acronyms already
// expanded, so that each is marked up with its expansion on first use only.
func funcs(r *Report) template.FuncMap {
	seen := map[string]bool{}
	return template.FuncMap{
		"abbr": func(s string) template.HTML { return abbreviate(s, seen) },
		"date": func(d calendar.Date) string {
			if d.IsZero() {
				return ""
			}
			return d.DMY()
		},
		"longDate": longDate,
		"stamp":    func(t time.Time) string { return t.UTC().Format("02/01/2006 15:04 UTC") },
		"dash": func(s string) string {
			if s == "" {
				return "—"
			}
			return s
		},
		"trend":     trendText,
		"trendMark": func(t rating.Trend) string { return t.Arrow() },
		"ragClass": func(x rating.Rating) string {
			if x == rating.None {
				return "none"
			}
			return string(x)
		},
		"ragWord": ragWord,
		"rank": func(it Item) string {
			if it.Rank == 0 {
				return ""
			}
			return disclose.Ordinal(it.Rank) + " of " + strconv.Itoa(it.Of)
		},
		"chart":  func(it Item) template.HTML { return itemChart(r, it) },
		"title":  func(id string) string { ind, _ := indicator.Lookup(id); return ind.Title },
		"count":  func(n int) string { return disclose.Number(float64(n), 0) },
		"suffix": func(s string) string { return strings.TrimSuffix(s, "%") },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"isPublic": func() bool { return r.Audience == Public },
		"int":      toInt,
		"trendClass": func(t rating.Trend) string {
			switch t {
			case rating.Better, rating.Worse:
				return string(t)
			}
			return "same"
		},
		"cssString": cssString,
	}
}

// toInt converts a number for the template's arithmetic-free comparisons.
func toInt(x any) int {
	switch v := x.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0
}

// longDate writes a date as "31 December 2025".
func longDate(d calendar.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 January 2006")
}

// ragWord is the rating as one word, for tables where the full label does not fit.
func ragWord(x rating.Rating) string {
	switch x {
	case rating.Green:
		return "Green"
	case rating.Amber:
		return "Amber"
	case rating.Red:
		return "Red"
	case rating.Grey:
		return "Grey"
	}
	return "No target"
}

func trendText(t rating.Trend) string {
	if t == "" {
		return string(rating.NotComparable)
	}
	return string(t)
}

// cssString quotes s as a CSS string for the content of a page margin box.
func cssString(s string) template.CSS {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			fmt.Fprintf(&b, "\\%x ", r)
		case r < ' ' || r == '<' || r == '>' || r == '&' || r > '~':
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return template.CSS(b.String())
}

// abbreviate escapes s and marks up each acronym of the glossary with <abbr title="expansion"> the
// first time it appears in the report.
func abbreviate(s string, seen map[string]bool) template.HTML {
	var b strings.Builder
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) {
			r := rune(s[j])
			if r >= 0x80 || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				break
			}
			j++
		}
		if j == i { // not a word character: copy one rune
			k := i + 1
			for k < len(s) && s[k]&0xC0 == 0x80 {
				k++
			}
			b.WriteString(template.HTMLEscapeString(s[i:k]))
			i = k
			continue
		}
		w := s[i:j]
		if ts := glossary.Find(w); len(ts) == 1 && !seen[ts[0].Acronym] && strings.HasPrefix(w, ts[0].Acronym) {
			seen[ts[0].Acronym] = true
			fmt.Fprintf(&b, `<abbr title="%s">%s</abbr>`, template.HTMLEscapeString(ts[0].Expansion), template.HTMLEscapeString(w))
		} else {
			b.WriteString(template.HTMLEscapeString(w))
		}
		i = j
	}
	return template.HTML(b.String())
}

// itemChart draws the line chart of an item's monthly values over three years, with its target
// levels and England's value as reference lines.
func itemChart(r *Report, it Item) template.HTML {
	valid := 0
	pts := make([]chart.Point, len(it.Series))
	for i, p := range it.Series {
		pts[i] = chart.Point{At: p.At, Value: p.Value, Valid: p.Valid}
		if p.Valid {
			valid++
		}
	}
	if valid < 2 {
		return ""
	}
	ind := it.Indicator
	c := chart.LineChart{
		Title:    ind.Title,
		Desc:     fmt.Sprintf("%s in %s at each month end over the three years to %s.", ind.Title, r.AuthorityName, longDate(r.Period.End)),
		Unit:     ind.Unit.Symbol(),
		Decimals: ind.Decimals,
		Lines:    []chart.Line{{Name: r.AuthorityName, Points: pts, Kind: chart.Main}},
	}
	if r.Audience == Public {
		c.Desc += " Months where the figure rests on one to five children are left out."
	}
	for _, ref := range []struct {
		n    Num
		kind chart.RefKind
	}{{it.Milestone, chart.Milestone}, {it.Target, chart.Target}, {it.Stretch, chart.Stretch}} {
		if ref.n.OK {
			c.Refs = append(c.Refs, chart.Ref{Value: ref.n.Value, Kind: ref.kind})
		}
	}
	if len(it.EnglandSeries) > 0 {
		eng := make([]chart.Point, len(it.EnglandSeries))
		for i, p := range it.EnglandSeries {
			eng[i] = chart.Point{At: p.At, Value: p.Value, Valid: p.Valid}
		}
		name := "England"
		if !strings.HasPrefix(it.Comparator, "published") {
			name = "England (this deployment)"
		}
		c.Lines = append(c.Lines, chart.Line{Name: name, Points: eng, Kind: chart.Comparator})
	}
	return c.SVG()
}
