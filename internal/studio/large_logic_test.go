package studio

import (
	"slices"
	"strings"
	"testing"

	"docket/internal/casefile"
)

func TestEventListShow(t *testing.T) {
	c := largeCase(120)
	c.Events[7].Title = "The summons arrives"
	c.Events[90].Date.Label = "Late March 2000"
	problems := make([]int, 120)
	problems[7] = 2
	for _, tc := range []struct {
		name          string
		list          EventList
		first, rows   int
		page, pages   int
		matches       int
		openRow, open int // the row expected open, -1 for none
	}{
		{"first page", EventList{}, 0, 50, 0, 3, 120, -1, -1},
		{"last page", EventList{Page: 2}, 100, 20, 2, 3, 120, -1, -1},
		{"past the end", EventList{Page: 9}, 100, 20, 2, 3, 120, -1, -1},
		{"before the start", EventList{Page: -1}, 0, 50, 0, 3, 120, -1, -1},
		{"found by title, any case", EventList{Find: "SUMMONS"}, 7, 1, 0, 1, 1, 0, -1},
		{"found by id", EventList{Find: "event-120"}, 119, 1, 0, 1, 1, -1, -1},
		{"found by date label", EventList{Find: "late march"}, 90, 1, 0, 1, 1, -1, -1},
		{"none found", EventList{Find: "nothing like it"}, -1, 0, 0, 1, 0, -1, -1},
		{"an open event", EventList{Open: []int{7}}, 0, 50, 0, 3, 120, 7, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.list.Show(c.Events, problems)
			if len(p.Rows) != tc.rows || p.Page != tc.page || p.Pages != tc.pages || p.Matches != tc.matches {
				t.Fatalf("rows %d, page %d of %d, %d matches; want %d, %d of %d, %d", len(p.Rows), p.Page, p.Pages, p.Matches, tc.rows, tc.page, tc.pages, tc.matches)
			}
			if tc.rows > 0 && p.Rows[0].Index != tc.first {
				t.Errorf("first row is event %d; want %d", p.Rows[0].Index, tc.first)
			}
			for _, r := range p.Rows {
				if r.Open != (r.Index == tc.open) {
					t.Errorf("row %d open = %v", r.Index, r.Open)
				}
				if r.Index == 7 && r.Problems != 2 {
					t.Errorf("event 7 has %d problems; want 2", r.Problems)
				}
				if r.Index == 90 && r.Date != "Late March 2000" {
					t.Errorf("event 90's date shows %q; want its label", r.Date)
				}
			}
		})
	}
}

func TestEventListReveal(t *testing.T) {
	c := largeCase(200)
	for _, tc := range []struct {
		name     string
		list     EventList
		i        int
		page     int
		find     string
		openWant []int
	}{
		{"on a later page", EventList{}, 120, 2, "", []int{120}},
		{"already open", EventList{Open: []int{120}}, 120, 2, "", []int{120}},
		{"hidden by the search", EventList{Find: "event-3"}, 150, 3, "", []int{150}},
		{"kept by the search", EventList{Find: "event-15"}, 150, 0, "event-15", []int{150}},
		{"out of range", EventList{Page: 1}, 500, 1, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.list
			l.Reveal(c.Events, tc.i)
			if l.Page != tc.page || l.Find != tc.find || !slices.Equal(l.Open, tc.openWant) {
				t.Errorf("after Reveal(%d): %+v; want page %d, find %q, open %v", tc.i, l, tc.page, tc.find, tc.openWant)
			}
			if tc.i < len(c.Events) && !slices.ContainsFunc(l.Show(c.Events, nil).Rows, func(r EventRow) bool { return r.Index == tc.i && r.Open }) {
				t.Errorf("event %d is not shown open", tc.i)
			}
		})
	}
}

func TestEventListFollowsEdits(t *testing.T) {
	l := EventList{}
	l.Toggle(3)
	l.Toggle(8)
	l.Moved(3, 4) // 3 moves down: it is 4 now, and 4 was 3
	if !slices.Equal(l.Open, []int{4, 8}) {
		t.Fatalf("after a move: %v", l.Open)
	}
	l.Removed(5)
	if !slices.Equal(l.Open, []int{4, 7}) {
		t.Fatalf("after removing 5: %v", l.Open)
	}
	l.Removed(4)
	l.Toggle(6)
	if len(l.Open) != 0 {
		t.Fatalf("after removing 4 and closing 6: %v", l.Open)
	}
}

func TestComparePaths(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"title", "title", 0},
		{"id", "title", -1},
		{"events", "events[0]", -1},
		{"events[2].title", "events[10].date.value", -1},
		{"events[3].id", "events[3].date.value", -1},
		{"events[3].date.value", "events[3].date.precision", -1},
		{"events[3].date", "events[3].date.value", -1},
		{"events[1].media.image.width", "events[1].media.image.height", -1},
		{"events[1].sources[1]", "events[1].sources[0]", 1},
		{"quiz.questions[0].prompt", "quiz.title", 1},
		{"sources[0].url", "events[9].title", 1},
		{"$schema", "id", -1},
		{"media.image.src", "corrections", -1},
		{"", "title", -1},
	} {
		if got := ComparePaths(tc.a, tc.b); got != tc.want {
			t.Errorf("ComparePaths(%q, %q) = %d; want %d", tc.a, tc.b, got, tc.want)
		}
		if got := ComparePaths(tc.b, tc.a); got != -tc.want {
			t.Errorf("ComparePaths(%q, %q) = %d; want %d", tc.b, tc.a, got, -tc.want)
		}
	}
}

