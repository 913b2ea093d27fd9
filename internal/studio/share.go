package studio

import (
	"net/url"
	"strings"

	"docket/internal/casefile"
	"docket/internal/timelinejs"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The published case's embed code and oEmbed address, and downloads of
// the draft.

// OEmbedURL is the oEmbed address of the case page at origin+page (both
// under the site's base), for CMSs that embed by link: endpoint is the
// oEmbed path under the same base.
func OEmbedURL(origin, endpoint, page string) string {
	return origin + endpoint + "?url=" + url.QueryEscape(origin+page) + "&format=json"
}

// DownloadName is the file name of a download of case id: "id.json".
func DownloadName(id, ext string) string { return id + "." + ext }

// share is the section with the embed code, the oEmbed address and the
// downloads.
func (c *CaseEditor) share() app.UI {
	published := c.state == "published" || c.state == "changed"
	origin := ""
	if app.IsClient {
		origin = app.Window().Get("location").Get("origin").String()
	}
	return app.Section().Class("studio-share").Aria("labelledby", "share-heading").Body(
		app.H2().ID("share-heading").Text("Embed and download"),
		app.If(published, func() app.UI {
			return app.Div().Body(
				app.P().Body(app.A().ID("embed-code").Href(c.EmbedCode).Target("_blank").Text("Get the embed code"),
					app.Text(" of the published case (in a new tab): pick the view and the first event, copy the snippet.")),
				app.Label().For("oembed-url").Text("oEmbed address, for a CMS that embeds by link"),
				app.Input().ID("oembed-url").Type("text").ReadOnly(true).Value(OEmbedURL(origin, c.OEmbed, c.Public)).
					OnFocus(func(ctx app.Context, e app.Event) { ctx.JSSrc().Call("select") }),
			)
		}).Else(func() app.UI {
			return app.P().Text("The embed code and the oEmbed address come with publishing.")
		}),
		app.P().Body(
			app.Button().Type("button").ID("download-json").Class("studio-button").Text("Download the draft as case JSON").
				OnClick(c.downloadJSON),
		),
		app.P().Body(
			app.Button().Type("button").ID("download-timelinejs").Class("studio-button").Text("Download as TimelineJS JSON").
				OnClick(func(ctx app.Context, e app.Event) { c.downloadTimeline(timelinejs.JSON) }),
			app.Text(" "),
			app.Button().Type("button").ID("download-csv").Class("studio-button").Text("Download as a TimelineJS sheet (CSV)").
				OnClick(func(ctx app.Context, e app.Event) { c.downloadTimeline(timelinejs.CSV) }),
		),
		app.If(c.timelineNote != "", func() app.UI {
			return app.P().ID("timeline-note").Class("studio-hint").Attr("role", "status").Text(c.timelineNote)
		}),
	)
}

// Timeline writes case c as TimelineJS (JSON or the Sheets CSV): the file
// and its name, and what TimelineJS has no place for, in words.
func Timeline(c *casefile.Case, f timelinejs.Format) (data []byte, name, lost string, err error) {
	data, report, err := timelinejs.Export(c, f)
	if err != nil {
		return nil, "", "", err
	}
	ext := "timeline.json"
	if f == timelinejs.CSV {
		ext = "timeline.csv"
	}
	var parts []string
	for _, it := range report.Of(timelinejs.Dropped) {
		parts = append(parts, it.String())
	}
	if len(parts) > 0 {
		lost = "TimelineJS has no place for: " + strings.Join(parts, "; ")
	}
	return data, DownloadName(c.ID, ext), lost, nil
}

// downloadTimeline hands the browser the draft as TimelineJS.
func (c *CaseEditor) downloadTimeline(f timelinejs.Format) {
	data, name, lost, err := Timeline(c.edit.Case, f)
	if err != nil {
		c.timelineNote = "The draft could not be written for TimelineJS: " + err.Error()
		return
	}
	c.timelineNote = lost
	download(name, map[timelinejs.Format]string{timelinejs.JSON: "application/json", timelinejs.CSV: "text/csv"}[f], data)
}

// downloadJSON hands the browser the draft, as `docket validate` reads it.
func (c *CaseEditor) downloadJSON(ctx app.Context, e app.Event) {
	data, err := Encode(c.edit.Case)
	if err != nil {
		c.announce = "The draft could not be written as JSON: " + err.Error()
		return
	}
	download(DownloadName(c.ID, "json"), "application/json", data)
}

// download hands the browser a file made here, as a link to a blob.
func download(name, mime string, data []byte) {
	blob := app.Window().Get("Blob").New([]any{string(data)}, map[string]any{"type": mime})
	u := app.Window().Get("URL").Call("createObjectURL", blob)
	a := app.Window().Get("document").Call("createElement", "a")
	a.Set("href", u)
	a.Set("download", name)
	a.Call("click")
	// The blob goes a minute later, when the browser has read it.
	URL := app.Window().Get("URL")
	app.Window().Call("setTimeout", URL.Get("revokeObjectURL").Call("bind", URL, u), 60000)
}
