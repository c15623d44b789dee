package web

// End-to-end tests in a real headless Chromium: the server runs on a loopback port over the shared
// fixture and one browser drives it, a fresh browser profile (cookies, downloads) per flow. Every page
// visited is checked for console errors, uncaught exceptions and content security policy violations,
// and for the accessibility basics (one h1, every form control labelled, RAG never by colour alone,
// table headers with a scope); a screenshot of every step is saved.
//
// The tests skip with a message when no browser is installed, except under CI=true, where the
// browser is installed by .ci/run and its absence is a failure. CSPERF_CHROMIUM names a browser
// explicitly; CSPERF_ARTEFACTS names a folder to keep the screenshots in.

import (
	"context"
	"csperf/internal/report"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"csperf/internal/store"
)

// findBrowser returns the Chromium to drive: $CSPERF_CHROMIUM, else Debian's chromium or
// chromium-headless-shell. It skips the test when there is none, and fails it under CI.
func findBrowser(t *testing.T) string {
	t.Helper()
	exe, err := report.FindChromium()
	if err == nil {
		return exe
	}
	msg := err.Error() + " to run the browser tests"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI installs it: see .ci/run)")
	}
	t.Skip(msg)
	return ""
}

// e2e is the browser and the server the flows share.
type e2e struct {
	f     *fixture
	ctx   context.Context // the browser's
	base  string          // the server's URL, http://127.0.0.1:PORT
	shots string          // where screenshots go
}

func TestBrowser(t *testing.T) {
	e := newE2E(t)
	var childURL string // a child's page, found by the analyst and tried by the member
	t.Run("analyst drills down to a child", func(t *testing.T) { childURL = e.analystDrillDown(t) })
	t.Run("member is refused child-level pages", func(t *testing.T) { e.memberRefused(t, childURL) })
	t.Run("analyst uploads a 903 return", e.analystUpload)
	t.Run("analyst downloads the quality CSV", e.analystDownload)
}

// newE2E starts the shared fixture's server on a loopback port and one headless Chromium for a
// browser test, both stopped when t ends. Screenshots go to $CSPERF_ARTEFACTS/e2e (a relative path
// is taken from the repository's root), else to a temporary folder; the test logs which.
func newE2E(t *testing.T) *e2e {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	exe := findBrowser(t)
	f := testFixture(t)
	ts := httptest.NewServer(f.srv)
	t.Cleanup(ts.Close)

	shots := os.Getenv("CSPERF_ARTEFACTS")
	if shots == "" {
		shots = filepath.Join(t.TempDir(), "screenshots")
	} else if !filepath.IsAbs(shots) {
		// go test runs in the package's folder; a relative path is meant from where it was typed.
		if wd, err := os.Getwd(); err == nil {
			shots = filepath.Join(wd, "..", "..", shots)
		}
	}
	shots = filepath.Join(shots, "e2e")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		append(report.HeadlessOptions(exe, t.TempDir()), chromedp.WindowSize(1280, 900))...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	start := time.Now()
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	t.Logf("browser %s started in %v", exe, time.Since(start).Round(time.Millisecond))
	return &e2e{f: f, ctx: bctx, base: ts.URL, shots: shots}
}

// tab is one browser tab in a fresh profile, for one flow.
type tab struct {
	t     *testing.T
	e     *e2e
	ctx   context.Context
	step  int
	mu    sync.Mutex
	errs  []string // console errors, exceptions, CSP violations
	allow []string // path fragments whose failed loads are expected (a 403 the flow asks for)
}

func (e *e2e) tab(t *testing.T) *tab {
	t.Helper()
	tb := &tab{t: t, e: e}
	ctx, cancel := chromedp.NewContext(e.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 45*time.Second)
	t.Cleanup(cancelTimeout)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	t.Cleanup(tb.noErrors)
	return tb
}

// listen records what a page reports as an error. It runs in the tab's event loop: no commands.
func (tb *tab) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "uncaught exception: " + d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		msg += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
	case *log.EventEntryAdded:
		en := ev.Entry
		if en.Level != log.EntryLevelError {
			return
		}
		msg = fmt.Sprintf("%s error: %s %s", en.Source, en.Text, en.URL)
	default:
		return
	}
	tb.mu.Lock()
	tb.errs = append(tb.errs, msg)
	tb.mu.Unlock()
}

// expectRefusal says that failed loads of URLs containing frag are part of the flow.
func (tb *tab) expectRefusal(frag string) {
	tb.mu.Lock()
	tb.allow = append(tb.allow, frag)
	tb.mu.Unlock()
}

