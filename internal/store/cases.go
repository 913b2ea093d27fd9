package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// CommandLine is the actor id of what no account does: `docket user` and
// the server itself. Every other actor id is an account's.
const CommandLine int64 = 0

// Actor is who did something: an account, and its login at the time (kept
// when the account is removed, when UserID becomes 0).
type Actor struct {
	UserID int64
	Login  string // "" for the command line
}

// State is where a case stands, as the Studio lists it.
type State string

const (
	StateDraft       State = "draft"       // never published
	StatePublished   State = "published"   // readers see the draft as it is
	StateChanged     State = "changed"     // published, and the draft changed since
	StateUnpublished State = "unpublished" // taken down: readers get 410 Gone
)

func stateOf(latestVersion int, unpublished bool, revision, publishedRevision int64) State {
	switch {
	case latestVersion == 0:
		return StateDraft
	case unpublished:
		return StateUnpublished
	case revision != publishedRevision:
		return StateChanged
	}
	return StatePublished
}

// Draft is a case's working copy: saved as often as the editor likes,
// valid or not, and published when it validates.
type Draft struct {
	CaseID string
	JSON   []byte
	Title  string // the JSON's "title", if it has one
	// Revision goes up by one at every save. A save names the revision it
	// was based on, and is refused if the draft has moved on.
	Revision int64
	// PublishedRevision is the revision last published (0: none).
	PublishedRevision int64
	// LatestVersion is the number of the case's newest version (0: none).
	LatestVersion int
	State         State
	SavedBy       Actor
	SavedAt       time.Time
}

// Version is a published version of a case: numbered from 1, never changed.
type Version struct {
	CaseID       string
	Number       int
	JSON         []byte // nil in the lists of Versions
	PublishedBy  Actor
	PublishedAt  time.Time
	Note         string
	RestoredFrom int // for a rollback, the version whose JSON this is; else 0
}

// CaseInfo is a case as the Studio lists it.
type CaseInfo struct {
	ID            string
	Title         string
	State         State
	Created       time.Time
	Revision      int64 // the draft's
	SavedBy       Actor
	SavedAt       time.Time
	LatestVersion int   // 0: never published
	PublishedBy   Actor // of the latest version
	PublishedAt   time.Time
}

// Published is what readers see: the latest version of every published
// case, and the change token read in the same snapshot.
type Published struct {
	Token       int64
	Cases       []Version // by case id
	Unpublished []string  // ids of cases taken down (410 Gone), sorted
}

// PublishRequest publishes a case's draft.
type PublishRequest struct {
	CaseID string
	// Revision is the draft revision the editor reviewed: if the draft has
	// moved on, Publish returns a *ConflictError and publishes nothing.
	Revision int64
	By       int64 // the account publishing
	Note     string
	// Validate, when set, checks the JSON inside the transaction; its error
	// is returned as it is and nothing is published. Leave it nil only when
	// the caller validated the same revision.
	Validate func(json []byte) error
}

// RollBackRequest publishes an old version's JSON again, as a new version.
type RollBackRequest struct {
	CaseID   string
	To       int // the version to restore
	By       int64
	Note     string
	Validate func(json []byte) error // as for PublishRequest
}

// Audit actions.
const (
	ActionCreate       = "create"
	ActionPublish      = "publish"
	ActionRollBack     = "rollback"
	ActionUnpublish    = "unpublish"
	ActionUserAdd      = "user.add"
	ActionUserChange   = "user.change"
	ActionUserPassword = "user.password"
	ActionUserRemove   = "user.remove"
)

// checkJSON refuses what the databases cannot store alike as text: bytes
// that are not UTF-8, and NUL (PostgreSQL's text cannot hold it).
func checkJSON(caseID string, data []byte) error {
	if !utf8.Valid(data) {
		return fmt.Errorf("case %s: the JSON is not UTF-8 text", caseID)
	}
	for i, b := range data {
		if b == 0 {
			return fmt.Errorf("case %s: the JSON has a NUL byte at offset %d", caseID, i)
		}
	}
	return nil
}

