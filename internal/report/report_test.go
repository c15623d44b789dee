package report

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"csperf/internal/calendar"
	"csperf/internal/disclose"
	"csperf/internal/indicator"
	"csperf/internal/plan"
	"csperf/internal/scorecard"
	"csperf/internal/store"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in     string
		kind   PeriodKind
		end    calendar.Date
		months int
	}{
		{"2025-Q4", Quarter, calendar.Of(2025, time.December, 31), 3},
		{"2025-q1", Quarter, calendar.Of(2025, time.March, 31), 3},
		{"2024-Q2", Quarter, calendar.Of(2024, time.June, 30), 3},
		{"2025-03", Month, calendar.Of(2025, time.March, 31), 1},
		{"2024-02", Month, calendar.Of(2024, time.February, 29), 1},
		{"2024-25", Year, calendar.Of(2025, time.March, 31), 12},
		{"1999-00", Year, calendar.Of(2000, time.March, 31), 12},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if p.Kind != tt.kind || p.End != tt.end || p.Months != tt.months {
			t.Errorf("%s: got %s ending %s (%d months), want %s ending %s", tt.in, p.Kind, p.End, p.Months, tt.kind, tt.end)
		}
	}
	for _, bad := range []string{"", "2025", "2025-Q5", "2025-13", "2024-26", "Q4 2025", "2025-00"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestPacks(t *testing.T) {
	for _, name := range BuiltInPacks() {
		p, err := LoadPack(name)
		if err != nil {
			t.Fatalf("built-in pack %s: %v", name, err)
		}
		if len(p.Sections) == 0 {
			t.Errorf("built-in pack %s has no sections", name)
		}
	}
	if got := BuiltInPacks(); strings.Join(got, ",") != "corporate-parenting,cyp-scrutiny" {
		t.Errorf("built-in packs %v", got)
	}
	// The scrutiny pack covers every single-figure indicator of the catalogue, once.
	p, err := LoadPack("cyp-scrutiny")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range p.Sections {
		n += len(s.Indicators)
	}
	want := 0
	for _, ind := range indicator.Catalogue() {
		if ind.Categories == nil {
			want++
		}
	}
	if n != want {
		t.Errorf("cyp-scrutiny has %d indicators, the catalogue %d single-figure ones", n, want)
	}
}

func TestPackErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, text string
		want       []string
	}{
		{"typo.yaml", "committee: Panel\ntitle: T\nsections:\n  - title: A\n    indicators:\n      - cla-count\n      - cla-rat\n",
			[]string{"typo.yaml", "line 7", "sections[0].indicators[1]", `unknown indicator "cla-rat"`, `did you mean "cla-rate"`}},
		{"field.yaml", "committee: Panel\ntitle: T\nsection:\n  - title: A\n",
			[]string{"field.yaml", "line 3", "unknown field section"}},
		{"secfield.yaml", "committee: Panel\ntitle: T\nsections:\n  - title: A\n    indicator: [cla-count]\n",
			[]string{"secfield.yaml", "line 5", `unknown field "indicator"`}},
		{"bad.yaml", "committee: Panel\ntitle: [unclosed\n", []string{"bad.yaml", "line"}},
		{"nocommittee.yaml", "title: T\nsections:\n  - title: A\n    indicators: [cla-count]\n", []string{"nocommittee.yaml", "committee is missing"}},
		{"outcome.yaml", "committee: P\ntitle: T\nsections:\n  - outcome: happiness\n", []string{"outcome.yaml", "line 4", "sections[0].outcome", `unknown outcome "happiness"`}},
		{"breakdown.yaml", "committee: P\ntitle: T\nsections:\n  - title: A\n    indicators: [cla-by-age]\n", []string{"line 5", "breakdown"}},
		{"bad.json", `{"committee": "P", "title": "T", "sections": [{"title": "A", "indicators": ["cla-count", "nope"]}]}`,
			[]string{"bad.json", "line 1", "sections[0].indicators[1]", `unknown indicator "nope"`}},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadPack(path)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tt.name, err, w)
			}
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line: %q", tt.name, err)
		}
	}
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(`{"committee": "P", "title": "T", "sections": [{"title": "A", "indicators": ["cla-count", "cla-rate"]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := LoadPack(good); err != nil || len(p.Sections) != 1 || len(p.Sections[0].Indicators) != 2 {
		t.Errorf("JSON pack: %+v, %v", p, err)
	}
	if _, err := LoadPack("corporate-parenting-panel"); err == nil || !strings.Contains(err.Error(), "built-in packs are") {
		t.Errorf("unknown pack name: %v", err)
	}
}

func TestRedactSmallCounts(t *testing.T) {
	tests := map[string]string{
		"3 of 14 children were placed":          "c of 14 children were placed",
		"rose from 2 to 5 children":             "rose from c to c children",
		"rose from 4% to 5.5% (12 of 240)":      "rose from 4% to 5.5% (12 of 240)",
		"on 01/02/2025 and in 2025 with 15":     "on 01/02/2025 and in 2025 with 15",
		"1,234 children, S47 enquiries, Q3":     "1,234 children, S47 enquiries, Q3",
		"5.":                                    "c.",
		"Only 1, then 2.":                       "Only c, then c.",
		"12 children; 3 went missing; 0 found.": "12 children; c went missing; 0 found.",
	}
	for in, want := range tests {
		if got := RedactSmallCounts(in); got != want {
			t.Errorf("RedactSmallCounts(%q) = %q, want %q", in, got, want)
		}
	}
}

// testReport builds a report of the test deployment.
func testReport(t testing.TB, st *store.Store, la int, pack, period string, a Audience) *Report {
	t.Helper()
	p, err := LoadPack(pack)
	if err != nil {
		t.Fatal(err)
	}
	per, err := ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(context.Background(), st, testKey(t), Options{Authority: la, Period: per, Pack: p, Audience: a, Issued: testIssued})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestHTMLGolden compares the HTML packs with the golden files; go test -run Golden -update
// rewrites them.
func TestHTMLGolden(t *testing.T) {
	st, _, la := newStore(t)
	for _, tt := range []struct {
		pack, period string
		a            Audience
	}{
		{"corporate-parenting", "2025-Q4", Exempt},
		{"cyp-scrutiny", "2024-25", Public},
	} {
		name := fmt.Sprintf("%s-%s-%s.html.golden", tt.pack, tt.period, tt.a)
		t.Run(name, func(t *testing.T) {
			r := testReport(t, st, la, tt.pack, tt.period, tt.a)
			var b bytes.Buffer
			if err := WriteHTML(&b, r); err != nil {
				t.Fatal(err)
			}
			got := b.Bytes()
			checkSelfContained(t, string(got), r)
			path := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("HTML differs from %s at line %d:\n got %.300s\nwant %.300s\n(go test -run Golden -update rewrites it)", path, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("HTML differs from %s in length: %d lines, want %d", path, len(gl), len(wl))
			}
		})
	}
}

// checkSelfContained checks what every HTML report must be: no script, nothing fetched from
// elsewhere, the marking top and bottom, every indicator, the glossary with its acronyms marked up on
// first use only.
func checkSelfContained(t *testing.T, doc string, r *Report) {
	t.Helper()
	lower := strings.ToLower(doc)
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "@import", "url(", `src="`} {
		if strings.Contains(lower, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	if m := regexp.MustCompile(`href="([^#][^"]*)"`).FindString(doc); m != "" {
		t.Errorf("report links outside itself: %s", m)
	}
	if n := strings.Count(doc, html.EscapeString(r.Marking)); n < 3 {
		t.Errorf("marking %q appears %d times, want top, cover and bottom", r.Marking, n)
	}
	if !strings.Contains(doc, "@top-center") || !strings.Contains(doc, "counter(page)") {
		t.Error("no marking and page numbers for print")
	}
	for _, it := range r.Items() {
		if !strings.Contains(doc, `id="`+it.Anchor+`"`) {
			t.Errorf("no section for %s", it.Indicator.ID)
		}
	}
	if !strings.Contains(doc, `<h2 id="glossary-title">Glossary</h2>`) || len(r.Glossary) < 3 {
		t.Errorf("glossary missing or short: %d terms", len(r.Glossary))
	}
	for _, term := range r.Glossary {
		n := strings.Count(doc, fmt.Sprintf(`<abbr title="%s">%s`, html.EscapeString(term.Expansion), term.Acronym))
		if n > 1 {
			t.Errorf("%s expanded %d times", term.Acronym, n)
		}
	}
	if !strings.Contains(doc, `<abbr title="Child Looked After">CLA</abbr>`) {
		t.Error("CLA not expanded on first use")
	}
	if !strings.Contains(doc, "<svg") {
		t.Error("no charts")
	}
}

// TestXLSX reads the workbook back and compares its numbers with the scorecard's.
func TestXLSX(t *testing.T) {
	st, key, la := newStore(t)
	r := testReport(t, st, la, "cyp-scrutiny", "2025-Q4", Exempt)
	var b bytes.Buffer
	if err := WriteXLSX(&b, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != len(r.Sections)+2 || sheets[len(sheets)-1] != "Data" {
		t.Errorf("sheets %v: want a cover, %d sections and Data", sheets, len(r.Sections))
	}
	for _, s := range sheets {
		a1, err := f.GetCellValue(s, "A1")
		if err != nil || a1 != r.Marking {
			t.Errorf("sheet %s row 1 is %q, want the marking", s, a1)
		}
	}
	rows, err := f.GetRows("Data")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[1], ",") != strings.Join(DataColumns(), ",") {
		t.Fatalf("Data header %v", rows[1])
	}
	col := map[string]int{}
	for i, c := range DataColumns() {
		col[c] = i
	}
	sc, _, err := scorecard.Build(context.Background(), st, key, la, r.Period.End, disclose.Analyst)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]scorecard.Row{}
	for _, row := range sc {
		byID[row.Indicator.ID] = row
	}
	cell := func(rec []string, name string) string {
		if i := col[name]; i < len(rec) {
			return rec[i]
		}
		return ""
	}
	number := func(s string) (float64, bool) {
		x, err := strconv.ParseFloat(s, 64)
		return x, err == nil
	}
	same := func(id, what, got string, want float64, ok bool, decimals int) {
		t.Helper()
		g, has := number(got)
		if has != ok || (ok && math.Abs(g-indicator.Round(want, decimals)) > 1e-9) {
			t.Errorf("%s %s: workbook %q, scorecard %v (present %v)", id, what, got, want, ok)
		}
	}
	checked := 0
	for _, rec := range rows[2:] {
		id := cell(rec, "indicator")
		row, ok := byID[id]
		if !ok {
			if v := cell(rec, "value"); v != "" {
				t.Errorf("%s: value %q in the workbook, none in the scorecard", id, v)
			}
			continue
		}
		checked++
		ind := row.Indicator
		if cell(rec, "period_end") != r.Period.End.String() {
			t.Errorf("%s: period end %q", id, cell(rec, "period_end"))
		}
		same(id, "value", cell(rec, "value"), row.Value.Value, row.Value.Valid, ind.Decimals)
		if ind.Unit != indicator.Count && row.Value.Denominator > 0 {
			same(id, "numerator", cell(rec, "numerator"), float64(row.Value.Numerator), true, 0)
			same(id, "denominator", cell(rec, "denominator"), float64(row.Value.Denominator), true, 0)
		}
		if row.YearAgo != nil {
			same(id, "year ago", cell(rec, "year_ago"), row.YearAgo.Value, row.YearAgo.Valid, ind.Decimals)
		}
		if row.Previous != nil {
			same(id, "previous", cell(rec, "previous"), row.Previous.Value, row.Previous.Valid, ind.Decimals)
		}
		c := row.Comparison
		same(id, "england", cell(rec, "england"), c.England, c.HasEngland, ind.Decimals)
		same(id, "region", cell(rec, "region"), c.Region, c.HasRegion, ind.Decimals)
		same(id, "sn_mean", cell(rec, "sn_mean"), c.SNMean, c.SNCount > 0, ind.Decimals)
		if c.Rank > 0 {
			same(id, "rank", cell(rec, "rank"), float64(c.Rank), true, 0)
		}
		if cell(rec, "band") != c.Band {
			t.Errorf("%s: band %q, scorecard %q", id, cell(rec, "band"), c.Band)
		}
		if row.Target != nil && row.Target.Target != nil {
			same(id, "target", cell(rec, "target"), *row.Target.Target, true, 6)
		}
		if got, want := cell(rec, "rag"), ragWord(row.Rating); got != want {
			t.Errorf("%s: RAG %q, scorecard %q", id, got, want)
		}
		if got := cell(rec, "disclosed_value"); got != row.Shown {
			t.Errorf("%s: disclosed value %q, scorecard %q", id, got, row.Shown)
		}
	}
	if checked < 20 {
		t.Errorf("only %d indicators compared with the scorecard", checked)
	}
}

