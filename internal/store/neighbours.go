package store

import (
	"context"
	"fmt"
	"slices"
)

// SavePublishedNeighbours replaces the published statistical neighbours of model (e.g. "2025") with
// neighbours (closest first, at most 10 per authority), in one transaction.
func (s *Store) SavePublishedNeighbours(ctx context.Context, model string, neighbours map[int][]int) error {
	las := make([]int, 0, len(neighbours))
	for la := range neighbours {
		las = append(las, la)
	}
	slices.Sort(las)
	err := s.inChangeTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM published_neighbours WHERE model = $1`, model); err != nil {
			return err
		}
		b := newBatch(tx, "published_neighbours", "model", "authority", "position", "neighbour")
		for _, la := range las {
			for i, n := range neighbours[la] {
				if err := b.add(ctx, model, la, i+1, n); err != nil {
					return fmt.Errorf("LA %d neighbour %d: %w", la, i+1, err)
				}
			}
		}
		return b.flush(ctx)
	})
	if err != nil {
		return fmt.Errorf("save published neighbours (%s model): %w", model, err)
	}
	return nil
}

// PublishedNeighbours returns the published statistical neighbours of model, closest first.
func (s *Store) PublishedNeighbours(ctx context.Context, model string) (map[int][]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT authority, neighbour FROM published_neighbours WHERE model = $1
		ORDER BY authority, position`, model)
	if err != nil {
		return nil, fmt.Errorf("read published neighbours: %w", err)
	}
	defer rows.Close()
	out := map[int][]int{}
	for rows.Next() {
		var la, n int
		if err := rows.Scan(&la, &n); err != nil {
			return nil, fmt.Errorf("read published neighbours: %w", err)
		}
		out[la] = append(out[la], n)
	}
	return out, rows.Err()
}
