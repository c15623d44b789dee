package report

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"csperf/internal/calendar"
)

// PeriodKind says what a reporting period is.
type PeriodKind string

const (
	Quarter PeriodKind = "quarter" // a calendar quarter: Q1 = January to March … Q4 = October to December
	Month   PeriodKind = "month"
	Year    PeriodKind = "year" // a financial (and collection) year, 1 April to 31 March
)

// Period is the period a report covers; its figures are as at End (or for the 12 months to End).
type Period struct {
	Kind   PeriodKind
	Code   string        // as given: "2025-Q4", "2025-03", "2024-25"
	End    calendar.Date // the last day of the period
	Label  string        // e.g. "Quarter 4 2025 (October to December 2025)"
	Months int           // the length of the period: 1, 3 or 12 (the previous period is this much earlier)
}

var (
	quarterRE = regexp.MustCompile(`^(\d{4})-[Qq]([1-4])$`)
	monthRE   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	yearRE    = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
)

// The years a period may fall in: the returns began in the 1990s, and nothing is planned for 2200.
const (
	minYear = 1990
	maxYear = 2199
)

// ParsePeriod reads a reporting period: a calendar quarter "2025-Q4" (Q1 is January to March, so
// 2025-Q4 ends on 31 December 2025), a month "2025-03" (ending on its last day), or a financial
// year "2024-25" (1 April 2024 to 31 March 2025, the collection year of the returns).
func ParsePeriod(s string) (Period, error) {
	if len(s) >= 4 {
		if y, err := strconv.Atoi(s[:4]); err == nil && (y < minYear || y > maxYear) {
			return Period{}, fmt.Errorf("period %q: the year must be between %d and %d", s, minYear, maxYear)
		}
	}
	if m := quarterRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		first, last := time.Month(3*q-2), time.Month(3*q)
		return Period{Kind: Quarter, Code: fmt.Sprintf("%d-Q%d", y, q), End: calendar.Of(y, last, calendar.DaysIn(y, last)), Months: 3,
			Label: fmt.Sprintf("Quarter %d %d (%s to %s %d)", q, y, first, last, y)}, nil
	}
	if m := yearRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		yy, _ := strconv.Atoi(m[2])
		if (y+1)%100 == yy {
			return Period{Kind: Year, Code: s, End: calendar.Of(y+1, time.March, 31), Months: 12,
				Label: fmt.Sprintf("%s (the year to 31 March %d)", s, y+1)}, nil
		}
	}
	if m := monthRE.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			month := time.Month(mo)
			return Period{Kind: Month, Code: s, End: calendar.Of(y, month, calendar.DaysIn(y, month)), Months: 1,
				Label: fmt.Sprintf("%s %d", month, y)}, nil
		}
	}
	return Period{}, fmt.Errorf("period %q is not a quarter (2025-Q4), a month (2025-03) or a financial year (2024-25)", s)
}
