package studio

import (
	"fmt"
	"strings"
)

// The editor's keyboard shortcuts, chosen not to take a key from the
// browser or from the field being typed in: Ctrl+S and Ctrl+P stay the
// browser's save and print, and Ctrl/Cmd+Z in a text field stays the
// field's own undo. Alt+Shift with a letter is free in Chrome, Firefox
// and Safari on a page with no access keys (the Studio has none).

// Shortcut is what a key press asks the editor for.
type Shortcut int

// The editor's shortcuts.
const (
	NoShortcut Shortcut = iota
	SaveNow             // Alt+Shift+S
	PublishNow          // Alt+Shift+P
	UndoEdit            // Alt+Shift+Z anywhere; Ctrl/Cmd+Z outside a text field
	RedoEdit            // Alt+Shift+Y anywhere; Ctrl/Cmd+Shift+Z or Ctrl+Y outside a text field
)

// KeyPress is a key press as the browser reports it (KeyboardEvent's key,
// code and modifiers), and whether the focus is in a field that types text.
type KeyPress struct {
	Key, Code              string
	Ctrl, Meta, Alt, Shift bool
	InText                 bool
}

// ShortcutOf is the shortcut a key press asks for. Alt+Shift combinations
// are read by the key's place (code), since on a Mac Option changes the
// letter; Ctrl/Cmd ones by the letter, as the keyboard's layout names it.
// Cmd+Y is left alone: on a Mac it is the browser's history.
func ShortcutOf(k KeyPress) Shortcut {
	if k.Alt && k.Shift && !k.Ctrl && !k.Meta {
		switch k.Code {
		case "KeyS":
			return SaveNow
		case "KeyP":
			return PublishNow
		case "KeyZ":
			return UndoEdit
		case "KeyY":
			return RedoEdit
		}
		return NoShortcut
	}
	if k.InText || k.Alt || k.Ctrl == k.Meta {
		return NoShortcut
	}
	switch strings.ToLower(k.Key) {
	case "z":
		if k.Shift {
			return RedoEdit
		}
		return UndoEdit
	case "y":
		if k.Ctrl && !k.Shift {
			return RedoEdit
		}
	}
	return NoShortcut
}

// TypesText reports whether an element (its tag name, as the DOM gives
// it, its type, and whether it is contenteditable) is a field text is
// typed in, whose own undo Ctrl/Cmd+Z is.
func TypesText(tag, typ string, editable bool) bool {
	switch {
	case editable || strings.EqualFold(tag, "textarea"):
		return true
	case !strings.EqualFold(tag, "input"):
		return false
	}
	switch strings.ToLower(typ) {
	case "checkbox", "radio", "button", "submit", "reset", "file", "range", "color", "image", "hidden":
		return false
	}
	return true
}

// ShortcutKeys are the shortcuts as the page lists them, and as the
// buttons' aria-keyshortcuts name them.
var ShortcutKeys = []struct{ Keys, Aria, What string }{
	{"Alt+Shift+S", "Alt+Shift+S", "Save now"},
	{"Alt+Shift+P", "Alt+Shift+P", "Publish (once the case is valid and saved)"},
	{"Alt+Shift+Z, or Ctrl+Z (⌘Z) outside a text field", "Alt+Shift+Z", "Undo the last change to the case"},
	{"Alt+Shift+Y, or Ctrl+Shift+Z (⇧⌘Z) or Ctrl+Y outside a text field", "Alt+Shift+Y", "Redo"},
}

// Moved is what a move announces: "Event “Suit filed” is now number 2 of 5."
func Moved(noun, title string, j, n int) string {
	return fmt.Sprintf("%s “%s” is now number %d of %d.", strings.ToUpper(noun[:1])+noun[1:], title, j+1, n)
}
