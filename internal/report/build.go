// Package report assembles a committee's quarterly performance pack (a cover naming the data used,
// a summary of ratings by service area, a page per indicator with its chart, comparators, target,
// rating and narrative, the data-quality statement, definitions and a glossary) and renders it as a
// self-contained HTML file, a PDF (through headless Chromium) or an Excel workbook.
//
// Build reads everything from the store into a Report, with the figures already disclosed for the
// audience; the writers only lay it out, so the web application can preview the same report.
package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/cin"
	"csperf/internal/compare"
	"csperf/internal/disclose"
	"csperf/internal/finding"
	"csperf/internal/glossary"
	"csperf/internal/indicator"
	"csperf/internal/plan"
	"csperf/internal/pseudo"
	"csperf/internal/rating"
	"csperf/internal/scorecard"
	"csperf/internal/ssda903"
	"csperf/internal/store"
)

// Audience is who a report is issued to.
type Audience string

const (
	// Exempt is the internal view, for the closed part of a meeting: figures as the council's own
	// staff see them, small numbers included.
	Exempt Audience = "exempt"
	// Public is the published view: counts of 1 to 5 are suppressed everywhere.
	Public Audience = "public"
)

// ParseAudience reads "exempt" or "public".
func ParseAudience(s string) (Audience, error) {
	switch a := Audience(strings.ToLower(strings.TrimSpace(s))); a {
	case Exempt, Public:
		return a, nil
	}
	return "", fmt.Errorf("audience %q is neither exempt (the closed part of a meeting) nor public", s)
}

// Marking is the text every page of the report carries, saying which audience it is for.
func (a Audience) Marking() string {
	if a == Public {
		return "PUBLIC — small numbers suppressed"
	}
	return "EXEMPT — NOT FOR PUBLICATION: contains information about individuals (closed part of the meeting)"
}

// Short is the marking in a word or two, for page footers.
func (a Audience) Short() string {
	if a == Public {
		return "PUBLIC"
	}
	return "EXEMPT — NOT FOR PUBLICATION"
}

// Disclosure is the disclose audience whose rules the report's figures follow.
func (a Audience) Disclosure() disclose.Audience {
	if a == Public {
		return disclose.Public
	}
	return disclose.Analyst
}

// Options says which report to build.
type Options struct {
	Authority int      // DfE LA number
	Period    Period   // see ParsePeriod
	Pack      *Pack    // see LoadPack
	Audience  Audience // Exempt or Public
	Issued    calendar.Date
}

// Report is a committee report, its figures already disclosed for its audience.
type Report struct {
	Authority     int
	AuthorityName string
	Committee     string
	Title         string
	Pack          string // the pack's name
	Period        Period
	Issued        calendar.Date
	Audience      Audience
	Marking       string
	Source        string   // scorecard.FromReturns or scorecard.FromPublished
	Comparators   []string // where comparators come from: "published 2025", "this deployment"
	Snapshots     []SnapshotUsed
	Published     []PublishedUsed
	Sections      []Section
	Totals        RAGCounts   // over every section
	RatingKey     []RatingKey // the rating system, explained
	Plans         []PlanProgress
	DataQuality   DataQuality
	Definitions   []Definition
	Glossary      []glossary.Term // every acronym the pack uses, alphabetical
}

// SnapshotUsed is one snapshot the figures were computed from.
type SnapshotUsed struct {
	ID         int64
	Return     string // store.ReturnSSDA903, …
	ReturnName string // "Children looked after (SSDA903)"
	Year       int    // collection year, named by its end
	YearLabel  string // "2024-25"
	LoadedAt   time.Time
	LoadedBy   string
	// Checksum is the file's SHA-256 for a snapshot of one file; for several files, the SHA-256 of
	// their SHA-256 checksums (lower-case hex) sorted and joined by newlines.
	Checksum string
	Files    []store.SourceFile
}

// PublishedUsed is one file of DfE's published statistics in the store.
type PublishedUsed struct {
	Name, SHA256 string
	LoadedAt     time.Time
}

