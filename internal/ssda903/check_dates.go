package ssda903

import (
	"fmt"
	"path"

	"csperf/internal/finding"
)

// dateChecks are DfE's checks that a date field holds a valid date where the field may also be blank.
// The reader reports such a value (rule read/date), keeps the record and leaves the date blank, so
// these checks report the reader's finding again under DfE's code, which is what analysts search by.
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
	}
}

// invalidDate reports the reader's read/date findings on field of table t under DfE code code.
// Fields are matched by name, as CSV findings name the column (DEC) and XML findings the element
// path (CHILD/EPISODE/DEC); these field names belong to one table each.
func invalidDate(code string, t Table, field, about string) Check {
	c := Check{Code: code, Severity: finding.Error, Tables: []Table{t}, Fields: []string{field}, About: about}
	c.Run = func(d *CheckData) []finding.Finding {
		var out []finding.Finding
		for _, f := range d.Read {
			if f.Rule != RuleDate || len(f.Fields) == 0 || path.Base(f.Fields[0]) != field {
				continue
			}
			out = append(out, finding.Finding{Rule: code, Severity: c.Severity, File: f.File, Table: string(t), Row: f.Row,
				Child: f.Child, Fields: []string{field}, Value: f.Value,
				Message: fmt.Sprintf("the %s value %q is not a valid date (dd/mm/yyyy); correct it or leave it blank", field, f.Value)})
		}
		return out
	}
	return c
}
