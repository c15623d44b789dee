package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"csperf/internal/finding"
	"csperf/internal/indicator"
	"csperf/internal/store"
)

// qualityRowsShown bounds the rows listed under one rule on the page; the CSV has them all.
const qualityRowsShown = 500

// qualitySnap is a snapshot offered on the data quality page.
type qualitySnap struct {
	ID       int64
	Name     string // "903 2024-25"
	LoadedAt time.Time
	LoadedBy string
	Selected bool
}

// qualityRow is one finding under a rule: the record it is about.
type qualityRow struct {
	Return   string // "903 2024-25"
	File     string // the file's name without its folder
	Table    string
	Row      int
	ChildKey string // the child's pseudonym, "" when the finding names no child
	ChildID  string // the authority's own ID, when revealed
	Fields   string
	Value    string
	Message  string // the finding's own message when it differs from the rule's
}

// qualityRule is the findings of one rule in one return.
type qualityRule struct {
	Anchor   string // the id of its rows on the page
	Return   string
	Rule     string
	Severity finding.Severity
	Message  string
	Tables   []string
	Count    int
	Affected []indicator.Indicator
	Rows     []qualityRow
	More     int // rows not listed on the page
}

type severityCount struct {
	Severity finding.Severity
	Count    int
	Label    string // "3 errors", "1 query"
}

// severityLabel says a number of findings of one severity in words.
func severityLabel(sev finding.Severity, n int) string {
	word := string(sev)
	if n != 1 {
		word += "s"
		if sev == finding.Query {
			word = "queries"
		}
	}
	return fmt.Sprintf("%d %s", n, word)
}

type qualityData struct {
	Snapshots    []qualitySnap // every snapshot of the authority, newest first, for the chooser
	Shown        []qualitySnap // the snapshots whose findings are shown
	Snapshot     int64         // the chosen snapshot, 0 for the latest of each return
	Table        string        // filters ("" for all)
	Severity     string
	Tables       []string // the tables the shown findings name, for the filter
	Severities   []finding.Severity
	Total        int // findings shown (after the filters)
	All          int // findings in the shown snapshots
	BySeverity   []severityCount
	Rules        []qualityRule
	CanViewChild bool
	Revealed     bool
	Query        string // the page's query without reveal, for links
}

var severityOrder = []finding.Severity{finding.Error, finding.Query, finding.Warning}

func severityRank(s finding.Severity) int {
	if i := slices.Index(severityOrder, s); i >= 0 {
		return i
	}
	return len(severityOrder)
}

// qualityFilter is what the query string asks for: a snapshot (0 for the latest of each return), a
// table and a severity.
type qualityFilter struct {
	Snapshot int64
	Table    string
	Severity string
	Reveal   bool
}

func readQualityFilter(r *request) (qualityFilter, string) {
	q := r.URL.Query()
	f := qualityFilter{Table: strings.TrimSpace(q.Get("table")), Severity: strings.TrimSpace(q.Get("severity")),
		Reveal: q.Get("reveal") == "1"}
	if v := q.Get("snapshot"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, fmt.Sprintf("The snapshot %q is not a snapshot number: choose one from the list.", v)
		}
		f.Snapshot = id
	}
	if f.Severity != "" && !slices.Contains(severityOrder, finding.Severity(f.Severity)) {
		return f, fmt.Sprintf("The severity %q is not one of error, query or warning.", f.Severity)
	}
	return f, ""
}

func (f qualityFilter) query() string {
	v := url.Values{}
	if f.Snapshot != 0 {
		v.Set("snapshot", strconv.FormatInt(f.Snapshot, 10))
	}
	if f.Table != "" {
		v.Set("table", f.Table)
	}
	if f.Severity != "" {
		v.Set("severity", f.Severity)
	}
	return v.Encode()
}

func (f qualityFilter) describe() string {
	var parts []string
	if f.Snapshot != 0 {
		parts = append(parts, fmt.Sprintf("snapshot %d", f.Snapshot))
	} else {
		parts = append(parts, "latest snapshots")
	}
	if f.Table != "" {
		parts = append(parts, "table "+f.Table)
	}
	if f.Severity != "" {
		parts = append(parts, "severity "+f.Severity)
	}
	if f.Reveal {
		parts = append(parts, "real IDs revealed")
	}
	return strings.Join(parts, ", ")
}

func (f qualityFilter) keep(x finding.Finding) bool {
	return (f.Table == "" || x.Table == f.Table) && (f.Severity == "" || string(x.Severity) == f.Severity)
}

