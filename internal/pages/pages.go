// Package pages holds the HTML the server writes itself, in templ: its own
// pages (errors, the embed-code page), the embed snippets (oEmbed's iframe,
// Pym.js), and what it adds to the app pages that go-app prerenders (head
// tags, the case's data). It is server-only; the app's pages are go-app
// components.
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

func itoa(n int) string { return strconv.Itoa(n) }

// countedBy names the server that counts a static export's answers.
func countedBy(elsewhere string) string {
	if elsewhere == "" {
		return ""
	}
	return " by the Docket server at " + elsewhere
}
