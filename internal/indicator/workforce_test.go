package indicator

import (
	"testing"

	"csperf/internal/workforce"
)

func TestWorkforce(t *testing.T) {
	h := NewHistory(857, nil, nil, nil, []workforce.Figures{
		// 123.45 FTE employed, 20.50 agency, 15.30 vacancies, 18.75 leavers, 1,900 cases held by 95.25 FTE
		{Authority: 857, Year: 2025, FTE: 12345, AgencyFTE: 2050, VacancyFTE: 1530, LeaversFTE: 1875, Cases: 1900, CaseHolderFTE: 9525},
		{Authority: 857, Year: 2024, FTE: 10000, AgencyFTE: 2500, VacancyFTE: 0, LeaversFTE: 1250, Cases: 1500, CaseHolderFTE: 8000},
	})
	for _, at := range []string{"31/03/2025", "30/09/2024", "29/09/2025"} { // figures at 30/09/2024
		expect(t, h, "workforce-agency-rate", at, 2050, 14395, 14.24)
		expect(t, h, "workforce-vacancy-rate", at, 1530, 13875, 11.03)
		expect(t, h, "workforce-turnover", at, 1875, 12345, 15.19)
		expect(t, h, "workforce-caseload", at, 190000, 9525, 19.95)
	}
	for _, at := range []string{"29/09/2024", "31/03/2024", "30/09/2023"} { // figures at 30/09/2023
		expect(t, h, "workforce-agency-rate", at, 2500, 12500, 20)
		expect(t, h, "workforce-vacancy-rate", at, 0, 10000, 0)
		expect(t, h, "workforce-turnover", at, 1250, 10000, 12.5)
		expect(t, h, "workforce-caseload", at, 150000, 8000, 18.75)
	}
	for _, id := range []string{"workforce-agency-rate", "workforce-vacancy-rate", "workforce-turnover", "workforce-caseload"} {
		expectNone(t, h, id, "30/09/2025") // the 2026 figures are not loaded
		expectNone(t, h, id, "29/09/2023")
		if v, _ := valueOf(t, h, id, "31/03/2025", true); v.Members != nil {
			t.Errorf("%s lists members", id)
		}
	}
	empty := NewHistory(857, nil, nil, nil, []workforce.Figures{{Year: 2025}})
	if v, ok := valueOf(t, empty, "workforce-caseload", "31/03/2025", false); !ok || v.Valid {
		t.Errorf("caseload with no case holders: %+v, %v; want a value that is not valid", v, ok)
	}
}
