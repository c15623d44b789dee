package indicator

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// LocalFigure is a figure a council enters itself for an indicator the returns do not hold (one with
// Source local): a numerator and, for a percentage, a denominator for a period ending on PeriodEnd.
type LocalFigure struct {
	Authority   int    // DfE 3-digit LA number
	Indicator   string // catalogue id
	PeriodEnd   Date
	Numerator   int64
	Denominator int64  // 0 for a count
	Note        string // where the figure comes from, e.g. "fostering panel minutes"
	EnteredBy   string // left blank by the readers: the caller knows who uploaded the file
}

// The columns of a local figures file. Names are matched ignoring case, surrounding spaces, and
// spaces or hyphens in place of underscores.
var (
	localRequired = []string{"authority", "indicator", "period_end", "numerator", "denominator"}
	localOptional = []string{"note"}
)

// ReadLocalFigures reads local figures from a CSV file with the columns authority, indicator,
// period_end, numerator, denominator and, optionally, note (in any order, header on the first line).
// Dates may be yyyy-mm-dd or dd/mm/yyyy. A byte-order mark, Windows line ends, blank lines and stray
// spaces are tolerated.
//
// Problems with the content are returned as findings naming the file, row (the header is row 1),
// field and value. When any finding is an error nothing is returned to load; warnings (an extra
// column, say) do not stop the load. The error is for a file that cannot be read at all.
func ReadLocalFigures(name string, r io.Reader) ([]LocalFigure, []finding.Finding, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		if _, err := br.Discard(3); err != nil {
			return nil, nil, fmt.Errorf("read local figures %s: %w", name, err)
		}
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var rows []localRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read local figures %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, localRow{line, rec})
	}
	figs, fs := parseLocal(name, rows, false)
	return figs, fs, nil
}

// ReadLocalFiguresXLSX reads local figures from the first sheet of an Excel workbook with the same
// columns as ReadLocalFigures, header in the first row that is not blank. Dates may be Excel dates
// or text in either form ReadLocalFigures accepts.
func ReadLocalFiguresXLSX(name string, r io.Reader) ([]LocalFigure, []finding.Finding, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, nil, fmt.Errorf("read local figures %s: not a readable Excel workbook: %w", name, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, fmt.Errorf("read local figures %s: the workbook has no sheets", name)
	}
	// Raw values: dates come as Excel serial numbers rather than in whatever format the cell shows.
	recs, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, fmt.Errorf("read local figures %s, sheet %q: %w", name, sheets[0], err)
	}
	rows := make([]localRow, len(recs))
	for i, rec := range recs {
		rows[i] = localRow{i + 1, rec}
	}
	figs, fs := parseLocal(name, rows, true)
	return figs, fs, nil
}

// localRow is one record of a local figures file with its row number as Excel shows it.
type localRow struct {
	n      int
	fields []string
}

