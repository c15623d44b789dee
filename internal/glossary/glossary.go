// Package glossary holds the acronyms used in children's social care and their plain-English
// meanings, so that every page and report can expand an acronym on first use and list the ones it
// used in an appendix.
package glossary

import (
	"strings"
	"unicode"
)

// Term is one acronym with its expansion and a plain-English meaning.
type Term struct {
	Acronym   string // as written, e.g. "CLA", "DfE", "S47"
	Expansion string // what the letters stand for
	Meaning   string // what it means, for someone new to children's services
}

// terms is the glossary in alphabetical order of acronym. It is read only: Terms hands out a copy.
var terms = []Term{
	{"ASYE", "Assessed and Supported Year in Employment",
		"The first year in practice of a newly qualified social worker, with a protected caseload, extra supervision and an assessment at the end."},
	{"CAO", "Child Arrangements Order",
		"A court order saying who a child lives with or spends time with. A child in care can leave care under one, usually to live with a relative or friend."},
	{"CIN", "Child in Need",
		"A child whose health or development is likely to suffer without help from children's social care, or who is disabled (Children Act 1989, section 17). Children on a protection plan and children in care are children in need too."},
	{"CLA", "Child Looked After",
		"A child in the care of the council, either under a court order or accommodated with the agreement of their parents. Also called a child in care."},
	{"CP", "Child Protection",
		"The work done to protect a child who is suffering, or likely to suffer, significant harm."},
	{"CPP", "Child Protection Plan",
		"A plan agreed at a child protection conference setting out how a child at risk of significant harm will be kept safe, by whom and by when."},
	{"CSC", "Children's Social Care",
		"The council's social work services for children and families: assessment, help, protection, care and support for care leavers."},
	{"DfE", "Department for Education",
		"The government department responsible for children's services in England. It collects the statutory returns and publishes the national figures."},
	{"EET", "Education, Employment or Training",
		"A young person who is studying, working, in an apprenticeship or in training."},
	{"EHCP", "Education, Health and Care Plan",
		"A legal document for a child with special educational needs setting out the support the child must receive."},
	{"FTE", "Full-Time Equivalent",
		"Staff numbers counted by hours rather than heads: two half-time social workers make one full-time equivalent."},
	{"ICPC", "Initial Child Protection Conference",
		"The first meeting of the family and professionals after a section 47 enquiry, which decides whether the child needs a child protection plan."},
	{"IRO", "Independent Reviewing Officer",
		"A social worker, independent of the child's case, who chairs the reviews of a child in care and checks that the care plan meets the child's needs."},
	{"KPI", "Key Performance Indicator",
		"One of the measures chosen to show how well a service is doing."},
	{"LA", "Local Authority",
		"The council responsible for children's services in an area."},
	{"LAC", "Looked After Child",
		"An older name for a child looked after (CLA), still common in councils and in national data."},
	{"LADO", "Local Authority Designated Officer",
		"The council officer who handles concerns that an adult working with children may have harmed a child."},
	{"LAIT", "Local Authority Interactive Tool",
		"The Department for Education's tool that compares councils on published children's services measures."},
	{"MASH", "Multi-Agency Safeguarding Hub",
		"A team where social care, police, health and others share information to decide quickly what should happen when someone is worried about a child."},
	{"NEET", "Not in Education, Employment or Training",
		"A young person who is not studying, working or training."},
	{"NHS", "National Health Service",
		"The public health service in England, including GPs, hospitals and mental health services."},
	{"OC2", "Outcomes for children looked after (903 table OC2)",
		"The part of the children looked after return about children in care for a year or more: health checks, immunisations, teeth, emotional health, offending and substance misuse."},
	{"OC3", "Outcomes for care leavers (903 table OC3)",
		"The part of the children looked after return about care leavers around their 17th to 21st birthdays: whether the council is in touch, their activity and their accommodation."},
	{"ONS", "Office for National Statistics",
		"The national statistics office; its estimates of the number of children in each area are used to work out rates per 10,000."},
	{"PEP", "Personal Education Plan",
		"The part of a child in care's plan that sets out their education needs and the support to meet them."},
	{"PLO", "Public Law Outline",
		"The process councils and courts follow before and during care proceedings, including a formal meeting with parents to try to avoid going to court."},
	{"RAG", "Red, Amber, Green",
		"A rating against a target: green on target, amber close to it, red off track."},
	{"RCPC", "Review Child Protection Conference",
		"A meeting that reviews a child protection plan: whether the child is now safe and whether the plan should continue or end."},
	{"S20", "Section 20 of the Children Act 1989",
		"The law under which a council looks after a child with the agreement of the parents, without a court order."},
	{"S47", "Section 47 of the Children Act 1989",
		"The law requiring a council to make enquiries when it suspects a child is suffering, or likely to suffer, significant harm."},
	{"SDQ", "Strengths and Difficulties Questionnaire",
		"A short questionnaire, usually filled in by the carer, that scores a child's emotional and behavioural health from 0 to 40; higher scores mean more difficulties."},
	{"SEN", "Special Educational Needs",
		"Learning difficulties or disabilities that make it harder for a child to learn than most children of the same age."},
	{"SGO", "Special Guardianship Order",
		"A court order giving a relative, friend or former foster carer long-term parental responsibility for a child until 18, without ending the legal tie to the birth parents."},
	{"SN", "Statistical Neighbours",
		"The ten councils most like this one in their population and circumstances, used for fair comparison."},
	{"SPA", "Single Point of Access",
		"The one place where anyone worried about a child can contact children's services."},
	{"SSDA903", "The children looked after return",
		"The statutory return every council sends the Department for Education each year about the children it looks after, named after its original form."},
	{"SW", "Social Worker",
		"A registered professional who assesses children's needs, plans their help and protection, and supports children in care and care leavers."},
	{"UASC", "Unaccompanied Asylum-Seeking Child",
		"A child seeking asylum in the UK without a parent or carer. The council looks after them."},
	{"YOS", "Youth Offending Service",
		"The council-led team that works with children who have offended or are at risk of offending. Also called the youth justice service."},
}

