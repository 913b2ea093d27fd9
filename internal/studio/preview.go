package studio

import (
	"net/url"
	"strconv"
	"sync/atomic"

	"docket/internal/casefile"
	"docket/internal/components"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The preview: the Studio's program in a document of its own, showing the
// reader's page of a case with the reader's own components and styles, at
// the width of its window. Whatever goes wrong in it cannot touch the
// editor's work.
//
// In the editor's frame it is live: the editor sends the case as it
// stands (postMessage, same origin only, both ways), the preview checks it
// with the Studio's validator and shows it when it has no problems, else
// keeps the last version that had none; it answers what it shows, and
// tells the editor which event was clicked. Opened on its own (a tab), it
// shows the saved draft.

// previewMessage marks the messages between the editor and its preview:
// its value says what the message is ("ready", "case", "shown", "open").
const previewMessage = "docketPreview"

func registerPreview(prefix string) {
	w := app.Window()
	if w.Get("self").Equal(w.Get("top")) {
		registerSavedPreview(prefix)
		return
	}
	live := &liveLibrary{}
	components.Register(func() casefile.Published { return live })
	origin := w.Get("location").Get("origin").String()
	parent := w.Get("parent")
	post := func(kind string, msg map[string]any) {
		msg[previewMessage] = kind
		parent.Call("postMessage", msg, origin)
	}
	w.Call("addEventListener", "message", app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		d := e.Get("data")
		if e.Get("origin").String() != origin || !e.Get("source").Equal(parent) || d.Type() != app.TypeObject ||
			d.Get(previewMessage).String() != "case" || d.Get("case").Type() != app.TypeString {
			return nil
		}
		c, n := PreviewCase([]byte(d.Get("case").String()))
		if c != nil {
			if lib, err := casefile.NewLibrary(c); err == nil {
				live.lib.Store(lib)
				redraw()
			} else {
				n = 1
			}
		}
		// The answer waits until the page is idle, the case drawn.
		shown := map[string]any{"shown": live.lib.Load() != nil, "problems": n}
		var answer app.Func
		answer = app.FuncOf(func(app.Value, []app.Value) any {
			post("shown", shown)
			answer.Release()
			return nil
		})
		if w.Get("requestIdleCallback").Type() == app.TypeFunction {
			w.Call("requestIdleCallback", answer, map[string]any{"timeout": 2000})
		} else {
			w.Call("setTimeout", answer, 50)
		}
		return nil
	}))
	// A click on an event of the reader's list of events opens its form.
	w.Get("document").Call("addEventListener", "click", app.FuncOf(func(this app.Value, args []app.Value) any {
		if li := args[0].Get("target").Call("closest", "li.event[id]"); li.Truthy() {
			post("open", map[string]any{"event": li.Get("id").String()})
		}
		return nil
	}))
	post("ready", map[string]any{})
}

// liveLibrary is the one case the preview shows, the last the editor sent
// without problems; the reader's pages ask it for their case each render.
// Its one case answers to any id: the page's address names the Studio's
// case, whose id the editor may be changing.
type liveLibrary struct {
	lib atomic.Pointer[casefile.Library]
}

func (l *liveLibrary) DefaultID() string {
	if lib := l.lib.Load(); lib != nil {
		return lib.DefaultID()
	}
	return ""
}

func (l *liveLibrary) Case(string) (casefile.Entry, bool) {
	if lib := l.lib.Load(); lib != nil {
		return lib.Case(lib.DefaultID())
	}
	return casefile.Entry{}, false
}

func (l *liveLibrary) Summaries() []casefile.Summary {
	if lib := l.lib.Load(); lib != nil {
		return lib.Summaries()
	}
	return nil
}

// redraws counts the preview's redraws, which mark its address.
var redraws int

// redraw has the reader's page render the library's case again, in place:
// the page is kept (the reader's place in it, the selected event), and no
// history entry is added. go-app renders a page again when it navigates;
// it navigates, without adding history, when the browser goes back or
// forward (popstate) to another address. So the address gets a new mark
// (?preview=N, and no #fragment, to which go-app would scroll) and the
// page hears a popstate. Before go-app runs, there is nothing to redraw:
// its first render reads the library.
func redraw() {
	w := app.Window()
	if w.Get("onpopstate").Type() != app.TypeFunction {
		return
	}
	u, err := url.Parse(w.Get("location").Get("href").String())
	if err != nil {
		return
	}
	redraws++
	q := u.Query()
	q.Set("preview", strconv.Itoa(redraws))
	u.RawQuery, u.Fragment = q.Encode(), ""
	w.Get("history").Call("replaceState", w.Get("history").Get("state"), "", u.String())
	w.Call("dispatchEvent", w.Get("PopStateEvent").New("popstate"))
}

// registerSavedPreview shows the saved draft of the case the address
// names, to a preview opened on its own. A draft with problems is not
// shown: the reader's components expect a valid case.
func registerSavedPreview(prefix string) {
	path, _ := routes.Within(prefix, app.Window().URL().Path)
	id := routes.CaseID(path)
	api := &API{Base: page("api"), Site: page("base")}
	d, err := api.Draft(id)
	var why string
	var c *casefile.Case
	switch {
	case err != nil:
		why = "The draft could not be read: " + err.Error()
	default:
		var n int
		if c, n = PreviewCase(d.Case); c == nil {
			why = "The preview shows once the saved draft has no problems (" + itoa(n) + " now)."
		}
	}
	if why == "" {
		lib, err := casefile.NewLibrary(c)
		if err == nil {
			components.Register(func() casefile.Published { return lib })
			return
		}
		why = "The draft cannot be shown: " + err.Error()
	}
	app.RouteWithRegexp(`.*`, func() app.Composer { return &previewNotice{Text: why} })
}

// previewNotice says why the preview shows nothing.
type previewNotice struct {
	app.Compo
	Text string
}

func (n *previewNotice) Render() app.UI {
	return app.Div().Class("docket").Body(app.Main().ID("main").Class("studio-main").Body(
		app.H1().Text("Preview"),
		app.P().Text(n.Text),
	))
}
