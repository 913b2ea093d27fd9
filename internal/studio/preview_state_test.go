package studio

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParsePreviewWidth(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want PreviewWidth
	}{
		{"phone", Phone},
		{"desktop", Desktop},
		{"", Phone},
		{"tablet", Phone},
		{"Desktop", Phone},
	} {
		if got := ParsePreviewWidth(tc.in); got != tc.want {
			t.Errorf("ParsePreviewWidth(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestPreviewWidthFit(t *testing.T) {
	for _, tc := range []struct {
		w    PreviewWidth
		room float64
		want float64
	}{
		{Phone, 350, 1},
		{Phone, 320, 1},
		{Phone, 160, 0.5},
		{Desktop, 512, 0.5},
		{Desktop, 1024, 1},
		{Desktop, 2000, 1},
		{Desktop, 0, 1}, // not laid out yet
	} {
		if got := tc.w.Fit(tc.room); got != tc.want {
			t.Errorf("%s.Fit(%v) = %v; want %v", tc.w, tc.room, got, tc.want)
		}
	}
	if w, h := Phone.Size(); w != 320 || h != 560 {
		t.Errorf("Phone.Size() = %d×%d; want 320×560", w, h)
	}
	if w, _ := Desktop.Size(); w != 1024 {
		t.Errorf("Desktop.Size() width = %d; want 1024", w)
	}
}

func TestPreviewDue(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		p     Preview
		at    time.Duration
		want  bool
		after func(*Preview)
	}{
		{name: "nothing changed", p: Preview{Ready: true}, at: time.Second},
		{name: "the frame is not listening yet", p: Preview{Pending: true, ChangedAt: t0}, at: time.Second},
		{name: "still typing", p: Preview{Ready: true, Pending: true, ChangedAt: t0}, at: PreviewDelay - time.Millisecond},
		{name: "paused", p: Preview{Ready: true, Pending: true, ChangedAt: t0}, at: PreviewDelay, want: true},
		{name: "sent", p: Preview{Ready: true, Pending: true, ChangedAt: t0}, at: time.Second, after: (*Preview).Sent},
		{name: "changed while the frame draws the last", p: Preview{Ready: true, Pending: true, ChangedAt: t0}, at: time.Second,
			after: func(p *Preview) { p.Sent(); p.Change(t0) }},
		{name: "changed, and the frame has drawn the last", p: Preview{Ready: true, Pending: true, ChangedAt: t0}, at: time.Second,
			after: func(p *Preview) { p.Sent(); p.Change(t0); p.Answer(true, 0) }, want: true},
		{name: "the frame started again", p: Preview{Ready: true, Pending: true, ChangedAt: t0}, at: time.Second,
			after: func(p *Preview) { p.Sent(); p.Change(t0); p.Listening() }, want: true},
		{name: "changed again", p: Preview{Ready: true, Pending: true, ChangedAt: t0}, at: PreviewDelay,
			after: func(p *Preview) { p.Change(t0.Add(PreviewDelay / 2)) }},
	} {
		p := tc.p
		if tc.after != nil {
			tc.after(&p)
		}
		if got := p.Due(t0.Add(tc.at)); got != tc.want {
			t.Errorf("%s: Due = %v; want %v", tc.name, got, tc.want)
		}
	}
}

func TestPreviewNote(t *testing.T) {
	for _, tc := range []struct {
		name     string
		answered bool
		shown    bool
		problems int
		want     string
	}{
		{"no answer yet", false, false, 0, ""},
		{"shows the case as it stands", true, true, 0, ""},
		{"one problem", true, true, 1, "1 problem: showing the last version without problems"},
		{"problems", true, true, 3, "3 problems: showing the last version without problems"},
		{"never without problems", true, false, 2, "2 problems: the preview shows once there are none"},
		{"cannot be shown", true, false, 0, "The preview cannot show this case."},
	} {
		p := Preview{}
		if tc.answered {
			p.Answer(tc.shown, tc.problems)
		}
		if got := p.Note(); got != tc.want {
			t.Errorf("%s: Note = %q; want %q", tc.name, got, tc.want)
		}
	}
}

func TestPreviewCase(t *testing.T) {
	valid := map[string]any{
		"id": "a-case", "title": "A case", "summary": "What it is about.", "court": "District Court", "docket": "1:24-cv-2",
		"parties": []any{map[string]any{"name": "Ann", "role": "plaintiff"}}, "status": "open", "outcome": "Pending.",
		"updated": "2024-05-01", "credits": []any{"Ed Itor"},
		"categories": []any{map[string]any{"id": "court", "label": "Court", "color": "#1d3557"}},
		"events": []any{map[string]any{"id": "filed", "date": map[string]any{"value": "2024-04-01", "precision": "day"},
			"title": "Suit filed", "body": []any{"Ann sues."}, "category": "court", "sources": []any{"complaint"}}},
		"sources": []any{map[string]any{"id": "complaint", "kind": "web", "title": "The complaint", "publisher": "District Court",
			"url": "https://example.org/complaint"}},
	}
	with := func(change func(c map[string]any)) []byte {
		b, _ := json.Marshal(valid)
		var c map[string]any
		_ = json.Unmarshal(b, &c)
		change(c)
		b, _ = json.Marshal(c)
		return b
	}
	event := func(c map[string]any) map[string]any { return c["events"].([]any)[0].(map[string]any) }
	for _, tc := range []struct {
		name     string
		data     []byte
		shown    bool
		problems int
	}{
		{"valid", with(func(map[string]any) {}), true, 0},
		{"an event without a title", with(func(c map[string]any) { event(c)["title"] = "" }), false, 1},
		{"an image that is not https (the Studio's own check)", with(func(c map[string]any) {
			event(c)["media"] = map[string]any{"image": map[string]any{"src": "photo.jpg", "alt": "A photo"}}
		}), false, 1},
		{"not JSON", []byte(`{"id": `), false, 1},
	} {
		c, n := PreviewCase(tc.data)
		if (c != nil) != tc.shown || n != tc.problems {
			t.Errorf("%s: PreviewCase = case %v, %d problems; want case %v, %d", tc.name, c != nil, n, tc.shown, tc.problems)
		}
	}
}
