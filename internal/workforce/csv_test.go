package workforce

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"csperf/internal/finding"
)

func TestCSVRoundTrip(t *testing.T) {
	want := []Figures{
		{Authority: 857, Year: 2025, FTE: 12340, Headcount: 131, AgencyFTE: 1250, VacancyFTE: 905, LeaversFTE: 1510,
			StartersFTE: 1601, Cases: 1890, CaseHolderFTE: 8799, AbsenceDays: 1203},
		{Authority: 201, Year: 2024, FTE: 5, Headcount: 1, CaseHolderFTE: 100},
		{Authority: 857, Year: 2024},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, want); err != nil {
		t.Fatal(err)
	}
	wantText := "la,year,fte,headcount,agency_fte,vacancy_fte,leavers_fte,starters_fte,cases,case_holder_fte,absence_days\n" +
		"857,2025,123.40,131,12.50,9.05,15.10,16.01,1890,87.99,1203\n" +
		"201,2024,0.05,1,0.00,0.00,0.00,0.00,0,1.00,0\n" +
		"857,2024,0.00,0,0.00,0.00,0.00,0.00,0,0.00,0\n"
	if buf.String() != wantText {
		t.Errorf("WriteCSV wrote\n%s\nwant\n%s", buf.String(), wantText)
	}
	got, fs, err := ReadCSV("wf.csv", &buf)
	if err != nil || len(fs) > 0 {
		t.Fatalf("err %v, findings %v", err, fs)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip\n got %+v\nwant %+v", got, want)
	}
}

