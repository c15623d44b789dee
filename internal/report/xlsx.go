package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"csperf/internal/disclose"
)

// DataColumns returns the column names of the workbook's "Data" sheet (its row 2, after the
// marking in row 1).
func DataColumns() []string {
	return []string{"indicator", "title", "period_end", "value", "numerator", "denominator", "previous", "year_ago",
		"england", "region", "sn_mean", "rank", "band", "milestone", "target", "stretch", "rag", "disclosed_value"}
}

// WriteXLSX writes the report as an Excel workbook: a cover sheet, one sheet per section and a
// "Data" sheet with every number. Row 1 of every sheet carries the audience marking. Suppressed
// figures are the text "c"; figures there are none of are empty.
func WriteXLSX(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &book{f: f}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("workbook style: %w", err)
	}
	marking, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "#FFFFFF"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#0B0C0C"}}})
	if err != nil {
		return fmt.Errorf("workbook style: %w", err)
	}
	x.bold, x.marking = bold, marking

	// Cover.
	const cover = "Cover"
	if err := f.SetSheetName("Sheet1", cover); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	x.sheet(cover, r.Marking)
	x.row(cover, []any{r.AuthorityName + ": " + r.Title})
	x.row(cover, nil)
	x.row(cover, []any{"Authority", fmt.Sprintf("%s (LA %d)", r.AuthorityName, r.Authority)})
	x.row(cover, []any{"Committee", r.Committee})
	x.row(cover, []any{"Period", r.Period.Label})
	x.row(cover, []any{"Period end", r.Period.End.String()})
	x.row(cover, []any{"Issued", r.Issued.String()})
	x.row(cover, []any{"Audience", string(r.Audience)})
	x.row(cover, nil)
	x.header(cover, []string{"snapshot", "return", "year", "loaded_at", "files", "checksum_sha256"})
	for _, s := range r.Snapshots {
		x.row(cover, []any{s.ID, s.ReturnName, s.YearLabel, s.LoadedAt.UTC().Format("2006-01-02 15:04:05 UTC"), len(s.Files), s.Checksum})
	}
	if len(r.Published) > 0 {
		x.row(cover, nil)
		x.header(cover, []string{"published_file", "imported_at", "checksum_sha256"})
		for _, p := range r.Published {
			x.row(cover, []any{p.Name, p.LoadedAt.UTC().Format("2006-01-02 15:04:05 UTC"), p.SHA256})
		}
	}
	x.row(cover, nil)
	x.header(cover, []string{"section", "green", "amber", "red", "grey", "no_target", "no_value", "indicators"})
	for _, s := range r.Sections {
		c := s.Counts
		x.row(cover, []any{fmt.Sprintf("%d. %s", s.Number, s.Title), c.Green, c.Amber, c.Red, c.Grey, c.None, c.NoValue, c.Total()})
	}
	x.widths(cover, 34, 30, 12, 24, 8, 66)

	// One sheet per section, as the report shows the figures.
	for _, s := range r.Sections {
		name := sheetName(s.Number, s.Title)
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("workbook sheet %q: %w", name, err)
		}
		x.sheet(name, r.Marking)
		x.header(name, []string{"Indicator", "Value", "Numerator", "Denominator", "Previous period", "Direction",
			"A year earlier", "Direction", "England", "Region", "SN mean", "Rank", "Band", "Milestone", "Target", "Stretch",
			"Rating", "Narrative"})
		for _, it := range s.Items {
			prev, prevTrend, ago, agoTrend := "", "", "", ""
			if it.Previous != nil {
				prev, prevTrend = it.Previous.Shown, trendText(it.Previous.Trend)
			}
			if it.YearAgo != nil {
				ago, agoTrend = it.YearAgo.Shown, trendText(it.YearAgo.Trend)
			}
			rank := ""
			if it.Rank > 0 {
				rank = disclose.Ordinal(it.Rank) + " of " + fmt.Sprint(it.Of)
			}
			label := it.RatingLabel
			x.row(name, []any{it.Indicator.Title, it.Shown, numCell(it.Numerator), numCell(it.Denominator), prev, prevTrend, ago,
				agoTrend, numCell(it.England), numCell(it.Region), numCell(it.SNMean), rank, it.Band, numCell(it.Milestone),
				numCell(it.Target), numCell(it.Stretch), label, it.Narrative})
		}
		x.widths(name, 48, 10, 11, 12, 12, 16, 12, 16, 10, 10, 10, 10, 6, 10, 10, 10, 28, 80)
	}

	// Every number.
	const data = "Data"
	if _, err := f.NewSheet(data); err != nil {
		return fmt.Errorf("workbook sheet %q: %w", data, err)
	}
	x.sheet(data, r.Marking)
	x.header(data, DataColumns())
	for _, it := range r.Items() {
		var prev, ago any
		if it.Previous != nil {
			prev = numCell(it.Previous.Value)
		}
		if it.YearAgo != nil {
			ago = numCell(it.YearAgo.Value)
		}
		var rank any
		if it.Rank > 0 {
			rank = it.Rank
		}
		rag := ""
		if it.Has {
			rag = ragWord(it.Rating)
		}
		x.row(data, []any{it.Indicator.ID, it.Indicator.Title, r.Period.End.String(), numCell(it.Value), numCell(it.Numerator),
			numCell(it.Denominator), prev, ago, numCell(it.England), numCell(it.Region), numCell(it.SNMean), rank, it.Band,
			numCell(it.Milestone), numCell(it.Target), numCell(it.Stretch), rag, it.Shown})
	}
	x.widths(data, 26, 48, 11)
	if x.err != nil {
		return fmt.Errorf("workbook: %w", x.err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// book writes rows one after another, keeping the first error.
type book struct {
	f             *excelize.File
	next          map[string]int
	bold, marking int
	err           error
}

// sheet starts a sheet with the audience marking in row 1, frozen so it stays in view.
func (b *book) sheet(name, marking string) {
	if b.next == nil {
		b.next = map[string]int{}
	}
	b.next[name] = 1
	b.row(name, []any{marking})
	if b.err == nil {
		b.err = b.f.SetCellStyle(name, "A1", "A1", b.marking)
	}
	if b.err == nil {
		b.err = b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

func (b *book) header(name string, cols []string) {
	row := b.next[name]
	vals := make([]any, len(cols))
	for i, c := range cols {
		vals[i] = c
	}
	b.row(name, vals)
	if b.err == nil && len(cols) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(cols), row)
		b.err = b.f.SetCellStyle(name, fmt.Sprintf("A%d", row), end, b.bold)
	}
}

func (b *book) row(name string, vals []any) {
	if b.err != nil {
		return
	}
	row := b.next[name]
	b.next[name] = row + 1
	if len(vals) == 0 {
		return
	}
	b.err = b.f.SetSheetRow(name, fmt.Sprintf("A%d", row), &vals)
}

func (b *book) widths(name string, ws ...float64) {
	for i, w := range ws {
		if b.err != nil {
			return
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		b.err = b.f.SetColWidth(name, col, col, w)
	}
}

// numCell is a figure as a cell: its number, "c" when suppressed, empty when there is none.
func numCell(n Num) any {
	switch {
	case n.OK:
		return n.Value
	case n.Text == disclose.Suppressed:
		return disclose.Suppressed
	}
	return nil
}

// sheetName is a section's sheet name: its number and title, within Excel's 31 characters and
// without the characters Excel forbids.
func sheetName(n int, title string) string {
	title = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, title)
	s := []rune(fmt.Sprintf("%d %s", n, title))
	if len(s) > 31 {
		s = s[:31]
	}
	return strings.TrimSpace(string(s))
}
