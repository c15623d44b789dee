package store_test

import (
	"time"

	"csperf/internal/calendar"
	"csperf/internal/cin"
	"csperf/internal/finding"
	"csperf/internal/pseudo"
	"csperf/internal/ssda903"
	"csperf/internal/workforce"
)

func day(y int, m time.Month, d int) calendar.Date { return calendar.Of(y, m, d) }

func intp(n int) *int { return &n }

func testKey() *pseudo.Key {
	k, err := pseudo.NewKey([]byte("a test secret of thirty-two bytes"))
	if err != nil {
		panic(err)
	}
	return k
}

// fullReturn is a return for authority 857 using every field of every table, with a previous year's
// return; blank dates and a blank SDQ score appear too.
func fullReturn() *ssda903.Return {
	return &ssda903.Return{
		Authority: 857,
		Year:      2025,
		Header: []ssda903.Header{
			{Row: 2, Child: "C1001", Sex: "2", DOB: day(2009, 5, 17), Ethnic: "WBRI", UPN: "A123456789012", Mother: "1", MCDOB: day(2024, 12, 1)},
			{Row: 3, Child: "C1002", Sex: "1", DOB: day(2012, 2, 29), Ethnic: "MWBC", UPN: "UN2", Mother: ""},
		},
		Episodes: []ssda903.Episode{
			{Row: 2, Child: "C1001", DECOM: day(2024, 4, 3), RNE: "S", LS: "C2", CIN: "N1", Place: "U1", PlaceProvider: "PR1",
				DEC: day(2024, 9, 30), REC: "X1", ReasonPlaceChange: "CARPL", HomePost: "LE15", PlPost: "LE16", URN: "SC123456"},
			{Row: 3, Child: "C1001", DECOM: day(2024, 9, 30), RNE: "P", LS: "C2", CIN: "N1", Place: "U3", PlaceProvider: "PR4",
				REC: "", ReasonPlaceChange: "", HomePost: "LE15", PlPost: "NG1", URN: "XXXXXXX"},
			{Row: 4, Child: "C1002", DECOM: day(2025, 1, 2), RNE: "S", LS: "V2", CIN: "N4", Place: "K2", PlaceProvider: "PR5",
				DEC: day(2025, 3, 1), REC: "E11", HomePost: "PE9", PlPost: "PE9", URN: "1234567"},
		},
		Reviews: []ssda903.Review{
			{Row: 2, Child: "C1001", DOB: day(2009, 5, 17), Review: day(2024, 5, 1), ReviewCode: "PN1"},
			{Row: 3, Child: "C1001", DOB: day(2009, 5, 17), Review: day(2024, 11, 1), ReviewCode: "PN0"},
		},
		UASC: []ssda903.UASC{
			{Row: 2, Child: "C1002", DOB: day(2012, 2, 29), Sex: "1", DUC: day(2030, 2, 28)},
		},
		OC2: []ssda903.OC2{
			{Row: 2, Child: "C1001", DOB: day(2009, 5, 17), SDQScore: intp(14), SDQReason: "SDQ1", Convicted: "0",
				HealthCheck: "1", Immunisations: "1", TeethCheck: "0", HealthAssessment: "1", SubstanceMisuse: "0",
				InterventionReceived: "1", InterventionOffered: "1"},
			{Row: 3, Child: "C1002", DOB: day(2012, 2, 29), SDQScore: nil, SDQReason: "SDQ4", Convicted: "",
				HealthCheck: "0", Immunisations: "0", TeethCheck: "1", HealthAssessment: "0", SubstanceMisuse: "1",
				InterventionReceived: "0", InterventionOffered: "0"},
			{Row: 4, Child: "C1003", SDQScore: intp(0)},
		},
		OC3: []ssda903.OC3{
			{Row: 2, Child: "C0900", DOB: day(2004, 6, 1), InTouch: "YES", Activ: "F2", Accom: "S1"},
		},
		AD1: []ssda903.AD1{
			{Row: 2, Child: "C1002", DOB: day(2012, 2, 29), DateInt: day(2024, 6, 1), DateMatch: day(2024, 10, 1),
				FosterCare: "1", NbAdoptr: "2", SexAdoptr: "MF", LSAdoptr: "L0"},
		},
		PlacedAdoption: []ssda903.PlacedAdoption{
			{Row: 2, Child: "C1002", DOB: day(2012, 2, 29), DatePlaced: day(2024, 7, 1), DatePlacedCeased: day(2025, 3, 1),
				ReasonPlacedCeased: "RD1"},
		},
		PrevPerm: []ssda903.PrevPerm{
			{Row: 2, Child: "C1001", DOB: day(2009, 5, 17), PrevPerm: "P1", LAPerm: "E06000017", DatePerm: "zz/05/2015"},
		},
		Missing: []ssda903.Missing{
			{Row: 2, Child: "C1001", DOB: day(2009, 5, 17), Missing: "M", MisStart: day(2024, 8, 1), MisEnd: day(2024, 8, 3)},
			{Row: 3, Child: "C1001", DOB: day(2009, 5, 17), Missing: "A", MisStart: day(2025, 3, 30)},
		},
		SWEpisodes: []ssda903.SWEpisode{
			{Row: 2, Child: "C1001", DOB: day(2009, 5, 17), SWID: "SW17", SWDecom: day(2024, 4, 3), SWDec: day(2024, 12, 1), SWReason: "MANAGE"},
			{Row: 3, Child: "C1001", DOB: day(2009, 5, 17), SWID: "SW22", SWDecom: day(2024, 12, 1), SWReason: ""},
		},
		Previous: &ssda903.Return{
			Authority:      857,
			Year:           2024,
			Header:         []ssda903.Header{{Row: 2, Child: "C1001", Sex: "2", DOB: day(2009, 5, 17), Ethnic: "WBRI", UPN: "A123456789012", Mother: "0"}},
			Episodes:       []ssda903.Episode{{Row: 2, Child: "C1001", DECOM: day(2023, 4, 3), RNE: "S", LS: "C2", CIN: "N1", Place: "U1", PlaceProvider: "PR1", REC: "X1", HomePost: "LE15", PlPost: "LE16", URN: "SC123456"}},
			Reviews:        []ssda903.Review{{Row: 2, Child: "C1001", DOB: day(2009, 5, 17), Review: day(2023, 5, 1), ReviewCode: "PN1"}},
			UASC:           []ssda903.UASC{{Row: 2, Child: "C0800", Sex: "1"}},
			OC2:            []ssda903.OC2{{Row: 2, Child: "C0700", SDQScore: intp(40)}},
			OC3:            []ssda903.OC3{{Row: 2, Child: "C0900", DOB: day(2004, 6, 1), InTouch: "NO"}},
			AD1:            []ssda903.AD1{{Row: 2, Child: "C0600", FosterCare: "0"}},
			PlacedAdoption: []ssda903.PlacedAdoption{{Row: 2, Child: "C0600", DatePlaced: day(2023, 7, 1)}},
			PrevPerm:       []ssda903.PrevPerm{{Row: 2, Child: "C0500", PrevPerm: "Z1"}},
			Missing:        []ssda903.Missing{{Row: 2, Child: "C1001", Missing: "M", MisStart: day(2023, 8, 1)}},
			SWEpisodes:     []ssda903.SWEpisode{{Row: 2, Child: "C1001", SWID: "SW17", SWDecom: day(2023, 4, 3)}},
		},
	}
}

