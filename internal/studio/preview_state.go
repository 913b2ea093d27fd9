package studio

import (
	"strconv"
	"time"

	"docket/internal/casefile"
)

// The live preview's state, as plain values: the width the editor chose,
// when the case goes to the preview's frame, and what the frame answered
// it shows. The component (preview_pane.go) drives it with the time and
// the frame's messages; the frame's program is preview.go.

// PreviewDelay is how long after the last change the preview follows: a
// pause in typing, not every key.
const PreviewDelay = 300 * time.Millisecond

// PreviewWidth is the screen the preview shows the reader's page on.
type PreviewWidth string

// The widths an editor can choose, the first the default.
const (
	Phone   PreviewWidth = "phone"
	Desktop PreviewWidth = "desktop"
)

// PreviewWidths are the choices, in the order the toggle lists them.
var PreviewWidths = []PreviewWidth{Phone, Desktop}

// ParsePreviewWidth reads a remembered choice; anything else is Phone.
func ParsePreviewWidth(s string) PreviewWidth {
	if PreviewWidth(s) == Desktop {
		return Desktop
	}
	return Phone
}

// Size is the reader's window the frame gives the page, in CSS px: a
// phone's, or a small laptop's.
func (w PreviewWidth) Size() (width, height int) {
	if w == Desktop {
		return 1024, 768
	}
	return 320, 560
}

// Label names the choice in the toggle.
func (w PreviewWidth) Label() string {
	width, _ := w.Size()
	if w == Desktop {
		return "Desktop (" + strconv.Itoa(width) + " px)"
	}
	return "Phone (" + strconv.Itoa(width) + " px)"
}

// Fit is the scale at which a frame of width w fits room px: never
// larger than the reader's own size.
func (w PreviewWidth) Fit(room float64) float64 {
	width, _ := w.Size()
	if room <= 0 || room >= float64(width) {
		return 1
	}
	return room / float64(width)
}

// Preview is the state of the live preview beside the forms.
type Preview struct {
	Width PreviewWidth
	// Ready is true once the frame's program listens for the case.
	Ready bool
	// Pending is true while a change has not been sent to the frame;
	// ChangedAt is the time of the last change.
	Pending   bool
	ChangedAt time.Time
	// Sending is true from a send until the frame answers (once it has
	// drawn the case): a case sent while the frame is still drawing the
	// last would only queue up work on the page's one thread.
	Sending bool
	// Answered, Shown and Problems are the frame's last answer: whether it
	// shows a version of the case (the last without problems), and how
	// many problems the case it was sent last has.
	Answered bool
	Shown    bool
	Problems int
}

// Change records an edit made at now.
func (p *Preview) Change(now time.Time) { p.Pending, p.ChangedAt = true, now }

// Due reports whether the case should go to the frame at now: it listens
// and has drawn the last case sent, and the editor has paused for
// PreviewDelay since the last change.
func (p *Preview) Due(now time.Time) bool {
	return p.Ready && !p.Sending && p.Pending && now.Sub(p.ChangedAt) >= PreviewDelay
}

// Listening records that the frame's program has started (again).
func (p *Preview) Listening() { p.Ready, p.Sending = true, false }

// Sent records that the case as it stands went to the frame.
func (p *Preview) Sent() { p.Pending, p.Sending = false, true }

// Answer records what the frame says it shows.
func (p *Preview) Answer(shown bool, problems int) {
	p.Answered, p.Shown, p.Problems, p.Sending = true, shown, problems, false
}

// Note says what the preview shows when it is not the case as it stands:
// "" when it is, or before the frame has answered.
func (p Preview) Note() string {
	switch {
	case !p.Answered || p.Problems == 0 && p.Shown:
		return ""
	case p.Problems == 0:
		return "The preview cannot show this case."
	case p.Shown:
		return problemCount(p.Problems) + ": showing the last version without problems"
	}
	return problemCount(p.Problems) + ": the preview shows once there are none"
}

// problemCount is "1 problem" or "N problems".
func problemCount(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return strconv.Itoa(n) + " problems"
}

// PreviewCase checks the case's JSON as the forms do (the validator of
// `docket validate`, and what the Studio adds) and returns the case when
// the preview may show it, that is when it has no problems, with the
// number of problems.
func PreviewCase(data []byte) (*casefile.Case, int) {
	c, ps := casefile.Check("", data)
	if c == nil {
		return nil, max(len(ps), 1)
	}
	ps = append(ps, studioProblems(c)...)
	if len(ps) > 0 {
		return nil, len(ps)
	}
	return c, 0
}
