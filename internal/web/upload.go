package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"csperf/internal/finding"
	"csperf/internal/kpi"
	"csperf/internal/load"
	"csperf/internal/store"
)

// Upload jobs: a return's files are received into a temporary folder, then read, checked, stored
// and the indicators recomputed in the background by load.Run and kpi.Refresh, the same steps as
// "csperf load", while the browser polls the job's status page. Jobs live in the memory of the
// server that received them, are visible only to the user who started them, and are forgotten a
// day after they finish.

const (
	uploadKeep      = 24 * time.Hour // how long a finished job's status stays available
	uploadMaxJobs   = 200            // jobs kept at most; the oldest finished go first
	uploadFirst     = 10             // findings listed on the status page
	uploadFieldMax  = 64             // bytes of a plain form field
	uploadLoadLimit = 2 * time.Hour  // a load still running after this is abandoned
)

// uploads holds the server's upload jobs.
type uploads struct {
	mu   sync.Mutex
	jobs map[string]*uploadJob
	slot chan struct{} // one load at a time: loads are memory-hungry and the machine has two cores
}

func newUploads() *uploads {
	return &uploads{jobs: map[string]*uploadJob{}, slot: make(chan struct{}, 1)}
}

// add registers a job, forgetting finished jobs that are old or beyond the limit.
func (u *uploads) add(j *uploadJob, now time.Time) {
	u.mu.Lock()
	defer u.mu.Unlock()
	var finished []*uploadJob
	for id, old := range u.jobs {
		v := old.view()
		if !v.Finished {
			continue
		}
		if now.Sub(v.finishedAt) > uploadKeep {
			delete(u.jobs, id)
			continue
		}
		finished = append(finished, old)
	}
	if len(u.jobs) >= uploadMaxJobs {
		slices.SortFunc(finished, func(a, b *uploadJob) int { return a.started.Compare(b.started) })
		for _, old := range finished {
			if len(u.jobs) < uploadMaxJobs {
				break
			}
			delete(u.jobs, old.id)
		}
	}
	u.jobs[j.id] = j
}

// get returns the job with id if user started it for authority la.
func (u *uploads) get(id string, user int64, la int) *uploadJob {
	u.mu.Lock()
	defer u.mu.Unlock()
	j := u.jobs[id]
	if j == nil || j.user != user || j.la != la {
		return nil
	}
	return j
}

// mine lists the jobs user started for authority la, newest first.
func (u *uploads) mine(user int64, la int) []uploadView {
	u.mu.Lock()
	var js []*uploadJob
	for _, j := range u.jobs {
		if j.user == user && j.la == la {
			js = append(js, j)
		}
	}
	u.mu.Unlock()
	slices.SortFunc(js, func(a, b *uploadJob) int { return b.started.Compare(a.started) })
	out := make([]uploadView, len(js))
	for i, j := range js {
		out[i] = j.view()
	}
	return out
}

// uploadFile is one file received.
type uploadFile struct {
	Name   string
	Size   int64
	SHA256 string
}

// Job states.
const (
	stateQueued    = "queued"
	stateReading   = "reading"
	stateComputing = "computing"
	stateDone      = "done"
	stateFailed    = "failed"
)

// uploadJob is one upload being loaded.
type uploadJob struct {
	id      string
	user    int64
	la      int
	year    int
	ret     string
	files   []uploadFile
	started time.Time

	mu          sync.Mutex
	state       string
	done, total int64
	result      load.Result
	refreshed   int
	problem     string
	finishedAt  time.Time
}

func (j *uploadJob) progress(done, total int64) {
	j.mu.Lock()
	j.done, j.total = done, total
	j.mu.Unlock()
}

func (j *uploadJob) set(state string) {
	j.mu.Lock()
	j.state = state
	j.mu.Unlock()
}

