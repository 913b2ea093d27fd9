package server

import (
	"net/url"
	"strings"

	"docket/internal/routes"
)

// studioReturn is where signing in leads: next, when it is a page of the
// Studio on this site (its start or a case's page, as a path under base),
// else the Studio's start. Only such paths pass, rebuilt from their parts,
// so a sign-in link cannot send the editor to another site.
func studioReturn(base, next string) string {
	home := routes.Under(base, routes.StudioHome)
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\x00\r\n\t") {
		return home
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return home
	}
	p, ok := routes.Within(base, u.Path)
	if !ok {
		return home
	}
	if id, ok := routes.StudioCaseID(p); ok {
		return routes.Under(base, routes.StudioCase(id))
	}
	return home
}
