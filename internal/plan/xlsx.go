package plan

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"csperf/internal/calendar"
	"csperf/internal/indicator"
)

// The sheets of a plan workbook.
const (
	SheetActions  = "Actions"  // one row per action
	SheetMeasures = "Measures" // one row per target point
	SheetPlan     = "Plan"     // the plan's own fields, one per row
)

// actionColumns returns the columns of the Actions sheet, in the order WriteXLSX writes them. Only the
// recommendation number and the action are required when reading; the rest may be left out.
func actionColumns() []string {
	return []string{"Recommendation number", "Recommendation", "Action", "Owner", "Start", "Due",
		"Status", "Completed", "Latest progress note", "Evidence", "Indicators"}
}

// measureColumns returns the columns of the Measures sheet; all are required when the sheet is there.
func measureColumns() []string {
	return []string{"Recommendation number", "Indicator", "Date", "Milestone", "Stretch"}
}

// planFields returns the fields of the Plan sheet, in column A, with their values in column B.
func planFields() []string {
	return []string{"Title", "Authority", "Source", "Source date", "Published"}
}

// Problem is one thing wrong in a plan workbook, where a person can find it.
type Problem struct {
	Sheet   string // e.g. "Actions"
	Row     int    // as Excel numbers it: the header is row 1
	Column  string // the column's heading, e.g. "Due"
	Cell    string // the cell, e.g. "F4"; "" when the problem is not in one cell
	Value   string // the value as found
	Message string // plain English, e.g. `"31/02/2026" is not a date: write dd/mm/yyyy or use an Excel date`
}

// String returns the problem as one line naming sheet, row, column and cell, then the message.
func (p Problem) String() string {
	where := fmt.Sprintf("sheet %q, row %d", p.Sheet, p.Row)
	if p.Column != "" {
		where += fmt.Sprintf(", column %q", p.Column)
	}
	if p.Cell != "" {
		where += " (cell " + p.Cell + ")"
	}
	return where + ": " + p.Message
}

// ImportError is a workbook that could not be read as a plan because of the problems it lists. A
// workbook with problems gives no plan: fix them all and import again.
type ImportError struct {
	Problems []Problem
}

// Error lists every problem on one line, separated by semicolons.
func (e *ImportError) Error() string {
	var b strings.Builder
	if len(e.Problems) == 1 {
		b.WriteString("the plan workbook has a problem: ")
	} else {
		fmt.Fprintf(&b, "the plan workbook has %d problems: ", len(e.Problems))
	}
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// AsWorkbook returns p as a plan workbook holds it, so that ReadXLSX(WriteXLSX(p)) equals
// AsWorkbook(p): store ids are cleared, and each action keeps only its latest note (see
// Action.LatestNote), dated to the day (midnight UTC) of its time in UTC.
func AsWorkbook(p Plan) Plan {
	p.ID = 0
	recs := make([]Recommendation, len(p.Recommendations))
	for i, r := range p.Recommendations {
		r.ID = 0
		acts := make([]Action, len(r.Actions))
		for j, a := range r.Actions {
			a.ID = 0
			if n, ok := a.LatestNote(); ok {
				if !n.At.IsZero() {
					n.At = calendar.FromTime(n.At.UTC()).Time()
				}
				a.Notes = []Note{n}
			}
			a.Evidence = slices.Clone(a.Evidence)
			acts[j] = a
		}
		r.Actions = acts
		recs[i] = r
	}
	p.Recommendations = recs
	return p
}

// WriteXLSX writes p as an Excel workbook of three sheets: "Actions", one row per action, with its
// recommendation's number and text, the action, owner, start, due and completed dates (Excel dates
// shown dd/mm/yyyy), status (by label), latest progress note ("text (author, dd/mm/yyyy)"),
// evidence (one per line, "title <link or file>") and the ids of the recommendation's measures,
// comma-separated (a recommendation without actions has a row with the action cells empty);
// "Measures", one row per target point: recommendation number, indicator id, date, milestone and
// stretch; and "Plan": title, authority, source, source date and published date.
func WriteXLSX(w io.Writer, p Plan) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := writeWorkbook(f, p); err != nil {
		return fmt.Errorf("write plan workbook: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write plan workbook: %w", err)
	}
	return nil
}

