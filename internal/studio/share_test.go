package studio

import (
	"strings"
	"testing"

	"docket/internal/timelinejs"
)

func TestOEmbedURL(t *testing.T) {
	for _, tt := range []struct{ origin, endpoint, page, want string }{
		{"https://news.example", "/oembed", "/cases/a-v-b/", "https://news.example/oembed?url=https%3A%2F%2Fnews.example%2Fcases%2Fa-v-b%2F&format=json"},
		{"http://127.0.0.1:8080", "/explainers/oembed", "/explainers/cases/c/", "http://127.0.0.1:8080/explainers/oembed?url=http%3A%2F%2F127.0.0.1%3A8080%2Fexplainers%2Fcases%2Fc%2F&format=json"},
	} {
		if got := OEmbedURL(tt.origin, tt.endpoint, tt.page); got != tt.want {
			t.Errorf("OEmbedURL(%q, %q, %q) = %q; want %q", tt.origin, tt.endpoint, tt.page, got, tt.want)
		}
	}
	if got := DownloadName("a-v-b", "json"); got != "a-v-b.json" {
		t.Errorf("DownloadName = %q", got)
	}
}

func TestTimeline(t *testing.T) {
	c := diffBase()
	c.Events[1].Date = c.Events[0].Date
	for _, tt := range []struct {
		f         timelinejs.Format
		name, has string
	}{
		{timelinejs.JSON, "c.timeline.json", `"headline"`},
		{timelinejs.CSV, "c.timeline.csv", "Headline"},
	} {
		data, name, lost, err := Timeline(c, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if name != tt.name || !strings.Contains(string(data), tt.has) || !strings.Contains(string(data), "Suit filed") {
			t.Errorf("Timeline(%s): %q, %.200q", tt.f, name, data)
		}
		if !strings.HasPrefix(lost, "TimelineJS has no place for: ") || !strings.Contains(lost, "quiz") {
			t.Errorf("Timeline(%s): what is lost: %q", tt.f, lost)
		}
	}
}
