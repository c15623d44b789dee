package indicator_test

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"csperf/internal/finding"
	"csperf/internal/indicator"
)

// localSeeds are local figures files, valid and not, as CSV records.
var localSeeds = [][][]string{
	{
		{"authority", "indicator", "period_end", "numerator", "denominator", "note"},
		{"857", "health-strategy-attendance", "2025-03-31", "41", "50", "from the MASH log"},
		{"857", "foster-carers-approved", "31/03/2025", "12", "", "panel minutes"},
	},
	{
		{"\ufeff Period End ", " Indicator", "AUTHORITY", "denominator", "numerator", "owner"},
		{},
		{" 31/3/2025 ", " Care-Leavers-Health-Passport ", " 857 ", "1,200", " 1000 ", "x"},
		{"45747", "mental-health-assessments", "857", "10.0", "3", ""},
	},
	{
		{"authority", "indicator", "period_end", "numerator", "denominator"},
		{"85", "cla-rate", "31/02/2025", "-1", "ten"},
		{"857", "mental-health-assessments", "2025-03-31", "11", "10"},
		{"857", "mental-health-assessments", "2025-03-31", "0", "0"},
		{"857", "foster-carers-approved", "2025-03-31", "NaN", "Inf"},
		{"857", "foster-carers-approved", "2025-03-31", "1e300", "9007199254740993"},
		{"857", "foster-carers-approved", "2025-03-31", "4", ""},
		{"857", "foster-carers-approved", "2025-03-31", "4", ""},
	},
	{{"authority", "indicator", "period_end", "numerator"}, {"857", "foster-carers-approved", "2025-03-31", "3"}},
	{{"authority", "indicator", "period_end", "numerator", "denominator"}},
}

// checkLocal checks what a local figures reader returned for the file name: an error is one line
// naming the file, findings name the file and have a one-line message, and figures are only
// returned when no finding is an error and are each a figure that can be loaded.
func checkLocal(t *testing.T, name string, figs []indicator.LocalFigure, fs []finding.Finding, err error) {
	t.Helper()
	if err != nil {
		if msg := err.Error(); !strings.Contains(msg, name) || strings.ContainsAny(msg, "\r\n") {
			t.Fatalf("error not one line naming %s: %q", name, msg)
		}
		if figs != nil || fs != nil {
			t.Fatalf("an error with figures or findings: %v %v", figs, fs)
		}
		return
	}
	for _, f := range fs {
		if f.File != name || f.Row < 0 || f.Message == "" || strings.ContainsAny(f.Message, "\r\n") {
			t.Fatalf("finding without the file name, a row or a one-line message: %+v", f)
		}
	}
	errs := finding.Count(fs)[finding.Error]
	if errs > 0 && figs != nil {
		t.Fatalf("%d error findings yet %d figures returned", errs, len(figs))
	}
	if errs == 0 && len(figs) == 0 {
		t.Fatalf("no figures and no error finding: %v", fs)
	}
	type key struct {
		la  int
		id  string
		end indicator.Date
	}
	seen := map[key]bool{}
	for _, lf := range figs {
		ind, ok := indicator.Lookup(lf.Indicator)
		switch {
		case lf.Authority < 100 || lf.Authority > 999:
			t.Fatalf("authority %d is not a DfE LA number: %+v", lf.Authority, lf)
		case !ok || ind.Source != indicator.SourceLocal:
			t.Fatalf("indicator %q is not one entered locally: %+v", lf.Indicator, lf)
		case lf.PeriodEnd.IsZero():
			t.Fatalf("no period end: %+v", lf)
		case lf.Numerator < 0 || lf.Denominator < 0:
			t.Fatalf("negative figure: %+v", lf)
		case ind.Unit != indicator.Count && (lf.Denominator == 0 || lf.Numerator > lf.Denominator):
			t.Fatalf("percentage with a numerator %d and denominator %d: %+v", lf.Numerator, lf.Denominator, lf)
		case lf.EnteredBy != "":
			t.Fatalf("entered by set by the reader: %+v", lf)
		}
		k := key{lf.Authority, lf.Indicator, lf.PeriodEnd}
		if seen[k] {
			t.Fatalf("two figures for %+v", k)
		}
		seen[k] = true
	}
}

