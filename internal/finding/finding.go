// Package finding holds the result of checking a return: one problem found in one place, named so
// that a data officer can go to the file, row and field and fix it.
package finding

import (
	"fmt"
	"strings"
)

// Severity says whether a finding must be fixed before submission (error) or needs a look (query).
// Warnings are for things csperf tolerated while reading (an extra column, say).
type Severity string

const (
	Error   Severity = "error"
	Query   Severity = "query"
	Warning Severity = "warning"
)

// Finding is one validation result. Row follows Excel's numbering of a CSV file (the header is row 1,
// the first record row 2); for XML it is the line of the element.
type Finding struct {
	Rule     string   // DfE rule code for DfE checks, or a csperf code such as "read/date"
	Severity Severity // error, query or warning
	File     string   // file name as given by the user
	Table    string   // 903 table (Episodes, Header …) or CIN element (Assessments …)
	Row      int      // 0 when the finding concerns the whole file
	Child    string   // LA child ID, when the finding concerns one child
	Fields   []string // fields involved
	Value    string   // the value found, as found
	Message  string   // plain English
}

// String renders the finding on one line: "episodes.csv row 14 (Episodes.DECOM, child 1234): message".
func (f Finding) String() string {
	var b strings.Builder
	if f.File != "" {
		b.WriteString(f.File)
	}
	if f.Row > 0 {
		fmt.Fprintf(&b, " row %d", f.Row)
	}
	var where []string
	for _, fl := range f.Fields {
		if f.Table != "" {
			fl = f.Table + "." + fl
		}
		where = append(where, fl)
	}
	if len(where) == 0 && f.Table != "" {
		where = append(where, f.Table)
	}
	if f.Child != "" {
		where = append(where, "child "+f.Child)
	}
	if len(where) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(where, ", "))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s [%s %s]", f.Message, f.Severity, f.Rule)
	return strings.TrimSpace(b.String())
}

// Count returns the number of findings of each severity.
func Count(fs []Finding) map[Severity]int {
	m := map[Severity]int{}
	for _, f := range fs {
		m[f.Severity]++
	}
	return m
}

// RuleLess orders rule codes by their number, then their suffix: 101 < 102 < 1001 < 1001A < 4009Q.
// Codes without a leading number (csperf's own, "read/date") sort first, by text.
func RuleLess(a, b string) bool {
	na, sa := splitRule(a)
	nb, sb := splitRule(b)
	if na != nb {
		return na < nb
	}
	return sa < sb
}

func splitRule(c string) (int, string) {
	n, i := 0, 0
	for ; i < len(c) && c[i] >= '0' && c[i] <= '9'; i++ {
		n = n*10 + int(c[i]-'0')
	}
	return n, strings.ToUpper(c[i:])
}
