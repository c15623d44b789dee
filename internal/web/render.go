package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"unicode"

	"csperf/internal/calendar"
	"csperf/internal/glossary"
	"csperf/internal/rating"
	"csperf/internal/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err) // "static" is embedded above
	}
	fileServer := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	})
}

// page is what every template is given.
type page struct {
	Title       string
	User        *store.User
	LA          int    // the authority the page is about, 0 for none
	LAName      string //
	Authorities []laLink
	Nav         []navLink
	Data        any
}

type laLink struct {
	Number  int
	Name    string
	Current bool
}

type navLink struct {
	Href, Label string
	Current     bool
}

// pages holds one template set per page: the layout with the page's own file.
type pages struct {
	sets map[string]*template.Template
}

func parsePages() (*pages, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{sets: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		p.sets[base] = t
	}
	return p, nil
}

// render writes page name with the layout. It fills in the user, the authorities the user may see
// and the navigation for the page's authority.
func (s *Server) render(w http.ResponseWriter, r *http.Request, u *store.User, name string, p page) {
	b, err := s.renderBytes(r, u, name, p)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

func (s *Server) renderBytes(r *http.Request, u *store.User, name string, p page) ([]byte, error) {
	t, ok := s.tmpl.sets[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	p.User = u
	if u != nil {
		as, err := s.authorityList(r.Context())
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			if allowed(u, ViewAggregates, a.Number) {
				p.Authorities = append(p.Authorities, laLink{Number: a.Number, Name: a.Name, Current: a.Number == p.LA})
			}
			if a.Number == p.LA {
				p.LAName = a.Name
			}
		}
		if p.LA != 0 {
			p.Nav = navFor(u, p.LA, r.URL.Path)
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// renderCached serves an aggregate page from the page cache when the same account, with the same
// name, roles and admin flag, asked for the same URL at the same data generation; build makes the
// page on a miss. Only pages that show aggregates and write nothing to the audit log may use it:
// the guard has already checked the permission, on every request.
func (s *Server) renderCached(w http.ResponseWriter, r *request, name string, build func() (page, error)) {
	gen, err := s.generation(r.Context())
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	u := r.User
	key := fmt.Sprintf("%s\x00%d\x00%s\x00%v\x00%v\x00%s", name, u.ID, u.Name, u.Admin, u.Roles, r.URL.RequestURI())
	b, err := cached(s.pages, gen, key, func() ([]byte, error) {
		p, err := build()
		if err != nil {
			return nil, err
		}
		return s.renderBytes(r.Request, u, name, p)
	})
	if err != nil {
		if errors.Is(err, errBadDate) {
			http.Error(w, "The date must be written YYYY-MM-DD.", http.StatusBadRequest)
			return
		}
		s.serverError(w, r.Request, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

// navFor lists the pages of authority la that u may open.
func navFor(u *store.User, la int, path string) []navLink {
	base := fmt.Sprintf("/la/%d/", la)
	items := []struct {
		href, label string
		p           Permission
	}{
		{"", "Scorecard", ViewAggregates},
		{"compare", "Comparisons", ViewAggregates},
		{"plans", "Improvement plans", ViewPlans},
		{"reports", "Reports", ViewAggregates},
		{"missing", "Missing from care", ViewChildList},
		{"quality", "Data quality", ViewFindings},
		{"upload", "Upload a return", Upload},
		{"targets", "Targets", EditTargets},
		{"figures", "Local figures", EditTargets},
	}
	var out []navLink
	for _, it := range items {
		if allowed(u, it.p, la) {
			href := base + it.href
			out = append(out, navLink{Href: href, Label: it.label, Current: path == href})
		}
	}
	return out
}

var funcs = template.FuncMap{
	"abbr":      abbr,
	"dmy":       func(d calendar.Date) string { return d.DMY() },
	"iso":       func(d calendar.Date) string { return d.String() },
	"ragLabel":  func(r rating.Rating) string { return r.Label() },
	"ragClass":  ragClass,
	"trendWord": trendWord,
	"trendIcon": func(t rating.Trend) string { return t.Arrow() },
	"add":       func(a, b int) int { return a + b },
}

// abbr escapes text and marks every acronym in the glossary with <abbr title="expansion">.
func abbr(text string) template.HTML {
	var b strings.Builder
	word := func(w string) {
		if t, ok := term(w); ok {
			fmt.Fprintf(&b, `<abbr title="%s">%s</abbr>`, template.HTMLEscapeString(t.Expansion), template.HTMLEscapeString(w))
			return
		}
		b.WriteString(template.HTMLEscapeString(w))
	}
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			word(text[start:i])
			start = -1
		}
		if !inWord {
			b.WriteString(template.HTMLEscapeString(string(r)))
		}
	}
	if start >= 0 {
		word(text[start:])
	}
	return template.HTML(b.String())
}

// term returns the glossary entry written exactly as w, or as w without a plural "s" ("ICPCs").
func term(w string) (glossary.Term, bool) {
	if t, ok := glossary.Lookup(w); ok && t.Acronym == w {
		return t, true
	}
	if s := strings.TrimSuffix(w, "s"); len(s) > 1 && s != w {
		if t, ok := glossary.Lookup(s); ok && t.Acronym == s {
			return t, true
		}
	}
	return glossary.Term{}, false
}

func ragClass(r rating.Rating) string {
	if r == rating.None {
		return "rag-none"
	}
	return "rag-" + string(r)
}

// trendWord says a direction of travel by polarity: better, worse or no significant change.
func trendWord(t rating.Trend) string {
	if t == rating.NotComparable {
		return "not comparable"
	}
	return string(t)
}