// Section is one service area of the report.
type Section struct {
	Number int
	Anchor string // id for links
	Title  string
	About  string
	Items  []Item
	Counts RAGCounts
}

// RAGCounts counts a section's indicators by rating.
type RAGCounts struct {
	Green, Amber, Red, Grey, None, NoValue int
}

// Total is the number of indicators counted.
func (c RAGCounts) Total() int { return c.Green + c.Amber + c.Red + c.Grey + c.None + c.NoValue }

func (c *RAGCounts) add(it Item) {
	switch {
	case !it.Has:
		c.NoValue++
	case it.Rating == rating.Green:
		c.Green++
	case it.Rating == rating.Amber:
		c.Amber++
	case it.Rating == rating.Red:
		c.Red++
	case it.Rating == rating.Grey:
		c.Grey++
	default:
		c.None++
	}
}

// RatingKey explains one rating.
type RatingKey struct {
	Rating  rating.Rating
	Label   string
	Meaning string
}

// Num is a figure: its value, whether there is one, and its text as shown. A suppressed figure has
// OK false and Text "c".
type Num struct {
	Value float64
	OK    bool
	Text  string
}

// Compared is an earlier value with the direction of travel from it to now.
type Compared struct {
	At    calendar.Date
	Shown string // as disclosed: "62", "7 of 9", "c", "x"
	Value Num
	Trend rating.Trend
}

// Point is one value of an indicator's chart; Valid is false where there is no value or it is
// suppressed for the audience.
type Point struct {
	At    calendar.Date
	Value float64
	Valid bool
}

// Item is one indicator of the report.
type Item struct {
	Indicator indicator.Indicator
	Anchor    string
	Has       bool   // a value for the period
	Shown     string // the value as disclosed: "68", "7 of 9", "c", "x"
	Value     Num    // the value as a number (not OK when suppressed or missing)
	// Numerator and Denominator are the counts behind the value, as disclosed: OK false with Text
	// "c" when suppressed, OK false with Text "" when not applicable.
	Numerator, Denominator Num
	Previous               *Compared // the previous period (nil for a yearly report: see YearAgo)
	YearAgo                *Compared
	England, Region        Num
	SNMean                 Num
	Comparator             string // where comparators come from
	Rank, Of               int
	Band                   string
	Funnel                 rating.FunnelPosition
	Milestone              Num
	Target                 Num
	Stretch                Num
	TargetPeriod           calendar.Date
	Rating                 rating.Rating
	RatingLabel            string
	Narrative              string
	NarrativeEdited        bool // written by an analyst rather than generated
	NarrativeAuthor        string
	NarrativeUpdated       time.Time
	Series                 []Point // month ends over the three years to the period end
	EnglandSeries          []Point // England's value over the same years, where known (see englandSeries)
	DataQuality            int     // open error findings in the records this indicator is computed from (-1: suppressed)
	DataQualityText        string  // the same, as disclosed
}

// PlanProgress is one improvement plan's progress, for the section shown where plans exist.
type PlanProgress struct {
	Title           string
	Source          string // what the plan answers, e.g. "Ofsted ILACS inspection"
	Complete, Total int    // actions complete, of all
	Overdue         int    // actions past their due date at the issue date and not complete
	Recommendations []PlanRecommendation
}

// PlanRecommendation is one recommendation of a plan with its actions.
type PlanRecommendation struct {
	Number     int
	Text       string
	Indicators []string // catalogue ids of the indicators it aims to move
	Actions    []PlanAction
}

// PlanAction is one action of a plan.
type PlanAction struct {
	Action, Owner, Status string
	Due                   calendar.Date
	Overdue               bool
	Progress              string // the latest progress note
	Evidence              string // titles of the evidence, joined
}

// DataQuality is the statement of the open errors in the snapshots the report used.
type DataQuality struct {
	Rules      []RuleCount
	Total      Num // error findings in all (not OK when suppressed)
	Indicators []string
}

// RuleCount is the number of error findings of one rule in the snapshots used.
type RuleCount struct {
	Return     string // store.ReturnSSDA903 or store.ReturnCIN
	Rule       string
	About      string // what the rule checks
	Count      Num    // records found in error (suppressed for the public when 1 to 5)
	Indicators []string
}

