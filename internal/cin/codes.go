package cin

// Code is one value of a census code list with a short plain-English label.
type Code struct {
	Code  string
	Label string
}

// CodeList is one of the census's closed lists of codes, in the order the schema gives them. The
// lists below are read-only tables; do not modify them.
type CodeList struct {
	Name  string // what the codes describe, in plain English ("ethnicity")
	Codes []Code
}

// Has reports whether code is in the list. Codes are case-sensitive, as in the schema.
func (l CodeList) Has(code string) bool {
	for _, c := range l.Codes {
		if c.Code == code {
			return true
		}
	}
	return false
}

// Label returns the label of code, or "" when the code is not in the list.
func (l CodeList) Label(code string) string {
	for _, c := range l.Codes {
		if c.Code == code {
			return c.Label
		}
	}
	return ""
}

// Values returns the codes of the list in order.
func (l CodeList) Values() []string {
	vs := make([]string, len(l.Codes))
	for i, c := range l.Codes {
		vs[i] = c.Code
	}
	return vs
}

// Genders is the GenderCurrent list.
var Genders = CodeList{Name: "gender", Codes: []Code{
	{"1", "Male"},
	{"2", "Female"},
	{"0", "Not recorded, or unborn"},
	{"9", "Indeterminate"},
}}

// Ethnicities is the Ethnicity list.
var Ethnicities = CodeList{Name: "ethnicity", Codes: []Code{
	{"WBRI", "White British"},
	{"WIRI", "White Irish"},
	{"WIRT", "Traveller of Irish heritage"},
	{"WOTH", "Any other White background"},
	{"WROM", "Gypsy or Roma"},
	{"MWBC", "Mixed: White and Black Caribbean"},
	{"MWBA", "Mixed: White and Black African"},
	{"MWAS", "Mixed: White and Asian"},
	{"MOTH", "Any other mixed background"},
	{"AIND", "Indian"},
	{"APKN", "Pakistani"},
	{"ABAN", "Bangladeshi"},
	{"AOTH", "Any other Asian background"},
	{"BCRB", "Black Caribbean"},
	{"BAFR", "Black African"},
	{"BOTH", "Any other Black background"},
	{"CHNE", "Chinese"},
	{"OOTH", "Any other ethnic group"},
	{"REFU", "Declined to say"},
	{"NOBT", "Not yet obtained"},
}}

// Disabilities is the Disability list.
var Disabilities = CodeList{Name: "disability", Codes: []Code{
	{"NONE", "No disability"},
	{"MOB", "Mobility"},
	{"HAND", "Hand function"},
	{"PC", "Personal care"},
	{"INC", "Incontinence"},
	{"COMM", "Communication"},
	{"LD", "Learning"},
	{"HEAR", "Hearing"},
	{"VIS", "Vision"},
	{"BEH", "Behaviour"},
	{"CON", "Consciousness"},
	{"AUT", "Autism"},
	{"DDA", "Other disability"},
}}

// ReferralSources is the ReferralSource list.
var ReferralSources = CodeList{Name: "referral source", Codes: []Code{
	{"1A", "Individual: family member, relative or carer"},
	{"1B", "Individual: acquaintance, such as a neighbour or childminder"},
	{"1C", "Individual: the child themself"},
	{"1D", "Individual: someone else, such as a stranger"},
	{"2A", "Schools"},
	{"2B", "Education services"},
	{"3A", "Health: GP"},
	{"3B", "Health: health visitor"},
	{"3C", "Health: school nurse"},
	{"3D", "Health: other primary health services"},
	{"3E", "Health: accident and emergency"},
	{"3F", "Health: other, such as a hospice"},
	{"4", "Housing"},
	{"5A", "LA services: social care, such as adult social care"},
	{"5B", "LA services: other internal departments, such as youth offending"},
	{"5C", "LA services: external, such as another authority's social care"},
	{"5D", "LA services: early help"},
	{"6", "Police"},
	{"7", "Other legal agency, such as courts, probation or Cafcass"},
	{"8", "Other, such as children's centres or voluntary organisations"},
	{"9", "Anonymous"},
	{"10", "Unknown"},
}}

// PrimaryNeeds is the PrimaryNeedCode list.
var PrimaryNeeds = CodeList{Name: "primary need", Codes: []Code{
	{"N1", "Abuse or neglect"},
	{"N2", "Child's disability"},
	{"N3", "Parent's disability or illness"},
	{"N4", "Family in acute stress"},
	{"N5", "Family dysfunction"},
	{"N6", "Socially unacceptable behaviour"},
	{"N7", "Low income"},
	{"N8", "Absent parenting"},
	{"N9", "Not a child in need"},
	{"N0", "Not stated"},
}}

