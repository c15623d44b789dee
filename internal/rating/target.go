package rating

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"csperf/internal/calendar"
	"csperf/internal/finding"
	"csperf/internal/indicator"
)

// Date is a civil date.
type Date = calendar.Date

// ToleranceKind says how a target's tolerance is measured.
type ToleranceKind string

const (
	Absolute ToleranceKind = "absolute" // in the indicator's units (percentage points for percentages)
	Relative ToleranceKind = "relative" // as a percentage of the target
)

// Target is what an authority aims for on one indicator by one period end. Any of the three levels
// may be missing; a row with no Target level is kept for monitoring only and rates Grey.
type Target struct {
	Indicator     string
	Authority     int // DfE 3-digit LA number
	PeriodEnd     Date
	Milestone     *float64 // an interim level on the way to the target
	Target        *float64
	Stretch       *float64 // a more ambitious level
	Tolerance     float64  // how far short of target still rates amber
	ToleranceKind ToleranceKind
	Rationale     string // why this level, in plain English
}

// targetColumns is the header of a targets CSV file, in the order WriteTargetsCSV writes it.
var targetColumns = []string{"indicator", "authority", "period_end", "milestone", "target", "stretch",
	"tolerance", "tolerance_kind", "rationale"}

// ReadTargetsCSV reads targets from a CSV file whose header row names the columns of targetColumns
// in any order (indicator, authority and period_end are required; the others may be left out). Dates
// are dd/mm/yyyy or yyyy-mm-dd; levels are numbers (a trailing % is allowed); an empty tolerance kind
// means absolute. Each problem in a row becomes a finding naming the file, row (header = row 1),
// field and value; when there are any, no targets are returned, so a bad file loads nothing. The
// error is for a file that cannot be read as CSV at all or lacks a required column.
func ReadTargetsCSV(name string, r io.Reader) ([]Target, []finding.Finding, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("read targets %s: %w", name, err)
	}
	return parseTargets(name, recs, false)
}

// ReadTargetsXLSX reads targets from the first sheet of an Excel workbook laid out as the CSV file
// ReadTargetsCSV reads, header in the first row. Period ends may be Excel dates or text.
func ReadTargetsXLSX(name string, r io.Reader) ([]Target, []finding.Finding, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, nil, fmt.Errorf("read targets %s: not a readable Excel workbook: %w", name, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, fmt.Errorf("read targets %s: the workbook has no sheets", name)
	}
	// Raw values: dates come as Excel day numbers rather than in whatever format the cell shows.
	recs, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, fmt.Errorf("read targets %s, sheet %q: %w", name, sheets[0], err)
	}
	return parseTargets(name, recs, true)
}

// parseTargets turns the records of a targets file, header first, into targets or findings.
// excelDates allows Excel day numbers as period ends.
func parseTargets(name string, recs [][]string, excelDates bool) ([]Target, []finding.Finding, error) {
	if len(recs) == 0 {
		return nil, nil, fmt.Errorf("read targets %s: empty file, expected a header row", name)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		col[h] = i
	}
	for _, req := range targetColumns[:3] {
		if _, ok := col[req]; !ok {
			return nil, nil, fmt.Errorf("read targets %s: no %q column in the header row", name, req)
		}
	}
	type key struct {
		ind  string
		la   int
		date Date
	}
	seen := map[key]int{}
	var (
		out      []Target
		findings []finding.Finding
	)
	for i, rec := range recs[1:] {
		row := i + 2
		get := func(field string) string {
			if j, ok := col[field]; ok && j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue // a blank line, as spreadsheets leave
		}
		bad := func(field, value, msg string) {
			findings = append(findings, finding.Finding{Rule: "targets/" + field, Severity: finding.Error,
				File: name, Table: "targets", Row: row, Fields: []string{field}, Value: value, Message: msg})
		}
		var t Target
		t.Indicator = get("indicator")
		ind, known := indicator.Lookup(t.Indicator)
		if !known {
			bad("indicator", t.Indicator, fmt.Sprintf("%q is not an indicator in the catalogue", t.Indicator))
		}
		if s := get("authority"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 100 || n > 999 {
				bad("authority", s, fmt.Sprintf("authority %q is not a 3-digit DfE LA number", s))
			}
			t.Authority = n
		} else {
			bad("authority", s, "authority is missing")
		}
		if s := get("period_end"); s != "" {
			d, ok := parseDate(s, excelDates)
			if !ok {
				bad("period_end", s, fmt.Sprintf("period end %q is not a date (dd/mm/yyyy or yyyy-mm-dd)", s))
			}
			t.PeriodEnd = d
		} else {
			bad("period_end", s, "period end is missing")
		}
		level := func(field string) *float64 {
			s := get(field)
			if s == "" {
				return nil
			}
			x, err := number(s)
			if err != nil {
				bad(field, s, fmt.Sprintf("%s %q is not a number", field, s))
				return nil
			}
			if known && ind.Unit == indicator.Percent && (x < 0 || x > 100) {
				bad(field, s, fmt.Sprintf("%s %q is not a percentage from 0 to 100", field, s))
			}
			return &x
		}
		t.Milestone, t.Target, t.Stretch = level("milestone"), level("target"), level("stretch")
		if s := get("tolerance"); s != "" {
			x, err := number(s)
			if err != nil || x < 0 {
				bad("tolerance", s, fmt.Sprintf("tolerance %q is not a number of 0 or more", s))
			}
			t.Tolerance = x
		}
		switch s := strings.ToLower(get("tolerance_kind")); s {
		case "", string(Absolute):
			t.ToleranceKind = Absolute
		case string(Relative):
			t.ToleranceKind = Relative
		default:
			bad("tolerance_kind", get("tolerance_kind"),
				fmt.Sprintf("tolerance kind %q should be %q or %q", s, Absolute, Relative))
		}
		t.Rationale = get("rationale")
		if known && t.Target != nil && t.Stretch != nil && worse(ind.Polarity, *t.Stretch, *t.Target) {
			bad("stretch", get("stretch"), fmt.Sprintf("stretch %s is less ambitious than target %s",
				get("stretch"), get("target")))
		}
		k := key{t.Indicator, t.Authority, t.PeriodEnd}
		if first, dup := seen[k]; dup {
			bad("indicator", t.Indicator, fmt.Sprintf("a second target for %s, authority %d, period end %s (the first is row %d)",
				t.Indicator, t.Authority, t.PeriodEnd.DMY(), first))
		} else {
			seen[k] = row
		}
		out = append(out, t)
	}
	if len(findings) > 0 {
		return nil, findings, nil
	}
	return out, nil, nil
}