var (
	// smallOf finds "n of d" where either count is 1 to 5.
	smallOf = regexp.MustCompile(`(?:^|[^\d.,])([1-5]) of [\d,]+|(?:^|[^\d.,])[\d,]+ of ([1-5])(?:[^\d.,%]|$)`)
	// smallChildren finds "n children" (as in "45 children of a population") with n from 1 to 5.
	smallChildren = regexp.MustCompile(`(?:^|[^\d.,])([1-5]) (children|open error|records?)`)
	tags          = regexp.MustCompile(`<[^>]*>`)
	classCell     = regexp.MustCompile(`<(?:td|span) class="[^"]*\b(value|count|counts)\b[^"]*">([^<]*)<`)
	narrativeP    = regexp.MustCompile(`<p class="narrative">(.*?)</p>`)
	standalone    = regexp.MustCompile(`(?:^|[^\d.,/%A-Za-z])([1-5])(?:[^\d%.,/]|[.,](?:\D|$)|$)`)
)

// smallCounts lists the places an HTML report shows a count of 1 to 5.
func smallCounts(doc string) []string {
	var out []string
	text := html.UnescapeString(tags.ReplaceAllString(doc, " "))
	for _, m := range smallOf.FindAllString(text, -1) {
		out = append(out, "text: "+strings.TrimSpace(m))
	}
	for _, m := range smallChildren.FindAllString(text, -1) {
		out = append(out, "text: "+strings.TrimSpace(m))
	}
	for _, m := range classCell.FindAllStringSubmatch(doc, -1) {
		v := strings.TrimSpace(html.UnescapeString(m[2]))
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 5 {
			out = append(out, m[1]+" cell: "+v)
		}
	}
	for _, m := range narrativeP.FindAllStringSubmatch(doc, -1) {
		s := html.UnescapeString(tags.ReplaceAllString(m[1], ""))
		if standalone.MatchString(s) {
			out = append(out, "narrative: "+s)
		}
	}
	return out
}

