package synth

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"csperf/internal/calendar"
)

func write(t testing.TB, opt Options) string {
	t.Helper()
	g, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := g.Write(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTree returns every file under dir by relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDeterministic(t *testing.T) {
	opt := Options{Authorities: 3, Years: 2, LastYear: 2025, Seed: 7, ErrorRate: 0.01}
	a, b := readTree(t, write(t, opt)), readTree(t, write(t, Options{Authorities: 3, Years: 2, LastYear: 2025, Seed: 7, ErrorRate: 0.01, Workers: 1}))
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("runs wrote %d and %d files", len(a), len(b))
	}
	// 1 authorities.csv + per authority-year: 11 tables, 903 XML, CIN XML, workforce, errors.
	if want := 1 + 3*2*(11+4); len(a) != want {
		t.Errorf("wrote %d files, want %d", len(a), want)
	}
	for name, content := range a {
		if !bytes.Equal(content, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	c := readTree(t, write(t, Options{Authorities: 3, Years: 2, LastYear: 2025, Seed: 8}))
	name := filepath.Join(YearDir(a2n(t, a), 2025), "ssda903", "episodes.csv")
	if bytes.Equal(a[name], c[name]) {
		t.Errorf("%s is the same for seeds 7 and 8", name)
	}
}

// a2n returns the first authority number in authorities.csv.
func a2n(t *testing.T, files map[string][]byte) int {
	rows := readCSV(t, files["authorities.csv"])
	n, err := strconv.Atoi(rows[0]["number"])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// readCSV parses CSV into maps by column name, independently of csperf's own reader.
func readCSV(t testing.TB, b []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestOptionsRejected(t *testing.T) {
	for _, opt := range []Options{{Authorities: 0, Years: 1}, {Authorities: 1, Years: 0},
		{Authorities: 1, Years: 1, ErrorRate: 0.9}, {Authorities: 1, Years: 1, LastYear: 1066}} {
		if _, err := New(opt); err == nil {
			t.Errorf("options %+v accepted", opt)
		}
	}
}

func TestXMLMatchesSchemas(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian package libxml2-utils): XML schema validation skipped")
	}
	ref := filepath.Join("..", "..", "..", "shared", "reference")
	if _, err := os.Stat(ref); err != nil {
		t.Skipf("DfE schemas not found at %s: XML schema validation skipped", ref)
	}
	dir := write(t, Options{Authorities: 2, Years: 2, LastYear: 2025, Seed: 3})
	matches, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.xml"))
	if len(matches) != 8 {
		t.Fatalf("found %d XML files, want 8", len(matches))
	}
	for _, m := range matches {
		schema := filepath.Join(ref, "cin-census-schema-2024.xsd")
		if filepath.Base(m) == "ssda903.xml" {
			schema = filepath.Join(ref, "ssda903-schema-cla.xsd")
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", schema, m).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate against %s: %v\n%.2000s", m, filepath.Base(schema), err, out)
		}
	}
}

// TestInjectedErrorsAreWhereTheManifestSays reads each listed row back and checks the wrong value
// is there.
func TestInjectedErrorsAreWhereTheManifestSays(t *testing.T) {
	dir := write(t, Options{Authorities: 2, Years: 2, LastYear: 2025, Seed: 5, ErrorRate: 0.02})
	manifests, _ := filepath.Glob(filepath.Join(dir, "*", "*", "errors.csv"))
	kinds := map[string]int{}
	for _, m := range manifests {
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		yd := filepath.Dir(m)
		for _, e := range readCSV(t, b) {
			kinds[e["kind"]]++
			if e["row"] == "" {
				if e["file"] != "cin.xml" {
					t.Errorf("%s: %v has no row", m, e)
				}
				continue
			}
			row, _ := strconv.Atoi(e["row"])
			data, err := os.ReadFile(filepath.Join(yd, e["file"]))
			if err != nil {
				t.Fatal(err)
			}
			rows := readCSV(t, data)
			if row < 2 || row-2 >= len(rows) {
				t.Errorf("%s: row %d outside %s (%d rows)", m, row, e["file"], len(rows))
				continue
			}
			got := rows[row-2]
			if got["CHILD"] != e["child"] {
				t.Errorf("%s row %d: child %s, manifest says %s", e["file"], row, got["CHILD"], e["child"])
			}
			if got[e["field"]] != e["value"] {
				t.Errorf("%s row %d field %s = %q, manifest says %q", e["file"], row, e["field"], got[e["field"]], e["value"])
			}
		}
	}
	for _, k := range []string{KindInvalidCode, KindMissingDate, KindDOBAfterStart, KindBadReferralSource} {
		if kinds[k] == 0 {
			t.Errorf("no %s mistakes injected (got %v)", k, kinds)
		}
	}
}

// episode is one 903 episode as read back from the CSV files.
type episode struct {
	child, rne, ls, place, rec string
	decom, dec                 calendar.Date
}

func parseDMY(t testing.TB, s string) calendar.Date {
	d, err := calendar.ParseDMY(s)
	if err != nil {
		t.Fatalf("generated date: %v", err)
	}
	return d
}

// cinFile is the part of the CIN census XML that the calibration reads.
type cinFile struct {
	Children []struct {
		ID      string `xml:"ChildIdentifiers>LAchildID"`
		Details []struct {
			Referral    string `xml:"CINreferralDate"`
			Closure     string `xml:"CINclosureDate"`
			Assessments []struct {
				Authorised string `xml:"AssessmentAuthorisationDate"`
			} `xml:"Assessments"`
			Plans []struct {
				Start    string `xml:"CPPstartDate"`
				End      string `xml:"CPPendDate"`
				Previous int    `xml:"NumberOfPreviousCPP"`
			} `xml:"ChildProtectionPlans"`
		} `xml:"CINdetails"`
	} `xml:"Children>Child"`
}

// TestCalibration measures England's headline figures on a generated 20-authority, 5-year set,
// reading the written files with the standard library alone, and checks they fall within bands
// around England's published figures.
func TestCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration generates 20 authorities: skipped in -short mode")
	}
	const last = 2025
	dir := write(t, Options{Authorities: 20, Years: 5, LastYear: last, Seed: 1})
	auths := readCSV(t, mustRead(t, filepath.Join(dir, "authorities.csv")))
	D := calendar.CollectionYearEnd(last)
	yearStart := calendar.CollectionYearStart(last)
	wd := calendar.NewWorkdays(last-7, last)

	var pop, cla, starts, s20, threePlus, ltCohort, ltStable int
	var referrals, rereferrals, assessed, in45, cpStarts, cpRepeat, cpOpen, cp2y, cinOpen int
	var oc2n, health, leavers, eet, accDen, accOK int
	var agency, employed, vacancies, cases, holders float64
	var rates []float64
	for _, a := range auths {
		la, _ := strconv.Atoi(a["number"])
		p, _ := strconv.Atoi(a["pop_"+strconv.Itoa(last)])
		pop += p
		// All episodes over the years, the latest record of each winning.
		eps := map[string]episode{}
		for y := last - 4; y <= last; y++ {
			for _, r := range readCSV(t, mustRead(t, filepath.Join(dir, YearDir(la, y), "ssda903", "episodes.csv"))) {
				e := episode{child: r["CHILD"], rne: r["RNE"], ls: r["LS"], place: r["PLACE"], rec: r["REC"],
					decom: parseDMY(t, r["DECOM"]), dec: parseDMY(t, r["DEC"])}
				eps[e.child+e.decom.String()] = e
			}
		}
		byChild := map[string][]episode{}
		for _, e := range eps {
			byChild[e.child] = append(byChild[e.child], e)
		}
		dob := map[string]calendar.Date{}
		for _, r := range readCSV(t, mustRead(t, filepath.Join(dir, YearDir(la, last), "ssda903", "header.csv"))) {
			dob[r["CHILD"]] = parseDMY(t, r["DOB"])
		}
		laCLA := 0
		for ch, es := range byChild {
			sort.Slice(es, func(i, j int) bool { return es[i].decom < es[j].decom })
			var open *episode
			for i := range es {
				e := es[i]
				if e.ls == "V3" || e.ls == "V4" {
					continue
				}
				if e.rne == "S" && e.decom >= yearStart && e.decom <= D {
					starts++
					if e.ls == "V2" {
						s20++
					}
				}
				if e.decom <= D && (e.dec.IsZero() || e.dec > D) {
					open = &es[i]
				}
			}
			if open == nil {
				continue
			}
			cla++
			laCLA++
			// Placements in the 12 months to D.
			n := 0
			for _, e := range es {
				if (e.rne == "S" || e.rne == "P" || e.rne == "B") && e.decom <= D && (e.dec.IsZero() || e.dec > D.AddYears(-1)) {
					n++
				}
			}
			if n >= 3 {
				threePlus++
			}
			// Long-term: under 16, looked after 2.5+ years, same placement 2+ years.
			if b, ok := dob[ch]; ok && b.AgeAt(D) < 16 {
				// The start of care: the latest S episode, or the earliest episode in the files
				// when the child came into care before the years written.
				careStart := es[0].decom
				for i := len(es) - 1; i >= 0; i-- {
					if es[i].decom <= open.decom && (es[i].rne == "S") {
						careStart = es[i].decom
						break
					}
				}
				if D.Sub(careStart) >= 913 {
					ltCohort++
					placeStart := open.decom
					for i := len(es) - 1; i >= 0; i-- {
						if es[i].decom <= open.decom && es[i].rne != "L" {
							placeStart = es[i].decom
							break
						}
					}
					if D.Sub(placeStart) >= 730 {
						ltStable++
					}
				}
			}
		}
		rates = append(rates, float64(laCLA)*10000/float64(p))

		// CIN: referrals over the years for re-referrals and repeat plans.
		refs := map[string][]calendar.Date{}
		for y := last - 1; y <= last; y++ { // re-referrals need the year before
			var f cinFile
			if err := xml.Unmarshal(mustRead(t, filepath.Join(dir, YearDir(la, y), "cin.xml")), &f); err != nil {
				t.Fatal(err)
			}
			for _, c := range f.Children {
				for _, d := range c.Details {
					refs[c.ID] = appendDate(refs[c.ID], iso(t, d.Referral))
					for _, p := range d.Plans {
						if s := iso(t, p.Start); y == last && s >= yearStart {
							cpStarts++
							if p.Previous > 1 { // the census counts this plan among the previous ones
								cpRepeat++
							}
						}
						if y == last && p.End == "" {
							cpOpen++
							if D.Sub(iso(t, p.Start)) >= 730 {
								cp2y++
							}
						}
					}
					if y != last {
						continue
					}
					if d.Closure == "" {
						cinOpen++
					}
					for _, as := range d.Assessments {
						if au := iso(t, as.Authorised); !au.IsZero() && au >= yearStart {
							assessed++
							if wd.Between(iso(t, d.Referral), au) <= 45 {
								in45++
							}
						}
					}
				}
			}
		}
		for _, ds := range refs {
			for i, r := range ds {
				if r < yearStart || r > D {
					continue
				}
				referrals++
				if i > 0 && r.Sub(ds[i-1]) <= 365 {
					rereferrals++
				}
			}
		}

		yd := filepath.Join(dir, YearDir(la, last))
		for _, r := range readCSV(t, mustRead(t, filepath.Join(yd, "ssda903", "oc2.csv"))) {
			oc2n++
			if r["HEALTH_ASSESSMENT"] == "1" {
				health++
			}
		}
		for _, r := range readCSV(t, mustRead(t, filepath.Join(yd, "ssda903", "oc3.csv"))) {
			age := parseDMY(t, r["DOB"]).AgeAt(D)
			if age < 19 || age > 21 {
				continue
			}
			leavers++
			switch r["ACTIV"] {
			case "F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5":
				eet++
			}
			if acc := r["ACCOM"]; acc == "" || (acc[0] != 'G' && acc[0] != 'H' && acc[0] != 'R') {
				accDen++
				if len(acc) == 2 && acc[1] == '1' {
					accOK++
				}
			}
		}
		for _, r := range readCSV(t, mustRead(t, filepath.Join(yd, "workforce.csv"))) {
			f := func(k string) float64 { v, _ := strconv.ParseFloat(r[k], 64); return v }
			agency += f("agency_fte")
			employed += f("fte")
			vacancies += f("vacancy_fte")
			cases += f("cases")
			holders += f("case_holder_fte")
		}
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(b) }
	per10k := func(n int) float64 { return float64(n) * 10000 / float64(pop) }
	sort.Float64s(rates)
	figures := []struct {
		name     string
		got      float64
		low, top float64
	}{
		{"children looked after per 10,000", per10k(cla), 55, 80},
		{"lowest authority's rate", rates[0], 10, 50},
		{"highest authority's rate", rates[len(rates)-1], 90, 250},
		{"starts per 10,000", per10k(starts), 21, 33},
		{"section 20 share of starts %", pct(s20, starts), 10, 20},
		{"3+ placements %", pct(threePlus, cla), 7, 13},
		{"long-term stability %", pct(ltStable, ltCohort), 60, 80},
		{"children in need per 10,000", per10k(cinOpen), 280, 400},
		{"re-referrals %", pct(rereferrals, referrals), 17, 27},
		{"assessments in 45 working days %", pct(in45, assessed), 76, 88},
		{"second or later CP plans %", pct(cpRepeat, cpStarts), 15, 29},
		{"CP plans open 2+ years %", pct(cp2y, cpOpen), 1, 5.5},
		{"health assessments %", pct(health, oc2n), 85, 93},
		{"care leavers 19-21 in EET %", pct(eet, leavers), 47, 63},
		{"care leavers 19-21 suitably housed %", pct(accOK, accDen), 82, 94},
		{"agency social workers %", 100 * agency / (agency + employed), 9, 18},
		{"vacancies %", 100 * vacancies / (vacancies + employed), 10, 19},
		{"caseload", cases / holders, 12, 18},
	}
	for _, f := range figures {
		t.Logf("%-40s %6.1f  (band %g–%g)", f.name, f.got, f.low, f.top)
		if f.got < f.low || f.got > f.top {
			t.Errorf("%s = %.1f, outside %g–%g", f.name, f.got, f.low, f.top)
		}
	}
}

