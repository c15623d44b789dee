package web

import (
	"context"
	"sync"
)

// cache keeps computed page data (a scorecard, a comparison) for as long as the data behind it are
// unchanged: entries are keyed by the store's generation, which changes with every load, target,
// narrative, figure or published import, by any process. Pages stay reads of stored values; the
// cache only saves repeating the same reads under load.
type cache struct {
	mu      sync.Mutex
	max     int // entries kept before the cache starts afresh
	gen     string
	entries map[string]any
}

func newCache(max int) *cache { return &cache{max: max, entries: map[string]any{}} }

// get returns the entry for key at generation gen, computing it with fill when absent.
func cached[T any](c *cache, gen, key string, fill func() (T, error)) (T, error) {
	c.mu.Lock()
	if c.gen != gen {
		c.gen, c.entries = gen, map[string]any{}
	}
	if v, ok := c.entries[key]; ok {
		c.mu.Unlock()
		return v.(T), nil
	}
	c.mu.Unlock()
	v, err := fill()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if c.gen == gen {
		if len(c.entries) >= c.max {
			c.entries = map[string]any{}
		}
		c.entries[key] = v
	}
	c.mu.Unlock()
	return v, nil
}

// generation reads the store's data generation.
func (s *Server) generation(ctx context.Context) (string, error) { return s.st.Generation(ctx) }