// Definition is an indicator's entry in the appendix of definitions.
type Definition struct {
	ID, Title, Meaning, Why, Unit, Polarity, Period, Source, LAIT string
}

// Build assembles the report of opts from the store.
func Build(ctx context.Context, st *store.Store, key *pseudo.Key, opts Options) (*Report, error) {
	if opts.Pack == nil {
		return nil, fmt.Errorf("build report: no pack given")
	}
	if opts.Audience != Exempt && opts.Audience != Public {
		return nil, fmt.Errorf("build report: audience %q is neither exempt nor public", opts.Audience)
	}
	la, at := opts.Authority, opts.Period.End
	r := &Report{Authority: la, Committee: opts.Pack.Committee, Title: opts.Pack.Title, Pack: packName(opts.Pack),
		Period: opts.Period, Issued: opts.Issued, Audience: opts.Audience, Marking: opts.Audience.Marking(),
		RatingKey: ratingKey()}
	as, err := st.Authorities(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	deployment := map[int]bool{}
	for _, a := range as {
		deployment[a.Number] = true
		if a.Number == la {
			r.AuthorityName = a.Name
		}
	}
	if r.AuthorityName == "" {
		return nil, fmt.Errorf("build report: LA %d is not in the database (load its returns, or import the authorities)", la)
	}
	aud := opts.Audience.Disclosure()
	rows, source, err := scorecard.Build(ctx, st, key, la, at, aud)
	if err != nil {
		return nil, fmt.Errorf("build report for LA %d at %s: %w", la, at, err)
	}
	r.Source = source
	byID := map[string]*scorecard.Row{}
	for i := range rows {
		byID[rows[i].Indicator.ID] = &rows[i]
	}
	narratives, err := st.Narratives(ctx, la, at)
	if err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	if err := r.addSources(ctx, st, la, at); err != nil {
		return nil, err
	}
	affected, err := r.addDataQuality(ctx, st, opts.Pack)
	if err != nil {
		return nil, err
	}
	for i, ps := range opts.Pack.Sections {
		sec := Section{Number: i + 1, Anchor: fmt.Sprintf("section-%d", i+1), Title: ps.Title, About: ps.About}
		for _, id := range ps.Indicators {
			ind, _ := indicator.Lookup(id)
			series, err := st.Values(ctx, la, id, at.AddYears(-3).AddDays(1), at)
			if err != nil {
				return nil, fmt.Errorf("build report: %w", err)
			}
			it := item(ind, byID[id], series, opts, narratives)
			if it.England.OK {
				if it.EnglandSeries, err = englandSeries(ctx, st, ind, it.Comparator, at, deployment, opts.Audience); err != nil {
					return nil, fmt.Errorf("build report: %w", err)
				}
			}
			if n, ok := affected[id]; ok {
				it.DataQuality, it.DataQualityText = n, countText(int64(n), opts.Audience)
				if it.DataQualityText == disclose.Suppressed {
					it.DataQuality = -1
				}
			}
			if it.Comparator != "" && !slices.Contains(r.Comparators, it.Comparator) {
				r.Comparators = append(r.Comparators, it.Comparator)
			}
			sec.Items = append(sec.Items, it)
			sec.Counts.add(it)
			r.Totals.add(it)
		}
		r.Sections = append(r.Sections, sec)
	}
	if err := r.addPlans(ctx, st, opts.Pack); err != nil {
		return nil, err
	}
	r.addDefinitions()
	return r, nil
}

// item builds the report's entry for one indicator from its scorecard row (nil when there is no
// value for the period) and its stored monthly values.
func item(ind indicator.Indicator, row *scorecard.Row, series []store.Value, opts Options, narratives map[string]store.Narrative) Item {
	aud := opts.Audience.Disclosure()
	it := Item{Indicator: ind, Anchor: "ind-" + ind.ID, Shown: disclose.NotAvailable, Rating: rating.None}
	for _, v := range series {
		if v.Category != "" {
			continue
		}
		iv := storedValue(v)
		p := Point{At: v.PeriodEnd, Value: v.Value, Valid: v.Valid}
		if p.Valid && disclose.Show(ind, iv, aud) == disclose.Suppressed {
			p.Valid, p.Value = false, 0
		}
		it.Series = append(it.Series, p)
	}
	if row == nil {
		it.RatingLabel = "No value for this period"
		return it
	}
	it.Has = true
	v := row.Value
	it.Shown = row.Shown
	it.Value = figure(ind, v, aud)
	it.Numerator, it.Denominator = counts(ind, v, it.Shown, opts.Audience)
	earlier := func(e *indicator.Value, trend rating.Trend, at calendar.Date) *Compared {
		c := &Compared{At: at, Shown: disclose.NotAvailable, Trend: rating.NotComparable}
		if e != nil {
			c.Shown, c.Value, c.Trend = disclose.Show(ind, *e, aud), figure(ind, *e, aud), trend
		}
		return c
	}
	switch opts.Period.Months {
	case 3:
		it.Previous = earlier(row.Previous, row.Trend, opts.Period.End.AddMonths(-3))
	case 1:
		at := opts.Period.End.AddMonths(-1)
		var prev *indicator.Value
		trend := rating.NotComparable
		for _, s := range series {
			if s.PeriodEnd == at && s.Category == "" {
				pv := storedValue(s)
				prev, trend = &pv, rating.Direction(ind, v, pv)
			}
		}
		it.Previous = earlier(prev, trend, at)
	}
	it.YearAgo = earlier(row.YearAgo, row.YearTrend, opts.Period.End.AddMonths(-12))
	c := row.Comparison
	it.England = comparator(ind, c.England, c.HasEngland, opts.Audience)
	it.Region = comparator(ind, c.Region, c.HasRegion, opts.Audience)
	it.SNMean = comparator(ind, c.SNMean, c.SNCount > 0, opts.Audience)
	it.Comparator, it.Rank, it.Of, it.Band, it.Funnel = row.Comparator, c.Rank, c.Of, c.Band, row.Funnel
	if t := row.Target; t != nil {
		lvl := func(x *float64) Num {
			if x == nil {
				return Num{}
			}
			return Num{Value: *x, OK: true, Text: level(ind, *x)}
		}
		it.Milestone, it.Target, it.Stretch, it.TargetPeriod = lvl(t.Milestone), lvl(t.Target), lvl(t.Stretch), t.PeriodEnd
	}
	it.Rating, it.RatingLabel = row.Rating, row.Rating.Label()
	it.Narrative = row.Narrative
	if n, ok := narratives[ind.ID]; ok && strings.TrimSpace(n.Text) != "" {
		it.Narrative, it.NarrativeEdited, it.NarrativeAuthor, it.NarrativeUpdated = n.Text, true, n.Author, n.Updated
		if it.Shown == disclose.Suppressed && opts.Audience == Public {
			it.Narrative, it.NarrativeEdited = "", false
		}
	}
	if opts.Audience == Public {
		it.Narrative = RedactSmallCounts(it.Narrative)
	}
	return it
}

// englandSeries returns England's value of ind over the three years to at, from the same source as
// the item's comparators: from published figures at each 31 March, or pooled from the values of the
// deployment's authorities at each quarter end.
func englandSeries(ctx context.Context, st *store.Store, ind indicator.Indicator, from string, at calendar.Date,
	deployment map[int]bool, a Audience) ([]Point, error) {
	var out []Point
	add := func(d calendar.Date, x float64, ok bool) {
		if ok && a == Public && ind.Unit == indicator.Count && small(int64(indicator.Round(x, 0))) {
			ok = false
		}
		if ok {
			out = append(out, Point{At: d, Value: x, Valid: true})
		}
	}
	start := at.AddYears(-3)
	if strings.HasPrefix(from, "published") {
		for y := indicator.CollectionYear(start); y <= indicator.CollectionYear(at); y++ {
			d := calendar.CollectionYearEnd(y)
			if d <= start || d > at {
				continue
			}
			pv, err := st.Published(ctx, ind.ID, y)
			if err != nil {
				return nil, err
			}
			for _, p := range pv {
				if p.Level == compare.LevelNational && p.Symbol == "" {
					add(d, p.Value, true)
				}
			}
		}
		return out, nil
	}
	for i := 12; i >= 0; i-- {
		d := at.AddMonths(-3 * i)
		d = calendar.Of(d.Year(), d.Time().Month(), calendar.DaysIn(d.Year(), d.Time().Month()))
		vals, err := st.ValuesAt(ctx, ind.ID, d)
		if err != nil {
			return nil, err
		}
		var parts []compare.Fraction
		for _, v := range vals {
			if deployment[v.Authority] && v.Category == "" && v.Valid {
				parts = append(parts, compare.Fraction{Numerator: float64(v.Numerator), Denominator: float64(v.Denominator)})
			}
		}
		if len(parts) >= 2 {
			x, ok := compare.Pooled(ind.Unit, parts)
			add(d, x, ok)
		}
	}
	return out, nil
}

// storedValue turns a stored value into the engine's.
func storedValue(v store.Value) indicator.Value {
	return indicator.Value{Indicator: v.Indicator, Authority: v.Authority, PeriodEnd: v.PeriodEnd, Category: v.Category,
		Numerator: v.Numerator, Denominator: v.Denominator, Value: v.Value, Valid: v.Valid}
}

// figure is v as a number, unless it is missing or suppressed for the audience.
func figure(ind indicator.Indicator, v indicator.Value, aud disclose.Audience) Num {
	shown := disclose.Show(ind, v, aud)
	switch shown {
	case disclose.NotAvailable:
		return Num{Text: shown}
	case disclose.Suppressed:
		return Num{Text: shown}
	}
	return Num{Value: indicator.Round(v.Value, ind.Decimals), OK: true, Text: level(ind, v.Value)}
}

// counts returns the numerator and denominator of v as the audience may see them: none for a rate
// (its denominator is the population) or a count, both suppressed when the value is.
func counts(ind indicator.Indicator, v indicator.Value, shown string, a Audience) (num, den Num) {
	if !v.Valid {
		return Num{}, Num{}
	}
	switch ind.Unit {
	case indicator.Count:
		return Num{}, Num{}
	case indicator.Rate10k:
		num = Num{Value: float64(v.Numerator), OK: true, Text: disclose.Number(float64(v.Numerator), 0)}
		if shown == disclose.Suppressed {
			num = Num{Text: disclose.Suppressed}
		}
		return num, Num{Value: float64(v.Denominator), OK: v.Denominator > 0, Text: disclose.Number(float64(v.Denominator), 0)}
	}
	if v.Denominator == 0 {
		return Num{}, Num{}
	}
	if shown == disclose.Suppressed {
		return Num{Text: disclose.Suppressed}, Num{Text: disclose.Suppressed}
	}
	num = Num{Value: float64(v.Numerator), OK: true, Text: disclose.Number(float64(v.Numerator), 0)}
	den = Num{Value: float64(v.Denominator), OK: true, Text: disclose.Number(float64(v.Denominator), 0)}
	if ind.Unit == indicator.Days || ind.Unit == indicator.Score {
		// The numerator of an average is a sum of days or points, not a count of children.
		num.Text = disclose.Number(float64(v.Numerator), 0)
	}
	if a == Public && (small(v.Numerator) && ind.Unit == indicator.Percent || small(v.Denominator)) {
		return Num{Text: disclose.Suppressed}, Num{Text: disclose.Suppressed}
	}
	return num, den
}

func small(n int64) bool { return n >= 1 && n <= 5 }

// comparator is a comparator value; for counts shown to the public, a value of 1 to 5 is suppressed.
func comparator(ind indicator.Indicator, x float64, ok bool, a Audience) Num {
	if !ok {
		return Num{}
	}
	if a == Public && ind.Unit == indicator.Count {
		if r := indicator.Round(x, 0); r >= 1 && r <= 5 {
			return Num{Text: disclose.Suppressed}
		}
	}
	return Num{Value: indicator.Round(x, ind.Decimals), OK: true, Text: level(ind, x)}
}

// level formats a value of the indicator (a comparator or a target level) with its unit.
func level(ind indicator.Indicator, x float64) string {
	s := disclose.Number(x, ind.Decimals)
	if ind.Unit == indicator.Percent {
		s += "%"
	}
	return s
}

// countText is a count of records as the audience may see it.
func countText(n int64, a Audience) string {
	if a == Public && small(n) {
		return disclose.Suppressed
	}
	return disclose.Number(float64(n), 0)
}

// smallCount matches a whole number standing alone: not part of a decimal, a date, a percentage or
// a longer number.
var smallCount = regexp.MustCompile(`(^|[^0-9.,/£$A-Za-z-])([1-5])([^0-9%.,/]|\.(?:[^0-9]|$)|,(?:[^0-9]|$)|$)`)

// RedactSmallCounts replaces every standalone number from 1 to 5 in text by "c", so that a sentence
// written for the internal view gives no small count away in a public report ("3 of 14 children"
// becomes "c of 14 children"). Percentages, decimals, dates and larger numbers are kept.
func RedactSmallCounts(text string) string {
	for {
		out := smallCount.ReplaceAllString(text, "${1}c${3}")
		if out == text {
			return out
		}
		text = out
	}
}

// addSources records the snapshots the figures were computed from (the latest load of each return
// and collection year, as the indicator engine uses, from the year three years before the period
// on) and the published statistics files in the store.
func (r *Report) addSources(ctx context.Context, st *store.Store, la int, at calendar.Date) error {
	snaps, err := st.Snapshots(ctx, la)
	if err != nil {
		return fmt.Errorf("build report: %w", err)
	}
	latest := map[string]store.Snapshot{}
	for _, s := range snaps { // oldest first: later loads replace earlier ones
		latest[fmt.Sprintf("%s/%d", s.Return, s.Year)] = s
	}
	first := indicator.CollectionYear(at.AddYears(-3))
	for _, s := range latest {
		if s.Year < first {
			continue
		}
		sums := make([]string, 0, len(s.Files))
		for _, f := range s.Files {
			sums = append(sums, strings.ToLower(f.SHA256))
		}
		sort.Strings(sums)
		sum := ""
		switch len(sums) {
		case 0:
		case 1:
			sum = sums[0]
		default:
			h := sha256.Sum256([]byte(strings.Join(sums, "\n")))
			sum = hex.EncodeToString(h[:])
		}
		r.Snapshots = append(r.Snapshots, SnapshotUsed{ID: s.ID, Return: s.Return, ReturnName: returnName(s.Return),
			Year: s.Year, YearLabel: fmt.Sprintf("%d-%02d", s.Year-1, s.Year%100), LoadedAt: s.LoadedAt, LoadedBy: s.LoadedBy,
			Checksum: sum, Files: s.Files})
	}
	order := map[string]int{store.ReturnSSDA903: 0, store.ReturnCIN: 1, store.ReturnWorkforce: 2}
	sort.Slice(r.Snapshots, func(i, j int) bool {
		a, b := r.Snapshots[i], r.Snapshots[j]
		if order[a.Return] != order[b.Return] {
			return order[a.Return] < order[b.Return]
		}
		return a.Year < b.Year
	})
	pub, err := st.PublishedSources(ctx)
	if err != nil {
		return fmt.Errorf("build report: %w", err)
	}
	for _, p := range pub {
		r.Published = append(r.Published, PublishedUsed{Name: p.Name, SHA256: p.SHA256, LoadedAt: p.LoadedAt})
	}
	return nil
}

func returnName(ret string) string {
	switch ret {
	case store.ReturnSSDA903:
		return "Children looked after (SSDA903)"
	case store.ReturnCIN:
		return "Children in need census (CIN)"
	case store.ReturnWorkforce:
		return "Social work workforce"
	}
	return ret
}

// addDataQuality counts the error findings of the snapshots used by rule, with the pack's
// indicators each rule's records feed, and returns the number of findings touching each indicator.
func (r *Report) addDataQuality(ctx context.Context, st *store.Store, p *Pack) (map[string]int, error) {
	inPack := map[string]bool{}
	for _, s := range p.Sections {
		for _, id := range s.Indicators {
			inPack[id] = true
		}
	}
	about := map[string]string{}
	for _, c := range ssda903.Checks() {
		about[store.ReturnSSDA903+"/"+c.Code] = c.About
	}
	for _, c := range cin.Checks() {
		about[store.ReturnCIN+"/"+c.Code] = c.About
	}
	type acc struct {
		rc    RuleCount
		n     int64
		parts map[string]bool
	}
	byRule := map[string]*acc{}
	affected := map[string]int{}
	var total int64
	for _, s := range r.Snapshots {
		fs, err := st.Findings(ctx, s.ID)
		if err != nil {
			return nil, fmt.Errorf("build report: %w", err)
		}
		for _, f := range fs {
			if f.Severity != finding.Error {
				continue
			}
			k := s.Return + "/" + f.Rule
			a := byRule[k]
			if a == nil {
				a = &acc{rc: RuleCount{Return: s.Return, Rule: f.Rule, About: about[k]}, parts: map[string]bool{}}
				if a.rc.About == "" {
					a.rc.About = f.Message
				}
				byRule[k] = a
			}
			a.n++
			total++
			if f.Table != "" {
				a.parts[f.Table] = true
			}
			for _, id := range indicator.AffectedBy(f.Table) {
				if inPack[id] {
					affected[id]++
				}
			}
		}
	}
	keys := make([]string, 0, len(byRule))
	for k := range byRule {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := byRule[keys[i]], byRule[keys[j]]
		if a.n != b.n {
			return a.n > b.n
		}
		if a.rc.Return != b.rc.Return {
			return a.rc.Return > b.rc.Return // ssda903 before cin
		}
		return finding.RuleLess(a.rc.Rule, b.rc.Rule)
	})
	suppressed := false
	touched := map[string]bool{}
	for _, k := range keys {
		a := byRule[k]
		a.rc.Count = Num{Value: float64(a.n), OK: true, Text: countText(a.n, r.Audience)}
		if a.rc.Count.Text == disclose.Suppressed {
			a.rc.Count, suppressed = Num{Text: disclose.Suppressed}, true
		}
		parts := make([]string, 0, len(a.parts))
		for part := range a.parts {
			parts = append(parts, part)
		}
		for _, id := range indicator.AffectedBy(parts...) {
			if inPack[id] {
				a.rc.Indicators = append(a.rc.Indicators, id)
				touched[id] = true
			}
		}
		r.DataQuality.Rules = append(r.DataQuality.Rules, a.rc)
	}
	r.DataQuality.Total = Num{Value: float64(total), OK: true, Text: countText(total, r.Audience)}
	if suppressed || r.DataQuality.Total.Text == disclose.Suppressed {
		// With a rule's count hidden, the total would give it away.
		r.DataQuality.Total = Num{Text: disclose.Suppressed}
	}
	for _, ind := range indicator.Catalogue() {
		if touched[ind.ID] {
			r.DataQuality.Indicators = append(r.DataQuality.Indicators, ind.ID)
		}
	}
	return affected, nil
}