// TestCheckAsValidate: the Studio's check finds what `docket validate`
// finds in the case's JSON, in the same order.
func TestCheckAsValidate(t *testing.T) {
	c := largeCase(30)
	c.Events[2].Date.Value = "2000-02-30"
	c.Events[4].ID = "event-1"
	c.Events[5].Body = []string{strings.Repeat("x", 5<<20)}
	c.Events[6].Media = &casefile.Media{Image: &casefile.Image{Src: "http://example.org/a.jpg", Alt: "A", Width: -3, Height: 20}}
	c.Events[9].Title = ""
	c.Media = &casefile.Media{Link: &casefile.Link{URL: "ftp://x"}}
	data, err := Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	_, want := casefile.Check("", data)
	got := Check(c)
	if len(got) != len(want) {
		t.Fatalf("Check found %d problems; docket validate %d:\n%s\n---\n%s", len(got), len(want), got, want)
	}
	for i := range got {
		if got[i].Path != want[i].Path || got[i].Message != want[i].Message {
			t.Errorf("problem %d: %s: %s; docket validate: %s: %s", i, got[i].Path, got[i].Message, want[i].Path, want[i].Message)
		}
	}
}

func TestPixels(t *testing.T) {
	for _, tc := range []struct {
		typed   string
		n       int
		problem string
	}{
		{"", 0, ""},
		{" 1200 ", 1200, ""},
		{"-5", -5, ""}, // the validator says it is no size
		{"0", 0, "0 is not a size"},
		{"12a", 0, `"12a" is not a whole number`},
		{"1.5", 0, `"1.5" is not a whole number`},
		{"1e3", 0, `"1e3" is not a whole number`},
	} {
		n, problem := Pixels(tc.typed)
		if n != tc.n || !strings.HasPrefix(problem, tc.problem) || (tc.problem == "") != (problem == "") {
			t.Errorf("Pixels(%q) = %d, %q; want %d, %q…", tc.typed, n, problem, tc.n, tc.problem)
		}
	}
	for _, tc := range []struct {
		typed string
		ok    bool
		n     int
		want  string
	}{
		{"", false, 0, ""},
		{"", false, 640, "640"},
		{"12a", true, 0, "12a"},
		{" 640", true, 640, " 640"},
		{"12a", true, 640, "640"}, // changed since: the number
	} {
		if got := PixelsText(tc.typed, tc.ok, tc.n); got != tc.want {
			t.Errorf("PixelsText(%q, %v, %d) = %q; want %q", tc.typed, tc.ok, tc.n, got, tc.want)
		}
	}
}

func TestTypedProblems(t *testing.T) {
	c := largeCase(3)
	c.Media = &casefile.Media{Image: &casefile.Image{}}
	c.Events[1].Media = &casefile.Media{Image: &casefile.Image{Height: 480}}
	boxes := map[string]string{
		"media.image.width":            "wide",
		"events[1].media.image.height": "480",
		"events[1].media.image.width":  "0",
		"events[2].media.image.width":  "x", // no media: nothing to say
		"events[0].body":               "text",
	}
	var got []string
	for _, p := range TypedProblems(c, boxes) {
		got = append(got, p.Path+": "+p.Message)
	}
	want := []string{ // in the case's order: events come before its media
		`events[1].media.image.width: 0 is not a size: give the size in pixels, such as 1200, or leave it empty`,
		`media.image.width: "wide" is not a whole number: give the size in pixels, such as 1200`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("TypedProblems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTooLarge(t *testing.T) {
	if msg := TooLarge(casefile.MaxFileBytes); msg != "" {
		t.Errorf("a draft at the limit: %q", msg)
	}
	if msg := TooLarge(casefile.MaxFileBytes + 1<<20); !strings.Contains(msg, "17.0 MB, more than the 16.0 MB") {
		t.Errorf("a draft over the limit: %q", msg)
	}
	c := largeCase(3)
	c.Events[2].Body = append(c.Events[2].Body, strings.Repeat("y", 1000))
	if path, n := LongestText(c); path != "events[2].body[2]" || n != 1000 {
		t.Errorf("LongestText = %s, %d", path, n)
	}
}

func TestProblemsByEvent(t *testing.T) {
	ps := casefile.Problems{{Path: "events[0].title"}, {Path: "events[2].date.value"}, {Path: "events[2]"}, {Path: "events"},
		{Path: "quiz.questions[0].events[1]"}, {Path: "events[9].title"}}
	if got := ProblemsByEvent(ps, 3); !slices.Equal(got, []int{1, 0, 2}) {
		t.Errorf("ProblemsByEvent = %v", got)
	}
	for path, want := range map[string]int{"events[12].title": 12, "events": -1, "title": -1, "quiz.questions[0].events[1]": -1} {
		if got := EventOf(path); got != want {
			t.Errorf("EventOf(%q) = %d; want %d", path, got, want)
		}
	}
	if got := count(10000); got != "10,000" {
		t.Errorf("count(10000) = %q", got)
	}
}
