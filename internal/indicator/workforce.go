package indicator

// The social work workforce measures, from the annual workforce census. Its figures are at
// 30 September: those of collection year y (2025) are at 30 September of y-1 (2024). A value at D
// uses the figures in force at D — the latest 30 September on or before D — and there is no value
// when that year's figures are not loaded, rather than one from older figures. FTEs are kept in
// hundredths, so numerators and denominators stay whole numbers and the ratios are unchanged.

import (
	"time"

	"csperf/internal/calendar"
	"csperf/internal/workforce"
)

// workforceFuncs returns the workforce measures.
func workforceFuncs() map[string]computeFunc {
	return map[string]computeFunc{
		"workforce-agency-rate": workforceMeasure(func(f workforce.Figures) (int, int) {
			return f.AgencyFTE, f.AgencyFTE + f.FTE
		}),
		"workforce-vacancy-rate": workforceMeasure(func(f workforce.Figures) (int, int) {
			return f.VacancyFTE, f.VacancyFTE + f.FTE
		}),
		"workforce-turnover": workforceMeasure(func(f workforce.Figures) (int, int) {
			return f.LeaversFTE, f.FTE
		}),
		// Cases are scaled by 100 to match FTEs in hundredths, so the value is cases per FTE.
		"workforce-caseload": workforceMeasure(func(f workforce.Figures) (int, int) {
			return f.Cases * 100, f.CaseHolderFTE
		}),
	}
}

// workforceAt returns the figures in force at at: those of the latest 30 September on or before at.
func (h *History) workforceAt(at Date) (workforce.Figures, bool) {
	y := at.Year()
	if at >= calendar.Of(y, time.September, 30) {
		y++ // figures of collection year y+1 are at 30 September of y
	}
	f, ok := h.Workforce[y]
	return f, ok
}

// workforceMeasure makes a measure from the numerator and denominator of one year's figures.
func workforceMeasure(part func(workforce.Figures) (num, den int)) computeFunc {
	return func(h *History, at Date, _ bool) []Value {
		f, ok := h.workforceAt(at)
		if !ok {
			return nil
		}
		num, den := part(f)
		return []Value{{Numerator: int64(num), Denominator: int64(den)}}
	}
}
