package web

import (
	"net/http"

	"csperf/internal/glossary"
)

// glossaryPage lists every acronym.
func (s *Server) glossaryPage(w http.ResponseWriter, r *request) {
	s.render(w, r.Request, r.User, "glossary", page{Title: "Glossary", Data: glossary.Terms()})
}
