package web

import (
	"net/http"
)

// routes lists every route with the permission it needs. A newcomer reads this file to find the
// handler of any page; authz.go says who may do what.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /signin", s.signInPage)
	mux.HandleFunc("POST /signin", s.signIn)
	mux.HandleFunc("POST /signout", s.signOut)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })

	h := func(pattern string, p Permission, fn handlerFunc) { mux.Handle(pattern, s.guard(p, fn)) }
	h("GET /{$}", SignedIn, s.home)
	h("GET /glossary", SignedIn, s.glossaryPage)

	// An authority's pages.
	h("GET /la/{la}/{$}", ViewAggregates, s.scorecardPage)
	h("GET /la/{la}/indicator/{id}", ViewAggregates, s.indicatorPage)
	h("POST /la/{la}/indicator/{id}/narrative", EditTargets, s.saveNarrative)
	h("GET /la/{la}/indicator/{id}/children.csv", ViewChildList, s.indicatorChildrenCSV)
	h("GET /la/{la}/child/{child}", ViewChild, s.childPage)
	h("GET /la/{la}/missing", ViewChildList, s.missingPage)
	h("GET /la/{la}/quality", ViewFindings, s.qualityPage)
	h("GET /la/{la}/quality.csv", ViewFindings, s.qualityCSV)
	h("GET /la/{la}/upload", Upload, s.uploadPage)
	h("POST /la/{la}/upload", Upload, s.upload)
	h("GET /la/{la}/upload/{job}", Upload, s.uploadStatus)
	h("GET /la/{la}/compare", ViewAggregates, s.comparePage)
	h("GET /la/{la}/targets", EditTargets, s.targetsPage)
	h("POST /la/{la}/targets", EditTargets, s.saveTarget)
	h("GET /la/{la}/figures", EditTargets, s.figuresPage)
	h("POST /la/{la}/figures", EditTargets, s.saveFigure)

	// Improvement plans (plans.go).
	h("GET /la/{la}/plans", ViewPlans, s.plansPage)
	h("POST /la/{la}/plans", EditPlans, s.createPlan)
	h("POST /la/{la}/plans/import", EditPlans, s.importPlan)
	h("GET /la/{la}/plans/{plan}", ViewPlans, s.planPage)
	h("GET /la/{la}/plans/{plan}/export.xlsx", ViewPlans, s.exportPlan)
	h("GET /la/{la}/plans/{plan}/history", ViewPlans, s.planHistoryPage)
	h("POST /la/{la}/plans/{plan}/recommendations", EditPlans, s.addRecommendation)
	h("POST /la/{la}/plans/{plan}/measures", EditPlans, s.saveMeasure)
	h("GET /la/{la}/plans/{plan}/actions/{action}", EditPlans, s.actionPage)
	h("POST /la/{la}/plans/{plan}/actions/{action}", EditPlans, s.saveAction)
	h("POST /la/{la}/plans/{plan}/actions/{action}/notes", EditPlans, s.addActionNote)
	h("POST /la/{la}/plans/{plan}/recommendations/{rec}/actions", EditPlans, s.addAction)

	// Committee reports (reports.go): members may only produce the public pack.
	h("GET /la/{la}/reports", ViewAggregates, s.reportsPage)
	h("GET /la/{la}/reports/pack", ViewAggregates, s.reportDownload)

	// Administration.
	h("GET /admin/users", Admin, s.usersPage)
	h("POST /admin/users", Admin, s.createUser)
	h("POST /admin/users/{user}", Admin, s.updateUser)
	h("GET /admin/audit", Admin, s.auditPage)

	// The JSON API: the same data and the same permissions as the pages.
	h("GET /api/authorities", SignedIn, s.apiAuthorities)
	h("GET /api/la/{la}/scorecard", ViewAggregates, s.apiScorecard)
	h("GET /api/la/{la}/series/{id}", ViewAggregates, s.apiSeries)
	h("GET /api/la/{la}/comparators/{id}", ViewAggregates, s.apiComparators)

	return s.secure(mux)
}
