package compare

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tidy builds a small DfE tidy file: the standard columns, then cols, then rows of values for them
// (each row: time_period, geographic_level, region_name, old_la_code, la_name, then the values).
func tidy(cols []string, rows ...[]string) string {
	var b strings.Builder
	b.WriteString("\uFEFF" + strings.Join(append(slices.Clone(standardColumns), cols...), ",") + "\n")
	for _, r := range rows {
		std := []string{r[0], "Reporting year", r[1], "E92000001", "England", "", r[2], r[3], r[4], ""}
		if r[2] != "" {
			std[5] = "E12000001"
		}
		if r[3] != "" {
			std[9] = "E0600" + r[3]
		}
		b.WriteString(strings.Join(append(std, r[5:]...), ",") + "\n")
	}
	return b.String()
}

// FuzzReadPublished checks that no input, under any of the names ReadPublished knows, makes it
// panic, that errors and notes are one line naming the file, and that each figure returned is
// a figure for one area, with a number or a suppression symbol.
func FuzzReadPublished(f *testing.F) {
	names := append(KnownFiles(), "other.csv")
	index := func(base string) uint8 { return uint8(slices.Index(names, base)) }
	const d3 = "d3_cpps_subsequent_plan_2013_to_2025.csv"
	small := "\uFEFFtime_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,CPP_start,CPP_subsequent,CPP_subsequent_percent\n" +
		"2025,Reporting year,National,E92000001,England,,,,,,x,61840,15130,24.5\n" +
		"2025,Reporting year,Regional,E92000001,England,E12000001,North East,,,,x,4000,900,22.5\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,840,E06000047,County Durham,x,c,c,c\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,841,E06000005,Darlington,x,100,20,20.0\n" +
		"2025,Reporting year,Local authority,E92000001,England,E12000001,North East,940 / 941,,North and West Northamptonshire,x,100,20,20.0\n"
	f.Add(index(d3), []byte(small))
	f.Add(index(d3), []byte(strings.Replace(small, "CPP_start", "CPP_begun", 1)))
	f.Add(index(d3), []byte(strings.Replace(small, "20,20.0", "20,twenty", 1)))
	f.Add(index(d3), []byte(strings.Replace(small, "24.5", "NaN", 1)))
	f.Add(index(d3), []byte(strings.Replace(small, ",841,", ",-1,", 1)))
	f.Add(index(d3), []byte(strings.Replace(small, "\n2025,", "\n0,", 1)))
	f.Add(index(d3), []byte(strings.Replace(small, "Regional", "Ward", 1)))
	f.Add(index(d3), []byte(small[:len(small)-20]))
	f.Add(index(d3), []byte(strings.Replace(small, "North and West Northamptonshire", "\"North and West\nNorthamptonshire\"", 1)))
	const stability = "la_cla_placement_stability.csv"
	f.Add(index(stability), []byte(tidy([]string{"cla_group", "placement_stability", "children_count", "children_percent"},
		[]string{"2025", "National", "", "", "", "CLA on 31 March", "With 3 or more placements during the year", "8000", "10"},
		[]string{"2025", "National", "", "", "", "CLA on 31 March", "Total children", "80000", "100"},
		[]string{"2025", "Local authority", "East Midlands", "857", "Rutland", "CLA on 31 March", "With 3 or more placements during the year", "x", "x"},
		[]string{"2025", "Local authority", "East Midlands", "857", "Rutland", "CLA on 31 March", "Total children", "40", "100"},
		[]string{"2025", "Local authority", "East Midlands", "855", "Leicestershire", "CLA on 31 March", "With 3 or more placements during the year", "60", "9.5"},
		[]string{"2025", "Local authority", "East Midlands", "855", "Leicestershire", "CLA on 31 March", "Total children", "z", "100"},
	)))
	const workforce = "csww_indicators_2017_to_2025.csv"
	cols := fileSpecs[workforce].columns
	vals := make([]string, len(cols))
	for i := range vals {
		vals[i] = "1" + strings.Repeat("0", i%4) + ".5"
	}
	f.Add(index(workforce), []byte(tidy(cols, append([]string{"2024", "Local authority", "London", "201", "City of London"}, vals...))))
	const rates = "cla_number_and_rate_per_10k_children.csv"
	f.Add(index(rates), []byte(tidy(fileSpecs[rates].columns,
		[]string{"2025", "Regional", "London", "", "", "Children looked after on 31 March each year", "1000000", "7000", "70"},
		[]string{"2025", "Local authority", "London", "201", "\"City, of London\"", "Children starting to be looked after each year", "1000", "low", "k"})))
	f.Add(index("other.csv"), []byte(small))
	f.Add(uint8(0), []byte{})
	f.Add(uint8(0), []byte("time_period\n\"2025\n"))
	f.Fuzz(func(t *testing.T, file uint8, data []byte) {
		base := names[int(file)%len(names)]
		name := "data/" + base
		ps, notes, err := ReadPublished(name, bytes.NewReader(data))
		if err != nil {
			if msg := err.Error(); !strings.Contains(msg, name) || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error not one line naming %s: %q", name, msg)
			}
			return
		}
		for _, n := range notes {
			if !strings.HasPrefix(n, name) || strings.ContainsAny(n, "\r\n") {
				t.Fatalf("note not one line naming %s: %q", name, n)
			}
		}
		sum := sha256.Sum256(data)
		var ids []string
		for _, s := range fileSpecs[base].series {
			ids = append(ids, s.id)
		}
		for _, p := range ps {
			switch {
			case !slices.Contains(ids, p.Indicator):
				t.Fatalf("indicator %q is not one of the file's: %+v", p.Indicator, p)
			case p.Source != filepath.Base(name) || p.SHA256 != hex.EncodeToString(sum[:]):
				t.Fatalf("source %s %s: %+v", p.Source, p.SHA256, p)
			case p.Year < 1:
				t.Fatalf("year %d: %+v", p.Year, p)
			case p.Level == LevelNational && (p.Region != "" || p.Authority != 0),
				p.Level == LevelRegional && p.Authority != 0,
				p.Level == LevelAuthority && p.Authority < 1,
				p.Level != LevelNational && p.Level != LevelRegional && p.Level != LevelAuthority:
				t.Fatalf("level %q, region %q, authority %d: %+v", p.Level, p.Region, p.Authority, p)
			case p.Symbol != "" && (!slices.Contains(Symbols, p.Symbol) || p.Value != 0):
				t.Fatalf("symbol %q with value %v: %+v", p.Symbol, p.Value, p)
			case !finite(p.Value):
				t.Fatalf("value %v: %+v", p.Value, p)
			case p.Numerator != nil && !finite(*p.Numerator), p.Denominator != nil && !finite(*p.Denominator):
				t.Fatalf("numerator or denominator not a number: %+v", p)
			}
		}
	})
}

