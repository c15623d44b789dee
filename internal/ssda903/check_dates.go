package ssda903

import (
	"fmt"
	"path"
	"slices"

	"csperf/internal/finding"
)

// dateChecks are DfE's checks that a value the reader could not keep is valid: a date field that may
// also be blank, and the XML return's UASC flag (its value, and its agreement with DUC). The reader reports such a value (read/date,
// read/code), keeps the record and leaves the field blank, so these checks report the reader's
// finding again under DfE's code, which is what analysts search by.
func dateChecks() []Check {
	return []Check{
		invalidDate("104", TableUASC, "DUC", "The date the child stopped being an unaccompanied asylum-seeking child is a valid date."),
		invalidDate("112", TableAD1, "DATE_INT", "The date of the decision that the child should be placed for adoption is a valid date."),
		invalidDate("113", TableAD1, "DATE_MATCH", "The date the child was matched with adopters is a valid date."),
		invalidDate("115", TablePlacedAdoption, "DATE_PLACED", "The date of the decision to place the child for adoption is a valid date."),
		invalidDate("116", TablePlacedAdoption, "DATE_PLACED_CEASED", "The date the decision to place for adoption was reversed is a valid date."),
		invalidDate("147", TableEpisodes, "DEC", "The date an episode ceased is a valid date."),
		invalidDate("171", TableHeader, "MC_DOB", "The date of birth of a mother's child is a valid date."),
		invalidDate("1005", TableMissing, "MIS_END", "The end date of a missing or away episode is a valid date."),
		invalidDate("SW05STG1", TableSWEpisodes, "SW_DEC", "The date a social worker episode ended is a valid date."),
		fromReader("105", TableHeader, "UASC", "The child's UASC status (XML return) is given and is 0 or 1.",
			"the UASC status %q is not valid or is missing; give 1 for an unaccompanied asylum-seeking child and 0 otherwise",
			RuleCode, RuleBlank),
		fromReader("303", TableHeader, "DUC", "A child with a date UASC status ceased (XML return) has the UASC flag 1.",
			"a date UASC status ceased (%s) is given but the UASC flag is not 1; set the flag to 1 or remove the date",
			RuleUASCFlag),
	}
}

// invalidDate reports the reader's read/date findings on field of table t under DfE code code.
func invalidDate(code string, t Table, field, about string) Check {
	return fromReader(code, t, field, about,
		"the "+field+" value %q is not a valid date (dd/mm/yyyy); correct it or leave it blank", RuleDate)
}

// fromReader reports the reader's findings of the given rules on field of table t under DfE code
// code, with message (a format for the value found). Fields are matched by name, as CSV findings
// name the column (DEC) and XML findings the element path (CHILD/EPISODE/DEC); these field names
// belong to one table each.
func fromReader(code string, t Table, field, about, message string, rules ...string) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{t}, Fields: []string{field}, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for _, f := range d.Read {
			if len(f.Fields) == 0 || path.Base(f.Fields[0]) != field || !slices.Contains(rules, f.Rule) {
				continue
			}
			out = append(out, finding.Finding{Rule: code, Severity: c.Severity, File: f.File, Table: string(t), Row: f.Row,
				Child: f.Child, Fields: []string{field}, Value: f.Value, Message: fmt.Sprintf(message, f.Value)})
		}
		return out
	}
	return c
}