// uploadView is a job's status as the page and the JSON answer show it.
type uploadView struct {
	ID        string          `json:"id"`
	LA        int             `json:"authority"`
	Year      int             `json:"year"`
	YearName  string          `json:"-"`
	Files     []uploadFile    `json:"files"`
	Started   time.Time       `json:"started"`
	State     string          `json:"state"`
	StateText string          `json:"state_text"`
	Finished  bool            `json:"finished"`
	Done      int64           `json:"bytes_read"`
	Total     int64           `json:"bytes_total"`
	Percent   int             `json:"percent"`
	Problem   string          `json:"problem,omitempty"`
	Snapshot  int64           `json:"snapshot,omitempty"`
	Duplicate bool            `json:"duplicate"`
	Return    string          `json:"return,omitempty"`
	Counts    []load.Count    `json:"-"`
	Findings  int             `json:"findings"`
	Severity  []severityCount `json:"-"`
	BySev     map[string]int  `json:"by_severity"`
	First     []uploadFinding `json:"-"`
	Refreshed int             `json:"indicator_values"`
	Elapsed   string          `json:"-"`

	finishedAt time.Time
}

// uploadFinding is one of the first findings shown on the status page (without the child: the
// data quality page shows children, and audits it).
type uploadFinding struct {
	Severity finding.Severity
	Rule     string
	File     string
	Row      int
	Where    string // table and fields
	Message  string
}

func (j *uploadJob) view() uploadView {
	j.mu.Lock()
	defer j.mu.Unlock()
	v := uploadView{ID: j.id, LA: j.la, Year: j.year, YearName: yearName(j.year), Files: j.files, Started: j.started, State: j.state,
		Done: j.done, Total: j.total, Problem: j.problem, Refreshed: j.refreshed, finishedAt: j.finishedAt}
	v.Finished = j.state == stateDone || j.state == stateFailed
	if v.Total > 0 {
		v.Percent = int(v.Done * 100 / v.Total)
	}
	switch j.state {
	case stateQueued:
		v.StateText = "Waiting for another load to finish."
	case stateReading:
		v.StateText = "Reading and checking the files."
		if v.Total > 0 && v.Done >= v.Total {
			v.StateText = "Checking the return and storing it."
		}
	case stateComputing:
		v.StateText = "Stored; recomputing the authority's indicators."
	case stateDone:
		v.StateText = "Finished."
	case stateFailed:
		v.StateText = "Nothing was loaded."
	}
	if j.state == stateDone || j.state == stateComputing {
		r := j.result
		v.Snapshot, v.Duplicate, v.Return, v.Counts = r.Snapshot, r.Duplicate, returnName(store.Snapshot{Return: r.Return, Year: j.year}), r.Counts
		v.Findings = len(r.Findings)
		n := finding.Count(r.Findings)
		v.BySev = map[string]int{}
		for _, sev := range severityOrder {
			v.Severity = append(v.Severity, severityCount{sev, n[sev], severityLabel(sev, n[sev])})
			v.BySev[string(sev)] = n[sev]
		}
		for i, f := range r.Findings {
			if i == uploadFirst {
				break
			}
			where := f.Table
			if len(f.Fields) > 0 {
				where = strings.TrimPrefix(f.Table+"."+strings.Join(f.Fields, ", "), ".")
			}
			v.First = append(v.First, uploadFinding{Severity: f.Severity, Rule: f.Rule, File: fileBase(f.File), Row: f.Row, Where: where,
				Message: f.Message})
		}
		v.Elapsed = r.Elapsed.Round(time.Millisecond).String()
	}
	return v
}

// uploadData is the upload form page.
type uploadData struct {
	Year     string
	Years    []yearOption // collection years to choose from, newest first
	Return   string
	Problems []string
	MaxMB    int64
	Jobs     []uploadView
	Recent   []qualitySnap // the authority's latest loads
}

type yearOption struct{ Value, Name string }

