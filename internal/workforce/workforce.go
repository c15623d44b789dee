// Package workforce holds an authority's children's social work workforce figures for one year, as
// the annual workforce census reports them at 30 September.
package workforce

// Figures are one authority's workforce figures for one collection year. FTE values are in
// hundredths of a full-time equivalent so that sums are exact.
type Figures struct {
	Authority     int
	Year          int // the collection year (2025: figures at 30 September 2024 for the year to then)
	FTE           int // employed social workers in post, hundredths of FTE
	Headcount     int // employed social workers in post
	AgencyFTE     int // agency social workers, hundredths of FTE
	VacancyFTE    int // vacancies, hundredths of FTE
	LeaversFTE    int // leavers in the year, hundredths of FTE
	StartersFTE   int // starters in the year, hundredths of FTE
	Cases         int // cases held
	CaseHolderFTE int // case-holding social workers, hundredths of FTE
	AbsenceDays   int // working days lost to sickness absence in the year
}
