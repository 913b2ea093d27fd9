package components

import (
	"net/url"

	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Href turns a site path ("/", "/?event=x", "/cases/y/") into a link that
// works when Docket is served under a sub-path (serve -base /explainers/).
// go-app passes the prefix to both sides as GOAPP_ROOT_PREFIX.
func Href(path string) string {
	return routes.Under(app.Getenv("GOAPP_ROOT_PREFIX"), path)
}

// SiteURL is u with the site's sub-path taken off its path, as the route
// table knows pages: /explainers/cases/x becomes /cases/x.
func SiteURL(u *url.URL) *url.URL {
	c := *u
	if p, ok := routes.Within(app.Getenv("GOAPP_ROOT_PREFIX"), c.Path); ok {
		c.Path = p
	}
	if c.Path == "" {
		c.Path = "/"
	}
	return &c
}