// uploadPage shows the form to upload a return, the user's uploads for the authority and its
// latest loads.
func (s *Server) uploadPage(w http.ResponseWriter, r *request) {
	s.renderUpload(w, r, http.StatusOK, uploadData{Year: strconv.Itoa(s.lastCollectionYear())})
}

// lastCollectionYear is the latest collection year that has ended (2025 from April 2025).
func (s *Server) lastCollectionYear() int {
	y, m, _ := s.today().Civil()
	if m >= 4 {
		return y
	}
	return y - 1
}

func (s *Server) renderUpload(w http.ResponseWriter, r *request, status int, d uploadData) {
	d.MaxMB = s.cfg.MaxUpload >> 20
	last := s.lastCollectionYear()
	if d.Year == "" {
		d.Year = strconv.Itoa(last)
	}
	for y := last + 1; y >= last-15; y-- {
		d.Years = append(d.Years, yearOption{Value: strconv.Itoa(y), Name: yearName(y)})
	}
	d.Jobs = s.uploads.mine(r.User.ID, r.LA)
	snaps, err := s.st.Snapshots(r.Context(), r.LA)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	for i := len(snaps) - 1; i >= 0 && len(d.Recent) < 10; i-- {
		sn := snaps[i]
		d.Recent = append(d.Recent, qualitySnap{ID: sn.ID, Name: returnName(sn), LoadedAt: sn.LoadedAt, LoadedBy: sn.LoadedBy})
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
	}
	s.render(w, r.Request, r.User, "upload", page{Title: "Upload a return", LA: r.LA, Data: d})
}

// upload receives a return's files (field "files", any number) with its collection year ("year")
// and optionally the kind of return ("return"), saves them to a temporary folder, audits the upload
// with each file's name, size and checksum, and starts loading them in the background; it answers
// with a redirect to the job's status page.
func (s *Server) upload(w http.ResponseWriter, r *request) {
	d := uploadData{}
	fail := func(status int, problems ...string) {
		d.Problems = problems
		s.renderUpload(w, r, status, d)
	}
	tooBig := fmt.Sprintf("The upload is larger than the limit of %s: nothing was loaded. Send the return's files on their own, "+
		"or zip the CSV tables, and try again.", sizeText(s.cfg.MaxUpload))
	if r.ContentLength > s.cfg.MaxUpload {
		fail(http.StatusRequestEntityTooLarge, tooBig)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		fail(http.StatusBadRequest, "The form could not be read: choose the return's files and send the form again.")
		return
	}
	dir, err := os.MkdirTemp("", "csperf-upload-")
	if err != nil {
		s.serverError(w, r.Request, fmt.Errorf("upload: temporary folder: %w", err))
		return
	}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(dir)
		}
	}()
	var files []uploadFile
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if isTooBig(err) {
				fail(http.StatusRequestEntityTooLarge, tooBig)
				return
			}
			fail(http.StatusBadRequest, "The form could not be read: send it again.")
			return
		}
		switch part.FormName() {
		case "year", "return":
			v, err := io.ReadAll(io.LimitReader(part, uploadFieldMax))
			if err != nil {
				if isTooBig(err) {
					fail(http.StatusRequestEntityTooLarge, tooBig)
					return
				}
				fail(http.StatusBadRequest, "The form could not be read: send it again.")
				return
			}
			if part.FormName() == "year" {
				d.Year = strings.TrimSpace(string(v))
			} else {
				d.Return = strings.TrimSpace(string(v))
			}
		case "files":
			if part.FileName() == "" {
				continue // the browser sends an empty part when no file was chosen
			}
			f, problem, err := saveUploadPart(dir, part, files)
			if err != nil {
				if isTooBig(err) {
					fail(http.StatusRequestEntityTooLarge, tooBig)
					return
				}
				s.log.WarnContext(r.Context(), "web: upload interrupted", "err", err)
				fail(http.StatusBadRequest, "The upload was interrupted before all the files arrived: nothing was loaded. Send them again.")
				return
			}
			if problem != "" {
				fail(http.StatusBadRequest, problem)
				return
			}
			files = append(files, f)
		}
		part.Close()
	}

	var problems []string
	year, err := strconv.Atoi(d.Year)
	if err != nil || year < 2000 || year > 2100 {
		problems = append(problems, fmt.Sprintf("The collection year %q is not a year: write the year the collection ends, such as 2025 for 2024-25.", d.Year))
	}
	switch d.Return {
	case "", store.ReturnSSDA903, store.ReturnCIN, store.ReturnWorkforce:
	default:
		problems = append(problems, fmt.Sprintf("The return %q is not one csperf loads: choose the 903, the CIN census or workforce figures.", d.Return))
	}
	if len(files) == 0 {
		problems = append(problems, "No files were chosen: choose the return's files (903 CSV tables or XML, a CIN census XML, or a workforce CSV).")
	}
	if len(problems) > 0 {
		fail(http.StatusBadRequest, problems...)
		return
	}

	var desc []string
	for _, f := range files {
		desc = append(desc, fmt.Sprintf("%s (%d bytes, sha256 %s)", f.Name, f.Size, f.SHA256))
	}
	id, err := newJobID()
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	if err := s.audit(r.Request, r.User, "upload", r.LA, "upload %s: collection year %d%s: %s", id, year, returnDetail(d.Return),
		strings.Join(desc, "; ")); err != nil {
		s.serverError(w, r.Request, fmt.Errorf("audit before loading an upload: %w", err))
		return
	}
	job := &uploadJob{id: id, user: r.User.ID, la: r.LA, year: year, ret: d.Return, files: files, started: s.cfg.Now(), state: stateQueued}
	s.uploads.add(job, s.cfg.Now())
	keep = true
	go s.runUpload(job, dir, r.User, clientAddress(r.Request))
	http.Redirect(w, r.Request, fmt.Sprintf("/la/%d/upload/%s", r.LA, id), http.StatusSeeOther)
}

