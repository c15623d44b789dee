package ssda903

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"csperf/internal/finding"
)

// ReadXML reads a return in the DfE XML format, one CHILD element at a time. Rows in findings are
// the lines of the elements, and fields are named by element path (CHILD/EPISODE/DECOM). Value
// problems are findings as for ReadCSV; elements the format does not define are warnings. An error
// means the file could not be read: empty, binary, malformed or cut short, a root element other than
// EXPSSDA903, or a DOCTYPE (document type and entity declarations are refused, so entity expansion
// and external entities cannot happen). Nothing is ever fetched.
func ReadXML(name string, r io.Reader) (*Return, []finding.Finding, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if err := sniff(br, name); err != nil {
		return nil, nil, err
	}
	d := xml.NewDecoder(br)
	d.Strict = true
	x := &xmlReader{name: name, d: d, r: &Return{}, c: &checker{}, elements: map[Table]map[string]bool{}}
	for _, t := range Tables {
		m := map[string]bool{}
		for _, c := range ownColumns(t) {
			m[xmlName(c)] = true
		}
		x.elements[t] = m
	}
	seenRoot := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, x.fail(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, nil, x.fail(&directiveError{line: x.line()})
		case xml.CharData:
			if len(strings.TrimSpace(string(t))) > 0 {
				return nil, nil, fmt.Errorf("%s line %d: there is text outside the root element; this is not an SSDA903 XML file", name, x.line())
			}
		case xml.StartElement:
			if seenRoot {
				return nil, nil, fmt.Errorf("%s line %d: an element <%s> follows the end of <EXPSSDA903>", name, x.line(), t.Name.Local)
			}
			if t.Name.Local != "EXPSSDA903" {
				return nil, nil, fmt.Errorf("%s line %d: the root element is <%s>, but an SSDA903 return's is <EXPSSDA903>", name, x.line(), t.Name.Local)
			}
			seenRoot = true
			if err := x.root(); err != nil {
				return nil, nil, x.fail(err)
			}
		}
	}
	if !seenRoot {
		return nil, nil, fmt.Errorf("%s: the file holds no XML elements", name)
	}
	for _, t := range oneRowPerChild {
		x.c.checkDuplicates(x.r, t, loc{file: name, field: "CHILD/HEADER/CHILDID"}, "line")
	}
	x.r.Files = map[Table]string{}
	for _, t := range Tables {
		if t != TableSWEpisodes { // the XML format has no social worker episodes
			x.r.Files[t] = name
		}
	}
	return x.r, x.c.out, nil
}

// directiveError is a <!DOCTYPE …> or other <!…> declaration, which ReadXML refuses.
type directiveError struct{ line int }

func (e *directiveError) Error() string {
	return "the file has a DOCTYPE or other <!…> declaration; document type and entity declarations are not accepted in an SSDA903 return"
}

// xmlReader holds the state of one ReadXML.
type xmlReader struct {
	name  string
	d     *xml.Decoder
	r     *Return
	c     *checker
	child xmlChild // reused for every CHILD
	buf   []any
	// elements holds, per table, the names of the elements its records hold themselves.
	elements map[Table]map[string]bool
}

// line returns the line the decoder has reached.
func (x *xmlReader) line() int {
	l, _ := x.d.InputPos()
	return l
}

// fail turns an error met while decoding into one naming the file and line.
func (x *xmlReader) fail(err error) error {
	var de *directiveError
	if errors.As(err, &de) {
		return fmt.Errorf("%s line %d: %w", x.name, de.line, err)
	}
	if strings.Contains(err.Error(), "CharsetReader is nil") {
		return fmt.Errorf("%s line %d: the file declares an encoding other than UTF-8; save it as UTF-8: %w", x.name, x.line(), err)
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if strings.Contains(se.Msg, "unexpected EOF") {
			return fmt.Errorf("%s line %d: the XML ends before it is complete; the file looks cut short: %w", x.name, se.Line, err)
		}
		return fmt.Errorf("%s line %d: malformed XML: %w", x.name, se.Line, err)
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s line %d: the XML ends before it is complete; the file looks cut short", x.name, x.line())
	}
	return fmt.Errorf("%s line %d: %w", x.name, x.line(), err)
}

