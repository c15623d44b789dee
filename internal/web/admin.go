package web

import (
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"csperf/internal/store"
)

// The administration pages: accounts with their roles per authority, and the audit log. Only
// administrators reach them (routes.go); every change is audited.

// roleChoices are the roles an account may hold for an authority, least first.
var roleChoices = []string{RoleMember, RoleManager, RoleAnalyst}

// userView is one account on the users page.
type userView struct {
	store.User
	RoleText string     // "857 Northshire: analyst; all authorities: member"
	Rows     []roleSlot // the account's roles and blank rows to add more
	Self     bool       // the administrator looking at the page
}

// roleSlot is one row of a roles form: an authority and a role ("" for none).
type roleSlot struct {
	Index     int
	Authority int
	Role      string
}

type usersData struct {
	Users       []userView
	Authorities []laLink // every authority of the deployment, for the role rows
	Roles       []string
	NewRows     []roleSlot
	MinPassword int
	Done        string // what the last change did
	Error       string // what was wrong with the last form
	Form        newUserForm
}

// newUserForm is the create form as sent, to fill it in again after a mistake.
type newUserForm struct {
	Email, Name string
	Admin       bool
}

func (s *Server) usersPage(w http.ResponseWriter, r *request) {
	s.renderUsers(w, r, http.StatusOK, doneMessage(r.URL.Query().Get("done"), r.URL.Query().Get("who")), "", newUserForm{}, nil)
}

// doneMessage says what the change just made did, from the redirect's query (known words only).
func doneMessage(done, who string) string {
	switch done {
	case "created":
		return "Account " + who + " created."
	case "roles":
		return "Roles of " + who + " saved."
	case "disabled":
		return who + " is disabled and signed out everywhere."
	case "enabled":
		return who + " may sign in again."
	case "password":
		return "Password of " + who + " changed; their sessions have ended."
	}
	return ""
}

// renderUsers writes the users page with status; form and rows refill the create form after a
// mistake.
func (s *Server) renderUsers(w http.ResponseWriter, r *request, status int, done, errMsg string, form newUserForm, rows []store.Role) {
	users, err := s.st.Users(r.Context())
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	as, err := s.authorityList(r.Context())
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	names := map[int]string{}
	d := usersData{Roles: roleChoices, MinPassword: MinPasswordLength, Done: done, Error: errMsg, Form: form}
	for _, a := range as {
		names[a.Number] = a.Name
		d.Authorities = append(d.Authorities, laLink{Number: a.Number, Name: a.Name})
	}
	for _, u := range users {
		d.Users = append(d.Users, userView{User: u, RoleText: roleText(u.Roles, names), Rows: slots(u.Roles, 2), Self: u.ID == r.User.ID})
	}
	d.NewRows = slots(rows, 3)
	w.WriteHeader(status)
	s.render(w, r.Request, r.User, "users", page{Title: "Users", Data: d})
}

// slots lists roles as form rows with extra blank rows after them.
func slots(roles []store.Role, extra int) []roleSlot {
	out := make([]roleSlot, 0, len(roles)+extra)
	for i, ro := range roles {
		out = append(out, roleSlot{Index: i, Authority: ro.Authority, Role: ro.Role})
	}
	for i := range extra {
		out = append(out, roleSlot{Index: len(roles) + i, Authority: -1})
	}
	return out
}

// roleText writes roles for a person to read.
func roleText(roles []store.Role, names map[int]string) string {
	if len(roles) == 0 {
		return "none"
	}
	parts := make([]string, len(roles))
	for i, ro := range roles {
		parts[i] = laText(ro.Authority, names) + ": " + ro.Role
	}
	return strings.Join(parts, "; ")
}

func laText(la int, names map[int]string) string {
	if la == 0 {
		return "all authorities"
	}
	if n := names[la]; n != "" {
		return fmt.Sprintf("%d %s", la, n)
	}
	return strconv.Itoa(la)
}

// formRoles reads the role rows of a form: role_la and role, paired in order. A row with no role or
// no authority is left out.
func (s *Server) formRoles(r *request) ([]store.Role, error) {
	las, roles := r.PostForm["role_la"], r.PostForm["role"]
	if len(las) != len(roles) {
		return nil, formError{"the roles could not be read: each row needs an authority and a role"}
	}
	known, err := s.authorities(r.Context())
	if err != nil {
		return nil, err
	}
	var out []store.Role
	seen := map[int]bool{}
	for i := range las {
		role := strings.TrimSpace(roles[i])
		if role == "" || strings.TrimSpace(las[i]) == "" {
			continue
		}
		if !slices.Contains(roleChoices, role) {
			return nil, formError{fmt.Sprintf("%q is not a role: choose member, manager or analyst", role)}
		}
		la, err := strconv.Atoi(strings.TrimSpace(las[i]))
		if err != nil || la < 0 || (la != 0 && !slices.Contains(known, la)) {
			return nil, formError{fmt.Sprintf("%q is not an authority of this deployment", las[i])}
		}
		if seen[la] {
			return nil, formError{fmt.Sprintf("%s is given more than one role: keep one", laText(la, nil))}
		}
		seen[la] = true
		out = append(out, store.Role{Authority: la, Role: role})
	}
	slices.SortFunc(out, func(a, b store.Role) int { return a.Authority - b.Authority })
	return out, nil
}

