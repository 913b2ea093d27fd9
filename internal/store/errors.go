package store

import (
	"errors"
	"fmt"
	"time"
)

var (
	// ErrNotFound: no such case, version, account or session.
	ErrNotFound = errors.New("not found")
	// ErrExists: a case or an account with that id or login exists already.
	ErrExists = errors.New("exists already")
	// ErrConflict: the draft changed since the revision a save or a
	// publish was based on. The error is a *ConflictError.
	ErrConflict = errors.New("the draft changed since it was read")
	// ErrUnpublished: the case was published, then taken down (410 Gone).
	ErrUnpublished = errors.New("unpublished")
	// ErrDisabled: the account is disabled and cannot act.
	ErrDisabled = errors.New("account disabled")
	// ErrLastAdmin: the change would leave no admin who can log in.
	ErrLastAdmin = errors.New("no enabled admin would be left")
	// ErrHasAccounts: the first admin can be created only while there is
	// no account at all.
	ErrHasAccounts = errors.New("an account exists already")
)

// ConflictError is a save or publish refused because the draft is no longer
// at the revision it was based on. It carries the draft as it is now, so the
// editor can see what changed; nothing was overwritten.
type ConflictError struct {
	Base    int64 // the revision the refused write was based on
	Current Draft // the draft now
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("draft of %s: based on revision %d, but it is at revision %d (saved by %s at %s)",
		e.Current.CaseID, e.Base, e.Current.Revision, e.Current.SavedBy.Login, e.Current.SavedAt.Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// notFound says what was not found, and is ErrNotFound.
func notFound(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), ErrNotFound)
}
