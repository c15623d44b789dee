package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/indicator"
	"csperf/internal/store"
)

// The authorisation matrix: every route of routes.go × every kind of account, with the outcome
// DESIGN.md §1 asks for. It is written out here rather than worked out from authz.go, so that a
// change to authz.go that lets the wrong people in fails this test.

// Who may do what, for the authority an account holds its role in (DESIGN.md §1).
var (
	everyone      = []string{"admin", "analyst", "manager", "member", "outsider", "other-analyst"}
	aggregates    = []string{"admin", "analyst", "manager", "member"} // scorecard, indicators, comparisons, plans, reports
	childLists    = []string{"admin", "analyst", "manager"}           // the children behind a figure; editing plans
	analystOnly   = []string{"admin", "analyst"}                      // a child's record, findings, uploads, targets, figures
	adminOnly     = []string{"admin"}                                 // users and the audit log
	matrixAccount = append([]string{""}, everyone...)                 // "" is signed out
)

// matrix lists every guarded route of routes.go (as written there) with the accounts allowed.
var matrix = map[string][]string{
	"GET /{$}":         everyone,
	"GET /glossary":    everyone,
	"GET /la/{la}/{$}": aggregates,

	"GET /la/{la}/indicator/{id}":                              aggregates,
	"POST /la/{la}/indicator/{id}/narrative":                   analystOnly,
	"GET /la/{la}/indicator/{id}/children.csv":                 childLists,
	"GET /la/{la}/child/{child}":                               analystOnly,
	"GET /la/{la}/missing":                                     childLists,
	"GET /la/{la}/quality":                                     analystOnly,
	"GET /la/{la}/quality.csv":                                 analystOnly,
	"GET /la/{la}/upload":                                      analystOnly,
	"POST /la/{la}/upload":                                     analystOnly,
	"GET /la/{la}/upload/{job}":                                analystOnly,
	"GET /la/{la}/compare":                                     aggregates,
	"GET /la/{la}/targets":                                     analystOnly,
	"POST /la/{la}/targets":                                    analystOnly,
	"GET /la/{la}/figures":                                     analystOnly,
	"POST /la/{la}/figures":                                    analystOnly,
	"GET /la/{la}/plans":                                       aggregates,
	"POST /la/{la}/plans":                                      childLists,
	"POST /la/{la}/plans/import":                               childLists,
	"GET /la/{la}/plans/{plan}":                                aggregates,
	"GET /la/{la}/plans/{plan}/export.xlsx":                    aggregates,
	"GET /la/{la}/plans/{plan}/history":                        aggregates,
	"POST /la/{la}/plans/{plan}/recommendations":               childLists,
	"POST /la/{la}/plans/{plan}/measures":                      childLists,
	"GET /la/{la}/plans/{plan}/actions/{action}":               childLists,
	"POST /la/{la}/plans/{plan}/actions/{action}":              childLists,
	"POST /la/{la}/plans/{plan}/actions/{action}/notes":        childLists,
	"POST /la/{la}/plans/{plan}/recommendations/{rec}/actions": childLists,
	"GET /la/{la}/reports":                                     aggregates,
	"GET /la/{la}/reports/pack":                                aggregates,

	"GET /admin/users":         adminOnly,
	"POST /admin/users":        adminOnly,
	"POST /admin/users/{user}": adminOnly,
	"GET /admin/audit":         adminOnly,

	"GET /api/authorities":              everyone,
	"GET /api/la/{la}/scorecard":        aggregates,
	"GET /api/la/{la}/series/{id}":      aggregates,
	"GET /api/la/{la}/comparators/{id}": aggregates,
}

// matrixQuery adds what a route needs to be asked in the way every allowed account may ask it.
var matrixQuery = map[string]string{
	"GET /la/{la}/reports/pack": "?audience=public",
}

