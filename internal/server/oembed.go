package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"docket/internal/pages"
	"docket/internal/routes"

	"github.com/a-h/templ"
)

// The size an embed asks for when the consumer sets no limit.
const (
	oembedWidth  = 720
	oembedHeight = 900
)

// oembedResponse is an oEmbed "rich" response (oembed.com, section 2.3).
type oembedResponse struct {
	Type            string `json:"type"`
	Version         string `json:"version"`
	Title           string `json:"title"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	CacheAge        int    `json:"cache_age"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url,omitempty"`
	ThumbnailWidth  int    `json:"thumbnail_width,omitempty"`
	ThumbnailHeight int    `json:"thumbnail_height,omitempty"`
}

// serveOEmbed answers GET /oembed?url=...&format=json&maxwidth=&maxheight=
// for any page or event URL of this server: 404 for other URLs, 501 for a
// format other than JSON, 400 for bad parameters.
func (s *Server) serveOEmbed(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	switch f := q.Get("format"); f {
	case "", "json":
	case "xml":
		return oembedErr(http.StatusNotImplemented, "format xml is not offered; use format=json")
	default:
		return oembedErr(http.StatusNotImplemented, fmt.Sprintf("format %q is not offered; use format=json", f))
	}
	maxW, err := positiveParam(q, "maxwidth")
	if err != nil {
		return err
	}
	maxH, err := positiveParam(q, "maxheight")
	if err != nil {
		return err
	}
	raw := q.Get("url")
	if raw == "" {
		return oembedErr(http.StatusBadRequest, "the url parameter is required")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return oembedErr(http.StatusBadRequest, "url must be an absolute http or https URL")
	}
	path, under := routes.Within(s.cfg.Base, u.Path)
	ours := strings.EqualFold(u.Host, r.Host) || strings.EqualFold(u.Host, strings.SplitN(s.origin(r), "://", 2)[1])
	if !ours || !under || !routes.IsPage(path) {
		return oembedErr(http.StatusNotFound, "that URL is not a page of this site")
	}
	snap := s.cases.snapshot()
	id := routes.CaseID(path)
	if id == "" {
		id = snap.DefaultID()
	}
	c, ok := snap.Case(id)
	if !ok && snap.Gone(id) {
		return oembedErr(http.StatusGone, "that case has been taken down by its editors")
	}
	if !ok {
		return oembedErr(http.StatusNotFound, "that URL is not a page of this site")
	}

	embed := url.Values{"view": {routes.EmbedView(u.Query().Get("view"))}}
	if ev := u.Query().Get("event"); ev != "" {
		if c.Event(ev) == nil {
			return oembedErr(http.StatusNotFound, "that case has no event "+quote(ev))
		}
		embed.Set("event", ev)
	}

	width, height := oembedWidth, oembedHeight
	if maxW > 0 && maxW < width {
		width = maxW
	}
	if maxH > 0 && maxH < height {
		height = maxH
	}
	snippet, err := templ.ToGoHTML(r.Context(), pages.EmbedIframe(s.siteURL(r, routes.EmbedPath(c.ID)+"?"+embed.Encode()), c.Title, width, height))
	if err != nil {
		return err
	}
	res := oembedResponse{
		Type: "rich", Version: "1.0",
		Title:        c.Title,
		ProviderName: "Docket",
		ProviderURL:  s.siteURL(r, "/"),
		CacheAge:     3600,
		HTML:         string(snippet),
		Width:        width,
		Height:       height,
	}
	if card := s.shareCard(r); card.URL != "" && (maxW == 0 || maxW >= card.Width) && (maxH == 0 || maxH >= card.Height) {
		res.ThumbnailURL, res.ThumbnailWidth, res.ThumbnailHeight = card.URL, card.Width, card.Height
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(b)
	return nil
}

// positiveParam reads an optional positive integer query parameter.
func positiveParam(q url.Values, name string) (int, error) {
	v := q.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > 100000 {
		return 0, oembedErr(http.StatusBadRequest, name+" must be a positive whole number of pixels")
	}
	return n, nil
}

// oembedErr is an oEmbed error: its status with the API's JSON error.
func oembedErr(status int, msg string) error {
	return &httpError{status: status, msg: msg, json: true}
}
