package web

import "net/http"

func (s *Server) qualityPage(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) qualityCSV(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}