// titleOf reads the case's "title" from its JSON, for lists; "" when the
// JSON does not parse (a draft may be anything).
func titleOf(data []byte) string {
	var c struct {
		Title string `json:"title"`
	}
	if json.Unmarshal(data, &c) != nil {
		return ""
	}
	if r := []rune(c.Title); len(r) > 300 {
		return string(r[:300])
	}
	return c.Title
}

// actor reads who an account is, for the records a write leaves; a
// disabled or removed account cannot act.
func actor(ctx context.Context, tx *sql.Tx, id int64) (Actor, error) {
	if id == CommandLine {
		return Actor{}, nil
	}
	var login string
	var disabled sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT login, disabled_at FROM users WHERE id = $1`, id).Scan(&login, &disabled)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Actor{}, notFound("account %d", id)
	case err != nil:
		return Actor{}, err
	case disabled.Valid:
		return Actor{}, fmt.Errorf("account %s is disabled: %w", login, ErrDisabled)
	}
	return Actor{UserID: id, Login: login}, nil
}

func nullID(id int64) any {
	if id == CommandLine {
		return nil
	}
	return id
}

// CreateCase stores a new case with its first draft (revision 1).
func (db *DB) CreateCase(ctx context.Context, id string, data []byte, by int64) (Draft, error) {
	if id == "" {
		return Draft{}, errors.New("a case needs an id")
	}
	if err := checkJSON(id, data); err != nil {
		return Draft{}, err
	}
	now := db.nowUTC()
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		who, err := actor(ctx, tx, by)
		if err != nil {
			return err
		}
		var created string
		err = tx.QueryRowContext(ctx,
			`INSERT INTO cases (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`,
			id, now).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("case %s: %w", id, ErrExists)
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO drafts (case_id, json, title, revision, saved_by, saved_by_login, saved_at)
			 VALUES ($1, $2, $3, 1, $4, $5, $6)`,
			id, string(data), titleOf(data), nullID(by), who.Login, now); err != nil {
			return err
		}
		return db.audit(ctx, tx, AuditEntry{At: now, Actor: who, Action: ActionCreate, CaseID: id})
	})
	if err != nil {
		return Draft{}, err
	}
	return db.Draft(ctx, id)
}

const draftColumns = `d.case_id, d.json, d.title, d.revision, d.published_revision, c.latest_version,
	c.unpublished_at, d.saved_by, d.saved_by_login, d.saved_at`

type rowScanner interface{ Scan(dest ...any) error }