// formError is a mistake in a form, shown to the administrator.
type formError struct{ msg string }

func (e formError) Error() string { return e.msg }

// createUser adds an account from the form: email, name, initial password, admin flag and roles.
func (s *Server) createUser(w http.ResponseWriter, r *request) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "The form could not be read.", http.StatusBadRequest)
		return
	}
	form := newUserForm{Email: strings.ToLower(strings.TrimSpace(r.PostForm.Get("email"))),
		Name: strings.TrimSpace(r.PostForm.Get("name")), Admin: r.PostForm.Get("admin") != ""}
	roles, err := s.formRoles(r)
	fail := func(msg string) { s.renderUsers(w, r, http.StatusBadRequest, "", msg, form, roles) }
	if err != nil {
		var fe formError
		if !errors.As(err, &fe) {
			s.serverError(w, r.Request, err)
			return
		}
		fail("Account not created: " + fe.msg + ".")
		return
	}
	password := r.PostForm.Get("password")
	switch {
	case !validEmail(form.Email):
		fail("Give the account's email address, such as name@council.gov.uk.")
		return
	case form.Name == "":
		fail("Give the account's name, as it is shown on pages and in the audit log.")
		return
	case len([]rune(password)) < MinPasswordLength:
		fail(fmt.Sprintf("The initial password must be at least %d characters long.", MinPasswordLength))
		return
	}
	hash, err := HashPassword(password)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	id, err := s.st.CreateUser(r.Context(), store.User{Email: form.Email, Name: form.Name, PasswordHash: hash, Admin: form.Admin, Roles: roles})
	if errors.Is(err, store.ErrDuplicate) {
		fail("An account with the email " + form.Email + " already exists.")
		return
	}
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	names, _ := s.authorityNames(r.Context())
	s.audit(r.Request, r.User, "user-create", singleAuthority(roles), "created account %d %s (%s); admin: %s; roles: %s",
		id, form.Email, form.Name, yesNo(form.Admin), roleText(roles, names))
	http.Redirect(w, r.Request, "/admin/users?done=created&who="+url.QueryEscape(form.Email), http.StatusSeeOther)
}

// updateUser changes one account: its roles and admin flag (action=roles), disables or enables it
// (action=disable, action=enable), or sets a new password (action=password). An administrator may
// not remove their own admin flag or disable themselves.
func (s *Server) updateUser(w http.ResponseWriter, r *request) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "The form could not be read.", http.StatusBadRequest)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("user"), 10, 64)
	if err != nil || id <= 0 {
		http.NotFound(w, r.Request)
		return
	}
	u, err := s.st.UserByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r.Request)
		return
	}
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	fail := func(msg string) { s.renderUsers(w, r, http.StatusBadRequest, "", msg, newUserForm{}, nil) }
	self := u.ID == r.User.ID
	names, err := s.authorityNames(r.Context())
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	var done string
	switch action := r.PostForm.Get("action"); action {
	case "roles":
		roles, err := s.formRoles(r)
		var fe formError
		if errors.As(err, &fe) {
			fail("Roles of " + u.Email + " not saved: " + fe.msg + ".")
			return
		}
		if err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		admin := r.PostForm.Get("admin") != ""
		if self && u.Admin && !admin {
			fail("You cannot remove your own administrator rights: ask another administrator to do it.")
			return
		}
		if err := s.st.SetRoles(r.Context(), u.ID, admin, roles); err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		s.audit(r.Request, r.User, "role-change", changedAuthority(u.Roles, roles), "%s: admin %s → %s; roles %s → %s",
			u.Email, yesNo(u.Admin), yesNo(admin), roleText(u.Roles, names), roleText(roles, names))
		done = "roles"
	case "disable", "enable":
		disable := action == "disable"
		if self && disable {
			fail("You cannot disable your own account: ask another administrator to do it.")
			return
		}
		if err := s.st.SetDisabled(r.Context(), u.ID, disable); err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		s.audit(r.Request, r.User, "user-"+action, 0, "%s %sd", u.Email, action)
		done = action + "d"
	case "password":
		password := r.PostForm.Get("password")
		if len([]rune(password)) < MinPasswordLength {
			fail(fmt.Sprintf("Password of %s not changed: it must be at least %d characters long.", u.Email, MinPasswordLength))
			return
		}
		hash, err := HashPassword(password)
		if err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		if err := s.st.SetPassword(r.Context(), u.ID, hash); err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		s.audit(r.Request, r.User, "password-reset", 0, "password of %s set by an administrator; their sessions ended", u.Email)
		done = "password"
	default:
		fail(fmt.Sprintf("The form asked for %q, which is not a change this page makes.", action))
		return
	}
	http.Redirect(w, r.Request, "/admin/users?done="+done+"&who="+url.QueryEscape(u.Email), http.StatusSeeOther)
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s, "@")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// singleAuthority is the authority of roles when they name exactly one, else 0 (for the audit log's
// authority column).
func singleAuthority(roles []store.Role) int {
	if len(roles) == 1 {
		return roles[0].Authority
	}
	return 0
}