// noErrors fails the test for every console error the pages reported, but those of refusals the flow
// asked for.
func (tb *tab) noErrors() {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, m := range tb.errs {
		expected := false
		for _, a := range tb.allow {
			if strings.HasPrefix(m, "network error:") && strings.Contains(m, a) {
				expected = true
			}
		}
		if !expected {
			tb.t.Errorf("browser: %s", m)
		}
	}
	tb.errs = nil
}

func (tb *tab) fatal(format string, args ...any) {
	tb.t.Helper()
	tb.shot("failed")
	tb.t.Fatalf(format, args...)
}

// open loads path and returns the HTTP status of the document.
func (tb *tab) open(path string) int64 {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.e.base+path))
	if err != nil {
		tb.fatal("open %s: %v", path, err)
	}
	return resp.Status
}

// follow clicks the first element matching sel and waits for the page it opens.
func (tb *tab) follow(sel string) *network.Response {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		tb.fatal("follow %s from %s: %v", sel, tb.location(), err)
	}
	return resp
}

func (tb *tab) location() string {
	loc, _ := chromedp.Run(tb.ctx, chromedp.Location())
	return strings.TrimPrefix(loc, tb.e.base)
}

// eval runs a JavaScript expression in the page.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		tb.fatal("evaluate in %s: %v\n%s", tb.location(), err, js)
	}
	return v
}

func (tb *tab) text(sel string) string {
	tb.t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		tb.fatal("read %s in %s: %v", sel, tb.location(), err)
	}
	return strings.TrimSpace(s)
}

// shot saves a screenshot of the whole page, numbered in the order of the flow.
func (tb *tab) shot(name string) {
	tb.t.Helper()
	tb.step++
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Logf("screenshot %s: %v", name, err)
		return
	}
	flow := regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(tb.t.Name()[strings.LastIndex(tb.t.Name(), "/")+1:]), "-")
	file := filepath.Join(tb.e.shots, fmt.Sprintf("%s-%02d-%s.png", flow, tb.step, name))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.t.Errorf("save screenshot: %v", err)
	}
}

// a11yScript lists what the page gets wrong of the accessibility basics.
const a11yScript = `(() => {
  const out = [];
  const short = el => el.outerHTML.slice(0, 140);
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) out.push(h1 + " h1 elements, want exactly one");
  for (const el of document.querySelectorAll("input, select, textarea")) {
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (["hidden", "submit", "button", "reset", "image"].includes(type)) continue;
    const byFor = el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
    if (!byFor && !el.closest("label") && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby")) {
      out.push("form control without a label: " + short(el));
    }
  }
  for (const el of document.querySelectorAll("button")) {
    if (el.textContent.trim() === "" && !el.getAttribute("aria-label")) out.push("button without a name: " + short(el));
  }
  for (const el of document.querySelectorAll('.rag, [class^="rag-"], [class*=" rag-"]')) {
    if (el.closest("svg")) continue;
    if (el.textContent.trim() === "") out.push("RAG shown by colour alone: " + short(el));
  }
  for (const el of document.querySelectorAll(".trend")) {
    if (el.textContent.replace(/[▲▼►–]/g, "").trim() === "") out.push("trend shown by an arrow alone: " + short(el));
  }
  for (const th of document.querySelectorAll("table th")) {
    if (!th.hasAttribute("scope")) out.push("table header without scope: " + short(th));
  }
  for (const el of document.querySelectorAll("img:not([alt])")) out.push("image without alt: " + short(el));
  for (const el of document.querySelectorAll('svg[role="img"]')) {
    if (!el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby") && !el.querySelector("title")) {
      out.push("chart without a name: " + short(el));
    }
  }
  if (!document.documentElement.lang) out.push("no lang on html");
  if (document.title.trim() === "") out.push("no title");
  return out;
})()`

// check takes a screenshot and checks the page for the accessibility basics and console errors.
func (tb *tab) check(name string) {
	tb.t.Helper()
	tb.shot(name)
	for _, p := range eval[[]string](tb, a11yScript) {
		tb.t.Errorf("%s (%s): %s", name, tb.location(), p)
	}
	tb.noErrors()
}

