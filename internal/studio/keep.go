package studio

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The copy of the editor's unsaved work kept in the browser (see Kept):
// written a moment after each change and as the page goes, dropped once a
// save carries it, restored when the case opens again; and the page for a
// session that ended, which keeps that work.

// keptKey is this case's copy for the editor signed in.
func (c *CaseEditor) keptKey() string { return KeptKey(c.Editor, c.ID) }

// keepLater writes the copy once the editor pauses (KeepDelay).
func (c *CaseEditor) keepLater() {
	c.keeping.Change(time.Now())
	c.ctx.After(KeepDelay, func(app.Context) {
		if c.keeping.Due(time.Now()) {
			c.keepNow()
		}
	})
}

// keepNow writes the editor's version (theirs may be in the forms during
// a conflict) with the revision it is based on. When the browser refuses
// (no room, storage off), the status and a message say the changes are
// in this tab only; they are not lost.
func (c *CaseEditor) keepNow() {
	mine := c.edit.Case
	if c.edit.Mine != nil {
		mine = c.edit.Mine
	}
	if mine == nil {
		return
	}
	c.keeping.Pending = false
	data, err := Encode(mine)
	if err == nil {
		var item []byte
		item, err = json.Marshal(Kept{Case: data, Revision: c.edit.Revision, At: time.Now()})
		if err == nil {
			err = storage("setItem", c.keptKey(), string(item))
		}
	}
	c.edit.Save.TabOnly, c.keepErr = err != nil, ""
	if err != nil {
		c.keepErr = "This browser would not keep a copy of your changes (" + err.Error() + "): they are kept in this tab only, so keep it open until they are saved."
	}
}

// dropKept removes the copy: a save carried it, or the editor dropped it.
// Nothing is left to keep, so a refusal to keep it no longer matters.
func (c *CaseEditor) dropKept() {
	c.keeping.Pending = false
	storage("removeItem", c.keptKey())
	c.edit.Save.TabOnly, c.keepErr = false, ""
}

// savedKept follows a save that succeeded: the copy goes when the save
// carried every change, else it is written again on the new revision.
func (c *CaseEditor) savedKept() {
	if c.edit.Save.Dirty {
		c.keepNow()
		return
	}
	c.dropKept()
}

// restoreKept applies, on opening the case, what Restore decides for the
// copy kept in this browser: restored and saved at once, offered beside
// the server's draft as a conflict, or dropped when the server has it.
func (c *CaseEditor) restoreKept(ctx app.Context, server *casefile.Case, d Draft) {
	c.keptNote = ""
	k, err := c.readKept()
	if err != nil {
		c.keptNote = "A copy of your changes kept in this browser could not be read (" + err.Error() + "); your next change replaces it."
		return
	}
	r := Restore(k, server, d.Revision)
	switch r.Outcome {
	case KeptSame:
		c.dropKept()
	case KeptUnreadable:
		c.keptNote = "A copy of your changes kept in this browser from " + KeptTime(k.At, time.Now()) + " could not be read (" + r.Err + "); your next change replaces it."
	case RestoreKept:
		c.edit.Case = r.Case
		c.edit.Save.Change(time.Time{}) // due at once
		c.keptNote = RestoredLabel(len(r.Changes), k.At, time.Now())
		c.check()
		c.saveIfDue(ctx)
	case KeptConflict:
		var changes []string
		for _, ch := range Compare(r.Case, server) {
			changes = append(changes, ch.Where+" "+ch.Change)
		}
		c.edit.Case, c.edit.Revision = r.Case, k.Revision
		c.edit.Refused(&TheirSave{Theirs: server, Revision: d.Revision, By: d.SavedBy, At: d.SavedAt, Changes: changes, KeptAt: k.At},
			"the case was saved since your changes were kept in this browser", time.Now())
		c.check()
	}
}

// readKept reads this case's copy; nil when there is none, or no storage
// to hold one (keepNow says so at the first change).
func (c *CaseEditor) readKept() (*Kept, error) {
	v, err := storageGet(c.keptKey())
	if err != nil || v == "" {
		return nil, nil
	}
	var k Kept
	if err := json.Unmarshal([]byte(v), &k); err != nil {
		return nil, fmt.Errorf("it is not a kept copy: %v", err)
	}
	return &k, nil
}

