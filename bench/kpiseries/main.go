// Command kpiseries measures the indicator engine on the synthetic England: every computable
// indicator at every month end of every authority's history. Councils are generated in memory (the
// generator's time is reported separately), so the figure is the engine's own.
//
//	go run ./bench/kpiseries [-authorities 153] [-years 10] [-workers 2]
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"

	"csperf/internal/indicator"
	"csperf/internal/kpi"
	"csperf/internal/synth"
)

func main() {
	n := flag.Int("authorities", 153, "authorities")
	years := flag.Int("years", 10, "collection years")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "authorities computed at once")
	flag.Parse()
	if err := run(*n, *years, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "kpiseries:", err)
		os.Exit(1)
	}
}

func run(n, years, workers int) error {
	g, err := synth.New(synth.Options{Authorities: n, Years: years, LastYear: 2025, Seed: 1})
	if err != nil {
		return err
	}
	type result struct {
		gen, assemble, compute time.Duration
		values                 int
		err                    error
	}
	jobs := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				var r result
				t0 := time.Now()
				c := g.Council(i)
				t1 := time.Now()
				h := indicator.NewHistory(c.Authority.Number, c.Authority.Population, c.Returns, c.Censuses, c.Workforce)
				from, to, _ := kpi.Span(h)
				dates, err := kpi.Dates(from, to, kpi.Monthly)
				t2 := time.Now()
				if err == nil {
					var vals []indicator.Value
					vals, err = kpi.Series(h, dates)
					r.values = len(vals)
				}
				r.gen, r.assemble, r.compute, r.err = t1.Sub(t0), t2.Sub(t1), time.Since(t2), err
				results <- r
			}
		}()
	}
	go func() {
		for i := range n {
			jobs <- i
		}
		close(jobs)
	}()
	go func() { wg.Wait(); close(results) }()
	start := time.Now()
	var total result
	var slowest time.Duration
	for r := range results {
		if r.err != nil {
			return r.err
		}
		total.gen += r.gen
		total.assemble += r.assemble
		total.compute += r.compute
		total.values += r.values
		slowest = max(slowest, r.assemble+r.compute)
	}
	wall := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("machine: %d cores; %d authorities × %d years, %d workers\n", runtime.NumCPU(), n, years, workers)
	fmt.Printf("generate councils (not the engine): %6.1f s of CPU\n", total.gen.Seconds())
	fmt.Printf("assemble histories:                 %6.1f s of CPU\n", total.assemble.Seconds())
	fmt.Printf("compute every indicator monthly:    %6.1f s of CPU, %d values\n", total.compute.Seconds(), total.values)
	fmt.Printf("engine wall time (assemble + compute spread over %d workers): %.1f s; slowest authority %.2f s\n",
		workers, (total.assemble+total.compute).Seconds()/float64(workers), slowest.Seconds())
	fmt.Printf("whole run: %.1f s wall, peak heap in use about %d MB (runtime.MemStats.HeapSys %d MB)\n",
		wall.Seconds(), ms.HeapInuse>>20, ms.HeapSys>>20)
	return nil
}
