package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Role is what an account may do: editors write and publish cases; admins
// also manage accounts.
type Role string

const (
	RoleEditor Role = "editor"
	RoleAdmin  Role = "admin"
)

// ParseRole reads a role's name.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleEditor, RoleAdmin:
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q: use %s or %s", s, RoleEditor, RoleAdmin)
}

// User is an editor's account. Its password hash never reaches a log: the
// String, GoString and LogValue methods leave it out.
type User struct {
	ID           int64
	Login        string // an email or a username
	Name         string // display name
	Role         Role
	PasswordHash string // argon2id, in the PHC string format
	Created      time.Time
	Disabled     bool
	DisabledAt   time.Time
}

func (u User) String() string {
	s := fmt.Sprintf("user %d %s (%s)", u.ID, u.Login, u.Role)
	if u.Disabled {
		s += " disabled"
	}
	return s
}

// GoString is String, so %#v does not print the hash either.
func (u User) GoString() string { return u.String() }

// LogValue is the account without its password hash.
func (u User) LogValue() slog.Value {
	return slog.GroupValue(slog.Int64("id", u.ID), slog.String("login", u.Login),
		slog.String("role", string(u.Role)), slog.Bool("disabled", u.Disabled))
}

// NewUser is an account to create.
type NewUser struct {
	Login, Name  string
	Role         Role
	PasswordHash string
}

func (u NewUser) String() string   { return fmt.Sprintf("new user %s (%s)", u.Login, u.Role) }
func (u NewUser) GoString() string { return u.String() }
func (u NewUser) LogValue() slog.Value {
	return slog.GroupValue(slog.String("login", u.Login), slog.String("role", string(u.Role)))
}

// UserChange is a change to an account; nil fields stay as they are.
type UserChange struct {
	Name     *string
	Role     *Role
	Disabled *bool
}

const userColumns = `id, login, name, role, password_hash, created_at, disabled_at`

func scanUser(row rowScanner) (User, error) {
	var u User
	var disabled sql.NullTime
	err := row.Scan(&u.ID, &u.Login, &u.Name, &u.Role, &u.PasswordHash, &u.Created, &disabled)
	u.Created = u.Created.UTC()
	if disabled.Valid {
		u.Disabled, u.DisabledAt = true, disabled.Time.UTC()
	}
	return u, err
}

func getUser(ctx context.Context, q querier, where string, arg any) (User, error) {
	// where is one of two constant conditions, never input.
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, notFound("account %v", arg)
	}
	return u, err
}

// User returns an account by id.
func (db *DB) User(ctx context.Context, id int64) (User, error) {
	return getUser(ctx, db.read, "id = $1", id)
}

// UserByLogin returns an account by login, as auth.Login normalizes it.
func (db *DB) UserByLogin(ctx context.Context, login string) (User, error) {
	return getUser(ctx, db.read, "login = $1", login)
}