func writeWorkbook(f *excelize.File, p Plan) error {
	if err := f.SetSheetName(f.GetSheetName(0), SheetActions); err != nil {
		return err
	}
	for _, s := range []string{SheetMeasures, SheetPlan} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrapStyle, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	date := func(d calendar.Date) any {
		if d.IsZero() {
			return nil
		}
		return d.Sub(excelEpoch())
	}
	level := func(x *float64) any {
		if x == nil {
			return nil
		}
		return *x
	}
	// put writes a row from column A; dateCols are the 1-based columns holding dates.
	put := func(sheet string, row int, vals []any, dateCols ...int) error {
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
			return err
		}
		for _, c := range dateCols {
			cell, err := excelize.CoordinatesToCellName(c, row)
			if err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cell, cell, dateStyle); err != nil {
				return err
			}
		}
		return nil
	}
	header := func(sheet string, cols []string, widths []float64) error {
		vals := make([]any, len(cols))
		for i, c := range cols {
			vals[i] = c
		}
		if err := put(sheet, 1, vals); err != nil {
			return err
		}
		last, err := excelize.ColumnNumberToName(len(cols))
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, "A1", last+"1", headStyle); err != nil {
			return err
		}
		for i, wd := range widths {
			col, err := excelize.ColumnNumberToName(i + 1)
			if err == nil {
				err = f.SetColWidth(sheet, col, col, wd)
			}
			if err != nil {
				return err
			}
		}
		return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}

	if err := header(SheetActions, actionColumns(), []float64{16, 50, 50, 28, 12, 12, 12, 12, 50, 40, 30}); err != nil {
		return err
	}
	row := 2
	for _, r := range p.Recommendations {
		var inds []string
		for _, m := range r.Measures {
			inds = append(inds, m.Indicator)
		}
		indList := strings.Join(inds, ", ")
		if len(r.Actions) == 0 {
			if err := put(SheetActions, row, []any{r.Number, r.Text, nil, nil, nil, nil, nil, nil, nil, nil, indList}); err != nil {
				return err
			}
			row++
			continue
		}
		for _, a := range r.Actions {
			var note string
			if n, ok := a.LatestNote(); ok {
				note = formatNote(n)
			}
			var ev []string
			for _, e := range a.Evidence {
				ev = append(ev, e.String())
			}
			vals := []any{r.Number, r.Text, a.Description, a.Owner, date(a.Start), date(a.Due), a.Status.Label(),
				date(a.Completed), note, strings.Join(ev, "\n"), indList}
			if err := put(SheetActions, row, vals, 5, 6, 8); err != nil {
				return err
			}
			row++
		}
	}
	if row > 2 {
		if err := f.SetCellStyle(SheetActions, "A2", fmt.Sprintf("D%d", row-1), wrapStyle); err != nil {
			return err
		}
		if err := f.SetCellStyle(SheetActions, "I2", fmt.Sprintf("K%d", row-1), wrapStyle); err != nil {
			return err
		}
	}

	if err := header(SheetMeasures, measureColumns(), []float64{16, 30, 12, 12, 12}); err != nil {
		return err
	}
	row = 2
	for _, r := range p.Recommendations {
		for _, m := range r.Measures {
			for _, pt := range m.Points {
				if err := put(SheetMeasures, row, []any{r.Number, m.Indicator, date(pt.At), level(pt.Milestone),
					level(pt.Stretch)}, 3); err != nil {
					return err
				}
				row++
			}
		}
	}

	if err := header(SheetPlan, []string{"Field", "Value"}, []float64{14, 80}); err != nil {
		return err
	}
	var authority any
	if p.Authority != 0 {
		authority = p.Authority
	}
	for i, v := range []any{p.Title, authority, p.Source, date(p.SourceDate), date(p.Published)} {
		dateCols := []int{}
		if i >= 3 {
			dateCols = append(dateCols, 2)
		}
		if err := put(SheetPlan, i+2, []any{planFields()[i], v}, dateCols...); err != nil {
			return err
		}
	}
	return nil
}

