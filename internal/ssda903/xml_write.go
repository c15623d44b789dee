package ssda903

import (
	"bufio"
	"encoding/xml"
	"io"
)

// WriteXML writes the return in the DfE XML submission format (root EXPSSDA903, one CHILD per Header
// row), indented, with an XML declaration; the same return always gives the same bytes.
//
// The format has no place for some of what a Return holds, and these are not written:
//   - SWEpisodes (social worker episodes), Authority, Year and Previous (last year's return);
//   - the DOB and SEX held in the UASC, OC2, OC3, AD1, Reviews, Missing, PrevPerm and PlacedAdoption
//     tables: the XML takes them from the Header;
//   - records of a child with no Header row, and all but the first Header row of a child;
//   - all but the first UASC, OC2, OC3, AD1 and PrevPerm record of a child (the XML allows one).
//
// Values are written as they are: a Return that breaks the XSD's limits (an empty CHILD or DOB, a
// postcode over 8 characters …) gives XML that does not validate.
func WriteXML(w io.Writer, r *Return) error {
	bw := bufio.NewWriter(w)
	x := &xmlWriter{w: bw, r: r, own: map[Table][]string{}}
	for _, t := range Tables {
		x.own[t] = ownColumns(t)
	}
	// The records of each table by child, in the order they appear.
	byChild := map[Table]map[string][]int{}
	for _, t := range Tables {
		if t == TableHeader || t == TableSWEpisodes {
			continue
		}
		m := map[string][]int{}
		b := bindings[t]
		for i, n := 0, b.count(r); i < n; i++ {
			child := *b.fields(r, i, x.buf[:0])[0].(*string)
			m[child] = append(m[child], i)
		}
		byChild[t] = m
	}
	written := map[string]bool{}

	bw.WriteString(xml.Header)
	bw.WriteString("<EXPSSDA903>\n")
	for i := range r.Header {
		h := &r.Header[i]
		recs := func(t Table) []int {
			if written[h.Child] {
				return nil
			}
			return byChild[t][h.Child]
		}
		x.open(1, "CHILD")
		x.open(2, "HEADER")
		x.elem(3, "CHILDID", h.Child)
		x.elem(3, "UPN", h.UPN)
		x.elem(3, "SEX", h.Sex)
		x.elem(3, "DOB", h.DOB.DMY())
		x.elem(3, "ETHNIC", h.Ethnic)
		if u := recs(TableUASC); len(u) > 0 {
			x.elem(3, "UASC", "1")
			if duc := r.UASC[u[0]].DUC; !duc.IsZero() {
				x.elem(3, "DUC", duc.DMY())
			}
		} else {
			x.elem(3, "UASC", "0")
		}
		if a := recs(TableAD1); len(a) > 0 {
			x.fields(3, TableAD1, a[0], x.own[TableAD1])
		}
		if o := recs(TableOC3); len(o) > 0 {
			x.fields(3, TableOC3, o[0], x.own[TableOC3])
		}
		x.groups(3, "AMISSING", TableMissing, recs(TableMissing))
		x.groups(3, "AREVIEW", TableReviews, recs(TableReviews))
		if h.Mother != "" {
			x.elem(3, "MOTHER", h.Mother)
		}
		if !h.MCDOB.IsZero() {
			x.elem(3, "MC_DOB", h.MCDOB.DMY())
		}
		x.groups(3, "PERMANENCE", TablePrevPerm, first(recs(TablePrevPerm)))
		x.groups(3, "OC2", TableOC2, first(recs(TableOC2)))
		x.groups(3, "AD_PLACED", TablePlacedAdoption, recs(TablePlacedAdoption))
		x.close(2, "HEADER")
		x.groups(2, "EPISODE", TableEpisodes, recs(TableEpisodes))
		x.close(1, "CHILD")
		written[h.Child] = true
	}
	bw.WriteString("</EXPSSDA903>\n")
	return bw.Flush() // bufio.Writer keeps the first write error; Flush returns it
}

// first returns the first of is, or nothing.
func first(is []int) []int {
	if len(is) > 1 {
		return is[:1]
	}
	return is
}

// xmlWriter writes indented elements. Write errors stay in the bufio.Writer until Flush.
type xmlWriter struct {
	w   *bufio.Writer
	r   *Return
	own map[Table][]string // columns each table writes itself
	buf []any
}

func (x *xmlWriter) indent(depth int) {
	for range depth {
		x.w.WriteString("  ")
	}
}

func (x *xmlWriter) open(depth int, name string) {
	x.indent(depth)
	x.w.WriteByte('<')
	x.w.WriteString(name)
	x.w.WriteString(">\n")
}

func (x *xmlWriter) close(depth int, name string) {
	x.indent(depth)
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteString(">\n")
}

// elem writes <name>value</name>, or <name/> when value is blank.
func (x *xmlWriter) elem(depth int, name, value string) {
	x.indent(depth)
	x.w.WriteByte('<')
	x.w.WriteString(name)
	if value == "" {
		x.w.WriteString("/>\n")
		return
	}
	x.w.WriteByte('>')
	plain := true
	for i := 0; i < len(value) && plain; i++ {
		c := value[i]
		plain = c >= 0x20 && c != '<' && c != '>' && c != '&' && c != '\'' && c != '"'
	}
	if plain {
		x.w.WriteString(value)
	} else {
		_ = xml.EscapeText(x.w, []byte(value)) // errors surface at Flush
	}
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteString(">\n")
}

// fields writes the named columns of record i of table t, in the order given.
func (x *xmlWriter) fields(depth int, t Table, i int, names []string) {
	x.buf = bindings[t].fields(x.r, i, x.buf[:0])
	for _, n := range names {
		x.elem(depth, xmlName(n), format(x.buf[columnIndex(t, n)]))
	}
}

// groups writes records is of table t, each as an element called name.
func (x *xmlWriter) groups(depth int, name string, t Table, is []int) {
	names := x.own[t]
	if t == TableEpisodes {
		names = xmlEpisodeOrder
	}
	for _, i := range is {
		x.open(depth, name)
		x.fields(depth+1, t, i, names)
		x.close(depth, name)
	}
}
