// Package load reads a return from files, checks it and stores it as one snapshot: the step shared
// by the command line and the web upload. A file that cannot be read loads nothing; findings about
// values are stored with the snapshot and do not stop it; the same files loaded twice are noticed by
// their checksums.
package load

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"csperf/internal/cin"
	"csperf/internal/finding"
	"csperf/internal/pseudo"
	"csperf/internal/ssda903"
	"csperf/internal/store"
	"csperf/internal/workforce"
)

// Request says what to load.
type Request struct {
	Authority int      // DfE LA number the return belongs to
	Year      int      // collection year, named by its end (2025 = 2024-25)
	Return    string   // store.ReturnSSDA903, ReturnCIN or ReturnWorkforce; "" to recognise from the files
	Paths     []string // files, folders or zip archives
	By        string   // who is loading, recorded with the snapshot
	// Providers and Postcodes optionally name an Ofsted provider list and a postcode coordinates
	// file (CSV) for the 903 checks that need them; without them those checks are "not run".
	Providers, Postcodes string
	// Within, when set, is a folder the paths lie in that is not the user's (a web upload's temporary
	// folder): file names are recorded and reported relative to it.
	Within string
	// Progress, when set, is called as bytes are read (done of total) and once more at the end.
	Progress func(done, total int64)
}

// Result says what was loaded.
type Result struct {
	Snapshot  int64  // the new snapshot, or the earlier one when Duplicate
	Duplicate bool   // the same files were already loaded: nothing new was stored
	Return    string // the kind of return loaded
	Counts    []Count
	Findings  []finding.Finding
	Elapsed   time.Duration
}

// Count is a number of records of one kind, for the summary.
type Count struct {
	What string
	N    int
}

// Parsed is a return read from files and checked, ready to store.
type Parsed struct {
	Return    string // store.ReturnSSDA903, ReturnCIN or ReturnWorkforce
	SSDA903   *ssda903.Return
	CIN       *cin.Census
	Workforce []workforce.Figures
	Counts    []Count
	// Findings are the problems found while reading and by the DfE checks, sorted by file and row.
	// Checks that could not run (e.g. without last year's return) are listed as warnings, one per
	// reason.
	Findings []finding.Finding
	Files    []store.SourceFile // what was read, with checksums
}

