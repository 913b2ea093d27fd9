package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"docket/internal/answers"
	"docket/internal/asset"
	"docket/internal/casefile"
	"docket/internal/store"
)

// caseSource is what readers are shown: the cases from files (built in and
// -cases DIR), fixed at start, and the database's published cases, which
// change while the server runs. It holds one immutable snapshot and swaps
// it whole when the database's change token moves. A request takes the
// snapshot once and reads only it, so it never sees half of a publish, nor
// the page of one version with the data of another.
//
// caseSource is a casefile.Published (of the current snapshot) for code
// that reads one thing once; handlers that read several take snapshot().
type caseSource struct {
	files    *casefile.Library
	filesDir string    // -cases DIR, to name where a file case came from
	db       *store.DB // nil: files only
	log      *slog.Logger

	cur     atomic.Pointer[caseSnapshot]
	refresh sync.Mutex // one reload at a time
	// swapped, when set, is told of every swap after it happens (the
	// server prunes its page cache there).
	swapped func(*caseSnapshot)
}

// caseSnapshot is the cases readers see at one moment: immutable once made.
type caseSnapshot struct {
	token     int64 // the database's change token it was read at
	entries   []casefile.Entry
	byID      map[string]int
	summaries []casefile.Summary
	// fromDB are the database's cases in it: id → published version number.
	fromDB map[string]int
	// gone are cases taken down in the database: readers get 410 Gone.
	gone map[string]bool
	// quizVersions are the cases' quiz versions (answers.Version), made
	// once, not at every answer.
	quizVersions map[string]string
	api          *apiData
	// csp is the pages' Content-Security-Policy (without frame-ancestors):
	// its img-src names the https hosts of these cases' images.
	csp string
}

func (s *caseSnapshot) DefaultID() string {
	if len(s.entries) == 0 {
		return ""
	}
	return s.entries[0].ID
}

func (s *caseSnapshot) Case(id string) (casefile.Entry, bool) {
	i, ok := s.byID[id]
	if !ok {
		return casefile.Entry{}, false
	}
	return s.entries[i], true
}

func (s *caseSnapshot) Summaries() []casefile.Summary { return slices.Clone(s.summaries) }

// Gone reports whether a case was taken down (and not published again).
func (s *caseSnapshot) Gone(id string) bool { return s.gone[id] }

func (cs *caseSource) snapshot() *caseSnapshot               { return cs.cur.Load() }
func (cs *caseSource) DefaultID() string                     { return cs.snapshot().DefaultID() }
func (cs *caseSource) Case(id string) (casefile.Entry, bool) { return cs.snapshot().Case(id) }
func (cs *caseSource) Summaries() []casefile.Summary         { return cs.snapshot().Summaries() }

// newCaseSource reads the database's published cases beside the files and
// makes the first snapshot. A case id both in a file and in the database
// (published or not) stops the start, naming both places.
func newCaseSource(ctx context.Context, files *casefile.Library, filesDir string, db *store.DB, log *slog.Logger) (*caseSource, error) {
	cs := &caseSource{files: files, filesDir: filesDir, db: db, log: log}
	if db != nil {
		stored, err := db.Cases(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the cases in %s: %w", db, err)
		}
		var clashes []error
		for _, c := range stored {
			if where, ok := cs.FileOf(c.ID); ok {
				clashes = append(clashes, fmt.Errorf("case %q is both %s and in the database %s (%s): remove one of them", c.ID, where, db, c.State))
			}
		}
		if err := errors.Join(clashes...); err != nil {
			return nil, err
		}
	}
	snap, err := cs.load(ctx, nil, asset.Best)
	if err != nil {
		return nil, err
	}
	cs.cur.Store(snap)
	return cs, nil
}

// FileOf says where a case read from a file came from ("the built-in case
// file x.json", "the case file DIR/x.json of -cases"), if it is one.
func (cs *caseSource) FileOf(id string) (string, bool) {
	if _, ok := cs.files.Case(id); !ok {
		return "", false
	}
	name := cs.files.File(id)
	if cs.filesDir != "" && filepath.Dir(name) == filepath.Clean(cs.filesDir) {
		return "in the case file " + name + " (-cases)", true
	}
	return "in the built-in case file " + name, true
}