// excelEpoch is the day before Excel's day 1 as Excel counts (its calendar wrongly has a 29 February
// 1900, so from day 61 on, 30 December 1899 plus the day number gives the right date).
var excelEpoch = calendar.Of(1899, time.December, 30)

// parseDate reads dd/mm/yyyy or yyyy-mm-dd, ignoring a time after the date, or, when excel is set,
// an Excel day number.
func parseDate(s string, excel bool) (Date, bool) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	if excel {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			n := int(math.Floor(f))
			if n < 61 || n > 2958465 { // from 1 March 1900 to 31 December 9999
				return 0, false
			}
			return excelEpoch.AddDays(n), true
		}
	}
	parse := calendar.ParseISO
	if strings.Contains(s, "/") {
		parse = calendar.ParseDMY
	}
	d, err := parse(s)
	return d, err == nil && !d.IsZero()
}

// number reads a level or tolerance: a finite number, with an optional trailing %. (ParseFloat also
// takes NaN and Inf, which no target means.)
func number(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err == nil && (math.IsNaN(x) || math.IsInf(x, 0)) {
		err = fmt.Errorf("%q is not a finite number", s)
	}
	return x, err
}

// worse reports whether a is worse than b by polarity.
func worse(p indicator.Polarity, a, b float64) bool {
	switch p {
	case indicator.HigherIsBetter:
		return a < b
	case indicator.LowerIsBetter:
		return a > b
	}
	return false
}

// targetRecords returns the records of a targets file, header first: dates dd/mm/yyyy, missing
// levels as empty cells.
func targetRecords(ts []Target) [][]string {
	num := func(x *float64) string {
		if x == nil {
			return ""
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	}
	recs := [][]string{targetColumns}
	for _, t := range ts {
		kind := t.ToleranceKind
		if kind == "" {
			kind = Absolute
		}
		recs = append(recs, []string{t.Indicator, strconv.Itoa(t.Authority), t.PeriodEnd.DMY(),
			num(t.Milestone), num(t.Target), num(t.Stretch), strconv.FormatFloat(t.Tolerance, 'f', -1, 64),
			string(kind), t.Rationale})
	}
	return recs
}

// WriteTargetsCSV writes targets with a header row, in the form ReadTargetsCSV reads.
func WriteTargetsCSV(w io.Writer, ts []Target) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(targetRecords(ts)); err != nil {
		return fmt.Errorf("write targets: %w", err)
	}
	return nil
}

// WriteTargetsXLSX writes targets as an Excel workbook of one sheet, "Targets", in the form
// ReadTargetsXLSX reads: numbers as numbers, period ends as text dd/mm/yyyy.
func WriteTargetsXLSX(w io.Writer, ts []Target) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Targets"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("write targets: %w", err)
	}
	for i, rec := range targetRecords(ts) {
		row := make([]any, len(rec))
		for j, s := range rec {
			row[j] = s
			if x, err := strconv.ParseFloat(s, 64); err == nil && i > 0 && j != 2 && j != 8 {
				row[j] = x
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err == nil {
			err = f.SetSheetRow(sheet, cell, &row)
		}
		if err != nil {
			return fmt.Errorf("write targets: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write targets: %w", err)
	}
	return nil
}
