package web

import "net/http"

func (s *Server) comparePage(w http.ResponseWriter, r *request) {
	http.Error(w, "not built yet", http.StatusNotImplemented)
}
