package cin

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// WriteXML writes c as a CIN census XML message, with elements in the order the DfE schema requires.
// Optional elements are left out when blank; required ones are always written, so that a census with
// a missing required value still shows where it belongs. Yes/no values are written "true" or "false".
// The output is indented, starts with an XML declaration and depends only on c.
func WriteXML(w io.Writer, c *Census) error {
	x := &xmlWriter{w: bufio.NewWriter(w)}
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.open("Message")
	x.header(&c.Header)
	x.open("Children")
	for i := range c.Children {
		x.child(&c.Children[i])
	}
	x.close("Children")
	x.close("Message")
	if x.err != nil {
		return fmt.Errorf("writing CIN census XML: %w", x.err)
	}
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("writing CIN census XML: %w", err)
	}
	return nil
}

// xmlWriter writes indented elements, keeping the first error.
type xmlWriter struct {
	w       *bufio.Writer
	depth   int
	err     error
	scratch []byte
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// indent writes two spaces per level; the census nests at most seven levels deep.
func (x *xmlWriter) indent() {
	const spaces = "                "
	x.raw(spaces[:min(2*x.depth, len(spaces))])
}

func (x *xmlWriter) open(name string) {
	x.indent()
	x.w.WriteByte('<')
	x.w.WriteString(name)
	x.raw(">\n")
	x.depth++
}

func (x *xmlWriter) close(name string) {
	x.depth--
	x.indent()
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.raw(">\n")
}

// elem writes <name>value</name>, escaping value. (Write errors are sticky in the bufio.Writer and
// caught by raw or Flush.)
func (x *xmlWriter) elem(name, value string) {
	x.indent()
	x.w.WriteByte('<')
	x.w.WriteString(name)
	x.w.WriteByte('>')
	x.text(value)
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.raw(">\n")
}

// text writes value as element text, escaping only when it has characters that need it.
func (x *xmlWriter) text(value string) {
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == '"' {
			if x.err == nil {
				x.err = xml.EscapeText(x.w, []byte(value))
			}
			return
		}
	}
	x.w.WriteString(value)
}

// dateElem writes a date element without allocating.
func (x *xmlWriter) dateElem(name string, d Date) {
	x.indent()
	x.w.WriteByte('<')
	x.w.WriteString(name)
	x.w.WriteByte('>')
	x.scratch = d.AppendISO(x.scratch[:0])
	x.w.Write(x.scratch)
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.raw(">\n")
}

// opt writes the element only when value is not blank.
func (x *xmlWriter) opt(name, value string) {
	if value != "" {
		x.elem(name, value)
	}
}

func (x *xmlWriter) date(name string, d Date) { x.dateElem(name, d) }

func (x *xmlWriter) optDate(name string, d Date) {
	if !d.IsZero() {
		x.dateElem(name, d)
	}
}

func (x *xmlWriter) yesNo(name string, v bool) { x.elem(name, strconv.FormatBool(v)) }

func (x *xmlWriter) header(h *Header) {
	x.open("Header")
	x.open("CollectionDetails")
	x.opt("Collection", h.Collection)
	if h.Year != 0 {
		x.elem("Year", strconv.Itoa(h.Year))
	}
	x.optDate("ReferenceDate", h.ReferenceDate)
	x.close("CollectionDetails")
	x.open("Source")
	x.opt("SourceLevel", h.SourceLevel)
	x.elem("LEA", h.LEA)
	x.opt("SoftwareCode", h.SoftwareCode)
	x.opt("Release", h.Release)
	x.opt("SerialNo", h.SerialNo)
	x.opt("DateTime", h.DateTime)
	x.close("Source")
	x.close("Header")
}

func (x *xmlWriter) child(c *Child) {
	x.open("Child")
	x.open("ChildIdentifiers")
	x.elem("LAchildID", c.LAChildID)
	x.opt("UPN", c.UPN)
	x.opt("FormerUPN", c.FormerUPN)
	x.opt("UPNunknown", c.UPNUnknown)
	x.optDate("PersonBirthDate", c.BirthDate)
	x.optDate("ExpectedPersonBirthDate", c.ExpectedBirthDate)
	x.elem("GenderCurrent", c.Gender)
	x.optDate("PersonDeathDate", c.DeathDate)
	x.close("ChildIdentifiers")
	x.open("ChildCharacteristics")
	x.elem("Ethnicity", c.Ethnicity)
	if len(c.Disabilities) > 0 {
		x.open("Disabilities")
		for _, d := range c.Disabilities {
			x.elem("Disability", d)
		}
		x.close("Disabilities")
	}
	x.close("ChildCharacteristics")
	for i := range c.Details {
		x.details(&c.Details[i])
	}
	x.close("Child")
}

func (x *xmlWriter) details(d *Details) {
	x.open("CINdetails")
	x.date("CINreferralDate", d.ReferralDate)
	x.elem("ReferralSource", d.ReferralSource)
	x.opt("PrimaryNeedCode", d.PrimaryNeed)
	x.optDate("CINclosureDate", d.ClosureDate)
	x.opt("ReasonForClosure", d.ReasonForClosure)
	x.optDate("DateOfInitialCPC", d.DateOfInitialCPC)
	for _, a := range d.Assessments {
		x.open("Assessments")
		x.date("AssessmentActualStartDate", a.Start)
		x.optDate("AssessmentInternalReviewDate", a.InternalReview)
		x.optDate("AssessmentAuthorisationDate", a.Authorised)
		if len(a.Factors) > 0 {
			x.open("FactorsIdentifiedAtAssessment")
			for _, f := range a.Factors {
				x.elem("AssessmentFactors", f)
			}
			x.close("FactorsIdentifiedAtAssessment")
		}
		x.close("Assessments")
	}
	for _, p := range d.CINPlans {
		x.open("CINPlanDates")
		x.date("CINPlanStartDate", p.Start)
		x.optDate("CINPlanEndDate", p.End)
		x.close("CINPlanDates")
	}
	for _, s := range d.Section47s {
		x.open("Section47")
		x.date("S47ActualStartDate", s.Start)
		x.optDate("InitialCPCtarget", s.ICPCTarget)
		x.optDate("DateOfInitialCPC", s.ICPCDate)
		x.yesNo("ICPCnotRequired", s.ICPCNotRequired)
		x.close("Section47")
	}
	x.yesNo("ReferralNFA", d.ReferralNFA)
	for _, p := range d.CPPlans {
		x.open("ChildProtectionPlans")
		x.date("CPPstartDate", p.Start)
		x.optDate("CPPendDate", p.End)
		x.elem("InitialCategoryOfAbuse", p.InitialCategory)
		x.elem("LatestCategoryOfAbuse", p.LatestCategory)
		x.elem("NumberOfPreviousCPP", strconv.Itoa(p.PreviousPlans))
		if len(p.Reviews) > 0 {
			x.open("Reviews")
			for _, r := range p.Reviews {
				x.date("CPPreviewDate", r)
			}
			x.close("Reviews")
		}
		x.close("ChildProtectionPlans")
	}
	x.close("CINdetails")
}
