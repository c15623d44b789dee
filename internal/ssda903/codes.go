package ssda903

import "strings"

// Kind is the type of a column's values.
type Kind string

const (
	KindString      Kind = "string"       // free text, kept as found (trimmed)
	KindDate        Kind = "date"         // dd/mm/YYYY
	KindPartialDate Kind = "partial date" // dd/mm/YYYY, or zz/mm/YYYY or zz/zz/YYYY when the day or month is unknown
	KindInteger     Kind = "integer"      // a whole number
	KindCode        Kind = "code"         // one of the column's Codes, upper case
)

// Code is one valid value of a coded column, with the label some systems export instead of the code.
type Code struct {
	Code  string
	Label string // "" when the code has no label
}

// Column describes one column of a table as DfE defines it.
type Column struct {
	Name  string // DfE column name, as in the CSV header
	Kind  Kind
	Blank bool   // true when the column may be blank
	Codes []Code // valid codes when Kind is KindCode
}

// codeList turns a space-separated list of codes into Codes without labels.
func codeList(s string) []Code {
	f := strings.Fields(s)
	out := make([]Code, len(f))
	for i, c := range f {
		out[i] = Code{Code: c}
	}
	return out
}

var (
	codesBinary = codeList("0 1")
	codesSex    = []Code{{"1", "Male"}, {"2", "Female"}}
	codesEthnic = []Code{
		{"WBRI", "White British"}, {"WIRI", "White Irish"}, {"WOTH", "Any other White background"},
		{"WIRT", "Traveller of Irish heritage"}, {"WROM", "Gypsy/Roma"},
		{"MWBC", "White and Black Caribbean"}, {"MWBA", "White and Black African"}, {"MWAS", "White and Asian"},
		{"MOTH", "Any other Mixed background"}, {"AIND", "Indian"}, {"APKN", "Pakistani"},
		{"ABAN", "Bangladeshi"}, {"AOTH", "Any other Asian background"}, {"BCRB", "Caribbean"},
		{"BAFR", "African"}, {"BOTH", "Any other Black background"}, {"CHNE", "Chinese"},
		{"OOTH", "Any other ethnic group"}, {"REFU", "Refused"}, {"NOBT", "Information not yet obtained"},
	}
)

