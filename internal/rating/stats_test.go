package rating

import (
	"math"
	"testing"

	"csperf/internal/indicator"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestZ(t *testing.T) {
	for _, c := range []struct{ level, want float64 }{
		{0.95, 1.959964}, {0.998, 3.090232}, {0.99, 2.575829},
	} {
		if got := Z(c.level); !near(got, c.want, 1e-6) {
			t.Errorf("Z(%v) = %v, want %v", c.level, got, c.want)
		}
	}
}

// integerGammaP is P(a, x) for whole a by the finite Poisson sum, an independent reference.
func integerGammaP(a int, x float64) float64 {
	term, sum := 1.0, 1.0
	for k := 1; k < a; k++ {
		term *= x / float64(k)
		sum += term
	}
	return 1 - math.Exp(-x)*sum
}

func TestGammaP(t *testing.T) {
	for _, c := range []struct{ a, x, want float64 }{
		{1, 0.5, 1 - math.Exp(-0.5)},
		{1, 3, 1 - math.Exp(-3)},
		{0.5, 2, math.Erf(math.Sqrt2)},
		{0.5, 0.1, math.Erf(math.Sqrt(0.1))},
		{3, 2, 1 - 5*math.Exp(-2)},
		{10, 5, integerGammaP(10, 5)},
		{10, 15, integerGammaP(10, 15)},
		{100, 100, integerGammaP(100, 100)},
		{100, 80, integerGammaP(100, 80)},
		{2, 0, 0},
	} {
		if got := GammaP(c.a, c.x); !near(got, c.want, 1e-12) {
			t.Errorf("GammaP(%v, %v) = %.15g, want %.15g", c.a, c.x, got, c.want)
		}
	}
	if !math.IsNaN(GammaP(0, 1)) || !math.IsNaN(GammaP(1, -1)) {
		t.Error("GammaP out of range should be NaN")
	}
}

func TestGammaPInvRoundTrip(t *testing.T) {
	for _, a := range []float64{0.5, 1, 2, 5.5, 11, 101, 1000} {
		for _, p := range []float64{0.001, 0.025, 0.5, 0.975, 0.999} {
			x := GammaPInv(a, p)
			if got := GammaP(a, x); !near(got, p, 1e-10) {
				t.Errorf("GammaP(%v, GammaPInv(%v, %v) = %v) = %v", a, a, p, x, got)
			}
		}
	}
	if got := GammaPInv(1, 0.975); !near(got, -math.Log(0.025), 1e-10) {
		t.Errorf("GammaPInv(1, 0.975) = %v", got)
	}
}

func TestPoisson(t *testing.T) {
	// Exact (Garwood) Poisson 95% limits as tabulated to three decimals, the values the issue asks for.
	for _, c := range []struct {
		k            int64
		lower, upper float64
	}{
		{0, 0, 3.689},
		{1, 0.0253, 5.572},
		{5, 1.623, 11.668},
		{10, 4.795, 18.390},
		{100, 81.364, 121.627},
	} {
		iv, ok := Poisson(c.k, Level95)
		if !ok || !near(iv.Lower, c.lower, 0.0006) || !near(iv.Upper, c.upper, 0.0006) {
			t.Errorf("Poisson(%d) = %+v, want %v–%v", c.k, iv, c.lower, c.upper)
		}
	}
	// 99.8%: the interval must be wider than the 95% one and contain it.
	a, _ := Poisson(10, Level95)
	b, _ := Poisson(10, Level998)
	if !(b.Lower < a.Lower && b.Upper > a.Upper) {
		t.Errorf("99.8%% interval %+v does not contain 95%% interval %+v", b, a)
	}
	if _, ok := Poisson(-1, Level95); ok {
		t.Error("Poisson(-1) should fail")
	}
}

func TestWilson(t *testing.T) {
	for _, c := range []struct {
		k, n         int64
		level        float64
		lower, upper float64
	}{
		{5, 10, Level95, 0.2366, 0.7634},
		{0, 10, Level95, 0, 0.2775},
		{10, 10, Level95, 0.7225, 1},
		{1, 2, Level95, 0.0945, 0.9055},
		{50, 100, Level95, 0.4038, 0.5962},
	} {
		iv, ok := Wilson(c.k, c.n, c.level)
		if !ok || !near(iv.Lower, c.lower, 0.00006) || !near(iv.Upper, c.upper, 0.00006) {
			t.Errorf("Wilson(%d, %d) = %+v, want %v–%v", c.k, c.n, iv, c.lower, c.upper)
		}
	}
	for _, bad := range [][2]int64{{1, 0}, {-1, 5}, {6, 5}} {
		if _, ok := Wilson(bad[0], bad[1], Level95); ok {
			t.Errorf("Wilson(%d, %d) should fail", bad[0], bad[1])
		}
	}
}

func TestFunnelLimits(t *testing.T) {
	iv, ok := FunnelProportion(0.5, 100, Level95)
	if !ok || !near(iv.Lower, 0.402, 0.0001) || !near(iv.Upper, 0.598, 0.0001) {
		t.Errorf("FunnelProportion(0.5, 100) = %+v", iv)
	}
	iv, _ = FunnelProportion(0.1, 4, Level998)
	if iv.Lower != 0 {
		t.Errorf("lower funnel limit should be clamped to 0, got %v", iv.Lower)
	}
	// Rate of 60 per 10,000 in a population of 10,000: 60 expected children, limits 60 ± 1.96·√60.
	iv, ok = FunnelRate(60, 10000, 10000, Level95)
	if !ok || !near(iv.Lower, 44.818, 0.001) || !near(iv.Upper, 75.182, 0.001) {
		t.Errorf("FunnelRate(60, 10000) = %+v", iv)
	}
	wide, _ := FunnelRate(60, 10000, 10000, Level998)
	if !(wide.Lower < iv.Lower && wide.Upper > iv.Upper) {
		t.Errorf("99.8%% limits %+v should be outside 95%% limits %+v", wide, iv)
	}
}

func TestSignificant(t *testing.T) {
	for _, c := range []struct {
		a, b Interval
		want bool
	}{
		{Interval{1, 2}, Interval{3, 4}, true},
		{Interval{1, 3}, Interval{2, 4}, false},
		{Interval{1, 2}, Interval{2, 4}, false}, // touching counts as overlapping
		{Interval{5, 6}, Interval{1, 2}, true},
	} {
		if got := Significant(c.a, c.b); got != c.want {
			t.Errorf("Significant(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

func TestValueInterval(t *testing.T) {
	pct := indicator.Indicator{Unit: indicator.Percent}
	iv, ok := ValueInterval(pct, indicator.Value{Numerator: 5, Denominator: 10, Value: 50, Valid: true}, Level95)
	if !ok || !near(iv.Lower, 23.66, 0.01) || !near(iv.Upper, 76.34, 0.01) {
		t.Errorf("percent interval = %+v", iv)
	}
	rate := indicator.Indicator{Unit: indicator.Rate10k}
	iv, ok = ValueInterval(rate, indicator.Value{Numerator: 10, Denominator: 20000, Value: 5, Valid: true}, Level95)
	if !ok || !near(iv.Lower, 2.3975, 0.001) || !near(iv.Upper, 9.195, 0.001) {
		t.Errorf("rate interval = %+v", iv)
	}
	if _, ok := ValueInterval(indicator.Indicator{Unit: indicator.Days}, indicator.Value{Valid: true}, Level95); ok {
		t.Error("averages should have no interval")
	}
	if _, ok := ValueInterval(pct, indicator.Value{}, Level95); ok {
		t.Error("invalid values should have no interval")
	}
}
