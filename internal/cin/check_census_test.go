package cin

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"csperf/internal/finding"
)

// The census checks are tested on hand-built children in the 2024-25 collection year (1 April 2024
// to 31 March 2025). Children sit at lines 10, 20, 30 …, their episodes at the lines after.

const rulesTSV = "../../../shared/reference/cin-validation-rules-2025-26.tsv"

// notImplemented are the DfE codes the model cannot express: the reader keeps ReferralNFA as a
// bool and NumberOfPreviousCPP as an int, so a missing or invalid value is reported by the reader
// (read/missing, read/code, read/number) and cannot be seen by a check.
var notImplemented = []string{"8568", "8730"}

// kid returns a valid child at line: born 1 June 2015, male, White British, no disability, UPN
// unknown for reason UN5, with the given episodes.
func kid(line int, eps ...Details) Child {
	return Child{Line: line, LAChildID: fmt.Sprintf("C%d", line), UPNUnknown: "UN5", BirthDate: day(2015, 6, 1),
		Gender: "1", Ethnicity: "WBRI", Disabilities: []string{"NONE"}, Details: eps}
}

// ep returns an open episode at line referred on ref by a school, primary need N1.
func ep(line int, ref Date) Details {
	return Details{Line: line, ReferralDate: ref, ReferralSource: "2A", PrimaryNeed: "N1"}
}

// with returns v changed by f.
func with[T any](v T, f func(*T)) T {
	f(&v)
	return v
}

// ruleCase is one row of a check's table test: the children of a census and the lines the check
// must flag (none when the census must pass).
type ruleCase struct {
	name string
	kids []Child
	want []int
}

// checkByCode returns the census check with the given code.
func checkByCode(t *testing.T, code string) Check {
	t.Helper()
	for _, c := range censusChecks() {
		if c.Code == code {
			return c
		}
	}
	t.Fatalf("no census check %s", code)
	return Check{}
}

// testRule runs check code on each case and compares the lines flagged.
func testRule(t *testing.T, code string, cases []ruleCase) {
	t.Helper()
	c := checkByCode(t, code)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs := &Census{Header: Header{Collection: "CIN", Year: 2025, ReferenceDate: day(2025, 3, 31)}, Children: tc.kids}
			fs := c.Run(NewCheckData(cs, "cin.xml", 2025))
			var rows []int
			for _, f := range fs {
				rows = append(rows, f.Row)
				checkFinding(t, c, f)
			}
			slices.Sort(rows)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(rows, want) {
				t.Errorf("%s flagged lines %v, want %v; findings:\n%s", code, rows, want, list(fs))
			}
		})
	}
}

func checkFinding(t *testing.T, c Check, f finding.Finding) {
	t.Helper()
	if f.Rule != c.Code || f.Severity != c.Severity || f.File != "cin.xml" || f.Message == "" || f.Table == "" || len(f.Fields) == 0 {
		t.Errorf("malformed finding %+v", f)
	}
}

