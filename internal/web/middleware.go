package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"time"

	"csperf/internal/disclose"
	"csperf/internal/store"
)

// request is what a guarded handler is given besides the response writer: who is asking, for which
// authority, and how figures are disclosed to them.
type request struct {
	*http.Request
	User     *store.User
	LA       int               // the {la} of the path, 0 when the route has none
	Audience disclose.Audience // for LA
}

// can reports whether the signed-in user may also do p for the request's authority (for links and
// sections of a page that need more than the route does).
func (r *request) can(p Permission) bool { return allowed(r.User, p, r.LA) }

type handlerFunc func(w http.ResponseWriter, r *request)

// guard answers requests for fn: it finds the session, sends the signed-out to the sign-in page (or
// 401 for the API), checks p for the path's authority (403 when refused) and calls fn.
func (s *Server) guard(p Permission, fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.sessionUser(r)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
		api := len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/"
		if u == nil {
			if api {
				writeJSONError(w, http.StatusUnauthorized, "sign in first")
				return
			}
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		la, ok := pathAuthority(r)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if !allowed(u, p, la) {
			s.log.InfoContext(r.Context(), "web: refused", "user", u.Email, "path", r.URL.Path, "needs", p.String(), "la", la)
			if api {
				writeJSONError(w, http.StatusForbidden, "your account may not "+p.String()+" for this authority")
				return
			}
			w.WriteHeader(http.StatusForbidden)
			s.render(w, r, u, "forbidden", page{Title: "Not allowed", Data: p.String()})
			return
		}
		fn(w, &request{Request: r, User: u, LA: la, Audience: audience(u, la)})
	})
}

// secure wraps every response: security headers and a content security policy without inline
// script or style, Go's cross-origin protection for every state-changing request, a log line per
// request, and a 500 instead of a dropped connection when a handler panics.
func (s *Server) secure(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Refused: this form was sent from another site.", http.StatusForbidden)
	}))
	inner := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		if len(r.URL.Path) < 8 || r.URL.Path[:8] != "/static/" {
			h.Set("Cache-Control", "no-store")
		}
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				s.log.ErrorContext(r.Context(), "web: panic", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if sw.status == 0 {
					http.Error(sw, "Something went wrong on the server; it has been logged.", http.StatusInternalServerError)
				}
			}
			s.log.DebugContext(r.Context(), "web: request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
				"duration", time.Since(start))
		}()
		inner.ServeHTTP(sw, r)
	})
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets progress streams through.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// clientAddress is the remote IP of the connection (csperf does not trust forwarding headers; a
// proxy in front should be configured to log the client itself).
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
