// Package cin holds the children in need census: its records (children, referrals, assessments,
// section 47 enquiries, child protection plans), its XML reader and writer, and its checks.
// Dates are civil dates, zero when absent; codes are the census's strings.
package cin

import "csperf/internal/calendar"

// Date is the civil date type the census uses.
type Date = calendar.Date

// Census is one authority's CIN census for one collection year (1 April – 31 March).
type Census struct {
	Header   Header
	Children []Child
}

// Header is the message header: collection, year, reference date and source.
type Header struct {
	Collection    string // "CIN"
	Year          int    // collection year, named by its end (2025 for 2024-25)
	ReferenceDate Date   // 31 March of Year
	SourceLevel   string // "L"
	LEA           string // DfE LA number, three digits
	SoftwareCode  string
	Release       string
	SerialNo      string
	DateTime      string // when the file was produced, as written (xs:dateTime)
}

// Child is one child in the census with their identifiers, characteristics and CIN episodes.
type Child struct {
	Line              int // line of the <Child> element in the source; 0 when generated
	LAChildID         string
	UPN               string
	FormerUPN         string
	UPNUnknown        string // UN1–UN10 when no UPN
	BirthDate         Date   // PersonBirthDate
	ExpectedBirthDate Date   // for unborn children
	Gender            string // GenderCurrent: 0 not known, 1 male, 2 female, 9 not specified
	DeathDate         Date
	Ethnicity         string
	Disabilities      []string
	Details           []Details // one per episode of need (CINdetails)
}

// Details is one episode of need, from referral to closure.
type Details struct {
	Line             int
	ReferralDate     Date   // CINreferralDate
	ReferralSource   string // 1A … 10
	PrimaryNeed      string // N1–N9
	ClosureDate      Date   // CINclosureDate
	ReasonForClosure string // RC1–RC9
	DateOfInitialCPC Date   // initial child protection conference in this episode
	Assessments      []Assessment
	CINPlans         []CINPlan
	Section47s       []Section47
	ReferralNFA      bool // referral led to no further action
	CPPlans          []CPPlan
}

// Assessment is a social work (single) assessment.
type Assessment struct {
	Start          Date // AssessmentActualStartDate
	InternalReview Date
	Authorised     Date // AssessmentAuthorisationDate
	Factors        []string
}

// CINPlan is a period under a child in need plan.
type CINPlan struct {
	Start Date
	End   Date
}

// Section47 is a section 47 enquiry and its initial conference.
type Section47 struct {
	Start           Date // S47ActualStartDate
	ICPCTarget      Date // InitialCPCtarget: 15 working days after the strategy discussion
	ICPCDate        Date // DateOfInitialCPC
	ICPCNotRequired bool
}

// CPPlan is a child protection plan.
type CPPlan struct {
	Start           Date
	End             Date
	InitialCategory string // NEG, PHY, SAB, EMO, MUL
	LatestCategory  string
	PreviousPlans   int // NumberOfPreviousCPP as recorded
	Reviews         []Date
}
