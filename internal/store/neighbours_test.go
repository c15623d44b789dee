package store_test

import (
	"context"
	"reflect"
	"testing"

	"csperf/internal/store"
	"csperf/internal/store/storetest"
)

func TestPublishedNeighbours(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		want := map[int][]int{857: {935, 855, 874}, 201: {207, 213}}
		if err := s.SavePublishedNeighbours(ctx, "2025", want); err != nil {
			t.Fatal(err)
		}
		if err := s.SavePublishedNeighbours(ctx, "2021", map[int][]int{857: {1}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.PublishedNeighbours(ctx, "2025")
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("2025 neighbours %v (%v), want %v", got, err, want)
		}
		// Saving a model again replaces it.
		if err := s.SavePublishedNeighbours(ctx, "2025", map[int][]int{857: {935}}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.PublishedNeighbours(ctx, "2025"); !reflect.DeepEqual(got, map[int][]int{857: {935}}) {
			t.Errorf("after replacing: %v", got)
		}
		if got, _ := s.PublishedNeighbours(ctx, "2021"); !reflect.DeepEqual(got, map[int][]int{857: {1}}) {
			t.Errorf("other model changed: %v", got)
		}
	})
}
