package components

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Href turns a site path ("/", "/?event=x", "/cases/y") into a link that
// works when Docket is served under a sub-path (serve -base /explainers/).
// go-app passes the prefix to both sides as GOAPP_ROOT_PREFIX.
func Href(path string) string {
	base := strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
	if base == "" || !strings.HasPrefix(path, "/") {
		return path
	}
	return base + path
}
