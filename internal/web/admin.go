package web

import "net/http"

func (s *Server) usersPage(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) createUser(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) updateUser(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}

func (s *Server) auditPage(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}
