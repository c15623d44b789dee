// Package calendar holds civil dates (no time of day, no zone) as the returns record them, and the
// England and Wales working-day calendar that CIN timeliness measures count against.
package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date stored as the number of days since 1 January 0001 plus one, so that the zero
// value means "no date" (a blank field) and dates compare and subtract as integers.
type Date int32

// unixOffset is the Date of 1970-01-01: 719,162 days after 0001-01-01, plus one.
const unixOffset = 719163

// Of returns the date y-m-d. Out-of-range months and days normalise as time.Date does.
func Of(y int, m time.Month, d int) Date {
	if m < 1 || m > 12 || d < 1 || d > 28 {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		y, m, d = t.Date()
	}
	return Date(daysFromCivil(y, int(m), d) + unixOffset)
}

// daysFromCivil returns the days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
// (Howard Hinnant's algorithm: integer arithmetic only, valid for any year).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// FromTime returns the civil date of t in t's own location.
func FromTime(t time.Time) Date {
	y, m, d := t.Date()
	return Of(y, m, d)
}

// IsZero reports whether d is the blank date.
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight UTC on d.
func (d Date) Time() time.Time { return time.Unix(int64(d-unixOffset)*86400, 0).UTC() }

// Civil returns year, month and day.
func (d Date) Civil() (int, time.Month, int) {
	y, m, day := civilFromDays(int(d) - unixOffset)
	return y, time.Month(m), day
}

// Year returns the year of d.
func (d Date) Year() int { y, _, _ := d.Civil(); return y }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return time.Weekday(int(d) % 7) } // 0001-01-01 (Date 1) was a Monday

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths returns d moved by n calendar months; the day is clamped to the end of a shorter month
// (31 January plus one month is 28 or 29 February), which is how the returns count months.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Civil()
	months := y*12 + int(m) - 1 + n
	ny, nm := months/12, time.Month(months%12+1)
	if months < 0 && months%12 != 0 {
		ny, nm = (months-11)/12, time.Month((months%12+12)%12+1)
	}
	return Of(ny, nm, min(day, DaysIn(ny, nm)))
}

// AddYears returns d moved by n years; 29 February becomes 28 February in a year that is not a leap year.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// Sub returns the number of days from e to d.
func (d Date) Sub(e Date) int { return int(d - e) }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d < e }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d > e }

// AgeAt returns the age in whole years on date at of someone born on d. A child born on 29 February
// turns a year older on 1 March in years that are not leap years, as English law counts it.
func (d Date) AgeAt(at Date) int {
	by, bm, bd := d.Civil()
	ay, am, ad := at.Civil()
	age := ay - by
	if am < bm || (am == bm && ad < bd) {
		age--
	}
	return age
}

// String formats d as ISO 8601 (2006-01-02), or "" when blank.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return string(d.AppendISO(make([]byte, 0, 10)))
}

// AppendISO appends d as YYYY-MM-DD (nothing when blank).
func (d Date) AppendISO(b []byte) []byte {
	if d == 0 {
		return b
	}
	y, m, day := civilFromDays(int(d) - unixOffset)
	b = append4(b, y)
	b = append(b, '-')
	b = append2(b, m)
	b = append(b, '-')
	return append2(b, day)
}

// DMY formats d as the 903 return writes dates (02/01/2006), or "" when blank.
func (d Date) DMY() string {
	if d == 0 {
		return ""
	}
	return string(d.AppendDMY(make([]byte, 0, 10)))
}

// AppendDMY appends d as dd/mm/YYYY (nothing when blank).
func (d Date) AppendDMY(b []byte) []byte {
	if d == 0 {
		return b
	}
	y, m, day := civilFromDays(int(d) - unixOffset)
	b = append2(b, day)
	b = append(b, '/')
	b = append2(b, m)
	b = append(b, '/')
	return append4(b, y)
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10%10), byte('0'+n%10)) }

func append4(b []byte, n int) []byte {
	if n < 0 || n > 9999 {
		return fmt.Appendf(b, "%04d", n)
	}
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

// ParseDMY parses a 903 date (dd/mm/YYYY). A blank string gives the zero Date and no error.
func ParseDMY(s string) (Date, error) { return parse(s, '/', true) }

// ParseISO parses an ISO 8601 date (YYYY-MM-DD) as the CIN census writes them. A blank string gives the
// zero Date and no error.
func ParseISO(s string) (Date, error) { return parse(s, '-', false) }

// parse reads three numeric parts separated by sep, day first when dayFirst, checking the calendar.
func parse(s string, sep byte, dayFirst bool) (Date, error) {
	if s == "" {
		return 0, nil
	}
	var parts [3]int
	var widths [3]int
	p := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if widths[p] >= 4 {
				return 0, fmt.Errorf("%q is not a date", s)
			}
			parts[p] = parts[p]*10 + int(c-'0')
			widths[p]++
		case c == sep && p < 2 && widths[p] > 0:
			p++
		default:
			return 0, fmt.Errorf("%q is not a date", s)
		}
	}
	var y, m, d int
	if dayFirst {
		d, m, y = parts[0], parts[1], parts[2]
		if p != 2 || widths[0] > 2 || widths[1] > 2 || widths[2] != 4 {
			return 0, fmt.Errorf("%q is not a date in the form dd/mm/yyyy", s)
		}
	} else {
		y, m, d = parts[0], parts[1], parts[2]
		if p != 2 || widths[0] != 4 || widths[1] != 2 || widths[2] != 2 {
			return 0, fmt.Errorf("%q is not a date in the form yyyy-mm-dd", s)
		}
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > DaysIn(y, time.Month(m)) {
		return 0, fmt.Errorf("%q is not a calendar date", s)
	}
	return Of(y, time.Month(m), d), nil
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// MonthEnd returns the last day of d's month.
func MonthEnd(d Date) Date {
	y, m, _ := d.Civil()
	return Of(y, m, DaysIn(y, m))
}

// CollectionYearEnd returns 31 March of collection year y (the 2024-25 return, year 2025, ends 2025-03-31).
func CollectionYearEnd(y int) Date { return Of(y, time.March, 31) }

// CollectionYearStart returns 1 April of the year before y.
func CollectionYearStart(y int) Date { return Of(y-1, time.April, 1) }
