package studio

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The editor's undo and redo (History), its keyboard shortcuts
// (ShortcutOf) and the dragging of events and terms into another place
// (MoveTo): thin wiring of the plain values to the page.

// undoing is the editor's part for undo, shortcuts and dragging;
// CaseEditor embeds it.
type undoing struct {
	hist History // of the version in the forms
	// aside is the editor's own history while a conflict shows theirs.
	aside History
	// stepKey and stepLabel say what the edit about to be recorded did
	// (see edited); changed records it.
	stepKey, stepLabel string
	keys, drags        app.Func
	// gen counts the edits that may leave the forms' handlers holding a
	// case, a list or an item that is no longer the one in the forms: all
	// but typing in a field (see handlers).
	gen int
	// focusN counts the focus's moves on the page: typing in a field is
	// one step while the focus stays in it.
	focusN int
	// typing: in a large case, typing goes on in the last step's field and
	// its snapshot waits until the focus moves (flushTyping), since
	// encoding megabytes of JSON at each key would hold up the typing.
	typing bool
	// dragList and dragFrom are the list and place of the item being
	// dragged ("" when none).
	dragList string
	dragFrom int
}

// startHistory starts the history at the case as loaded.
func (c *CaseEditor) startHistory() {
	c.hist, c.aside, c.typing = History{}, History{}, false
	c.gen++
	if data, err := Encode(c.edit.Case); err == nil {
		c.hist = Start(data)
	}
}

// handlers is the scope of the editor's event handlers, renewed by every
// edit but typing in a field. go-app keeps an element's handler when the
// new one is made by the same code, with what the old one captured: the
// case before an undo or a conflict's choice, an item of a list since
// grown into a new array. Typing changes none of those, so it renews
// nothing, and a keystroke does not remount every handler of the form.
func (c *CaseEditor) handlers() string { return strconv.Itoa(c.gen) }

// scope is handlers as an event option.
func (c *CaseEditor) scope() app.EventOption { return app.EventScope(c.handlers()) }

// edited names the edit that changed is about to record: the field it
// made (key, "" for a step of its own) and what it did, in words.
func (c *CaseEditor) edited(key, label string) { c.stepKey, c.stepLabel = key, label }

// record takes the case as it stands after an edit into the history.
func (c *CaseEditor) record() {
	key, label := c.stepKey, c.stepLabel
	c.stepKey, c.stepLabel = "", ""
	if c.edit.Case == nil {
		return
	}
	if key == "" {
		c.gen++
	} else {
		key += "#" + strconv.Itoa(c.focusN)
	}
	if label == "" {
		label = "change"
	}
	if key != "" && key == c.hist.key && len(c.hist.undo) > 0 && Large(c.edit.Case) {
		c.typing = true // joins the last step: its snapshot can wait
		return
	}
	c.typing = false
	if data, err := Encode(c.edit.Case); err == nil {
		c.hist.Record(data, key, label)
	}
}

// flushTyping takes the snapshot record left waiting, before anything
// else can become a step: when the focus moves, before an undo or a drag.
func (c *CaseEditor) flushTyping() {
	if !c.typing || c.edit.Case == nil {
		return
	}
	c.typing = false
	if data, err := Encode(c.edit.Case); err == nil {
		c.hist.Now = data // the same step as the last keystroke's
	}
}

// followHistory keeps the history with the version a conflict's choice
// put in the forms (History.Follow).
func (c *CaseEditor) followHistory() {
	c.gen++
	if c.edit.Case == nil {
		return
	}
	data, err := Encode(c.edit.Case)
	if err != nil {
		c.hist, c.aside = History{}, History{}
		return
	}
	c.hist.Follow(data, c.edit.Mine != nil, &c.aside)
}

