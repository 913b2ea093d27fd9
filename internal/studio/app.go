package studio

import (
	"strings"

	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Register tells go-app which component renders each of the Studio's
// pages: the list of cases at /studio/, one case at /studio/cases/{id};
// or, in a preview's frame, the reader's page of the case.
func Register() {
	if prefix := page("preview"); prefix != "" {
		registerPreview(prefix)
		return
	}
	app.RouteWithRegexp(`^`+routes.StudioHome+`(cases/[a-z0-9-]+)?$`, func() app.Composer { return &Studio{} })
}

// page reads what the Studio's page carries on <html>: the site's base
// path and the editor API's address (see pages.StudioAppPage).
func page(name string) string {
	return app.Window().Get("document").Get("documentElement").Get("dataset").Get(name).String()
}

// Studio is the frame of every Studio page: who is signed in, signing
// out, and the screen the address names.
type Studio struct {
	app.Compo
	api     *API
	session Session
	caseID  string
	err     string
	ready   bool
}

// under is a site path under the site's base path.
func (s *Studio) under(path string) string { return routes.Under(page("base"), path) }

func (s *Studio) OnMount(ctx app.Context) {
	s.api = &API{Base: page("api"), Site: page("base")}
	ctx.Async(func() {
		sess, err := s.api.Session()
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.err = "Your session could not be read: " + err.Error() + ". Reload the page, or sign in again."
				return
			}
			s.session, s.api.CSRF, s.ready = sess, sess.CSRFToken, true
			app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-studio", "ready")
		})
	})
}

func (s *Studio) OnNav(ctx app.Context) {
	path, _ := routes.Within(page("base"), ctx.Page().URL().Path)
	s.caseID, _ = routes.StudioCaseID(strings.TrimSuffix(path, "/"))
}

func (s *Studio) Render() app.UI {
	var screen app.UI
	switch {
	case s.err != "":
		screen = app.P().Class("studio-error").Attr("role", "alert").Text(s.err)
	case !s.ready:
		screen = app.P().Attr("role", "status").Text("Loading the Studio…")
	case s.caseID != "":
		screen = &CaseEditor{API: s.api, ID: s.caseID, Home: s.under(routes.StudioHome), Public: s.under(routes.CasePath(s.caseID)),
			Preview: s.under(routes.StudioPreview(s.caseID)), EmbedCode: s.under(routes.EmbedCode(s.caseID)), OEmbed: s.under(routes.OEmbed),
			Editor: s.session.User.Login, SignIn: s.under(routes.StudioLogin), Return: s.under(routes.StudioCase(s.caseID))}
	default:
		screen = &CaseList{API: s.api, Home: s.under(routes.StudioHome)}
	}
	return app.Div().Class("docket studio-app").Body(
		app.Header().Class("studio-bar").Body(
			app.P().Class("brand").Body(app.A().Href(s.under(routes.StudioHome)).Text("Docket Studio")),
			app.If(s.ready, func() app.UI {
				u := s.session.User
				return app.P().Text("Signed in as " + u.Name + " (" + u.Login + ", " + u.Role + ")")
			}),
			app.Form().Method("post").Action(s.under(routes.StudioLogout)).Body(
				app.Input().Type("hidden").Name("csrf").Value(s.session.CSRFToken),
				app.Button().Type("submit").Class("studio-button").Text("Sign out"),
			),
		),
		app.Main().ID("main").Class("studio-main").Body(screen),
	)
}