// parseLocal turns the rows of a local figures file into figures and findings. serialDates allows
// Excel's day numbers as dates.
func parseLocal(name string, rows []localRow, serialDates bool) ([]LocalFigure, []finding.Finding) {
	var fs []finding.Finding
	add := func(rule string, sev finding.Severity, row int, field, value, msg string) {
		f := finding.Finding{Rule: rule, Severity: sev, File: name, Row: row, Value: value, Message: msg}
		if field != "" {
			f.Fields = []string{field}
		}
		fs = append(fs, f)
	}
	for len(rows) > 0 && blankRecord(rows[0].fields) {
		rows = rows[1:]
	}
	if len(rows) == 0 {
		add("local/empty", finding.Error, 0, "", "", "The file is empty: it needs a header row and at least one figure.")
		return nil, fs
	}
	head := rows[0]
	col := map[string]int{}
	for i, h := range head.fields {
		key := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(h)))
		switch {
		case key == "":
		case !slices.Contains(localRequired, key) && !slices.Contains(localOptional, key):
			add("local/column", finding.Warning, head.n, h, h, "Column "+strconv.Quote(h)+" is not one csperf reads; it was ignored.")
		case seen(col, key):
			add("local/column", finding.Error, head.n, h, h, "Column "+strconv.Quote(h)+" appears twice.")
		default:
			col[key] = i
		}
	}
	for _, c := range localRequired {
		if !seen(col, c) {
			add("local/column", finding.Error, head.n, c, "", "The header has no "+c+" column. Expected columns: "+
				strings.Join(localRequired, ", ")+" and optionally note.")
		}
	}
	if finding.Count(fs)[finding.Error] > 0 {
		return nil, fs
	}

	type key struct {
		la  int
		id  string
		end Date
	}
	firstRow := map[key]int{}
	var out []LocalFigure
	for _, row := range rows[1:] {
		if blankRecord(row.fields) {
			continue
		}
		get := func(c string) string {
			i, ok := col[c]
			if !ok || i >= len(row.fields) {
				return ""
			}
			return strings.TrimSpace(row.fields[i])
		}
		bad := func(rule, field, value, msg string) { add(rule, finding.Error, row.n, field, value, msg) }
		errorsBefore := len(fs)

		lf := LocalFigure{Note: get("note")}
		if s := get("authority"); s == "" {
			bad("local/authority", "authority", s, "The authority is blank: give the DfE 3-digit LA number.")
		} else if la, err := strconv.Atoi(s); err != nil || la < 100 || la > 999 {
			bad("local/authority", "authority", s, "The authority "+strconv.Quote(s)+" is not a DfE 3-digit LA number.")
		} else {
			lf.Authority = la
		}

		raw := get("indicator")
		lf.Indicator = strings.ToLower(raw)
		ind, known := Lookup(lf.Indicator)
		switch {
		case raw == "":
			bad("local/indicator", "indicator", raw, "The indicator is blank.")
		case !known:
			bad("local/indicator", "indicator", raw, "There is no indicator "+strconv.Quote(raw)+" in the catalogue. "+
				"Figures can be entered for: "+strings.Join(localIDs(), ", ")+".")
		case ind.Source != SourceLocal:
			bad("local/indicator", "indicator", raw, "The indicator "+strconv.Quote(raw)+" is not entered locally: "+
				"csperf takes it from "+sourceText(ind.Source)+".")
		}

		if s := get("period_end"); s == "" {
			bad("local/date", "period_end", s, "The period end date is blank.")
		} else if d, ok := parseLocalDate(s, serialDates); !ok {
			bad("local/date", "period_end", s, "The period end "+strconv.Quote(s)+" is not a date in the form yyyy-mm-dd or dd/mm/yyyy.")
		} else {
			lf.PeriodEnd = d
		}

		var numOK, denOK bool
		lf.Numerator, numOK = parseCount(get("numerator"))
		if !numOK {
			bad("local/number", "numerator", get("numerator"), "The numerator "+strconv.Quote(get("numerator"))+
				" is not a whole number of zero or more.")
		}
		den := get("denominator")
		if den == "" && known && ind.Unit == Count {
			lf.Denominator, denOK = 0, true // a count has no denominator
		} else if lf.Denominator, denOK = parseCount(den); !denOK {
			bad("local/number", "denominator", den, "The denominator "+strconv.Quote(den)+
				" is not a whole number of zero or more.")
		}
		if known && ind.Source == SourceLocal && numOK && denOK && ind.Unit != Count {
			switch {
			case lf.Denominator == 0:
				bad("local/denominator", "denominator", den, "The denominator is 0: "+ind.Title+
					" is a percentage and needs the number it is a percentage of.")
			case lf.Numerator > lf.Denominator:
				bad("local/denominator", "numerator", get("numerator"), fmt.Sprintf(
					"The numerator (%d) is larger than the denominator (%d): a percentage cannot be over 100.",
					lf.Numerator, lf.Denominator))
			}
		}
		if len(fs) > errorsBefore {
			continue
		}
		k := key{lf.Authority, lf.Indicator, lf.PeriodEnd}
		if first, dup := firstRow[k]; dup {
			bad("local/duplicate", "period_end", get("period_end"), fmt.Sprintf(
				"Authority %d already has a figure for %s with this period end, on row %d.", lf.Authority, lf.Indicator, first))
			continue
		}
		firstRow[k] = row.n
		out = append(out, lf)
	}
	if finding.Count(fs)[finding.Error] > 0 {
		return nil, fs
	}
	if len(out) == 0 {
		add("local/empty", finding.Error, 0, "", "", "The file has a header but no figures.")
		return nil, fs
	}
	return out, fs
}

// excelEpoch is the day before Excel's day 1 as Excel counts (its calendar wrongly has a 29 February
// 1900, so from day 61 on, 30 December 1899 plus the day number gives the right date).
var excelEpoch = calendar.Of(1899, 12, 30)

// parseLocalDate reads yyyy-mm-dd or dd/mm/yyyy (a time after the date, as spreadsheets add, is
// ignored), or, when serial is set, an Excel day number.
func parseLocalDate(s string, serial bool) (Date, bool) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	if serial {
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

// parseCount reads a whole number of zero or more, allowing thousands separators and a spreadsheet's
// ".0".
func parseCount(s string) (int64, bool) {
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, n >= 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f != math.Trunc(f) || f > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// localIDs returns the ids of the indicators councils enter themselves, in catalogue order.
func localIDs() []string {
	var ids []string
	for _, ind := range catalogue {
		if ind.Source == SourceLocal {
			ids = append(ids, ind.ID)
		}
	}
	return ids
}

// sourceText names a source in plain English.
func sourceText(s Source) string {
	switch s {
	case SourceSSDA903:
		return "the children looked after return (SSDA903)"
	case SourceCIN:
		return "the children in need census"
	case SourceWorkforce:
		return "the social work workforce figures"
	case SourcePublished:
		return "DfE's published statistics"
	}
	return string(s)
}

// seen reports whether the header has column k.
func seen(col map[string]int, k string) bool {
	_, ok := col[k]
	return ok
}

// blankRecord reports whether every field of a record is blank.
func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