// guardedRoutes reads the patterns registered with h(…) in routes.go.
func guardedRoutes(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^\s*h\("([^"]+)",`).FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	if len(out) < 10 {
		t.Fatalf("found only %d routes in routes.go: has its form changed?", len(out))
	}
	return out
}

func TestAuthzMatrixCoversEveryRoute(t *testing.T) {
	routes := guardedRoutes(t)
	for _, r := range routes {
		if _, ok := matrix[r]; !ok {
			t.Errorf("route %q of routes.go is not in the authorisation matrix (authz_test.go): add who may use it", r)
		}
	}
	for r := range matrix {
		if !slices.Contains(routes, r) {
			t.Errorf("the matrix lists %q, which routes.go no longer registers", r)
		}
	}
}

// matrixFixture is what the matrix needs besides the shared fixture: an analyst of the other
// authority, an account to aim the user routes at, and a child of our authority.
type matrixFixture struct {
	otherAnalyst *store.User
	target       int64
	child        string // a pseudonym of a child of f.loaded[0]
}

var (
	matrixOnce sync.Once
	theMatrix  matrixFixture
	matrixErr  error
)

func testMatrixFixture(t *testing.T, f *fixture) matrixFixture {
	t.Helper()
	matrixOnce.Do(func() {
		ctx := context.Background()
		hash, err := HashPassword("other-analyst-password")
		if err != nil {
			matrixErr = err
			return
		}
		u := store.User{Email: "other-analyst@test.invalid", Name: "Analyst elsewhere", PasswordHash: hash,
			Roles: []store.Role{{Authority: f.other, Role: RoleAnalyst}}}
		id, err := f.st.CreateUser(ctx, u)
		if err != nil {
			matrixErr = err
			return
		}
		got, err := f.st.UserByID(ctx, id)
		if err != nil {
			matrixErr = err
			return
		}
		theMatrix.otherAnalyst = &got
		theMatrix.target, err = f.st.CreateUser(ctx, store.User{Email: "matrix-target@test.invalid", Name: "Matrix target", PasswordHash: hash})
		if err != nil {
			matrixErr = err
			return
		}
		ids, _, err := fixtureChildren(ctx, f, f.loaded[0])
		if err != nil {
			matrixErr = err
			return
		}
		if len(ids) == 0 {
			matrixErr = fmt.Errorf("no children loaded for LA %d", f.loaded[0])
			return
		}
		theMatrix.child = f.key.Child(f.loaded[0], ids[0])
	})
	if matrixErr != nil {
		t.Fatalf("matrix fixture: %v", matrixErr)
	}
	return theMatrix
}

