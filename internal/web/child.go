package web

import (
	"fmt"
	"net/http"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"csperf/internal/calendar"
	"csperf/internal/store"
)

// childEvent is one line of a child's timeline.
type childEvent struct {
	Date    calendar.Date
	End     calendar.Date // zero when the event has no end
	Open    bool          // an episode or plan still open at the end of its return
	Kind    string
	Details string
	Source  string // "903 2024-25", "CIN 2024-25"
	order   int    // kinds at the same date, in the order a reader expects
}

type childData struct {
	Key      string
	ID       string // the real ID, when revealed
	Revealed bool
	Reveal   bool // the user may reveal the real ID
	DOB      calendar.Date
	Sex      string
	Years    string // the returns the child is in
	Events   []childEvent
	Findings []childFinding
}

// childFinding is a DfE check finding about the child, as the page shows it.
type childFinding struct {
	store.ChildFinding
	Source string // "903 2024-25"
	File   string // the file's name without its folder
}

// pseudonymPattern is what pseudo.Key.Child gives: 16 lower-case base-32 characters.
var pseudonymPattern = regexp.MustCompile(`^[a-z2-7]{16}$`)

// childPage shows one child's record, found by pseudonym in the authority's loaded returns: a
// timeline of care episodes and placements, reviews, missing episodes, referrals, assessments and
// plans, and the DfE check findings about the child. Every view is audited before it is answered.
func (s *Server) childPage(w http.ResponseWriter, r *request) {
	key := r.PathValue("child")
	if !pseudonymPattern.MatchString(key) {
		http.Error(w, fmt.Sprintf("%q is not a child's reference: references are the 16 letters and digits shown in lists of children.", key),
			http.StatusNotFound)
		return
	}
	reveal := r.URL.Query().Get("reveal") == "1"
	detail := "child " + key
	if reveal {
		detail += ", real ID revealed"
	}
	if err := s.audit(r.Request, r.User, "view-child", r.LA, "%s", detail); err != nil {
		s.serverError(w, r.Request, fmt.Errorf("audit before showing a child: %w", err))
		return
	}
	rec, err := s.st.ChildRecord(r.Context(), r.LA, key)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	if !rec.Found() {
		http.Error(w, fmt.Sprintf("No child with the reference %s is in the returns loaded for this authority.", key), http.StatusNotFound)
		return
	}
	d := childData{Key: key, Reveal: true, Events: childTimeline(rec)}
	for _, f := range rec.Findings {
		src := "903 "
		if f.Return == store.ReturnCIN {
			src = "CIN "
		}
		d.Findings = append(d.Findings, childFinding{ChildFinding: f, Source: src + yearName(f.Year), File: path.Base(filepath.ToSlash(f.File))})
	}
	if reveal {
		d.ID, d.Revealed = rec.ID, true
	}
	var years []string
	for _, ret := range rec.Returns {
		years = append(years, "903 "+yearName(ret.Year))
		for _, h := range ret.Header {
			d.DOB, d.Sex = h.DOB, sexName(h.Sex)
		}
	}
	for _, c := range rec.Censuses {
		years = append(years, "CIN "+yearName(c.Year))
		if d.DOB.IsZero() {
			d.DOB, d.Sex = c.Child.BirthDate, sexName(c.Child.Gender)
		}
	}
	d.Years = strings.Join(years, ", ")
	s.render(w, r.Request, r.User, "child", page{Title: "Child " + key, LA: r.LA, Data: d})
}

// yearName names a collection year by its span: 2025 is "2024-25".
func yearName(y int) string { return fmt.Sprintf("%d-%02d", y-1, y%100) }

func sexName(code string) string {
	switch code {
	case "1":
		return "Male"
	case "2":
		return "Female"
	case "0":
		return "Not known"
	case "9":
		return "Not specified"
	}
	return code
}

