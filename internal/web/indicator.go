package web

import "net/http"

func (s *Server) indicatorPage(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) saveNarrative(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) indicatorChildrenCSV(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}