// undoStep undoes (or redoes) the last step: the case goes back to the
// state before it, is checked and marked changed, so that the autosave
// carries it as any edit; what was undone is announced.
func (c *CaseEditor) undoStep(redo bool) {
	if c.edit.Case == nil {
		return
	}
	c.flushTyping()
	take, done, none := c.hist.Undo, "Undone: ", "Nothing to undo."
	if redo {
		take, done, none = c.hist.Redo, "Redone: ", "Nothing to redo."
	}
	state, label, ok := take()
	if !ok {
		c.say(none)
		return
	}
	doc, err := Decode(state)
	if err != nil { // the Studio's own JSON: not expected
		c.say("Could not undo: " + err.Error())
		return
	}
	c.edit.Case = doc
	if data, err := Encode(doc); err == nil {
		c.hist.Now = data // so that changed records no step
	}
	c.boxes = map[string]string{}
	c.changed(c.ctx)
	c.say(done + label + ".")
}

// saveNow saves at once what is unsaved (Alt+Shift+S, "Save now"), or
// says why it does not.
func (c *CaseEditor) saveNow() {
	switch {
	case c.edit.Case == nil:
	case c.edit.Save.State == Conflict:
		c.say("Not saved: someone else changed this case. Choose which version to keep first.")
	case c.edit.Save.Hurry():
		c.saveIfDue(c.ctx)
		c.say("Saving now.")
	case c.edit.Save.State == Saving:
		c.say("A save is already on its way.")
	default:
		c.say("Nothing to save: every change is saved.")
	}
}

// publishNow publishes as the Publish button does (Alt+Shift+P), or
// says why it may not.
func (c *CaseEditor) publishNow(e app.Event) {
	why := c.edit.PublishWait(len(c.problems))
	switch {
	case c.busy:
		c.publish, c.publishOK = "Publishing already…", false
	case why != "":
		c.publish, c.publishOK = "Not published: "+strings.ToLower(why[:1])+why[1:], false
		if c.edit.Save.Dirty && c.edit.Save.State != Conflict && len(c.problems) == 0 {
			c.publish += " Save now with Alt+Shift+S."
		}
	default:
		c.doPublish(c.ctx, e)
	}
}

// undoBar is Undo and Redo, each naming what it would do, and Save now.
// A button emptied by its own click hands the focus to the other.
func (c *CaseEditor) undoBar() app.UI {
	button := func(id, text, what, keys string, redo bool) app.UI {
		if what != "" {
			text += ": " + what
		}
		return app.Button().Type("button").ID(id).Class("studio-button").Disabled(what == "").
			Aria("keyshortcuts", keys).Text(text).
			OnClick(func(ctx app.Context, e app.Event) {
				c.undoStep(redo)
				c.ctx.Defer(func(app.Context) { keepFocus() })
			})
	}
	return app.Div().Class("studio-undo").Body(
		button("undo", "Undo", c.hist.UndoLabel(), "Alt+Shift+Z", false),
		button("redo", "Redo", c.hist.RedoLabel(), "Alt+Shift+Y", true),
		app.Button().Type("button").ID("save-now").Class("studio-button").Aria("keyshortcuts", "Alt+Shift+S").Text("Save now").
			OnClick(func(ctx app.Context, e app.Event) { c.saveNow() }),
	)
}

// keepFocus moves the focus from Undo or Redo, when its own step left it
// with nothing to do (disabled, it would drop the focus), to the other.
func keepFocus() {
	active := app.Window().Get("document").Get("activeElement")
	if !active.Truthy() || !active.Get("disabled").Bool() {
		return
	}
	switch active.Get("id").String() {
	case "undo":
		focus("redo")
	case "redo":
		focus("undo")
	}
}

// say announces text in the editor's status line; the same text twice is
// told apart (a no-break space), so that it is announced again.
func (c *CaseEditor) say(text string) {
	if c.announce == text {
		text += "\u00a0"
	}
	c.announce = text
}

// shortcutList is the page's list of its keyboard shortcuts.
func shortcutList() app.UI {
	return app.Section().Class("studio-shortcuts").Aria("labelledby", "shortcuts-heading").Body(
		app.H2().ID("shortcuts-heading").Text("Keyboard shortcuts"),
		app.Dl().Body(app.Range(ShortcutKeys).Slice(func(i int) app.UI {
			return app.Div().Body(app.Dt().Body(app.Kbd().Text(ShortcutKeys[i].Keys)), app.Dd().Text(ShortcutKeys[i].What))
		})),
		app.P().Class("studio-hint").Text("Drag an event or a term by its ☰ handle to move it; its Move up and Move down buttons do the same from the keyboard."),
	)
}