// formatNote writes a note as "text (author, dd/mm/yyyy)", leaving out what it lacks.
func formatNote(n Note) string {
	var tail []string
	if n.Author != "" {
		tail = append(tail, n.Author)
	}
	if !n.At.IsZero() {
		tail = append(tail, calendar.FromTime(n.At.UTC()).DMY())
	}
	if len(tail) == 0 {
		return n.Text
	}
	return n.Text + " (" + strings.Join(tail, ", ") + ")"
}

// parseNote reads a note written by formatNote. A note that does not end with "(author,
// dd/mm/yyyy)" or "(dd/mm/yyyy)" is all text, with no author or time.
func parseNote(s string) Note {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, "("); i >= 0 {
			inner := s[i+1 : len(s)-1]
			author, when := "", inner
			if j := strings.LastIndex(inner, ","); j >= 0 {
				author, when = strings.TrimSpace(inner[:j]), inner[j+1:]
			}
			if d, ok := parseDate(strings.TrimSpace(when), false); ok {
				return Note{At: d.Time(), Author: author, Text: strings.TrimSpace(s[:i])}
			}
		}
	}
	return Note{Text: s}
}

// ReadXLSX reads a plan from a workbook laid out as WriteXLSX writes it. Sheets are found by name,
// ignoring case (the Actions sheet falls back to the first sheet), and columns by their headings in
// row 1, ignoring case and order. Only the "Recommendation number" and "Action" columns are
// required (without a Status column every action is not started); the Measures and Plan sheets may
// be left out.
//
// It is forgiving where people are: dates may be Excel dates or text dd/mm/yyyy (or yyyy-mm-dd);
// statuses may be given by label or code in any case ("on track", "ON-TRACK"); a blank
// recommendation number or text continues the recommendation above; indicator ids may be separated
// by commas, semicolons or new lines; levels may end with "%". Actions are checked as
// Action.Validate does. Every problem is reported, by sheet, row (Excel numbering) and column, in one
// *ImportError; a workbook with problems gives no plan. Fields of the plan itself that the workbook
// does not hold are left zero, for the caller to fill in and Plan.Validate to check.
func ReadXLSX(r io.Reader) (Plan, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return Plan{}, fmt.Errorf("read plan workbook: not a readable Excel workbook: %w", err)
	}
	defer f.Close()
	rd := &reader{f: f}
	p, err := rd.read()
	if err != nil {
		return Plan{}, fmt.Errorf("read plan workbook: %w", err)
	}
	if len(rd.problems) > 0 {
		return Plan{}, &ImportError{Problems: rd.problems}
	}
	return p, nil
}

// reader reads one workbook, gathering problems.
type reader struct {
	f        *excelize.File
	problems []Problem
}

// sheetRows is one sheet's raw cell values, with its columns by heading.
type sheetRows struct {
	name string
	rows [][]string
	cols map[string]int // lower-case heading → index
}

func (rd *reader) problem(sheet string, row int, column string, col int, value, format string, args ...any) {
	p := Problem{Sheet: sheet, Row: row, Column: column, Value: value, Message: fmt.Sprintf(format, args...)}
	if col >= 0 {
		p.Cell, _ = excelize.CoordinatesToCellName(col+1, row)
	}
	rd.problems = append(rd.problems, p)
}

// sheet returns the sheet named name (ignoring case), or the first sheet when first is set and
// there is no such sheet, and false when there is none.
func (rd *reader) sheet(name string, first bool) (*sheetRows, bool, error) {
	list := rd.f.GetSheetList()
	found := ""
	for _, s := range list {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			found = s
			break
		}
	}
	if found == "" && first && len(list) > 0 {
		found = list[0]
	}
	if found == "" {
		return nil, false, nil
	}
	// Raw values: dates come as Excel day numbers, not in whatever format the cell shows.
	rows, err := rd.f.GetRows(found, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, false, fmt.Errorf("sheet %q: %w", found, err)
	}
	s := &sheetRows{name: found, rows: rows, cols: map[string]int{}}
	if len(rows) > 0 {
		for i, h := range rows[0] {
			h = strings.ToLower(strings.Join(strings.Fields(h), " "))
			if _, dup := s.cols[h]; !dup && h != "" {
				s.cols[h] = i
			}
		}
	}
	return s, true, nil
}