// byKey indexes terms by upper-case acronym; built once and only read.
var byKey = func() map[string]int {
	m := make(map[string]int, len(terms))
	for i, t := range terms {
		k := strings.ToUpper(t.Acronym)
		if _, dup := m[k]; dup {
			panic("glossary: duplicate acronym " + t.Acronym)
		}
		m[k] = i
	}
	return m
}()

// Terms returns every term, in alphabetical order of acronym. The result is the caller's own.
func Terms() []Term {
	out := make([]Term, len(terms))
	copy(out, terms)
	return out
}

// Lookup returns the term for acronym, ignoring case and surrounding spaces.
func Lookup(acronym string) (Term, bool) {
	i, ok := byKey[strings.ToUpper(strings.TrimSpace(acronym))]
	if !ok {
		return Term{}, false
	}
	return terms[i], true
}

// Find returns the terms whose acronyms appear in text as whole words, each once, in order of first
// appearance. Matching is exact as to case ("CLA" and "DfE", not "cla"), so that ordinary words are
// not taken for acronyms, and a plural "s" is allowed ("ICPCs"). A word is a run of letters and
// digits: "S47" is one word, "CIN/CP" is two.
func Find(text string) []Term {
	var out []Term
	seen := map[int]bool{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		i, ok := exact(w)
		if !ok && len(w) > 2 && strings.HasSuffix(w, "s") {
			i, ok = exact(w[:len(w)-1])
		}
		if ok && !seen[i] {
			seen[i] = true
			out = append(out, terms[i])
		}
	}
	return out
}

// exact returns the index of the term written exactly as w.
func exact(w string) (int, bool) {
	i, ok := byKey[strings.ToUpper(w)]
	if !ok || terms[i].Acronym != w {
		return 0, false
	}
	return i, true
}