// listen hears the page's keys and drags while the editor is open.
func (c *CaseEditor) listen() {
	c.keys = app.FuncOf(func(this app.Value, args []app.Value) any { c.keyDown(args[0]); return nil })
	c.drags = app.FuncOf(func(this app.Value, args []app.Value) any { c.dragEvent(args[0]); return nil })
	app.Window().Call("addEventListener", "keydown", c.keys)
	app.Window().Call("addEventListener", "focusin", c.keys)
	doc := app.Window().Get("document")
	for _, t := range dragEvents {
		doc.Call("addEventListener", t, c.drags)
	}
}

// unlisten stops listen's listeners.
func (c *CaseEditor) unlisten() {
	if c.keys == nil {
		return
	}
	app.Window().Call("removeEventListener", "keydown", c.keys)
	app.Window().Call("removeEventListener", "focusin", c.keys)
	doc := app.Window().Get("document")
	for _, t := range dragEvents {
		doc.Call("removeEventListener", t, c.drags)
	}
	c.keys.Release()
	c.drags.Release()
	c.keys, c.drags = nil, nil
}

var dragEvents = []string{"dragstart", "dragover", "drop", "dragend"}

// keyDown answers a shortcut. An undo from a text field takes the focus
// out of it while the case changes (a focused field keeps what it shows,
// see typedValue) and gives it back after.
func (c *CaseEditor) keyDown(e app.Value) {
	if e.Get("type").String() == "focusin" {
		c.flushTyping()
		c.focusN++
		return
	}
	if c.edit.Case == nil || e.Get("defaultPrevented").Bool() || e.Get("isComposing").Bool() {
		return
	}
	active := app.Window().Get("document").Get("activeElement")
	inText := active.Truthy() && TypesText(active.Get("tagName").String(), jsString(active.Get("type")), active.Get("isContentEditable").Bool())
	s := ShortcutOf(KeyPress{Key: e.Get("key").String(), Code: e.Get("code").String(),
		Ctrl: e.Get("ctrlKey").Bool(), Meta: e.Get("metaKey").Bool(), Alt: e.Get("altKey").Bool(), Shift: e.Get("shiftKey").Bool(), InText: inText})
	if s == NoShortcut {
		return
	}
	e.Call("preventDefault")
	field := ""
	if (s == UndoEdit || s == RedoEdit) && active.Truthy() && slices.Contains([]string{"INPUT", "SELECT", "TEXTAREA"}, active.Get("tagName").String()) {
		field = active.Get("id").String()
		active.Call("blur")
	}
	c.ctx.Dispatch(func(ctx app.Context) {
		switch s {
		case SaveNow:
			c.saveNow()
		case PublishNow:
			c.publishNow(app.Event{Value: e})
		default:
			c.undoStep(s == RedoEdit)
			if field != "" {
				ctx.Defer(func(app.Context) { c.refocus(field) })
			} else {
				ctx.Defer(func(app.Context) { keepFocus() })
			}
		}
	})
}

// refocus gives the focus back to the field an undo took it from, with
// the value the case now has; gone (an add undone), to Undo.
func (c *CaseEditor) refocus(id string) {
	el := app.Window().GetElementByID(id)
	if !el.Truthy() {
		focus("undo")
		return
	}
	if slices.Contains(c.empty, id) {
		el.Set("value", "")
	}
	el.Call("focus")
}

// jsString is a JS value's text, "" when it has none.
func jsString(v app.Value) string {
	if v.Type() != app.TypeString {
		return ""
	}
	return v.String()
}

// dragHandle is the handle item i of a list is dragged by. It is for the
// pointer only: the item's Move buttons do the same from the keyboard.
func dragHandle(list, noun string, i int) app.UI {
	return app.Span().Class("studio-drag").Draggable(true).DataSet("drag-handle", list).
		Title(fmt.Sprintf("Drag to move %s %d", noun, i+1)).Aria("hidden", "true").Text("☰")
}

