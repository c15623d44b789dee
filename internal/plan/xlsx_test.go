package plan

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func roundTrip(t *testing.T, p Plan) Plan {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, p); err != nil {
		t.Fatal(err)
	}
	got, err := ReadXLSX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestXLSXRoundTripExample(t *testing.T) {
	p := Example(857, d(2026, 3, 13))
	p.ID = 4 // ids are not in the workbook
	p.Recommendations[0].ID, p.Recommendations[0].Actions[0].ID = 9, 21
	got := roundTrip(t, p)
	want := AsWorkbook(p)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Error(err)
	}
	// The workbook keeps the latest of an action's two notes, dated to the day.
	a := got.Recommendations[0].Actions[0]
	if len(a.Notes) != 1 || a.Notes[0].Text != "Monthly audit cycle running; third report went to the board." ||
		a.Notes[0].At != d(2026, 3, 13).AddDays(112).Time() || a.Notes[0].Author != "Head of Quality Assurance" {
		t.Errorf("latest note: %+v", a.Notes)
	}
}

func TestXLSXRoundTripExact(t *testing.T) {
	// A plan the workbook holds exactly: at most one note per action, dated at midnight UTC; a
	// recommendation with no actions; a measure with no points; an action with no start date.
	p := Plan{Authority: 319, Title: "Joint targeted area inspection: our response", Source: "JTAI",
		SourceDate: d(2025, 11, 28), Recommendations: []Recommendation{
			{Number: 1, Text: "Share information at the front door.", Actions: []Action{
				{Description: "Co-locate police in the MASH", Owner: "Head of MASH", Due: d(2026, 1, 31), Status: Complete,
					Completed: d(2026, 1, 20), Notes: []Note{{At: d(2026, 1, 20).Time(), Text: "Done (ahead of time)."}},
					Evidence: []Evidence{{Title: "Protocol", File: "mash-protocol.pdf"}, {Title: "Launch", URL: "https://news.example.org/mash"}}},
				{Description: "Audit 50 referrals", Owner: "Head of QA", Start: d(2026, 2, 1), Due: d(2026, 4, 30), Status: AtRisk,
					Notes: []Note{{Text: "Waiting for police data"}}},
			}, Measures: []Measure{{Indicator: "rereferral-12m"}, {Indicator: "assessment-45wd", Points: []TargetPoint{
				{At: d(2026, 3, 31), Milestone: ptr(85.5)}, {At: d(2026, 9, 30), Milestone: ptr(90), Stretch: ptr(95)}}}}},
			{Number: 3, Text: "Agree a multi-agency threshold document.", Measures: []Measure{{Indicator: "cin-rate"}}},
		}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := roundTrip(t, p); !reflect.DeepEqual(got, p) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, p)
	}
}