// Users lists every account, by login.
func (db *DB) Users(ctx context.Context) ([]User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY login`)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(r *sql.Rows) (User, error) { return scanUser(r) })
}

// CountUsers counts the accounts: with none, the server offers to create
// the first admin.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

// CreateUser creates an account; ErrExists if the login is taken.
func (db *DB) CreateUser(ctx context.Context, nu NewUser, by int64) (User, error) {
	if err := checkNewUser(nu); err != nil {
		return User{}, err
	}
	var u User
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		who, err := actor(ctx, tx, by)
		if err != nil {
			return err
		}
		u, err = db.createUser(ctx, tx, nu, who)
		return err
	})
	return u, err
}

// CreateFirstAdmin creates an admin account if, and only if, there is no
// account yet; otherwise it returns ErrHasAccounts and changes nothing. It
// is what the one-time setup link does: two links used at once (two servers
// started on one empty database) cannot both make an admin.
func (db *DB) CreateFirstAdmin(ctx context.Context, nu NewUser) (User, error) {
	nu.Role = RoleAdmin
	if err := checkNewUser(nu); err != nil {
		return User{}, err
	}
	var u User
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		// SQLite's write transactions already hold the database's write lock
		// (BEGIN IMMEDIATE); PostgreSQL's must lock the table against other
		// writers before counting, or two could both count none.
		if db.dialect.name == "postgres" {
			if _, err := tx.ExecContext(ctx, `LOCK TABLE users IN EXCLUSIVE MODE`); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrHasAccounts
		}
		var err error
		u, err = db.createUser(ctx, tx, nu, Actor{})
		return err
	})
	return u, err
}

func checkNewUser(nu NewUser) error {
	if nu.Login == "" || nu.PasswordHash == "" {
		return errors.New("an account needs a login and a password hash")
	}
	_, err := ParseRole(string(nu.Role))
	return err
}

func (db *DB) createUser(ctx context.Context, tx *sql.Tx, nu NewUser, who Actor) (User, error) {
	now := db.nowUTC()
	var id int64
	err := tx.QueryRowContext(ctx,
		`INSERT INTO users (login, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT DO NOTHING RETURNING id`,
		nu.Login, nu.Name, string(nu.Role), nu.PasswordHash, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, fmt.Errorf("account %s: %w", nu.Login, ErrExists)
	} else if err != nil {
		return User{}, err
	}
	u, err := getUser(ctx, tx, "id = $1", id)
	if err != nil {
		return User{}, err
	}
	return u, db.audit(ctx, tx, AuditEntry{At: now, Actor: who, Action: ActionUserAdd, Subject: nu.Login, Note: string(nu.Role)})
}

// SetPassword replaces an account's password hash and ends its sessions.
func (db *DB) SetPassword(ctx context.Context, id int64, hash string, by int64) error {
	if hash == "" {
		return errors.New("no password hash")
	}
	return db.Transact(ctx, func(tx *sql.Tx) error {
		who, u, err := actOnUser(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, id, hash); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, AuditEntry{At: db.nowUTC(), Actor: who, Action: ActionUserPassword, Subject: u.Login})
	})
}

// RehashPassword replaces an account's password hash with a stronger one of
// the same password, at login; unlike SetPassword, sessions go on and
// nothing is logged.
func (db *DB) RehashPassword(ctx context.Context, id int64, oldHash, newHash string) error {
	_, err := db.write.ExecContext(ctx, `UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2`, id, oldHash, newHash)
	return err
}

// ChangeUser changes an account's name, role or disabled state. Disabling
// ends its sessions. It refuses to demote or disable the last enabled admin
// (ErrLastAdmin).
func (db *DB) ChangeUser(ctx context.Context, id int64, c UserChange, by int64) (User, error) {
	if c.Role != nil {
		if _, err := ParseRole(string(*c.Role)); err != nil {
			return User{}, err
		}
	}
	var u User
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		who, before, err := actOnUser(ctx, tx, by, id)
		if err != nil {
			return err
		}
		after := before
		now := db.nowUTC()
		if c.Name != nil {
			after.Name = *c.Name
		}
		if c.Role != nil {
			after.Role = *c.Role
		}
		if c.Disabled != nil && *c.Disabled != before.Disabled {
			after.Disabled, after.DisabledAt = *c.Disabled, now
		}
		if isActiveAdmin(before) && !isActiveAdmin(after) {
			if err := keepAnAdmin(ctx, tx, id); err != nil {
				return err
			}
		}
		var disabledAt any
		if after.Disabled {
			disabledAt = after.DisabledAt
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET name = $2, role = $3, disabled_at = $4 WHERE id = $1`,
			id, after.Name, string(after.Role), disabledAt); err != nil {
			return err
		}
		if after.Disabled {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
				return err
			}
		}
		if u, err = getUser(ctx, tx, "id = $1", id); err != nil {
			return err
		}
		note := fmt.Sprintf("role %s", u.Role)
		if u.Disabled {
			note += ", disabled"
		}
		return db.audit(ctx, tx, AuditEntry{At: now, Actor: who, Action: ActionUserChange, Subject: u.Login, Note: note})
	})
	return u, err
}

