package ssda903

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// bigReturn builds a valid return with the given numbers of children and episodes (at least one per
// child), with reviews, missing episodes, OC2, UASC and social worker records for some, from a fixed
// seed.
func bigReturn(children, episodes int) *Return {
	rng := rand.New(rand.NewPCG(903, 2025))
	pick := func(cs []Code) string { return cs[rng.IntN(len(cs))].Code }
	col := func(t Table, name string) []Code { return Columns[t][columnIndex(t, name)].Codes }
	r := &Return{Authority: 857, Year: 2025}
	extra := episodes - children
	for i := range children {
		h := Header{Child: fmt.Sprintf("%07d", i+1), Sex: pick(codesSex), DOB: d(2007, 4, 1).AddDays(rng.IntN(6500)),
			Ethnic: pick(codesEthnic), UPN: fmt.Sprintf("A%012d", i)}
		if h.Sex == "2" {
			h.Mother = "0"
		}
		r.Header = append(r.Header, h)
		n := 1
		if extra > 0 && rng.IntN(children) < 2*(episodes-children) {
			k := min(extra, 1+rng.IntN(3))
			n += k
			extra -= k
		}
		start := d(2022, 4, 1).AddDays(rng.IntN(900))
		for j := range n {
			e := Episode{Child: h.Child, DECOM: start, RNE: pick(col(TableEpisodes, "RNE")), LS: "C2",
				CIN: pick(col(TableEpisodes, "CIN")), Place: pick(col(TableEpisodes, "PLACE")),
				PlaceProvider: pick(col(TableEpisodes, "PLACE_PROVIDER")), HomePost: "NG1 1", PlPost: "NG7 2", URN: "SC123456"}
			if j < n-1 || rng.IntN(3) == 0 {
				e.DEC = start.AddDays(1 + rng.IntN(120))
				e.REC = "X1"
				e.ReasonPlaceChange = pick(col(TableEpisodes, "REASON_PLACE_CHANGE"))
				start = e.DEC
			}
			r.Episodes = append(r.Episodes, e)
		}
		for range rng.IntN(3) {
			r.Reviews = append(r.Reviews, Review{Child: h.Child, DOB: h.DOB, Review: start.AddDays(rng.IntN(200)), ReviewCode: pick(col(TableReviews, "REVIEW_CODE"))})
		}
		if rng.IntN(10) == 0 {
			r.Missing = append(r.Missing, Missing{Child: h.Child, DOB: h.DOB, Missing: "M", MisStart: start.AddDays(5), MisEnd: start.AddDays(6)})
		}
		if rng.IntN(3) == 0 {
			r.OC2 = append(r.OC2, OC2{Child: h.Child, DOB: h.DOB, SDQScore: intp(rng.IntN(41)), Convicted: "0",
				HealthCheck: "1", Immunisations: "1", TeethCheck: "1", HealthAssessment: "1", SubstanceMisuse: "0"})
		}
		if rng.IntN(20) == 0 {
			r.UASC = append(r.UASC, UASC{Child: h.Child, DOB: h.DOB, Sex: h.Sex})
		}
		r.SWEpisodes = append(r.SWEpisodes, SWEpisode{Child: h.Child, DOB: h.DOB, SWID: fmt.Sprintf("SW%d", rng.IntN(400)), SWDecom: start})
	}
	return r
}

func TestBigReturnShape(t *testing.T) {
	r := bigReturn(2000, 3500)
	if len(r.Header) != 2000 || len(r.Episodes) < 3400 || len(r.Episodes) > 3500 {
		t.Fatalf("bigReturn: %d children, %d episodes", len(r.Header), len(r.Episodes))
	}
}

// benchCSV writes a 20,000-child return as CSV in memory.
func benchCSV(b *testing.B) (map[Table][]byte, int) {
	r := bigReturn(20000, 35000)
	files := map[Table][]byte{}
	size := 0
	for _, t := range Tables {
		var buf bytes.Buffer
		if err := WriteTable(&buf, t, r); err != nil {
			b.Fatal(err)
		}
		files[t] = buf.Bytes()
		size += buf.Len()
	}
	b.Logf("%d children, %d episodes, %d bytes of CSV", len(r.Header), len(r.Episodes), size)
	return files, size
}

func BenchmarkReadCSV(b *testing.B) {
	files, size := benchCSV(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		inputs := make([]Input, 0, len(files))
		for _, t := range Tables {
			inputs = append(inputs, Input{Name: FileNames[t], Data: bytes.NewReader(files[t])})
		}
		r, fs, err := ReadCSV(inputs)
		if err != nil || len(fs) > 0 || len(r.Episodes) < 34000 {
			b.Fatalf("err %v, %d findings, %d episodes", err, len(fs), len(r.Episodes))
		}
	}
}

func BenchmarkReadXML(b *testing.B) {
	r := bigReturn(20000, 35000)
	var buf bytes.Buffer
	if err := WriteXML(&buf, r); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d children, %d episodes, %d bytes of XML", len(r.Header), len(r.Episodes), buf.Len())
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		got, fs, err := ReadXML("cla.xml", bytes.NewReader(buf.Bytes()))
		if err != nil || len(fs) > 0 || len(got.Episodes) < 34000 {
			b.Fatalf("err %v, %d findings, %d episodes", err, len(fs), len(got.Episodes))
		}
	}
}

func BenchmarkWriteXML(b *testing.B) {
	r := bigReturn(20000, 35000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXML(&buf, r); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
	}
}