// asAccount is f.as for the matrix's accounts, with "other-analyst" besides the fixture's.
func asAccount(t *testing.T, f *fixture, m matrixFixture, name string) *client {
	t.Helper()
	if name != "other-analyst" {
		return f.as(t, name)
	}
	token := "other-analyst-" + t.Name()
	if err := f.st.CreateSession(context.Background(), store.Session{TokenHash: tokenHash(token), UserID: m.otherAnalyst.ID,
		CreatedAt: time.Now(), ExpiresAt: time.Now().AddDate(0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	return &client{t: t, srv: f.srv, cookie: &http.Cookie{Name: sessionCookie, Value: token}}
}

// concretePath fills a route pattern's wildcards with values of the fixture for authority la.
func concretePath(pattern string, la int, m matrixFixture) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.NewReplacer("{$}", "", "{la}", strconv.Itoa(la), "{id}", "cla-rate", "{child}", m.child,
		"{job}", "no-such-job", "{user}", strconv.FormatInt(m.target, 10), "{plan}", "1", "{action}", "1", "{rec}", "1").Replace(path)
	return method, path + matrixQuery[pattern]
}

// TestAuthzMatrix asks every route as every kind of account, for our authority and for the other
// one, and checks the permission outcome only: signed out → the sign-in page (401 for the API);
// refused → 403; allowed → anything else (a 400 for a form sent empty is allowed).
func TestAuthzMatrix(t *testing.T) {
	f := testFixture(t)
	m := testMatrixFixture(t, f)
	clients := map[string]*client{}
	for _, name := range matrixAccount {
		clients[name] = asAccount(t, f, m, name)
	}
	for _, pattern := range guardedRoutes(t) {
		who, ok := matrix[pattern]
		if !ok {
			continue // TestAuthzMatrixCoversEveryRoute reports it
		}
		for _, la := range []int{f.loaded[0], f.other} {
			if la == f.other && !strings.Contains(pattern, "{la}") {
				continue
			}
			method, path := concretePath(pattern, la, m)
			api := strings.HasPrefix(path, "/api/")
			for _, name := range matrixAccount {
				allowedHere := slices.Contains(who, name)
				if strings.Contains(pattern, "{la}") && name != "admin" {
					// Roles are per authority: the fixture's accounts hold theirs for loaded[0], the other
					// analyst for f.other.
					switch {
					case la == f.other && name == "other-analyst":
						allowedHere = slices.Contains(who, "analyst")
					case la == f.other, name == "other-analyst":
						allowedHere = false
					}
				}
				label := name
				if label == "" {
					label = "signed-out"
				}
				t.Run(fmt.Sprintf("%s %s as %s", method, path, label), func(t *testing.T) {
					c := clients[name]
					c.t = t
					var rec *httptest.ResponseRecorder
					if method == http.MethodGet {
						rec = c.get(path)
					} else {
						rec = c.postForm(path, url.Values{})
					}
					checkOutcome(t, rec, name == "", allowedHere, api)
				})
			}
		}
	}
}

func checkOutcome(t *testing.T, rec *httptest.ResponseRecorder, signedOut, allowed, api bool) {
	t.Helper()
	switch {
	case signedOut && api:
		if rec.Code != http.StatusUnauthorized || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("signed out: %d %s, want 401 JSON", rec.Code, rec.Header().Get("Content-Type"))
		}
	case signedOut:
		if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/signin?next=") {
			t.Errorf("signed out: %d to %q, want 303 to the sign-in page", rec.Code, loc)
		}
	case !allowed:
		if rec.Code != http.StatusForbidden {
			t.Errorf("got %d, want 403", rec.Code)
		}
		if api && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Errorf("API refusal is %s, want JSON", rec.Header().Get("Content-Type"))
		}
	default:
		if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden {
			t.Errorf("got %d, want it allowed: %.200s", rec.Code, rec.Body.String())
		}
		if rec.Code == http.StatusSeeOther && strings.HasPrefix(rec.Header().Get("Location"), "/signin") {
			t.Errorf("sent to sign in although signed in")
		}
	}
}

// The public routes answer anyone.
func TestAuthzPublicRoutes(t *testing.T) {
	f := testFixture(t)
	c := f.as(t, "")
	for _, p := range []string{"/signin", "/healthz", "/static/csperf.css", "/static/csperf.js"} {
		if rec := c.get(p); rec.Code != http.StatusOK {
			t.Errorf("GET %s signed out: %d, want 200", p, rec.Code)
		}
	}
}

