package rating

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"csperf/internal/calendar"
)

func TestTargetsCSVRoundTrip(t *testing.T) {
	in := []Target{
		{Indicator: "placement-3plus", Authority: 857, PeriodEnd: calendar.Of(2026, time.March, 31),
			Milestone: f(11), Target: f(10), Stretch: f(8), Tolerance: 1, ToleranceKind: Absolute,
			Rationale: "England average, then better"},
		{Indicator: "assessment-45wd", Authority: 857, PeriodEnd: calendar.Of(2026, time.March, 31),
			Target: f(85.5), Tolerance: 5, ToleranceKind: Relative, Rationale: "with a comma, and \"quotes\""},
		{Indicator: "cla-rate", Authority: 318, PeriodEnd: calendar.Of(2025, time.September, 30),
			ToleranceKind: Absolute, Rationale: "monitoring only"},
	}
	var buf bytes.Buffer
	if err := WriteTargetsCSV(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, fs, err := ReadTargetsCSV("targets.csv", &buf)
	if err != nil || len(fs) > 0 {
		t.Fatalf("read back: %v %v", err, fs)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
}

func TestReadTargetsCSVFindings(t *testing.T) {
	src := "indicator,authority,period_end,target,stretch,tolerance,tolerance_kind\n" +
		"placement-3plus,857,31/03/2026,10,8,1,absolute\n" +
		"no-such,857,2026-03-31,10,,1,\n" +
		"placement-3plus,85,31/13/2026,ten,12,-1,percent\n"
	ts, fs, err := ReadTargetsCSV("t.csv", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if ts != nil {
		t.Errorf("a file with problems should load nothing, got %d targets", len(ts))
	}
	want := []string{
		`t.csv row 3 (targets.indicator): "no-such" is not an indicator in the catalogue [error targets/indicator]`,
		`t.csv row 4 (targets.authority): authority "85" is not a 3-digit DfE LA number [error targets/authority]`,
		`t.csv row 4 (targets.period_end): period end "31/13/2026" is not a date (dd/mm/yyyy or yyyy-mm-dd) [error targets/period_end]`,
		`t.csv row 4 (targets.target): target "ten" is not a number [error targets/target]`,
		`t.csv row 4 (targets.tolerance): tolerance "-1" is not a number of 0 or more [error targets/tolerance]`,
		`t.csv row 4 (targets.tolerance_kind): tolerance kind "percent" should be "absolute" or "relative" [error targets/tolerance_kind]`,
	}
	var got []string
	for _, x := range fs {
		got = append(got, x.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
	if fs[1].Value != "85" {
		t.Errorf("finding should carry the value found, got %q", fs[1].Value)
	}
}

func TestReadTargetsCSVStretch(t *testing.T) {
	// Lower is better for placement-3plus, so a stretch above the target is less ambitious.
	src := "indicator,authority,period_end,target,stretch\nplacement-3plus,857,31/03/2026,10,12\n"
	_, fs, err := ReadTargetsCSV("t.csv", strings.NewReader(src))
	if err != nil || len(fs) != 1 || fs[0].Fields[0] != "stretch" {
		t.Errorf("want one stretch finding, got %v %v", fs, err)
	}
}

func TestReadTargetsCSVHeader(t *testing.T) {
	if _, _, err := ReadTargetsCSV("t.csv", strings.NewReader("indicator,authority\n")); err == nil ||
		!strings.Contains(err.Error(), `read targets t.csv: no "period_end" column`) {
		t.Errorf("missing column: err = %v", err)
	}
	if _, _, err := ReadTargetsCSV("t.csv", strings.NewReader("")); err == nil {
		t.Error("empty file should be an error")
	}
}

func TestTargetsXLSXRoundTrip(t *testing.T) {
	in := []Target{
		{Indicator: "placement-3plus", Authority: 857, PeriodEnd: calendar.Of(2026, time.March, 31),
			Milestone: f(11), Target: f(10), Stretch: f(8), Tolerance: 1, ToleranceKind: Absolute,
			Rationale: "England average, then better"},
		{Indicator: "cla-rate", Authority: 318, PeriodEnd: calendar.Of(2025, time.September, 30),
			ToleranceKind: Relative, Tolerance: 2.5, Rationale: "monitoring only"},
	}
	var buf bytes.Buffer
	if err := WriteTargetsXLSX(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, fs, err := ReadTargetsXLSX("targets.xlsx", &buf)
	if err != nil || len(fs) > 0 {
		t.Fatalf("read back: %v %v", err, fs)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	if _, _, err := ReadTargetsXLSX("x.xlsx", strings.NewReader("not a workbook")); err == nil {
		t.Error("a file that is not a workbook should be an error")
	}
}

func TestParseTargetsChecks(t *testing.T) {
	recs := [][]string{
		{"indicator", "authority", "period_end", "target"},
		{"placement-3plus", "857", "46112", "10"}, // Excel day 46112 is 31/03/2026
		{},
		{"placement-3plus", "857", "31/03/2026", "120"},
	}
	_, fs, err := parseTargets("t.xlsx", recs, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`t.xlsx row 4 (targets.target): target "120" is not a percentage from 0 to 100 [error targets/target]`,
		`t.xlsx row 4 (targets.indicator): a second target for placement-3plus, authority 857, period end 31/03/2026 (the first is row 2) [error targets/indicator]`,
	}
	var got []string
	for _, x := range fs {
		got = append(got, x.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n got %q\nwant %q", got, want)
	}
	ts, fs, _ := parseTargets("t.xlsx", recs[:2], true)
	if len(fs) > 0 || len(ts) != 1 || ts[0].PeriodEnd != calendar.Of(2026, time.March, 31) {
		t.Errorf("Excel date: got %+v %v", ts, fs)
	}
}
