// Package web is csperf's web application: server-rendered pages for analysts, managers and
// councillors, a JSON API with the same data, sign-in with local accounts, roles per authority and
// an audit log. Every route is listed in routes.go with the permission it needs; authz.go decides.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"time"

	"csperf/internal/authority"
	"csperf/internal/pseudo"
	"csperf/internal/store"
)

// Config configures a Server.
type Config struct {
	Store *store.Store
	Key   *pseudo.Key // pseudonymises child IDs for drill-down
	Log   *slog.Logger
	// InsecureCookies drops the Secure flag from the session cookie, for a deployment reached over
	// plain HTTP on a host other than localhost (browsers keep Secure cookies on http://localhost).
	InsecureCookies bool
	// MaxUpload bounds an upload's request body (default 512 MiB).
	MaxUpload int64
	// SessionTTL is how long a session lasts without signing in again (default 12 hours).
	SessionTTL time.Duration
	// Now returns the time; tests set it (default time.Now).
	Now func() time.Time
}

// Server serves the web application.
type Server struct {
	st      *store.Store
	key     *pseudo.Key
	log     *slog.Logger
	cfg     Config
	tmpl    *pages
	limiter *limiter
	cache   *cache // page data (scorecards, comparisons, authorities) by data generation
	pages   *cache // rendered aggregate pages by account and URL, by data generation
	handler http.Handler
	uploads *uploads
}

// New returns a server over cfg.Store.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: no store")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 512 << 20
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{st: cfg.Store, key: cfg.Key, log: cfg.Log, cfg: cfg, tmpl: p,
		limiter: newLimiter(10, 15*time.Minute, cfg.Now), cache: newCache(4096), pages: newCache(512), uploads: newUploads()}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// authorities returns the numbers of the deployment's authorities, in order.
func (s *Server) authorities(ctx context.Context) ([]int, error) {
	as, err := s.authorityList(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(as))
	for i, a := range as {
		out[i] = a.Number
	}
	return out, nil
}

// authorityNames returns the deployment's authorities' names by number.
func (s *Server) authorityNames(ctx context.Context) (map[int]string, error) {
	as, err := s.authorityList(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int]string, len(as))
	for _, a := range as {
		out[a.Number] = a.Name
	}
	return out, nil
}

// authorityList returns the deployment's authorities (with populations and neighbours), by number,
// read once per data generation: every page's header lists them.
func (s *Server) authorityList(ctx context.Context) ([]authority.Authority, error) {
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, err
	}
	return cached(s.cache, gen, "authorities", func() ([]authority.Authority, error) {
		as, err := s.st.Authorities(ctx, "")
		if err != nil {
			return nil, err
		}
		sort.Slice(as, func(i, j int) bool { return as[i].Number < as[j].Number })
		return as, nil
	})
}

// pathAuthority reads the {la} path value.
func pathAuthority(r *http.Request) (int, bool) {
	v := r.PathValue("la")
	if v == "" {
		return 0, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// serverError logs err and answers 500 without details.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "web: request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	http.Error(w, "Something went wrong on the server; it has been logged.", http.StatusInternalServerError)
}

// audit appends to the audit log. Handlers that show child-level records audit before they answer
// and refuse when the entry cannot be written; others log the failure.
func (s *Server) audit(r *http.Request, u *store.User, action string, la int, detail string, args ...any) error {
	e := store.AuditEntry{At: s.cfg.Now(), Action: action, Authority: la, Detail: fmt.Sprintf(detail, args...), Address: clientAddress(r)}
	if u != nil {
		e.UserID, e.Email = u.ID, u.Email
	}
	if err := s.st.Audit(r.Context(), e); err != nil {
		s.log.ErrorContext(r.Context(), "web: audit log write failed", "action", action, "err", err)
		return err
	}
	return nil
}