// returnName names a snapshot's return and year: "903 2024-25".
func returnName(sn store.Snapshot) string {
	name := sn.Return
	switch sn.Return {
	case store.ReturnSSDA903:
		name = "903"
	case store.ReturnCIN:
		name = "CIN"
	case store.ReturnWorkforce:
		name = "Workforce"
	}
	return name + " " + yearName(sn.Year)
}

// fileBase is a file's name without the folder it was loaded from.
func fileBase(name string) string {
	if name == "" {
		return ""
	}
	return path.Base(filepath.ToSlash(name))
}

// qualitySnapshots returns the authority's snapshots (newest first) and those the filter selects: the
// chosen one, or the latest (by collection year, then load) of each return.
func (s *Server) qualitySnapshots(ctx context.Context, la int, f qualityFilter) ([]store.Snapshot, []store.Snapshot, error) {
	snaps, err := s.st.Snapshots(ctx, la)
	if err != nil {
		return nil, nil, err
	}
	slices.Reverse(snaps)
	var chosen []store.Snapshot
	if f.Snapshot != 0 {
		for _, sn := range snaps {
			if sn.ID == f.Snapshot {
				chosen = append(chosen, sn)
			}
		}
		return snaps, chosen, nil
	}
	latest := map[string]store.Snapshot{}
	for _, sn := range snaps {
		cur, ok := latest[sn.Return]
		if !ok || sn.Year > cur.Year || (sn.Year == cur.Year && sn.ID > cur.ID) {
			latest[sn.Return] = sn
		}
	}
	for _, ret := range []string{store.ReturnSSDA903, store.ReturnCIN, store.ReturnWorkforce} {
		if sn, ok := latest[ret]; ok {
			chosen = append(chosen, sn)
		}
	}
	return snaps, chosen, nil
}

// qualityRequest reads the filter of a data quality request (real IDs only for those who may see a
// child's record) and finds the snapshots: all of the authority's, and those shown. It answers 400
// or 404 itself and returns false when the request goes no further.
func (s *Server) qualityRequest(w http.ResponseWriter, r *request) (f qualityFilter, all, shown []store.Snapshot, ok bool) {
	f, problem := readQualityFilter(r)
	if problem != "" {
		http.Error(w, problem, http.StatusBadRequest)
		return f, nil, nil, false
	}
	f.Reveal = f.Reveal && r.can(ViewChild)
	all, shown, err := s.qualitySnapshots(r.Context(), r.LA, f)
	if err != nil {
		s.serverError(w, r.Request, err)
		return f, nil, nil, false
	}
	if f.Snapshot != 0 && len(shown) == 0 {
		http.Error(w, fmt.Sprintf("Snapshot %d is not one of this authority's loads: choose one from the list on the data quality page.", f.Snapshot),
			http.StatusNotFound)
		return f, nil, nil, false
	}
	return f, all, shown, true
}

