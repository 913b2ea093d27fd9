package routes

import (
	"net/url"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		path   string
		isPage bool
		caseID string
	}{
		{"/", true, ""},
		{"/cases/twitter-v-dhs-2017", true, "twitter-v-dhs-2017"},
		{"/cases/a", true, "a"},
		{"/cases/a/", true, "a"},
		{"/embed/a/", true, "a"},
		{"/cases/a//", false, "a"},
		{"/cases/a/events/b", true, "a"},
		{"/cases/a/events/b/", true, "a"},
		{"/cases/a/events/", false, "a"},
		{"/cases/", false, ""},
		{"/embed/twitter-v-dhs-2017", true, "twitter-v-dhs-2017"},
		{"/embed/", false, ""},
		{"/cases/Bad-Case", false, "Bad-Case"},
		{"/cases/a--b", false, "a--b"},
		{"/cases/a/b", false, "a"},
		{"/web/app.wasm", false, ""},
		{"/index.html", false, ""},
	}
	for _, tt := range tests {
		if got := IsPage(tt.path); got != tt.isPage {
			t.Errorf("IsPage(%q) = %v; want %v", tt.path, got, tt.isPage)
		}
		if got := CaseID(tt.path); got != tt.caseID {
			t.Errorf("CaseID(%q) = %q; want %q", tt.path, got, tt.caseID)
		}
	}
	if got := CasePath("x-y"); got != "/cases/x-y/" || !IsPage(got) {
		t.Errorf("CasePath(x-y) = %q", got)
	}
}

