package workforce

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"csperf/internal/finding"
)

// Rule codes of the findings ReadCSV reports.
const (
	RuleNumber    = "read/number"    // a value that is not a number of the right kind
	RuleDuplicate = "read/duplicate" // the same authority and year twice
	RuleColumn    = "read/column"    // a column csperf does not know, or values beyond the header, ignored
)

// column is one column of the workforce CSV and where its value lives in Figures.
type column struct {
	name  string
	fte   bool // hundredths of FTE, written with two decimals
	field func(*Figures) *int
}

// columns lists the CSV columns in the order WriteCSV writes them.
var columns = []column{
	{"la", false, func(f *Figures) *int { return &f.Authority }},
	{"year", false, func(f *Figures) *int { return &f.Year }},
	{"fte", true, func(f *Figures) *int { return &f.FTE }},
	{"headcount", false, func(f *Figures) *int { return &f.Headcount }},
	{"agency_fte", true, func(f *Figures) *int { return &f.AgencyFTE }},
	{"vacancy_fte", true, func(f *Figures) *int { return &f.VacancyFTE }},
	{"leavers_fte", true, func(f *Figures) *int { return &f.LeaversFTE }},
	{"starters_fte", true, func(f *Figures) *int { return &f.StartersFTE }},
	{"cases", false, func(f *Figures) *int { return &f.Cases }},
	{"case_holder_fte", true, func(f *Figures) *int { return &f.CaseHolderFTE }},
	{"absence_days", false, func(f *Figures) *int { return &f.AbsenceDays }},
}

// WriteCSV writes fs as a workforce CSV file: a header row, then one row per Figures in the given
// order, FTE columns with two decimals ("123.40").
func WriteCSV(w io.Writer, fs []Figures) error {
	cw := csv.NewWriter(w)
	row := make([]string, len(columns))
	for i, c := range columns {
		row[i] = c.name
	}
	if err := cw.Write(row); err != nil {
		return fmt.Errorf("writing workforce CSV: %w", err)
	}
	for _, f := range fs {
		for i, c := range columns {
			v := *c.field(&f)
			if c.fte {
				row[i] = FormatFTE(v)
			} else {
				row[i] = strconv.Itoa(v)
			}
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("writing workforce CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing workforce CSV: %w", err)
	}
	return nil
}

// FormatFTE formats hundredths of an FTE with two decimals: 12340 → "123.40".
func FormatFTE(h int) string {
	sign := ""
	u := uint64(h)
	if h < 0 {
		sign, u = "-", uint64(-(h+1))+1 // safe for math.MinInt
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// ParseFTE parses a non-negative FTE with at most two decimals ("12", "12.5", "12.50", ".5") into
// hundredths, exactly.
func ParseFTE(s string) (int, error) {
	whole, frac, dot := strings.Cut(s, ".")
	if (whole == "" && (!dot || frac == "")) || !digits(whole) || !digits(frac) {
		return 0, fmt.Errorf("%q is not a number of FTE such as 12.5", s)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than two decimal places", s)
	}
	w := 0
	if whole != "" {
		var err error
		if w, err = strconv.Atoi(whole); err != nil || w > math.MaxInt/100-1 {
			return 0, fmt.Errorf("%q is too large", s)
		}
	}
	f := 0
	for i := range 2 {
		f *= 10
		if i < len(frac) {
			f += int(frac[i] - '0')
		}
	}
	return w*100 + f, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ReadCSV reads a workforce CSV file; name is the file name used in findings and errors. Columns may
// come in any order and any case, with a byte order mark, CRLF line ends and spaces around values.
// Values that are not numbers are findings (the value counts as 0); a missing column, an empty file or
// malformed CSV is an error.
func ReadCSV(name string, r io.Reader) ([]Figures, []finding.Finding, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\xef\xbb\xbf" {
		if _, err := br.Discard(3); err != nil {
			return nil, nil, fmt.Errorf("reading %s: %w", name, err)
		}
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, fmt.Errorf("%s: the file is empty", name)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	var fs []finding.Finding
	index := make([]int, len(columns)) // column → position in the file
	for i := range index {
		index[i] = -1
	}
	for pos, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for i, c := range columns {
			if c.name != h {
				continue
			}
			if index[i] >= 0 {
				return nil, nil, fmt.Errorf("%s row 1: column %q appears twice", name, h)
			}
			index[i], known = pos, true
		}
		if !known {
			fs = append(fs, finding.Finding{Rule: RuleColumn, Severity: finding.Warning, File: name, Table: "workforce", Row: 1,
				Fields: []string{h}, Value: header[pos], Message: fmt.Sprintf("column %q is not a workforce column and was ignored", header[pos])})
		}
	}
	var missing []string
	for i, c := range columns {
		if index[i] < 0 {
			missing = append(missing, c.name)
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("%s row 1: missing column(s) %s; a workforce file needs the columns %s",
			name, strings.Join(missing, ", "), columnNames())
	}

	var out []Figures
	seen := map[[2]int]int{} // authority, year → row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("%s row %d: malformed CSV: %w", name, pe.Line, pe.Err)
			}
			return nil, nil, fmt.Errorf("reading %s: %w", name, err)
		}
		row, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rec) > len(header) {
			fs = append(fs, finding.Finding{Rule: RuleColumn, Severity: finding.Warning, File: name, Table: "workforce", Row: row,
				Fields: []string{"row"}, Value: strings.Join(rec[len(header):], ","),
				Message: fmt.Sprintf("the row has %d values but the header has %d columns; the extra values were ignored", len(rec), len(header))})
		}
		var f Figures
		for i, c := range columns {
			v := ""
			if index[i] < len(rec) {
				v = strings.TrimSpace(rec[index[i]])
			}
			n, err := parseValue(v, c.fte)
			if err != nil {
				fs = append(fs, finding.Finding{Rule: RuleNumber, Severity: finding.Error, File: name, Table: "workforce", Row: row,
					Fields: []string{c.name}, Value: v, Message: fmt.Sprintf("%s: %v", c.name, err)})
			}
			*c.field(&f) = n
		}
		key := [2]int{f.Authority, f.Year}
		if first, ok := seen[key]; ok {
			fs = append(fs, finding.Finding{Rule: RuleDuplicate, Severity: finding.Error, File: name, Table: "workforce", Row: row,
				Fields: []string{"la", "year"}, Value: fmt.Sprintf("%d,%d", f.Authority, f.Year),
				Message: fmt.Sprintf("authority %d has figures for %d twice (first at row %d)", f.Authority, f.Year, first)})
		} else {
			seen[key] = row
		}
		out = append(out, f)
	}
	return out, fs, nil
}

// parseValue parses one value: hundredths of FTE, or a non-negative whole number.
func parseValue(v string, fte bool) (int, error) {
	if v == "" {
		return 0, errors.New("the value is blank; write 0 when there are none")
	}
	if fte {
		return ParseFTE(v)
	}
	n, err := strconv.Atoi(v)
	if err != nil || !digits(v) {
		return 0, fmt.Errorf("%q is not a whole number", v)
	}
	return n, nil
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func columnNames() string {
	names := make([]string, len(columns))
	for i, c := range columns {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}