// root reads the children of EXPSSDA903 up to its end tag.
func (x *xmlReader) root() error {
	for {
		tok, err := x.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "CHILD" {
				x.extra("EXPSSDA903/"+t.Name.Local, x.line(), "")
				if err := x.d.Skip(); err != nil {
					return err
				}
				continue
			}
			if err := x.d.DecodeElement(&x.child, &t); err != nil {
				return err
			}
			x.convert(&x.child)
		case xml.EndElement:
			return nil
		case xml.Directive:
			return &directiveError{line: x.line()}
		}
	}
}

// extra records an element the return does not define.
func (x *xmlReader) extra(path string, line int, child string) {
	x.c.add(RuleExtraElement, finding.Warning, loc{file: x.name, row: line, child: child, field: path}, "",
		fmt.Sprintf("<%s> is not part of an SSDA903 return and was ignored", path[strings.LastIndexByte(path, '/')+1:]))
}

// convert turns one CHILD into records.
func (x *xmlReader) convert(c *xmlChild) {
	const hp = "CHILD/HEADER/"
	hline := c.header.line
	if hline == 0 {
		hline = c.line
	}
	// The Header.
	x.buf = bindings[TableHeader].add(x.r, hline, x.buf[:0])
	for k := range Columns[TableHeader] {
		col := &Columns[TableHeader][k]
		x.set(x.buf[k], col, &c.header, hp, hline, x.childOf(k, x.buf))
	}
	h := x.r.Header[len(x.r.Header)-1]

	// UASC, AD1 and OC3: single elements of HEADER.
	var flag string
	x.set(&flag, &uascFlag, &c.header, hp, hline, h.Child)
	if v, line, ok := c.header.get("DUC"); ok && strings.TrimSpace(v) != "" && flag != "1" {
		// A date UASC status ceased for a child not flagged UASC (DfE checks 303 and 205C). The UASC
		// record is still made from the DUC below, so nothing given is lost.
		x.c.add(RuleUASCFlag, finding.Warning, loc{file: x.name, row: line, child: h.Child, field: hp + "DUC"}, strings.TrimSpace(v),
			fmt.Sprintf("a date UASC status ceased (%s) is given but the UASC flag is %q, not 1", strings.TrimSpace(v), flag))
	}
	if v, line, ok := c.header.get("DUC"); flag == "1" || (ok && strings.TrimSpace(v) != "") {
		if flag == "1" {
			_, line, _ = c.header.get("UASC")
		}
		x.record(TableUASC, &c.header, hp, line, &h)
	}
	for _, t := range []Table{TableAD1, TableOC3} {
		for _, v := range c.header.vals {
			if x.elements[t][v.name] {
				x.record(t, &c.header, hp, v.line, &h)
				break
			}
		}
	}
	// Groups in HEADER, and EPISODEs.
	for i := range c.groups {
		g := &c.groups[i]
		t := xmlGroups[g.name]
		prefix := hp + g.name + "/"
		if t == TableEpisodes {
			prefix = "CHILD/EPISODE/"
		}
		x.record(t, g, prefix, g.line, &h)
		for j, v := range g.vals {
			if !x.elements[t][v.name] {
				x.extra(prefix+v.name, v.line, h.Child)
			} else if g.index(v.name) < j {
				x.repeated(prefix+v.name, v.line, h.Child)
			}
		}
	}
	// Elements of HEADER that no table has, and repeated ones.
	for j, v := range c.header.vals {
		known := v.name == "UASC" || v.name == "CHILDID"
		for _, t := range xmlHeaderTables {
			known = known || x.elements[t][v.name]
		}
		if !known {
			x.extra(hp+v.name, v.line, h.Child)
		} else if c.header.index(v.name) < j {
			x.repeated(hp+v.name, v.line, h.Child)
		}
	}
	for _, e := range c.extra {
		x.extra(e.name, e.line, h.Child)
	}
}

// repeated records an element given twice in one record.
func (x *xmlReader) repeated(path string, line int, child string) {
	x.c.add(RuleExtraElement, finding.Warning, loc{file: x.name, row: line, child: child, field: path}, "",
		fmt.Sprintf("<%s> appears more than once here; the first was used", path[strings.LastIndexByte(path, '/')+1:]))
}

// childOf returns the child ID once the CHILD column (index 0) has been set.
func (x *xmlReader) childOf(k int, ptrs []any) string {
	if k == 0 {
		return ""
	}
	return *ptrs[0].(*string)
}

