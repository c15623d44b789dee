package kpi

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"

	"csperf/internal/authority"
	"csperf/internal/cin"
	"csperf/internal/indicator"
	"csperf/internal/ssda903"
	"csperf/internal/workforce"
)

// yearFolder matches a collection year's folder name: 2024-25.
var yearFolder = regexp.MustCompile(`^(\d{4})-(\d{2})$`)

// FromFiles builds the history of authority la straight from returns on disk, without a database.
// Each path is an authority's folder laid out as "csperf synth" writes it (one folder per collection
// year, named 2024-25, holding ssda903/ CSV tables or ssda903.xml, cin.xml and workforce.csv), or
// one collection year's folder. The 0–17 population comes from an authorities.csv beside or above
// the authority's folder when there is one. Child IDs are kept as they are in the files. Files that
// cannot be read are an error; findings about values are ignored here (load the files to see them).
func FromFiles(la int, paths []string) (*indicator.History, error) {
	var returns []*ssda903.Return
	var censuses []*cin.Census
	var figures []workforce.Figures
	pop := map[int]int{}
	found := 0
	for _, p := range paths {
		years, err := yearFolders(p)
		if err != nil {
			return nil, err
		}
		for _, yf := range years {
			found++
			r, c, f, err := readYear(yf.dir, yf.year)
			if err != nil {
				return nil, err
			}
			if r != nil {
				r.Authority = la
				returns = append(returns, r)
			}
			if c != nil {
				censuses = append(censuses, c)
			}
			figures = append(figures, f...)
		}
		if err := populationFromFile(p, la, pop); err != nil {
			return nil, err
		}
	}
	if found == 0 {
		return nil, fmt.Errorf("no collection year folders (named like 2024-25) found in %v", paths)
	}
	return indicator.NewHistory(la, pop, returns, censuses, figures), nil
}

type yearDir struct {
	dir  string
	year int
}

// yearFolders returns p itself when it is a year folder, or the year folders inside it.
func yearFolders(p string) ([]yearDir, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", p, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder: give an authority's folder or a collection year's folder", p)
	}
	if y, ok := folderYear(filepath.Base(p)); ok {
		return []yearDir{{p, y}}, nil
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, err)
	}
	var out []yearDir
	for _, e := range entries {
		if y, ok := folderYear(e.Name()); ok && e.IsDir() {
			out = append(out, yearDir{filepath.Join(p, e.Name()), y})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].year < out[j].year })
	return out, nil
}

// folderYear reads "2024-25" as collection year 2025.
func folderYear(name string) (int, bool) {
	m := yearFolder.FindStringSubmatch(name)
	if m == nil {
		return 0, false
	}
	start, _ := strconv.Atoi(m[1])
	end, _ := strconv.Atoi(m[2])
	if (start+1)%100 != end {
		return 0, false
	}
	return start + 1, true
}

// readYear reads whatever returns one year's folder holds.
func readYear(dir string, year int) (*ssda903.Return, *cin.Census, []workforce.Figures, error) {
	var r *ssda903.Return
	if st, err := os.Stat(filepath.Join(dir, "ssda903")); err == nil && st.IsDir() {
		inputs, closeAll, err := ssda903.OpenPaths([]string{filepath.Join(dir, "ssda903")})
		if err != nil {
			return nil, nil, nil, err
		}
		r, _, err = ssda903.ReadCSV(inputs)
		closeAll()
		if err != nil {
			return nil, nil, nil, err
		}
	} else if f, err := os.Open(filepath.Join(dir, "ssda903.xml")); err == nil {
		r, _, err = ssda903.ReadXML(f.Name(), f)
		f.Close()
		if err != nil {
			return nil, nil, nil, err
		}
	}
	if r != nil {
		r.Year, r.Previous = year, nil
	}
	var c *cin.Census
	if f, err := os.Open(filepath.Join(dir, "cin.xml")); err == nil {
		c, _, err = cin.ReadXML(f.Name(), f)
		f.Close()
		if err != nil {
			return nil, nil, nil, err
		}
		c.Header.Year = year
	}
	var figs []workforce.Figures
	if f, err := os.Open(filepath.Join(dir, "workforce.csv")); err == nil {
		figs, _, err = workforce.ReadCSV(f.Name(), f)
		f.Close()
		if err != nil {
			return nil, nil, nil, err
		}
	}
	return r, c, figs, nil
}

// populationFromFile fills pop from an authorities.csv in p's folder, its parent or grandparent.
func populationFromFile(p string, la int, pop map[int]int) error {
	dir := filepath.Clean(p)
	for range 3 {
		f, err := os.Open(filepath.Join(dir, "authorities.csv"))
		if err == nil {
			as, err := authority.ReadCSV(f.Name(), f)
			f.Close()
			if err != nil {
				return err
			}
			for _, a := range as {
				if a.Number == la {
					for y, n := range a.Population {
						pop[y] = n
					}
				}
			}
			return nil
		}
		dir = filepath.Dir(dir)
	}
	return nil
}
