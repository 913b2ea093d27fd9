package components

import (
	"html"
	"strings"
)

// eventListHTML is the prerendered list of every event as HTML: the same
// elements eventItem renders (TestEventListHTMLMatchesComponents, in
// timeline_model_test.go, checks that they agree), written directly, with
// every value escaped by html.EscapeString. go-app's encoder indents every element and
// takes about a second for 10,000 events; this takes a few milliseconds
// and half the bytes. positions are the events listed (nil for all), sel
// the position of the selected event.
func eventListHTML(m *timelineModel, positions []int, sel int) string {
	if positions == nil {
		positions = make([]int, len(m.c.Events))
		for i := range positions {
			positions[i] = i
		}
	}
	var b strings.Builder
	b.Grow(len(positions) * 700)
	b.WriteString(`<ol class="event-list" aria-labelledby="tl-list-heading">`)
	for _, i := range positions {
		writeEventHTML(&b, m, i, i == sel)
	}
	b.WriteString(`</ol>`)
	return b.String()
}

func writeEventHTML(b *strings.Builder, m *timelineModel, i int, selected bool) {
	c := m.c
	e := &c.Events[i]
	w := b.WriteString
	esc := func(s string) { w(html.EscapeString(s)) }
	w(`<li class="event" id="`)
	esc(e.ID)
	w(`" aria-labelledby="`)
	esc(e.ID + "-title")
	w(`" tabindex="-1"`)
	if selected {
		w(` aria-current="true"`)
	}
	w(`>`)
	color := m.color(i)
	if color == "" {
		color = "currentColor"
	}
	w(`<svg class="event-dot" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6" fill="`)
	esc(color)
	w(`"></circle></svg><p class="event-meta"><time class="event-date" datetime="`)
	esc(e.Date.ISO())
	w(`">`)
	esc(e.When(c.Timezone))
	w(`</time>`)
	if cat := m.category(i); cat != nil {
		w(`<span class="tl-cat">`)
		esc(cat.Label)
		w(`</span>`)
	}
	w(`</p><h4 id="`)
	esc(e.ID + "-title")
	w(`" class="event-title">`)
	esc(e.Title)
	w(`</h4>`)
	for _, p := range e.Body {
		w(`<p class="event-body">`)
		esc(p)
		w(`</p>`)
	}
	writeMediaHTML(b, c, e.Media)        // mediaView
	writeSourceListHTML(b, c, e.Sources) // SourceList
	// TermList
	if len(e.Terms) > 0 {
		w(`<div class="terms"><p class="terms-label">Key terms</p>`)
		for _, id := range e.Terms {
			if t := c.Term(id); t != nil {
				w(`<details class="term"><summary>`)
				esc(t.Term)
				w(`</summary><p class="term-definition">`)
				esc(t.Definition)
				w(`</p></details>`)
			}
		}
		w(`</div>`)
	}
	// questionList
	if qs := m.questions[i]; len(qs) > 0 {
		w(`<div class="tl-questions"><p class="tl-questions-label">Test yourself</p><ul>`)
		for _, q := range qs {
			w(`<li><a href="`)
			esc(QuestionHref(q.ID))
			w(`">`)
			esc(q.Prompt)
			w(`</a></li>`)
		}
		w(`</ul></div>`)
	}
	w(`</li>`)
}