// Read reads and checks the return in req without storing anything.
func Read(req Request) (*Parsed, error) {
	if req.Authority <= 0 || req.Authority > 999 {
		return nil, fmt.Errorf("authority must be a DfE LA number (1–999), not %d", req.Authority)
	}
	if req.Year < 2000 || req.Year > 2100 {
		return nil, fmt.Errorf("collection year %d is out of range", req.Year)
	}
	if len(req.Paths) == 0 {
		return nil, errors.New("no files given")
	}
	files, err := listFiles(req.Paths)
	if err != nil {
		return nil, err
	}
	ret := req.Return
	if ret == "" {
		if ret, err = recognise(files); err != nil {
			return nil, err
		}
	}
	tr := &tracker{progress: req.Progress, sums: map[string]hash.Hash{}, read: map[string]int64{}, previous: map[string]bool{}}
	for _, f := range files {
		tr.total += f.size
	}
	p := &Parsed{Return: ret}
	switch ret {
	case store.ReturnSSDA903:
		r, fs, err := read903(files, tr)
		if err != nil {
			return nil, err
		}
		r.Authority, r.Year = req.Authority, req.Year
		cd := ssda903.NewCheckData(r, req.Year)
		cd.Read = fs
		if cd.Providers, cd.Postcodes, err = readReferences(req); err != nil {
			return nil, err
		}
		checked, notRun := ssda903.Validate(cd)
		p.SSDA903, p.Findings = r, append(append(fs, checked...), notRunFindings(notRun)...)
		p.Counts = []Count{{"children", len(r.Header)}, {"episodes", len(r.Episodes)}, {"reviews", len(r.Reviews)},
			{"missing episodes", len(r.Missing)}, {"care leaver records", len(r.OC3)}}
		if r.Previous != nil {
			p.Counts = append(p.Counts, Count{"last year's children", len(r.Previous.Header)})
		}
	case store.ReturnCIN:
		c, fs, err := readCIN(files, tr)
		if err != nil {
			return nil, err
		}
		if err := checkCensus(c, req); err != nil {
			return nil, err
		}
		cd := cin.NewCheckData(c, files[0].path, req.Year)
		cd.Read = fs
		p.CIN, p.Findings = c, append(fs, cin.Validate(cd)...)
		refs, s47, plans := 0, 0, 0
		for _, ch := range c.Children {
			refs += len(ch.Details)
			for _, d := range ch.Details {
				s47 += len(d.Section47s)
				plans += len(d.CPPlans)
			}
		}
		p.Counts = []Count{{"children", len(c.Children)}, {"referrals", refs}, {"section 47 enquiries", s47},
			{"child protection plans", plans}}
	case store.ReturnWorkforce:
		figs, fs, err := readWorkforce(files, tr)
		if err != nil {
			return nil, err
		}
		for _, f := range figs {
			if f.Authority != req.Authority {
				return nil, fmt.Errorf("the workforce figures are for LA %d, not %d", f.Authority, req.Authority)
			}
		}
		p.Workforce, p.Findings = figs, fs
		p.Counts = []Count{{"years of figures", len(figs)}}
	default:
		return nil, fmt.Errorf("unknown return %q (want ssda903, cin or workforce)", ret)
	}
	tr.finish()
	p.Files = tr.sourceFiles()
	if req.Within != "" {
		prefix := filepath.Clean(req.Within) + string(filepath.Separator)
		for i := range p.Files {
			p.Files[i].Name = strings.TrimPrefix(p.Files[i].Name, prefix)
		}
		for i := range p.Findings {
			p.Findings[i].File = strings.TrimPrefix(p.Findings[i].File, prefix)
		}
	}
	sortFindings(p.Findings)
	return p, nil
}

// notRunFindings turns the checks that could not run into one warning per reason.
func notRunFindings(nr []ssda903.NotRun) []finding.Finding {
	byReason := map[string][]string{}
	var reasons []string
	for _, n := range nr {
		if byReason[n.Reason] == nil {
			reasons = append(reasons, n.Reason)
		}
		byReason[n.Reason] = append(byReason[n.Reason], n.Code)
	}
	var out []finding.Finding
	for _, r := range reasons {
		codes := byReason[r]
		out = append(out, finding.Finding{Rule: "not-run", Severity: finding.Warning, Value: strings.Join(codes, " "),
			Message: fmt.Sprintf("%d DfE checks not run: %s (%s)", len(codes), r, strings.Join(codes, ", "))})
	}
	return out
}

// sortFindings orders findings by file and row, keeping the order of equal ones.
func sortFindings(fs []finding.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].File != fs[j].File {
			return fs[i].File < fs[j].File
		}
		return fs[i].Row < fs[j].Row
	})
}