// FuzzReadNeighbours checks that no input makes ReadNeighbours panic, that errors are one line naming
// the file, and that it returns 10 neighbours for each authority, all LA numbers.
func FuzzReadNeighbours(f *testing.F) {
	f.Add([]byte("\uFEFFold_la_code,SN_1,SN_2,SN_3,SN_4,SN_5,SN_6,SN_7,SN_8,SN_9,SN_10\n" +
		"301,308,821,313,333,336,307,304,312,874,203\n302,308,821,313,333,336,307,304,312,874,203\n\n,,\n"))
	f.Add([]byte("\uFEFFLA num,LA Name,LA number,GOInd,GOReg,SN1,SNP,SN2,SNP,SN3,SNP,SN4,SNP,SN5,SNP,SN6,SNP,SN7,SNP,SN8,SNP,SN9,SNP,SN10,SNP,\r\n" +
		"201,City of London,201,3,London (Inner),207,Not Close,213,Not Close,212,Not Close,202,Not Close,318,Not Close,205,Not Close,302,Not Close,314,Not Close,846,Not Close,868,Not Close,\r\n" +
		"202,Camden,202,3,London (Inner),213,Very Close,205,Close,207,Close,206,Close,212,Somewhat close,352,Not Close,203,Not Close,870,Not Close,309,Not Close,302,Not Close,\r\n"))
	f.Add([]byte("old_la_code,SN_1,SN_2,SN_3,SN_4,SN_5,SN_6,SN_7,SN_8,SN_9,SN_10\n301,308,821\n"))
	f.Add([]byte("old_la_code,SN_1,SN_2,SN_3,SN_4,SN_5,SN_6,SN_7,SN_8,SN_9,SN_10\n-1,0,+8,3,3,3,3,3,3,3,x\n"))
	f.Add([]byte("a,b\n1,2\n"))
	f.Add([]byte("old_la_code,\"SN_1\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		nbs, model, err := ReadNeighbours("sn.csv", bytes.NewReader(data))
		if err != nil {
			if msg := err.Error(); !strings.Contains(msg, "sn.csv") || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("error not one line naming the file: %q", msg)
			}
			return
		}
		if model != "2025" && model != "2021" {
			t.Fatalf("model %q", model)
		}
		for la, ns := range nbs {
			if la < 1 || len(ns) != 10 {
				t.Fatalf("authority %d has neighbours %v", la, ns)
			}
			for _, n := range ns {
				if n < 1 {
					t.Fatalf("authority %d has neighbours %v", la, ns)
				}
			}
		}
	})
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
