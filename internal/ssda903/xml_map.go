package ssda903

// How the tables map onto the DfE XML format (ssda903-schema-cla.xsd). Each child is a CHILD element
// holding one HEADER and its EPISODEs. HEADER holds the Header fields and, for that child, the UASC,
// AD1 and OC3 fields as single elements, and the Missing (AMISSING), Reviews (AREVIEW), PrevPerm
// (PERMANENCE), OC2 and PlacedAdoption (AD_PLACED) records as groups. The CHILD, DOB and SEX of those
// tables are the Header's.

// xmlName gives a column's element name in the XML, where it differs from the CSV column name.
func xmlName(column string) string {
	switch column {
	case "CHILD":
		return "CHILDID"
	case "PLACE":
		return "PL"
	}
	return column
}

// xmlGroups maps the elements that hold one record of a table to the table.
var xmlGroups = map[string]Table{
	"EPISODE":    TableEpisodes,
	"AMISSING":   TableMissing,
	"AREVIEW":    TableReviews,
	"PERMANENCE": TablePrevPerm,
	"OC2":        TableOC2,
	"AD_PLACED":  TablePlacedAdoption,
}

// xmlHeaderTables are the tables whose fields are single elements of HEADER.
var xmlHeaderTables = []Table{TableHeader, TableUASC, TableAD1, TableOC3}

// xmlEpisodeOrder is the order of an EPISODE's elements in the XSD (which differs from the CSV).
var xmlEpisodeOrder = []string{"DECOM", "RNE", "LS", "CIN", "PLACE", "PL_POST", "HOME_POST", "URN",
	"PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE"}

// uascFlag is HEADER's UASC element: 1 when the child is (or was this year) an unaccompanied
// asylum-seeking child, and then has a UASC record.
var uascFlag = Column{Name: "UASC", Kind: KindCode, Blank: true, Codes: codesBinary}

// ownColumns returns the columns of t that a record holds itself in the XML: all but those taken
// from the Header (CHILD and DOB, and SEX for UASC).
func ownColumns(t Table) []string {
	var out []string
	for _, c := range Columns[t] {
		if c.Name == "CHILD" || (t != TableHeader && (c.Name == "DOB" || (t == TableUASC && c.Name == "SEX"))) {
			continue
		}
		out = append(out, c.Name)
	}
	return out
}

// columnIndex returns the position of the named column in Columns[t], or -1.
func columnIndex(t Table, name string) int {
	for k, c := range Columns[t] {
		if c.Name == name {
			return k
		}
	}
	return -1
}
