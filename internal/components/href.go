package components

import (
	"net/url"
	"sync"

	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Href turns a site path ("/", "/?event=x", "/cases/y/") into a link that
// works when Docket is served under a sub-path (serve -base /explainers/).
// go-app passes the prefix to both sides as GOAPP_ROOT_PREFIX.
func Href(path string) string {
	return routes.Under(rootPrefix(), path)
}

// browserPrefix is the sub-path the browser program was served under, read
// once: go-app's Getenv is a call into JavaScript, and every render asks
// for it once a link. (The server's prerender asks each time: one process
// may serve sites under different sub-paths, as the tests do.)
var browserPrefix = sync.OnceValue(func() string { return app.Getenv("GOAPP_ROOT_PREFIX") })

// rootPrefix is the sub-path the site is served under ("" at the root).
func rootPrefix() string {
	if app.IsClient {
		return browserPrefix()
	}
	return app.Getenv("GOAPP_ROOT_PREFIX")
}

// SiteURL is u with the site's sub-path taken off its path, as the route
// table knows pages: /explainers/cases/x becomes /cases/x.
func SiteURL(u *url.URL) *url.URL {
	c := *u
	if p, ok := routes.Within(rootPrefix(), c.Path); ok {
		c.Path = p
	}
	if c.Path == "" {
		c.Path = "/"
	}
	return &c
}
