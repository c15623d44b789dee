package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dataDir returns the shared reference data folder, skipping t when it is absent.
func dataDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("reference data not found at %s (the published DfE and LAIT files are not part of the repository): %v", dir, err)
	}
	return dir
}

func TestReadPublishedSmall(t *testing.T) {
	const file = "\uFEFFtime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,CPP_start,CPP_subsequent,CPP_subsequent_percent\n" +
		"2025,Reporting year,National,E92000001,England,,,,,,x,61840,15130,24.5\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,840,E06000047,County Durham,x,c,c,c\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,841,E06000005,Darlington,x,100,20,20.0\n"
	got, _, err := ReadPublished("data/d3_cpps_subsequent_plan_2013_to_2025.csv", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d figures, want 3", len(got))
	}
	e, sup, la := got[0], got[1], got[2]
	if e.Level != LevelNational || e.Value != 24.5 || *e.Numerator != 15130 || *e.Denominator != 61840 || e.Indicator != "cpp-second-plan" {
		t.Errorf("England: %+v", e)
	}
	if sup.Symbol != "c" || sup.Value != 0 || sup.Numerator != nil || sup.Authority != 840 {
		t.Errorf("suppressed: %+v", sup)
	}
	if la.Authority != 841 || la.Region != "North East" || la.Year != 2025 || la.Source != "d3_cpps_subsequent_plan_2013_to_2025.csv" || len(la.SHA256) != 64 {
		t.Errorf("authority: %+v", la)
	}
	if _, _, err := ReadPublished("other.csv", strings.NewReader(file)); err == nil || !strings.Contains(err.Error(), "other.csv") {
		t.Errorf("unknown file: %v", err)
	}
	bad := strings.Replace(file, "CPP_start", "CPP_begun", 1)
	if _, _, err := ReadPublished("d3_cpps_subsequent_plan_2013_to_2025.csv", strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "CPP_begun") {
		t.Errorf("unknown column: %v", err)
	}
	odd := strings.Replace(file, "20,20.0", "20,twenty", 1)
	if _, _, err := ReadPublished("d3_cpps_subsequent_plan_2013_to_2025.csv", strings.NewReader(odd)); err == nil || !strings.Contains(err.Error(), "row 4") {
		t.Errorf("bad value: %v", err)
	}
}

// TestReadPublishedFiles reads every known file of the reference data and checks each mapped
// indicator has authority figures for the file's latest year.
func TestReadPublishedFiles(t *testing.T) {
	dir := filepath.Join(dataDir(t), "dfe")
	for _, name := range KnownFiles() {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		ps, notes, err := ReadPublished(name, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		latest := 0
		for _, p := range ps {
			latest = max(latest, p.Year)
		}
		las := map[string]int{}
		symbols, withDen := 0, 0
		for _, p := range ps {
			if p.Level == LevelAuthority && p.Year == latest && p.Symbol == "" {
				las[p.Indicator]++
			}
			if p.Symbol != "" {
				symbols++
			}
			if p.Denominator != nil {
				withDen++
			}
		}
		for _, s := range fileSpecs[name].series {
			// Up to about a third are suppressed for small indicators (cpp-2-years).
			if las[s.id] < 90 {
				t.Errorf("%s: %s: %d unsuppressed authority figures for %d, want 90 or more of 153", name, s.id, las[s.id], latest)
			}
		}
		if len(notes) > 0 {
			t.Logf("%s: %d rows not attributed, e.g. %s", name, len(notes), notes[0])
		}
		t.Logf("%s: %d figures, %d suppressed, %d with a denominator; authorities with a figure in %d: %v", name, len(ps), symbols, withDen, latest, las)
	}
}

func TestReadNeighbours(t *testing.T) {
	dir := filepath.Join(dataDir(t), "dfe")
	for file, model := range map[string]string{"sn_model_2025_wide.csv": "2025", "New_Statistical_Neighbour_Groupings_April_2021.csv": "2021"} {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		nbs, m, err := ReadNeighbours(file, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if m != model || len(nbs) < 150 {
			t.Errorf("%s: model %s, %d authorities", file, m, len(nbs))
		}
		for la, ns := range nbs {
			if len(ns) != 10 {
				t.Errorf("%s: LA %d has %d neighbours", file, la, len(ns))
			}
		}
	}
	if _, _, err := ReadNeighbours("x.csv", strings.NewReader("a,b\n1,2\n")); err == nil || !strings.Contains(err.Error(), "x.csv") {
		t.Errorf("unknown layout: %v", err)
	}
	nbs, _, err := ReadNeighbours("sn.csv", strings.NewReader("\uFEFFold_la_code,SN_1,SN_2,SN_3,SN_4,SN_5,SN_6,SN_7,SN_8,SN_9,SN_10\n301,308,821,313,333,336,307,304,312,874,203\n"))
	if err != nil || nbs[301][0] != 308 || nbs[301][9] != 203 {
		t.Errorf("small file: %v %v", err, nbs)
	}
}

func TestReadRates(t *testing.T) {
	const pop = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,age_group,population_estimate\n" +
		"2024,Reporting year,National,E92000001,England,,,,,,Children aged 0 to 17 years,12183016\n" +
		"2024,Reporting year,Local authority,E92000001,England,E12000001,North East,841,E06000005,Darlington,Children aged 0 to 17 years,22000\n"
	const counts = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,Anypoint_episodes,Anypoint_child,Started_episodes,Started_child,Ended_episodes,Ended_child,At31_episodes,awaiting_assessment\n" +
		"2025,Reporting year,National,E92000001,England,,,,,,Children in Need,756120,704430,396870,371550,353720,334060,402400,16290\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,841,E06000005,Darlington,Children in Need,1770,1698,723,705,768,748,1002,8\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,840,E06000047,County Durham,Children in Need,1,1,1,1,1,1,c,c\n" +
		"2024,Reporting year,Local authority,E92000001,England,E12000001,North East,841,E06000005,Darlington,Children in Need,1,1,1,1,1,1,900,8\n"
	got, err := ReadRates("b1_children_in_need_2013_to_2025.csv", strings.NewReader(counts), PopulationFile, strings.NewReader(pop))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("%d figures, want 4", len(got))
	}
	// 402400 × 10000 / 12183016 = 330.295…, 1002 × 10000 / 22000 = 455.45… (one decimal)
	if e := got[0]; e.Indicator != "cin-rate" || e.Value != 330.3 || *e.Numerator != 402400 || *e.Denominator != 12183016 {
		t.Errorf("England: %+v", e)
	}
	if la := got[1]; la.Authority != 841 || la.Value != 455.5 {
		t.Errorf("Darlington: %+v", la)
	}
	if sup := got[2]; sup.Symbol != "c" || sup.Numerator != nil {
		t.Errorf("suppressed: %+v", sup)
	}
	if nopop := got[3]; nopop.Symbol != "x" || nopop.Denominator != nil {
		t.Errorf("no population for mid-2023: %+v", nopop)
	}
	if _, err := ReadRates("c1.csv", strings.NewReader(counts), PopulationFile, strings.NewReader(pop)); err == nil || !strings.Contains(err.Error(), "c1.csv") {
		t.Errorf("unknown count file: %v", err)
	}
	badPop := strings.Replace(pop, "22000", "lots", 1)
	if _, err := ReadRates("b1_children_in_need_2013_to_2025.csv", strings.NewReader(counts), PopulationFile, strings.NewReader(badPop)); err == nil || !strings.Contains(err.Error(), "lots") {
		t.Errorf("bad population: %v", err)
	}
}
