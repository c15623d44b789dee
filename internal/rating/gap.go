package rating

import "csperf/internal/indicator"

// GapSignificant reports whether the gap between v and a comparator value (England, the region,
// statistical neighbours) is significant: the comparator lies outside v's 95% interval (see
// ValueInterval). The comparator is treated as fixed, which is fair for England and regions, whose
// own intervals are narrow beside an authority's. ok is false when v has no interval.
func GapSignificant(ind indicator.Indicator, v indicator.Value, comparator float64) (significant, ok bool) {
	iv, ok := ValueInterval(ind, v, Level95)
	if !ok {
		return false, false
	}
	return comparator < iv.Lower || comparator > iv.Upper, true
}

// FunnelPosition says where a value falls on a funnel plot around a target such as England's figure.
type FunnelPosition string

const (
	WithinLimits FunnelPosition = "within 95% limits"          // consistent with the target: noise
	Beyond95     FunnelPosition = "beyond 95% limits"          // a possible outlier, worth a look
	Beyond998    FunnelPosition = "beyond 99.8% limits"        // a real outlier
	NoFunnel     FunnelPosition = "not shown on a funnel plot" // not a percentage or rate, or no counts
)

// Funnel places v on a funnel plot around target (in the indicator's units: a percentage or a rate
// per 10,000), using FunnelProportion or FunnelRate with v's denominator. A value on a limit counts
// as within it.
func Funnel(ind indicator.Indicator, v indicator.Value, target float64) FunnelPosition {
	if !v.Valid || v.Denominator <= 0 {
		return NoFunnel
	}
	limits := func(level float64) (Interval, bool) {
		switch ind.Unit {
		case indicator.Percent:
			iv, ok := FunnelProportion(target/100, v.Denominator, level)
			return Interval{iv.Lower * 100, iv.Upper * 100}, ok
		case indicator.Rate10k:
			return FunnelRate(target, v.Denominator, 10000, level)
		}
		return Interval{}, false
	}
	inner, ok1 := limits(Level95)
	outer, ok2 := limits(Level998)
	switch {
	case !ok1 || !ok2:
		return NoFunnel
	case v.Value < outer.Lower || v.Value > outer.Upper:
		return Beyond998
	case v.Value < inner.Lower || v.Value > inner.Upper:
		return Beyond95
	}
	return WithinLimits
}
