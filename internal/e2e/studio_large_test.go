package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The Studio with input that could lose work: a 10,000-event case, a
// pasted 5 MB paragraph, an invalid date, an http image, a duplicate id.
// Each gets its message at its field, and the draft still saves.

// typingLatency types text into the field id one character at a time, as
// input events, and returns the milliseconds from each event to the frame
// after the heading headingID shows the new text (the editor's render).
func typingLatency(t *testing.T, b *browsertest.Browser, id, headingID, text string) []float64 {
	t.Helper()
	js := fmt.Sprintf(`(async () => {
		const el = document.getElementById(%q), heading = document.getElementById(%q), times = [];
		el.focus();
		for (const ch of %q) {
			const t0 = performance.now();
			el.value += ch;
			el.dispatchEvent(new InputEvent("input", {bubbles: true, data: ch, inputType: "insertText"}));
			const want = el.value;
			await new Promise(done => { const tick = () => heading.textContent.endsWith(want) ? done() : requestAnimationFrame(tick); tick(); });
			await new Promise(done => requestAnimationFrame(() => done()));
			times.push(performance.now() - t0);
		}
		return times;
	})()`, id, headingID, text)
	var times []float64
	b.Run(t, chromedp.Evaluate(js, &times, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	return times
}

// medianMax are the median and the largest of ms.
func medianMax(ms []float64) (median, most float64) {
	s := slices.Clone(ms)
	slices.Sort(s)
	return s[len(s)/2], s[len(s)-1]
}

// TestStudioLarge opens a 10,000-event case: its events are listed 50 a
// page, found by id, and only the opened one shows its form; typing in it
// is measured (logged, not asserted) and saved; a problem's link and a
// click in the preview open the form of a closed event.
func TestStudioLarge(t *testing.T) {
	browsertest.Parallel(t)
	srv, api := studioServer(t)
	c := generateCase("large", 10000)
	api.must("POST", "/api/editor/cases", map[string]any{"id": "large", "case": c}, 201, nil)
	b := browsertest.NewBrowser(t, browsertest.Options{})
	studioSignIn(t, b, srv, "/studio/")
	start := time.Now()
	b.Run(t, chromedp.Navigate(srv.URL+"/studio/cases/large"),
		browsertest.WaitFor(`document.getElementById("events-shown")?.textContent === "Events 1–50 of 10,000"`, 60*time.Second))
	t.Logf("the 10,000-event case opened in %v", time.Since(start).Round(time.Millisecond))
	var rows, forms int
	b.Run(t, chromedp.Evaluate(`document.querySelectorAll(".studio-event-row").length`, &rows),
		chromedp.Evaluate(`document.querySelectorAll("[id$='-title'][id^='f-events-']").length`, &forms))
	if rows != 50 || forms != 0 {
		t.Errorf("the list shows %d rows and %d event forms; want 50 and none", rows, forms)
	}
	b.CheckAxe(t, "the editor of a 10,000-event case")

	// Find an event by its id, open it, type in its title.
	b.Run(t,
		typeInto("#find-event", "event-05000"),
		waitText("#events-shown", "1 event matches “event-05000”."),
		click("f-events-4999-open"),
		chromedp.WaitVisible("#f-events-4999-title", chromedp.ByID),
	)
	var expanded string
	b.Run(t, chromedp.AttributeValue("#f-events-4999-open", "aria-expanded", &expanded, nil, chromedp.ByQuery))
	if expanded != "true" {
		t.Errorf("the opened event's button has aria-expanded=%q", expanded)
	}
	times := typingLatency(t, b, "f-events-4999-title", "f-events-4999-heading", " (revised)")
	median, most := medianMax(times)
	t.Logf("typing in an event of the 10,000-event case: %.1f ms median, %.1f ms slowest, from input to the frame after the render (%d keys)", median, most, len(times))
	b.Run(t, typeInto("#f-events-4999-title", "!"))
	want := c.Events[4999].Title + " (revised)!"
	waitDraft(t, api, "large", `"title":`+jsonString(want))
	b.Run(t, waitText("#save-state", "All changes saved"))

	// A problem in event 9,000, whose form is then closed and off the
	// page: its link in Checks opens it, with the focus on its field.
	b.Run(t,
		choose("find-event", "event-09000"),
		waitText("#events-shown", "1 event matches “event-09000”."),
		click("f-events-8999-open"),
		chromedp.WaitVisible("#f-events-8999-title", chromedp.ByID),
		choose("f-events-8999-title", ""),
		browsertest.WaitFor(`document.getElementById("f-events-8999-title-problems")?.textContent.includes("is required")`, 10*time.Second),
		click("f-events-8999-open"),
		browsertest.WaitFor(`!document.getElementById("f-events-8999-title")`, 10*time.Second),
		choose("find-event", ""),
		waitText("#events-shown", "Events 1–50 of 10,000"),
		chromedp.Click(`//button[contains(@class, "studio-problem")][contains(., "Event 9000")]`, chromedp.BySearch),
		browsertest.WaitFor(`document.activeElement?.id === "f-events-8999-title"`, 10*time.Second),
	)
	b.Run(t, chromedp.Evaluate(`document.getElementById("f-events-8999-title").value = "Back again"; document.getElementById("f-events-8999-title").dispatchEvent(new Event("input", {bubbles: true}))`, nil))
	waitDraft(t, api, "large", `"title":"Back again"`)

	// The preview of the saved draft: a click on an event opens its form.
	var id string
	const closed = `[...(document.getElementById("preview-frame")?.contentDocument?.querySelectorAll("li.event[id]") ?? [])]
		.filter(li => li.id !== "event-05000" && li.id !== "event-09000")`
	b.Run(t,
		browsertest.WaitFor(closed+`.length > 0`, 90*time.Second),
		chromedp.Evaluate(`(() => { const li = `+closed+`.at(-1); li.click(); return li.id; })()`, &id),
	)
	var reload bool
	b.Run(t, chromedp.Evaluate(`!document.getElementById("preview-reload").disabled`, &reload))
	if !reload {
		t.Error("after changes, the large case's preview does not offer “Show the latest changes”")
	}
	t.Logf("clicked %s in the preview", id)
	var n int
	fmt.Sscanf(id, "event-%d", &n)
	field := fmt.Sprintf("f-events-%d-title", n-1)
	b.Run(t, browsertest.WaitFor(`document.activeElement?.id === "`+field+`"`, 10*time.Second))
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// waitValid waits until the editor finds no problem, or fails listing them.
func waitValid(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	if err := chromedp.Run(b.Ctx, waitText("#problem-count", "No problems: ready to publish")); err != nil {
		var problems []string
		b.Run(t, chromedp.Evaluate(`[...document.querySelectorAll(".studio-problem")].map(p => p.textContent)`, &problems))
		t.Fatalf("%q\n%s", textOf(t, b, "#problem-count"), strings.Join(problems, "\n"))
	}
}

// jsonString is s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestStudioBadInput pastes 5 MB into a paragraph, types an invalid date,
// an http image address and a duplicate id: each gets its message at its
// field, the text stays in the form, and the draft saves all of it.
func TestStudioBadInput(t *testing.T) {
	browsertest.Parallel(t)
	b, api := openCase(t, "forms", formsCase)

	// An invalid date, an http image, a duplicate id.
	b.Run(t,
		choose("f-events-0-date-value", "2024-02-30"),
		choose("f-events-0-media", "image"),
		chromedp.WaitVisible("#f-events-0-media-image-src", chromedp.ByID),
		typeInto("#f-events-0-media-image-src", "http://example.org/fence.jpg"),
		typeInto("#f-events-0-media-image-alt", "A fence"),
		chromedp.Evaluate(`document.getElementById("f-events-1-id").select()`, nil),
		typeInto("#f-events-1-id", "filed"),
		browsertest.WaitFor(`document.getElementById("f-events-0-date-value-problems")?.textContent.includes("is not a date")`, 10*time.Second),
		browsertest.WaitFor(`document.getElementById("f-events-0-media-image-src-problems")?.textContent.includes("images must be https")`, 10*time.Second),
		browsertest.WaitFor(`document.getElementById("f-events-1-id-problems")?.textContent.includes("is already the id of")`, 10*time.Second),
	)
	for id, want := range map[string]string{"f-events-0-date-value": "2024-02-30", "f-events-0-media-image-src": "http://example.org/fence.jpg", "f-events-1-id": "filed"} {
		var got, invalid string
		b.Run(t, chromedp.Value("#"+id, &got, chromedp.ByQuery), chromedp.AttributeValue("#"+id, "aria-invalid", &invalid, nil, chromedp.ByQuery))
		if got != want || invalid != "true" {
			t.Errorf("#%s holds %q (aria-invalid %q); want %q, marked invalid", id, got, invalid, want)
		}
	}
	b.CheckAxe(t, "the editor with bad input at three fields")
	draft := waitDraft(t, api, "forms", `"id":"filed","date":{"value":"2024-02-30"`)
	for _, want := range []string{`"src":"http://example.org/fence.jpg"`} {
		if !strings.Contains(draft, want) {
			t.Errorf("the saved draft lacks %.100s", want)
		}
	}
	// A pasted 5 MB paragraph.
	big := strings.Repeat("The court heard the parties. ", 5<<20/29+1)[:5<<20]
	b.Run(t,
		chromedp.Focus("#f-events-1-body", chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("f-events-1-body").select()`, nil),
		chromedp.ActionFunc(func(ctx context.Context) error { return input.InsertText(big).Do(ctx) }),
		browsertest.WaitFor(`document.getElementById("f-events-1-body-problems")?.textContent.includes("is 5242880 characters; the limit is 1200")`, 30*time.Second),
	)
	var kept int
	b.Run(t, chromedp.Evaluate(`document.getElementById("f-events-1-body").value.length`, &kept))
	if kept != len(big) {
		t.Errorf("the paragraph field holds %d characters; want the %d pasted", kept, len(big))
	}
	waitDraft(t, api, "forms", big[:100])

	var publishOff bool
	b.Run(t, waitText("#save-state", "All changes saved"), chromedp.Evaluate(`document.getElementById("publish").disabled`, &publishOff))
	if !publishOff {
		t.Error("Publish is enabled with problems")
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestStudioLeadMedia fills the case's lead image with its width and
// height (a size that is no whole number gets its message at its field),
// and then makes it a link; the draft holds each.
func TestStudioLeadMedia(t *testing.T) {
	browsertest.Parallel(t)
	b, api := openCase(t, "forms", formsCase)

	b.Run(t,
		choose("f-media", "image"),
		chromedp.WaitVisible("#f-media-image-src", chromedp.ByID),
		typeInto("#f-media-image-src", "https://example.org/court.jpg"),
		typeInto("#f-media-image-alt", "The courthouse steps"),
		typeInto("#f-media-image-caption", "The court"),
		typeInto("#f-media-image-width", "12OO"),
		browsertest.WaitFor(`document.getElementById("f-media-image-width-problems")?.textContent.includes("is not a whole number")`, 10*time.Second),
		typeInto("#f-media-image-height", "800"),
		browsertest.WaitFor(`document.getElementById("f-media-image-width-problems")?.textContent.includes("is required with height")`, 10*time.Second),
	)
	var typed string
	b.Run(t, chromedp.Value("#f-media-image-width", &typed, chromedp.ByQuery))
	if typed != "12OO" {
		t.Errorf("the width field holds %q; want what was typed", typed)
	}
	b.CheckAxe(t, "the lead image with a width that is no number")
	b.Run(t, choose("f-media-image-width", "1200"))
	waitValid(t, b)
	waitDraft(t, api, "forms", `"media":{"image":{"src":"https://example.org/court.jpg","alt":"The courthouse steps","caption":"The court","width":1200,"height":800}}`)
	// A problem of the lead image takes the editor to its field.
	b.Run(t,
		choose("f-media-image-height", "-4"),
		chromedp.Click(`//button[contains(@class, "studio-problem")][contains(., "Lead image or link")]`, chromedp.BySearch),
		browsertest.WaitFor(`document.activeElement?.id === "f-media-image-height"`, 10*time.Second),
		choose("f-media-image-height", "800"),
	)
	b.Run(t,
		choose("f-media", "link"),
		chromedp.WaitVisible("#f-media-link-url", chromedp.ByID),
		typeInto("#f-media-link-url", "https://example.org/ruling.pdf"),
		typeInto("#f-media-link-title", "The ruling"),
	)
	waitValid(t, b)
	waitDraft(t, api, "forms", `"media":{"link":{"url":"https://example.org/ruling.pdf","title":"The ruling"}}`)
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
