package ssda903

import (
	"fmt"
	"sort"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// Need is an input a check needs beyond this year's return.
type Need int

const (
	NeedPrevious  Need = 1 << iota // last year's return
	NeedProviders                  // the Ofsted provider list (URN look-ups)
	NeedPostcodes                  // postcode coordinates (distances)
)

// Check is one DfE validation rule for the 903 return.
type Check struct {
	Code     string           // DfE rule code, e.g. "103" or "1001"
	Severity finding.Severity // finding.Error, or finding.Query for a query
	Tables   []Table          // tables it reads
	Fields   []string         // fields it reads
	About    string           // what it checks, in plain English
	Needs    Need             // inputs it cannot run without
	From, To int              // collection years it applies to (0: no limit)
	Run      func(d *CheckData) []finding.Finding
}

// Provider is an entry of the Ofsted provider list.
type Provider struct {
	URN        string
	Postcode   string // full postcode of the setting
	LA         string // local authority the setting is in
	Kind       string // type of setting (children's home, secure unit …)
	Sector     string // who runs it, as a PLACE_PROVIDER code (PR1–PR5); "" when not given
	Registered Date   // when Ofsted registered it; zero when not given
	Closed     Date   // when it closed; zero when open or not given
}

// Coordinate is a postcode's location, for distances between home and placement.
type Coordinate struct {
	Easting, Northing float64
	LA                string // DfE number of the local authority the postcode is in; "" when not given
}

// CheckData is what the checks read: this year's return, last year's when given, and optional
// reference data. Build it with NewCheckData.
type CheckData struct {
	Return    *Return
	Previous  *Return               // nil when last year's return was not given
	Year      int                   // collection year, named by its end
	Start     Date                  // 1 April of the year before
	End       Date                  // 31 March of Year
	Providers map[string]Provider   // by URN; nil when not given
	Postcodes map[string]Coordinate // by postcode (upper case, single space); nil when not given

	// Indexes built once for all checks: rows of each table by child.
	EpisodesOf     map[string][]int // child → indexes into Return.Episodes, in DECOM order
	HeaderOf       map[string]int   // child → index into Return.Header
	PrevEpisodesOf map[string][]int // child → indexes into Previous.Episodes, in DECOM order

	// Read holds the reader's findings. A value that is not a date is reported by the reader and
	// left blank in the record, so the checks of invalid dates look here.
	Read []finding.Finding
}

// NewCheckData prepares the data for the checks of collection year year.
func NewCheckData(r *Return, year int) *CheckData {
	d := &CheckData{Return: r, Previous: r.Previous, Year: year,
		Start: calendar.CollectionYearStart(year), End: calendar.CollectionYearEnd(year),
		EpisodesOf: map[string][]int{}, HeaderOf: map[string]int{}}
	for i, e := range r.Episodes {
		d.EpisodesOf[e.Child] = append(d.EpisodesOf[e.Child], i)
	}
	for _, is := range d.EpisodesOf {
		sort.SliceStable(is, func(a, b int) bool { return r.Episodes[is[a]].DECOM < r.Episodes[is[b]].DECOM })
	}
	for i, h := range r.Header {
		if _, ok := d.HeaderOf[h.Child]; !ok {
			d.HeaderOf[h.Child] = i
		}
	}
	d.PrevEpisodesOf = map[string][]int{}
	if p := r.Previous; p != nil {
		for i, e := range p.Episodes {
			d.PrevEpisodesOf[e.Child] = append(d.PrevEpisodesOf[e.Child], i)
		}
		for _, is := range d.PrevEpisodesOf {
			sort.SliceStable(is, func(a, b int) bool { return p.Episodes[is[a]].DECOM < p.Episodes[is[b]].DECOM })
		}
	}
	return d
}

// Found makes a finding of check c about a record of table t at source row row.
func (d *CheckData) Found(c *Check, t Table, row int, child string, fields []string, value, message string) finding.Finding {
	return finding.Finding{Rule: c.Code, Severity: c.Severity, File: d.Return.Files[t], Table: string(t), Row: row,
		Child: child, Fields: fields, Value: value, Message: message}
}

// NotRun is a check that could not run, and why.
type NotRun struct {
	Code   string
	Reason string
}

// Checks returns every 903 check, in code order.
func Checks() []Check {
	var all []Check
	for _, family := range [][]Check{headerChecks(), episodeChecks(), episodeCrossChecks(), careLeaverChecks(),
		adoptionChecks(), outcomeChecks(), otherChecks(), dateChecks(), providerChecks(), placementLAChecks(), csperfChecks()} {
		all = append(all, family...)
	}
	sort.SliceStable(all, func(i, j int) bool { return finding.RuleLess(all[i].Code, all[j].Code) })
	return all
}

// Validate runs every check that applies to d's year and has what it needs. It returns the
// findings, sorted by file and row, and the checks that could not run with the reason.
func Validate(d *CheckData) ([]finding.Finding, []NotRun) {
	var out []finding.Finding
	var notRun []NotRun
	for _, c := range Checks() {
		if (c.From != 0 && d.Year < c.From) || (c.To != 0 && d.Year > c.To) {
			continue
		}
		if t, ok := d.absentTable(&c); ok {
			notRun = append(notRun, NotRun{c.Code, fmt.Sprintf("the return has no %s table", t)})
			continue
		}
		switch {
		case c.Needs&NeedPrevious != 0 && d.Previous == nil:
			notRun = append(notRun, NotRun{c.Code, "needs last year's return"})
			continue
		case c.Needs&NeedProviders != 0 && d.Providers == nil:
			notRun = append(notRun, NotRun{c.Code, "needs the Ofsted provider list"})
			continue
		case c.Needs&NeedPostcodes != 0 && d.Postcodes == nil:
			notRun = append(notRun, NotRun{c.Code, "needs postcode coordinates"})
			continue
		}
		out = append(out, runCheck(&c, d)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		if out[i].Row != out[j].Row {
			return out[i].Row < out[j].Row
		}
		return finding.RuleLess(out[i].Rule, out[j].Rule)
	})
	return out, notRun
}

// runCheck runs one check, turning a panic (a bug in a check) into a finding rather than losing the
// whole validation.
func runCheck(c *Check, d *CheckData) (fs []finding.Finding) {
	defer func() {
		if p := recover(); p != nil {
			fs = []finding.Finding{{Rule: c.Code, Severity: finding.Warning,
				Message: fmt.Sprintf("check %s could not be completed (%v); please report this", c.Code, p)}}
		}
	}()
	return c.Run(d)
}

// absentTable returns a table check c reads that the return did not come with (a 903 XML file has
// no social worker episodes; a CSV upload may leave a table out). A return not read from files
// (Files nil) is taken to have every table.
func (d *CheckData) absentTable(c *Check) (Table, bool) {
	if d.Return.Files == nil {
		return "", false
	}
	for _, t := range c.Tables {
		if _, ok := Columns[t]; !ok {
			continue // not a table of the return (e.g. provider information)
		}
		if _, ok := d.Return.Files[t]; !ok {
			return t, true
		}
	}
	return "", false
}

// showDate formats a date for a finding's message, saying "blank" for a blank one.
func showDate(d Date) string {
	if d == 0 {
		return "blank"
	}
	return d.DMY()
}

// showCode quotes a code or value for a finding's message, saying "blank" for a blank one.
func showCode(s string) string {
	if s == "" {
		return "blank"
	}
	return s
}

// shortBreak reports whether a legal status is that of a series of short breaks (V3, V4), which
// many checks and the national measures treat apart.
func shortBreak(ls string) bool { return ls == "V3" || ls == "V4" }