func scanDraft(row rowScanner) (Draft, error) {
	var d Draft
	var unpublished sql.NullTime
	var savedBy sql.NullInt64
	err := row.Scan(&d.CaseID, &d.JSON, &d.Title, &d.Revision, &d.PublishedRevision, &d.LatestVersion,
		&unpublished, &savedBy, &d.SavedBy.Login, &d.SavedAt)
	d.SavedBy.UserID = savedBy.Int64
	d.SavedAt = d.SavedAt.UTC()
	d.State = stateOf(d.LatestVersion, unpublished.Valid, d.Revision, d.PublishedRevision)
	return d, err
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func getDraft(ctx context.Context, q querier, id string) (Draft, error) {
	d, err := scanDraft(q.QueryRowContext(ctx,
		`SELECT `+draftColumns+` FROM drafts d JOIN cases c ON c.id = d.case_id WHERE d.case_id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, notFound("case %s", id)
	}
	return d, err
}

// Draft returns a case's draft.
func (db *DB) Draft(ctx context.Context, id string) (Draft, error) {
	return getDraft(ctx, db.read, id)
}

// SaveDraft replaces a case's draft, if it is still at revision base; else
// it returns a *ConflictError with the draft as it is, and changes nothing.
func (db *DB) SaveDraft(ctx context.Context, id string, base int64, data []byte, by int64) (Draft, error) {
	if err := checkJSON(id, data); err != nil {
		return Draft{}, err
	}
	title := titleOf(data)
	var saved Draft
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		who, err := actor(ctx, tx, by)
		if err != nil {
			return err
		}
		now := db.nowUTC()
		// One statement compares and writes: on PostgreSQL, a concurrent
		// save waits for this row and then finds the revision changed.
		res, err := tx.ExecContext(ctx,
			`UPDATE drafts SET json = $3, title = $4, revision = revision + 1,
			 saved_by = $5, saved_by_login = $6, saved_at = $7
			 WHERE case_id = $1 AND revision = $2`,
			id, base, string(data), title, nullID(by), who.Login, now)
		if err != nil {
			return err
		}
		current, err := getDraft(ctx, tx, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return &ConflictError{Base: base, Current: current}
		}
		saved = current
		return nil
	})
	return saved, err
}

// Publish publishes a case's draft as its next version, numbered one more
// than the last: two publishes of one case never get the same number, as
// the case's row is locked (PostgreSQL) or the database is (SQLite) from the
// first statement to the commit.
func (db *DB) Publish(ctx context.Context, r PublishRequest) (Version, error) {
	var v Version
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		who, err := actor(ctx, tx, r.By)
		if err != nil {
			return err
		}
		number, err := nextVersion(ctx, tx, r.CaseID)
		if err != nil {
			return err
		}
		d, err := getDraft(ctx, tx, r.CaseID)
		if err != nil {
			return err
		}
		if d.Revision != r.Revision {
			return &ConflictError{Base: r.Revision, Current: d}
		}
		v = Version{CaseID: r.CaseID, Number: number, JSON: d.JSON, PublishedBy: who, PublishedAt: db.nowUTC(), Note: r.Note}
		if err := db.insertVersion(ctx, tx, v, r.Validate); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE drafts SET published_revision = revision WHERE case_id = $1`, r.CaseID); err != nil {
			return err
		}
		return db.audit(ctx, tx, AuditEntry{At: v.PublishedAt, Actor: who, Action: ActionPublish, CaseID: r.CaseID, Version: number, Note: r.Note})
	})
	var conflict *ConflictError
	if errors.As(err, &conflict) {
		// The draft was read after the version number was taken, in the
		// transaction now rolled back: read it as it stands.
		if d, derr := db.Draft(ctx, r.CaseID); derr == nil {
			conflict.Current = d
		}
	}
	return v, err
}

// RollBack publishes version To's JSON again, as a new version. The draft
// follows when it had no unpublished changes (it becomes the restored JSON,
// as a new revision); otherwise it keeps them, and its state is "changed".
func (db *DB) RollBack(ctx context.Context, r RollBackRequest) (Version, error) {
	var v Version
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		who, err := actor(ctx, tx, r.By)
		if err != nil {
			return err
		}
		number, err := nextVersion(ctx, tx, r.CaseID)
		if err != nil {
			return err
		}
		old, err := getVersion(ctx, tx, r.CaseID, r.To)
		if err != nil {
			return err
		}
		v = Version{CaseID: r.CaseID, Number: number, JSON: old.JSON, PublishedBy: who,
			PublishedAt: db.nowUTC(), Note: r.Note, RestoredFrom: r.To}
		if err := db.insertVersion(ctx, tx, v, r.Validate); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE drafts SET json = $2, title = $3, revision = revision + 1, published_revision = revision + 1,
			 saved_by = $4, saved_by_login = $5, saved_at = $6
			 WHERE case_id = $1 AND revision = published_revision`,
			r.CaseID, string(old.JSON), titleOf(old.JSON), nullID(r.By), who.Login, v.PublishedAt); err != nil {
			return err
		}
		return db.audit(ctx, tx, AuditEntry{At: v.PublishedAt, Actor: who, Action: ActionRollBack,
			CaseID: r.CaseID, Version: number, Note: fmt.Sprintf("restored version %d: %s", r.To, r.Note)})
	})
	return v, err
}

// nextVersion takes the case's next version number, and clears its
// unpublished state. Being an UPDATE, it locks the case's row until the
// transaction ends (PostgreSQL), so concurrent publishes of a case queue
// here.
func nextVersion(ctx context.Context, tx *sql.Tx, id string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx,
		`UPDATE cases SET latest_version = latest_version + 1, unpublished_at = NULL WHERE id = $1 RETURNING latest_version`,
		id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("case %s", id)
	}
	return n, err
}

// insertVersion checks a version's JSON with validate, when set, returning
// its error as it is; then writes the version and moves the change token on.
func (db *DB) insertVersion(ctx context.Context, tx *sql.Tx, v Version, validate func(json []byte) error) error {
	if validate != nil {
		if err := validate(v.JSON); err != nil {
			return err
		}
	}
	var restored any
	if v.RestoredFrom != 0 {
		restored = v.RestoredFrom
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO versions (case_id, number, json, published_by, published_by_login, published_at, note, restored_from)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		v.CaseID, v.Number, string(v.JSON), nullID(v.PublishedBy.UserID), v.PublishedBy.Login, v.PublishedAt, v.Note, restored); err != nil {
		return err
	}
	return bumpToken(ctx, tx)
}

func bumpToken(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE publish_state SET change_token = change_token + 1 WHERE id = 1`)
	return err
}

