package timelinejs

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"docket/internal/casefile"
)

// background reports a slide background, which Docket does not show.
func (cv *converter) background(s Slide) {
	if s.Background == "" {
		return
	}
	what := "colour"
	if strings.Contains(s.Background, "/") {
		what = "image"
	}
	cv.r.add(Dropped, s.At.Field("background"), "the background %s %q: Docket shows every event on the same page background, for legibility", what, shorten(s.Background, 80))
}

// imageExts are the file types that become images, as Docket shows them.
// Others (a .bmp, a .tiff) become links: Docket shows the web's image types.
var imageExts = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}

// media maps a slide's media to an image (an https address or a file in
// the case's folder, with alt text) or a link (a video, a post, a page),
// and returns the to-dos it leaves, with paths under prefix.
func (cv *converter) media(s Slide, prefix, headline string) (*casefile.Media, []Item) {
	m, at := s.Media, s.At
	if m.Thumbnail != "" {
		cv.r.add(Dropped, at.Field("media.thumbnail"), "the thumbnail: Docket's timeline markers show no pictures")
	}
	if m.Link != "" {
		cv.r.add(Dropped, at.Field("media.link"), "the link around the media (%s): add it to the text if readers need it", shorten(m.Link, 80))
	}
	if m.Title != "" {
		cv.r.add(Dropped, at.Field("media.title"), "the media's title %q: the caption and alt text describe it", shorten(m.Title, 60))
	}
	caption, credit := toPlainText(m.Caption), toPlainText(m.Credit)
	for _, l := range caption.Links {
		cv.r.add(Dropped, at.Field("media.caption"), "the link to %s in the caption: its text is kept", shorten(l.URL, 80))
	}
	for _, l := range credit.Links {
		cv.r.add(Dropped, at.Field("media.credit"), "the link to %s in the credit: its text is kept", shorten(l.URL, 80))
	}
	raw := strings.TrimSpace(m.URL)
	if raw == "" {
		if m.Caption != "" || m.Credit != "" || m.Alt != "" {
			cv.r.add(Dropped, at.Field("media.url"), "a caption, credit or alt text with no media address")
		}
		return nil, nil
	}
	if strings.HasPrefix(raw, "<") {
		cv.r.add(Dropped, at.Field("media.url"), "embedded HTML (%s): Docket loads no third-party frames or scripts; put the address in Media to show it as a link", shorten(raw, 40))
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		cv.r.add(Dropped, at.Field("media.url"), "%q is not an address", shorten(raw, 80))
		return nil, nil
	}
	if strings.HasPrefix(raw, "//") { // protocol-relative, as old sheets write them
		u.Scheme = "https"
		cv.r.add(Changed, at.Field("media.url"), "%q became %q", shorten(raw, 80), shorten(u.String(), 80))
		raw = u.String()
	}
	isImage := slices.Contains(imageExts, strings.ToLower(path.Ext(u.Path)))
	captionText, creditText := strings.Join(caption.Paragraphs, " "), strings.Join(credit.Paragraphs, " ")
	switch {
	case u.Scheme == "" && u.Host == "" && isImage && !strings.HasPrefix(u.Path, "/") && !strings.Contains(u.Path, ".."):
		// a file beside the timeline: Docket serves it from the case's folder
		img, todos := cv.image(at, prefix, raw, m.Alt, captionText, creditText)
		todos = append(todos, Item{Kind: ToDo, Where: at.Field("media.url"),
			What: fmt.Sprintf("copy the image file into the folder that holds the case file, as %s", raw)})
		return &casefile.Media{Image: img}, todos
	case u.Scheme == "https" && u.Host != "" && isImage:
		img, todos := cv.image(at, prefix, raw, m.Alt, captionText, creditText)
		return &casefile.Media{Image: img}, todos
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		title := cmp.Or(captionText, headline, u.Host)
		if isImage { // http: a page on https may not load it
			cv.r.add(Changed, at.Field("media.url"), "the image at %s is not on https, which Docket's pages cannot load: it became a link; for a picture, give its https address or copy it into the case's folder", shorten(raw, 80))
		} else {
			cv.r.add(Mapped, at.Field("media.url"), "%s, as a link card titled %q", kindOf(u), shorten(title, 60))
		}
		if creditText != "" {
			cv.r.add(Dropped, at.Field("media.credit"), "the credit %q: a link card shows only its title", shorten(creditText, 60))
		}
		if m.Alt != "" {
			cv.r.add(Dropped, at.Field("media.alt"), "alt text on a link: only images have alt text")
		}
		cv.links++
		return &casefile.Media{Link: &casefile.Link{URL: raw, Title: title}}, nil
	}
	cv.r.add(Dropped, at.Field("media.url"), "the media %q: Docket shows an image (an https address or a file in the case's folder) or a link (an http or https address)", shorten(raw, 80))
	return nil, nil
}

// image is an image with its alt text; alt taken from the caption is a
// to-do (it must describe the picture, which a caption may not).
func (cv *converter) image(at Locator, prefix, src, alt, caption, credit string) (*casefile.Image, []Item) {
	cv.images++
	img := &casefile.Image{Src: src, Alt: inline(alt), Caption: caption, Credit: credit}
	var todos []Item
	switch {
	case img.Alt != "":
	case caption != "":
		img.Alt = caption
		todos = append(todos, Item{Kind: ToDo, Where: at.Field("media.alt"), Path: prefix + ".image.alt",
			What: "the image has no alt text (what screen readers say in place of the picture): its caption was copied there; rewrite it to say what the picture shows"})
	default:
		todos = append(todos, Item{Kind: ToDo, Where: at.Field("media.alt"), Path: prefix + ".image.alt",
			What: "the image has no alt text (what screen readers say in place of the picture): write what the picture shows; it is required"})
	}
	return img, todos
}

// kindOf names what a media address is, for the report.
func kindOf(u *url.URL) string {
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	switch {
	case host == "youtube.com" || host == "youtu.be" || strings.HasSuffix(host, ".youtube.com"):
		return "a YouTube video"
	case host == "vimeo.com" || strings.HasSuffix(host, ".vimeo.com"):
		return "a Vimeo video"
	case host == "twitter.com" || host == "x.com" || strings.HasSuffix(host, ".twitter.com"):
		return "a post on X (Twitter)"
	case host == "soundcloud.com":
		return "a SoundCloud recording"
	case strings.HasSuffix(host, "wikipedia.org"):
		return "a Wikipedia article"
	case strings.Contains(host, "google.") && strings.HasPrefix(u.Path, "/maps"):
		return "a Google map"
	case host == "documentcloud.org" || strings.HasSuffix(host, ".documentcloud.org"):
		return "a DocumentCloud document"
	}
	return "the page " + host
}
