package components

import (
	"encoding/json"
	"errors"
	"strings"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CaseDataID is the id of the <script type="application/json"> element in
// which the server's page carries its case, so that the browser program
// starts from the very data the page was rendered from and its first render
// matches the prerendered one (no jump). A large case is linked instead:
// the element is empty and its data-src attribute names the case's JSON.
const CaseDataID = "docket-case"

// LibraryFromPage reads the case that the page carries, or fetches the one
// it links, and takes the element out of the page, which no longer needs
// it. The browser program calls it before it starts go-app. On an error
// the library it returns has no case (the pages say so).
func LibraryFromPage() (casefile.Published, error) {
	el := app.Window().Get("document").Call("getElementById", CaseDataID)
	if !el.Truthy() {
		return pageLibrary{}, errors.New("the page carries no case data")
	}
	text := el.Get("textContent").String()
	if src := el.Call("getAttribute", "data-src"); strings.TrimSpace(text) == "" && src.Truthy() {
		var err error
		if text, err = fetchText(src.String()); err != nil {
			return pageLibrary{}, err
		}
	}
	var c casefile.Case
	dec := json.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(&c); err != nil {
		return pageLibrary{}, err
	}
	el.Call("remove")
	Yield() // decoding is a slice of the start of its own
	KeepPrerendered(c.ID, len(c.Events))
	return pageLibrary{&c}, nil
}

// pageLibrary is the one case the page carries. Unlike a
// casefile.Library it has no JSON or version of the case, which the reader
// never uses and which would mean encoding the whole case again at start.
type pageLibrary struct{ c *casefile.Case }

func (l pageLibrary) DefaultID() string {
	if l.c == nil {
		return ""
	}
	return l.c.ID
}

func (l pageLibrary) Case(id string) (casefile.Entry, bool) {
	if l.c == nil || id != l.c.ID {
		return casefile.Entry{}, false
	}
	return casefile.Entry{Case: l.c}, true
}

func (l pageLibrary) Summaries() []casefile.Summary {
	if l.c == nil {
		return nil
	}
	return []casefile.Summary{casefile.SummaryOf(l.c)}
}

// fetchText fetches url with the browser's fetch and waits for its text.
// Called before go-app starts, it blocks only the program's main goroutine.
func fetchText(url string) (string, error) {
	type result struct {
		text string
		err  error
	}
	done := make(chan result, 1)
	var onText, onStatus, onError app.Func
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New("fetching " + url + ": " + msg)}
		return nil
	})
	onText = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- result{text: args[0].String()}
		return nil
	})
	onStatus = app.FuncOf(func(this app.Value, args []app.Value) any {
		res := args[0]
		if !res.Get("ok").Bool() {
			done <- result{err: errors.New("fetching " + url + ": status " + res.Get("status").String())}
			return nil
		}
		res.Call("text").Call("then", onText, onError)
		return nil
	})
	app.Window().Call("fetch", url).Call("then", onStatus, onError)
	r := <-done
	onText.Release()
	onStatus.Release()
	onError.Release()
	return r.text, r.err
}