// require reports the columns of want that sheet s lacks, and whether it has them all.
func (rd *reader) require(s *sheetRows, want ...string) bool {
	ok := true
	for _, c := range want {
		if _, has := s.cols[strings.ToLower(c)]; !has {
			rd.problem(s.name, 1, c, -1, "", "there is no %q column: row 1 should hold the column headings", c)
			ok = false
		}
	}
	return ok
}

// cell gives the trimmed value of a row's cell under heading, and its column index (-1 when the
// sheet has no such column).
func (s *sheetRows) cell(rec []string, heading string) (string, int) {
	j, ok := s.cols[strings.ToLower(heading)]
	if !ok {
		return "", -1
	}
	if j >= len(rec) {
		return "", j
	}
	return strings.TrimSpace(rec[j]), j
}

func (rd *reader) read() (Plan, error) {
	var p Plan
	acts, ok, err := rd.sheet(SheetActions, true)
	if err != nil {
		return p, err
	}
	if !ok {
		return p, errors.New("the workbook has no sheets")
	}
	if !rd.require(acts, "Recommendation number", "Action") {
		return p, nil
	}
	index := map[int]int{}    // recommendation number → index in p.Recommendations
	textRow := map[int]int{}  // recommendation number → row its text came from
	firstRow := map[int]int{} // recommendation number → its first row
	prev := 0                 // the recommendation number of the row above
	for i, rec := range acts.rows[1:] {
		row := i + 2
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // a blank row, as spreadsheets leave
		}
		get := func(h string) (string, int) { return acts.cell(rec, h) }
		bad := func(h string, format string, args ...any) {
			v, j := get(h)
			rd.problem(acts.name, row, h, j, v, format, args...)
		}

		numText, _ := get("Recommendation number")
		var n int
		switch {
		case numText != "":
			x, ok := parseRecNumber(numText)
			if !ok {
				bad("Recommendation number", "%q is not a recommendation number (a whole number from 1)", numText)
				continue
			}
			n = x
		case prev > 0:
			n = prev // continues the recommendation above
		default:
			bad("Recommendation number", "the recommendation number is missing")
			continue
		}
		k, seen := index[n]
		if !seen {
			k = len(p.Recommendations)
			index[n], firstRow[n] = k, row
			p.Recommendations = append(p.Recommendations, Recommendation{Number: n})
		}
		prev = n
		r := &p.Recommendations[k]
		if text, _ := get("Recommendation"); text != "" {
			if r.Text == "" {
				r.Text, textRow[n] = text, row
			} else if text != r.Text {
				bad("Recommendation", "the text of recommendation %d differs from its text in row %d", n, textRow[n])
			}
		}
		inds, _ := get("Indicators")
		for _, id := range splitList(inds) {
			id = strings.ToLower(id)
			if _, known := indicator.Lookup(id); !known {
				bad("Indicators", "%q is not an indicator id in the catalogue", id)
				continue
			}
			if _, has := measureOf(*r, id); !has {
				r.Measures = append(r.Measures, Measure{Indicator: id})
			}
		}

		a, hasAction := rd.action(acts, rec, row)
		if hasAction {
			r.Actions = append(r.Actions, a)
		}
	}
	for _, r := range p.Recommendations {
		if r.Text == "" {
			rd.problem(acts.name, firstRow[r.Number], "Recommendation", -1, "",
				"recommendation %d has no text in any row", r.Number)
		}
	}
	if err := rd.measures(&p, index); err != nil {
		return p, err
	}
	if err := rd.plan(&p); err != nil {
		return p, err
	}
	return p, nil
}

