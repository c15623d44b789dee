package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSignInAndOut(t *testing.T) {
	f := testFixture(t)
	c := f.as(t, "")
	if rec := c.get("/"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/signin") {
		t.Fatalf("signed out: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	rec := c.postForm("/signin", url.Values{"email": {"Analyst@test.invalid"}, "password": {"wrong"}})
	if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "do not match") {
		t.Fatalf("wrong password: %d", rec.Code)
	}
	rec = c.postForm("/signin", url.Values{"email": {"Analyst@test.invalid"}, "password": {"analyst-password"}, "next": {"/glossary"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/glossary" {
		t.Fatalf("sign in: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range rec.Result().Cookies() {
		if ck.Name == sessionCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || !session.Secure || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v", session)
	}
	c.cookie = session
	if rec := c.get("/glossary"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<h1>Glossary</h1>") {
		t.Fatalf("glossary after sign-in: %d", rec.Code)
	}
	if rec := c.postForm("/signout", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("sign out: %d", rec.Code)
	}
	if rec := c.get("/glossary"); rec.Code != http.StatusSeeOther {
		t.Fatalf("after sign-out the old cookie still works: %d", rec.Code)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	f := testFixture(t)
	// A form posted from another site is refused before any handler runs…
	c := f.as(t, "analyst")
	if rec := c.doWithHeaders(http.MethodPost, "/signout", map[string]string{"Sec-Fetch-Site": "cross-site"}); rec.Code != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d, want 403", rec.Code)
	}
	if rec := c.get("/glossary"); rec.Code != http.StatusOK {
		t.Fatalf("the refused sign-out ended the session: %d", rec.Code)
	}
	// …and the same from this site goes through.
	if rec := c.doWithHeaders(http.MethodPost, "/signout", map[string]string{"Sec-Fetch-Site": "same-origin"}); rec.Code != http.StatusSeeOther {
		t.Fatalf("same-origin POST: %d, want 303", rec.Code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := testFixture(t)
	rec := f.as(t, "").get("/signin")
	h := rec.Header()
	for k, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "no-referrer",
		"Cache-Control":          "no-store",
	} {
		if h.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, h.Get(k), want)
		}
	}
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestSignInRateLimited(t *testing.T) {
	f := testFixture(t)
	c := f.as(t, "")
	var last int
	for range 11 {
		last = c.postForm("/signin", url.Values{"email": {"nobody-" + t.Name() + "@test.invalid"}, "password": {"x"}}).Code
	}
	if last != http.StatusTooManyRequests {
		t.Fatalf("11th failed attempt: %d, want 429", last)
	}
	// The limiter is per server; later tests share it, so clear what this test did.
	f.srv.limiter.reset("addr:192.0.2.1")
}