// dragEvent follows a drag from an item's handle to the item of the same
// list it is dropped on, which it takes the place of. The page's own
// listeners, not go-app's, so that dragging over the form renders
// nothing until the drop.
func (c *CaseEditor) dragEvent(e app.Value) {
	typ := e.Get("type").String()
	target := e.Get("target")
	if target.Truthy() && target.Get("nodeType").Int() != 1 {
		target = target.Get("parentElement")
	}
	if !target.Truthy() {
		return
	}
	switch typ {
	case "dragstart":
		c.flushTyping()
		h := target.Call("closest", "[data-drag-handle]")
		if !h.Truthy() {
			return
		}
		li := h.Call("closest", "[data-drag-list]")
		if !li.Truthy() {
			return
		}
		c.dragList, c.dragFrom = li.Get("dataset").Get("dragList").String(), dataIndex(li)
		if dt := e.Get("dataTransfer"); dt.Truthy() {
			dt.Set("effectAllowed", "move")
			dt.Call("setData", "text/plain", h.Get("title").String())
			dt.Call("setDragImage", li, 16, 16)
		}
		li.Get("classList").Call("add", "studio-dragging")
	case "dragover", "drop":
		if c.dragList == "" {
			return
		}
		li := target.Call("closest", "[data-drag-list]")
		if !li.Truthy() || li.Get("dataset").Get("dragList").String() != c.dragList {
			return
		}
		e.Call("preventDefault")
		to := dataIndex(li)
		if typ == "dragover" {
			if dt := e.Get("dataTransfer"); dt.Truthy() {
				dt.Set("dropEffect", "move")
			}
			c.markDrop(li, to)
			return
		}
		list, from := c.dragList, c.dragFrom
		c.endDrag()
		c.ctx.Dispatch(func(ctx app.Context) { c.dropAt(ctx, list, from, to) })
	case "dragend":
		c.endDrag()
	}
}

func dataIndex(li app.Value) int {
	i, err := strconv.Atoi(li.Get("dataset").Get("dragIndex").String())
	if err != nil {
		return -1
	}
	return i
}

// markDrop shows where the item would go: a line above the item it is
// over when it moves up, below when it moves down.
func (c *CaseEditor) markDrop(li app.Value, to int) {
	c.clearDropMarks()
	switch {
	case to < c.dragFrom:
		li.Get("classList").Call("add", "studio-drop-above")
	case to > c.dragFrom:
		li.Get("classList").Call("add", "studio-drop-below")
	}
}

func (c *CaseEditor) clearDropMarks() {
	marked := app.Window().Get("document").Call("querySelectorAll", ".studio-drop-above, .studio-drop-below")
	for i := 0; i < marked.Length(); i++ {
		marked.Index(i).Get("classList").Call("remove", "studio-drop-above", "studio-drop-below")
	}
}

// endDrag forgets the drag and its marks.
func (c *CaseEditor) endDrag() {
	c.clearDropMarks()
	if el := app.Window().Get("document").Call("querySelector", ".studio-dragging"); el.Truthy() {
		el.Get("classList").Call("remove", "studio-dragging")
	}
	c.dragList = ""
}

// dropAt moves item from of a list to place to, as a step of its own,
// and announces it as the Move buttons do.
func (c *CaseEditor) dropAt(ctx app.Context, list string, from, to int) {
	d := c.edit.Case
	if d == nil {
		return
	}
	var j, n int
	var noun, title string
	switch list {
	case "events":
		j, n, noun = MoveTo(d.Events, from, to), len(d.Events), "event"
		if j != from {
			title = d.Events[j].Title
		}
	case "glossary":
		j, n, noun = MoveTo(d.Glossary, from, to), len(d.Glossary), "term"
		if j != from {
			title = d.Glossary[j].Term
		}
	}
	if j == from || noun == "" {
		return
	}
	c.edited("", MoveName(list, from, j))
	c.changed(ctx)
	c.say(Moved(noun, title, j, n))
}
