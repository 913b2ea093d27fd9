package e2e

import (
	"strings"
	"testing"
	"time"

	"docket/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// formsCase is a valid case with two events, for the forms of the parts
// beyond the first screens: an event's time, end, terms and media, the
// time zone, eras, the glossary and corrections.
var formsCase = map[string]any{
	"id": "forms", "title": "The forms case", "summary": "A case to fill.", "court": "District Court", "docket": "1:24-cv-2",
	"parties": []any{map[string]any{"name": "Ann", "role": "plaintiff"}}, "status": "open", "outcome": "Pending.",
	"updated": "2024-05-01", "credits": []any{"Ed Itor"},
	"categories": []any{map[string]any{"id": "court", "label": "Court", "color": "#1d3557"}},
	"events": []any{
		map[string]any{"id": "filed", "date": map[string]any{"value": "2024-04-01", "precision": "day"}, "title": "Suit filed",
			"body": []any{"Ann sues."}, "category": "court", "sources": []any{"complaint"}},
		map[string]any{"id": "answered", "date": map[string]any{"value": "2024-04-20", "precision": "day"}, "title": "Answer filed",
			"body": []any{"Bob answers."}, "category": "court", "sources": []any{"complaint"}},
	},
	"quiz": map[string]any{"title": "A quiz", "intro": "One question.", "questions": []any{map[string]any{"id": "who", "kind": "single",
		"prompt": "Who sues?", "choices": []any{"Ann", "Bob"}, "answers": []any{0}, "explanation": "Ann does.", "sources": []any{"complaint"}}}},
	"sources": []any{map[string]any{"id": "complaint", "kind": "web", "title": "The complaint", "publisher": "District Court",
		"url": "https://example.org/complaint"}},
}

// TestStudioMoreForms fills each form once: an event's time of day (and
// the case's time zone it needs), its end, its glossary terms, an image
// (whose address must be https) and a link; an era; two glossary terms,
// one moved by keyboard and removed; a question's events and terms; a
// correction. The server's draft
// holds every value, and axe finds nothing.
func TestStudioMoreForms(t *testing.T) {
	browsertest.Parallel(t)
	b, api := openCase(t, "forms", formsCase)

	// A time of day asks for the case's time zone, at the date's field.
	b.Run(t,
		choose("f-events-0-date-precision", "minute"),
		choose("f-events-0-date-value", "2024-04-01T09:30"),
		browsertest.WaitFor(`document.getElementById("f-events-0-date-value-problems")?.textContent.includes("timezone")`, 10*time.Second),
	)
	b.CheckAxe(t, "the editor, a time of day without a time zone")
	b.Run(t,
		typeInto("#f-timezone", "America/New_York"),
		browsertest.WaitFor(`!document.getElementById("f-events-0-date-value-problems")`, 10*time.Second),
	)
	// A span: its end, at the start's precision.
	b.Run(t, click("f-events-0-end-on"), chromedp.WaitVisible("#f-events-0-end-value", chromedp.ByID))
	if got := activeID(t, b); got != "f-events-0-end-value" {
		t.Errorf("after ticking the span, the focus is on %q; want its end date", got)
	}
	b.Run(t, typeInto("#f-events-0-end-value", "2024-04-02T17:00"))

	// The glossary: two terms; the second moved up by keyboard, then removed.
	b.Run(t,
		click("f-glossary"),
		typeInto("#f-glossary-0-term", "Complaint"),
		typeInto("#f-glossary-0-definition", "The paper that starts a suit."),
		typeInto("#f-glossary-0-explanation", "It says who sues whom, and why."),
		click("f-glossary-0-sources-0-cites"),
		click("f-glossary"),
		typeInto("#f-glossary-1-term", "Summons"),
	)
	moveSecondUp(t, b, "f-glossary", "Term 1: Summons", "term")
	b.Run(t, chromedp.Click(`button[aria-label="Remove term 1"]`, chromedp.ByQuery), waitText("#f-glossary-0-heading", "Term 1: Complaint"))
	if got := activeID(t, b); got != "f-glossary" {
		t.Errorf("after removing a term, the focus is on %q; want Add a term", got)
	}
	// The event's terms, ticked from the glossary; the question's event
	// and term.
	b.Run(t, click("f-events-0-terms-0-uses"), click("f-quiz-questions-0-events-0-about"), click("f-quiz-questions-0-terms-0-uses"))

	// An image: a path in a folder is refused at its field; https is not.
	b.Run(t,
		choose("f-events-0-media", "image"),
		chromedp.WaitVisible("#f-events-0-media-image-src", chromedp.ByID),
		typeInto("#f-events-0-media-image-src", "media/fence.jpg"),
		browsertest.WaitFor(`document.getElementById("f-events-0-media-image-src-problems")?.textContent.includes("is not an https URL")`, 10*time.Second),
		choose("f-events-0-media-image-src", "https://example.org/fence.jpg"),
		browsertest.WaitFor(`document.getElementById("f-events-0-media-image-alt-problems")?.textContent.includes("is required")`, 10*time.Second),
		typeInto("#f-events-0-media-image-alt", "A wooden fence"),
		typeInto("#f-events-0-media-image-caption", "The fence"),
		typeInto("#f-events-0-media-image-credit", "Ann"),
		choose("f-events-1-media", "link"),
		chromedp.WaitVisible("#f-events-1-media-link-url", chromedp.ByID),
		typeInto("#f-events-1-media-link-url", "https://example.org/answer"),
		typeInto("#f-events-1-media-link-title", "The answer"),
	)

	// An era and a correction.
	b.Run(t,
		click("f-eras"),
		typeInto("#f-eras-0-title", "In court"),
		typeInto("#f-eras-0-start-value", "2024-04-01"),
		typeInto("#f-eras-0-end-value", "2024-04-30"),
		click("f-corrections"),
		typeInto("#f-corrections-0-text", "The answer's date was wrong."),
		choose("f-corrections-0-event", "answered"),
		choose("f-corrections-0-term", "term-1"),
	)
	if err := chromedp.Run(b.Ctx, waitText("#problem-count", "No problems: ready to publish")); err != nil {
		var problems []string
		b.Run(t, chromedp.Evaluate(`[...document.querySelectorAll(".studio-problem")].map(p => p.textContent)`, &problems))
		t.Fatalf("filled in: %q\n%s", textOf(t, b, "#problem-count"), strings.Join(problems, "\n"))
	}
	b.CheckAxe(t, "the editor with every form filled")

	draft := waitDraft(t, api, "forms", `"corrections":[{"date":"2024-05-01","text":"The answer's date was wrong.","event":"answered","term":"term-1"}]`)
	for _, want := range []string{
		`"timezone":"America/New_York"`,
		`"date":{"value":"2024-04-01T09:30","precision":"minute"}`,
		`"end":{"value":"2024-04-02T17:00","precision":"minute"}`,
		`"terms":["term-1"]`,
		`"explanation":"Ann does.","events":["filed"],"terms":["term-1"]`,
		`"media":{"image":{"src":"https://example.org/fence.jpg","alt":"A wooden fence","caption":"The fence","credit":"Ann"}}`,
		`"media":{"link":{"url":"https://example.org/answer","title":"The answer"}}`,
		`"glossary":[{"id":"term-1","term":"Complaint","definition":"The paper that starts a suit.","explanation":"It says who sues whom, and why.","sources":["complaint"]}]`,
		`"eras":[{"title":"In court","start":{"value":"2024-04-01","precision":"day"},"end":{"value":"2024-04-30","precision":"day"}}]`,
	} {
		if !strings.Contains(draft, want) {
			t.Errorf("the saved draft lacks %s:\n%s", want, draft)
		}
	}
	if strings.Contains(draft, "Summons") {
		t.Errorf("the removed term is still in the draft:\n%s", draft)
	}
	b.Run(t, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil))
	b.ScreenshotElement(t, "studio-event-forms-1280", `.studio-items li.studio-item`)
	b.ScreenshotElement(t, "studio-glossary-1280", `section[aria-labelledby="glossary-heading"]`)
	b.Screenshot(t, "studio-forms-1280")
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
