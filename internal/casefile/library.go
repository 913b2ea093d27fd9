package casefile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
)

// Published is what readers are shown of a set of cases: each case with its
// JSON and version, the index of them all, and the case shown at "/". Pages,
// the API and the export read cases only through it. A *Library (the case
// files, loaded at start) is one; the database of drafts and published
// versions will be another. Its methods are safe for concurrent use.
type Published interface {
	// DefaultID is the id of the case shown at "/", or "" when there is none.
	DefaultID() string
	// Case returns the published case with the given id.
	Case(id string) (Entry, bool)
	// Summaries lists every published case, the default first: the index
	// the API serves.
	Summaries() []Summary
}

// Entry is one published case: the case, its JSON and its version, which
// always belong together (a page is never rendered from one version with
// the JSON of another).
type Entry struct {
	*Case
	// JSON is the case as compact JSON, made once. It is safe inside a
	// <script> element: json.Marshal escapes <, > and &.
	JSON []byte
	// Version changes whenever the case does (it is a hash of JSON). Caches
	// of anything made from the case key on it, so a case published anew is
	// never served stale.
	Version string
}

// Library is a set of valid cases with distinct ids, held in memory, with
// each case's JSON made once. Its order is stable: Load puts the cases of the
// built-in folder first, by id, then the extra folder's, so the first case
// (the default) is always a built-in one when any is.
type Library struct {
	entries   []Entry
	byID      map[string]int // case id → position in entries
	summaries []Summary
	files     map[string]string // case id → file it came from (Load only)
}

// NewLibrary returns a library of the given cases, in that order; the first
// is the default. It encodes each case once. The cases are not validated:
// Load does that for files.
func NewLibrary(cases ...*Case) (*Library, error) {
	l := &Library{byID: map[string]int{}, files: map[string]string{}}
	for _, c := range cases {
		if _, dup := l.byID[c.ID]; dup {
			return nil, fmt.Errorf("two cases have the id %q", c.ID)
		}
		e, err := entryOf(c)
		if err != nil {
			return nil, err
		}
		l.byID[c.ID] = len(l.entries)
		l.entries = append(l.entries, e)
		l.summaries = append(l.summaries, SummaryOf(c))
	}
	return l, nil
}

// entryOf encodes a case with its version.
func entryOf(c *Case) (Entry, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return Entry{}, fmt.Errorf("encoding case %q: %w", c.ID, err)
	}
	sum := sha256.Sum256(b)
	return Entry{Case: c, JSON: b, Version: hex.EncodeToString(sum[:12])}, nil
}

// Reencode makes each case's JSON, version and summary again, for the one
// loader that completes the cases after Load and before serving them (the
// server fills in the sizes of images from their files).
func (l *Library) Reencode() error {
	for i, e := range l.entries {
		ne, err := entryOf(e.Case)
		if err != nil {
			return err
		}
		l.entries[i] = ne
		l.summaries[i] = SummaryOf(e.Case)
	}
	return nil
}

// DefaultID is the id of the first case, the one shown at "/".
func (l *Library) DefaultID() string {
	if len(l.entries) == 0 {
		return ""
	}
	return l.entries[0].ID
}

// Case returns the case with the given id.
func (l *Library) Case(id string) (Entry, bool) {
	i, ok := l.byID[id]
	if !ok {
		return Entry{}, false
	}
	return l.entries[i], true
}

// Summaries returns the index entry of every case, in library order. The
// slice is the caller's.
func (l *Library) Summaries() []Summary { return slices.Clone(l.summaries) }

// Default returns the first case, or nil for an empty library.
func (l *Library) Default() *Case {
	if len(l.entries) == 0 {
		return nil
	}
	return l.entries[0].Case
}

// Cases returns the cases in library order. The slice is the caller's; the
// cases are shared and must not be modified.
func (l *Library) Cases() []*Case {
	cs := make([]*Case, len(l.entries))
	for i, e := range l.entries {
		cs[i] = e.Case
	}
	return cs
}

// IDs returns the case ids in library order.
func (l *Library) IDs() []string {
	ids := make([]string, len(l.entries))
	for i, e := range l.entries {
		ids[i] = e.ID
	}
	return ids
}

// File returns the name of the file a case came from, for logs.
func (l *Library) File(id string) string { return l.files[id] }