func TestEmbed(t *testing.T) {
	if !IsEmbed("/embed/x") || IsEmbed("/cases/x") || IsEmbed("/") {
		t.Error("IsEmbed is wrong about /embed/x, /cases/x or /")
	}
	for in, want := range map[string]string{"timeline": "timeline", "quiz": "quiz", "both": "both", "": "both", "QUIZ": "both", "<x>": "both"} {
		if got := EmbedView(in); got != want {
			t.Errorf("EmbedView(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestEventID(t *testing.T) {
	for in, want := range map[string]string{
		"/?event=x":                 "x",
		"/cases/a?event=y":          "y",
		"/cases/a/events/z":         "z",
		"/cases/a/events/z/":        "z",
		"/cases/a/events/z?event=q": "q",
		"/cases/a":                  "",
		"/":                         "",
	} {
		u, _ := url.Parse(in)
		if got := EventID(u); got != want {
			t.Errorf("EventID(%s) = %q; want %q", in, got, want)
		}
	}
	if got := EventPath("a", "b"); got != "/cases/a/events/b/" || !IsPage(got) {
		t.Errorf("EventPath = %q", got)
	}
}

func TestOnEvent(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		ok         bool
	}{
		{"/cases/a/events/x", "/cases/a/events/b", true},
		{"/cases/a/events/x/", "/cases/a/events/b/", true},
		{"/cases/a", "", false},
		{"/cases/a/", "", false},
		{"/", "", false},
		{"/embed/a", "", false},
		{"/cases/a/events/", "", false},
		{"/cases/a/events/x/y", "", false},
	} {
		got, ok := OnEvent(tc.path, "b")
		if got != tc.want || ok != tc.ok {
			t.Errorf("OnEvent(%q, b) = %q, %v; want %q, %v", tc.path, got, ok, tc.want, tc.ok)
		}
	}
}

func TestUnderAndWithin(t *testing.T) {
	for _, tc := range []struct{ base, path, under string }{
		{"/", "/", "/"},
		{"/", "/cases/x/", "/cases/x/"},
		{"/explainers/", "/", "/explainers/"},
		{"/explainers/", "/cases/x/?event=a#a", "/explainers/cases/x/?event=a#a"},
		{"/explainers", "/web/share.png", "/explainers/web/share.png"},
		{"/a/b/", "/api/cases", "/a/b/api/cases"},
		{"/explainers/", "#timeline", "#timeline"},
		{"/explainers/", "https://example.org/", "https://example.org/"},
	} {
		got := Under(tc.base, tc.path)
		if got != tc.under {
			t.Errorf("Under(%q, %q) = %q; want %q", tc.base, tc.path, got, tc.under)
		}
		if !strings.HasPrefix(tc.path, "/") {
			continue
		}
		if back, ok := Within(tc.base, got); !ok || back != tc.path {
			t.Errorf("Within(%q, %q) = %q, %v; want %q, true", tc.base, got, back, ok, tc.path)
		}
	}
	for _, tc := range []struct{ base, path, want string }{
		{"/explainers/", "/explainers", "/"},
		{"/explainers/", "/explainersx/api/", ""},
		{"/explainers/", "/api/cases", ""},
	} {
		got, ok := Within(tc.base, tc.path)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("Within(%q, %q) = %q, %v; want %q", tc.base, tc.path, got, ok, tc.want)
		}
	}
}

func TestPagePath(t *testing.T) {
	if got := PagePath("a", "a"); got != "/" {
		t.Errorf("PagePath of the default case = %q; want /", got)
	}
	if got := PagePath("b", "a"); got != "/cases/b/" {
		t.Errorf("PagePath of another case = %q; want /cases/b/", got)
	}
}

func TestMediaPath(t *testing.T) {
	tests := []struct {
		caseID, src, path string
		local             bool
	}{
		{"a", "media/summons.jpg", "/media/a/media/summons.jpg", true},
		{"a", "court photo.png", "/media/a/court%20photo.png", true},
		{"a", "ünïcode/#1.png", "/media/a/%C3%BCn%C3%AFcode/%231.png", true},
		{"a", "https://example.org/x.png", "", false},
		{"a", "//example.org/x.png", "", false},
	}
	for _, tt := range tests {
		if got := IsLocalMedia(tt.src); got != tt.local {
			t.Errorf("IsLocalMedia(%q) = %v, want %v", tt.src, got, tt.local)
		}
		if !tt.local {
			continue
		}
		p := MediaPath(tt.caseID, tt.src)
		if p != tt.path {
			t.Errorf("MediaPath(%q, %q) = %q, want %q", tt.caseID, tt.src, p, tt.path)
		}
		u, err := url.Parse(p)
		if err != nil {
			t.Fatal(err)
		}
		if id, src, ok := MediaFile(u.Path); !ok || id != tt.caseID || src != tt.src {
			t.Errorf("MediaFile(%q) = %q, %q, %v; want %q, %q", u.Path, id, src, ok, tt.caseID, tt.src)
		}
	}
	for _, p := range []string{"/media/", "/media/a", "/media/a/", "/web/x.png"} {
		if _, _, ok := MediaFile(p); ok {
			t.Errorf("MediaFile(%q) is a media file", p)
		}
	}
}

func TestStudioCaseID(t *testing.T) {
	for _, tc := range []struct {
		path, id string
		ok       bool
	}{
		{"/studio/cases/twitter-v-dhs", "twitter-v-dhs", true},
		{StudioCase("a1"), "a1", true},
		{"/studio/cases/", "", false},
		{"/studio/cases/Bad", "", false},
		{"/studio/cases/a/events/b", "", false},
		{"/studio/cases/a/", "", false},
		{"/studio/", "", false},
	} {
		if id, ok := StudioCaseID(tc.path); id != tc.id || ok != tc.ok {
			t.Errorf("StudioCaseID(%q) = %q, %v; want %q, %v", tc.path, id, ok, tc.id, tc.ok)
		}
	}
}

func TestAnswersPath(t *testing.T) {
	if p := AnswersPath("a-b"); p != "/api/cases/a-b/answers" || !IsAnswers(p) {
		t.Errorf("AnswersPath = %q", p)
	}
	for _, p := range []string{"/api/cases/a/answers/", "/api/cases/A/answers", "/api/cases/a", "/api/cases/a/b/answers", "/cases/a/answers"} {
		if IsAnswers(p) {
			t.Errorf("IsAnswers(%q)", p)
		}
	}
}

func TestStudioPreview(t *testing.T) {
	if got := StudioPreview("a-case"); got != "/studio/preview/cases/a-case/" {
		t.Errorf("StudioPreview = %q", got)
	}
	if p, ok := Within(StudioPreviewPrefix, StudioPreview("a-case")); !ok || p != CasePath("a-case") {
		t.Errorf("the preview's path within its prefix = %q, %v; want the case's page", p, ok)
	}
}
