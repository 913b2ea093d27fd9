package server

import (
	"bytes"
	"net/http"
	"net/url"

	"docket/internal/pages"
	"docket/internal/routes"

	"github.com/a-h/templ"
)

// serveEmbedCode answers GET /embed-code/{id}: the page where a web
// producer picks the view and the starting event and copies a snippet.
func (s *Server) serveEmbedCode(w http.ResponseWriter, r *http.Request) error {
	snap := s.cases.snapshot()
	c, ok := snap.Case(r.PathValue("id"))
	if !ok && snap.Gone(r.PathValue("id")) {
		return errGone
	}
	if !ok {
		return &httpError{status: http.StatusNotFound, msg: "There is no case called " + quote(r.PathValue("id")) + " here."}
	}
	q := r.URL.Query()
	d := pages.EmbedCode{
		CaseID:    c.ID,
		CaseTitle: c.Title,
		View:      routes.EmbedView(q.Get("view")),
		Site:      s.pageSite(),
		Script:    routes.Under(s.cfg.Base, "/web/embed-code.js?v="+s.version),
		HasQuiz:   c.HasQuiz(),
	}
	if !d.HasQuiz {
		d.View = routes.ViewTimeline
	}
	for _, e := range c.Events {
		d.Events = append(d.Events, pages.EmbedEvent{ID: e.ID, Label: e.When(c.Timezone) + ": " + e.Title})
	}
	params := url.Values{"view": {d.View}}
	if ev := q.Get("event"); ev != "" && c.Event(ev) != nil {
		d.Event = ev
		params.Set("event", ev)
	}
	d.EmbedURL = s.siteURL(r, routes.EmbedPath(c.ID)+"?"+params.Encode())
	d.FullURL = s.siteURL(r, routes.CasePath(c.ID))
	pym, err := templ.ToGoHTML(r.Context(), pages.PymEmbed(d.EmbedURL, d.FullURL, c.Title))
	if err != nil {
		return err
	}
	iframe, err := templ.ToGoHTML(r.Context(), pages.EmbedIframe(d.EmbedURL, c.Title, oembedWidth, oembedHeight))
	if err != nil {
		return err
	}
	d.PymSnippet, d.IframeSnippet = string(pym), string(iframe)

	var b bytes.Buffer
	if err := pages.EmbedCodePage(d).Render(r.Context(), &b); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b.Bytes())
	return nil
}
