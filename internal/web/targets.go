package web

import "net/http"

func (s *Server) targetsPage(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) saveTarget(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}
