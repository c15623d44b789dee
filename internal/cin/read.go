package cin

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"csperf/internal/calendar"
	"csperf/internal/finding"
)

// Rule codes of the findings ReadXML reports.
const (
	RuleDate      = "read/date"      // a date that is not an ISO date
	RuleCode      = "read/code"      // a code that is not in its list
	RuleMissing   = "read/missing"   // a required element missing or blank
	RuleDuplicate = "read/duplicate" // a child or single-valued element given twice
	RuleNumber    = "read/number"    // a count that is not a whole number
)

// ReadError is a problem that stops a census file being read at all. It names the file and, where
// known, the line.
type ReadError struct {
	File string
	Line int // 0 when the problem concerns the whole file
	Msg  string
	Err  error // underlying error, if any
}

// Error gives the file, the line when known, and the problem.
func (e *ReadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Unwrap returns the underlying error, if any.
func (e *ReadError) Unwrap() error { return e.Err }

// maxDepth is how deeply elements may nest inside a Child or the Header; the census needs five levels.
const maxDepth = 16

// ReadXML reads a CIN census XML message from r; name is the file name used in findings and errors.
// The file is streamed one Child at a time. Problems with values (bad dates, unknown codes, missing
// required elements, repeated children) are returned as findings and the values are kept as found; a
// file that is not a well-formed CIN census (empty, binary, malformed or truncated XML, another root
// element or collection, or any document type declaration) is refused with a *ReadError.
func ReadXML(name string, r io.Reader) (*Census, []finding.Finding, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if err := sniff(name, br); err != nil {
		return nil, nil, err
	}
	d := xml.NewDecoder(br)
	d.CharsetReader = charsetReader
	rd := &reader{name: name, seen: map[string]int{}}
	c, err := rd.read(d)
	if err != nil {
		return nil, nil, err
	}
	return c, rd.findings, nil
}

// sniff refuses empty and binary files and files that are plainly not XML, before the XML decoder
// gives a less helpful message, and skips a UTF-8 byte order mark.
func sniff(name string, br *bufio.Reader) error {
	head, err := br.Peek(512)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return &ReadError{File: name, Msg: "cannot read the file", Err: err}
		}
		return &ReadError{File: name, Msg: "the file is empty"}
	}
	if bom := []byte("\xef\xbb\xbf"); bytes.HasPrefix(head, bom) {
		if _, err := br.Discard(len(bom)); err != nil {
			return &ReadError{File: name, Msg: "cannot read the file", Err: err}
		}
		head = head[len(bom):]
	}
	line := 1
	for i, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return &ReadError{File: name, Line: line, Msg: fmt.Sprintf("the file holds binary data (byte 0x%02x at offset %d), not XML text", b, i)}
		}
		if b == '\n' {
			line++
		}
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) == 0 && len(head) < 512 {
		return &ReadError{File: name, Msg: "the file holds only blank space"}
	}
	if len(trimmed) > 0 && trimmed[0] != '<' {
		line = 1 + bytes.Count(head[:len(head)-len(trimmed)], []byte("\n"))
		snippet, _, _ := strings.Cut(string(trimmed[:min(len(trimmed), 20)]), "\n")
		return &ReadError{File: name, Line: line, Msg: fmt.Sprintf("the file does not start with an XML element (it starts %q); is it a CIN census XML file?", snippet)}
	}
	return nil
}

// charsetReader lets the decoder read files that declare ASCII or ISO-8859-1 instead of UTF-8.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		return &latin1Reader{r: bufio.NewReader(in)}, nil
	}
	return nil, fmt.Errorf("the file declares the character encoding %q; csperf reads UTF-8 or ISO-8859-1", label)
}

// latin1Reader converts ISO-8859-1 bytes to UTF-8.
type latin1Reader struct{ r *bufio.Reader }