// signIn signs in as the named fixture account through the sign-in form, from a page that needs it.
func (tb *tab) signIn(name, path string) {
	tb.t.Helper()
	tb.open(path)
	if loc := tb.location(); !strings.HasPrefix(loc, "/signin") {
		tb.fatal("signed out, %s went to %s, want the sign-in page", path, loc)
	}
	tb.check("signin")
	if err := chromedp.Do(tb.ctx,
		chromedp.SendKeys(chromedp.ID("email"), name+"@test.invalid"),
		chromedp.SendKeys(chromedp.ID("password"), name+"-password"),
	); err != nil {
		tb.fatal("fill the sign-in form: %v", err)
	}
	resp := tb.follow(`form.signin button[type="submit"]`)
	if resp.Status != 200 {
		tb.fatal("sign in as %s: status %d", name, resp.Status)
	}
	if loc := tb.location(); loc != path {
		tb.fatal("after signing in at %s: %s, want %s", path, loc, path)
	}
}

// keyboard checks that the scorecard can be used from the keyboard: Tab reaches the skip link first
// and then, through the header and the table headings, the first indicator; ArrowDown and ArrowUp
// move between rows; Enter opens the indicator. It returns the path of the page opened.
func (tb *tab) keyboard() string {
	tb.t.Helper()
	active := func() string {
		return eval[string](tb, `(() => { const a = document.activeElement; if (!a) return "";
			const row = a.closest("tr[data-row]"); const rows = [...document.querySelectorAll("tr[data-row]")];
			return a.tagName.toLowerCase() + "|" + (a.className || "") + "|" + (row ? rows.indexOf(row) : -1) + "|" + (a.getAttribute("href") || ""); })()`)
	}
	if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`),
		chromedp.KeyEvent(kb.Tab)); err != nil {
		tb.fatal("press Tab: %v", err)
	}
	if a := active(); !strings.HasPrefix(a, "a|skip|") {
		tb.t.Errorf("the first Tab reaches %q, want the skip link", a)
	}
	reached := false
	for range 80 {
		if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			tb.fatal("press Tab: %v", err)
		}
		if strings.HasPrefix(active(), "a||0|") {
			reached = true
			break
		}
	}
	if !reached {
		tb.fatal("Tab never reaches the first indicator's link (at %q)", active())
	}
	first := active()
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		tb.fatal("press ArrowDown: %v", err)
	}
	if a := active(); !strings.HasPrefix(a, "a||1|") {
		tb.t.Errorf("ArrowDown from the first row goes to %q, want the second row's link", a)
	}
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		tb.fatal("press ArrowUp: %v", err)
	}
	if a := active(); a != first {
		tb.t.Errorf("ArrowUp goes to %q, want back to %q", a, first)
	}
	tb.shot("keyboard")
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.KeyEvent(kb.Enter))
	if err != nil {
		tb.fatal("press Enter on %q: %v", first, err)
	}
	if resp.Status != 200 {
		tb.fatal("Enter on the first indicator: status %d", resp.Status)
	}
	return tb.location()
}

// analystDrillDown: sign in, the scorecard, an indicator (by keyboard), its children, one child.
func (e *e2e) analystDrillDown(t *testing.T) string {
	tb := e.tab(t)
	la := e.f.loaded[0]
	home := fmt.Sprintf("/la/%d/", la)
	tb.signIn("analyst", home)

	h1 := tb.text("h1")
	if !strings.HasPrefix(h1, "Scorecard at ") {
		tb.fatal("scorecard h1 %q", h1)
	}
	rows := eval[int](tb, `document.querySelectorAll("table.scorecard tr[data-row]").length`)
	if rows < 10 {
		tb.fatal("scorecard has %d indicator rows", rows)
	}
	links := eval[int](tb, `document.querySelectorAll('table.scorecard tr[data-row] th a[href*="/indicator/"]').length`)
	if links != rows {
		t.Errorf("%d indicator links for %d rows", links, rows)
	}
	tb.check("scorecard")

	// Follow an indicator with children behind it from the keyboard: the first row's.
	ind := tb.keyboard()
	if !strings.Contains(ind, fmt.Sprintf("/la/%d/indicator/", la)) {
		tb.fatal("Enter on the first indicator opened %s", ind)
	}
	if n := eval[int](tb, `document.querySelectorAll("main svg").length`); n == 0 {
		t.Errorf("indicator page %s has no chart", ind)
	}
	tb.check("indicator")

	// An indicator with a count behind it has the children listed: find one with a children link.
	childrenSel := `main a[href*="children"]:not([href$=".csv"])`
	if eval[int](tb, `document.querySelectorAll('`+childrenSel+`').length`) == 0 {
		found := false
		for _, id := range []string{"cla-rate", "cla-count", "cla-started"} {
			tb.open(fmt.Sprintf("/la/%d/indicator/%s", la, id))
			if eval[int](tb, `document.querySelectorAll('`+childrenSel+`').length`) > 0 {
				found = true
				break
			}
		}
		if !found {
			tb.fatal("no indicator page offers the children behind its figure (a link %s)", childrenSel)
		}
	}
	resp := tb.follow(childrenSel)
	if resp.Status != 200 {
		tb.fatal("children list: status %d", resp.Status)
	}
	if n := eval[int](tb, `document.querySelectorAll('main a[href*="/child/"]').length`); n == 0 {
		tb.fatal("the children list at %s links to no child", tb.location())
	}
	tb.check("children")

	resp = tb.follow(`main a[href*="/child/"]`)
	if resp.Status != 200 {
		tb.fatal("child page: status %d", resp.Status)
	}
	child := tb.location()
	if !regexp.MustCompile(fmt.Sprintf(`^/la/%d/child/[^/]+$`, la)).MatchString(strings.SplitN(child, "?", 2)[0]) {
		t.Errorf("child page at %s", child)
	}
	tb.check("child")
	return child
}

// memberRefused: a member sees the scorecard and indicators but no way to children, and is refused
// the children and a child's page when asking for them directly.
func (e *e2e) memberRefused(t *testing.T, childURL string) {
	tb := e.tab(t)
	la := e.f.loaded[0]
	home := fmt.Sprintf("/la/%d/", la)
	tb.signIn("member", home)
	if h1 := tb.text("h1"); !strings.HasPrefix(h1, "Scorecard at ") {
		tb.fatal("member's scorecard h1 %q", h1)
	}
	noChildLinks := `[...document.querySelectorAll("main a")].map(a => a.getAttribute("href")).filter(h => /\/child\/|\/children|\/missing($|\?)|\/quality|\/upload/.test(h))`
	if l := eval[[]string](tb, noChildLinks); len(l) > 0 {
		t.Errorf("member's scorecard links to child-level pages: %v", l)
	}
	tb.check("scorecard")

	resp := tb.follow(`table.scorecard tr[data-row] th a`)
	if resp.Status != 200 {
		tb.fatal("member's indicator page: status %d", resp.Status)
	}
	ind := strings.SplitN(tb.location(), "?", 2)[0]
	if l := eval[[]string](tb, noChildLinks); len(l) > 0 {
		t.Errorf("member's indicator page %s links to child-level pages: %v", ind, l)
	}
	tb.check("indicator")

	// Asking the indicator page for its children shows none to a member.
	tb.open(ind + "?children=1")
	if l := eval[[]string](tb, noChildLinks); len(l) > 0 {
		t.Errorf("member's %s?children=1 links to child-level pages: %v", ind, l)
	}
	if n := eval[int](tb, `document.querySelectorAll("#children table, table.ind-children").length`); n > 0 {
		t.Errorf("member's %s?children=1 lists the children", ind)
	}

	if childURL == "" {
		childURL = fmt.Sprintf("/la/%d/child/unknown", la)
	}
	for _, p := range []string{ind + "/children.csv", childURL, fmt.Sprintf("/la/%d/missing", la), fmt.Sprintf("/la/%d/quality", la)} {
		tb.expectRefusal(strings.SplitN(p, "?", 2)[0])
		if st := tb.open(p); st != 403 {
			t.Errorf("member opens %s: status %d, want 403", p, st)
			continue
		}
		if h1 := tb.text("h1"); h1 != "Not allowed" {
			t.Errorf("member opens %s: h1 %q", p, h1)
		}
		tb.check("refused")
	}
}

// uploadSite is a server of its own for the upload flow: a store with the fixture's authorities and
// nothing loaded, and an analyst of the fixture authority who signs in as the fixture's does. A real
// upload there (a new snapshot, recomputed indicators) changes nothing other tests read.
func (e *e2e) uploadSite(t *testing.T) *e2e {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "upload.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	as, err := e.f.st.Authorities(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.UpsertAuthorities(ctx, as, "synthetic"); err != nil {
		t.Fatal(err)
	}
	hash, err := HashPassword("analyst-password")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, store.User{Email: "analyst@test.invalid", Name: "Test analyst", PasswordHash: hash,
		Roles: []store.Role{{Authority: e.f.loaded[0], Role: RoleAnalyst}}}); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: st, Key: e.f.key, Log: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	site := *e
	site.base = ts.URL
	return &site
}

// analystUpload: the analyst uploads the fixture authority's latest 903 return (its CSV tables)
// through the upload form, waits on the status page for the load to finish, sees the check results
// and follows them to the data quality page.
func (e *e2e) analystUpload(t *testing.T) {
	la := e.f.loaded[0]
	dir := filepath.Join(e.f.dataDir, fmt.Sprint(la), "2024-25", "ssda903")
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil || len(files) < 3 {
		t.Fatalf("no 903 CSV tables in %s: %v", dir, err)
	}
	tb := e.uploadSite(t).tab(t)
	page := fmt.Sprintf("/la/%d/upload", la)
	tb.signIn("analyst", page)
	if h1 := tb.text("h1"); h1 != "Upload a return" {
		tb.fatal("upload page h1 %q", h1)
	}
	tb.check("upload-form")

	if err := chromedp.Do(tb.ctx,
		chromedp.SetUploadFiles(chromedp.CSS(`main input[type="file"]`), files),
		chromedp.SetValue(chromedp.ID("u-year"), "2025"),
		chromedp.SetValue(chromedp.ID("u-return"), "ssda903"),
	); err != nil {
		tb.fatal("fill the upload form: %v", err)
	}
	tb.shot("upload-chosen")
	// The form is sent by script (with a progress bar), which then opens the upload's status page.
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`form[data-upload] button[type="submit"]`), chromedp.NodeVisible)); err != nil {
		tb.fatal("send the upload: %v", err)
	}
	status := regexp.MustCompile("^" + regexp.QuoteMeta(page) + `/[^/?]+$`)
	var state string
	deadline := time.Now().Add(30 * time.Second)
	for {
		loc, err := chromedp.Run(tb.ctx, chromedp.Location())
		if err == nil && status.MatchString(strings.TrimPrefix(loc, tb.e.base)) {
			// The status page polls the job and reloads itself when it has finished.
			state, err = chromedp.Run(tb.ctx, chromedp.Evaluate[string](
				`(document.querySelector("[data-upload-status][data-finished=true] [data-upload-state]") || {getAttribute: () => ""}).getAttribute("data-upload-state")`))
			if err == nil && state != "" {
				break
			}
		}
		if time.Now().After(deadline) {
			tb.fatal("the upload has not finished after 30 s (at %s, state %q)", tb.location(), state)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if state != "done" {
		tb.fatal("upload ended %q: %s", state, tb.text("main"))
	}
	if !strings.Contains(tb.text("main"), "Check results") {
		t.Errorf("the status page shows no check results")
	}
	tb.check("upload-done")

	resp := tb.follow(fmt.Sprintf(`main a[href^="/la/%d/quality?snapshot="]`, la))
	if resp.Status != 200 {
		tb.fatal("findings: status %d", resp.Status)
	}
	if h1 := tb.text("h1"); h1 != "Data quality" {
		t.Errorf("findings page h1 %q", h1)
	}
	if n := eval[int](tb, `document.querySelectorAll("main table.quality tbody tr").length`); n == 0 {
		t.Errorf("the data quality page %s lists no findings after the upload", tb.location())
	}
	tb.check("findings")
}

// analystDownload: the quality CSV, downloaded by the browser from the link on the quality page.
func (e *e2e) analystDownload(t *testing.T) {
	tb := e.tab(t)
	la := e.f.loaded[0]
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(tb.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: chromedp.FromContext(tb.ctx).BrowserContextID,
		DownloadPath: dir, EventsEnabled: new(true)}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	quality := fmt.Sprintf("/la/%d/quality", la)
	tb.signIn("analyst", quality)
	tb.check("quality")

	progress := chromedp.BrowserEvents(tb.ctx, browser.DownloadProgress)
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href^="/la/%d/quality.csv"]`, la)), chromedp.NodeVisible)); err != nil {
		tb.fatal("click the CSV link: %v", err)
	}
	var file string
	for ev, err := range progress {
		if err != nil {
			tb.fatal("waiting for the download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			tb.fatal("download canceled")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = ev.FilePath
			break
		}
	}
	if file == "" {
		entries, _ := os.ReadDir(dir)
		for _, en := range entries {
			file = filepath.Join(dir, en.Name())
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read the download: %v", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\r\n"), "\n")
	if got := strings.TrimRight(lines[0], "\r"); got != "rule,severity,table,row,child,fields,message,file" {
		t.Errorf("CSV header %q", got)
	}
	if len(lines) < 2 {
		t.Errorf("the CSV has no findings: %q", b)
	}
	t.Logf("downloaded %s: %d findings", filepath.Base(file), len(lines)-1)
	tb.noErrors()
}