// Columns lists, per table, the DfE columns in DfE order with their types and code lists (the 2024
// specification). DfE calls the SWEpisodes table "SocialWorker".
var Columns = map[Table][]Column{
	TableHeader: {
		{"CHILD", KindString, false, nil},
		{"SEX", KindCode, false, codesSex},
		{"DOB", KindDate, false, nil},
		{"ETHNIC", KindCode, false, codesEthnic},
		{"UPN", KindString, false, nil},
		{"MOTHER", KindCode, true, codesBinary},
		{"MC_DOB", KindDate, true, nil},
	},
	TableEpisodes: {
		{"CHILD", KindString, false, nil},
		{"DECOM", KindDate, false, nil},
		{"RNE", KindCode, false, codeList("S L P T B U")},
		{"LS", KindCode, false, codeList("C1 C2 D1 E1 V2 V3 V4 L1 L2 L3 J1 J2 J3")},
		{"CIN", KindCode, false, codeList("N1 N2 N3 N4 N5 N6 N7 N8")},
		{"PLACE", KindCode, false, codeList("A3 A4 A5 A6 H5 K1 K2 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1")},
		{"PLACE_PROVIDER", KindCode, true, codeList("PR0 PR1 PR2 PR3 PR4 PR5")},
		{"DEC", KindDate, true, nil},
		{"REC", KindCode, true, codeList("X1 E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E9 E14 E15 E16 E17 E8")},
		{"REASON_PLACE_CHANGE", KindCode, true, codeList("CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE CUSTOD OTHER")},
		{"HOME_POST", KindString, true, nil},
		{"PL_POST", KindString, true, nil},
		{"URN", KindString, true, nil},
	},
	TableReviews: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"REVIEW", KindDate, false, nil},
		{"REVIEW_CODE", KindCode, false, codeList("PN0 PN1 PN2 PN3 PN4 PN5 PN6 PN7")},
	},
	TableUASC: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"SEX", KindCode, false, codesSex},
		{"DUC", KindDate, true, nil},
	},
	TableOC2: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"SDQ_SCORE", KindInteger, true, nil},
		{"SDQ_REASON", KindCode, true, codeList("SDQ1 SDQ2 SDQ3 SDQ4 SDQ5")},
		{"CONVICTED", KindCode, true, codesBinary},
		{"HEALTH_CHECK", KindCode, true, codesBinary},
		{"IMMUNISATIONS", KindCode, true, codesBinary},
		{"TEETH_CHECK", KindCode, true, codesBinary},
		{"HEALTH_ASSESSMENT", KindCode, true, codesBinary},
		{"SUBSTANCE_MISUSE", KindCode, true, codesBinary},
		{"INTERVENTION_RECEIVED", KindCode, true, codesBinary},
		{"INTERVENTION_OFFERED", KindCode, true, codesBinary},
	},
	TableOC3: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"IN_TOUCH", KindCode, false, codeList("YES NO DIED REFU NREQ RHOM")},
		{"ACTIV", KindCode, false, codeList("F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0")},
		{"ACCOM", KindCode, false, codeList("B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S1 S2 T1 T2 U1 U2 V1 V2 W1 W2 X1 X2 Y1 Y2 Z1 Z2 0")},
	},
	TableAD1: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"DATE_INT", KindDate, false, nil},
		{"DATE_MATCH", KindDate, false, nil},
		{"FOSTER_CARE", KindCode, false, []Code{{"0", "False"}, {"1", "True"}}},
		{"NB_ADOPTR", KindInteger, false, nil},
		{"SEX_ADOPTR", KindCode, false, codeList("M1 F1 MM FF MF")},
		{"LS_ADOPTR", KindCode, false, codeList("L0 L11 L12 L2 L3 L4")},
	},
	TablePlacedAdoption: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"DATE_PLACED", KindDate, false, nil},
		{"DATE_PLACED_CEASED", KindDate, true, nil},
		{"REASON_PLACED_CEASED", KindCode, true, codeList("RD1 RD2 RD3 RD4")},
	},
	TablePrevPerm: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"PREV_PERM", KindCode, false, codeList("P1 P2 P3 P4 Z1")},
		{"LA_PERM", KindString, true, nil},
		{"DATE_PERM", KindPartialDate, true, nil},
	},
	TableMissing: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"MISSING", KindCode, false, codeList("M A")},
		{"MIS_START", KindDate, false, nil},
		{"MIS_END", KindDate, true, nil},
	},
	TableSWEpisodes: {
		{"CHILD", KindString, false, nil},
		{"DOB", KindDate, false, nil},
		{"SW_ID", KindString, false, nil},
		{"SW_DECOM", KindDate, false, nil},
		{"SW_DEC", KindDate, true, nil},
		{"SW_REASON", KindCode, true, codeList("MANAGE FCONTA LEFTRL ORGRST TSPROC ABSENC CHCHAN PCCHAN SWDIED OTHERS")},
	},
}

// FileNames gives the file WriteCSV writes each table to.
var FileNames = map[Table]string{
	TableHeader:         "header.csv",
	TableEpisodes:       "episodes.csv",
	TableReviews:        "reviews.csv",
	TableUASC:           "uasc.csv",
	TableOC2:            "oc2.csv",
	TableOC3:            "oc3.csv",
	TableAD1:            "ad1.csv",
	TablePlacedAdoption: "placed_for_adoption.csv",
	TablePrevPerm:       "prev_perm.csv",
	TableMissing:        "missing.csv",
	TableSWEpisodes:     "sw_episodes.csv",
}

// oneRowPerChild lists the tables that hold at most one row per child.
var oneRowPerChild = []Table{TableHeader, TableUASC, TableOC2, TableOC3, TableAD1}
