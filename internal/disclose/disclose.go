// Package disclose decides how a figure may be shown: rounded as DfE rounds it, told as "n of d"
// where the denominator is small, and with small counts suppressed (primary suppression) and the
// cells that would give them away suppressed too (secondary suppression) for audiences outside the
// council's own staff.
package disclose

import (
	"strconv"
	"strings"

	"csperf/internal/indicator"
)

// Symbols shown in place of a number, as in DfE's published tables.
const (
	Suppressed   = "c" // confidential: a small count, or a figure that would reveal one
	NotAvailable = "x" // nothing to show: no value, or nothing to divide by
)

// Audience is who a figure is shown to. It follows the roles of the web application, with Public for
// published reports.
type Audience string

const (
	Analyst Audience = "analyst"
	Manager Audience = "manager"
	Member  Audience = "member" // councillors: aggregates only, small numbers suppressed
	Public  Audience = "public" // published reports
)

// suppresses reports whether small counts must be hidden from the audience.
func (a Audience) suppresses() bool { return a == Member || a == Public }

// Geography is the level a figure is for.
type Geography string

const (
	LocalAuthority Geography = "la"
	Region         Geography = "region"
	England        Geography = "england"
)

// RoundCount rounds a count as DfE publishes it: England and regional counts to the nearest 10
// (half away from zero), local authority counts as they are.
func RoundCount(n int64, g Geography) int64 {
	if g != England && g != Region {
		return n
	}
	if n < 0 {
		return -RoundCount(-n, g)
	}
	return (n + 5) / 10 * 10
}

// RoundValue rounds x to the indicator's decimals, half away from zero, as DfE does: whole
// percentages for the looked-after measures and one decimal for children in need, as the catalogue
// records for each indicator.
func RoundValue(ind indicator.Indicator, x float64) float64 { return indicator.Round(x, ind.Decimals) }

// isSmall reports whether a count is one that must be suppressed: 1 to 5.
func isSmall(n int64) bool { return n >= 1 && n <= 5 }

// Show returns the text to display for v to the audience a:
//   - NotAvailable ("x") when the value is not valid;
//   - for members and the public, Suppressed ("c") when the count behind the figure is 1 to 5: the
//     count itself, a percentage's numerator or denominator, a rate's numerator, or the number of
//     cases an average is taken over;
//   - "n of d" for a percentage whose denominator is below the indicator's small-number threshold
//     (20 when the indicator sets none);
//   - otherwise the value rounded to the indicator's decimals with commas between thousands, and a
//     % sign for percentages.
func Show(ind indicator.Indicator, v indicator.Value, a Audience) string {
	if !v.Valid {
		return NotAvailable
	}
	hide := a.suppresses()
	switch ind.Unit {
	case indicator.Count:
		if hide && isSmall(v.Numerator) {
			return Suppressed
		}
		return Number(float64(v.Numerator), 0)
	case indicator.Percent:
		if hide && (isSmall(v.Numerator) || isSmall(v.Denominator)) {
			return Suppressed
		}
		small := int64(ind.SmallNumber)
		if small == 0 {
			small = 20
		}
		if v.Denominator > 0 && v.Denominator < small {
			return Number(float64(v.Numerator), 0) + " of " + Number(float64(v.Denominator), 0)
		}
		return Number(v.Value, ind.Decimals) + "%"
	case indicator.Rate10k:
		if hide && isSmall(v.Numerator) {
			return Suppressed
		}
	default: // averages and ratios: the cases they are taken over
		if hide && isSmall(v.Denominator) {
			return Suppressed
		}
	}
	return Number(v.Value, ind.Decimals)
}

// Number formats x rounded half away from zero to d decimals, with commas between thousands:
// Number(12345.678, 1) is "12,345.7".
func Number(x float64, d int) string {
	s := strconv.FormatFloat(indicator.Round(x, d), 'f', d, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	if sign != "" && strings.Trim(b.String(), "0.,") == "" {
		sign = "" // no "-0"
	}
	return sign + b.String()
}

// Ordinal writes a rank as "1st", "2nd", "3rd", "11th", "22nd"…
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
