package ssda903

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// Rule codes of the findings the readers make.
const (
	RuleDate          = "read/date"           // a date column holds something that is not a date
	RuleCode          = "read/code"           // a coded column holds a value not in its code list
	RuleBlank         = "read/blank"          // a column that may not be blank is blank
	RuleInteger       = "read/integer"        // an integer column holds something else
	RuleDuplicate     = "read/duplicate"      // a child appears twice in a one-row-per-child table
	RuleExtraColumn   = "read/extra-column"   // a CSV column that is not part of the table (ignored)
	RuleMissingColumn = "read/missing-column" // an optional CSV column is absent (taken as blank)
	RuleRowLength     = "read/row-length"     // a CSV row has more or fewer values than the header
	RuleExtraElement  = "read/extra-element"  // an XML element the return does not define (ignored)
	RuleText          = "read/text"           // a value holds bytes that are not UTF-8 text (cleaned)
	RuleUASCFlag      = "read/uasc-flag"      // XML: a DUC is given but the UASC flag is not 1
)

// loc says where a value was found, for findings.
type loc struct {
	file  string
	table string // DfE table; "" for XML, where field is the element path
	row   int
	child string
	field string
}

// checker collects the findings of one read.
type checker struct {
	out []finding.Finding
}

func (c *checker) add(rule string, sev finding.Severity, l loc, value, msg string) {
	f := finding.Finding{Rule: rule, Severity: sev, File: l.file, Table: l.table, Row: l.row,
		Child: l.child, Value: value, Message: msg}
	if l.field != "" {
		f.Fields = []string{l.field}
	}
	c.out = append(c.out, f)
}

// set parses raw, a value of column col, into dst (*string, *Date or **int). A problem becomes a
// finding: the field is left blank when the value cannot be held (a date or an SDQ score that is not
// one), and kept as found (trimmed, codes upper-cased) otherwise.
func (c *checker) set(dst any, col *Column, raw string, l loc) {
	v := strings.TrimSpace(raw)
	if !isText(v) {
		v = cleanText(v)
		c.add(RuleText, finding.Error, l, raw,
			fmt.Sprintf("the value holds bytes that are not text (control characters or not UTF-8); read as %q", v))
	}
	if v == "" {
		if !col.Blank {
			c.add(RuleBlank, finding.Error, l, raw, fmt.Sprintf("%s is blank but must be filled in", col.Name))
		}
		return
	}
	switch col.Kind {
	case KindDate:
		d, err := calendar.ParseDMY(v)
		if err != nil {
			c.add(RuleDate, finding.Error, l, raw, notDate(v))
			return
		}
		*dst.(*Date) = d
		return
	case KindPartialDate:
		p, ok := partialDate(v)
		if !ok {
			c.add(RuleDate, finding.Error, l, raw,
				fmt.Sprintf("%q is not a date (dd/mm/yyyy, with zz for a day or month that is not known)", v))
		}
		v = p
	case KindInteger:
		n, err := strconv.Atoi(v)
		if err != nil {
			c.add(RuleInteger, finding.Error, l, raw, fmt.Sprintf("%q is not a whole number", v))
			return
		}
		if p, ok := dst.(**int); ok {
			*p = &n
			return
		}
	case KindCode:
		code, ok := normCode(col, v)
		if !ok {
			c.add(RuleCode, finding.Error, l, raw, fmt.Sprintf("%q is not a valid %s code; the codes are %s",
				v, col.Name, listCodes(col.Codes)))
		}
		v = code
	}
	*dst.(*string) = v
}

// notDate explains why v is not a dd/mm/yyyy date.
func notDate(v string) string {
	if strings.Count(v, "/") == 2 {
		return fmt.Sprintf("%q is not a date", v)
	}
	return fmt.Sprintf("%q is not a date; dates are written dd/mm/yyyy", v)
}

// normCode returns v as a code of col (upper case, or the code of a label such as "Male"), and
// whether it is one.
func normCode(col *Column, v string) (string, bool) {
	u := strings.ToUpper(v)
	for _, c := range col.Codes {
		if c.Code == u {
			return c.Code, true
		}
	}
	for _, c := range col.Codes {
		if c.Label != "" && strings.EqualFold(c.Label, v) {
			return c.Code, true
		}
	}
	return u, false
}

// listCodes joins the codes of a list for a message.
func listCodes(cs []Code) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.Code)
	}
	return b.String()
}

// partialDate checks a date that may have zz for an unknown day (zz/mm/yyyy) or day and month
// (zz/zz/yyyy). It returns the value with the z's in lower case and whether it is valid.
func partialDate(v string) (string, bool) {
	if _, err := calendar.ParseDMY(v); err == nil {
		return v, true
	}
	lower := strings.ToLower(v)
	switch {
	case strings.HasPrefix(lower, "zz/zz/"):
		_, err := calendar.ParseDMY("01/01/" + lower[6:])
		return lower, err == nil
	case strings.HasPrefix(lower, "zz/"):
		_, err := calendar.ParseDMY("01/" + lower[3:])
		return lower, err == nil
	}
	return v, false
}

// checkDuplicates adds a finding for every row of table t (one row per child) whose child already
// appeared in an earlier row. l gives the file, table and field to name; unit is what a position is
// called ("row" for CSV, "line" for XML).
func (c *checker) checkDuplicates(r *Return, t Table, l loc, unit string) {
	b := bindings[t]
	n := b.count(r)
	if n < 2 {
		return
	}
	first := make(map[string]int, n)
	var buf [16]any
	for i := 0; i < n; i++ {
		child := *b.fields(r, i, buf[:0])[0].(*string)
		if child == "" {
			continue
		}
		row := b.row(r, i)
		if at, ok := first[child]; ok {
			l.row, l.child = row, child
			c.add(RuleDuplicate, finding.Error, l, child,
				fmt.Sprintf("child %s appears more than once in %s (first at %s %d); %s has one row per child", child, t, unit, at, t))
			continue
		}
		first[child] = row
	}
}

// isText reports whether s is UTF-8 without control characters other than tab, CR and LF.
func isText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= utf8.RuneSelf {
			return utf8.ValidString(s[i:]) && !strings.ContainsFunc(s[i:], isControl)
		}
	}
	return true
}

// isControl reports whether r is a control character other than tab, CR and LF.
func isControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }

// cleanText replaces what is not UTF-8 with U+FFFD and drops control characters.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s))
}