// Run reads, checks and stores the return in req as one snapshot.
func Run(ctx context.Context, st *store.Store, key *pseudo.Key, req Request) (Result, error) {
	start := time.Now()
	p, err := Read(req)
	if err != nil {
		return Result{}, err
	}
	res := Result{Return: p.Return, Counts: p.Counts, Findings: p.Findings}
	sums := make([]string, len(p.Files))
	for i, f := range p.Files {
		sums[i] = f.SHA256
	}
	id, dup, err := st.SnapshotByChecksums(ctx, req.Authority, p.Return, req.Year, sums)
	if err != nil {
		return Result{}, err
	}
	if dup {
		res.Snapshot, res.Duplicate, res.Elapsed = id, true, time.Since(start)
		return res, nil
	}
	snap := store.Snapshot{Authority: req.Authority, Return: p.Return, Year: req.Year, LoadedBy: req.By,
		Status: store.StatusLoaded, Files: p.Files}
	switch p.Return {
	case store.ReturnSSDA903:
		res.Snapshot, err = st.SaveSSDA903(ctx, snap, p.SSDA903, p.Findings, key)
	case store.ReturnCIN:
		res.Snapshot, err = st.SaveCIN(ctx, snap, p.CIN, p.Findings, key)
	case store.ReturnWorkforce:
		res.Snapshot, err = st.SaveWorkforce(ctx, snap, p.Workforce)
	}
	if err != nil {
		return Result{}, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// file is one file on disk that a load reads.
type file struct {
	path string
	size int64
}

// listFiles expands folders (recursively, skipping hidden entries) into their files, in name order.
func listFiles(paths []string) ([]file, error) {
	var out []file
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot open %s: %w", p, errors.Unwrap(err))
		}
		if !fi.IsDir() {
			out = append(out, file{p, fi.Size()})
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && q != p {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(q)) {
			case ".csv", ".xml", ".zip":
			default:
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			out = append(out, file{q, info.Size()})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading folder %s: %w", p, err)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no CSV, XML or zip files found in %s", strings.Join(paths, ", "))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

// recognise tells which return the files hold from their first bytes.
func recognise(files []file) (string, error) {
	kind := ""
	for _, f := range files {
		k, err := sniff(f.path)
		if err != nil {
			return "", err
		}
		if kind != "" && k != kind {
			return "", fmt.Errorf("%s holds a %s return but other files hold a %s return: load one return at a time", f.path, k, kind)
		}
		kind = k
	}
	return kind, nil
}

func sniff(path string) (string, error) {
	if strings.EqualFold(filepath.Ext(path), ".zip") {
		return store.ReturnSSDA903, nil
	}
	fh, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("cannot open %s: %w", path, errors.Unwrap(err))
	}
	defer fh.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(fh, head)
	head = bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf"))
	if n == 0 {
		return "", fmt.Errorf("%s is empty", path)
	}
	text := strings.ToLower(string(head))
	switch {
	case strings.Contains(text, "<expssda903"):
		return store.ReturnSSDA903, nil
	case strings.Contains(text, "<message"):
		return store.ReturnCIN, nil
	case strings.HasPrefix(strings.TrimSpace(text), "<"):
		return "", fmt.Errorf("%s is XML but neither a 903 return (EXPSSDA903) nor a CIN census (Message)", path)
	}
	firstLine, _, _ := strings.Cut(text, "\n")
	cols := strings.Split(strings.ReplaceAll(firstLine, "\r", ""), ",")
	for i := range cols {
		cols[i] = strings.Trim(strings.TrimSpace(cols[i]), `"`)
	}
	if len(cols) > 2 && cols[0] == "la" && cols[1] == "year" {
		return store.ReturnWorkforce, nil
	}
	return store.ReturnSSDA903, nil
}

// tracker counts and hashes the bytes read from each file.
type tracker struct {
	progress    func(done, total int64)
	done, total int64
	reported    int64
	sums        map[string]hash.Hash // by the name the reader is given
	read        map[string]int64     // bytes read, by the same name
	previous    map[string]bool      // files holding last year's tables
}

// wrap returns a reader of r that hashes what it reads under name and reports progress.
func (t *tracker) wrap(name string, r io.Reader) io.Reader {
	h := sha256.New()
	t.sums[name] = h
	return &countingReader{r: io.TeeReader(r, h), t: t, name: name}
}

func (t *tracker) add(name string, n int) {
	t.read[name] += int64(n)
	t.done += int64(n)
	if t.progress != nil && t.done-t.reported >= 1<<20 {
		t.reported = t.done
		t.progress(t.done, t.total)
	}
}

func (t *tracker) finish() {
	if t.progress != nil {
		t.progress(t.total, t.total)
	}
}

// sourceFiles lists what was read, with checksums, for the snapshot.
func (t *tracker) sourceFiles() []store.SourceFile {
	names := make([]string, 0, len(t.sums))
	for n := range t.sums {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]store.SourceFile, 0, len(names))
	for _, n := range names {
		out = append(out, store.SourceFile{Name: n, SHA256: hex.EncodeToString(t.sums[n].Sum(nil)),
			Size: t.read[n], Previous: t.previous[n]})
	}
	return out
}

type countingReader struct {
	r    io.Reader
	t    *tracker
	name string
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.t.add(c.name, n)
	return n, err
}

// read903 reads a 903 return: one XML file, or CSV tables from files, folders and zips.
func read903(files []file, tr *tracker) (*ssda903.Return, []finding.Finding, error) {
	var xmls, others []string
	for _, f := range files {
		if strings.EqualFold(filepath.Ext(f.path), ".xml") {
			xmls = append(xmls, f.path)
		} else {
			others = append(others, f.path)
		}
	}
	if len(xmls) > 0 {
		if len(xmls) > 1 || len(others) > 0 {
			return nil, nil, errors.New("give a 903 return either as one XML file or as CSV tables, not both")
		}
		fh, err := os.Open(xmls[0])
		if err != nil {
			return nil, nil, fmt.Errorf("cannot open %s: %w", xmls[0], errors.Unwrap(err))
		}
		defer fh.Close()
		return ssda903.ReadXML(xmls[0], bufio.NewReaderSize(tr.wrap(xmls[0], fh), 256<<10))
	}
	inputs, closeAll, err := ssda903.OpenPaths(others)
	if err != nil {
		return nil, nil, err
	}
	defer closeAll()
	for i := range inputs {
		inputs[i].Data = tr.wrap(inputs[i].Name, inputs[i].Data)
		tr.previous[inputs[i].Name] = inputs[i].Previous
	}
	return ssda903.ReadCSV(inputs)
}

// readCIN reads one CIN census XML file.
func readCIN(files []file, tr *tracker) (*cin.Census, []finding.Finding, error) {
	if len(files) != 1 {
		return nil, nil, fmt.Errorf("a CIN census is one XML file; %d files were given", len(files))
	}
	fh, err := os.Open(files[0].path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open %s: %w", files[0].path, errors.Unwrap(err))
	}
	defer fh.Close()
	return cin.ReadXML(files[0].path, tr.wrap(files[0].path, fh))
}

// checkCensus refuses a census whose header names another authority or year.
func checkCensus(c *cin.Census, req Request) error {
	if c.Header.LEA != "" && strings.TrimLeft(c.Header.LEA, "0") != fmt.Sprint(req.Authority) {
		return fmt.Errorf("the census header says it is from LA %s, but it is being loaded for LA %d", c.Header.LEA, req.Authority)
	}
	if c.Header.Year != 0 && c.Header.Year != req.Year {
		return fmt.Errorf("the census header says collection year %d, but it is being loaded as %d", c.Header.Year, req.Year)
	}
	return nil
}

// readWorkforce reads workforce figures from one or more CSV files.
func readWorkforce(files []file, tr *tracker) ([]workforce.Figures, []finding.Finding, error) {
	var all []workforce.Figures
	var fs []finding.Finding
	for _, f := range files {
		fh, err := os.Open(f.path)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot open %s: %w", f.path, errors.Unwrap(err))
		}
		figs, ffs, err := workforce.ReadCSV(f.path, tr.wrap(f.path, fh))
		fh.Close()
		if err != nil {
			return nil, nil, err
		}
		all = append(all, figs...)
		fs = append(fs, ffs...)
	}
	return all, fs, nil
}

// readReferences reads the optional Ofsted provider list and postcode coordinates of req.
func readReferences(req Request) (map[string]ssda903.Provider, map[string]ssda903.Coordinate, error) {
	var providers map[string]ssda903.Provider
	var postcodes map[string]ssda903.Coordinate
	if req.Providers != "" {
		f, err := os.Open(req.Providers)
		if err != nil {
			return nil, nil, fmt.Errorf("provider list: %w", err)
		}
		defer f.Close()
		if providers, err = ssda903.ReadProviders(req.Providers, f); err != nil {
			return nil, nil, err
		}
	}
	if req.Postcodes != "" {
		f, err := os.Open(req.Postcodes)
		if err != nil {
			return nil, nil, fmt.Errorf("postcode coordinates: %w", err)
		}
		defer f.Close()
		if postcodes, err = ssda903.ReadPostcodes(req.Postcodes, f); err != nil {
			return nil, nil, err
		}
	}
	return providers, postcodes, nil
}
