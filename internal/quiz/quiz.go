// Package quiz is everything about a case's quiz that is not UI: checking an
// answer, the reader's progress through the questions, saving that progress in
// the browser and sharing a score. It is plain Go on the standard library
// because it is compiled into the browser program.
package quiz

import "errors"

// Errors returned when picks or questions cannot be checked or recorded.
// Test for them with errors.Is.
var (
	ErrNoPick      = errors.New("quiz: no choice picked")
	ErrOutOfRange  = errors.New("quiz: pick is not one of the choices")
	ErrDuplicate   = errors.New("quiz: choice picked more than once")
	ErrTooMany     = errors.New("quiz: more than one choice picked for a one-answer question")
	ErrBadQuestion = errors.New("quiz: question cannot be checked")
	ErrUnknown     = errors.New("quiz: no such question")
	ErrLocked      = errors.New("quiz: question already answered")
)
