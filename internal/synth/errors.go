package synth

import (
	"encoding/csv"
	"io"
	"strconv"

	"csperf/internal/cin"
	"csperf/internal/ssda903"
)

// InjectedError is a mistake put into generated data on purpose, of a kind councils make, so that
// validation can be checked against a known answer.
type InjectedError struct {
	Year  int    // collection year
	File  string // file it is in: ssda903/episodes.csv, cin.xml …
	Row   int    // CSV row (header = 1); 0 for XML
	Child string // the child concerned
	Field string // field (or element) made wrong
	Kind  string // what kind of mistake
	Value string // the wrong value written
}

// Kinds of injected mistake.
const (
	KindInvalidCode           = "invalid-code" // a code not in the code list
	KindOverlap               = "overlapping-episodes"
	KindMissingDate           = "missing-date"    // a required date left blank
	KindDOBAfterStart         = "dob-after-start" // date of birth after the child came into care
	KindDuplicateFamily       = "sibling-group-twice"
	KindClosureBeforeReferral = "closure-before-referral"
	KindBadReferralSource     = "invalid-referral-source"
)

// csvFile names the file a 903 table is written to.
var csvFile = map[ssda903.Table]string{
	ssda903.TableHeader:   "ssda903/header.csv",
	ssda903.TableEpisodes: "ssda903/episodes.csv",
}

// inject puts mistakes into one year's return and census at about rate per child, and says where.
// Row numbers are final: rows are only changed in place or added at the end.
func (c *council) inject(r *ssda903.Return, cs *cin.Census, rate float64) []InjectedError {
	rng := c.rng
	var out []InjectedError
	epRow := func(i int) int { return i + 2 }
	firstEpisode := map[string]int{}
	for i, e := range r.Episodes {
		if _, ok := firstEpisode[e.Child]; !ok {
			firstEpisode[e.Child] = i
		}
	}
	for i := range r.Episodes {
		if rng.Float64() >= rate {
			continue
		}
		e := &r.Episodes[i]
		ie := InjectedError{Year: r.Year, File: csvFile[ssda903.TableEpisodes], Row: epRow(i), Child: e.Child}
		switch rng.IntN(3) {
		case 0:
			ie.Kind, ie.Field = KindInvalidCode, "LS"
			e.LS = "C9"
			ie.Value = e.LS
		case 1:
			ie.Kind, ie.Field = KindMissingDate, "DECOM"
			e.DECOM = 0
		case 2:
			// overlap: this episode ends after the child's next one starts
			if i+1 < len(r.Episodes) && r.Episodes[i+1].Child == e.Child && !e.DEC.IsZero() {
				e.DEC = r.Episodes[i+1].DECOM.AddDays(7)
				ie.Kind, ie.Field, ie.Value = KindOverlap, "DEC", e.DEC.DMY()
			} else {
				continue
			}
		}
		out = append(out, ie)
	}
	for i := range r.Header {
		if rng.Float64() >= rate/2 {
			continue
		}
		h := &r.Header[i]
		fi, ok := firstEpisode[h.Child]
		if !ok || r.Episodes[fi].DECOM.IsZero() {
			continue
		}
		h.DOB = r.Episodes[fi].DECOM.AddDays(1 + rng.IntN(200))
		out = append(out, InjectedError{Year: r.Year, File: csvFile[ssda903.TableHeader], Row: i + 2,
			Child: h.Child, Field: "DOB", Kind: KindDOBAfterStart, Value: h.DOB.DMY()})
	}
	// A sibling group entered twice: children who came into care on the same day from the same
	// home are added again under new IDs, as when a family is recorded twice.
	if rng.Float64() < rate*20 {
		groups := map[string][]int{}
		for i, e := range r.Episodes {
			if e.RNE == "S" && !e.DECOM.IsZero() {
				k := e.DECOM.String() + e.HomePost
				groups[k] = append(groups[k], i)
			}
		}
		var best []int
		for _, g := range groups {
			if len(g) >= 2 && (best == nil || len(g) > len(best) || (len(g) == len(best) && g[0] < best[0])) {
				best = g
			}
		}
		headerOf := map[string]ssda903.Header{}
		for _, h := range r.Header {
			headerOf[h.Child] = h
		}
		n := len(r.Episodes)
		for _, i := range best {
			orig := r.Episodes[i].Child
			h, ok := headerOf[orig]
			if !ok {
				continue
			}
			c.seq++
			id := strconv.Itoa(1000000 + c.seq)
			h.Child = id
			r.Header = append(r.Header, h)
			for _, e := range r.Episodes[:n] { // all of the child's episodes, under the new ID
				if e.Child == orig {
					e.Child = id
					r.Episodes = append(r.Episodes, e)
				}
			}
			out = append(out, InjectedError{Year: r.Year, File: csvFile[ssda903.TableHeader], Row: len(r.Header) + 1,
				Child: id, Field: "CHILD", Kind: KindDuplicateFamily, Value: id})
		}
	}
	for i := range cs.Children {
		if rng.Float64() >= rate/2 {
			continue
		}
		k := &cs.Children[i]
		d := &k.Details[len(k.Details)-1]
		if rng.IntN(2) == 0 && !d.ClosureDate.IsZero() {
			d.ClosureDate = d.ReferralDate.AddDays(-1 - rng.IntN(30))
			out = append(out, InjectedError{Year: r.Year, File: "cin.xml", Child: k.LAChildID,
				Field: "CINclosureDate", Kind: KindClosureBeforeReferral, Value: d.ClosureDate.String()})
		} else {
			d.ReferralSource = "11"
			out = append(out, InjectedError{Year: r.Year, File: "cin.xml", Child: k.LAChildID,
				Field: "ReferralSource", Kind: KindBadReferralSource, Value: "11"})
		}
	}
	return out
}

// writeManifest writes the injected mistakes of one year as CSV.
func writeManifest(w io.Writer, errs []InjectedError, year int) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"file", "row", "child", "field", "kind", "value"}); err != nil {
		return err
	}
	for _, e := range errs {
		if e.Year != year {
			continue
		}
		row := ""
		if e.Row > 0 {
			row = strconv.Itoa(e.Row)
		}
		if err := cw.Write([]string{e.File, row, e.Child, e.Field, e.Kind, e.Value}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
