package calendar

import (
	"testing"
	"time"
)

func TestParseAndFormat(t *testing.T) {
	tests := []struct {
		in      string
		iso     bool
		want    string
		wantErr bool
	}{
		{"31/03/2025", false, "2025-03-31", false},
		{"1/4/2024", false, "2024-04-01", false},
		{"29/02/2024", false, "2024-02-29", false},
		{"29/02/2023", false, "", true},
		{"31/04/2024", false, "", true},
		{"2024-04-01", false, "", true},
		{"01/13/2024", false, "", true},
		{"01/01/24", false, "", true},
		{"", false, "", false},
		{"2022-03-31", true, "2022-03-31", false},
		{"2022-3-31", true, "", true},
		{"31/03/2022", true, "", true},
		{"2022-02-30", true, "", true},
		{"abcd", true, "", true},
	}
	for _, tt := range tests {
		var d Date
		var err error
		if tt.iso {
			d, err = ParseISO(tt.in)
		} else {
			d, err = ParseDMY(tt.in)
		}
		if (err != nil) != tt.wantErr {
			t.Errorf("parse %q: err = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if got := d.String(); got != tt.want {
			t.Errorf("parse %q = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Of(2025, time.March, 1).DMY(); got != "01/03/2025" {
		t.Errorf("DMY = %q", got)
	}
}

func TestArithmetic(t *testing.T) {
	if got := Of(2024, 1, 31).AddMonths(1); got != Of(2024, 2, 29) {
		t.Errorf("31 Jan 2024 + 1 month = %s", got)
	}
	if got := Of(2024, 2, 29).AddYears(1); got != Of(2025, 2, 28) {
		t.Errorf("29 Feb 2024 + 1 year = %s", got)
	}
	if got := Of(2025, 3, 1).Sub(Of(2024, 3, 1)); got != 365 {
		t.Errorf("days = %d", got)
	}
	if got := Of(2024, 3, 1).Sub(Of(2023, 3, 1)); got != 366 {
		t.Errorf("leap days = %d", got)
	}
	for _, tt := range []struct {
		dob, at Date
		want    int
	}{
		{Of(2008, 3, 31), Of(2025, 3, 30), 16},
		{Of(2008, 3, 31), Of(2025, 3, 31), 17},
		{Of(2008, 2, 29), Of(2025, 2, 28), 16},
		{Of(2008, 2, 29), Of(2025, 3, 1), 17},
		{Of(2008, 2, 29), Of(2024, 2, 29), 16},
	} {
		if got := tt.dob.AgeAt(tt.at); got != tt.want {
			t.Errorf("age of %s at %s = %d, want %d", tt.dob, tt.at, got, tt.want)
		}
	}
	for d := Of(1999, 12, 20); d < Of(2000, 1, 20); d++ {
		if d.Weekday() != d.Time().Weekday() {
			t.Fatalf("weekday of %s = %v, want %v", d, d.Weekday(), d.Time().Weekday())
		}
	}
	if MonthEnd(Of(2024, 2, 10)) != Of(2024, 2, 29) {
		t.Error("month end of Feb 2024")
	}
}

func TestBankHolidays(t *testing.T) {
	// The published England and Wales lists for these years.
	want := map[int][]string{
		2020: {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"},
		2021: {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"},
		2022: {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"},
		2023: {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"},
		2024: {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"},
		2025: {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"},
		2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"},
	}
	for y, days := range want {
		got := BankHolidays(y)
		if len(got) != len(days) {
			t.Errorf("%d: %d holidays %v, want %v", y, len(got), got, days)
			continue
		}
		for i := range days {
			if got[i].String() != days[i] {
				t.Errorf("%d: holiday %d = %s, want %s", y, i, got[i], days[i])
			}
		}
	}
}

func TestWorkdays(t *testing.T) {
	w := NewWorkdays(2024, 2025)
	// Thursday 19 Dec 2024 to Thursday 2 Jan 2025: 25, 26 Dec and 1 Jan are holidays.
	if got := w.Between(Of(2024, 12, 19), Of(2025, 1, 2)); got != 7 {
		t.Errorf("working days over Christmas = %d, want 7", got)
	}
	// 45 working days from Monday 3 March 2025 across Easter (18, 21 April) and 5 May.
	if got := w.Add(Of(2025, 3, 3), 45); got != Of(2025, 5, 8) {
		t.Errorf("45 working days from 3 March 2025 = %s, want 2025-05-08", got)
	}
	if got := w.Between(Of(2025, 3, 3), Of(2025, 3, 3)); got != 0 {
		t.Errorf("same day = %d", got)
	}
	if w.IsWorkday(Of(2030, 12, 25)) {
		t.Error("Christmas 2030 counted as a working day")
	}
}

func TestCivilMatchesTime(t *testing.T) {
	for d := Of(1899, 12, 25); d < Of(2101, 1, 10); d++ {
		y, m, day := d.Civil()
		ty, tm, td := d.Time().Date()
		if y != ty || m != tm || day != td {
			t.Fatalf("Civil(%d) = %d-%d-%d, time says %d-%d-%d", d, y, m, day, ty, tm, td)
		}
		if Of(y, m, day) != d {
			t.Fatalf("Of(%d-%d-%d) = %d, want %d", y, m, day, Of(y, m, day), d)
		}
		if got, want := d.String(), d.Time().Format("2006-01-02"); got != want {
			t.Fatalf("String = %s, want %s", got, want)
		}
		if got, want := d.DMY(), d.Time().Format("02/01/2006"); got != want {
			t.Fatalf("DMY = %s, want %s", got, want)
		}
	}
	if Of(2025, 13, 1) != Of(2026, 1, 1) || Of(2025, 3, 0) != Of(2025, 2, 28) {
		t.Error("Of does not normalise out-of-range months and days")
	}
	if Of(2025, 1, 31).AddMonths(-2) != Of(2024, 11, 30) {
		t.Errorf("31 Jan 2025 - 2 months = %s", Of(2025, 1, 31).AddMonths(-2))
	}
}
