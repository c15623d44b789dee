package finding

import "testing"

func TestString(t *testing.T) {
	tests := []struct {
		f    Finding
		want string
	}{
		{Finding{Rule: "read/date", Severity: Error, File: "episodes.csv", Table: "Episodes", Row: 14,
			Child: "1234", Fields: []string{"DECOM"}, Value: "31/02/2025", Message: `"31/02/2025" is not a date`},
			`episodes.csv row 14 (Episodes.DECOM, child 1234): "31/02/2025" is not a date [error read/date]`},
		{Finding{Rule: "103", Severity: Query, File: "header.csv", Table: "Header", Message: "check ethnicity"},
			`header.csv (Header): check ethnicity [query 103]`},
		{Finding{Rule: "x", Severity: Warning, Message: "whole return"}, `whole return [warning x]`},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.want {
			t.Errorf("String() = %q\n          want %q", got, tt.want)
		}
	}
}

func TestCount(t *testing.T) {
	got := Count([]Finding{{Severity: Error}, {Severity: Error}, {Severity: Query}})
	if got[Error] != 2 || got[Query] != 1 || got[Warning] != 0 {
		t.Errorf("Count = %v", got)
	}
}

func TestRuleLess(t *testing.T) {
	ordered := []string{"csperf-duplicate-child", "101", "102", "503A", "503B", "1001", "4009Q", "8840"}
	for i := 1; i < len(ordered); i++ {
		if !RuleLess(ordered[i-1], ordered[i]) || RuleLess(ordered[i], ordered[i-1]) {
			t.Errorf("%s should sort before %s", ordered[i-1], ordered[i])
		}
	}
}