func (l *latin1Reader) Read(p []byte) (int, error) {
	n := 0
	for n+1 < len(p) { // room for a two-byte sequence
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 && err == io.EOF {
				return n, nil
			}
			return n, err
		}
		if b < 0x80 {
			p[n] = b
			n++
		} else {
			p[n], p[n+1] = 0xc0|b>>6, 0x80|b&0x3f
			n += 2
		}
		if l.r.Buffered() == 0 && n > 0 {
			break // do not block for more input once something is ready
		}
	}
	if n == 0 && len(p) == 1 {
		return 0, io.ErrShortBuffer
	}
	return n, nil
}

// node is one element of a Child or the Header, decoded generically so that every element keeps its
// line and value problems can be reported where they are.
type node struct {
	name string
	line int
	text string // trimmed character data, for elements without children
	kids []node
}

// UnmarshalXML decodes the element and everything inside it.
func (n *node) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	return n.decode(d, start, 0)
}

func (n *node) decode(d *xml.Decoder, start xml.StartElement, depth int) error {
	n.name = start.Name.Local
	n.line, _ = d.InputPos()
	if depth > maxDepth {
		return &ReadError{Line: n.line, Msg: fmt.Sprintf("elements are nested more than %d deep", maxDepth)}
	}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n.kids = append(n.kids, node{})
			if err := n.kids[len(n.kids)-1].decode(d, t, depth+1); err != nil {
				return err
			}
		case xml.CharData:
			if len(n.kids) == 0 && (n.text != "" || len(bytes.TrimSpace(t)) > 0) {
				n.text += string(t)
			}
		case xml.EndElement:
			if len(n.kids) > 0 {
				n.text = ""
			} else {
				n.text = strings.TrimSpace(n.text)
			}
			return nil
		case xml.Directive:
			line, _ := d.InputPos()
			return directiveError(line, t)
		}
	}
}

func directiveError(line int, t xml.Directive) *ReadError {
	word, _, _ := strings.Cut(string(t), " ")
	return &ReadError{Line: line, Msg: fmt.Sprintf("the file contains a <!%.20s declaration; census files must not declare a document type or entities", word)}
}

// reader holds the state of one ReadXML call.
type reader struct {
	name     string
	findings []finding.Finding
	child    string         // LA child ID of the child being read, for findings
	seen     map[string]int // LA child ID → line of the first child with it
}

// fatal turns an error from the decoder into a *ReadError naming the file and line.
func (r *reader) fatal(d *xml.Decoder, err error) error {
	var re *ReadError
	if errors.As(err, &re) {
		re.File = r.name
		return re
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := "the XML is malformed: " + se.Msg
		if strings.Contains(se.Msg, "unexpected EOF") {
			msg = "the file ends before the XML is complete; it may have been cut short"
		}
		return &ReadError{File: r.name, Line: se.Line, Msg: msg, Err: err}
	}
	line, _ := d.InputPos()
	return &ReadError{File: r.name, Line: line, Msg: "cannot read the XML: " + err.Error(), Err: err}
}

