// Package indicator holds the catalogue of national children's social care indicators and the
// engine that computes them for an authority at any date, keeping the children behind every number.
//
// Definitions follow DfE's published methodology, generalised from "at 31 March" and "in the year to
// 31 March" to any date D, so that monthly and quarterly figures use the same code as the annual
// returns. Children on an agreed series of short breaks (legal status V3 or V4) are left out of the
// children looked after measures unless an indicator says otherwise.
package indicator

import (
	"math"

	"csperf/internal/calendar"
)

// Date is a civil date.
type Date = calendar.Date

// Unit says what a value measures.
type Unit string

const (
	Count   Unit = "count"   // a number of children, plans, …
	Percent Unit = "percent" // numerator ÷ denominator × 100
	Rate10k Unit = "rate"    // numerator ÷ 0–17 population × 10,000
	Days    Unit = "days"    // an average number of days: sum ÷ cases
	Score   Unit = "score"   // an average score: sum ÷ cases
	Ratio   Unit = "ratio"   // numerator ÷ denominator (e.g. cases per social worker)
)

// Polarity says which direction is better.
type Polarity string

const (
	HigherIsBetter Polarity = "higher"
	LowerIsBetter  Polarity = "lower"
	Neutral        Polarity = "neutral" // context, not performance: no rating
)

// Period says what time a value covers.
type Period string

const (
	AtDate    Period = "at"     // a snapshot at D
	YearTo    Period = "year"   // the 12 months to D
	ThreeYear Period = "3years" // the 3 years to D (adoption timeliness)
)

// Source says where an indicator's data come from.
type Source string

const (
	SourceSSDA903   Source = "ssda903"
	SourceCIN       Source = "cin"
	SourceWorkforce Source = "workforce"
	SourceLocal     Source = "local"     // entered by the council
	SourcePublished Source = "published" // only from DfE's published data for now
)

// Indicator is one catalogue entry.
type Indicator struct {
	ID          string   // stable, e.g. "cla-rate"
	Title       string   // short title for tables
	Meaning     string   // what it measures, in plain English
	Why         string   // why it matters
	Unit        Unit     //
	Decimals    int      // decimals shown, as DfE rounds
	Polarity    Polarity //
	Period      Period   //
	Source      Source   //
	Outcome     string   // national framework outcome or enabler, by stable id (see Outcomes)
	SmallNumber int      // below this denominator, show "n of d" instead of a percentage
	LAIT        string   // LAIT measure code, where there is one
	Acronyms    []string // acronyms used in the title or meaning
	Categories  []string // for a breakdown: its categories, in order; nil for a single value
}

// Value is one computed (or entered) figure for an authority at a period end.
type Value struct {
	Indicator   string
	Authority   int
	PeriodEnd   Date
	Category    string // breakdown category; "" for a single value
	Numerator   int64  // count; for averages, the sum (days, score points)
	Denominator int64  // cohort; population for rates; cases for averages; 0 when not applicable
	Value       float64
	Valid       bool     // false when there is nothing to divide by
	Members     []Member // the children behind the figure (nil for rates' populations and workforce)
}

// Member is one child counted in a value: in the denominator, and in the numerator when Numerator is
// set, with the facts that put the child there.
type Member struct {
	Child     string // the child's pseudonym (or ID when computed straight from files)
	Numerator bool
	Facts     string // e.g. "3 placements in the 12 months: U4 from 02/05/2024, K2 from 10/07/2024, …"
}

// Finish fills Value and Valid from the numerator and denominator according to the unit.
func (v *Value) Finish(u Unit) {
	switch u {
	case Count:
		v.Value, v.Valid = float64(v.Numerator), true
		return
	}
	if v.Denominator == 0 {
		v.Value, v.Valid = 0, false
		return
	}
	// Scale before dividing, so that an exact half (46 of 80 = 57.5%) stays exact and rounds as DfE
	// rounds it.
	n := float64(v.Numerator)
	switch u {
	case Percent:
		n *= 100
	case Rate10k:
		n *= 10000
	}
	x := n / float64(v.Denominator)
	v.Value, v.Valid = x, true
}

// Round rounds x half away from zero to d decimals, as DfE's published tables do.
func Round(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(x*p) / p
}