// childTimeline lists the events of a child's record in date order. An event recorded in more than
// one year's return (an episode open at 31 March appears again the next year) is shown once, as the
// latest return records it.
func childTimeline(rec store.ChildRecord) []childEvent {
	seen := map[string]int{}
	var out []childEvent
	add := func(e childEvent) {
		if e.Date.IsZero() {
			return
		}
		k := e.Kind + "|" + e.Date.String()
		if e.Kind == "Review" || e.Kind == "Child protection review" {
			k += "|" + e.Details
		}
		if i, ok := seen[k]; ok {
			out[i] = e
			return
		}
		seen[k] = len(out)
		out = append(out, e)
	}
	for _, ret := range rec.Returns {
		src := "903 " + yearName(ret.Year)
		yearEnd := calendar.CollectionYearEnd(ret.Year)
		for _, e := range ret.Episodes {
			det := fmt.Sprintf("Legal status %s; placement %s", e.LS, placementName(e.Place))
			if e.PlaceProvider != "" {
				det += " (provider " + e.PlaceProvider + ")"
			}
			det += "; reason for new episode " + e.RNE
			if e.CIN != "" {
				det += "; category of need " + e.CIN
			}
			if !e.DEC.IsZero() {
				det += "; ended " + e.REC
				if e.ReasonPlaceChange != "" {
					det += ", placement change " + e.ReasonPlaceChange
				}
			}
			add(childEvent{Date: e.DECOM, End: e.DEC, Open: e.DEC.IsZero(), Kind: "Episode of care", Details: det, Source: src, order: 1})
		}
		for _, m := range ret.Missing {
			kind := "Missing"
			if m.Missing == "A" {
				kind = "Away from placement without authorisation"
			}
			add(childEvent{Date: m.MisStart, End: m.MisEnd, Open: m.MisEnd.IsZero(), Kind: kind, Source: src, order: 3})
		}
		for _, v := range ret.Reviews {
			add(childEvent{Date: v.Review, Kind: "Review", Details: "Participation " + v.ReviewCode, Source: src, order: 2})
		}
		for _, u := range ret.UASC {
			add(childEvent{Date: u.DUC, Kind: "Ceased to be an unaccompanied asylum-seeking child", Source: src, order: 4})
		}
		for _, a := range ret.AD1 {
			add(childEvent{Date: a.DateInt, Kind: "Decision to place for adoption", Source: src, order: 4})
			add(childEvent{Date: a.DateMatch, Kind: "Matched with adopters", Details: "Number of adopters " + a.NbAdoptr, Source: src, order: 4})
		}
		for _, p := range ret.PlacedAdoption {
			det := ""
			if !p.DatePlacedCeased.IsZero() {
				det = "Decision ceased, reason " + p.ReasonPlacedCeased
			}
			add(childEvent{Date: p.DatePlaced, End: p.DatePlacedCeased, Kind: "Decision that the child should be placed for adoption",
				Details: det, Source: src, order: 4})
		}
		for _, sw := range ret.SWEpisodes {
			add(childEvent{Date: sw.SWDecom, End: sw.SWDec, Open: sw.SWDec.IsZero(), Kind: "Social worker episode",
				Details: "Social worker " + sw.SWID, Source: src, order: 5})
		}
		for _, o := range ret.OC2 {
			det := "Health assessment " + yesNoCode(o.HealthAssessment) + "; immunisations " + yesNoCode(o.Immunisations) +
				"; teeth checked " + yesNoCode(o.TeethCheck)
			if o.SDQScore != nil {
				det += "; SDQ score " + strconv.Itoa(*o.SDQScore)
			}
			add(childEvent{Date: yearEnd, Kind: "Looked after for 12 months (outcomes)", Details: det, Source: src, order: 6})
		}
		for _, o := range ret.OC3 {
			add(childEvent{Date: yearEnd, Kind: "Care leaver (outcomes)", Details: "In touch " + o.InTouch + "; activity " + o.Activ +
				"; accommodation " + o.Accom, Source: src, order: 6})
		}
	}
	for _, c := range rec.Censuses {
		src := "CIN " + yearName(c.Year)
		for _, d := range c.Child.Details {
			det := "Source " + d.ReferralSource + "; primary need " + d.PrimaryNeed
			if d.ReferralNFA {
				det += "; no further action"
			}
			if !d.ClosureDate.IsZero() {
				det += "; closed, reason " + d.ReasonForClosure
			}
			add(childEvent{Date: d.ReferralDate, End: d.ClosureDate, Open: d.ClosureDate.IsZero(), Kind: "Referral (episode of need)",
				Details: det, Source: src, order: 1})
			for _, a := range d.Assessments {
				det := ""
				if len(a.Factors) > 0 {
					det = "Factors " + strings.Join(a.Factors, ", ")
				}
				add(childEvent{Date: a.Start, End: a.Authorised, Open: a.Authorised.IsZero(), Kind: "Assessment", Details: det, Source: src, order: 2})
			}
			for _, s47 := range d.Section47s {
				det := ""
				switch {
				case s47.ICPCNotRequired:
					det = "Initial conference not required"
				case !s47.ICPCDate.IsZero():
					det = "Initial conference on " + s47.ICPCDate.DMY()
				}
				add(childEvent{Date: s47.Start, Kind: "Section 47 enquiry", Details: det, Source: src, order: 3})
			}
			for _, p := range d.CINPlans {
				add(childEvent{Date: p.Start, End: p.End, Open: p.End.IsZero(), Kind: "Child in need plan", Source: src, order: 4})
			}
			for _, p := range d.CPPlans {
				det := "Category " + p.InitialCategory
				if p.LatestCategory != "" && p.LatestCategory != p.InitialCategory {
					det += ", latest " + p.LatestCategory
				}
				add(childEvent{Date: p.Start, End: p.End, Open: p.End.IsZero(), Kind: "Child protection plan", Details: det, Source: src, order: 4})
				for _, rv := range p.Reviews {
					add(childEvent{Date: rv, Kind: "Child protection review", Source: src, order: 5})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].order < out[j].order
	})
	return out
}

func yesNoCode(v string) string {
	switch v {
	case "1":
		return "yes"
	case "0":
		return "no"
	}
	return "not recorded"
}

// placementName gives a 903 placement type with its meaning, e.g. "U1 (foster placement with a
// relative or friend, long term)".
func placementName(code string) string {
	if l := placementLabel(code); l != "" {
		return code + " (" + l + ")"
	}
	return code
}

// placementLabel is the meaning of a 903 PLACE code, "" when unknown.
func placementLabel(code string) string {
	switch code {
	case "A3", "A4", "A5", "A6":
		return "placed for adoption"
	case "H5":
		return "semi-independent living"
	case "K1":
		return "secure children's home"
	case "K2":
		return "children's home"
	case "P1":
		return "placed with parents"
	case "P2":
		return "independent living"
	case "P3":
		return "residential employment"
	case "R1":
		return "residential care home"
	case "R2":
		return "NHS or health trust establishment"
	case "R3":
		return "family centre or mother and baby unit"
	case "R5":
		return "young offender institution or prison"
	case "S1":
		return "residential school"
	case "T0", "T1", "T2", "T3", "T4":
		return "temporary placement"
	case "U1", "U2", "U3":
		return "foster placement with a relative or friend"
	case "U4", "U5", "U6":
		return "foster placement with another foster carer"
	case "Z1":
		return "other placement"
	}
	return ""
}
