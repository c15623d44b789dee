package web

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"time"

	"csperf/internal/calendar"
	"csperf/internal/disclose"
	"csperf/internal/report"
)

type reportsData struct {
	Packs      []string
	Periods    []periodChoice
	Audiences  []report.Audience
	Formats    []string
	CanExempt  bool
	PDFMissing string // why PDF cannot be produced here, when it cannot
}

type periodChoice struct {
	Code, Label string
}

// reportsPage offers the committee packs: choose a pack, a period, an audience and a format, then
// preview (HTML) or download. Members may only produce the public pack.
func (s *Server) reportsPage(w http.ResponseWriter, r *request) {
	d := reportsData{Packs: report.BuiltInPacks(), Formats: []string{"html", "pdf", "xlsx"}, CanExempt: r.Audience != disclose.Member}
	d.Audiences = []report.Audience{report.Public}
	if d.CanExempt {
		d.Audiences = []report.Audience{report.Exempt, report.Public}
	}
	dates, err := s.st.ValueDates(r.Context(), r.LA)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	d.Periods = periodChoices(dates)
	if _, err := report.FindChromium(); err != nil {
		d.PDFMissing = err.Error()
	}
	s.render(w, r.Request, r.User, "reports", page{Title: "Committee reports", LA: r.LA, Data: d})
}

// periodChoices lists the quarters and financial years that end on a date with values, newest first.
func periodChoices(dates []calendar.Date) []periodChoice {
	var out []periodChoice
	for i := len(dates) - 1; i >= 0; i-- {
		y, m, _ := dates[i].Civil()
		if m == time.March {
			code := fmt.Sprintf("%d-%02d", y-1, y%100)
			if p, err := report.ParsePeriod(code); err == nil {
				out = append(out, periodChoice{Code: p.Code, Label: p.Label})
			}
		}
		if m%3 == 0 {
			if p, err := report.ParsePeriod(fmt.Sprintf("%d-Q%d", y, int(m)/3)); err == nil {
				out = append(out, periodChoice{Code: p.Code, Label: p.Label})
			}
		}
	}
	return out
}

// reportDownload builds the pack asked for and sends it: HTML shown in the browser (or downloaded
// with download=1), PDF and XLSX as files. Every pack produced is audited as an export.
func (s *Server) reportDownload(w http.ResponseWriter, r *request) {
	q := r.URL.Query()
	bad := func(msg string) { http.Error(w, msg, http.StatusBadRequest) }
	packName := q.Get("pack")
	if !slices.Contains(report.BuiltInPacks(), packName) {
		bad(fmt.Sprintf("There is no pack called %q; choose one of %v.", packName, report.BuiltInPacks()))
		return
	}
	pack, err := report.LoadPack(packName)
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	period, err := report.ParsePeriod(q.Get("period"))
	if err != nil {
		bad("The period is not one csperf knows: " + err.Error())
		return
	}
	aud, err := report.ParseAudience(q.Get("audience"))
	if err != nil {
		bad(err.Error())
		return
	}
	if aud == report.Exempt && r.Audience == disclose.Member {
		w.WriteHeader(http.StatusForbidden)
		s.render(w, r.Request, r.User, "forbidden", page{Title: "Not allowed", LA: r.LA, Data: "produce the exempt pack"})
		return
	}
	format := q.Get("format")
	if format != "html" && format != "pdf" && format != "xlsx" {
		bad("The format must be html, pdf or xlsx.")
		return
	}
	rep, err := report.Build(r.Context(), s.st, s.key, report.Options{Authority: r.LA, Period: period, Pack: pack, Audience: aud,
		Issued: calendar.FromTime(s.cfg.Now())})
	if err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	var buf bytes.Buffer
	switch format {
	case "html":
		err = report.WriteHTML(&buf, rep)
	case "pdf":
		err = report.WritePDF(r.Context(), &buf, rep)
	case "xlsx":
		err = report.WriteXLSX(&buf, rep)
	}
	if err != nil {
		if format == "pdf" {
			http.Error(w, "The PDF could not be produced: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		s.serverError(w, r.Request, err)
		return
	}
	if err := s.audit(r.Request, r.User, "export", r.LA, "report %s %s %s %s", packName, period.Code, aud, format); err != nil {
		s.serverError(w, r.Request, err)
		return
	}
	name := fmt.Sprintf("csperf-%d-%s-%s-%s.%s", r.LA, packName, period.Code, aud, format)
	h := w.Header()
	switch format {
	case "html":
		// The pack is one self-contained file with its own inline style and no script: allow exactly
		// that for this response.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
		h.Set("Content-Type", "text/html; charset=utf-8")
		if q.Get("download") == "1" {
			h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
		}
	case "pdf":
		h.Set("Content-Type", "application/pdf")
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	case "xlsx":
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	buf.WriteTo(w)
}