// addPlans adds the authority's improvement plans that aim to move an indicator of the pack (or
// name no indicator at all); a public report shows only published plans.
func (r *Report) addPlans(ctx context.Context, st *store.Store, p *Pack) error {
	plans, err := st.Plans(ctx, r.Authority)
	if err != nil {
		return fmt.Errorf("build report: %w", err)
	}
	inPack := map[string]bool{}
	for _, s := range p.Sections {
		for _, id := range s.Indicators {
			inPack[id] = true
		}
	}
	text := func(s string) string {
		if r.Audience == Public {
			return RedactSmallCounts(s)
		}
		return s
	}
	for _, pl := range plans {
		if r.Audience == Public && pl.Published.IsZero() {
			continue
		}
		relevant, measures := false, 0
		for _, rec := range pl.Recommendations {
			for _, m := range rec.Measures {
				measures++
				relevant = relevant || inPack[m.Indicator]
			}
		}
		if !relevant && measures > 0 {
			continue
		}
		pp := PlanProgress{Title: text(pl.Title), Source: text(pl.Source)}
		for _, rec := range pl.Recommendations {
			pr := PlanRecommendation{Number: rec.Number, Text: text(rec.Text)}
			for _, m := range rec.Measures {
				if _, ok := indicator.Lookup(m.Indicator); ok && !slices.Contains(pr.Indicators, m.Indicator) {
					pr.Indicators = append(pr.Indicators, m.Indicator)
				}
			}
			for _, a := range rec.Actions {
				pa := PlanAction{Action: text(a.Description), Owner: a.Owner, Status: a.Status.Label(), Due: a.Due,
					Overdue: plan.Overdue(a, r.Issued)}
				if len(a.Notes) > 0 {
					pa.Progress = text(a.Notes[len(a.Notes)-1].Text)
				}
				var ev []string
				for _, e := range a.Evidence {
					ev = append(ev, text(e.Title))
				}
				pa.Evidence = strings.Join(ev, "; ")
				pp.Total++
				if a.Status == plan.Complete {
					pp.Complete++
				}
				if pa.Overdue {
					pp.Overdue++
				}
				pr.Actions = append(pr.Actions, pa)
			}
			pp.Recommendations = append(pp.Recommendations, pr)
		}
		r.Plans = append(r.Plans, pp)
	}
	return nil
}

