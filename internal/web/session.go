package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"csperf/internal/store"
)

const sessionCookie = "csperf_session"

// sessionUser returns the user of the request's session, or store.ErrNotFound.
func (s *Server) sessionUser(r *http.Request) (*store.User, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, store.ErrNotFound
	}
	_, u, err := s.st.SessionUser(r.Context(), tokenHash(c.Value), s.cfg.Now())
	if err != nil {
		return nil, err
	}
	return &u, nil
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// startSession creates a session for u and sets its cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *store.User) error {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := s.cfg.Now()
	if err := s.st.CreateSession(r.Context(), store.Session{TokenHash: tokenHash(token), UserID: u.ID, CreatedAt: now,
		ExpiresAt: now.Add(s.cfg.SessionTTL)}); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: !s.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(s.cfg.SessionTTL.Seconds())})
	return nil
}

func (s *Server) signInPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, nil, "signin", page{Title: "Sign in", Data: signInData{Next: safeNext(r.URL.Query().Get("next"))}})
}

type signInData struct {
	Email, Next, Error string
}

// signIn checks an email and password. Failures are audited and rate limited per address and per
// account; the message never says which of the two was wrong.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "The sign-in form could not be read.", http.StatusBadRequest)
		return
	}
	email := strings.ToLower(strings.TrimSpace(r.PostForm.Get("email")))
	password := r.PostForm.Get("password")
	next := safeNext(r.PostForm.Get("next"))
	addr := clientAddress(r)
	fail := func(status int, msg string) {
		w.WriteHeader(status)
		s.render(w, r, nil, "signin", page{Title: "Sign in", Data: signInData{Email: email, Next: next, Error: msg}})
	}
	if !s.limiter.allow("addr:"+addr) || !s.limiter.allow("user:"+email) {
		s.audit(r, &store.User{Email: email}, "sign-in-refused", 0, "too many failed attempts from %s", addr)
		fail(http.StatusTooManyRequests, "Too many failed attempts. Wait 15 minutes and try again, or ask an administrator.")
		return
	}
	u, err := s.st.UserByEmail(r.Context(), email)
	ok := false
	switch {
	case err == nil && !u.Disabled:
		ok, err = CheckPassword(u.PasswordHash, password)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	case err == nil || err == store.ErrNotFound:
		// Spend the same time as a real check, so that timing does not tell which accounts exist.
		CheckPassword(dummyHash, password)
	default:
		s.serverError(w, r, err)
		return
	}
	if !ok {
		s.limiter.fail("addr:" + addr)
		s.limiter.fail("user:" + email)
		acct := &store.User{Email: email}
		if u.ID != 0 {
			acct = &u
		}
		s.audit(r, acct, "sign-in-failed", 0, "")
		fail(http.StatusUnauthorized, "That email and password do not match an active account.")
		return
	}
	if err := s.startSession(w, r, &u); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.limiter.reset("user:" + email)
	s.audit(r, &u, "sign-in", 0, "")
	// Sessions that have run out are of no use to anyone: clear them while signing someone in.
	if err := s.st.DeleteExpiredSessions(r.Context(), s.cfg.Now()); err != nil {
		s.log.WarnContext(r.Context(), "web: clearing expired sessions failed", "err", err)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// dummyHash is checked against when no account matches, so that a wrong email costs what a wrong
// password does.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Wl0Vf5Yk3hR0yqO0cJtD2mC7f9N0h8bJrPq1o2kX5yE"

func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		u, _ := s.sessionUser(r)
		if err := s.st.DeleteSession(r.Context(), tokenHash(c.Value)); err != nil {
			s.serverError(w, r, err)
			return
		}
		if u != nil {
			s.audit(r, u, "sign-out", 0, "")
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: !s.cfg.InsecureCookies,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if next == "" || err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(next, "//") ||
		strings.Contains(next, "\\") {
		return "/"
	}
	return u.RequestURI()
}

// limiter counts failed sign-ins per key (an address or an account) in a sliding window.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	fails  map[string][]time.Time
}

func newLimiter(max int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{max: max, window: window, now: now, fails: map[string][]time.Time{}}
}

func (l *limiter) recent(key string) []time.Time {
	cut := l.now().Add(-l.window)
	ts := l.fails[key]
	i := 0
	for i < len(ts) && ts[i].Before(cut) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.fails, key)
		return nil
	}
	l.fails[key] = ts
	return ts
}

func (l *limiter) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(key)) < l.max
}

func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[key] = append(l.recent(key), l.now())
}

func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}
