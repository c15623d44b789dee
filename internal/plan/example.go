package plan

import (
	"fmt"
	"time"

	"csperf/internal/calendar"
)

// Example returns a realistic, fictional improvement plan for authority after an Ofsted inspection
// of local authority children's services (ILACS) that ended on the day inspected, for demonstrations
// and end-to-end tests. It answers five recommendations (oversight of child protection plans, health
// assessments for children in care, placement stability, pathway plans for care leavers, workforce
// stability) with two or three actions each, owned by job titles, and measures on catalogue
// indicators with milestone and stretch targets six and twelve months after the inspection. All
// dates are relative to inspected; progress is as it might stand about six months in, so some
// actions are complete and some become overdue as time passes. Store ids are 0. The plan is valid.
func Example(authority int, inspected calendar.Date) Plan {
	day := func(n int) calendar.Date { return inspected.AddDays(n) }
	month := func(n int) calendar.Date { return calendar.MonthEnd(inspected.AddMonths(n)) }
	at := func(n, hour int) time.Time { return day(n).Time().Add(time.Duration(hour) * time.Hour) }
	m6, m12 := month(6), month(12)
	both := func(ms, st float64) []TargetPoint { // milestone by 6 months, milestone and stretch by 12
		return []TargetPoint{{At: m6, Milestone: &ms}, {At: m12, Milestone: num(ms + (st-ms)/2), Stretch: &st}}
	}
	y, m, _ := inspected.Civil()
	published := day(98) // 70 working days, as Ofsted expects
	return Plan{
		Authority:  authority,
		Title:      fmt.Sprintf("Improving help, protection and care: our plan after the Ofsted inspection of %s %d", m, y),
		Source:     "Ofsted ILACS inspection",
		SourceDate: inspected,
		Published:  published,
		Recommendations: []Recommendation{
			{
				Number: 1,
				Text: "Strengthen management oversight and supervision of child protection plans, so that " +
					"plans progress without drift and fewer children need a second plan.",
				Actions: []Action{
					{
						Description: "Audit every child protection plan open for more than nine months each month " +
							"and report the findings to the Safeguarding Practice Board.",
						Owner: "Head of Quality Assurance", Start: day(30), Due: day(120), Status: Complete,
						Completed: day(112),
						Notes: []Note{
							{At: at(60, 10), Author: "Head of Quality Assurance", Text: "First audit of 38 plans done; 9 showed drift and have been escalated."},
							{At: at(112, 15), Author: "Head of Quality Assurance", Text: "Monthly audit cycle running; third report went to the board."},
						},
						Evidence: []Evidence{
							{Title: "Child protection audit findings, first cycle", File: "cp-audit-cycle-1.pdf"},
							{Title: "Safeguarding Practice Board minutes", URL: "https://intranet.example.org/spb/minutes"},
						},
					},
					{
						Description: "Refresh the supervision policy so that every child protection case is discussed " +
							"in supervision at least every four weeks, with a recorded management decision.",
						Owner: "Principal Social Worker", Start: day(30), Due: day(180), Status: OnTrack,
						Notes: []Note{
							{At: at(95, 11), Author: "Principal Social Worker", Text: "Draft policy agreed with team managers; training booked."},
						},
					},
					{
						Description: "Agree with the integrated care board that a health professional attends or " +
							"contributes to every strategy discussion.",
						Owner: "Designated Nurse for Safeguarding Children", Start: day(30), Due: day(150), Status: AtRisk,
						Notes: []Note{
							{At: at(130, 9), Author: "Head of Safeguarding", Text: "Rota covers weekdays only; out-of-hours cover not yet agreed."},
						},
					},
				},
				Measures: []Measure{
					{Indicator: "cpp-reviewed-on-time", Points: both(92, 98)},
					{Indicator: "cpp-second-plan", Points: both(22, 16)},
					{Indicator: "health-strategy-attendance", Points: []TargetPoint{
						{At: m6, Milestone: num(70)}, {At: m12, Milestone: num(85), Stretch: num(95)}}},
				},
			},
			{
				Number: 2,
				Text: "Improve the timeliness of initial health assessments for children who come into care, " +
					"and of their annual review health assessments.",
				Actions: []Action{
					{
						Description: "Notify the children in care health team of every child who comes into care " +
							"within two working days, through a shared daily list.",
						Owner: "Service Manager, Children in Care", Start: day(14), Due: day(75), Status: Complete,
						Completed: day(70),
						Evidence:  []Evidence{{Title: "Information-sharing agreement with the health trust", File: "isa-health-notifications.pdf"}},
					},
					{
						Description: "Add a second community paediatrician clinic each week for initial health assessments.",
						Owner:       "Designated Doctor for Children in Care", Start: day(45), Due: day(200), Status: OnTrack,
						Notes: []Note{
							{At: at(120, 14), Author: "Designated Doctor for Children in Care", Text: "Second clinic running since last month; waiting list down from 31 to 12."},
						},
					},
					{
						Description: "Report health assessment timeliness each month to the Corporate Parenting Board.",
						Owner:       "Head of Children in Care", Start: day(200), Due: day(365), Status: NotStarted,
					},
				},
				Measures: []Measure{
					{Indicator: "health-assessment", Points: both(88, 95)},
				},
			},
			{
				Number: 3,
				Text: "Improve the stability of placements for children in care, including the sufficiency of local foster " +
					"families, so that fewer children move placement.",
				Actions: []Action{
					{
						Description: "Hold a stability meeting for every child who has moved placement twice in 12 months.",
						Owner:       "Head of Children in Care", Start: day(30), Due: day(240), Status: OnTrack,
						Notes: []Note{
							{At: at(140, 10), Author: "Head of Children in Care", Text: "27 stability meetings held; 4 children moved to long-term matches."},
						},
					},
					{
						Description: "Run a foster carer recruitment campaign with neighbouring councils.",
						Owner:       "Fostering Service Manager", Start: day(60), Due: day(170), Status: OffTrack,
						Notes: []Note{
							{At: at(150, 16), Author: "Fostering Service Manager", Text: "Campaign launch delayed by the regional procurement; 6 enquiries so far against 40 planned."},
						},
					},
				},
				Measures: []Measure{
					{Indicator: "placement-3plus", Points: both(11, 8)},
					{Indicator: "placement-long-term", Points: both(68, 74)},
					{Indicator: "foster-carers-approved", Points: []TargetPoint{{At: m12, Milestone: num(18), Stretch: num(25)}}},
				},
			},
			{
				Number: 4,
				Text: "Improve the quality of pathway plans for care leavers, so that they are written with young " +
					"people and address their health, education, employment and accommodation.",
				Actions: []Action{
					{
						Description: "Train every personal adviser in the pathway plan template written with the Children in Care Council.",
						Owner:       "Leaving Care Service Manager", Start: day(20), Due: day(110), Status: Complete,
						Completed: day(104),
						Evidence:  []Evidence{{Title: "Training attendance: 22 of 22 personal advisers"}},
					},
					{
						Description: "Offer every care leaver aged 19 to 21 who is not in education, employment or training a place on the council's apprenticeship programme.",
						Owner:       "Head of Service, Care Leavers", Start: day(60), Due: day(300), Status: OnTrack,
					},
					{
						Description: "Give every young person their health passport before their 18th birthday.",
						Owner:       "Designated Nurse for Children in Care", Start: day(45), Due: day(160), Status: AtRisk,
						Notes: []Note{
							{At: at(125, 12), Author: "Designated Nurse for Children in Care", Text: "Passports issued to 14 of 23 young people who turned 18."},
						},
					},
				},
				Measures: []Measure{
					{Indicator: "care-leavers-eet-19-21", Points: both(55, 62)},
					{Indicator: "care-leavers-accom-19-21", Points: both(88, 93)},
					{Indicator: "care-leavers-health-passport", Points: both(75, 90)},
				},
			},
			{
				Number: 5,
				Text: "Stabilise the social work workforce and reduce caseloads, so that children keep the same " +
					"social worker and social workers have time to know them.",
				Actions: []Action{
					{
						Description: "Introduce a market supplement and a clear career pathway for experienced social workers.",
						Owner:       "Head of Workforce Development", Start: day(14), Due: day(100), Status: Complete,
						Completed: day(95),
						Evidence:  []Evidence{{Title: "Cabinet decision on the market supplement", URL: "https://democracy.example.org/decisions/1482"}},
					},
					{
						Description: "Recruit 12 newly qualified social workers to the assessed and supported year in employment (ASYE) academy.",
						Owner:       "Principal Social Worker", Start: day(60), Due: day(270), Status: OnTrack,
						Notes: []Note{
							{At: at(150, 10), Author: "Principal Social Worker", Text: "9 offers accepted; second interview round next month."},
						},
					},
					{
						Description: "Convert agency social work posts to permanent posts as permanent staff are recruited.",
						Owner:       "Assistant Director, Children's Social Care", Start: day(90), Due: day(365), Status: OnTrack,
					},
				},
				Measures: []Measure{
					{Indicator: "workforce-agency-rate", Points: both(20, 12)},
					{Indicator: "workforce-caseload", Points: both(19, 16)},
				},
			},
		},
	}
}

// num returns a pointer to x, for the levels of target points.
func num(x float64) *float64 { return &x }