// record adds a record of table t from the elements of rec, taking CHILD, DOB and (for UASC) SEX from
// the Header h.
func (x *xmlReader) record(t Table, rec *xmlRec, prefix string, line int, h *Header) {
	x.buf = bindings[t].add(x.r, line, x.buf[:0])
	for k := range Columns[t] {
		col := &Columns[t][k]
		switch {
		case col.Name == "CHILD":
			*x.buf[k].(*string) = h.Child
		case col.Name == "DOB":
			*x.buf[k].(*Date) = h.DOB
		case col.Name == "SEX" && t == TableUASC:
			*x.buf[k].(*string) = h.Sex
		default:
			x.set(x.buf[k], col, rec, prefix, line, h.Child)
		}
	}
}

// set parses the element of rec for column col into dst; the finding, if any, is at the element's
// line, or the record's when the element is absent.
func (x *xmlReader) set(dst any, col *Column, rec *xmlRec, prefix string, line int, child string) {
	name := xmlName(col.Name)
	v, l, ok := rec.get(name)
	if !ok {
		l = line
	}
	x.c.set(dst, col, v, loc{file: x.name, row: l, child: child, field: prefix + name})
}

// xmlVal is one element holding a value.
type xmlVal struct {
	name  string
	value string
	line  int
}

// xmlRec is an element holding value elements: HEADER, EPISODE or a group inside HEADER.
type xmlRec struct {
	name string
	line int
	vals []xmlVal
}

// get returns the value and line of the first element called name, and whether there is one.
func (r *xmlRec) get(name string) (string, int, bool) {
	if i := r.index(name); i >= 0 {
		return r.vals[i].value, r.vals[i].line, true
	}
	return "", 0, false
}

// index returns the position of the first element called name, or -1.
func (r *xmlRec) index(name string) int {
	for i := range r.vals {
		if r.vals[i].name == name {
			return i
		}
	}
	return -1
}

// xmlChild is one CHILD element as read, before its values are checked.
type xmlChild struct {
	line   int
	header xmlRec
	groups []xmlRec // EPISODEs and the groups inside HEADER, in document order
	extra  []xmlVal // elements where the format has none; name is the path
}

// UnmarshalXML reads a CHILD element token by token, noting the line of every element.
func (c *xmlChild) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	c.line, _ = d.InputPos()
	c.header = xmlRec{vals: c.header.vals[:0]}
	c.groups = c.groups[:0]
	c.extra = c.extra[:0]
	var stack []string // open elements inside CHILD: at most HEADER and a group
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := d.InputPos()
			name := t.Name.Local
			_, group := xmlGroups[name]
			switch {
			case len(stack) == 0 && name == "HEADER":
				c.header.name, c.header.line = name, line
				stack = append(stack, name)
			case len(stack) == 0 && name == "EPISODE",
				len(stack) == 1 && stack[0] == "HEADER" && group && name != "EPISODE":
				c.newGroup(name, line)
				stack = append(stack, name)
			case len(stack) > 0:
				v, nested, err := leaf(d)
				if err != nil {
					return err
				}
				rec := &c.header
				if stack[len(stack)-1] != "HEADER" {
					rec = &c.groups[len(c.groups)-1]
				}
				rec.vals = append(rec.vals, xmlVal{name: name, value: v, line: line})
				if nested {
					c.extra = append(c.extra, xmlVal{name: "CHILD/" + strings.Join(stack, "/") + "/" + name + "/*", line: line})
				}
			default:
				c.extra = append(c.extra, xmlVal{name: "CHILD/" + name, line: line})
				if err := d.Skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return nil // </CHILD>
			}
			stack = stack[:len(stack)-1]
		case xml.Directive:
			line, _ := d.InputPos()
			return &directiveError{line: line}
		}
	}
}

// newGroup starts a group record, reusing the space of an earlier CHILD's.
func (c *xmlChild) newGroup(name string, line int) {
	if len(c.groups) < cap(c.groups) {
		c.groups = c.groups[:len(c.groups)+1]
		g := &c.groups[len(c.groups)-1]
		g.name, g.line, g.vals = name, line, g.vals[:0]
		return
	}
	c.groups = append(c.groups, xmlRec{name: name, line: line})
}

// leaf reads the text of a value element up to its end tag. Elements inside it are skipped and
// reported through nested.
func leaf(d *xml.Decoder) (value string, nested bool, err error) {
	var b []byte
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b = append(b, t...)
		case xml.StartElement:
			nested = true
			if err := d.Skip(); err != nil {
				return "", false, err
			}
		case xml.EndElement:
			return string(b), nested, nil
		case xml.Directive:
			line, _ := d.InputPos()
			return "", false, &directiveError{line: line}
		}
	}
}