// FuzzReadLocalFigures checks that no input makes ReadLocalFigures panic, that errors and findings
// name the file, and that the figures it returns can be loaded.
func FuzzReadLocalFigures(f *testing.F) {
	for _, recs := range localSeeds {
		var b strings.Builder
		for _, r := range recs {
			b.WriteString(strings.Join(quoteAll(r), ",") + "\r\n")
		}
		f.Add([]byte(b.String()))
	}
	f.Add([]byte("\xef\xbb\xbfauthority,indicator,period_end,numerator,denominator\n857,foster-carers-approved,2025-03-31 00:00,1,\n"))
	f.Add([]byte("authority,indicator\n\"857,unterminated\n"))
	f.Add([]byte("authority,indicator,period_end,numerator,denominator,authority\n857,a\"b,,,\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		figs, fs, err := indicator.ReadLocalFigures("figures.csv", bytes.NewReader(data))
		checkLocal(t, "figures.csv", figs, fs, err)
	})
}

// FuzzReadLocalFiguresXLSX checks that no workbook makes ReadLocalFiguresXLSX panic, that errors and
// findings name the file, and that the figures it returns can be loaded. An input that is not a zip
// file is taken as a table, a line a row and cells separated by tabs, and written as a workbook
// first (numbers as numbers), so that the fuzzer reaches the cells: a changed byte inside a
// workbook's compressed sheets rarely gets past the zip checksum.
func FuzzReadLocalFiguresXLSX(f *testing.F) {
	for _, recs := range localSeeds {
		f.Add(localWorkbook(f, recs, false))
		var b strings.Builder
		for _, r := range recs {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		f.Add([]byte(b.String()))
	}
	f.Add(localWorkbook(f, localSeeds[0], true))
	f.Add([]byte("authority\tindicator\tperiod_end\tnumerator\tdenominator\n857\tfoster-carers-approved\t45747.99\t3.0\t\n" +
		"857\tfoster-carers-approved\t60\t3\t\n857\tfoster-carers-approved\t2958466\t3\t\n857\tfoster-carers-approved\t1e300\t3\t\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK")) {
			var ok bool
			if data, ok = tableWorkbook(data); !ok {
				return
			}
		}
		figs, fs, err := indicator.ReadLocalFiguresXLSX("figures.xlsx", bytes.NewReader(data))
		checkLocal(t, "figures.xlsx", figs, fs, err)
	})
}

// localWorkbook writes records as the first sheet of a workbook: numbers as numbers and, when
// dates is set, period ends as Excel dates.
func localWorkbook(f *testing.F, recs [][]string, dates bool) []byte {
	rows := make([][]any, len(recs))
	for i, rec := range recs {
		rows[i] = make([]any, len(rec))
		for j, s := range rec {
			rows[i][j] = s
			if d, err := time.Parse("2006-01-02", s); err == nil && dates {
				rows[i][j] = d
			} else if n, err := strconv.Atoi(s); err == nil && i > 0 {
				rows[i][j] = n
			}
		}
	}
	b, err := workbook(rows)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// tableWorkbook writes a table, a line a row and cells separated by tabs, as a workbook: cells
// that are numbers as numbers. It reports false for a table excelize cannot write.
func tableWorkbook(data []byte) ([]byte, bool) {
	lines := strings.Split(string(data), "\n")
	if len(lines) > 1000 {
		return nil, false
	}
	rows := make([][]any, len(lines))
	for i, line := range lines {
		for _, s := range strings.Split(line, "\t") {
			if x, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
				rows[i] = append(rows[i], x)
			} else {
				rows[i] = append(rows[i], s)
			}
		}
	}
	b, err := workbook(rows)
	return b, err == nil
}

// workbook writes rows as the first sheet of a workbook.
func workbook(rows [][]any) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := x.GetSheetName(0)
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err == nil {
			err = x.SetSheetRow(sheet, cell, &row)
		}
		if err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// quoteAll quotes each field for CSV.
func quoteAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return out
}
