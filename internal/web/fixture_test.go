package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"csperf/internal/demo"
	"csperf/internal/pseudo"
	"csperf/internal/store"
)

// The fixture every web test shares: a small synthetic deployment (six authorities, the first two
// loaded from files over two years) in a SQLite file, and one account per role. It is built once per
// test binary; tests must not change what others read (they may add their own rows).
type fixture struct {
	st      *store.Store
	key     *pseudo.Key
	srv     *Server
	loaded  []int // the authorities loaded from files: loaded[0] is "our" authority
	other   int   // an authority of the deployment none of the role accounts holds
	users   map[string]*store.User
	dataDir string
}

// Test accounts: the key is the role name used in the authorisation tests.
var fixtureAccounts = []struct {
	name  string
	admin bool
	role  string // for loaded[0] only
}{
	{"admin", true, ""},
	{"analyst", false, RoleAnalyst},
	{"manager", false, RoleManager},
	{"member", false, RoleMember},
	{"outsider", false, ""}, // an account with no role anywhere
}

var (
	fixtureOnce sync.Once
	theFixture  *fixture
	fixtureErr  error
	fixtureDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if theFixture != nil {
		theFixture.st.Close()
	}
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// testFixture returns the shared fixture, building it on first use.
func testFixture(t testing.TB) *fixture {
	t.Helper()
	fixtureOnce.Do(func() { theFixture, fixtureErr = buildFixture() })
	if fixtureErr != nil {
		t.Fatalf("fixture: %v", fixtureErr)
	}
	return theFixture
}

func buildFixture() (*fixture, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "csperf-web-test-")
	if err != nil {
		return nil, err
	}
	fixtureDir = dir
	st, err := store.Open(ctx, filepath.Join(dir, "csperf.db"))
	if err != nil {
		return nil, err
	}
	key, err := pseudo.LoadOrCreate(filepath.Join(dir, "key"))
	if err != nil {
		return nil, err
	}
	opt := demo.Options{Dir: filepath.Join(dir, "data"), Authorities: 6, Loaded: 2, Years: 2, Seed: 7}
	res, err := demo.Prepare(ctx, st, key, opt)
	if err != nil {
		return nil, err
	}
	as, err := st.Authorities(ctx, "")
	if err != nil {
		return nil, err
	}
	f := &fixture{st: st, key: key, loaded: res.Loaded, other: as[len(as)-1].Number, users: map[string]*store.User{}, dataDir: opt.Dir}
	for _, a := range fixtureAccounts {
		hash, err := HashPassword(a.name + "-password")
		if err != nil {
			return nil, err
		}
		u := store.User{Email: a.name + "@test.invalid", Name: "Test " + a.name, PasswordHash: hash, Admin: a.admin}
		if a.role != "" {
			u.Roles = []store.Role{{Authority: f.loaded[0], Role: a.role}}
		}
		id, err := st.CreateUser(ctx, u)
		if err != nil {
			return nil, err
		}
		got, err := st.UserByID(ctx, id)
		if err != nil {
			return nil, err
		}
		f.users[a.name] = &got
	}
	f.srv, err = New(Config{Store: st, Key: key, Log: discardLogger()})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// client is a signed-in browser for tests: it carries the session cookie and an Origin header.
type client struct {
	t      testing.TB
	srv    http.Handler
	cookie *http.Cookie
}

// as returns a client signed in as the named fixture account ("" for signed out). Sessions are
// created directly in the store: signing in through the form is tested on its own.
func (f *fixture) as(t testing.TB, name string) *client {
	t.Helper()
	c := &client{t: t, srv: f.srv}
	if name == "" {
		return c
	}
	u, ok := f.users[name]
	if !ok {
		t.Fatalf("no fixture account %q", name)
	}
	token := name + "-" + t.Name() + "-" + time.Now().Format(time.RFC3339Nano)
	now := time.Now()
	if err := f.st.CreateSession(context.Background(), store.Session{TokenHash: tokenHash(token), UserID: u.ID, CreatedAt: now,
		ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c.cookie = &http.Cookie{Name: sessionCookie, Value: token}
	return c
}

// do sends a request to the server in process and returns the recorded response.
func (c *client) do(method, path string, body io.Reader, contentType string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest(method, path, body)
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Origin", "http://example.com")
		req.Host = "example.com"
	}
	rec := httptest.NewRecorder()
	c.srv.ServeHTTP(rec, req)
	return rec
}

// doWithHeaders sends a request with extra headers.
func (c *client) doWithHeaders(method, path string, headers map[string]string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest(method, path, nil)
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	c.srv.ServeHTTP(rec, req)
	return rec
}

func (c *client) get(path string) *httptest.ResponseRecorder {
	return c.do(http.MethodGet, path, nil, "")
}

func (c *client) postForm(path string, form url.Values) *httptest.ResponseRecorder {
	return c.do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}
