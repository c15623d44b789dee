package rating

import (
	"bytes"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"csperf/internal/calendar"
	"csperf/internal/finding"
	"csperf/internal/indicator"
)

// targetSeeds are targets files, valid and not, as records.
var targetSeeds = [][][]string{
	targetRecords([]Target{
		{Indicator: "placement-3plus", Authority: 857, PeriodEnd: calendar.Of(2026, time.March, 31),
			Milestone: f(11), Target: f(10), Stretch: f(8), Tolerance: 1, ToleranceKind: Absolute,
			Rationale: "England average, then better"},
		{Indicator: "assessment-45wd", Authority: 857, PeriodEnd: calendar.Of(2026, time.March, 31),
			Target: f(85.5), Tolerance: 5, ToleranceKind: Relative, Rationale: "with a comma, and \"quotes\""},
		{Indicator: "cla-rate", Authority: 318, PeriodEnd: calendar.Of(2025, time.September, 30),
			ToleranceKind: Absolute, Rationale: "monitoring only"},
	}),
	{
		{"\ufeff Indicator", "AUTHORITY", "period_end", "target", "stretch", "tolerance", "tolerance_kind"},
		{"placement-3plus", "857", "2026-03-31T00:00:00", "10%", "8", "1", "RELATIVE"},
		{},
		{"cla-rate", "857", "46112", "55.5", "", "", ""},
	},
	{
		{"indicator", "authority", "period_end", "milestone", "target", "stretch", "tolerance", "tolerance_kind"},
		{"no-such", "85", "31/13/2026", "ten", "12", "-1", "percent"},
		{"placement-3plus", "857", "31/03/2026", "NaN", "Inf", "-Inf", "NaN", ""},
		{"placement-3plus", "857", "31/03/2026", "120", "10", "12", "1e400", ""},
		{"placement-3plus", "857", "31/03/2026", "", "", "", "", ""},
	},
	{
		{"indicator", "authority", "period_end", "milestone", "target", "tolerance"},
		{"placement-3plus", "857", "31/03/2026", "NaN", "", ""},
		{"cla-rate", "857", "31/03/2026", "", "-Inf", "NaN"},
	},
	{{"indicator", "authority"}, {"cla-rate", "857"}},
	{{"indicator", "authority", "period_end", "indicator"}},
}

// checkTargets checks what a targets reader returned for the file name: an error is one line naming
// the file, findings come without targets and name the file, and each target returned is one that
// can be rated.
func checkTargets(t *testing.T, name string, ts []Target, fs []finding.Finding, err error) {
	t.Helper()
	if err != nil {
		if msg := err.Error(); !strings.Contains(msg, name) || strings.ContainsAny(msg, "\r\n") {
			t.Fatalf("error not one line naming %s: %q", name, msg)
		}
		return
	}
	if len(fs) > 0 {
		if ts != nil {
			t.Fatalf("%d findings yet %d targets returned", len(fs), len(ts))
		}
		for _, f := range fs {
			if f.File != name || f.Row < 2 || f.Message == "" || strings.ContainsAny(f.Message, "\r\n") {
				t.Fatalf("finding without the file name, a row or a one-line message: %+v", f)
			}
		}
		return
	}
	type key struct {
		ind  string
		la   int
		date Date
	}
	seen := map[key]bool{}
	for _, tg := range ts {
		ind, ok := indicator.Lookup(tg.Indicator)
		if !ok {
			t.Fatalf("indicator %q is not in the catalogue: %+v", tg.Indicator, tg)
		}
		if tg.Authority < 100 || tg.Authority > 999 || tg.PeriodEnd.IsZero() {
			t.Fatalf("no authority or period end: %+v", tg)
		}
		for _, x := range []*float64{tg.Milestone, tg.Target, tg.Stretch} {
			if x == nil {
				continue
			}
			if math.IsNaN(*x) || math.IsInf(*x, 0) {
				t.Fatalf("level %v is not a number: %+v", *x, tg)
			}
			if ind.Unit == indicator.Percent && (*x < 0 || *x > 100) {
				t.Fatalf("percentage level %v out of range: %+v", *x, tg)
			}
		}
		if math.IsNaN(tg.Tolerance) || math.IsInf(tg.Tolerance, 0) || tg.Tolerance < 0 {
			t.Fatalf("tolerance %v: %+v", tg.Tolerance, tg)
		}
		if tg.ToleranceKind != Absolute && tg.ToleranceKind != Relative {
			t.Fatalf("tolerance kind %q: %+v", tg.ToleranceKind, tg)
		}
		if tg.Target != nil && tg.Stretch != nil && worse(ind.Polarity, *tg.Stretch, *tg.Target) {
			t.Fatalf("stretch less ambitious than target: %+v", tg)
		}
		k := key{tg.Indicator, tg.Authority, tg.PeriodEnd}
		if seen[k] {
			t.Fatalf("two targets for %+v", k)
		}
		seen[k] = true
	}
}

