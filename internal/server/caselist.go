package server

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"

	"docket/internal/asset"
	"docket/internal/casefile"
	"docket/internal/pages"
	"docket/internal/routes"
)

// The site's own pages about all its cases: the list of published cases,
// the sitemap and robots.txt. Each is made from one snapshot of the cases,
// so a case published or taken down enters or leaves them with the
// snapshot's swap, and is kept per snapshot and origin in the page cache
// (whose prune forgets them at the next swap).

// caseListTitle and caseListDescription head the list of cases.
const (
	caseListTitle       = "All cases"
	caseListDescription = "Court cases explained: what happened, and the legal idea at the heart of each."
)

// maxSitemapURLs is the sitemap protocol's limit on the URLs of one file.
const maxSitemapURLs = 50000

// serveCaseList answers the list of published cases, newest update first.
func (s *Server) serveCaseList(w http.ResponseWriter, r *http.Request) error {
	return s.serveSiteFile(w, r, "cases/index.html", func(snap *caseSnapshot, origin string) ([]byte, error) {
		return s.renderCaseList(r, snap, origin)
	})
}

// serveSitemap answers sitemap.xml: the list, each case's page and its
// events' pages, with absolute URLs.
func (s *Server) serveSitemap(w http.ResponseWriter, r *http.Request) error {
	return s.serveSiteFile(w, r, "sitemap.xml", s.sitemap)
}

// serveRobots answers robots.txt, which names the sitemap. Crawlers read
// it only at a host's root: under -base, its lines belong in the host's
// own robots.txt.
func (s *Server) serveRobots(w http.ResponseWriter, r *http.Request) error {
	return s.serveSiteFile(w, r, "robots.txt", func(_ *caseSnapshot, origin string) ([]byte, error) {
		return s.robots(origin), nil
	})
}

// serveSiteFile serves the file render makes from the current snapshot
// for this request's origin, rendered once per snapshot and origin.
func (s *Server) serveSiteFile(w http.ResponseWriter, r *http.Request, name string, render func(*caseSnapshot, string) ([]byte, error)) error {
	snap := s.cases.snapshot()
	origin := s.pageOrigin(r)
	key := fmt.Sprintf("/%s %d %s", name, snap.token, origin)
	a, err := s.pages.get(key, func() (*asset.Asset, error) {
		b, err := render(snap, origin)
		if err != nil {
			return nil, err
		}
		return asset.New(name, b, asset.Quick)
	})
	if err != nil {
		return err
	}
	a.Serve(w, r, "no-cache")
	return nil
}

// pageOrigin is the origin the absolute URLs of a page name: -url's, else
// the request's scheme and one of the hosts pages are made for (hostSet),
// so odd Host headers share one page.
func (s *Server) pageOrigin(r *http.Request) string {
	if s.cfg.PublicURL != nil {
		return s.origin(r)
	}
	scheme, _, _ := strings.Cut(requestOrigin(r), "://")
	return scheme + "://" + s.hosts.canonical(r.Host)
}

// renderCaseList renders the list of the snapshot's cases.
func (s *Server) renderCaseList(r *http.Request, snap *caseSnapshot, origin string) ([]byte, error) {
	d := pages.CaseList{
		Site: s.pageSite(),
		Head: pages.SiteHead{
			Title:       caseListTitle,
			Description: caseListDescription,
			Canonical:   origin + routes.Under(s.cfg.Base, routes.CaseList),
			Image:       s.shareCardAt(origin),
		},
	}
	for _, c := range casefile.NewestFirst(snap.Summaries()) {
		d.Cases = append(d.Cases, pages.CaseListItem{
			Title: c.Title, Summary: c.Summary, Court: c.Court, Updated: c.Updated,
			Href: routes.Under(s.cfg.Base, routes.PagePath(c.ID, snap.DefaultID())),
		})
	}
	var b strings.Builder
	if err := pages.CaseListPage(d).Render(r.Context(), &b); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// sitemapSet is a sitemap file (sitemaps.org's protocol 0.9).
type sitemapSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists the pages readers and crawlers should find: the list of
// cases, every case's page (the default case's is the site's home), then
// its events' pages, each dated by its case's last update. Embeds are left
// out (they are not indexed alone). Past the protocol's 50,000 URLs, event
// pages are left out, never a case's own page.
func (s *Server) sitemap(snap *caseSnapshot, origin string) ([]byte, error) {
	abs := func(p string) string { return origin + routes.Under(s.cfg.Base, p) }
	list := casefile.NewestFirst(snap.Summaries())
	set := sitemapSet{}
	if len(list) > 0 {
		set.URLs = append(set.URLs, sitemapURL{Loc: abs(routes.CaseList), LastMod: list[0].Updated})
	}
	for _, c := range list {
		set.URLs = append(set.URLs, sitemapURL{Loc: abs(routes.PagePath(c.ID, snap.DefaultID())), LastMod: c.Updated})
	}
	left := 0
	for _, c := range list {
		e, ok := snap.Case(c.ID)
		if !ok {
			continue
		}
		for _, ev := range e.Events {
			if len(set.URLs) >= maxSitemapURLs {
				left++
				continue
			}
			set.URLs = append(set.URLs, sitemapURL{Loc: abs(routes.EventPath(c.ID, ev.ID)), LastMod: c.Updated})
		}
	}
	if left > 0 {
		s.cfg.Log.Warn("the sitemap leaves event pages out: it holds 50,000 URLs at most", "left_out", left)
	}
	b, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}

// robots is robots.txt: everything readers see may be crawled, the
// editor's side may not, and the sitemap is named.
func (s *Server) robots(origin string) []byte {
	var b strings.Builder
	b.WriteString("# Docket: the pages of the published cases are listed in the sitemap.\n")
	b.WriteString("User-agent: *\n")
	if s.editor != nil {
		b.WriteString("Disallow: " + routes.Under(s.cfg.Base, routes.StudioPrefix) + "\n")
		b.WriteString("Disallow: " + routes.Under(s.cfg.Base, routes.EditorAPIPrefix) + "\n")
	} else {
		b.WriteString("Disallow:\n")
	}
	b.WriteString("\nSitemap: " + origin + routes.Under(s.cfg.Base, routes.Sitemap) + "\n")
	return []byte(b.String())
}