func returnDetail(ret string) string {
	if ret == "" {
		return ""
	}
	return ", return " + ret
}

// saveUploadPart writes one uploaded file into dir under its own name, hashing it as it goes. A
// problem with the file itself (a name or kind csperf does not take) is returned as a sentence.
func saveUploadPart(dir string, part *multipart.Part, have []uploadFile) (uploadFile, string, error) {
	name := strings.TrimSpace(filepath.Base(strings.ReplaceAll(part.FileName(), `\`, "/")))
	if name == "" || name == "." || name == ".." || name == "/" || strings.HasPrefix(name, ".") {
		return uploadFile{}, fmt.Sprintf("The file name %q cannot be used: rename the file and send it again.", part.FileName()), nil
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".xml", ".zip":
	default:
		return uploadFile{}, fmt.Sprintf("%s is not a file csperf loads: send 903 tables as CSV files (or a zip of them) or one XML "+
			"file, a CIN census as XML, or workforce figures as CSV. Nothing was loaded.", name), nil
	}
	for _, f := range have {
		if strings.EqualFold(f.Name, name) {
			return uploadFile{}, fmt.Sprintf("Two files are called %s: send each table once. Nothing was loaded.", name), nil
		}
	}
	out, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return uploadFile{}, "", fmt.Errorf("upload: save %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), part)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return uploadFile{}, "", err
	}
	if n == 0 {
		return uploadFile{}, fmt.Sprintf("%s is empty: nothing was loaded. Choose the file again.", name), nil
	}
	return uploadFile{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, "", nil
}

func isTooBig(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}

// sizeText says a number of bytes in MB (or KB under one MB).
func sizeText(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%d MB", n>>20)
}

func newJobID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("upload: job id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// runUpload loads a job's files, as "csperf load" does, then removes them.
func (s *Server) runUpload(j *uploadJob, dir string, u *store.User, address string) {
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), uploadLoadLimit)
	defer cancel()
	finish := func(state, problem string) {
		if err := os.RemoveAll(dir); err != nil {
			s.log.Warn("web: upload's temporary files not removed", "dir", dir, "err", err)
		}
		j.mu.Lock()
		j.state, j.problem, j.finishedAt = state, problem, s.cfg.Now()
		j.mu.Unlock()
	}
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("web: upload panicked", "job", j.id, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			finish(stateFailed, "Something went wrong on the server while loading; it has been logged. Nothing new is shown until it is fixed.")
		}
	}()
	s.uploads.slot <- struct{}{}
	defer func() { <-s.uploads.slot }()
	j.set(stateReading)

	paths := make([]string, len(j.files))
	for i, f := range j.files {
		paths[i] = filepath.Join(dir, f.Name)
	}
	record := func(detail string, args ...any) {
		e := store.AuditEntry{At: s.cfg.Now(), UserID: u.ID, Email: u.Email, Action: "upload", Authority: j.la,
			Detail: fmt.Sprintf(detail, args...), Address: address}
		if err := s.st.Audit(ctx, e); err != nil {
			s.log.Error("web: audit log write failed", "action", "upload", "err", err)
		}
	}
	res, err := load.Run(ctx, s.st, s.key, load.Request{Authority: j.la, Year: j.year, Return: j.ret, Paths: paths, By: u.Email, Within: dir,
		Progress: j.progress})
	if err != nil {
		problem := strings.ReplaceAll(err.Error(), dir+string(os.PathSeparator), "")
		problem = strings.ReplaceAll(problem, dir, "the upload")
		s.log.Info("web: upload refused", "job", j.id, "la", j.la, "err", problem)
		record("upload %s refused, nothing loaded: %s", j.id, problem)
		finish(stateFailed, problem)
		return
	}
	j.mu.Lock()
	j.result = res
	j.mu.Unlock()
	if res.Duplicate {
		record("upload %s: the same files as snapshot %d, nothing new stored", j.id, res.Snapshot)
		finish(stateDone, "")
		return
	}
	j.set(stateComputing)
	n, err := kpi.Refresh(ctx, s.st, s.key, j.la)
	if err != nil {
		s.log.Error("web: recomputing indicators after an upload failed", "job", j.id, "la", j.la, "err", err)
		record("upload %s loaded as snapshot %d; recomputing the indicators failed", j.id, res.Snapshot)
		finish(stateFailed, fmt.Sprintf("The return was stored as snapshot %d, but recomputing the indicators failed; it has been logged. "+
			"Run \"csperf load\" or ask the administrator.", res.Snapshot))
		return
	}
	j.mu.Lock()
	j.refreshed = n
	j.mu.Unlock()
	c := finding.Count(res.Findings)
	record("upload %s loaded as snapshot %d: %d errors, %d queries, %d warnings; %d indicator values", j.id, res.Snapshot,
		c[finding.Error], c[finding.Query], c[finding.Warning], n)
	finish(stateDone, "")
}

// uploadStatus shows a job's progress and, when it has finished, its result: as a page that the
// browser refreshes (csperf.js polls the JSON form; without JavaScript a link refreshes it), or as
// JSON for ?format=json or Accept: application/json. Only the user who started a job sees it.
func (s *Server) uploadStatus(w http.ResponseWriter, r *request) {
	j := s.uploads.get(r.PathValue("job"), r.User.ID, r.LA)
	if j == nil {
		http.Error(w, "There is no such upload for your account: uploads are kept for a day on the server that received them.",
			http.StatusNotFound)
		return
	}
	v := j.view()
	if r.URL.Query().Get("format") == "json" || strings.Contains(r.Header.Get("Accept"), "application/json") {
		writeJSON(w, v)
		return
	}
	s.render(w, r.Request, r.User, "uploadstatus", page{Title: "Upload", LA: r.LA, Data: v})
}