func TestReadCSVTolerant(t *testing.T) {
	in := "\xef\xbb\xbfYear , LA,FTE,Headcount,Agency_FTE,vacancy_fte,leavers_fte,starters_fte,cases,case_holder_fte,absence_days\r\n" +
		" 2025 , 857 , 12 ,3, 12.5,0.1,.25,0,7,1.5,0\r\n" +
		"\r\n" +
		"2024,857,0.07,1,0,0,0,0,0,0,0\r\n"
	got, fs, err := ReadCSV("wf.csv", strings.NewReader(in))
	if err != nil || len(fs) > 0 {
		t.Fatalf("err %v, findings %v", err, fs)
	}
	want := []Figures{
		{Authority: 857, Year: 2025, FTE: 1200, Headcount: 3, AgencyFTE: 1250, VacancyFTE: 10, LeaversFTE: 25, Cases: 7, CaseHolderFTE: 150},
		{Authority: 857, Year: 2024, FTE: 7, Headcount: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestParseFTE(t *testing.T) {
	for s, want := range map[string]int{"0": 0, "12": 1200, "12.5": 1250, "12.50": 1250, "12.05": 1205, ".5": 50, "7.": 700, "0.01": 1, "1234567.89": 123456789} {
		if got, err := ParseFTE(s); err != nil || got != want {
			t.Errorf("ParseFTE(%q) = %d, %v; want %d", s, got, err, want)
		}
		if h, _ := ParseFTE(s); FormatFTE(h) != FormatFTE(want) {
			t.Errorf("FormatFTE(%d) = %q", h, FormatFTE(h))
		}
	}
	for _, s := range []string{"", ".", "-1", "1.234", "1,5", "1e3", "abc", "99999999999999999999", "0x10", " 1"} {
		if got, err := ParseFTE(s); err == nil {
			t.Errorf("ParseFTE(%q) = %d, want an error", s, got)
		}
	}
	if FormatFTE(-5) != "-0.05" || FormatFTE(100) != "1.00" {
		t.Errorf("FormatFTE(-5) = %q, FormatFTE(100) = %q", FormatFTE(-5), FormatFTE(100))
	}
}

const header = "la,year,fte,headcount,agency_fte,vacancy_fte,leavers_fte,starters_fte,cases,case_holder_fte,absence_days\n"

func TestReadCSVFindings(t *testing.T) {
	in := header +
		"857,2025,12.345,3,0,0,0,0,7,1.5,0\n" +
		"857,2024,1,three,0,0,0,0,7,1.5,\n" +
		"857,2025,1,1,0,0,0,0,0,0,0\n" +
		"857,2023,1,1,0,0,0,0,0,0,0,extra\n" +
		"857,2022,1\n"
	got, fs, err := ReadCSV("wf.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 {
		t.Errorf("read %d rows, want 5", len(got))
	}
	want := []string{
		`wf.csv row 2 (workforce.fte): fte: "12.345" has more than two decimal places [error read/number]`,
		`wf.csv row 3 (workforce.headcount): headcount: "three" is not a whole number [error read/number]`,
		`wf.csv row 3 (workforce.absence_days): absence_days: the value is blank; write 0 when there are none [error read/number]`,
		`wf.csv row 4 (workforce.la, workforce.year): authority 857 has figures for 2025 twice (first at row 2) [error read/duplicate]`,
	}
	var lines []string
	for _, f := range fs {
		lines = append(lines, f.String())
	}
	if len(lines) < len(want) || !reflect.DeepEqual(lines[:len(want)], want) {
		t.Errorf("findings:\n%s\nwant first:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if f := fs[4]; f.Row != 5 || f.Severity != finding.Warning || f.Value != "extra" {
		t.Errorf("extra value finding %+v", f)
	}
	// The short last row: every missing value is reported.
	short := 0
	for _, f := range fs {
		if f.Row == 6 {
			short++
			if f.Value != "" || f.Severity != finding.Error {
				t.Errorf("short row finding %+v", f)
			}
		}
	}
	if short != 8 {
		t.Errorf("%d findings for the short row, want 8", short)
	}
	if fs[0].Value != "12.345" || fs[0].File != "wf.csv" || fs[0].Row != 2 {
		t.Errorf("finding %+v", fs[0])
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "wf.csv: the file is empty"},
		{"missing columns", "la,year,fte\n857,2025,1\n", "wf.csv row 1: missing column(s) headcount, agency_fte"},
		{"duplicate column", strings.TrimSuffix(header, "\n") + ",LA\n", `wf.csv row 1: column "la" appears twice`},
		{"bad quoting", header + "857,\"2025,1\n", "wf.csv row 2: malformed CSV"},
		{"binary junk", "\x89PNG\r\n\x1a\n\x00\x00", "wf.csv row 1: missing column(s) la, year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadCSV("wf.csv", strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
	// An unknown column is tolerated with a warning.
	_, fs, err := ReadCSV("wf.csv", strings.NewReader(strings.TrimSuffix(header, "\n")+",notes\n"))
	if err != nil || len(fs) != 1 || fs[0].Severity != finding.Warning || fs[0].Fields[0] != "notes" {
		t.Errorf("unknown column: %v %v", err, fs)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(header + "857,2025,123.40,131,12.50,9.05,15.10,16.01,1890,87.99,1203\n"))
	f.Add([]byte("\xef\xbb\xbfYEAR,la,fte,headcount,agency_fte,vacancy_fte,leavers_fte,starters_fte,cases,case_holder_fte,absence_days\r\n2025,1,.5,1,1,1,1,1,1,1,1\r\n"))
	f.Add([]byte(header + "857,\"2025\",x,,-1,1.234,1e3,0,0,0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, finds, err := ReadCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		for _, f := range finds {
			if f.File != "fuzz.csv" || f.Row <= 0 || len(f.Fields) == 0 {
				t.Fatalf("finding without a place: %+v", f)
			}
		}
		// Figures read without errors write and read back unchanged.
		if finding.Count(finds)[finding.Error] > 0 {
			return
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, fs); err != nil {
			t.Fatal(err)
		}
		again, finds2, err := ReadCSV("again.csv", &buf)
		if err != nil || finding.Count(finds2)[finding.Error] > 0 || (len(fs) > 0 || len(again) > 0) && !reflect.DeepEqual(fs, again) {
			t.Fatalf("round trip: %v %v\n%+v\n%+v", err, finds2, fs, again)
		}
	})
}