// A disabled account's session no longer opens anything.
func TestAuthzDisabledAccount(t *testing.T) {
	f := testFixture(t)
	ctx := context.Background()
	hash, err := HashPassword("disabled-password")
	if err != nil {
		t.Fatal(err)
	}
	id, err := f.st.CreateUser(ctx, store.User{Email: "authz-disabled@test.invalid", Name: "Disabled", PasswordHash: hash,
		Admin: true})
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.st.UserByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	token := "disabled-" + t.Name()
	if err := f.st.CreateSession(ctx, store.Session{TokenHash: tokenHash(token), UserID: u.ID, CreatedAt: time.Now(),
		ExpiresAt: time.Now().AddDate(0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, srv: f.srv, cookie: &http.Cookie{Name: sessionCookie, Value: token}}
	if rec := c.get("/admin/users"); rec.Code != http.StatusOK {
		t.Fatalf("before disabling: %d", rec.Code)
	}
	if err := f.st.SetDisabled(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if rec := c.get("/admin/users"); rec.Code != http.StatusSeeOther {
		t.Errorf("disabled admin's old session: %d, want 303 to sign in", rec.Code)
	}
	if rec := c.get("/api/authorities"); rec.Code != http.StatusUnauthorized {
		t.Errorf("disabled admin's old session on the API: %d, want 401", rec.Code)
	}
}

// fixtureChildren returns the real IDs of the children of authority la in the fixture's store (903
// and CIN) and their pseudonyms.
func fixtureChildren(ctx context.Context, f *fixture, la int) (ids, pseudonyms []string, err error) {
	snaps, err := f.st.Snapshots(ctx, la)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
			pseudonyms = append(pseudonyms, f.key.Child(la, id))
		}
	}
	for _, s := range snaps {
		switch s.Return {
		case store.ReturnSSDA903:
			r, err := f.st.SSDA903(ctx, s.ID)
			if err != nil {
				return nil, nil, err
			}
			for ; r != nil; r = r.Previous {
				for _, h := range r.Header {
					add(h.Child)
				}
				for _, e := range r.Episodes {
					add(e.Child)
				}
				for _, m := range r.Missing {
					add(m.Child)
				}
			}
		case store.ReturnCIN:
			c, err := f.st.CIN(ctx, s.ID)
			if err != nil {
				return nil, nil, err
			}
			for _, ch := range c.Children {
				add(ch.LAChildID)
			}
		}
	}
	return ids, pseudonyms, nil
}

// leakChecker finds child IDs, pseudonyms and unsuppressed small counts in responses to a member.
type leakChecker struct {
	ids        map[string]bool
	pseudonyms []string
}

var (
	idToken    = regexp.MustCompile(`[A-Za-z0-9]+`)
	smallOfPat = regexp.MustCompile(`>\s*([\d,]+) of ([\d,]+)\s*<`)
)

// problems lists what in body a member must not receive.
func (lc *leakChecker) problems(body string, isJSON bool) []string {
	var out []string
	for _, tok := range idToken.FindAllString(body, -1) {
		if lc.ids[tok] {
			out = append(out, "a child ID ("+tok+") is in the response")
			break
		}
	}
	for _, p := range lc.pseudonyms {
		if strings.Contains(body, p) {
			out = append(out, "a child's pseudonym ("+p+") is in the response")
			break
		}
	}
	if isJSON {
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			return append(out, "not JSON: "+err.Error())
		}
		for _, bad := range smallCounts(v, "") {
			out = append(out, "unsuppressed small count "+bad)
		}
		return out
	}
	for _, m := range smallOfPat.FindAllStringSubmatch(body, -1) {
		for _, n := range m[1:] {
			if x, _ := strconv.Atoi(strings.ReplaceAll(n, ",", "")); x >= 1 && x <= 5 {
				out = append(out, fmt.Sprintf("%q shows a count of 1 to 5", strings.TrimSpace(m[0])))
				break
			}
		}
	}
	return out
}

func TestLeakCheckerFindsLeaks(t *testing.T) {
	lc := &leakChecker{ids: map[string]bool{"1000042": true}, pseudonyms: []string{"abcdefghijklmnop"}}
	for _, tt := range []struct {
		body   string
		json   bool
		leaked bool
	}{
		{`<td>child 1000042</td>`, false, true},
		{`<td>10000421</td>`, false, false},
		{`<a href="/la/1/child/abcdefghijklmnop">`, false, true},
		{`<td class="num">3 of 40<br>`, false, true},
		{`<td class="num">30 of 40<br>`, false, false},
		{`{"rows":[{"numerator":4,"denominator":90}]}`, true, true},
		{`{"rows":[{"numerator":null,"shown":"c","comparison":{"sn_count":3}}]}`, true, false},
		{`{"points":[{"value":3.5,"numerator":7,"denominator":200}]}`, true, false},
	} {
		if got := len(lc.problems(tt.body, tt.json)) > 0; got != tt.leaked {
			t.Errorf("%s: leak found %v, want %v", tt.body, got, tt.leaked)
		}
	}
}