// load makes a snapshot: the files' cases, then the database's published
// ones, by id. What did not change since prev (a case at the same
// version) is taken from it rather than decoded and compressed again.
func (cs *caseSource) load(ctx context.Context, prev *caseSnapshot, level asset.Level) (*caseSnapshot, error) {
	snap := &caseSnapshot{byID: map[string]int{}, fromDB: map[string]int{}, gone: map[string]bool{}, quizVersions: map[string]string{}}
	for _, id := range cs.files.IDs() {
		e, _ := cs.files.Case(id)
		snap.add(e)
	}
	if cs.db != nil {
		p, err := cs.db.Published(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the published cases in %s: %w", cs.db, err)
		}
		snap.token = p.Token
		for _, id := range p.Unpublished {
			snap.gone[id] = true
		}
		for _, v := range p.Cases {
			if where, ok := cs.FileOf(v.CaseID); ok {
				cs.log.Error("a published case has the id of a case file; readers see the file", "case", v.CaseID, "file", where)
				continue
			}
			e, ok := prev.sameVersion(v.CaseID, v.Number)
			if !ok {
				if e, err = cs.entryOf(v); err != nil {
					cs.log.Error("a published version cannot be read; readers do not see the case", "case", v.CaseID, "version", v.Number, "err", err)
					continue
				}
			}
			snap.add(e)
			snap.fromDB[v.CaseID] = v.Number
		}
	}
	snap.csp = pageCSP(imageHosts(snap.entries))
	var prevAPI *apiData
	if prev != nil {
		prevAPI = prev.api
	}
	var err error
	if snap.api, err = newAPIData(snap, prevAPI, level); err != nil {
		return nil, err
	}
	return snap, nil
}

func (s *caseSnapshot) add(e casefile.Entry) {
	s.byID[e.ID] = len(s.entries)
	s.entries = append(s.entries, e)
	s.summaries = append(s.summaries, casefile.SummaryOf(e.Case))
	s.quizVersions[e.ID] = answers.Version(e.Case)
}

// sameVersion returns the entry of a database case if s holds it at that
// version.
func (s *caseSnapshot) sameVersion(id string, number int) (casefile.Entry, bool) {
	if s == nil || s.fromDB[id] != number {
		return casefile.Entry{}, false
	}
	return s.Case(id)
}

// entryOf decodes a published version. It was valid when it was published;
// a rule added since is logged, not enforced (taking a published case down
// is an editor's decision), but a version that cannot be decoded at all,
// or names another case, is not served.
func (cs *caseSource) entryOf(v store.Version) (casefile.Entry, error) {
	name := "version " + strconv.Itoa(v.Number) + " of case " + v.CaseID
	c, problems := casefile.Check(name, v.JSON)
	if c == nil {
		return casefile.Entry{}, problems
	}
	if c.ID != v.CaseID {
		return casefile.Entry{}, fmt.Errorf("%s has the id %q", name, c.ID)
	}
	if len(problems) > 0 {
		cs.log.Warn("a published version breaks a rule of this Docket; it is served as published", "case", v.CaseID, "version", v.Number, "problems", problems.Error())
	}
	b, err := json.Marshal(c)
	if err != nil {
		return casefile.Entry{}, err
	}
	sum := sha256.Sum256(b)
	return casefile.Entry{Case: c, JSON: b, Version: hex.EncodeToString(sum[:12])}, nil
}

// Refresh reads the database again and swaps in a new snapshot if what
// readers see has changed since the current one.
func (cs *caseSource) Refresh(ctx context.Context) error {
	if cs.db == nil {
		return nil
	}
	cs.refresh.Lock()
	defer cs.refresh.Unlock()
	prev := cs.snapshot()
	token, err := cs.db.ChangeToken(ctx)
	if err != nil {
		return err
	}
	if token == prev.token {
		return nil
	}
	snap, err := cs.load(ctx, prev, asset.Quick)
	if err != nil {
		return err
	}
	cs.cur.Store(snap)
	if cs.swapped != nil {
		cs.swapped(snap)
	}
	cs.log.Info("published cases changed", "token", snap.token, "cases", len(snap.entries), "unpublished", len(snap.gone))
	return nil
}

// watch refreshes whenever the database's change token moves (a publish,
// a rollback or an unpublish, here or on another server), checking every
// interval, until ctx ends.
func (cs *caseSource) watch(ctx context.Context, every time.Duration) {
	if cs.db == nil {
		return
	}
	for {
		_, err := cs.db.WaitForChange(ctx, cs.snapshot().token, every)
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			err = cs.Refresh(ctx)
		}
		if err != nil && ctx.Err() == nil {
			cs.log.Error("reading the published cases", "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(every):
			}
		}
	}
}
