// Package ssda903 holds the SSDA903 return (children looked after): its records, its CSV and XML
// readers and writers, and its checks. Codes are kept as the return's upper-case strings; dates are
// civil dates, zero when blank.
package ssda903

import "csperf/internal/calendar"

// Date is the civil date type the return uses.
type Date = calendar.Date

// Table names one of the return's tables, as DfE names them.
type Table string

const (
	TableHeader         Table = "Header"
	TableEpisodes       Table = "Episodes"
	TableReviews        Table = "Reviews"
	TableUASC           Table = "UASC"
	TableOC2            Table = "OC2"
	TableOC3            Table = "OC3"
	TableAD1            Table = "AD1"
	TablePlacedAdoption Table = "PlacedAdoption"
	TablePrevPerm       Table = "PrevPerm"
	TableMissing        Table = "Missing"
	TableSWEpisodes     Table = "SWEpisodes"
)

// Tables lists every table in the order DfE lists them.
var Tables = []Table{TableHeader, TableEpisodes, TableReviews, TableUASC, TableOC2, TableOC3, TableAD1,
	TablePlacedAdoption, TablePrevPerm, TableMissing, TableSWEpisodes}

// Header is one child's details (one row per child looked after in the year).
type Header struct {
	Row    int    // source row (CSV: Excel numbering, header = 1; XML: line); 0 when generated
	Child  string // CHILD: LA child ID, at most 10 characters
	Sex    string // SEX: 1 male, 2 female
	DOB    Date
	Ethnic string // ETHNIC: four-letter code
	UPN    string // unique pupil number, or UN1–UN10
	Mother string // MOTHER: 1 when the child is a mother, 0 not, "" not applicable (boys)
	MCDOB  Date   // MC_DOB: date of birth of the mother's child
}

// Episode is one period of care with the same legal status and placement.
type Episode struct {
	Row               int
	Child             string
	DECOM             Date   // date episode commenced
	RNE               string // reason for new episode: S, L, P, T, B, U
	LS                string // legal status
	CIN               string // category of need N1–N8
	Place             string // PLACE
	PlaceProvider     string // PLACE_PROVIDER PR0–PR5
	DEC               Date   // date episode ceased, zero when open
	REC               string // reason episode ceased, X1 when care continues
	ReasonPlaceChange string // REASON_PLACE_CHANGE
	HomePost          string // HOME_POST: postcode district of home
	PlPost            string // PL_POST: postcode district of placement
	URN               string // Ofsted unique reference number of the placement, or XXXXXXX
}

// Review is one statutory review of a child's case.
type Review struct {
	Row        int
	Child      string
	DOB        Date
	Review     Date   // REVIEW: date of the review
	ReviewCode string // REVIEW_CODE PN0–PN7: how the child took part
}

// UASC records a child's status as an unaccompanied asylum-seeking child.
type UASC struct {
	Row   int
	Child string
	DOB   Date
	Sex   string
	DUC   Date // date the child ceased to be a UASC
}

// OC2 is the outcome record of a child looked after continuously for 12 months at 31 March.
type OC2 struct {
	Row                  int
	Child                string
	DOB                  Date
	SDQScore             *int   // SDQ_SCORE 0–40; nil when blank
	SDQReason            string // SDQ_REASON SDQ1–SDQ5
	Convicted            string // "0", "1" or ""
	HealthCheck          string
	Immunisations        string
	TeethCheck           string
	HealthAssessment     string
	SubstanceMisuse      string
	InterventionReceived string
	InterventionOffered  string
}

// OC3 is a care leaver's follow-up around the 17th to 21st birthday.
type OC3 struct {
	Row     int
	Child   string
	DOB     Date
	InTouch string // IN_TOUCH
	Activ   string // ACTIV: education, employment or training code
	Accom   string // ACCOM: accommodation code (letter + 1 suitable / 2 not suitable)
}

// AD1 is the adoption record of a child adopted during the year.
type AD1 struct {
	Row        int
	Child      string
	DOB        Date
	DateInt    Date   // DATE_INT: decision that the child should be placed for adoption
	DateMatch  Date   // DATE_MATCH: matched with adopters
	FosterCare string // FOSTER_CARE: "1" adopted by foster carers
	NbAdoptr   string // NB_ADOPTR: number of adopters
	SexAdoptr  string // SEX_ADOPTR
	LSAdoptr   string // LS_ADOPTR
}

// PlacedAdoption records a decision that a child should be placed for adoption.
type PlacedAdoption struct {
	Row                int
	Child              string
	DOB                Date
	DatePlaced         Date // DATE_PLACED: date of the decision
	DatePlacedCeased   Date
	ReasonPlacedCeased string // RD1–RD4
}

// PrevPerm records a permanence order the child had before coming into care.
type PrevPerm struct {
	Row      int
	Child    string
	DOB      Date
	PrevPerm string // PREV_PERM P1–P4, Z1
	LAPerm   string // LA_PERM: ONS code of the LA that made the order
	DatePerm string // DATE_PERM: kept as text since the return allows a partial date (zz/mm/yyyy)
}

// Missing is one episode of a child missing (M) or away without authorisation (A).
type Missing struct {
	Row      int
	Child    string
	DOB      Date
	Missing  string // MISSING: M or A
	MisStart Date
	MisEnd   Date
}

// SWEpisode is a period with one allocated social worker.
type SWEpisode struct {
	Row      int
	Child    string
	DOB      Date
	SWID     string
	SWDecom  Date
	SWDec    Date
	SWReason string
}

// Return is the tables of one collection year. Previous-year tables, when given, sit in Previous.
type Return struct {
	Authority      int // DfE LA number
	Year           int // collection year, named by its end: 2025 is 1 April 2024 – 31 March 2025
	Header         []Header
	Episodes       []Episode
	Reviews        []Review
	UASC           []UASC
	OC2            []OC2
	OC3            []OC3
	AD1            []AD1
	PlacedAdoption []PlacedAdoption
	PrevPerm       []PrevPerm
	Missing        []Missing
	SWEpisodes     []SWEpisode
	Previous       *Return // last year's return, for checks that compare years; nil when not given
	// Files names the file each table was read from, so that findings can name it; nil when the
	// return did not come from files.
	Files map[Table]string
}