func list(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

// TestCensusChecksCoverRules compares the checks with the DfE rule list: every code is implemented
// once (less the few the model cannot express), with the right severity and a description.
func TestCensusChecksCoverRules(t *testing.T) {
	f, err := os.Open(rulesTSV)
	if err != nil {
		t.Skipf("rule list not available: %v", err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		code, _, _ := strings.Cut(sc.Text(), "\t")
		if code != "" && code != "code" && !slices.Contains(notImplemented, code) {
			want = append(want, code)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range censusChecks() {
		if seen[c.Code] {
			t.Errorf("check %s defined twice", c.Code)
		}
		seen[c.Code] = true
		wantSev := finding.Error
		if strings.HasSuffix(c.Code, "Q") {
			wantSev = finding.Query
		}
		if c.Severity != wantSev || c.About == "" || len(c.Elements) == 0 || c.Run == nil {
			t.Errorf("check %s: severity %s, about %q, elements %v", c.Code, c.Severity, c.About, c.Elements)
		}
	}
	for _, code := range want {
		if !seen[code] {
			t.Errorf("DfE rule %s has no check", code)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("%d checks for %d rules", len(seen), len(want))
	}
}

// cleanCensus is a well-kept return that no check may flag: children open and closed, an unborn
// child, a referral with no further action, assessments, CIN plans, a section 47 enquiry leading
// to a conference and a child protection plan with reviews, then a CIN plan after it.
func cleanCensus() *Census {
	protected := kid(10, with(ep(11, day(2024, 5, 1)), func(e *Details) {
		e.Assessments = []Assessment{{Start: day(2024, 5, 2), Authorised: day(2024, 6, 10), Factors: []string{"16A", "3B"}}}
		e.Section47s = []Section47{{Start: day(2024, 5, 20), ICPCTarget: day(2024, 6, 10), ICPCDate: day(2024, 6, 7)}}
		e.CPPlans = []CPPlan{{Start: day(2024, 6, 7), End: day(2024, 12, 2), InitialCategory: "NEG", LatestCategory: "MUL",
			Reviews: []Date{day(2024, 9, 2), day(2024, 12, 2)}}}
		e.CINPlans = []CINPlan{{Start: day(2024, 12, 2)}}
	}))
	protected.UPN, protected.UPNUnknown = "V857123456789", ""
	protected.Disabilities = []string{"MOB", "HAND", "PC", "INC"}
	closed := kid(20, with(ep(21, day(2024, 9, 16)), func(e *Details) {
		e.Assessments = []Assessment{{Start: day(2024, 9, 17), Authorised: day(2024, 10, 30), Factors: []string{"21"}}}
		e.ClosureDate, e.ReasonForClosure = day(2024, 10, 30), "RC8"
	}))
	closed.Gender, closed.Ethnicity = "2", "MWBA"
	closed.Disabilities = []string{"COMM", "LD", "HEAR", "VIS"}
	unbornChild := kid(30, with(ep(31, day(2025, 2, 3)), func(e *Details) { e.ReferralNFA, e.PrimaryNeed = true, "" }))
	unbornChild.BirthDate, unbornChild.ExpectedBirthDate, unbornChild.Gender, unbornChild.UPNUnknown = 0, day(2025, 6, 20), "0", "UN6"
	earlier := kid(40,
		with(ep(41, day(2023, 1, 10)), func(e *Details) {
			e.Assessments = []Assessment{{Start: day(2024, 4, 2), Authorised: day(2024, 5, 1), Factors: []string{"4B"}}}
			e.CINPlans = []CINPlan{{Start: day(2023, 3, 1), End: day(2024, 7, 1)}}
			e.ClosureDate, e.ReasonForClosure = day(2024, 7, 1), "RC7"
		}),
		ep(42, day(2025, 1, 6)))
	earlier.UPNUnknown = "UN3"
	return &Census{Header: Header{Collection: "CIN", Year: 2025, ReferenceDate: day(2025, 3, 31), LEA: "857"},
		Children: []Child{protected, closed, unbornChild, earlier}}
}

func TestCensusCleanReturnPasses(t *testing.T) {
	d := NewCheckData(cleanCensus(), "cin.xml", 2025)
	for _, c := range censusChecks() {
		if fs := c.Run(d); len(fs) > 0 {
			t.Errorf("check %s flagged a clean return:\n%s", c.Code, list(fs))
		}
	}
}

// TestCensusChecksNeverPanic runs every check on empty and blank data.
func TestCensusChecksNeverPanic(t *testing.T) {
	blankEpisode := Details{Assessments: []Assessment{{}, {}}, CINPlans: []CINPlan{{}, {}}, Section47s: []Section47{{}, {}},
		CPPlans: []CPPlan{{Reviews: []Date{0}}, {}}}
	inputs := map[string]*CheckData{
		"nil census":    {Year: 2025},
		"empty census":  NewCheckData(&Census{}, "x", 2025),
		"blank child":   NewCheckData(&Census{Children: []Child{{}}}, "x", 2025),
		"blank details": NewCheckData(&Census{Children: []Child{{Details: []Details{{}, blankEpisode, blankEpisode}}}}, "x", 2025),
		"odd ids":       NewCheckData(&Census{Children: []Child{{LAChildID: "é", UPN: "A", FormerUPN: "ß"}, {UPN: "A8571234567890123"}}}, "x", 2025),
	}
	for name, d := range inputs {
		for _, c := range censusChecks() {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%s: check %s panicked: %v", name, c.Code, p)
					}
				}()
				c.Run(d)
			}()
		}
	}
	if fs := checkByCode(t, "8500").Run(nil); fs != nil {
		t.Errorf("nil check data gave %v", fs)
	}
}
