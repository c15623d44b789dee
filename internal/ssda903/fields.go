package ssda903

import (
	"slices"
	"strconv"
)

// binding ties a table's columns (in Columns order) to the fields of its record type, so that the
// readers and writers handle every table with the same code. Field pointers are *string, *Date or
// **int (SDQ_SCORE); the first is always CHILD.
type binding interface {
	count(r *Return) int
	fields(r *Return, i int, dst []any) []any
	row(r *Return, i int) int
	setRow(r *Return, i, row int)
	add(r *Return, row int, dst []any) []any // appends an empty record and returns its field pointers
}

// bind is the binding of a table whose records are of type T.
type bind[T any] struct {
	slice func(*Return) *[]T
	ptrs  func(*T, []any) []any
	rowOf func(*T) *int
}

func (b bind[T]) count(r *Return) int { return len(*b.slice(r)) }

func (b bind[T]) fields(r *Return, i int, dst []any) []any { return b.ptrs(&(*b.slice(r))[i], dst) }

func (b bind[T]) row(r *Return, i int) int { return *b.rowOf(&(*b.slice(r))[i]) }

func (b bind[T]) setRow(r *Return, i, row int) { *b.rowOf(&(*b.slice(r))[i]) = row }

func (b bind[T]) add(r *Return, row int, dst []any) []any {
	s := b.slice(r)
	if len(*s) == cap(*s) {
		*s = slices.Grow(*s, len(*s)+8) // double: append grows large slices by only a quarter
	}
	var zero T
	*s = append(*s, zero)
	t := &(*s)[len(*s)-1]
	*b.rowOf(t) = row
	return b.ptrs(t, dst)
}

// bindings holds the binding of every table.
var bindings = map[Table]binding{
	TableHeader: bind[Header]{
		slice: func(r *Return) *[]Header { return &r.Header },
		ptrs: func(h *Header, d []any) []any {
			return append(d, &h.Child, &h.Sex, &h.DOB, &h.Ethnic, &h.UPN, &h.Mother, &h.MCDOB)
		},
		rowOf: func(h *Header) *int { return &h.Row },
	},
	TableEpisodes: bind[Episode]{
		slice: func(r *Return) *[]Episode { return &r.Episodes },
		ptrs: func(e *Episode, d []any) []any {
			return append(d, &e.Child, &e.DECOM, &e.RNE, &e.LS, &e.CIN, &e.Place, &e.PlaceProvider, &e.DEC,
				&e.REC, &e.ReasonPlaceChange, &e.HomePost, &e.PlPost, &e.URN)
		},
		rowOf: func(e *Episode) *int { return &e.Row },
	},
	TableReviews: bind[Review]{
		slice: func(r *Return) *[]Review { return &r.Reviews },
		ptrs:  func(v *Review, d []any) []any { return append(d, &v.Child, &v.DOB, &v.Review, &v.ReviewCode) },
		rowOf: func(v *Review) *int { return &v.Row },
	},
	TableUASC: bind[UASC]{
		slice: func(r *Return) *[]UASC { return &r.UASC },
		ptrs:  func(u *UASC, d []any) []any { return append(d, &u.Child, &u.DOB, &u.Sex, &u.DUC) },
		rowOf: func(u *UASC) *int { return &u.Row },
	},
	TableOC2: bind[OC2]{
		slice: func(r *Return) *[]OC2 { return &r.OC2 },
		ptrs: func(o *OC2, d []any) []any {
			return append(d, &o.Child, &o.DOB, &o.SDQScore, &o.SDQReason, &o.Convicted, &o.HealthCheck,
				&o.Immunisations, &o.TeethCheck, &o.HealthAssessment, &o.SubstanceMisuse,
				&o.InterventionReceived, &o.InterventionOffered)
		},
		rowOf: func(o *OC2) *int { return &o.Row },
	},
	TableOC3: bind[OC3]{
		slice: func(r *Return) *[]OC3 { return &r.OC3 },
		ptrs:  func(o *OC3, d []any) []any { return append(d, &o.Child, &o.DOB, &o.InTouch, &o.Activ, &o.Accom) },
		rowOf: func(o *OC3) *int { return &o.Row },
	},
	TableAD1: bind[AD1]{
		slice: func(r *Return) *[]AD1 { return &r.AD1 },
		ptrs: func(a *AD1, d []any) []any {
			return append(d, &a.Child, &a.DOB, &a.DateInt, &a.DateMatch, &a.FosterCare, &a.NbAdoptr,
				&a.SexAdoptr, &a.LSAdoptr)
		},
		rowOf: func(a *AD1) *int { return &a.Row },
	},
	TablePlacedAdoption: bind[PlacedAdoption]{
		slice: func(r *Return) *[]PlacedAdoption { return &r.PlacedAdoption },
		ptrs: func(p *PlacedAdoption, d []any) []any {
			return append(d, &p.Child, &p.DOB, &p.DatePlaced, &p.DatePlacedCeased, &p.ReasonPlacedCeased)
		},
		rowOf: func(p *PlacedAdoption) *int { return &p.Row },
	},
	TablePrevPerm: bind[PrevPerm]{
		slice: func(r *Return) *[]PrevPerm { return &r.PrevPerm },
		ptrs: func(p *PrevPerm, d []any) []any {
			return append(d, &p.Child, &p.DOB, &p.PrevPerm, &p.LAPerm, &p.DatePerm)
		},
		rowOf: func(p *PrevPerm) *int { return &p.Row },
	},
	TableMissing: bind[Missing]{
		slice: func(r *Return) *[]Missing { return &r.Missing },
		ptrs: func(m *Missing, d []any) []any {
			return append(d, &m.Child, &m.DOB, &m.Missing, &m.MisStart, &m.MisEnd)
		},
		rowOf: func(m *Missing) *int { return &m.Row },
	},
	TableSWEpisodes: bind[SWEpisode]{
		slice: func(r *Return) *[]SWEpisode { return &r.SWEpisodes },
		ptrs: func(s *SWEpisode, d []any) []any {
			return append(d, &s.Child, &s.DOB, &s.SWID, &s.SWDecom, &s.SWDec, &s.SWReason)
		},
		rowOf: func(s *SWEpisode) *int { return &s.Row },
	},
}

// format renders a field pointer as the return writes it.
func format(p any) string {
	switch v := p.(type) {
	case *string:
		return *v
	case *Date:
		return v.DMY()
	case **int:
		if *v == nil {
			return ""
		}
		return strconv.Itoa(**v)
	}
	panic("ssda903: unexpected field type") // the bindings hold only the types above
}
