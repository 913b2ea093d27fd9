package components

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// This file is the quiz's few direct uses of the browser: local storage,
// focus, scrolling and the clipboard. Each is guarded, so that a browser
// that refuses one (private mode, a sandboxed iframe, an old engine) costs
// the reader that one feature and never the quiz.

// jsCall calls method m on v and reports false, instead of panicking, when
// JavaScript throws. syscall/js turns a throw inside Call into a Go panic,
// which this recovers.
func jsCall(v app.Value, m string, args ...any) (res app.Value, ok bool) {
	if app.IsServer || v == nil {
		return nil, false
	}
	defer func() {
		if recover() != nil {
			res, ok = nil, false
		}
	}()
	return v.Call(m, args...), true
}

// localStorage returns window.localStorage, or false where the browser
// refuses it. Merely reading the property throws in an iframe with an opaque
// origin, and a throw inside a property read (syscall/js's Get) cannot be
// recovered in Go: it unwinds through the wasm and stops the program. So the
// read goes through Reflect.get, a call, whose throw Go can recover.
//
// Where the browser refuses storage, web/docket.js puts a memory-only
// stand-in in its place so that go-app can start; it is not a Storage and
// keeps nothing across a reload, so it counts as no storage here.
func localStorage() (app.Value, bool) {
	if app.IsServer {
		return nil, false
	}
	win := app.Window().JSValue()
	ls, ok := jsCall(app.Window().Get("Reflect"), "get", win, "localStorage")
	if !ok || !ls.Truthy() {
		return nil, false
	}
	if storage := app.Window().Get("Storage"); !storage.Truthy() || !ls.InstanceOf(storage) {
		return nil, false
	}
	return ls, true
}

// storageGet reads key from local storage. ok is false when there is no
// usable storage; a missing key is "" with ok true.
func storageGet(key string) (value string, ok bool) {
	ls, ok := localStorage()
	if !ok {
		return "", false
	}
	v, ok := jsCall(ls, "getItem", key)
	if !ok {
		return "", false
	}
	if v.IsNull() || v.IsUndefined() {
		return "", true
	}
	return v.String(), true
}

// storageSet writes key to local storage and reports whether it could
// (storage refused, or full).
func storageSet(key, value string) bool {
	ls, ok := localStorage()
	if !ok {
		return false
	}
	_, ok = jsCall(ls, "setItem", key, value)
	return ok
}

// elementByID returns the element with the given id, or false.
func elementByID(id string) (app.Value, bool) {
	if app.IsServer {
		return nil, false
	}
	el, ok := jsCall(app.Window().Get("document"), "getElementById", id)
	if !ok || !el.Truthy() {
		return nil, false
	}
	return el, true
}

// rectOf is an element's box in the viewport: its top and bottom.
func rectOf(el app.Value) (top, bottom float64, ok bool) {
	r, ok := jsCall(el, "getBoundingClientRect")
	if !ok {
		return 0, 0, false
	}
	return r.Get("top").Float(), r.Get("bottom").Float(), true
}

// viewportHeight is the height of the browser's window.
func viewportHeight() float64 {
	return app.Window().Get("innerHeight").Float()
}

// scrollBy scrolls the window instantly by dy pixels.
func scrollBy(dy float64) {
	if dy > -0.5 && dy < 0.5 {
		return
	}
	jsCall(app.Window().JSValue(), "scrollBy", map[string]any{"top": dy, "left": 0, "behavior": "instant"})
}

// setMinHeight sets, or with px ≤ 0 clears, an element's min-height.
// Through the CSS object model: the page's Content-Security-Policy refuses
// style attributes.
func setMinHeight(el app.Value, px float64) {
	if el == nil || !el.Truthy() {
		return
	}
	v := ""
	if px > 0 {
		v = strconv.FormatFloat(px, 'f', 0, 64) + "px"
	}
	el.Get("style").Set("minHeight", v)
}

// focusQuizStep moves keyboard focus to the element with the given id (a
// question's legend, the results heading) and, when the reader has scrolled
// past the top of the quiz panel, brings that top into view first, so the
// new step is read from its beginning.
func focusQuizStep(id string) {
	el, ok := elementByID(id)
	if !ok {
		return
	}
	if panel, ok := elementByID(quizPanelID); ok {
		if top, _, ok := rectOf(panel); ok && (top < 0 || top > viewportHeight()) {
			jsCall(panel, "scrollIntoView", map[string]any{"block": "start"})
		}
	}
	jsCall(el, "focus", map[string]any{"preventScroll": true})
	if top, bottom, ok := rectOf(el); ok && (bottom < 0 || top > viewportHeight()) {
		jsCall(el, "scrollIntoView", map[string]any{"block": "nearest"})
	}
}

// focusByID moves focus to an element, scrolling it into view if needed.
func focusByID(id string) {
	if el, ok := elementByID(id); ok {
		jsCall(el, "focus")
	}
}

// viewAtMount is where the quiz sat in the window just before the browser
// program switched it from the prerendered list to the interactive quiz.
type viewAtMount struct {
	ok          bool
	top, bottom float64 // the quiz section
	height      float64 // the window
	after       float64 // the top of the first element after the quiz
	hasAfter    bool
}

// measureQuizView notes where the quiz section is in the window.
func measureQuizView(section app.Value) viewAtMount {
	var v viewAtMount
	if app.IsServer || section == nil || !section.Truthy() {
		return v
	}
	top, bottom, ok := rectOf(section)
	if !ok {
		return v
	}
	v.top, v.bottom, v.height, v.ok = top, bottom, viewportHeight(), true
	if next, ok := elementAfter(section); ok {
		v.after, _, v.hasAfter = rectOf(next)
	}
	return v
}