// FuzzReadTargetsCSV checks that no input makes ReadTargetsCSV panic, that errors and findings name
// the file, that the targets it returns can be rated, and that they write and read back the same.
func FuzzReadTargetsCSV(f *testing.F) {
	for _, recs := range targetSeeds {
		var b strings.Builder
		for _, r := range recs {
			b.WriteString(strings.Join(r, ",") + "\n")
		}
		f.Add([]byte(b.String()))
	}
	f.Add([]byte("indicator,authority,period_end\n\"cla-rate,857\n"))
	f.Add([]byte("indicator,authority,period_end,rationale\r\ncla-rate,857,2025-03-31,\" a\r\nb \"\r\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, fs, err := ReadTargetsCSV("targets.csv", bytes.NewReader(data))
		checkTargets(t, "targets.csv", ts, fs, err)
		if err != nil || len(fs) > 0 {
			return
		}
		var buf bytes.Buffer
		if err := WriteTargetsCSV(&buf, ts); err != nil {
			t.Fatal(err)
		}
		again, fs, err := ReadTargetsCSV("again.csv", &buf)
		if err != nil || len(fs) > 0 || (len(ts) > 0 || len(again) > 0) && !reflect.DeepEqual(ts, again) {
			t.Fatalf("round trip: %v %v\n got %+v\nwant %+v", err, fs, again, ts)
		}
	})
}

// FuzzReadTargetsXLSX checks that no workbook makes ReadTargetsXLSX panic, that errors and findings
// name the file, that the targets it returns can be rated, and that they write and read back the
// same. An input that is not a zip file is taken as a table, a line a row and cells separated by
// tabs, and written as a workbook first (numbers as numbers), so that the fuzzer reaches the cells:
// a changed byte inside a workbook's compressed sheets rarely gets past the zip checksum.
func FuzzReadTargetsXLSX(f *testing.F) {
	ts, _, err := parseTargets("seed", targetSeeds[0], false)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteTargetsXLSX(&buf, ts); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	for _, recs := range targetSeeds {
		var b strings.Builder
		for _, r := range recs {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		f.Add([]byte(b.String()))
	}
	f.Add([]byte("indicator\tauthority\tperiod_end\ttarget\ncla-rate\t857\t46112.5\t55\ncla-rate\t857.0\t60\t1\ncla-rate\t857\t2958466\t1\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("PK")) {
			var ok bool
			if data, ok = tableWorkbook(data); !ok {
				return
			}
		}
		ts, fs, err := ReadTargetsXLSX("targets.xlsx", bytes.NewReader(data))
		checkTargets(t, "targets.xlsx", ts, fs, err)
		if err != nil || len(fs) > 0 {
			return
		}
		var buf bytes.Buffer
		if err := WriteTargetsXLSX(&buf, ts); err != nil {
			t.Fatal(err)
		}
		again, fs, err := ReadTargetsXLSX("again.xlsx", &buf)
		if err != nil || len(fs) > 0 || (len(ts) > 0 || len(again) > 0) && !reflect.DeepEqual(ts, again) {
			t.Fatalf("round trip: %v %v\n got %+v\nwant %+v", err, fs, again, ts)
		}
	})
}

// tableWorkbook writes a table, a line a row and cells separated by tabs, as the first sheet of a
// workbook: cells that are numbers as numbers. It reports false for a table excelize cannot write.
func tableWorkbook(data []byte) ([]byte, bool) {
	lines := strings.Split(string(data), "\n")
	if len(lines) > 1000 {
		return nil, false
	}
	x := excelize.NewFile()
	defer x.Close()
	sheet := x.GetSheetName(0)
	for i, line := range lines {
		var row []any
		for _, s := range strings.Split(line, "\t") {
			if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
				row = append(row, v)
			} else {
				row = append(row, s)
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err == nil {
			err = x.SetSheetRow(sheet, cell, &row)
		}
		if err != nil {
			return nil, false
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, false
	}
	return buf.Bytes(), true
}