// smallCells lists the cells of a workbook that show a count of 1 to 5: numerators and denominators,
// values of counts, and "n of d" texts.
func smallCells(t *testing.T, f *excelize.File, r *Report) []string {
	t.Helper()
	unit := map[string]indicator.Unit{}
	for _, it := range r.Items() {
		unit[it.Indicator.ID] = it.Indicator.Unit
	}
	var out []string
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 {
			continue
		}
		header := rows[1]
		for i, rec := range rows[2:] {
			for j, v := range rec {
				if smallOf.MatchString(v) {
					out = append(out, fmt.Sprintf("%s row %d: %q", s, i+3, v))
				}
				if j >= len(header) {
					continue
				}
				h := strings.ToLower(header[j])
				counts := h == "numerator" || h == "denominator" || h == "records"
				if s == "Data" && (h == "value" || h == "previous" || h == "year_ago") && unit[rec[0]] == indicator.Count {
					counts = true
				}
				if n, err := strconv.ParseFloat(v, 64); err == nil && counts && n >= 1 && n <= 5 {
					out = append(out, fmt.Sprintf("%s row %d %s: %s", s, i+3, h, v))
				}
			}
		}
	}
	return out
}

// TestPublicHasNoSmallCounts checks that the public pack of the small test authority shows no count
// of 1 to 5 anywhere, where the exempt pack of the same data does show some.
func TestPublicHasNoSmallCounts(t *testing.T) {
	st, _, la := newStore(t)
	for _, pack := range BuiltInPacks() {
		t.Run(pack, func(t *testing.T) {
			for _, a := range []Audience{Exempt, Public} {
				r := testReport(t, st, la, pack, "2025-Q4", a)
				var h, x bytes.Buffer
				if err := WriteHTML(&h, r); err != nil {
					t.Fatal(err)
				}
				if err := WriteXLSX(&x, r); err != nil {
					t.Fatal(err)
				}
				f, err := excelize.OpenReader(&x)
				if err != nil {
					t.Fatal(err)
				}
				inHTML, inXLSX := smallCounts(h.String()), smallCells(t, f, r)
				f.Close()
				switch a {
				case Exempt:
					// The test is only worth something if the data have small counts to hide.
					if len(inHTML) == 0 || len(inXLSX) == 0 {
						t.Fatalf("exempt %s report shows no count of 1 to 5 (HTML %d, XLSX %d): the test data are too big to test suppression",
							pack, len(inHTML), len(inXLSX))
					}
					t.Logf("exempt %s report: %d small counts in the HTML (e.g. %s), %d in the workbook (e.g. %s)",
						pack, len(inHTML), inHTML[0], len(inXLSX), inXLSX[0])
				case Public:
					for _, s := range inHTML {
						t.Errorf("public %s HTML: %s", pack, s)
					}
					for _, s := range inXLSX {
						t.Errorf("public %s workbook: %s", pack, s)
					}
					for _, it := range r.Items() {
						for _, p := range it.Series {
							if p.Valid && it.Indicator.Unit == indicator.Count && p.Value >= 1 && p.Value <= 5 {
								t.Errorf("public chart of %s shows %v at %s", it.Indicator.ID, p.Value, p.At)
							}
						}
					}
				}
			}
		})
	}
}

