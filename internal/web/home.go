package web

import (
	"fmt"
	"net/http"
	"strconv"
)

// home lists the authorities the user may see; the authority switcher in the header submits here
// with ?la=.
func (s *Server) home(w http.ResponseWriter, r *request) {
	if v := r.URL.Query().Get("la"); v != "" {
		if la, err := strconv.Atoi(v); err == nil && allowed(r.User, ViewAggregates, la) {
			http.Redirect(w, r.Request, fmt.Sprintf("/la/%d/", la), http.StatusSeeOther)
			return
		}
	}
	s.render(w, r.Request, r.User, "home", page{Title: "Authorities"})
}