// smallCounts walks a JSON value and lists the count fields (numerator, denominator, count, …)
// holding 1 to 5.
func smallCounts(v any, path string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := path + "." + k
			if n, ok := e.(float64); ok && isCountField(k) && n >= 1 && n <= 5 {
				out = append(out, fmt.Sprintf("%s = %v", p, n))
			}
			out = append(out, smallCounts(e, p)...)
		}
	case []any:
		for i, e := range x {
			out = append(out, smallCounts(e, fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	return out
}

func isCountField(k string) bool {
	switch k {
	case "numerator", "denominator", "count", "children", "cohort":
		return true
	case "sn_count": // the number of neighbours with a value, not of children
		return false
	}
	return strings.HasSuffix(k, "_numerator") || strings.HasSuffix(k, "_denominator") || strings.HasSuffix(k, "_count")
}

// TestMemberNeverSeesChildren asks every page and API answer a member may open, for a spread of
// dates and every indicator, and checks that no child ID or pseudonym of the authority and no count
// of 1 to 5 is in any of them.
func TestMemberNeverSeesChildren(t *testing.T) {
	f := testFixture(t)
	m := testMatrixFixture(t, f)
	ctx := context.Background()
	la := f.loaded[0]
	lc := &leakChecker{ids: map[string]bool{}}
	for _, x := range f.loaded {
		ids, ps, err := fixtureChildren(ctx, f, x)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			lc.ids[id] = true
		}
		lc.pseudonyms = append(lc.pseudonyms, ps...)
	}
	if len(lc.ids) < 50 {
		t.Fatalf("only %d child IDs found in the fixture", len(lc.ids))
	}
	dates, err := f.st.ValueDates(ctx, la)
	if err != nil {
		t.Fatal(err)
	}
	var ats []calendar.Date
	for i := len(dates) - 1; i >= 0 && len(ats) < 8; i -= 3 {
		ats = append(ats, dates[i])
	}
	var paths []string
	for _, pattern := range guardedRoutes(t) {
		if !strings.HasPrefix(pattern, "GET ") {
			continue
		}
		_, p := concretePath(pattern, la, m)
		paths = append(paths, p)
	}
	base := fmt.Sprintf("/la/%d", la)
	for _, at := range ats {
		paths = append(paths, base+"/?at="+at.String(), base+"/compare?at="+at.String(), "/api"+base+"/scorecard?at="+at.String())
	}
	for _, ind := range indicator.Catalogue() {
		paths = append(paths, base+"/indicator/"+ind.ID, "/api"+base+"/series/"+ind.ID, "/api"+base+"/comparators/"+ind.ID)
		for _, at := range ats[:min(2, len(ats))] {
			paths = append(paths, base+"/indicator/"+ind.ID+"?at="+at.String(), "/api"+base+"/comparators/"+ind.ID+"?at="+at.String())
		}
	}
	c := f.as(t, "member")
	opened := 0
	for _, p := range paths {
		rec := c.get(p)
		if rec.Code == http.StatusOK {
			opened++
		}
		ct := rec.Header().Get("Content-Type")
		for _, problem := range lc.problems(rec.Body.String(), strings.HasPrefix(ct, "application/json")) {
			t.Errorf("GET %s as member: %s", p, problem)
		}
	}
	if opened < len(indicator.Catalogue()) {
		t.Errorf("only %d of %d responses to the member were 200: the check saw too little", opened, len(paths))
	}
}