// Unpublish takes a published case down: readers get 410 Gone until it is
// published again. Unpublishing a case that is not published changes nothing.
func (db *DB) Unpublish(ctx context.Context, id string, by int64, note string) error {
	return db.Transact(ctx, func(tx *sql.Tx) error {
		who, err := actor(ctx, tx, by)
		if err != nil {
			return err
		}
		now := db.nowUTC()
		res, err := tx.ExecContext(ctx,
			`UPDATE cases SET unpublished_at = $2 WHERE id = $1 AND latest_version > 0 AND unpublished_at IS NULL`, id, now)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			var exists int
			if err := tx.QueryRowContext(ctx, `SELECT 1 FROM cases WHERE id = $1`, id).Scan(&exists); errors.Is(err, sql.ErrNoRows) {
				return notFound("case %s", id)
			}
			return err
		}
		if err := bumpToken(ctx, tx); err != nil {
			return err
		}
		return db.audit(ctx, tx, AuditEntry{At: now, Actor: who, Action: ActionUnpublish, CaseID: id, Note: note})
	})
}

const versionColumns = `case_id, number, json, published_by, published_by_login, published_at, note, restored_from`

func scanVersion(row rowScanner, withJSON bool) (Version, error) {
	var v Version
	var by sql.NullInt64
	var restored sql.NullInt64
	var data any = &v.JSON
	if !withJSON {
		data = new(any)
	}
	err := row.Scan(&v.CaseID, &v.Number, data, &by, &v.PublishedBy.Login, &v.PublishedAt, &v.Note, &restored)
	v.PublishedBy.UserID = by.Int64
	v.PublishedAt = v.PublishedAt.UTC()
	v.RestoredFrom = int(restored.Int64)
	return v, err
}

func getVersion(ctx context.Context, q querier, id string, number int) (Version, error) {
	v, err := scanVersion(q.QueryRowContext(ctx,
		`SELECT `+versionColumns+` FROM versions WHERE case_id = $1 AND number = $2`, id, number), true)
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, notFound("version %d of case %s", number, id)
	}
	return v, err
}

// Version returns one version of a case, with its JSON.
func (db *DB) Version(ctx context.Context, id string, number int) (Version, error) {
	return getVersion(ctx, db.read, id, number)
}