// changedAuthority is the one authority whose role changed from old to roles, else 0.
func changedAuthority(old, roles []store.Role) int {
	diff := map[int]bool{}
	find := func(rs []store.Role, la int) string {
		for _, r := range rs {
			if r.Authority == la {
				return r.Role
			}
		}
		return ""
	}
	for _, rs := range [][]store.Role{old, roles} {
		for _, r := range rs {
			if find(old, r.Authority) != find(roles, r.Authority) {
				diff[r.Authority] = true
			}
		}
	}
	if len(diff) == 1 {
		for la := range diff {
			return la
		}
	}
	return 0
}

// auditActions are the actions the audit log records, for the filter's suggestions.
var auditActions = []string{"sign-in", "sign-in-failed", "sign-in-refused", "sign-out", "user-create", "role-change",
	"user-disable", "user-enable", "password-reset", "audit-export", "upload", "view-children", "view-child", "export"}

type auditData struct {
	Entries     []auditRow
	Action      string
	Email       string
	Authority   int
	Authorities []laLink
	Actions     []string
	Limit       int
	CSV         template.URL // the same filters as a CSV download
}

type auditRow struct {
	store.AuditEntry
	When   string
	LAText string
}

// auditPage shows the audit log, newest first, filtered by ?action=, ?email= and ?authority=;
// ?format=csv downloads the same entries (itself audited).
func (s *Server) auditPage(w http.ResponseWriter, r *request) {
	q := r.URL.Query()
	f := store.AuditFilter{Action: strings.TrimSpace(q.Get("action")), Email: strings.ToLower(strings.TrimSpace(q.Get("email"))), Limit: 500}
	if v := strings.TrimSpace(q.Get("authority")); v != "" {
		la, err := strconv.Atoi(v)
		if err != nil || la < 0 {
			http.Error(w, fmt.Sprintf("The authority %q is not a DfE LA number.", v), http.StatusBadRequest)
			return
		}
		f.Authority = la
	}
	csvOut := q.Get("format") == "csv"
	if csvOut {
		f.Limit = 100000
	}
	entries, err := s.st.AuditLog(r.Context(), f)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	names, err := s.authorityNames(r.Context())
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	if csvOut {
		if err := s.audit(r.Request, r.User, "audit-export", f.Authority, "audit log CSV: %d entries (action %q, email %q)",
			len(entries), f.Action, f.Email); err != nil {
			s.serverError(w, r.Request, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="csperf-audit.csv"`)
		cw := csv.NewWriter(w)
		cw.Write([]string{"at", "email", "action", "authority", "detail", "address"})
		for _, e := range entries {
			cw.Write([]string{e.At.UTC().Format(time.RFC3339), csvSafe(e.Email), e.Action, strconv.Itoa(e.Authority), csvSafe(e.Detail), e.Address})
		}
		cw.Flush()
		return
	}
	d := auditData{Action: f.Action, Email: f.Email, Authority: f.Authority, Actions: auditActions, Limit: f.Limit}
	for _, e := range entries {
		row := auditRow{AuditEntry: e, When: e.At.Local().Format("02/01/2006 15:04:05")}
		if e.Authority != 0 {
			row.LAText = laText(e.Authority, names)
		}
		d.Entries = append(d.Entries, row)
	}
	las, err := s.authorities(r.Context())
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	for _, la := range las {
		d.Authorities = append(d.Authorities, laLink{Number: la, Name: names[la], Current: la == f.Authority})
	}
	cq := q
	cq.Set("format", "csv")
	d.CSV = template.URL("/admin/audit?" + cq.Encode()) // built from url.Values.Encode: safe in an href
	s.render(w, r.Request, r.User, "audit", page{Title: "Audit log", Data: d})
}