func (r *reader) failf(d *xml.Decoder, format string, args ...any) error {
	line, _ := d.InputPos()
	return &ReadError{File: r.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// token returns the next token, refusing directives; io.EOF is returned as is.
func (r *reader) token(d *xml.Decoder) (xml.Token, error) {
	tok, err := d.Token()
	if err == io.EOF {
		return nil, err
	}
	if err != nil {
		return nil, r.fatal(d, err)
	}
	if t, ok := tok.(xml.Directive); ok {
		line, _ := d.InputPos()
		e := directiveError(line, t)
		e.File = r.name
		return nil, e
	}
	return tok, nil
}

// read reads the whole message.
func (r *reader) read(d *xml.Decoder) (*Census, error) {
	// Prolog, up to the root element.
	var root xml.StartElement
	for {
		tok, err := r.token(d)
		if err == io.EOF {
			return nil, &ReadError{File: r.name, Msg: "the file holds no XML element"}
		}
		if err != nil {
			return nil, err
		}
		if t, ok := tok.(xml.StartElement); ok {
			root = t
			break
		}
		if t, ok := tok.(xml.CharData); ok && len(bytes.TrimSpace(t)) > 0 {
			return nil, r.failf(d, "text %q appears before the first element", clip(t))
		}
	}
	if root.Name.Local != "Message" {
		return nil, r.failf(d, "the top element is <%s>, but a CIN census file starts with <Message>", root.Name.Local)
	}
	rootLine, _ := d.InputPos()
	c := &Census{}
	sawHeader, sawChildren := false, false
	for done := false; !done; {
		tok, err := r.token(d)
		if err != nil {
			return nil, r.fatal(d, eofToSyntax(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "Header" && !sawHeader:
				sawHeader = true
				var n node
				if err := d.DecodeElement(&n, &t); err != nil {
					return nil, r.fatal(d, err)
				}
				h, err := r.header(&n)
				if err != nil {
					return nil, err
				}
				c.Header = h
			case t.Name.Local == "Children":
				sawChildren = true
				if err := r.children(d, c); err != nil {
					return nil, err
				}
			default:
				if err := d.Skip(); err != nil {
					return nil, r.fatal(d, err)
				}
			}
		case xml.EndElement:
			done = true
		}
	}
	if !sawHeader {
		r.add(RuleMissing, rootLine, "Message", "Header", "", "the file has no Header, so its collection, year and authority are unknown")
	}
	if !sawChildren {
		r.add(RuleMissing, rootLine, "Message", "Children", "", "the file has no Children element, so it holds no children")
	}
	// Nothing but blank space, comments and processing instructions may follow the root.
	for {
		tok, err := r.token(d)
		if err == io.EOF {
			return c, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return nil, r.failf(d, "a second top element <%s> follows </Message>", t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, r.failf(d, "text %q follows </Message>", clip(t))
			}
		}
	}
}

// eofToSyntax reports an end of file inside the root element as a truncated file.
func eofToSyntax(err error) error {
	if err == io.EOF {
		return &xml.SyntaxError{Msg: "unexpected EOF"}
	}
	return err
}

// clip returns the start of a stray piece of text for a message.
func clip(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 30 {
		s = s[:30] + "…"
	}
	return s
}

// children reads the Child elements of the Children element, one at a time.
func (r *reader) children(d *xml.Decoder, c *Census) error {
	for {
		tok, err := r.token(d)
		if err != nil {
			return r.fatal(d, eofToSyntax(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "Child" {
				if err := d.Skip(); err != nil {
					return r.fatal(d, err)
				}
				continue
			}
			var n node
			if err := d.DecodeElement(&n, &t); err != nil {
				return r.fatal(d, err)
			}
			c.Children = append(c.Children, r.childOf(&n))
		case xml.EndElement:
			return nil
		}
	}
}

// header maps the Header element. A collection other than CIN is fatal.
func (r *reader) header(n *node) (Header, error) {
	var h Header
	const cdPath, srcPath = "Header/CollectionDetails", "Header/Source"
	if cd := r.one(n, "Header", "CollectionDetails", false); cd != nil {
		h.Collection = r.str(cd, cdPath, "Collection", true)
		if h.Collection != "" && h.Collection != "CIN" {
			return h, &ReadError{File: r.name, Line: cd.line, Msg: fmt.Sprintf("Collection is %q; this is not a children in need census (CIN) file", h.Collection)}
		}
		if y := r.leaf(cd, cdPath, "Year", true); y != nil {
			v, err := strconv.Atoi(y.text)
			if err != nil {
				r.add(RuleNumber, y.line, cdPath, "Year", y.text, fmt.Sprintf("Year is %q, which is not a year such as 2025", y.text))
			}
			h.Year = v
		}
		h.ReferenceDate = r.date(cd, cdPath, "ReferenceDate", false)
	} else {
		r.add(RuleMissing, n.line, "Header", "CollectionDetails", "", "the Header has no CollectionDetails, so the collection and year are unknown")
	}
	src := r.one(n, "Header", "Source", false)
	if src == nil {
		src = &node{line: n.line} // report LEA as missing
	}
	h.SourceLevel = r.str(src, srcPath, "SourceLevel", false)
	h.LEA = r.str(src, srcPath, "LEA", true)
	if h.LEA != "" && !isDigits(h.LEA, 3) {
		r.add(RuleCode, r.lineOf(src, "LEA"), srcPath, "LEA", h.LEA, fmt.Sprintf("LEA is %q; it should be the authority's three-digit DfE number, such as 857", h.LEA))
	}
	h.SoftwareCode = r.str(src, srcPath, "SoftwareCode", false)
	h.Release = r.str(src, srcPath, "Release", false)
	h.SerialNo = r.str(src, srcPath, "SerialNo", false)
	h.DateTime = r.str(src, srcPath, "DateTime", false)
	return h, nil
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// childOf maps one Child element.
func (r *reader) childOf(n *node) Child {
	c := Child{Line: n.line}
	r.child = ""
	const idPath, chPath = "Child/ChildIdentifiers", "Child/ChildCharacteristics"
	ids := r.one(n, "Child", "ChildIdentifiers", true)
	if ids == nil {
		ids = &node{line: n.line}
	}
	c.LAChildID = r.str(ids, idPath, "LAchildID", true)
	r.child = c.LAChildID
	if c.LAChildID != "" {
		if first, ok := r.seen[c.LAChildID]; ok {
			r.add(RuleDuplicate, r.lineOf(ids, "LAchildID"), idPath, "LAchildID", c.LAChildID,
				fmt.Sprintf("LAchildID %q is used by another child too (line %d); each child should appear once", c.LAChildID, first))
		} else {
			r.seen[c.LAChildID] = n.line
		}
	}
	c.UPN = r.str(ids, idPath, "UPN", false)
	c.FormerUPN = r.str(ids, idPath, "FormerUPN", false)
	c.UPNUnknown = r.code(ids, idPath, "UPNunknown", UPNUnknownReasons, false)
	c.BirthDate = r.date(ids, idPath, "PersonBirthDate", false)
	c.ExpectedBirthDate = r.date(ids, idPath, "ExpectedPersonBirthDate", false)
	c.Gender = r.code(ids, idPath, "GenderCurrent", Genders, true)
	c.DeathDate = r.date(ids, idPath, "PersonDeathDate", false)

	chars := r.one(n, "Child", "ChildCharacteristics", true)
	if chars == nil {
		chars = &node{line: n.line}
	}
	c.Ethnicity = r.code(chars, chPath, "Ethnicity", Ethnicities, true)
	if dis := r.one(chars, chPath, "Disabilities", false); dis != nil {
		c.Disabilities = r.codes(dis, chPath+"/Disabilities", "Disability", Disabilities)
	}

	for i := range n.kids {
		if k := &n.kids[i]; k.name == "CINdetails" {
			c.Details = append(c.Details, r.details(k))
		}
	}
	if len(c.Details) == 0 {
		r.add(RuleMissing, n.line, "Child", "CINdetails", "", "the child has no CINdetails; every child needs at least one episode of need")
	}
	return c
}

// details maps one CINdetails element.
func (r *reader) details(n *node) Details {
	const p = "Child/CINdetails"
	d := Details{Line: n.line}
	d.ReferralDate = r.date(n, p, "CINreferralDate", true)
	d.ReferralSource = r.code(n, p, "ReferralSource", ReferralSources, true)
	d.PrimaryNeed = r.code(n, p, "PrimaryNeedCode", PrimaryNeeds, false)
	d.ClosureDate = r.date(n, p, "CINclosureDate", false)
	d.ReasonForClosure = r.code(n, p, "ReasonForClosure", ClosureReasons, false)
	d.DateOfInitialCPC = r.date(n, p, "DateOfInitialCPC", false)
	d.ReferralNFA = r.yesNo(n, p, "ReferralNFA")
	for i := range n.kids {
		k := &n.kids[i]
		switch k.name {
		case "Assessments":
			const ap = p + "/Assessments"
			a := Assessment{
				Start:          r.date(k, ap, "AssessmentActualStartDate", true),
				InternalReview: r.date(k, ap, "AssessmentInternalReviewDate", false),
				Authorised:     r.date(k, ap, "AssessmentAuthorisationDate", false),
			}
			if f := r.one(k, ap, "FactorsIdentifiedAtAssessment", false); f != nil {
				a.Factors = r.codes(f, ap+"/FactorsIdentifiedAtAssessment", "AssessmentFactors", AssessmentFactors)
			}
			d.Assessments = append(d.Assessments, a)
		case "CINPlanDates":
			const pp = p + "/CINPlanDates"
			d.CINPlans = append(d.CINPlans, CINPlan{
				Start: r.date(k, pp, "CINPlanStartDate", true),
				End:   r.date(k, pp, "CINPlanEndDate", false),
			})
		case "Section47":
			const sp = p + "/Section47"
			d.Section47s = append(d.Section47s, Section47{
				Start:           r.date(k, sp, "S47ActualStartDate", true),
				ICPCTarget:      r.date(k, sp, "InitialCPCtarget", false),
				ICPCDate:        r.date(k, sp, "DateOfInitialCPC", false),
				ICPCNotRequired: r.yesNo(k, sp, "ICPCnotRequired"),
			})
		case "ChildProtectionPlans":
			const cp = p + "/ChildProtectionPlans"
			plan := CPPlan{
				Start:           r.date(k, cp, "CPPstartDate", true),
				End:             r.date(k, cp, "CPPendDate", false),
				InitialCategory: r.code(k, cp, "InitialCategoryOfAbuse", AbuseCategories, true),
				LatestCategory:  r.code(k, cp, "LatestCategoryOfAbuse", AbuseCategories, true),
				PreviousPlans:   r.count(k, cp, "NumberOfPreviousCPP"),
			}
			if rv := r.one(k, cp, "Reviews", false); rv != nil {
				for i := range rv.kids {
					if rk := &rv.kids[i]; rk.name == "CPPreviewDate" {
						plan.Reviews = append(plan.Reviews, r.dateOf(rk, cp+"/Reviews"))
					}
				}
			}
			d.CPPlans = append(d.CPPlans, plan)
		}
	}
	return d
}

// add records a finding about field in the element at path.
func (r *reader) add(rule string, line int, path, field, value, msg string) {
	r.findings = append(r.findings, finding.Finding{
		Rule:     rule,
		Severity: finding.Error,
		File:     r.name,
		Table:    path,
		Row:      line,
		Child:    r.child,
		Fields:   []string{field},
		Value:    value,
		Message:  msg,
	})
}

// one returns the first child element of p called name, or nil. A second one is reported as a
// duplicate; a required one that is absent is reported as missing.
func (r *reader) one(p *node, path, name string, required bool) *node {
	var first *node
	for i := range p.kids {
		k := &p.kids[i]
		if k.name != name {
			continue
		}
		if first == nil {
			first = k
			continue
		}
		r.add(RuleDuplicate, k.line, path, name, k.text,
			fmt.Sprintf("%s appears more than once (first at line %d); only the first was read", name, first.line))
	}
	if first == nil && required {
		r.add(RuleMissing, p.line, path, name, "", fmt.Sprintf("%s is required in %s but is missing", name, path))
	}
	return first
}

// leaf is one for a value element; a required element that is present but blank is reported as
// missing and nil is returned.
func (r *reader) leaf(p *node, path, name string, required bool) *node {
	n := r.one(p, path, name, required)
	if n == nil || n.text != "" {
		return n
	}
	if required {
		r.add(RuleMissing, n.line, path, name, "", fmt.Sprintf("%s is required in %s but is blank", name, path))
	}
	return nil
}

// lineOf returns the line of the first element called name in p, or p's line.
func (r *reader) lineOf(p *node, name string) int {
	for i := range p.kids {
		if p.kids[i].name == name {
			return p.kids[i].line
		}
	}
	return p.line
}

func (r *reader) str(p *node, path, name string, required bool) string {
	if n := r.leaf(p, path, name, required); n != nil {
		return n.text
	}
	return ""
}

func (r *reader) date(p *node, path, name string, required bool) Date {
	if n := r.leaf(p, path, name, required); n != nil {
		return r.dateOf(n, path)
	}
	return 0
}

// dateOf parses the element's value as an ISO date (a time zone suffix, which the schema allows, is
// ignored), reporting a finding when it is not one.
func (r *reader) dateOf(n *node, path string) Date {
	s := n.text
	if s == "" {
		r.add(RuleMissing, n.line, path, n.name, "", fmt.Sprintf("%s in %s is blank", n.name, path))
		return 0
	}
	if len(s) > 10 && isZone(s[10:]) {
		s = s[:10]
	}
	d, err := calendar.ParseISO(s)
	if err != nil {
		r.add(RuleDate, n.line, path, n.name, n.text,
			fmt.Sprintf("%s is %q, which is not a real date written YYYY-MM-DD (such as 2025-03-31)", n.name, n.text))
		return 0
	}
	return d
}

// isZone reports whether s is an XML Schema time zone: Z, +hh:mm or -hh:mm.
func isZone(s string) bool {
	if s == "Z" {
		return true
	}
	return len(s) == 6 && (s[0] == '+' || s[0] == '-') && isDigits(s[1:3], 2) && s[3] == ':' && isDigits(s[4:], 2)
}

func (r *reader) code(p *node, path, name string, list CodeList, required bool) string {
	n := r.leaf(p, path, name, required)
	if n == nil {
		return ""
	}
	r.checkCode(n, path, list)
	return n.text
}

func (r *reader) checkCode(n *node, path string, list CodeList) {
	if list.Has(n.text) {
		return
	}
	msg := fmt.Sprintf("%s is %q, which is not one of the %s codes", n.name, n.text, list.Name)
	if len(list.Codes) <= 10 {
		msg += " (" + strings.Join(list.Values(), ", ") + ")"
	}
	r.add(RuleCode, n.line, path, n.name, n.text, msg)
}

// codes returns the values of the item elements of a list element, checking each against list.
func (r *reader) codes(p *node, path, item string, list CodeList) []string {
	var vs []string
	for i := range p.kids {
		k := &p.kids[i]
		if k.name != item {
			continue
		}
		if k.text == "" {
			r.add(RuleMissing, k.line, path, item, "", fmt.Sprintf("%s in %s is blank", item, path))
			continue
		}
		r.checkCode(k, path, list)
		vs = append(vs, k.text)
	}
	return vs
}

func (r *reader) yesNo(p *node, path, name string) bool {
	n := r.leaf(p, path, name, true)
	if n == nil {
		return false
	}
	v, ok := ParseYesNo(n.text)
	if !ok {
		r.add(RuleCode, n.line, path, name, n.text, fmt.Sprintf("%s is %q; it should be true or false (or 1 or 0)", name, n.text))
	}
	return v
}

func (r *reader) count(p *node, path, name string) int {
	n := r.leaf(p, path, name, true)
	if n == nil {
		return 0
	}
	v, err := strconv.Atoi(n.text)
	if err != nil || v < 0 {
		r.add(RuleNumber, n.line, path, name, n.text, fmt.Sprintf("%s is %q, which is not a whole number", name, n.text))
		return 0
	}
	return v
}
