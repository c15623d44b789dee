package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"csperf/internal/ssda903"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

// benchReturn is a return of a large authority: 20,000 children, 35,000 episodes, with reviews,
// social worker episodes and missing episodes.
func benchReturn() (*ssda903.Return, int) {
	const children, episodes = 20000, 35000
	r := &ssda903.Return{Authority: 857, Year: 2025}
	start := day(2024, 4, 1)
	for i := range children {
		child := strconv.Itoa(1000000 + i)
		dob := day(2008+i%17, 1+time.Month(i%12), 1+i%28)
		r.Header = append(r.Header, ssda903.Header{Row: i + 2, Child: child, Sex: "12"[i%2 : i%2+1], DOB: dob,
			Ethnic: "WBRI", UPN: "A12345678901" + strconv.Itoa(i%10), Mother: ""})
		r.Reviews = append(r.Reviews, ssda903.Review{Row: i + 2, Child: child, DOB: dob, Review: start.AddDays(i % 365),
			ReviewCode: "PN1"})
		r.SWEpisodes = append(r.SWEpisodes, ssda903.SWEpisode{Row: i + 2, Child: child, DOB: dob, SWID: "SW" + strconv.Itoa(i%400),
			SWDecom: start.AddDays(-i % 700), SWReason: "MANAGE"})
		if i%10 == 0 {
			r.Missing = append(r.Missing, ssda903.Missing{Row: len(r.Missing) + 2, Child: child, DOB: dob, Missing: "M",
				MisStart: start.AddDays(i % 300), MisEnd: start.AddDays(i%300 + 2)})
		}
	}
	for e := range episodes {
		i := e % children
		decom := start.AddDays(-(e * 7) % 900)
		ep := ssda903.Episode{Row: e + 2, Child: r.Header[i].Child, DECOM: decom, RNE: "S", LS: "C2", CIN: "N1",
			Place: "U1", PlaceProvider: "PR1", HomePost: "LE15", PlPost: "LE16", URN: "SC123456"}
		if e >= children {
			ep.RNE, ep.DEC, ep.REC, ep.ReasonPlaceChange = "P", decom.AddDays(30), "X1", "CARPL"
		}
		r.Episodes = append(r.Episodes, ep)
	}
	rows := len(r.Header) + len(r.Episodes) + len(r.Reviews) + len(r.SWEpisodes) + len(r.Missing)
	return r, rows
}

func BenchmarkSaveSSDA903(b *testing.B) {
	r, rows := benchReturn()
	key := testKey()
	storetest.Each(b, func(b *testing.B, s *store.Store) {
		ctx := context.Background()
		start := time.Now()
		n := 0
		for b.Loop() {
			if _, err := s.SaveSSDA903(ctx, store.Snapshot{}, r, nil, key); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(rows*n)/time.Since(start).Seconds(), "rows/s")
		b.ReportMetric(float64(rows), "rows/op")
	})
}
