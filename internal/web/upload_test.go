package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"csperf/internal/store"
	"csperf/internal/synth"
)

// multipartBody builds an upload form: the year and the named files.
func multipartBody(t *testing.T, year string, files map[string][]byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.WriteField("year", year); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		w, err := mw.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// uploadServer is a server over a store of its own, holding the fixture's authorities and nothing
// loaded, with an analyst of la: uploads there change nothing other tests read.
func uploadServer(t *testing.T, la int) (*Server, *store.Store, *client) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "upload.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	g, err := synth.New(synth.Options{Authorities: 6, Years: 2, LastYear: 2025, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.UpsertAuthorities(ctx, g.Authorities(), "synthetic"); err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateUser(ctx, store.User{Email: "loader@test.invalid", Name: "Loader", PasswordHash: "x",
		Roles: []store.Role{{Authority: la, Role: RoleAnalyst}}})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: st, Key: testFixture(t).key, Log: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := st.CreateSession(ctx, store.Session{TokenHash: tokenHash("loader-token"), UserID: id, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	return srv, st, &client{t: t, srv: srv, cookie: &http.Cookie{Name: sessionCookie, Value: "loader-token"}}
}

// waitJob polls a job's JSON status until it has finished.
func waitJob(t *testing.T, c *client, path string) uploadView {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		rec := c.get(path + "?format=json")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %s: %d %s", path, rec.Code, rec.Body)
		}
		var v uploadView
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if v.Finished {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("upload not finished: %+v", v)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestUploadLoadsA903Return(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	_, st, c := uploadServer(t, la)
	dir := filepath.Join(f.dataDir, synth.YearDir(la, 2025), "ssda903")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".csv") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	if len(files) < 3 {
		t.Fatalf("only %d 903 tables in %s", len(files), dir)
	}
	if rec := c.get(fmt.Sprintf("/la/%d/upload", la)); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `enctype="multipart/form-data"`) {
		t.Fatalf("upload page: %d", rec.Code)
	}
	body, ct := multipartBody(t, "2025", files)
	rec := c.do(http.MethodPost, fmt.Sprintf("/la/%d/upload", la), body, ct)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	job := rec.Header().Get("Location")
	v := waitJob(t, c, job)
	if v.State != stateDone || v.Snapshot == 0 || v.Duplicate || v.Problem != "" {
		t.Fatalf("job %+v", v)
	}
	if v.Total == 0 || v.Done != v.Total || v.Percent != 100 || v.Refreshed == 0 {
		t.Errorf("progress %d of %d (%d%%), %d values", v.Done, v.Total, v.Percent, v.Refreshed)
	}
	snaps, err := st.Snapshots(context.Background(), la)
	if err != nil || len(snaps) != 1 || snaps[0].ID != v.Snapshot || snaps[0].LoadedBy != "loader@test.invalid" || snaps[0].Year != 2025 {
		t.Fatalf("snapshots %+v %v", snaps, err)
	}
	fs, err := st.Findings(context.Background(), v.Snapshot)
	if err != nil || len(fs) == 0 || len(fs) != v.Findings {
		t.Fatalf("%d findings stored, %d reported (%v)", len(fs), v.Findings, err)
	}
	for _, sf := range snaps[0].Files {
		if _, ok := files[sf.Name]; !ok {
			t.Errorf("snapshot file %s was not uploaded (or is recorded with the upload's temporary folder)", sf.Name)
		}
	}
	for _, f := range fs {
		if f.File != "" && strings.Contains(f.File, string(filepath.Separator)) {
			t.Errorf("finding recorded against %q, not the uploaded file's name", f.File)
			break
		}
	}
	// The status page shows the result and links to the data quality page; the temporary files are gone.
	page := c.get(job).Body.String()
	for _, want := range []string{fmt.Sprintf("snapshot %d", v.Snapshot), fmt.Sprintf("/la/%d/quality?snapshot=%d", la, v.Snapshot), "Check results"} {
		if !strings.Contains(page, want) {
			t.Errorf("status page lacks %q", want)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "csperf-upload-*")); len(left) > 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
	// Audited with names, sizes and checksums.
	es, err := st.AuditLog(context.Background(), store.AuditFilter{Action: "upload"})
	if err != nil || len(es) < 2 {
		t.Fatalf("audit %+v %v", es, err)
	}
	first := es[len(es)-1].Detail
	for name, b := range files {
		if !strings.Contains(first, fmt.Sprintf("%s (%d bytes, sha256 ", name, len(b))) {
			t.Errorf("audit %q lacks %s", first, name)
		}
	}
	if !strings.Contains(es[0].Detail, fmt.Sprintf("snapshot %d", v.Snapshot)) {
		t.Errorf("completion not audited: %q", es[0].Detail)
	}
	// The scorecard now has values.
	if rec := c.get(fmt.Sprintf("/la/%d/", la)); !strings.Contains(rec.Body.String(), "<tr data-row>") {
		t.Errorf("no scorecard rows after the upload")
	}

	// The same files again: a duplicate, nothing new.
	body, ct = multipartBody(t, "2025", files)
	rec = c.do(http.MethodPost, fmt.Sprintf("/la/%d/upload", la), body, ct)
	v2 := waitJob(t, c, rec.Header().Get("Location"))
	if !v2.Duplicate || v2.Snapshot != v.Snapshot {
		t.Fatalf("second upload %+v", v2)
	}
	if page := c.get(rec.Header().Get("Location")).Body.String(); !strings.Contains(page, "already loaded") {
		t.Errorf("duplicate not reported")
	}
	if snaps, _ := st.Snapshots(context.Background(), la); len(snaps) != 1 {
		t.Errorf("%d snapshots after a duplicate", len(snaps))
	}

	// Another analyst of the same authority does not see the job.
	ctx := context.Background()
	id, err := st.CreateUser(ctx, store.User{Email: "other@test.invalid", Name: "Other", PasswordHash: "x",
		Roles: []store.Role{{Authority: la, Role: RoleAnalyst}}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := st.CreateSession(ctx, store.Session{TokenHash: tokenHash("other-token"), UserID: id, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	other := &client{t: t, srv: c.srv, cookie: &http.Cookie{Name: sessionCookie, Value: "other-token"}}
	if rec := other.get(job); rec.Code != http.StatusNotFound {
		t.Errorf("another account sees the job: %d", rec.Code)
	}
	if rec := other.get(fmt.Sprintf("/la/%d/upload", la)); rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), job) {
		t.Errorf("another account's upload page lists the job: %d", rec.Code)
	}
}

func TestUploadRefusals(t *testing.T) {
	f := testFixture(t)
	la := f.loaded[0]
	ctx := context.Background()
	before, err := f.st.Snapshots(ctx, la)
	if err != nil {
		t.Fatal(err)
	}
	c := f.as(t, "analyst")

	// A file that is no return: refused in the background, naming the file.
	body, ct := multipartBody(t, "2025", map[string][]byte{"junk.csv": []byte("hello,world\n1,2\n")})
	rec := c.do(http.MethodPost, fmt.Sprintf("/la/%d/upload", la), body, ct)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("junk upload: %d %s", rec.Code, rec.Body)
	}
	job := rec.Header().Get("Location")
	v := waitJob(t, c, job)
	if v.State != stateFailed || !strings.HasPrefix(v.Problem, "junk.csv") || strings.Contains(v.Problem, os.TempDir()) || v.Snapshot != 0 {
		t.Fatalf("junk: %+v", v)
	}
	if page := c.get(job).Body.String(); !strings.Contains(page, "Nothing was loaded") || !strings.Contains(page, "junk.csv: its columns") {
		t.Errorf("junk status page does not say why")
	}
	// A file of a kind csperf does not take: refused at once.
	body, ct = multipartBody(t, "2025", map[string][]byte{"notes.txt": []byte("x")})
	rec = c.do(http.MethodPost, fmt.Sprintf("/la/%d/upload", la), body, ct)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "notes.txt is not a file csperf loads") {
		t.Fatalf("txt upload: %d", rec.Code)
	}
	// A bad year names the field.
	body, ct = multipartBody(t, "twenty", map[string][]byte{"header.csv": []byte("CHILD\n1\n")})
	rec = c.do(http.MethodPost, fmt.Sprintf("/la/%d/upload", la), body, ct)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "collection year") {
		t.Fatalf("bad year: %d", rec.Code)
	}

	// Over the size limit: 413 with the limit in words.
	small, err := New(Config{Store: f.st, Key: f.key, Log: discardLogger(), MaxUpload: 4 << 10})
	if err != nil {
		t.Fatal(err)
	}
	sc := f.as(t, "analyst")
	sc.srv = small
	body, ct = multipartBody(t, "2025", map[string][]byte{"episodes.csv": bytes.Repeat([]byte("a,b,c\n"), 2000)})
	rec = sc.do(http.MethodPost, fmt.Sprintf("/la/%d/upload", la), body, ct)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "larger than the limit of 4 KB") {
		t.Fatalf("oversized: %d %s", rec.Code, rec.Body)
	}
	// Streamed without a length, it is refused as it arrives.
	body, ct = multipartBody(t, "2025", map[string][]byte{"episodes.csv": bytes.Repeat([]byte("a,b,c\n"), 2000)})
	rec = sc.do(http.MethodPost, fmt.Sprintf("/la/%d/upload", la), struct{ io.Reader }{body}, ct)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized, streamed: %d", rec.Code)
	}

	after, err := f.st.Snapshots(ctx, la)
	if err != nil || len(after) != len(before) {
		t.Fatalf("%d snapshots before, %d after refused uploads", len(before), len(after))
	}
}
