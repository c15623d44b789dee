package rating

import "csperf/internal/indicator"

// Trend is the direction of travel of a value against an earlier one, by the indicator's polarity
// rather than up or down. Its value is a word, so it can always be shown as text.
type Trend string

const (
	Better              Trend = "better"
	Worse               Trend = "worse"
	NoSignificantChange Trend = "no significant change"
	NotComparable       Trend = "not comparable" // a value missing, a neutral indicator, or different indicators
)

// Direction compares the value now with an earlier one (the previous period, or the same period a
// year earlier) for the indicator ind. A change is significant only when the two values' 95%
// intervals do not overlap: Wilson intervals for percentages, exact Poisson intervals for counts and
// rates, so that movements of one or two children in a small cohort read as no significant change.
// Averages and ratios (days, scores, caseloads) have no interval here; for them any change that shows
// at the indicator's decimals counts. Neutral indicators have no better or worse and are
// NotComparable, as are invalid values and values of different indicators or categories.
func Direction(ind indicator.Indicator, now, before indicator.Value) Trend {
	if !now.Valid || !before.Valid || now.Indicator != before.Indicator || now.Category != before.Category {
		return NotComparable
	}
	if ind.Polarity != indicator.HigherIsBetter && ind.Polarity != indicator.LowerIsBetter {
		return NotComparable
	}
	a, okA := ValueInterval(ind, now, Level95)
	b, okB := ValueInterval(ind, before, Level95)
	switch {
	case okA && okB:
		if !Significant(a, b) {
			return NoSignificantChange
		}
	case ind.Unit == indicator.Percent || ind.Unit == indicator.Count || ind.Unit == indicator.Rate10k:
		return NotComparable // a figure without the counts behind it
	default:
		if indicator.Round(now.Value, ind.Decimals) == indicator.Round(before.Value, ind.Decimals) {
			return NoSignificantChange
		}
	}
	if (now.Value > before.Value) == (ind.Polarity == indicator.HigherIsBetter) {
		return Better
	}
	return Worse
}

// Arrow is a symbol for the trend, to show beside (never instead of) its words: ▲ better, ▼ worse,
// ● no significant change, nothing when not comparable.
func (t Trend) Arrow() string {
	switch t {
	case Better:
		return "▲"
	case Worse:
		return "▼"
	case NoSignificantChange:
		return "●"
	}
	return ""
}