// sheet writes rows to a sheet of f from A1; a time.Time becomes an Excel date cell.
func sheet(t *testing.T, f *excelize.File, name string, rows [][]any) {
	t.Helper()
	if f.GetSheetName(0) == "Sheet1" {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			t.Fatal(err)
		}
	} else if _, err := f.NewSheet(name); err != nil {
		t.Fatal(err)
	}
	dateFmt := "d mmm yyyy"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue(name, cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				if err := f.SetCellStyle(name, cell, cell, style); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func workbook(t *testing.T, sheets map[string][][]any, order ...string) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for _, name := range order {
		sheet(t, f, name, sheets[name])
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func TestReadXLSXMessy(t *testing.T) {
	// Typed by hand: columns in another order and case, some missing (no Completed, Evidence or
	// Start), statuses in any case, dates as text and as Excel dates, the recommendation number and
	// text given only on the first of its rows, indicators separated by semicolons in capitals,
	// levels with %, a blank row, and sheet names in lower case.
	buf := workbook(t, map[string][][]any{
		"actions": {
			{"ACTION", "recommendation number", " Recommendation ", "owner", "due", "Status", "Indicators", "latest progress note"},
			{"Audit plans", 1, "Oversight of CP plans.", "Head of QA", "30/06/2026", "on TRACK", "CPP-Second-Plan; cpp-reviewed-on-time", ""},
			{"Train managers", "", "", "Principal Social Worker", time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), "off-track", "", "Trainer left (PSW, 02/06/2026)"},
			{},
			{"Daily list", "R2", "Health assessments.", "Service Manager", "2026-05-31", "COMPLETE", "health-assessment", "no date on this note"},
		},
		"measures": {
			{"Recommendation number", "Indicator", "Date", "Milestone", "Stretch"},
			{1, "cpp-second-plan", "31/03/2027", "18%", "15"},
			{1, "cpp-second-plan", time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), 22, ""},
			{2, "Health-Assessment", "31/03/2027", 90, 95},
		},
	}, "actions", "measures")
	got, err := ReadXLSX(buf)
	if err != nil {
		t.Fatal(err)
	}
	want := Plan{Recommendations: []Recommendation{
		{Number: 1, Text: "Oversight of CP plans.", Actions: []Action{
			{Description: "Audit plans", Owner: "Head of QA", Due: d(2026, 6, 30), Status: OnTrack},
			{Description: "Train managers", Owner: "Principal Social Worker", Due: d(2026, 9, 30), Status: OffTrack,
				Notes: []Note{{At: d(2026, 6, 2).Time(), Author: "PSW", Text: "Trainer left"}}},
		}, Measures: []Measure{
			{Indicator: "cpp-second-plan", Points: []TargetPoint{{At: d(2026, 9, 30), Milestone: ptr(22)},
				{At: d(2027, 3, 31), Milestone: ptr(18), Stretch: ptr(15)}}},
			{Indicator: "cpp-reviewed-on-time"},
		}},
		{Number: 2, Text: "Health assessments.", Actions: []Action{
			{Description: "Daily list", Owner: "Service Manager", Due: d(2026, 5, 31), Status: Complete,
				Notes: []Note{{Text: "no date on this note"}}},
		}, Measures: []Measure{{Indicator: "health-assessment", Points: []TargetPoint{{At: d(2027, 3, 31), Milestone: ptr(90), Stretch: ptr(95)}}}}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messy workbook:\n got %+v\nwant %+v", got, want)
	}
}

func TestReadXLSXProblems(t *testing.T) {
	buf := workbook(t, map[string][][]any{
		"Actions": {
			{"Recommendation number", "Recommendation", "Action", "Owner", "Start", "Due", "Status", "Indicators"},
			{1, "Oversight.", "Audit plans", "Head of QA", "01/04/2026", "31/02/2026", "On track", "cpp-second-plan"},
			{1, "", "Train managers", "", "01/04/2026", "01/03/2026", "done", "cla-happiness"},
			{"one", "Health.", "Clinic", "Doctor", "", "30/06/2026", "On track", ""},
		},
		"Measures": {
			{"Recommendation number", "Indicator", "Date", "Milestone", "Stretch"},
			{1, "cpp-second-plan", "31/03/2027", "lots", 15},
			{7, "cpp-second-plan", "31/03/2027", 20, 15},
			{1, "cpp-second-plan", "30/09/2026", 20, 25},
		},
		"Plan": {
			{"Field", "Value"},
			{"Authority", "Camden"},
		},
	}, "Actions", "Measures", "Plan")
	_, err := ReadXLSX(buf)
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is not an *ImportError", err)
	}
	var got []string
	for _, p := range ie.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`sheet "Actions", row 2, column "Due" (cell F2): "31/02/2026" is not a date: write dd/mm/yyyy or use an Excel date`,
		`sheet "Actions", row 3, column "Indicators" (cell H3): "cla-happiness" is not an indicator id in the catalogue`,
		`sheet "Actions", row 3, column "Status" (cell G3): "done" is not a status; use one of "Not started", "On track", "At risk", "Off track" or "Complete"`,
		`sheet "Actions", row 3, column "Owner" (cell D3): owner is missing (give a job title)`,
		`sheet "Actions", row 3, column "Due" (cell F3): due date 01/03/2026 is before the start date 01/04/2026`,
		`sheet "Actions", row 4, column "Recommendation number" (cell A4): "one" is not a recommendation number (a whole number from 1)`,
		`sheet "Measures", row 2, column "Milestone" (cell D2): "lots" is not a number`,
		`sheet "Measures", row 3, column "Recommendation number" (cell A3): recommendation 7 is not on the Actions sheet`,
		`sheet "Measures", row 4, column "Stretch" (cell E4): stretch 25 of the target point for 30/09/2026 is less ambitious than the milestone 20 (for cpp-second-plan, lower is better)`,
		`sheet "Plan", row 2, column "Authority" (cell B2): "Camden" is not a 3-digit DfE LA number`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	if p := ie.Problems[0]; p.Sheet != "Actions" || p.Row != 2 || p.Column != "Due" || p.Value != "31/02/2026" {
		t.Errorf("first problem: %+v", p)
	}
	if !strings.HasPrefix(err.Error(), `the plan workbook has 10 problems: sheet "Actions", row 2, column "Due"`) {
		t.Errorf("error: %v", err)
	}
}

func TestReadXLSXMissingColumns(t *testing.T) {
	buf := workbook(t, map[string][][]any{"Sheet": {{"Rec", "What"}, {1, "x"}}}, "Sheet")
	_, err := ReadXLSX(buf)
	if err == nil || err.Error() != `the plan workbook has 2 problems: sheet "Sheet", row 1, column "Recommendation number": `+
		`there is no "Recommendation number" column: row 1 should hold the column headings; sheet "Sheet", row 1, `+
		`column "Action": there is no "Action" column: row 1 should hold the column headings` {
		t.Errorf("error: %v", err)
	}
	if _, err := ReadXLSX(strings.NewReader("not a workbook")); err == nil || !strings.Contains(err.Error(), "not a readable Excel workbook") {
		t.Errorf("not a workbook: %v", err)
	}
}
