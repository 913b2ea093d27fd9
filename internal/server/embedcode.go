package server

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"

	"docket/internal/pages"
	"docket/internal/routes"
)

// pymScript is where newsroom pages load the Pym.js parent from: NPR's
// own host, as Pym's documentation gives it.
const pymScript = "https://pym.nprapps.org/pym.v1.min.js"

// serveEmbedCode answers GET /embed-code/{id}: the page where a web
// producer picks the view and the starting event and copies a snippet.
func (s *Server) serveEmbedCode(w http.ResponseWriter, r *http.Request) error {
	c, ok := s.cases.cases.Case(r.PathValue("id"))
	if !ok {
		return &httpError{status: http.StatusNotFound, msg: "There is no case called " + quote(r.PathValue("id")) + " here."}
	}
	q := r.URL.Query()
	d := pages.EmbedCode{
		CaseID:    c.ID,
		CaseTitle: c.Title,
		View:      routes.EmbedView(q.Get("view")),
		Site:      s.pageSite(),
		Script:    s.cfg.Base + "web/embed-code.js?v=" + s.version,
	}
	for _, e := range c.Events {
		d.Events = append(d.Events, pages.EmbedEvent{ID: e.ID, Label: e.Date.Display() + ": " + e.Title})
	}
	params := url.Values{"view": {d.View}}
	if ev := q.Get("event"); ev != "" && c.Event(ev) != nil {
		d.Event = ev
		params.Set("event", ev)
	}
	origin := s.origin(r)
	d.EmbedURL = origin + s.cfg.Base + strings.TrimPrefix(routes.EmbedPath(c.ID), "/") + "?" + params.Encode()
	d.FullURL = origin + s.cfg.Base + strings.TrimPrefix(routes.CasePath(c.ID), "/")
	d.PymSnippet = fmt.Sprintf("<div data-pym-src=\"%s\">Loading <a href=\"%s\">%s</a>…</div>\n<script src=\"%s\" async></script>",
		html.EscapeString(d.EmbedURL), html.EscapeString(d.FullURL), html.EscapeString(c.Title), pymScript)
	d.IframeSnippet = iframeSnippet(d.EmbedURL, c.Title, oembedWidth, oembedHeight)

	var b bytes.Buffer
	if err := pages.EmbedCodePage(d).Render(r.Context(), &b); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(b.Bytes())
	return nil
}
