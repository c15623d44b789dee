package synth

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"csperf/internal/authority"
	"csperf/internal/cin"
	"csperf/internal/ssda903"
	"csperf/internal/workforce"
)

// Summary counts what was written.
type Summary struct {
	Authorities int
	Years       int
	Children    int // children in the 903 returns (counted once per year they appear)
	Episodes    int
	CINChildren int // children in the CIN censuses (once per year)
	Errors      int
	Files       int
	Bytes       int64
}

// YearDir names the folder of one authority's collection year: 857/2024-25.
func YearDir(la, year int) string {
	return filepath.Join(fmt.Sprint(la), fmt.Sprintf("%d-%02d", year-1, year%100))
}

// Write generates every authority and writes the files under dir:
//
//	authorities.csv
//	<LA>/<yyyy-yy>/ssda903/*.csv   the 903 tables
//	<LA>/<yyyy-yy>/ssda903.xml     the same return as DfE XML
//	<LA>/<yyyy-yy>/cin.xml         the CIN census
//	<LA>/<yyyy-yy>/workforce.csv   the workforce figures
//	<LA>/<yyyy-yy>/errors.csv      the mistakes put in on purpose (only with an error rate)
//
// progress, when not nil, is called after each authority.
func (g *Generator) Write(ctx context.Context, dir string, progress func(done, total int)) (Summary, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("output folder: %w", err)
	}
	var buf bytes.Buffer
	if err := authority.WriteCSV(&buf, g.las); err != nil {
		return Summary{}, fmt.Errorf("authorities.csv: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "authorities.csv"), buf.Bytes(), 0o644); err != nil {
		return Summary{}, fmt.Errorf("authorities.csv: %w", err)
	}
	sum := Summary{Authorities: len(g.las), Years: g.opt.Years, Files: 1, Bytes: int64(buf.Len())}

	jobs := make(chan int)
	results := make(chan Summary)
	errs := make(chan error, g.opt.Workers)
	var wg sync.WaitGroup
	for w := 0; w < g.opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s, err := g.writeCouncil(dir, g.Council(i))
				if err != nil {
					errs <- err
					return
				}
				results <- s
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range g.las {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	done := 0
	var firstErr error
	for s := range results {
		sum.Children += s.Children
		sum.Episodes += s.Episodes
		sum.CINChildren += s.CINChildren
		sum.Errors += s.Errors
		sum.Files += s.Files
		sum.Bytes += s.Bytes
		done++
		if progress != nil {
			progress(done, len(g.las))
		}
	}
	select {
	case firstErr = <-errs:
	default:
	}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return sum, firstErr
}

// writeCouncil writes one authority's files.
func (g *Generator) writeCouncil(dir string, c *Council) (Summary, error) {
	var s Summary
	for k, r := range c.Returns {
		yd := filepath.Join(dir, YearDir(c.Authority.Number, r.Year))
		if err := ssda903.WriteCSV(filepath.Join(yd, "ssda903"), r); err != nil {
			return s, fmt.Errorf("authority %d %d: %w", c.Authority.Number, r.Year, err)
		}
		files := []struct {
			name  string
			write func(io.Writer) error
		}{
			{"ssda903.xml", func(w io.Writer) error { return ssda903.WriteXML(w, r) }},
			{"cin.xml", func(w io.Writer) error { return cin.WriteXML(w, c.Censuses[k]) }},
			{"workforce.csv", func(w io.Writer) error { return workforce.WriteCSV(w, c.Workforce[k:k+1]) }},
		}
		if g.opt.ErrorRate > 0 {
			files = append(files, struct {
				name  string
				write func(io.Writer) error
			}{"errors.csv", func(w io.Writer) error { return writeManifest(w, c.Errors, r.Year) }})
		}
		for _, f := range files {
			if err := writeFile(filepath.Join(yd, f.name), f.write); err != nil {
				return s, fmt.Errorf("authority %d %d: %w", c.Authority.Number, r.Year, err)
			}
		}
		s.Children += len(r.Header)
		s.Episodes += len(r.Episodes)
		s.CINChildren += len(c.Censuses[k].Children)
	}
	s.Errors = len(c.Errors)
	err := filepath.WalkDir(filepath.Join(dir, fmt.Sprint(c.Authority.Number)), func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		s.Files++
		s.Bytes += info.Size()
		return nil
	})
	return s, err
}

// writeFile creates path and writes it through a buffer.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WriteCouncil writes one council's files under dir as Write does (without authorities.csv).
func (g *Generator) WriteCouncil(dir string, c *Council) (Summary, error) {
	return g.writeCouncil(dir, c)
}