// action reads the action in one row of the Actions sheet, and false when the row holds only its
// recommendation (every action cell empty).
func (rd *reader) action(s *sheetRows, rec []string, row int) (Action, bool) {
	get := func(h string) (string, int) { return s.cell(rec, h) }
	filled := false
	for _, h := range actionColumns()[2:10] {
		if v, _ := get(h); v != "" {
			filled = true
		}
	}
	if !filled {
		return Action{}, false
	}
	failed := map[string]bool{} // columns with a problem already
	bad := func(h string, format string, args ...any) {
		v, j := get(h)
		rd.problem(s.name, row, h, j, v, format, args...)
		failed[h] = true
	}
	var a Action
	a.Description, _ = get("Action")
	a.Owner, _ = get("Owner")
	date := func(h string) calendar.Date {
		v, _ := get(h)
		if v == "" {
			return 0
		}
		d, ok := parseDate(v, true)
		if !ok {
			bad(h, "%q is not a date: write dd/mm/yyyy or use an Excel date", v)
		}
		return d
	}
	a.Start, a.Due, a.Completed = date("Start"), date("Due"), date("Completed")
	if v, j := get("Status"); j < 0 {
		a.Status = NotStarted // no status column: a new plan
	} else if st, err := ParseStatus(v); err != nil {
		bad("Status", "%s", err.Error())
	} else {
		a.Status = st
	}
	if v, _ := get("Latest progress note"); v != "" {
		a.Notes = []Note{parseNote(v)}
	}
	if v, _ := get("Evidence"); v != "" {
		for line := range strings.SplitSeq(v, "\n") {
			if strings.TrimSpace(line) != "" {
				a.Evidence = append(a.Evidence, ParseEvidence(line))
			}
		}
	}
	// Action.Validate's checks, reported by column; a column already reported is not reported again.
	column := map[string]string{"description": "Action", "owner": "Owner", "start date": "Start",
		"due date": "Due", "status": "Status", "completed date": "Completed", "notes": "Latest progress note",
		"evidence": "Evidence"}
	if err := a.Validate(); err != nil {
		for _, e := range unjoin(err) {
			var fe *FieldError
			if !errors.As(e, &fe) {
				continue
			}
			h := column[fe.Field]
			if h == "" || failed[h] {
				continue
			}
			bad(h, "%s", fe.Message)
		}
	}
	return a, true
}

// measures reads the Measures sheet, when there is one, into the recommendations of p.
func (rd *reader) measures(p *Plan, index map[int]int) error {
	s, ok, err := rd.sheet(SheetMeasures, false)
	if err != nil || !ok {
		return err
	}
	if len(s.rows) == 0 || !rd.require(s, measureColumns()...) {
		return nil
	}
	type key struct {
		rec  int
		ind  string
		date calendar.Date
	}
	seen := map[key]int{}
	for i, rec := range s.rows[1:] {
		row := i + 2
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		get := func(h string) (string, int) { return s.cell(rec, h) }
		problems := len(rd.problems)
		bad := func(h string, format string, args ...any) {
			v, j := get(h)
			rd.problem(s.name, row, h, j, v, format, args...)
		}
		numText, _ := get("Recommendation number")
		n, ok := parseRecNumber(numText)
		k, known := index[n]
		switch {
		case numText == "":
			bad("Recommendation number", "the recommendation number is missing")
		case !ok:
			bad("Recommendation number", "%q is not a recommendation number (a whole number from 1)", numText)
		case !known:
			bad("Recommendation number", "recommendation %d is not on the %s sheet", n, SheetActions)
		}
		id, _ := get("Indicator")
		id = strings.ToLower(id)
		ind, indKnown := indicator.Lookup(id)
		switch {
		case id == "":
			bad("Indicator", "the indicator id is missing")
		case !indKnown:
			bad("Indicator", "%q is not an indicator id in the catalogue", id)
		}
		var pt TargetPoint
		if v, _ := get("Date"); v == "" {
			bad("Date", "the date is missing")
		} else if d, ok := parseDate(v, true); !ok {
			bad("Date", "%q is not a date: write dd/mm/yyyy or use an Excel date", v)
		} else {
			pt.At = d
		}
		level := func(h string) *float64 {
			v, _ := get(h)
			if v == "" {
				return nil
			}
			x, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(v, "%")), 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				bad(h, "%q is not a number", v)
				return nil
			}
			return &x
		}
		pt.Milestone, pt.Stretch = level("Milestone"), level("Stretch")
		if len(rd.problems) > problems {
			continue
		}
		if first, dup := seen[key{n, id, pt.At}]; dup {
			bad("Date", "a second target point for recommendation %d, %s on %s (the first is row %d)", n, id, pt.At.DMY(), first)
			continue
		}
		seen[key{n, id, pt.At}] = row
		if err := pt.Validate(ind); err != nil {
			for _, e := range unjoin(err) {
				var fe *FieldError
				if errors.As(e, &fe) {
					h := map[string]string{"date": "Date", "milestone": "Milestone", "stretch": "Stretch"}[fe.Field]
					bad(h, "%s", fe.Message)
				}
			}
			continue
		}
		r := &p.Recommendations[k]
		j := slices.IndexFunc(r.Measures, func(m Measure) bool { return m.Indicator == id })
		if j < 0 {
			j = len(r.Measures)
			r.Measures = append(r.Measures, Measure{Indicator: id})
		}
		r.Measures[j].Points = append(r.Measures[j].Points, pt)
	}
	for i := range p.Recommendations {
		for j := range p.Recommendations[i].Measures {
			slices.SortStableFunc(p.Recommendations[i].Measures[j].Points, func(a, b TargetPoint) int {
				return int(a.At) - int(b.At)
			})
		}
	}
	return nil
}