// Versions lists a case's versions, newest first, without their JSON.
func (db *DB) Versions(ctx context.Context, id string) ([]Version, error) {
	var list []Version
	err := db.snapshot(ctx, func(tx *sql.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM cases WHERE id = $1`, id).Scan(&exists); errors.Is(err, sql.ErrNoRows) {
			return notFound("case %s", id)
		} else if err != nil {
			return err
		}
		// The JSON column is read as a constant: lists carry no case data.
		rows, err := tx.QueryContext(ctx,
			`SELECT case_id, number, NULL, published_by, published_by_login, published_at, note, restored_from
			 FROM versions WHERE case_id = $1 ORDER BY number DESC`, id)
		if err != nil {
			return err
		}
		list, err = collect(rows, func(r *sql.Rows) (Version, error) { return scanVersion(r, false) })
		return err
	})
	return list, err
}

// Published returns the latest version of every published case, what
// readers see, with the change token of the same moment.
func (db *DB) Published(ctx context.Context) (Published, error) {
	var p Published
	err := db.snapshot(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT change_token FROM publish_state WHERE id = 1`).Scan(&p.Token); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx,
			`SELECT v.case_id, v.number, v.json, v.published_by, v.published_by_login, v.published_at, v.note, v.restored_from
			 FROM cases c JOIN versions v ON v.case_id = c.id AND v.number = c.latest_version
			 WHERE c.unpublished_at IS NULL ORDER BY c.id`)
		if err != nil {
			return err
		}
		if p.Cases, err = collect(rows, func(r *sql.Rows) (Version, error) { return scanVersion(r, true) }); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT id FROM cases WHERE unpublished_at IS NOT NULL ORDER BY id`)
		if err != nil {
			return err
		}
		p.Unpublished, err = collect(rows, func(r *sql.Rows) (id string, err error) { return id, r.Scan(&id) })
		return err
	})
	return p, err
}

// PublishedCase returns the version readers see of one case: ErrNotFound
// if it has none, ErrUnpublished if it was taken down.
func (db *DB) PublishedCase(ctx context.Context, id string) (Version, error) {
	var v Version
	err := db.snapshot(ctx, func(tx *sql.Tx) error {
		var latest int
		var unpublished sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT latest_version, unpublished_at FROM cases WHERE id = $1`, id).Scan(&latest, &unpublished)
		switch {
		case errors.Is(err, sql.ErrNoRows) || err == nil && latest == 0:
			return notFound("published case %s", id)
		case err != nil:
			return err
		case unpublished.Valid:
			return fmt.Errorf("case %s: %w", id, ErrUnpublished)
		}
		v, err = getVersion(ctx, tx, id, latest)
		return err
	})
	return v, err
}

// ChangeToken is a number that changes with every publish, rollback and
// unpublish, and only then: a cheap way for a server to notice that another
// server changed what readers see.
func (db *DB) ChangeToken(ctx context.Context) (int64, error) {
	var t int64
	err := db.read.QueryRowContext(ctx, `SELECT change_token FROM publish_state WHERE id = 1`).Scan(&t)
	return t, err
}

// WaitForChange polls the change token every interval until it differs from
// since, and returns it; or returns ctx's error when ctx ends.
func (db *DB) WaitForChange(ctx context.Context, since int64, every time.Duration) (int64, error) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		t, err := db.ChangeToken(ctx)
		if err != nil && ctx.Err() == nil {
			return since, err
		}
		if err == nil && t != since {
			return t, nil
		}
		select {
		case <-ctx.Done():
			return since, ctx.Err()
		case <-tick.C:
		}
	}
}

// Cases lists every case stored here, by id, with its state.
func (db *DB) Cases(ctx context.Context) ([]CaseInfo, error) {
	rows, err := db.read.QueryContext(ctx,
		`SELECT c.id, d.title, c.created_at, c.latest_version, c.unpublished_at,
		        d.revision, d.published_revision, d.saved_by, d.saved_by_login, d.saved_at,
		        v.published_by, v.published_by_login, v.published_at
		 FROM cases c JOIN drafts d ON d.case_id = c.id
		 LEFT JOIN versions v ON v.case_id = c.id AND v.number = c.latest_version
		 ORDER BY c.id`)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(r *sql.Rows) (CaseInfo, error) {
		var c CaseInfo
		var unpublished, publishedAt sql.NullTime
		var publishedRevision int64
		var savedBy, publishedBy sql.NullInt64
		var publishedLogin sql.NullString
		err := r.Scan(&c.ID, &c.Title, &c.Created, &c.LatestVersion, &unpublished,
			&c.Revision, &publishedRevision, &savedBy, &c.SavedBy.Login, &c.SavedAt,
			&publishedBy, &publishedLogin, &publishedAt)
		c.Created, c.SavedAt = c.Created.UTC(), c.SavedAt.UTC()
		c.SavedBy.UserID = savedBy.Int64
		c.PublishedBy = Actor{UserID: publishedBy.Int64, Login: publishedLogin.String}
		if publishedAt.Valid {
			c.PublishedAt = publishedAt.Time.UTC()
		}
		c.State = stateOf(c.LatestVersion, unpublished.Valid, c.Revision, publishedRevision)
		return c, err
	})
}

// collect scans every row with scan, and closes rows.
func collect[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var list []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, rows.Err()
}
