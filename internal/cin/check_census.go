package cin

import (
	"fmt"
	"strings"

	"csperf/internal/finding"
)

// censusChecks returns every DfE CIN census check, gathered from the subject files
// check_identifiers.go, check_referrals.go, check_assessments.go, check_cinplans.go,
// check_section47.go and check_cpp.go.
func censusChecks() []Check {
	var all []Check
	for _, part := range [][]Check{identifierChecks(), referralChecks(), assessmentChecks(),
		cinPlanChecks(), section47Checks(), cppChecks()} {
		all = append(all, part...)
	}
	return all
}

// Elements of the census, named as the reader names them in its findings.
const (
	elHeader  = "Header/CollectionDetails"
	elIDs     = "Child/ChildIdentifiers"
	elChars   = "Child/ChildCharacteristics"
	elDetails = "Child/CINdetails"
	elAssess  = "Child/CINdetails/Assessments"
	elPlan    = "Child/CINdetails/CINPlanDates"
	elS47     = "Child/CINdetails/Section47"
	elCPP     = "Child/CINdetails/ChildProtectionPlans"
	elReviews = "Child/CINdetails/ChildProtectionPlans/Reviews"
)

// report collects the findings of one check while it runs.
type report struct {
	d   *CheckData
	c   *Check
	ch  *Child // the child being looked at; nil for findings about the whole file
	out []finding.Finding
}

// add records a finding at line in element about fields, with value as found and a message built
// from format and args.
func (r *report) add(line int, element string, fields []string, value, format string, args ...any) {
	child := ""
	if r.ch != nil {
		child = r.ch.LAChildID
	}
	r.out = append(r.out, r.d.Found(r.c, line, child, element, fields, value, fmt.Sprintf(format, args...)))
}

// newCheck builds a check whose run function can name the check in its findings. Codes ending in
// Q are queries; the rest are errors.
func newCheck(code, about string, elements []string, run func(r *report)) Check {
	c := &Check{Code: code, Severity: finding.Error, Elements: elements, About: about}
	if strings.HasSuffix(code, "Q") {
		c.Severity = finding.Query
	}
	c.Run = func(d *CheckData) []finding.Finding {
		if d == nil || d.Census == nil {
			return nil
		}
		r := &report{d: d, c: c}
		run(r)
		return r.out
	}
	return *c
}

// wholeCheck is a check over the whole census (header rules and file-level queries).
func wholeCheck(code, about string, elements []string, f func(r *report, cs *Census)) Check {
	return newCheck(code, about, elements, func(r *report) { f(r, r.d.Census) })
}

// childCheck is a check that looks at one child at a time.
func childCheck(code, about string, elements []string, f func(r *report, ch *Child)) Check {
	return newCheck(code, about, elements, func(r *report) {
		for i := range r.d.Census.Children {
			r.ch = &r.d.Census.Children[i]
			f(r, r.ch)
		}
	})
}

// episodeCheck is a check that looks at one episode of need (CINdetails) at a time.
func episodeCheck(code, about string, elements []string, f func(r *report, ch *Child, ep *Details)) Check {
	return childCheck(code, about, elements, func(r *report, ch *Child) {
		for j := range ch.Details {
			f(r, ch, &ch.Details[j])
		}
	})
}

// show formats a date for a message: dd/mm/yyyy, or "blank".
func show(d Date) string {
	if d == 0 {
		return "blank"
	}
	return d.DMY()
}

// inYear reports whether d falls within the collection year.
func (d *CheckData) inYear(x Date) bool { return x >= d.Start && x <= d.End }

// yearText names the collection year for messages: "the census year 01/04/2024 to 31/03/2025".
func (d *CheckData) yearText() string {
	return "the census year " + d.Start.DMY() + " to " + d.End.DMY()
}

// openUntil returns the end of a period for overlap tests: its end date, or a date after any real
// one when it has none (still open).
func openUntil(end Date) Date {
	if end == 0 {
		return Date(1 << 30)
	}
	return end
}

// quote formats a code for a message, naming a blank one.
func quote(s string) string {
	if s == "" {
		return "blank"
	}
	return fmt.Sprintf("%q", s)
}
