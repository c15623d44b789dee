package cin

import (
	"fmt"
	"sort"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// Check is one DfE validation rule for the CIN census. Codes ending in Q are queries.
type Check struct {
	Code     string           // DfE rule code, e.g. "8840" or "4009Q"
	Severity finding.Severity // finding.Error, or finding.Query for a Q code
	Elements []string         // elements it reads
	About    string           // what it checks, in plain English
	Run      func(d *CheckData) []finding.Finding
}

// CheckData is what the checks read: the census, its collection year and a working-day calendar
// covering the years the census mentions. Build it with NewCheckData.
type CheckData struct {
	Census   *Census
	File     string // file name, for findings
	Year     int    // collection year, named by its end
	Start    Date   // 1 April of the year before
	End      Date   // 31 March of Year (the reference date)
	Workdays *calendar.Workdays

	// Read holds the reader's findings: a value the model cannot keep (a yes/no flag or a count that
	// is missing or invalid) is reported by the reader, and the checks of those look here.
	Read []finding.Finding
}

// NewCheckData prepares the data for checking census c of collection year year read from file.
func NewCheckData(c *Census, file string, year int) *CheckData {
	return &CheckData{Census: c, File: file, Year: year,
		Start: calendar.CollectionYearStart(year), End: calendar.CollectionYearEnd(year),
		Workdays: calendar.NewWorkdays(year-25, year+1)}
}

// Found makes a finding of check c at line (of the element concerned) about a child.
func (d *CheckData) Found(c *Check, line int, child string, element string, fields []string, value, message string) finding.Finding {
	return finding.Finding{Rule: c.Code, Severity: c.Severity, File: d.File, Table: element, Row: line,
		Child: child, Fields: fields, Value: value, Message: message}
}

// Checks returns every CIN census check, in code order.
func Checks() []Check {
	all := append(censusChecks(), readerChecks()...)
	sort.SliceStable(all, func(i, j int) bool { return finding.RuleLess(all[i].Code, all[j].Code) })
	return all
}

// Validate runs every check and returns the findings sorted by line.
func Validate(d *CheckData) []finding.Finding {
	var out []finding.Finding
	for _, c := range Checks() {
		out = append(out, runCheck(&c, d)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Row != out[j].Row {
			return out[i].Row < out[j].Row
		}
		return finding.RuleLess(out[i].Rule, out[j].Rule)
	})
	return out
}

// runCheck runs one check, turning a panic (a bug in a check) into a finding rather than losing the
// whole validation.
func runCheck(c *Check, d *CheckData) (fs []finding.Finding) {
	defer func() {
		if p := recover(); p != nil {
			fs = []finding.Finding{{Rule: c.Code, Severity: finding.Warning, File: d.File,
				Message: fmt.Sprintf("check %s could not be completed (%v); please report this", c.Code, p)}}
		}
	}()
	return c.Run(d)
}