// addDefinitions fills the appendix of definitions and the glossary of the acronyms the pack uses.
func (r *Report) addDefinitions() {
	var text strings.Builder
	text.WriteString(r.Committee + " " + r.Title + " RAG SN CIN CLA SSDA903 DfE ")
	acronyms := map[string]bool{"RAG": true, "SN": true, "DfE": true}
	for _, s := range r.Sections {
		text.WriteString(s.Title + " " + s.About + " ")
		for _, it := range s.Items {
			ind := it.Indicator
			r.Definitions = append(r.Definitions, Definition{ID: ind.ID, Title: ind.Title, Meaning: ind.Meaning, Why: ind.Why,
				Unit: ind.Unit.Describe(), Polarity: ind.Polarity.Describe(), Period: ind.Period.Describe(),
				Source: ind.Source.Describe(), LAIT: ind.LAIT})
			text.WriteString(ind.Title + " " + ind.Meaning + " " + ind.Why + " " + it.Narrative + " ")
			for _, a := range ind.Acronyms {
				acronyms[a] = true
			}
		}
	}
	for _, rc := range r.DataQuality.Rules {
		text.WriteString(rc.About + " ")
	}
	for _, t := range glossary.Find(text.String()) {
		acronyms[t.Acronym] = true
	}
	for a := range acronyms {
		if t, ok := glossary.Lookup(a); ok {
			r.Glossary = append(r.Glossary, t)
		}
	}
	slices.SortFunc(r.Glossary, func(a, b glossary.Term) int {
		return strings.Compare(strings.ToUpper(a.Acronym), strings.ToUpper(b.Acronym))
	})
	r.Glossary = slices.CompactFunc(r.Glossary, func(a, b glossary.Term) bool { return a.Acronym == b.Acronym })
}

func ratingKey() []RatingKey {
	return []RatingKey{
		{rating.Green, rating.Green.Label(), "The figure meets its target, or is better than it."},
		{rating.Amber, rating.Amber.Label(), "The figure is worse than its target, but within the tolerance agreed for it."},
		{rating.Red, rating.Red.Label(), "The figure is worse than its target by more than the tolerance."},
		{rating.Grey, rating.Grey.Label(), "The figure is context rather than performance (neither higher nor lower is better), or its target is for monitoring only."},
		{rating.None, rating.None.Label(), "No target has been set for the period."},
	}
}

// Items returns every item of the report, section by section.
func (r *Report) Items() []Item {
	var out []Item
	for _, s := range r.Sections {
		out = append(out, s.Items...)
	}
	return out
}
