package timeline

// Zoom is the timeline's scale in pixels per day. It runs from the zoom that
// fits the whole case into the viewport (FitZoom) up to MaxZoom, in steps of
// ×2 (ZoomIn, ZoomOut); between those it is continuous, so a fitted case
// fills the viewport exactly whatever its length.
type Zoom float64

// MaxZoom is the closest zoom: one day is 160 px, room for a day's label and
// a few markers.
const MaxZoom Zoom = 160

// minZoom keeps the scale positive when the viewport is narrower than the
// padding or the case is absurdly long.
const minZoom Zoom = 1e-9

func clampZoom(z Zoom) Zoom {
	if !(z > minZoom) { // also catches NaN
		return minZoom
	}
	return min(z, MaxZoom)
}

// FitZoom is the zoom at which the whole case, padding included, fills a
// viewport width px wide; MaxZoom when even that leaves room to spare (a
// case of a few days).
func (tl *Timeline) FitZoom(width float64) Zoom {
	if tl.days == 0 {
		return MaxZoom
	}
	return clampZoom(Zoom((width - 2*tl.opt.Padding) / float64(tl.days)))
}

// ZoomIn is the next closer zoom after z: twice as many px per day, at most
// MaxZoom. It returns z itself when z is already MaxZoom (disable the
// button).
func (tl *Timeline) ZoomIn(z Zoom) Zoom { return clampZoom(z * 2) }

// ZoomOut is the next wider zoom after z: half as many px per day, at least
// FitZoom(width). It returns the fit itself when there is nothing further
// to show (disable the button).
func (tl *Timeline) ZoomOut(z Zoom, width float64) Zoom {
	return max(clampZoom(z/2), tl.FitZoom(width))
}

// ZoomScroll is the scroll offset at zoom to that keeps the moment under the
// viewport's x = anchor px where it was at zoom from with scroll, so the
// reader's place does not jump when zooming (anchor is the viewport centre
// for buttons, the pointer for a wheel or a pinch). Clamp the result with
// Layout.ClampScroll.
func (tl *Timeline) ZoomScroll(from, to Zoom, scroll, anchor float64) float64 {
	pad := tl.opt.Padding
	days := (scroll + anchor - pad) / float64(clampZoom(from))
	return pad + days*float64(clampZoom(to)) - anchor
}
