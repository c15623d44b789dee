package web

import "net/http"

func (s *Server) uploadPage(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) upload(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) uploadStatus(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

type uploads struct{}

func newUploads() *uploads { return &uploads{} }
