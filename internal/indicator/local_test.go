package indicator_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"csperf/internal/calendar"
	"csperf/internal/finding"
	"csperf/internal/indicator"
)

// problem is the part of a finding a test cares about.
type problem struct {
	Rule     string
	Severity finding.Severity
	Row      int
	Field    string
	Value    string
}

func problems(fs []finding.Finding) []problem {
	var out []problem
	for _, f := range fs {
		p := problem{Rule: f.Rule, Severity: f.Severity, Row: f.Row, Value: f.Value}
		if len(f.Fields) > 0 {
			p.Field = f.Fields[0]
		}
		out = append(out, p)
	}
	return out
}

func TestReadLocalFigures(t *testing.T) {
	d := calendar.Of(2025, time.March, 31)
	for _, tc := range []struct {
		name, in string
		want     []indicator.LocalFigure
		problems []problem
	}{
		{
			name: "clean",
			in: "authority,indicator,period_end,numerator,denominator,note\n" +
				"857,health-strategy-attendance,2025-03-31,41,50,from the MASH log\n" +
				"857,foster-carers-approved,31/03/2025,12,,panel minutes\n",
			want: []indicator.LocalFigure{
				{Authority: 857, Indicator: "health-strategy-attendance", PeriodEnd: d, Numerator: 41, Denominator: 50, Note: "from the MASH log"},
				{Authority: 857, Indicator: "foster-carers-approved", PeriodEnd: d, Numerator: 12, Note: "panel minutes"},
			},
		},
		{
			name: "BOM, CRLF, case, spaces, column order, blank lines",
			in: "\ufeff Period End , Indicator,AUTHORITY,denominator,numerator\r\n" +
				"\r\n" +
				" 31/3/2025 , Care-Leavers-Health-Passport , 857 , \"1,200\", 1000 \r\n",
			want: []indicator.LocalFigure{
				{Authority: 857, Indicator: "care-leavers-health-passport", PeriodEnd: d, Numerator: 1000, Denominator: 1200},
			},
		},
		{
			name: "extra column is a warning only",
			in:   "authority,indicator,period_end,numerator,denominator,owner\n857,cla-school-attendance,2025-03-31,900,1000,ana\n",
			want: []indicator.LocalFigure{
				{Authority: 857, Indicator: "cla-school-attendance", PeriodEnd: d, Numerator: 900, Denominator: 1000},
			},
			problems: []problem{{"local/column", finding.Warning, 1, "owner", "owner"}},
		},
		{
			name:     "missing column",
			in:       "authority,indicator,period_end,numerator\n857,foster-carers-approved,2025-03-31,3\n",
			problems: []problem{{"local/column", finding.Error, 1, "denominator", ""}},
		},
		{
			name: "bad values name row, field and value, and nothing loads",
			in: "authority,indicator,period_end,numerator,denominator\n" +
				"857,foster-carers-approved,2025-03-31,3,\n" + // fine, but the file is rejected
				"85,foster-carers-approved,2025-03-31,3,\n" +
				"857,cla-rate,2025-03-31,3,100\n" +
				"857,no-such-thing,2025-03-31,3,100\n" +
				"857,mental-health-assessments,31/02/2025,3,10\n" +
				"857,mental-health-assessments,2025-03-31,-1,10\n" +
				"857,mental-health-assessments,2025-03-31,3,ten\n" +
				"857,mental-health-assessments,2025-03-31,11,10\n" +
				"857,mental-health-assessments,2025-03-31,0,0\n" +
				"857,foster-carers-approved,31/03/2025,4,\n",
			problems: []problem{
				{"local/authority", finding.Error, 3, "authority", "85"},
				{"local/indicator", finding.Error, 4, "indicator", "cla-rate"},
				{"local/indicator", finding.Error, 5, "indicator", "no-such-thing"},
				{"local/date", finding.Error, 6, "period_end", "31/02/2025"},
				{"local/number", finding.Error, 7, "numerator", "-1"},
				{"local/number", finding.Error, 8, "denominator", "ten"},
				{"local/denominator", finding.Error, 9, "numerator", "11"},
				{"local/denominator", finding.Error, 10, "denominator", "0"},
				{"local/duplicate", finding.Error, 11, "period_end", "31/03/2025"},
			},
		},
		{
			name:     "header only",
			in:       "authority,indicator,period_end,numerator,denominator\n",
			problems: []problem{{"local/empty", finding.Error, 0, "", ""}},
		},
		{
			name:     "empty",
			in:       "",
			problems: []problem{{"local/empty", finding.Error, 0, "", ""}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, fs, err := indicator.ReadLocalFigures("figures.csv", strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("figures:\n got %+v\nwant %+v", got, tc.want)
			}
			if p := problems(fs); !reflect.DeepEqual(p, tc.problems) {
				t.Errorf("findings:\n got %+v\nwant %+v", p, tc.problems)
			}
			for _, f := range fs {
				if f.File != "figures.csv" || f.Message == "" {
					t.Errorf("finding does not name the file or has no message: %+v", f)
				}
			}
		})
	}
}