// storage calls a method of the browser's localStorage, turning what it
// throws (QuotaExceededError, storage turned off) into an error.
func storage(method string, args ...any) (err error) {
	_, err = storageCall(method, args...)
	return err
}

// storageGet reads an item of localStorage; "" when there is none.
func storageGet(key string) (string, error) {
	v, err := storageCall("getItem", key)
	if err != nil || !v.Truthy() {
		return "", err
	}
	return v.String(), nil
}

func storageCall(method string, args ...any) (v app.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
			if s := err.Error(); strings.HasPrefix(s, "JavaScript error: ") {
				err = fmt.Errorf("%s", strings.TrimPrefix(s, "JavaScript error: "))
			}
		}
	}()
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return nil, fmt.Errorf("this browser has no local storage")
	}
	return ls.Call(method, args...), nil
}

// sessionEnded follows a request answered as signed out: the work is kept
// in the browser at once, and the page for a lost session takes the focus.
func (c *CaseEditor) sessionEnded(ctx app.Context) {
	c.keepNow()
	ctx.Defer(func(app.Context) { focus("lost-session") })
}

// signedInAgain is the editor saying they signed in again in another tab:
// the new session's token is read, and the unsaved changes are saved.
func (c *CaseEditor) signedInAgain(ctx app.Context, e app.Event) {
	c.lostErr = "Checking your session…"
	c.ctx.Async(func() {
		s, err := c.API.Session()
		c.ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.lostErr = "You are not signed in yet (" + err.Error() + "). Sign in, then choose Save now again."
				return
			}
			c.lostErr = ""
			c.API.CSRF = s.CSRFToken
			c.edit.Save.SignedIn()
			c.saveIfDue(ctx)
		})
	})
}

// lostSession is the page region for a session that ended: it says the
// changes are kept, and signs in again (the server's sign-in form, which
// returns to this case, where they are restored and saved).
func (c *CaseEditor) lostSession() app.UI {
	kept := "Your changes are not saved, but they are kept in this browser. Sign in again: this case opens again with them and saves them."
	form := app.Form().Method("post").Action(c.SignIn)
	submit := "Sign in and return to this case"
	if c.edit.Save.TabOnly {
		kept = "Your changes are not saved, and this browser would not keep a copy: they are in this tab only. Keep it open: sign in again (in a new tab), then come back and choose Save now."
		form, submit = form.Target("_blank"), "Sign in (in a new tab)"
	} else if !c.edit.Save.Dirty {
		kept = "Every change was saved before. Sign in again to go on."
	}
	return app.Section().ID("lost-session").Class("studio-lost").Attr("role", "alert").Attr("tabindex", "-1").
		Aria("labelledby", "lost-heading").Body(
		app.H2().ID("lost-heading").Text("Your session has ended"),
		app.P().Text(kept),
		form.Body(
			app.Input().Type("hidden").Name("next").Value(c.Return),
			app.Div().Class("studio-field").Body(
				app.Label().For("lost-login").Text("Email or username"),
				app.Input().ID("lost-login").Name("login").Type("text").Attr("autocomplete", "username").Required(true).Value(c.Editor),
			),
			app.Div().Class("studio-field").Body(
				app.Label().For("lost-password").Text("Password"),
				app.Input().ID("lost-password").Name("password").Type("password").Attr("autocomplete", "current-password").Required(true),
			),
			app.Button().Type("submit").ID("lost-sign-in").Class("studio-button studio-primary").Text(submit),
		),
		app.P().Body(
			app.Button().Type("button").Class("studio-button").Aria("describedby", "lost-again").Text("Save now").OnClick(c.signedInAgain),
			app.Span().ID("lost-again").Class("studio-hint").Text(" when you have signed in again in another tab."),
		),
		app.If(c.lostErr != "", func() app.UI { return app.P().Class("studio-error").Text(c.lostErr) }),
	)
}
