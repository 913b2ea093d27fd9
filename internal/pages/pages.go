// Package pages holds the server's own HTML pages, written in templ:
// error pages, the embed-code page and the oEmbed markup. They are
// server-only; the app's pages are go-app components.
package pages

import (
	"net/http"
	"strconv"
)

func statusText(status int) string {
	return strconv.Itoa(status) + " · " + http.StatusText(status)
}