// qualityPage lists the DfE check findings of the authority's latest snapshot of each return (or of
// one chosen snapshot), grouped by rule with counts, filtered by table and severity, with the rows
// behind each rule and the indicators each may distort. The rows name children, so the view is
// audited before it is answered.
func (s *Server) qualityPage(w http.ResponseWriter, r *request) {
	ctx := r.Context()
	f, all, shown, ok := s.qualityRequest(w, r)
	if !ok {
		return
	}
	if err := s.audit(r.Request, r.User, "view-findings", r.LA, "%s", f.describe()); err != nil {
		s.serverError(w, r.Request, fmt.Errorf("audit before showing findings: %w", err))
		return
	}
	d := qualityData{Snapshot: f.Snapshot, Table: f.Table, Severity: f.Severity, Severities: severityOrder,
		CanViewChild: r.can(ViewChild), Revealed: f.Reveal, Query: f.query()}
	for _, sn := range all {
		d.Snapshots = append(d.Snapshots, qualitySnap{ID: sn.ID, Name: returnName(sn), LoadedAt: sn.LoadedAt, LoadedBy: sn.LoadedBy,
			Selected: sn.ID == f.Snapshot})
	}
	tables := map[string]bool{}
	bySeverity := map[finding.Severity]int{}
	rules := map[string]*qualityRule{}
	var order []string
	for _, sn := range shown {
		d.Shown = append(d.Shown, qualitySnap{ID: sn.ID, Name: returnName(sn), LoadedAt: sn.LoadedAt, LoadedBy: sn.LoadedBy})
		fs, err := s.st.Findings(ctx, sn.ID)
		if err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		ret := returnName(sn)
		for _, x := range fs {
			d.All++
			if x.Table != "" {
				tables[x.Table] = true
			}
			if !f.keep(x) {
				continue
			}
			d.Total++
			bySeverity[x.Severity]++
			k := ret + "\x00" + x.Rule
			g, ok := rules[k]
			if !ok {
				g = &qualityRule{Anchor: fmt.Sprintf("rule-%d-%d", sn.ID, len(order)), Return: ret, Rule: x.Rule, Severity: x.Severity, Message: x.Message}
				rules[k] = g
				order = append(order, k)
			}
			g.Count++
			if severityRank(x.Severity) < severityRank(g.Severity) {
				g.Severity = x.Severity
			}
			if x.Table != "" && !slices.Contains(g.Tables, x.Table) {
				g.Tables = append(g.Tables, x.Table)
			}
			if len(g.Rows) >= qualityRowsShown {
				g.More++
				continue
			}
			row := qualityRow{Return: ret, File: fileBase(x.File), Table: x.Table, Row: x.Row, Fields: strings.Join(x.Fields, ", "),
				Value: x.Value}
			if x.Message != g.Message {
				row.Message = x.Message
			}
			if x.Child != "" {
				row.ChildKey = s.childKey(r.LA, x.Child)
				if f.Reveal {
					row.ChildID = x.Child
				}
			}
			g.Rows = append(g.Rows, row)
		}
	}
	for _, k := range order {
		g := rules[k]
		sort.Strings(g.Tables)
		for _, id := range indicator.AffectedBy(g.Tables...) {
			if ind, ok := indicator.Lookup(id); ok {
				g.Affected = append(g.Affected, ind)
			}
		}
		d.Rules = append(d.Rules, *g)
	}
	sort.SliceStable(d.Rules, func(i, j int) bool {
		a, b := d.Rules[i], d.Rules[j]
		if a.Severity != b.Severity {
			return severityRank(a.Severity) < severityRank(b.Severity)
		}
		if a.Return != b.Return {
			return a.Return < b.Return
		}
		return finding.RuleLess(a.Rule, b.Rule)
	})
	for _, sev := range severityOrder {
		d.BySeverity = append(d.BySeverity, severityCount{sev, bySeverity[sev], severityLabel(sev, bySeverity[sev])})
	}
	for t := range tables {
		d.Tables = append(d.Tables, t)
	}
	if f.Table != "" && !tables[f.Table] {
		d.Tables = append(d.Tables, f.Table)
	}
	sort.Strings(d.Tables)
	s.render(w, r.Request, r.User, "quality", page{Title: "Data quality", LA: r.LA, Data: d})
}

// childKey is the pseudonym of child id of authority la, as the store keeps it beside the real ID.
func (s *Server) childKey(la int, id string) string {
	if s.key == nil {
		return ""
	}
	return s.key.Child(la, id)
}

// qualityCSV downloads the findings the data quality page would show (every finding of the latest
// snapshot of each return, unless filtered), one row each, children by pseudonym unless ?reveal=1.
// The download is audited before it is answered.
func (s *Server) qualityCSV(w http.ResponseWriter, r *request) {
	ctx := r.Context()
	f, _, shown, ok := s.qualityRequest(w, r)
	if !ok {
		return
	}
	var items []finding.Finding
	for _, sn := range shown {
		fs, err := s.st.Findings(ctx, sn.ID)
		if err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		for _, x := range fs {
			if f.keep(x) {
				items = append(items, x)
			}
		}
	}
	var ids []string
	for _, sn := range shown {
		ids = append(ids, strconv.FormatInt(sn.ID, 10))
	}
	if err := s.audit(r.Request, r.User, "export-findings", r.LA, "%d findings of snapshots %s as CSV (%s)", len(items),
		strings.Join(ids, ", "), f.describe()); err != nil {
		s.serverError(w, r.Request, fmt.Errorf("audit before a findings download: %w", err))
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="findings-%d.csv"`, r.LA))
	cw := csv.NewWriter(w)
	cw.Write([]string{"rule", "severity", "table", "row", "child", "fields", "message", "file"})
	for _, x := range items {
		child := ""
		if x.Child != "" {
			child = s.childKey(r.LA, x.Child)
			if f.Reveal {
				child = x.Child
			}
		}
		row := ""
		if x.Row > 0 {
			row = strconv.Itoa(x.Row)
		}
		cw.Write([]string{csvSafe(x.Rule), string(x.Severity), csvSafe(x.Table), row, csvSafe(child),
			csvSafe(strings.Join(x.Fields, " ")), csvSafe(x.Message), csvSafe(fileBase(x.File))})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.log.WarnContext(ctx, "web: findings CSV not completed", "err", err)
	}
}