// RemoveUser removes an account and its sessions; what it published keeps
// its login. It refuses to remove the last enabled admin (ErrLastAdmin).
func (db *DB) RemoveUser(ctx context.Context, id int64, by int64) error {
	return db.Transact(ctx, func(tx *sql.Tx) error {
		who, u, err := actOnUser(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if isActiveAdmin(u) {
			if err := keepAnAdmin(ctx, tx, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, id); err != nil {
			return err
		}
		if who.UserID == id {
			who.UserID = CommandLine // the row is gone; the login stays in the entry
		}
		return db.audit(ctx, tx, AuditEntry{At: db.nowUTC(), Actor: who, Action: ActionUserRemove, Subject: u.Login})
	})
}

// actOnUser is who acts (account by, as actor finds it) and the account
// id they act on, read in tx.
func actOnUser(ctx context.Context, tx *sql.Tx, by, id int64) (Actor, User, error) {
	who, err := actor(ctx, tx, by)
	if err != nil {
		return Actor{}, User{}, err
	}
	u, err := getUser(ctx, tx, "id = $1", id)
	return who, u, err
}

func isActiveAdmin(u User) bool { return u.Role == RoleAdmin && !u.Disabled }

// keepAnAdmin returns ErrLastAdmin unless an enabled admin other than id
// exists. It first locks every enabled admin's row (a no-op update), so two
// transactions demoting two admins at once on PostgreSQL cannot both see
// the other as the one that remains.
func keepAnAdmin(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE users SET role = role WHERE role = 'admin' AND disabled_at IS NULL`); err != nil {
		return err
	}
	var others int
	if err := tx.QueryRowContext(ctx,
		`SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1`, id).Scan(&others); err != nil {
		return err
	}
	if others == 0 {
		return ErrLastAdmin
	}
	return nil
}

// Session is a logged-in editor's session. It is found by the sha256 of
// its token; neither is ever logged (String and LogValue leave them out).
type Session struct {
	TokenHash []byte
	User      User
	Created   time.Time
	Expires   time.Time
	LastSeen  time.Time
}

func (s Session) String() string {
	return fmt.Sprintf("session of %s until %s", s.User.Login, s.Expires.Format(time.RFC3339))
}
func (s Session) GoString() string { return s.String() }
func (s Session) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", s.User.Login), slog.Time("expires", s.Expires))
}

// NewSession is a session to start.
type NewSession struct {
	TokenHash []byte // sha256 of the token, 32 bytes
	UserID    int64
	Expires   time.Time
	// Replaces, when set, is the hash of the session the browser had
	// before logging in: it ends in the same transaction (rotation).
	Replaces []byte
}

func (s NewSession) String() string   { return fmt.Sprintf("new session of user %d", s.UserID) }
func (s NewSession) GoString() string { return s.String() }

// CreateSession stores a session for an enabled account.
func (db *DB) CreateSession(ctx context.Context, ns NewSession) (Session, error) {
	if len(ns.TokenHash) != 32 {
		return Session{}, errors.New("a session is stored by the sha256 of its token (32 bytes)")
	}
	var s Session
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		u, err := getUser(ctx, tx, "id = $1", ns.UserID)
		if err != nil {
			return err
		}
		if u.Disabled {
			return fmt.Errorf("account %s is disabled: %w", u.Login, ErrDisabled)
		}
		if len(ns.Replaces) > 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, ns.Replaces); err != nil {
				return err
			}
		}
		now := db.nowUTC()
		s = Session{TokenHash: ns.TokenHash, User: u, Created: now, Expires: timestamp(ns.Expires), LastSeen: now}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)`,
			ns.TokenHash, ns.UserID, s.Created, s.Expires, s.LastSeen)
		return err
	})
	return s, err
}

// touchEvery is how stale a session's last-seen time may get: a lookup
// writes it only when it is older, so reading pages costs no write each.
const touchEvery = time.Minute

// Session finds the session whose token has this sha256: ErrNotFound when
// there is none, it has expired, or its account is disabled.
func (db *DB) Session(ctx context.Context, tokenHash []byte) (Session, error) {
	var s Session
	var disabled sql.NullTime
	u := &s.User
	err := db.read.QueryRowContext(ctx,
		`SELECT s.created_at, s.expires_at, s.last_seen_at,
		        u.id, u.login, u.name, u.role, u.created_at, u.disabled_at
		 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, tokenHash).
		Scan(&s.Created, &s.Expires, &s.LastSeen, &u.ID, &u.Login, &u.Name, &u.Role, &u.Created, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, notFound("session")
	} else if err != nil {
		return Session{}, err
	}
	s.TokenHash = tokenHash
	s.Created, s.Expires, s.LastSeen, u.Created = s.Created.UTC(), s.Expires.UTC(), s.LastSeen.UTC(), u.Created.UTC()
	now := db.nowUTC()
	if disabled.Valid || !now.Before(s.Expires) {
		return Session{}, notFound("session")
	}
	if now.Sub(s.LastSeen) >= touchEvery {
		if _, err := db.write.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1`, tokenHash, now); err != nil {
			return Session{}, err
		}
		s.LastSeen = now
	}
	return s, nil
}

// RevokeSession ends a session (logging out). Ending one that does not
// exist is not an error.
func (db *DB) RevokeSession(ctx context.Context, tokenHash []byte) error {
	_, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}

// RevokeSessions ends every session of an account and says how many.
func (db *DB) RevokeSessions(ctx context.Context, userID int64) (int64, error) {
	res, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// DeleteExpiredSessions removes sessions past their expiry, for a periodic
// clean-up, and says how many.
func (db *DB) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, db.nowUTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