// ClosureReasons is the ReasonForClosure list.
var ClosureReasons = CodeList{Name: "reason for closure", Codes: []Code{
	{"RC1", "Adopted"},
	{"RC2", "Died"},
	{"RC3", "Child arrangements order"},
	{"RC4", "Special guardianship order"},
	{"RC5", "Moved to another local authority's services"},
	{"RC6", "Moved to adult social care"},
	{"RC7", "Services ended for another reason, including no longer in need"},
	{"RC8", "Closed after assessment: no further action"},
	{"RC9", "Closed after assessment: referred to early help"},
}}

// AbuseCategories is the category of abuse list used for child protection plans.
var AbuseCategories = CodeList{Name: "category of abuse", Codes: []Code{
	{"NEG", "Neglect"},
	{"PHY", "Physical abuse"},
	{"SAB", "Sexual abuse"},
	{"EMO", "Emotional abuse"},
	{"MUL", "Multiple categories"},
}}

// AssessmentFactors is the list of factors identified at assessment.
var AssessmentFactors = CodeList{Name: "assessment factor", Codes: []Code{
	{"1A", "Alcohol misuse by the child"},
	{"1B", "Alcohol misuse by a parent or carer"},
	{"1C", "Alcohol misuse by someone else in the household"},
	{"2A", "Drug misuse by the child"},
	{"2B", "Drug misuse by a parent or carer"},
	{"2C", "Drug misuse by someone else in the household"},
	{"3A", "Domestic abuse: the child as subject"},
	{"3B", "Domestic abuse: a parent or carer as subject"},
	{"3C", "Domestic abuse: someone else in the household as subject"},
	{"4A", "Mental health of the child"},
	{"4B", "Mental health of a parent or carer"},
	{"4C", "Mental health of someone else in the household"},
	{"5A", "Learning disability of the child"},
	{"5B", "Learning disability of a parent or carer"},
	{"5C", "Learning disability of someone else in the household"},
	{"6A", "Physical disability or illness of the child"},
	{"6B", "Physical disability or illness of a parent or carer"},
	{"6C", "Physical disability or illness of someone else in the household"},
	{"7A", "Young carer"},
	{"8B", "Privately fostered: from overseas, intending to return"},
	{"8C", "Privately fostered: from overseas, intending to stay"},
	{"8D", "Privately fostered: UK child in an educational placement"},
	{"8E", "Privately fostered: UK child in an alternative family arrangement"},
	{"8F", "Privately fostered: other"},
	{"9A", "Unaccompanied asylum-seeking child"},
	{"10A", "Going or being missing"},
	{"11A", "Child sexual exploitation"},
	{"12A", "Trafficking"},
	{"13A", "Gangs"},
	{"14A", "Socially unacceptable behaviour"},
	{"15A", "Self-harm"},
	{"16A", "Neglect"},
	{"17A", "Emotional abuse"},
	{"18B", "Physical abuse by another child"},
	{"18C", "Physical abuse by an adult"},
	{"19B", "Sexual abuse by another child"},
	{"19C", "Sexual abuse by an adult"},
	{"20", "Other"},
	{"21", "No factors identified"},
	{"22A", "Female genital mutilation"},
	{"23A", "Abuse linked to faith or belief"},
	{"24A", "Child criminal exploitation"},
}}

// UPNUnknownReasons is the UPNunknown list: why a child has no unique pupil number. The schema gives
// the codes without descriptions; the labels follow the census guidance.
var UPNUnknownReasons = CodeList{Name: "reason the UPN is unknown", Codes: []Code{
	{"UN1", "Under 6 and not yet at school"},
	{"UN2", "Never attended a school in England"},
	{"UN3", "Educated outside England"},
	{"UN4", "Unaccompanied asylum-seeking child"},
	{"UN5", "UPN not available from the sources that collate them"},
	{"UN6", "Unborn child"},
	{"UN7", "Referral with no further action"},
}}

// YesNo is the list of spellings the schema accepts for a yes/no element. WriteXML writes "true" and
// "false".
var YesNo = CodeList{Name: "yes or no", Codes: []Code{
	{"true", "Yes"},
	{"false", "No"},
	{"TRUE", "Yes"},
	{"FALSE", "No"},
	{"0", "No"},
	{"1", "Yes"},
}}

// ParseYesNo returns the value of a yes/no element and whether s is one of the accepted spellings.
func ParseYesNo(s string) (value, ok bool) {
	switch s {
	case "true", "TRUE", "1":
		return true, true
	case "false", "FALSE", "0":
		return false, true
	}
	return false, false
}