func appendDate(ds []calendar.Date, d calendar.Date) []calendar.Date {
	for _, x := range ds {
		if x == d {
			return ds
		}
	}
	ds = append(ds, d)
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds
}

func iso(t testing.TB, s string) calendar.Date {
	d, err := calendar.ParseISO(s)
	if err != nil {
		t.Fatalf("generated date: %v", err)
	}
	return d
}

func mustRead(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchmarkEngland simulates and writes the synthetic England: 153 authorities, 10 years.
func BenchmarkEngland(b *testing.B) {
	for b.Loop() {
		write(b, Options{Authorities: 153, Years: 10, LastYear: 2025, Seed: 1})
	}
}

// BenchmarkCouncil simulates one large authority over 10 years without writing files.
func BenchmarkCouncil(b *testing.B) {
	g, err := New(Options{Authorities: 153, Years: 10, LastYear: 2025, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	big := 0
	for i, a := range g.Authorities() {
		if a.Population[2025] > g.Authorities()[big].Population[2025] {
			big = i
		}
	}
	for b.Loop() {
		g.Council(big)
	}
}

// BenchmarkWrite simulates and writes 20 authorities over 3 years, for profiling the whole generator.
func BenchmarkWrite(b *testing.B) {
	for b.Loop() {
		write(b, Options{Authorities: 20, Years: 3, LastYear: 2025, Seed: 1})
	}
}