func TestReadLocalFiguresMessages(t *testing.T) {
	in := "authority,indicator,period_end,numerator,denominator\n857,cla-rate,2025-03-31,3,100\n"
	_, fs, err := indicator.ReadLocalFigures("figures.csv", strings.NewReader(in))
	if err != nil || len(fs) != 1 {
		t.Fatalf("want one finding, got %v, %v", fs, err)
	}
	want := `figures.csv row 2 (indicator): The indicator "cla-rate" is not entered locally: csperf takes it from the children looked after return (SSDA903). [error local/indicator]`
	if s := fs[0].String(); s != want {
		t.Errorf("finding reads\n %s\nwant\n %s", s, want)
	}
}

func TestReadLocalFiguresCSVError(t *testing.T) {
	_, _, err := indicator.ReadLocalFigures("broken.csv", strings.NewReader("authority,indicator\n\"857,unterminated\n"))
	if err == nil || !strings.Contains(err.Error(), "broken.csv") {
		t.Errorf("a malformed CSV should be an error naming the file, got %v", err)
	}
}

func TestReadLocalFiguresXLSX(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := x.GetSheetName(0)
	rows := [][]any{
		{"Authority", "Indicator", "Period end", "Numerator", "Denominator", "Note"},
		{857, "health-strategy-attendance", time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), 41, 50, "MASH log"},
		{857, "foster-carers-approved", "31/03/2025", 12, nil, nil},
		{},
		{857, "cla-school-attendance", "2024-03-31", 9001, 10000, nil},
		{"857", "cla-rate", "2025-03-31", 3, 100, nil},
	}
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			t.Fatal(err)
		}
		if err := x.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	// A date shown in the American style must still read as the date it is.
	style, err := x.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellStyle(sheet, "C2", "C2", style); err != nil {
		t.Fatal(err)
	}
	// A second sheet is ignored.
	if _, err := x.NewSheet("Notes"); err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellValue("Notes", "A1", "not figures"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	file := buf.Bytes()

	got, fs, err := indicator.ReadLocalFiguresXLSX("figures.xlsx", bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if got != nil {
		t.Errorf("a file with an error should load nothing, got %+v", got)
	}
	if want := []problem{{"local/indicator", finding.Error, 6, "indicator", "cla-rate"}}; !reflect.DeepEqual(problems(fs), want) {
		t.Errorf("findings:\n got %+v\nwant %+v", problems(fs), want)
	}

	// Without the bad row the rest loads.
	if err := x.RemoveRow(sheet, 6); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, fs, err = indicator.ReadLocalFiguresXLSX("figures.xlsx", &buf)
	if err != nil || len(fs) != 0 {
		t.Fatalf("unexpected findings %v, error %v", fs, err)
	}
	want := []indicator.LocalFigure{
		{Authority: 857, Indicator: "health-strategy-attendance", PeriodEnd: calendar.Of(2025, time.March, 31), Numerator: 41, Denominator: 50, Note: "MASH log"},
		{Authority: 857, Indicator: "foster-carers-approved", PeriodEnd: calendar.Of(2025, time.March, 31), Numerator: 12},
		{Authority: 857, Indicator: "cla-school-attendance", PeriodEnd: calendar.Of(2024, time.March, 31), Numerator: 9001, Denominator: 10000},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("figures:\n got %+v\nwant %+v", got, want)
	}

	if _, _, err := indicator.ReadLocalFiguresXLSX("figures.xlsx", strings.NewReader("authority,indicator\n")); err == nil ||
		!strings.Contains(err.Error(), "figures.xlsx") {
		t.Errorf("a file that is not a workbook should be an error naming it, got %v", err)
	}
}
