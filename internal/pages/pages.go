// Package pages holds the server's own HTML pages, written in templ:
// error pages, the embed-code page and the oEmbed markup. They are
// server-only; the app's pages are go-app components.
package pages

import (
	"net/http"
	"strconv"
)

// Site is where the links every page shares lead, under the site's base
// path (serve -base /explainers/): its home, its icon and its stylesheet.
type Site struct {
	Home, Icon, Stylesheet string
}

func statusText(status int) string {
	return strconv.Itoa(status) + " · " + http.StatusText(status)
}
