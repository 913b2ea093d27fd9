package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// The page starts in slices, each a task of its own, so that the browser
// paints and answers taps between them instead of waiting for the whole
// start: Go's runtime, then reading the case (app/main.go), then go-app's
// mount of the page (the parts below the first screen as the server
// prerendered them), then the live timeline, then the live quiz when the
// reader nears it or the browser has nothing else to do.

// Yield lets the browser run before the program goes on: the calling
// goroutine waits for a zero-delay timeout. The browser program calls it
// before go-app starts, between the slices of its start.
func Yield() {
	if app.IsServer {
		return
	}
	done := make(chan struct{})
	f := app.FuncOf(func(app.Value, []app.Value) any {
		close(done)
		return nil
	})
	app.Window().Call("setTimeout", f, 0)
	<-done
	f.Release()
}

// later runs fn for the component of ctx in a task of its own, after the
// browser has had the chance to paint and answer input.
func later(ctx app.Context, fn func(app.Context)) {
	var f app.Func
	f = app.FuncOf(func(app.Value, []app.Value) any {
		f.Release()
		ctx.Dispatch(fn)
		return nil
	})
	app.Window().Call("setTimeout", f, 0)
}

// whenNearOrIdle runs fn for the component of ctx once, in a task of its
// own, when el comes within a screen of the window or the browser is idle,
// whichever is first: the part is live when the reader gets to it, and the
// start never waits for it.
func whenNearOrIdle(ctx app.Context, el app.Value, fn func(app.Context)) {
	w := app.Window()
	var near, idle app.Func
	var observer, idleID app.Value
	done := false
	run := func() {
		if done {
			return
		}
		done = true
		if observer != nil {
			observer.Call("disconnect")
		}
		if w.Get("cancelIdleCallback").Truthy() {
			w.Call("cancelIdleCallback", idleID)
		} else {
			w.Call("clearTimeout", idleID)
		}
		ctx.Dispatch(fn)
		// Released once this callback has returned; neither can run again.
		var release app.Func
		release = app.FuncOf(func(app.Value, []app.Value) any {
			near.Release()
			idle.Release()
			release.Release()
			return nil
		})
		w.Call("setTimeout", release, 0)
	}
	near = app.FuncOf(func(this app.Value, args []app.Value) any {
		entries := args[0]
		for i := range entries.Length() {
			if entries.Index(i).Get("isIntersecting").Bool() {
				run()
				break
			}
		}
		return nil
	})
	idle = app.FuncOf(func(app.Value, []app.Value) any {
		run()
		return nil
	})
	if w.Get("requestIdleCallback").Truthy() {
		idleID = w.Call("requestIdleCallback", idle, map[string]any{"timeout": 3000})
	} else {
		idleID = w.Call("setTimeout", idle, 200)
	}
	if io := w.Get("IntersectionObserver"); io.Truthy() && el != nil && el.Truthy() {
		observer = io.New(near, map[string]any{"rootMargin": "100% 0px"})
		observer.Call("observe", el)
	}
}
