package store_test

import (
	"context"
	"testing"

	"csperf/internal/ssda903"
	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

// childStore saves two years of 903 returns and a CIN census that name child C1001 of LA 857.
func childStore(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	key := testKey()
	if _, err := s.SaveSSDA903(ctx, store.Snapshot{}, fullReturn(), someFindings(), key); err != nil {
		t.Fatal(err)
	}
	// The next year: the away episode open at 31 March 2025 has ended.
	next := &ssda903.Return{Authority: 857, Year: 2026,
		Header: []ssda903.Header{{Row: 2, Child: "C1001", Sex: "2", DOB: day(2009, 5, 17), Ethnic: "WBRI"}},
		Episodes: []ssda903.Episode{{Row: 2, Child: "C1001", DECOM: day(2024, 9, 30), RNE: "P", LS: "C2", CIN: "N1",
			Place: "U3", PlaceProvider: "PR4"}},
		Missing: []ssda903.Missing{{Row: 2, Child: "C1001", DOB: day(2009, 5, 17), Missing: "A", MisStart: day(2025, 3, 30),
			MisEnd: day(2025, 4, 2)}},
	}
	if _, err := s.SaveSSDA903(ctx, store.Snapshot{}, next, nil, key); err != nil {
		t.Fatal(err)
	}
	census := fullCensus()
	census.Children[0].LAChildID = "C1001"
	if _, err := s.SaveCIN(ctx, store.Snapshot{Authority: 857}, census, nil, key); err != nil {
		t.Fatal(err)
	}
}

func TestChildRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		childStore(t, s)
		key := testKey().Child(857, "C1001")
		rec, err := s.ChildRecord(ctx, 857, key)
		if err != nil {
			t.Fatal(err)
		}
		if !rec.Found() || rec.ID != "C1001" || rec.Key != key {
			t.Fatalf("record: found %v, ID %q", rec.Found(), rec.ID)
		}
		if len(rec.Returns) != 2 || rec.Returns[0].Year != 2025 || rec.Returns[1].Year != 2026 {
			t.Fatalf("returns: %d", len(rec.Returns))
		}
		y25 := rec.Returns[0]
		// This year's rows of C1001 only: last year's tables and other children are left out.
		if len(y25.Episodes) != 2 || y25.Episodes[1].Place != "U3" || len(y25.Reviews) != 2 || len(y25.Missing) != 2 ||
			len(y25.Header) != 1 || len(y25.SWEpisodes) != 2 || len(y25.PrevPerm) != 1 || len(y25.AD1) != 0 || y25.Previous != nil {
			t.Errorf("2025 rows: %d episodes, %d reviews, %d missing, %d header, %d SW, %d prev perm, %d AD1",
				len(y25.Episodes), len(y25.Reviews), len(y25.Missing), len(y25.Header), len(y25.SWEpisodes), len(y25.PrevPerm), len(y25.AD1))
		}
		if len(rec.Censuses) != 1 || rec.Censuses[0].Year != 2025 {
			t.Fatalf("censuses: %+v", rec.Censuses)
		}
		ch := rec.Censuses[0].Child
		if ch.LAChildID != "C1001" || len(ch.Disabilities) != 2 || len(ch.Details) != 2 || len(ch.Details[0].Assessments) != 2 ||
			len(ch.Details[0].Assessments[0].Factors) != 3 || len(ch.Details[0].CPPlans) != 1 ||
			len(ch.Details[0].CPPlans[0].Reviews) != 2 || len(ch.Details[1].Section47s) != 1 || len(ch.Details[0].CINPlans) != 1 {
			t.Errorf("CIN record: %+v", ch)
		}
		if len(rec.Findings) != 1 || rec.Findings[0].Rule != "103" || rec.Findings[0].Year != 2025 ||
			rec.Findings[0].Return != store.ReturnSSDA903 || len(rec.Findings[0].Fields) != 2 {
			t.Errorf("findings: %+v", rec.Findings)
		}

		none, err := s.ChildRecord(ctx, 857, testKey().Child(857, "NOBODY"))
		if err != nil || none.Found() || len(none.Returns)+len(none.Censuses)+len(none.Findings) != 0 {
			t.Errorf("unknown child: %+v, %v", none, err)
		}
		// Pseudonyms are per authority.
		if other, err := s.ChildRecord(ctx, 858, key); err != nil || other.Found() {
			t.Errorf("another authority: %+v, %v", other, err)
		}
	})
}

func TestMissingEpisodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		childStore(t, s)
		got, err := s.MissingEpisodes(ctx, 857, day(2025, 4, 30))
		if err != nil {
			t.Fatal(err)
		}
		// The away episode is in both years' returns; it is given once, as 2026 records it.
		if len(got) != 2 {
			t.Fatalf("%d episodes: %+v", len(got), got)
		}
		if e := got[0]; e.Child != "C1001" || e.Missing != "M" || e.Start != day(2024, 8, 1) || e.End != day(2024, 8, 3) ||
			e.Placement != "U1" || e.Year != 2025 || e.Key != testKey().Child(857, "C1001") {
			t.Errorf("first: %+v", e)
		}
		if e := got[1]; e.Missing != "A" || e.Start != day(2025, 3, 30) || e.End != day(2025, 4, 2) || e.Year != 2026 ||
			e.Placement != "U3" {
			t.Errorf("second: %+v", e)
		}
		early, err := s.MissingEpisodes(ctx, 857, day(2024, 12, 31))
		if err != nil || len(early) != 1 {
			t.Errorf("to 31/12/2024: %+v, %v", early, err)
		}
		latest, ok, err := s.LatestMissingDate(ctx, 857)
		if err != nil || !ok || latest != day(2025, 4, 2) {
			t.Errorf("latest missing date %s %v %v", latest, ok, err)
		}
		if _, ok, err := s.LatestMissingDate(ctx, 858); err != nil || ok {
			t.Errorf("latest missing date of an authority with none: %v %v", ok, err)
		}
		ids, err := s.ChildIDs(ctx, 857)
		if err != nil {
			t.Fatal(err)
		}
		if ids[testKey().Child(857, "C1001")] != "C1001" || ids[testKey().Child(857, "C1002")] != "C1002" ||
			ids[testKey().Child(857, "DDS-2")] != "DDS-2" {
			t.Errorf("child IDs: %v", ids)
		}
	})
}