// plan reads the Plan sheet, when there is one, into p's own fields.
func (rd *reader) plan(p *Plan) error {
	s, ok, err := rd.sheet(SheetPlan, false)
	if err != nil || !ok {
		return err
	}
	for i, rec := range s.rows {
		row := i + 1
		if len(rec) == 0 || strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		field := strings.TrimSpace(rec[0])
		value := ""
		if len(rec) > 1 {
			value = strings.TrimSpace(rec[1])
		}
		bad := func(format string, args ...any) {
			rd.problem(s.name, row, field, 1, value, format, args...)
		}
		date := func() calendar.Date {
			if value == "" {
				return 0
			}
			d, ok := parseDate(value, true)
			if !ok {
				bad("%q is not a date: write dd/mm/yyyy or use an Excel date", value)
			}
			return d
		}
		switch strings.ToLower(field) {
		case "field":
			if row != 1 {
				bad("%q is not a plan field; use one of %s", field, strings.Join(planFields(), ", "))
			}
		case "title":
			p.Title = value
		case "authority":
			if value == "" {
				break
			}
			n, err := strconv.Atoi(value)
			if err != nil || n < 100 || n > 999 {
				bad("%q is not a 3-digit DfE LA number", value)
			}
			p.Authority = n
		case "source":
			p.Source = value
		case "source date":
			p.SourceDate = date()
		case "published":
			p.Published = date()
		default:
			bad("%q is not a plan field; use one of %s", field, strings.Join(planFields(), ", "))
		}
	}
	return nil
}

// parseRecNumber reads a recommendation number: a whole number from 1, as text or an Excel number,
// optionally written "R3", "3." or "Recommendation 3".
func parseRecNumber(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "recommendation")
	s = strings.TrimPrefix(s, "r")
	s = strings.TrimSpace(strings.TrimSuffix(s, "."))
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && f >= 1 && f < 1e6 {
		return int(f), true
	}
	return 0, false
}

// splitList splits a list of ids separated by commas, semicolons, spaces or new lines.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t'
	})
}

// unjoin returns the errors joined in err, and in errors joined in those, or err alone.
func unjoin(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, unjoin(e)...)
	}
	return out
}

// excelEpoch returns the day before Excel's day 1 as Excel counts (its calendar wrongly has a 29
// February 1900, so from day 61 on, 30 December 1899 plus the day number gives the right date).
func excelEpoch() calendar.Date { return calendar.Of(1899, time.December, 30) }

// parseDate reads dd/mm/yyyy or yyyy-mm-dd, ignoring a time after the date, or, when excel is set,
// an Excel day number.
func parseDate(s string, excel bool) (calendar.Date, bool) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	if excel {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			n := int(math.Floor(f))
			if n < 61 || n > 2958465 { // from 1 March 1900 to 31 December 9999
				return 0, false
			}
			return excelEpoch().AddDays(n), true
		}
	}
	parse := calendar.ParseISO
	if strings.Contains(s, "/") {
		parse = calendar.ParseDMY
	}
	d, err := parse(s)
	return d, err == nil && !d.IsZero()
}
