package components

import (
	"html"
	"net/url"
	"strconv"
	"strings"

	"docket/internal/casefile"
	"docket/internal/routes"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Media is drawn the same by the server's page and the wasm (the takeover
// changes no node): an image is a <figure> whose space is reserved before
// it loads (its width and height, or a fixed aspect-ratio box when they
// are unknown, 10-base.css), lazy-loaded; a link is a card the reader may
// choose to open. Docket loads no third-party script or frame, so a video
// or a post never tracks a reader who did not open it.

// MediaSrc is the address of an image: an https URL as it is, a file of the
// case's folder at /media/{case}/{path}, versioned with the build (the
// server's version covers the files' bytes), so browsers keep it a year.
func MediaSrc(caseID, src string) string {
	if !routes.IsLocalMedia(src) {
		return src
	}
	p := Href(routes.MediaPath(caseID, src))
	if v := app.Getenv("GOAPP_VERSION"); v != "" {
		p += "?v=" + url.QueryEscape(v)
	}
	return p
}

// linkHost is the host a link card names ("youtube.com"), without "www.".
func linkHost(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(p.Hostname(), "www.")
}

// mediaView is an event's (or the case's) image or link; nil for none.
func mediaView(c *casefile.Case, m *casefile.Media) app.UI {
	switch {
	case m == nil:
		return nil
	case m.Image != nil:
		im := m.Image
		img := app.Img().Class("media-img").Src(attrText(MediaSrc(c.ID, im.Src))).Alt(attrText(im.Alt)).
			Loading("lazy").Attr("decoding", "async")
		frame := "media-frame"
		if im.Width > 0 && im.Height > 0 {
			img = img.Width(im.Width).Height(im.Height)
			frame += " is-sized"
		}
		return app.Elem("figure").Class("media").Body(
			app.Div().Class(frame).Body(img),
			app.If(im.Caption != "" || im.Credit != "", func() app.UI {
				return app.Elem("figcaption").Class("media-caption").Body(
					app.If(im.Caption != "", func() app.UI { return app.Elem("span").Class("media-caption-text").Text(im.Caption) }),
					app.If(im.Credit != "", func() app.UI { return app.Elem("span").Class("media-credit").Text(im.Credit) }),
				)
			}),
		)
	case m.Link != nil:
		host := linkHost(m.Link.URL)
		return app.Elem("a").Class("media-link").Attr("href", attrText(m.Link.URL)).Attr("target", "_blank").Attr("rel", "noopener").Body(
			app.Elem("span").Class("media-link-title").Text(m.Link.Title),
			app.Elem("span").Class("media-link-host").Text("Opens "+host+" in a new tab"),
		)
	}
	return nil
}

// writeMediaHTML writes what mediaView renders, as HTML, for the
// prerendered list of a long case (see eventListHTML).
func writeMediaHTML(b *strings.Builder, c *casefile.Case, m *casefile.Media) {
	w := b.WriteString
	esc := func(s string) { w(html.EscapeString(s)) }
	switch {
	case m == nil:
	case m.Image != nil:
		im := m.Image
		sized := im.Width > 0 && im.Height > 0
		w(`<figure class="media"><div class="media-frame`)
		if sized {
			w(` is-sized`)
		}
		w(`"><img class="media-img" src="`)
		esc(MediaSrc(c.ID, im.Src))
		w(`" alt="`)
		esc(im.Alt)
		w(`" loading="lazy" decoding="async"`)
		if sized {
			w(` width="` + strconv.Itoa(im.Width) + `" height="` + strconv.Itoa(im.Height) + `"`)
		}
		w(`></div>`)
		if im.Caption != "" || im.Credit != "" {
			w(`<figcaption class="media-caption">`)
			if im.Caption != "" {
				w(`<span class="media-caption-text">`)
				esc(im.Caption)
				w(`</span>`)
			}
			if im.Credit != "" {
				w(`<span class="media-credit">`)
				esc(im.Credit)
				w(`</span>`)
			}
			w(`</figcaption>`)
		}
		w(`</figure>`)
	case m.Link != nil:
		w(`<a class="media-link" href="`)
		esc(m.Link.URL)
		w(`" target="_blank" rel="noopener"><span class="media-link-title">`)
		esc(m.Link.Title)
		w(`</span><span class="media-link-host">`)
		esc("Opens " + linkHost(m.Link.URL) + " in a new tab")
		w(`</span></a>`)
	}
}