// TestEditedNarrative checks that a narrative written in the web application replaces the
// generated one, and that the public report keeps no small count from it.
func TestEditedNarrative(t *testing.T) {
	st, _, la := newStore(t)
	ctx := context.Background()
	at := calendar.Of(2025, time.December, 31)
	text := "Placement moves fell: 3 children had three or more moves, against 12 last year."
	if err := st.SaveNarrative(ctx, store.Narrative{Indicator: "placement-3plus", Authority: la, PeriodEnd: at, Text: text, Author: "A. Analyst"}); err != nil {
		t.Fatal(err)
	}
	find := func(r *Report) Item {
		for _, it := range r.Items() {
			if it.Indicator.ID == "placement-3plus" {
				return it
			}
		}
		t.Fatal("placement-3plus not in the report")
		return Item{}
	}
	ex := find(testReport(t, st, la, "corporate-parenting", "2025-Q4", Exempt))
	if ex.Narrative != text || !ex.NarrativeEdited || ex.NarrativeAuthor != "A. Analyst" {
		t.Errorf("exempt narrative %q (edited %v, by %q)", ex.Narrative, ex.NarrativeEdited, ex.NarrativeAuthor)
	}
	pub := find(testReport(t, st, la, "corporate-parenting", "2025-Q4", Public))
	if pub.Shown != disclose.Suppressed && pub.Narrative != "Placement moves fell: c children had three or more moves, against 12 last year." {
		t.Errorf("public narrative %q", pub.Narrative)
	}
}

