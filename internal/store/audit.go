package store

import (
	"context"
	"database/sql"
	"time"
)

// AuditEntry is one line of the audit log: who published, rolled back or
// unpublished what, or changed which account, and when.
type AuditEntry struct {
	ID      int64
	At      time.Time
	Actor   Actor
	Action  string // one of the Action constants
	CaseID  string // for case actions
	Version int    // the version a publish or rollback made
	Subject string // the login of the account acted on, for account actions
	Note    string
}

// AuditFilter chooses entries of the audit log.
type AuditFilter struct {
	CaseID string // only this case's; "" for all
	Before int64  // only entries older than this id (the next page); 0 for the newest
	Limit  int    // at most this many; 0 for 100
}

func (db *DB) audit(ctx context.Context, tx *sql.Tx, e AuditEntry) error {
	var caseID, version any
	if e.CaseID != "" {
		caseID = e.CaseID
	}
	if e.Version != 0 {
		version = e.Version
	}
	_, err := tx.ExecContext(ctx,
		`INSERT INTO audit_log (at, actor_id, actor, action, case_id, version, subject, note)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		e.At, nullID(e.Actor.UserID), e.Actor.Login, e.Action, caseID, version, e.Subject, e.Note)
	return err
}

// Audit returns entries of the audit log, newest first.
func (db *DB) Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	before := f.Before
	if before <= 0 {
		before = 1 << 62
	}
	rows, err := db.read.QueryContext(ctx,
		`SELECT id, at, actor_id, actor, action, case_id, version, subject, note FROM audit_log
		 WHERE id < $1 AND ($2 = '' OR case_id = $2)
		 ORDER BY id DESC LIMIT $3`, before, f.CaseID, f.Limit)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(r *sql.Rows) (AuditEntry, error) {
		var e AuditEntry
		var actorID, version sql.NullInt64
		var caseID sql.NullString
		err := r.Scan(&e.ID, &e.At, &actorID, &e.Actor.Login, &e.Action, &caseID, &version, &e.Subject, &e.Note)
		e.At = e.At.UTC()
		e.Actor.UserID, e.CaseID, e.Version = actorID.Int64, caseID.String, int(version.Int64)
		return e, err
	})
}