// fullCensus is a CIN census for authority 857 using every field.
func fullCensus() *cin.Census {
	return &cin.Census{
		Header: cin.Header{Collection: "CIN", Year: 2025, ReferenceDate: day(2025, 3, 31), SourceLevel: "L", LEA: "857",
			SoftwareCode: "Local Authority", Release: "ver 3.1.21", SerialNo: "001", DateTime: "2025-05-01T11:14:05"},
		Children: []cin.Child{
			{
				Line: 12, LAChildID: "DDS-1", UPN: "A123456789012", FormerUPN: "X98765432123B", UPNUnknown: "",
				BirthDate: day(2015, 3, 1), Gender: "1", Ethnicity: "WBRI", Disabilities: []string{"HAND", "HEAR"},
				Details: []cin.Details{
					{
						Line: 20, ReferralDate: day(2024, 5, 1), ReferralSource: "1A", PrimaryNeed: "N4",
						ClosureDate: day(2025, 2, 1), ReasonForClosure: "RC1", DateOfInitialCPC: day(2024, 6, 1),
						Assessments: []cin.Assessment{
							{Start: day(2024, 5, 2), InternalReview: day(2024, 5, 20), Authorised: day(2024, 6, 20), Factors: []string{"2A", "3B", "21"}},
							{Start: day(2024, 9, 2), Authorised: day(2024, 9, 30)},
						},
						CINPlans:   []cin.CINPlan{{Start: day(2024, 6, 25), End: day(2024, 12, 1)}},
						Section47s: []cin.Section47{{Start: day(2024, 5, 3), ICPCTarget: day(2024, 5, 24), ICPCDate: day(2024, 6, 1)}},
						CPPlans: []cin.CPPlan{
							{Start: day(2024, 6, 1), End: day(2024, 12, 1), InitialCategory: "NEG", LatestCategory: "EMO", PreviousPlans: 1,
								Reviews: []cin.Date{day(2024, 7, 1), day(2024, 10, 1)}},
						},
					},
					{
						Line: 60, ReferralDate: day(2025, 3, 10), ReferralSource: "5C", PrimaryNeed: "N1", ReferralNFA: true,
						Section47s: []cin.Section47{{Start: day(2025, 3, 11), ICPCNotRequired: true}},
					},
				},
			},
			{Line: 80, LAChildID: "DDS-2", UPNUnknown: "UN1", ExpectedBirthDate: day(2025, 6, 1), Gender: "0", Ethnicity: "NOBT"},
			{
				Line: 90, LAChildID: "DDS-3", UPN: "B123456789012", BirthDate: day(2010, 1, 1), DeathDate: day(2025, 1, 5), Gender: "2", Ethnicity: "AIND",
				Disabilities: []string{"NONE"},
				Details: []cin.Details{{
					Line: 95, ReferralDate: day(2023, 1, 1), ReferralSource: "10", PrimaryNeed: "N9",
					CPPlans: []cin.CPPlan{{Start: day(2023, 2, 1), InitialCategory: "MUL", LatestCategory: "MUL", Reviews: []cin.Date{day(2023, 3, 1)}}},
				}},
			},
		},
	}
}

func fullWorkforce() []workforce.Figures {
	return []workforce.Figures{
		{Authority: 857, Year: 2025, FTE: 4250, Headcount: 45, AgencyFTE: 700, VacancyFTE: 550, LeaversFTE: 600,
			StartersFTE: 800, Cases: 750, CaseHolderFTE: 3100, AbsenceDays: 512},
	}
}

func someFindings() []finding.Finding {
	return []finding.Finding{
		{Rule: "103", Severity: finding.Error, File: "episodes.csv", Table: "Episodes", Row: 3, Child: "C1001",
			Fields: []string{"DECOM", "DEC"}, Value: "30/09/2024", Message: "The episode ends before it starts."},
		{Rule: "read/column", Severity: finding.Warning, File: "header.csv", Table: "Header", Message: "Extra column ignored."},
		{Rule: "1015", Severity: finding.Query, File: "oc2.csv", Table: "OC2", Row: 4, Child: "C1003",
			Fields: []string{"SDQ_SCORE"}, Value: "0", Message: "Check the SDQ score."},
	}
}