// artefactDir is where the PDF test leaves its page images: $CSPERF_ARTEFACTS, else a temporary
// folder of the test.
func artefactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CSPERF_ARTEFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, "report-pdf")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// needTools skips the test when Chromium or poppler's tools are missing, except on CI, where they
// must be installed (.ci/run installs them).
func needTools(t testing.TB, tools ...string) {
	t.Helper()
	var missing []string
	if _, err := FindChromium(); err != nil {
		missing = append(missing, "chromium (Debian package chromium)")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool+" (Debian package poppler-utils)")
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := "the PDF test needs " + strings.Join(missing, " and ")
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + ", and CI=true: install them (.ci/run does)")
	}
	t.Skip(msg + ": skipped")
}

func TestPDF(t *testing.T) {
	needTools(t, "pdftotext", "pdftoppm")
	st, _, la := newStore(t)
	dir := artefactDir(t)
	for _, tt := range []struct {
		pack string
		a    Audience
	}{{"corporate-parenting", Exempt}, {"cyp-scrutiny", Public}} {
		t.Run(tt.pack+"-"+string(tt.a), func(t *testing.T) {
			r := testReport(t, st, la, tt.pack, "2025-Q4", tt.a)
			var b bytes.Buffer
			start := time.Now()
			if err := WritePDF(context.Background(), &b, r); err != nil {
				t.Fatal(err)
			}
			t.Logf("PDF of %d bytes in %s", b.Len(), time.Since(start).Round(time.Millisecond))
			if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
				t.Fatalf("not a PDF: %.20q", b.Bytes())
			}
			base := filepath.Join(dir, tt.pack+"-"+string(tt.a))
			if err := os.WriteFile(base+".pdf", b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", base+".pdf", "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			// pdftotext breaks lines where the PDF does: compare with the white space folded.
			text := strings.Join(strings.Fields(string(out)), " ")
			for _, it := range r.Items() {
				if !strings.Contains(text, strings.Join(strings.Fields(it.Indicator.Title), " ")) {
					t.Errorf("PDF text lacks indicator %q", it.Indicator.Title)
				}
			}
			for _, want := range []string{"Glossary", r.Marking, r.Audience.Short() + " · " + r.AuthorityName, "Page 2 of"} {
				if !strings.Contains(text, want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
			pages := strings.Count(string(out), "\f")
			if n := strings.Count(text, r.Marking); n < pages {
				t.Errorf("marking on %d of %d pages", n, pages)
			}
			if err := exec.Command("pdftoppm", "-png", "-r", "50", base+".pdf", base).Run(); err != nil {
				t.Fatalf("pdftoppm: %v", err)
			}
			imgs, _ := filepath.Glob(base + "-*.png")
			if len(imgs) != pages || pages < 5 {
				t.Errorf("%d page images for %d pages", len(imgs), pages)
			}
			t.Logf("%d pages; PDF and page images in %s", pages, dir)
		})
	}
}

// BenchmarkPDF measures the whole report: built from the store, rendered and printed to PDF.
func BenchmarkPDF(b *testing.B) {
	needTools(b)
	st, key, la := newStore(b)
	p, err := LoadPack("corporate-parenting")
	if err != nil {
		b.Fatal(err)
	}
	per, _ := ParsePeriod("2025-Q4")
	ctx := context.Background()
	for b.Loop() {
		r, err := Build(ctx, st, key, Options{Authority: la, Period: per, Pack: p, Audience: Exempt, Issued: testIssued})
		if err != nil {
			b.Fatal(err)
		}
		if err := WritePDF(ctx, io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPlans checks the improvement plan section: a plan aiming at an indicator of the pack is shown
// with its actions, a draft only to the exempt audience, and small counts in its notes are hidden
// from the public.
func TestPlans(t *testing.T) {
	st, _, la := newStore(t)
	ctx := context.Background()
	due := calendar.Of(2025, time.September, 30)
	p := plan.Plan{Authority: la, Title: "Stable homes improvement plan", Source: "Ofsted ILACS inspection",
		SourceDate: calendar.Of(2025, time.March, 14), Published: calendar.Of(2025, time.May, 1),
		Recommendations: []plan.Recommendation{{Number: 1, Text: "Reduce placement moves for children in care.",
			Actions: []plan.Action{
				{Description: "Recruit more foster carers", Owner: "Head of Fostering", Due: due, Status: plan.OnTrack,
					Notes: []plan.Note{{Author: "HoF", Text: "4 new carers approved this quarter."}}},
				{Description: "Placement stability panel", Owner: "Head of Service", Due: calendar.Of(2025, time.June, 30), Status: plan.Complete,
					Completed: calendar.Of(2025, time.June, 20)},
			},
			Measures: []plan.Measure{{Indicator: "placement-3plus"}}}}}
	if _, err := st.SavePlan(ctx, "test", p); err != nil {
		t.Fatal(err)
	}
	draft := p
	draft.Title, draft.Published = "Draft plan", 0
	if _, err := st.SavePlan(ctx, "test", draft); err != nil {
		t.Fatal(err)
	}
	other := p
	other.Title = "Front door plan"
	other.Recommendations = []plan.Recommendation{{Number: 1, Text: "Faster assessments.", Measures: []plan.Measure{{Indicator: "assessment-45wd"}}}}
	if _, err := st.SavePlan(ctx, "test", other); err != nil {
		t.Fatal(err)
	}
	titles := func(r *Report) string {
		var ts []string
		for _, pp := range r.Plans {
			ts = append(ts, pp.Title)
		}
		return strings.Join(ts, ", ")
	}
	ex := testReport(t, st, la, "corporate-parenting", "2025-Q4", Exempt)
	if got := titles(ex); got != "Stable homes improvement plan, Draft plan" {
		t.Errorf("exempt plans: %s", got)
	}
	pp := ex.Plans[0]
	if pp.Total != 2 || pp.Complete != 1 || pp.Overdue != 1 || pp.Recommendations[0].Actions[0].Progress != "4 new carers approved this quarter." {
		t.Errorf("plan progress %+v", pp)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, ex); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<h2 id="plans-title">Improvement plans</h2>`) || !strings.Contains(b.String(), "Recruit more foster carers") {
		t.Error("no plan section in the HTML")
	}
	pub := testReport(t, st, la, "corporate-parenting", "2025-Q4", Public)
	if got := titles(pub); got != "Stable homes improvement plan" {
		t.Errorf("public plans: %s", got)
	}
	if got := pub.Plans[0].Recommendations[0].Actions[0].Progress; got != "c new carers approved this quarter." {
		t.Errorf("public progress note %q", got)
	}
	if scrutiny := testReport(t, st, la, "cyp-scrutiny", "2025-Q4", Exempt); len(scrutiny.Plans) != 3 {
		t.Errorf("scrutiny pack shows plans %s", titles(scrutiny))
	}
}