// elementAfter is the first element that follows el in the page outside
// it: its next sibling, or its parent's.
func elementAfter(el app.Value) (app.Value, bool) {
	for e := el; e.Truthy(); e = e.Get("parentElement") {
		if n := e.Get("nextElementSibling"); n.Truthy() {
			return n, true
		}
	}
	return nil, false
}

// keepQuizView runs right after the quiz has switched views, before the
// browser paints, so that what the reader was looking at does not move:
//
//   - quiz below the window: nothing the reader sees changed;
//   - quiz wholly above: what follows it is put back where it was;
//   - quiz in the window: its top stays put (or comes to the top of the
//     window when the reader was inside the long list, whose content is
//     gone), and the panel is held tall enough to fill the window, so that
//     nothing below the quiz rises into view.
//
// It reports whether it holds the panel's height; releaseHold ends that at
// the reader's first action in the quiz.
func keepQuizView(section, panel app.Value, before viewAtMount) (holding bool) {
	if !before.ok || section == nil || !section.Truthy() {
		return false
	}
	switch {
	case before.top >= before.height:
		return false
	case before.bottom <= 0:
		if next, ok := elementAfter(section); ok && before.hasAfter {
			if top, _, ok := rectOf(next); ok {
				scrollBy(top - before.after)
			}
		}
		return false
	}
	if top, _, ok := rectOf(section); ok {
		scrollBy(top - max(before.top, 0))
	}
	if panel == nil || !panel.Truthy() {
		return false
	}
	top, bottom, ok := rectOf(panel)
	if !ok || bottom >= before.height {
		return false
	}
	setMinHeight(panel, before.height-top)
	return true
}

// copyText puts text on the clipboard and calls done with whether it
// could. done runs later, from a JavaScript callback, when the clipboard
// API answers; it runs at once with false when there is no clipboard API.
func copyText(text string, done func(ok bool)) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if app.IsServer || !clip.Truthy() {
		done(false)
		return
	}
	promise, ok := jsCall(clip, "writeText", text)
	if !ok || !promise.Truthy() {
		done(false)
		return
	}
	var resolved, rejected app.Func
	release := func() {
		resolved.Release()
		rejected.Release()
	}
	resolved = app.FuncOf(func(app.Value, []app.Value) any {
		release()
		done(true)
		return nil
	})
	rejected = app.FuncOf(func(app.Value, []app.Value) any {
		release()
		done(false)
		return nil
	})
	jsCall(promise, "then", resolved, rejected)
}

// selectText focuses a text field and selects its content, so that a reader
// whose browser refused the clipboard can copy it with one keystroke, and
// tries the old copy command on it. It reports whether that copied.
func selectText(id string) (copied bool) {
	el, ok := elementByID(id)
	if !ok {
		return false
	}
	jsCall(el, "focus")
	jsCall(el, "select")
	res, ok := jsCall(app.Window().Get("document"), "execCommand", "copy")
	return ok && res.Truthy() && res.Bool()
}

// fetchLater asks the server at url with the browser's fetch (never
// net/http, which would add most of a megabyte to the wasm), with no
// cookie and no referrer, and calls done from a JavaScript callback with
// the status and the body, or with ok false when the request failed or
// took more than fetchTimeout. A body is sent as JSON.
//
// fresh skips the browser's HTTP cache (the request still revalidates).
func fetchLater(method, url, body string, fresh bool, done func(ok bool, status int, text string)) {
	if app.IsServer {
		return
	}
	win := app.Window().JSValue()
	opts := map[string]any{"method": method, "credentials": "omit", "referrerPolicy": "no-referrer", "mode": "cors"}
	if fresh {
		opts["cache"] = "no-cache"
	}
	if body != "" {
		opts["body"] = body
		opts["headers"] = map[string]any{"Content-Type": "application/json"}
		opts["keepalive"] = true // sent even when the reader leaves the page
	}
	if abort := app.Window().Get("AbortSignal"); abort.Truthy() && abort.Get("timeout").Truthy() {
		if signal, ok := jsCall(abort, "timeout", fetchTimeout); ok {
			opts["signal"] = signal
		}
	}
	promise, ok := jsCall(win, "fetch", url, opts)
	if !ok || !promise.Truthy() {
		done(false, 0, "")
		return
	}
	var onResponse, onText, onError app.Func
	status := 0
	release := func() {
		onResponse.Release()
		onText.Release()
		onError.Release()
	}
	onError = app.FuncOf(func(app.Value, []app.Value) any {
		release()
		done(false, status, "")
		return nil
	})
	onText = app.FuncOf(func(_ app.Value, args []app.Value) any {
		release()
		text := ""
		if len(args) > 0 && args[0].Type() == app.TypeString {
			text = args[0].String()
		}
		done(true, status, text)
		return nil
	})
	onResponse = app.FuncOf(func(_ app.Value, args []app.Value) any {
		if len(args) == 0 {
			onError.Invoke()
			return nil
		}
		status = args[0].Get("status").Int()
		textPromise, ok := jsCall(args[0], "text")
		if !ok {
			onError.Invoke()
			return nil
		}
		jsCall(textPromise, "then", onText, onError)
		return nil
	})
	jsCall(promise, "then", onResponse, onError)
}

// fetchTimeout is how long, in milliseconds, a fetch of counts may take
// before the quiz gives up on it (quietly: the numbers are an addition).
const fetchTimeout = 10_000
