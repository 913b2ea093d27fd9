package timelinejs

import (
	"reflect"
	"strings"
	"testing"

	"docket/internal/casefile"
)

// convertOne converts a timeline of a title and the given event slides.
func convertOne(t *testing.T, events ...Slide) (*casefile.Case, *Report) {
	t.Helper()
	for i := range events {
		if events[i].At == (Locator{}) {
			events[i].At = Locator{Line: i + 3}
		}
	}
	tl := &Timeline{Name: "sample.csv", Format: CSV, Events: events,
		Title: &Slide{At: Locator{Line: 2}, Headline: "A sample", Text: "<p>What happened.</p>"}}
	return Convert(tl)
}

// hasItem reports whether the report has an item of kind whose text
// contains each of the parts.
func hasItem(r *Report, kind Kind, parts ...string) bool {
	for _, it := range r.Of(kind) {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(it.String(), p)
		}
		if ok {
			return true
		}
	}
	return false
}

func day(y, m, d string) *DateParts { return &DateParts{Year: y, Month: m, Day: d} }

// TestDates checks the date rules: the precision is the finest part given,
// seconds are dropped and said so, a year outside 1-9999 or a date that
// does not exist drops the event with the reason.
func TestDates(t *testing.T) {
	tests := []struct {
		name    string
		date    DateParts
		want    casefile.Date // zero: the event is dropped
		report  Kind
		message string
	}{
		{"year", DateParts{Year: "1942"}, casefile.Date{Value: "1942", Precision: casefile.Year}, Mapped, ""},
		{"year as a JSON number", DateParts{Year: "1942.0"}, casefile.Date{Value: "1942", Precision: casefile.Year}, Mapped, ""},
		{"thousands separator", DateParts{Year: "1,815"}, casefile.Date{Value: "1815", Precision: casefile.Year}, Mapped, ""},
		{"month", DateParts{Year: "1942", Month: "6"}, casefile.Date{Value: "1942-06", Precision: casefile.Month}, Mapped, ""},
		{"day", DateParts{Year: "1942", Month: "06", Day: "1"}, casefile.Date{Value: "1942-06-01", Precision: casefile.Day}, Mapped, ""},
		{"early year", DateParts{Year: "800", Month: "12", Day: "25"}, casefile.Date{Value: "0800-12-25", Precision: casefile.Day}, Mapped, ""},
		{"JSON hour and minute", DateParts{Year: "2017", Month: "4", Day: "6", Hour: "16", Minute: "30"},
			casefile.Date{Value: "2017-04-06T16:30", Precision: casefile.Minute}, Mapped, ""},
		{"hour only", DateParts{Year: "2017", Month: "4", Day: "6", Hour: "9"},
			casefile.Date{Value: "2017-04-06T09:00", Precision: casefile.Minute}, Mapped, ""},
		{"Sheets time", DateParts{Year: "2017", Month: "4", Day: "6", Time: "16:30"},
			casefile.Date{Value: "2017-04-06T16:30", Precision: casefile.Minute}, Mapped, ""},
		{"Sheets time PM", DateParts{Year: "2017", Month: "4", Day: "6", Time: "4:30 PM"},
			casefile.Date{Value: "2017-04-06T16:30", Precision: casefile.Minute}, Mapped, ""},
		{"Sheets time 12 am", DateParts{Year: "2017", Month: "4", Day: "6", Time: "12:05 a.m."},
			casefile.Date{Value: "2017-04-06T00:05", Precision: casefile.Minute}, Mapped, ""},
		{"seconds", DateParts{Year: "2017", Month: "4", Day: "6", Time: "16:30:15"},
			casefile.Date{Value: "2017-04-06T16:30", Precision: casefile.Minute}, Changed, "16:30:15 became 16:30"},
		{"JSON seconds", DateParts{Year: "2017", Month: "4", Day: "6", Hour: "16", Minute: "30", Second: "59"},
			casefile.Date{Value: "2017-04-06T16:30", Precision: casefile.Minute}, Changed, "to the minute"},
		{"time without a day", DateParts{Year: "2017", Month: "4", Time: "16:30"},
			casefile.Date{Value: "2017-04", Precision: casefile.Month}, Changed, "time of day on a date with no day was dropped"},
		{"BCE", DateParts{Year: "-500"}, casefile.Date{}, Dropped, "year -500 is before year 1"},
		{"year 0", DateParts{Year: "0"}, casefile.Date{}, Dropped, "before year 1"},
		{"far future", DateParts{Year: "12000"}, casefile.Date{}, Dropped, "year 12000 is after 9999"},
		{"cosmological", DateParts{Year: "-13800000000"}, casefile.Date{}, Dropped, "is not a whole number"},
		{"not a number", DateParts{Year: "circa 1900"}, casefile.Date{}, Dropped, `year "circa 1900" is not a whole number`},
		{"month 13", DateParts{Year: "2017", Month: "13"}, casefile.Date{}, Dropped, "month 13 is not a month"},
		{"February 30", DateParts{Year: "2017", Month: "2", Day: "30"}, casefile.Date{}, Dropped, "that month has 28 days"},
		{"day without a month", DateParts{Year: "2017", Day: "3"}, casefile.Date{}, Dropped, "has a day (3) but no month"},
		{"bad time", DateParts{Year: "2017", Month: "4", Day: "6", Time: "25:00"}, casefile.Date{}, Dropped, `time "25:00" is not a time of day`},
		{"bad hour", DateParts{Year: "2017", Month: "4", Day: "6", Hour: "24"}, casefile.Date{}, Dropped, "hour 24 is not from 0 to 23"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.date
			c, r := convertOne(t, Slide{Start: &d, Headline: "Something happens", Text: "Text."})
			if tt.want == (casefile.Date{}) {
				if len(c.Events) != 0 {
					t.Fatalf("got event date %+v; want the event dropped", c.Events[0].Date)
				}
				if !hasItem(r, Dropped, "line 3", `"Something happens"`, tt.message) {
					t.Errorf("the report does not drop it with %q:\n%s", tt.message, r)
				}
				return
			}
			if len(c.Events) != 1 || c.Events[0].Date != tt.want {
				t.Fatalf("got %+v; want one event dated %+v\n%s", c.Events, tt.want, r)
			}
			if tt.message != "" && !hasItem(r, tt.report, "line 3", tt.message) {
				t.Errorf("the report lacks %q:\n%s", tt.message, r)
			}
		})
	}
}

// TestLabelsAndSpans checks display dates (labels) and end dates (spans).
func TestLabelsAndSpans(t *testing.T) {
	tests := []struct {
		name      string
		slide     Slide
		wantLabel string
		wantEnd   *casefile.Date
		kind      Kind
		message   string
	}{
		{"slide display date", Slide{Start: day("1961", "6", "3"), DisplayDate: "Early hours of June 3, 1961"},
			"Early hours of June 3, 1961", nil, Mapped, ""},
		{"date display date", Slide{Start: &DateParts{Year: "1961", DisplayDate: "About 1961"}}, "About 1961", nil, Mapped, ""},
		{"slide wins", Slide{Start: &DateParts{Year: "1961", DisplayDate: "About 1961"}, DisplayDate: "1961?"},
			"1961?", nil, Dropped, `the start date's display_date "About 1961"`},
		{"span", Slide{Start: day("1961", "8", "25"), End: &DateParts{Year: "1963", Month: "8"}},
			"", &casefile.Date{Value: "1963-08", Precision: casefile.Month}, Mapped, ""},
		{"span to a coarser end in the same year", Slide{Start: day("1943", "7", "1"), End: &DateParts{Year: "1943"}},
			"", &casefile.Date{Value: "1943", Precision: casefile.Year}, Mapped, ""},
		{"end label", Slide{Start: day("1961", "8", "25"), End: &DateParts{Year: "1963", DisplayDate: "1963"}},
			"", &casefile.Date{Value: "1963", Precision: casefile.Year, Label: "1963"}, Mapped, ""},
		{"end before start", Slide{Start: day("1961", "8", "25"), End: day("1960", "1", "1")},
			"", nil, Dropped, "the end date 1960-01-01 is before the start 1961-08-25"},
		{"end is start", Slide{Start: day("1961", "8", "25"), End: day("1961", "8", "25")},
			"", nil, Changed, "the end date is the start date"},
		{"bad end", Slide{Start: day("1961", "8", "25"), End: &DateParts{Year: "1962", Month: "14"}},
			"", nil, Dropped, "month 14 is not a month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.slide.Headline = "An event"
			c, r := convertOne(t, tt.slide)
			if len(c.Events) != 1 {
				t.Fatalf("got %d events; want 1\n%s", len(c.Events), r)
			}
			e := c.Events[0]
			if e.Date.Label != tt.wantLabel || !reflect.DeepEqual(e.End, tt.wantEnd) {
				t.Errorf("label %q, end %+v; want %q, %+v", e.Date.Label, e.End, tt.wantLabel, tt.wantEnd)
			}
			if tt.message != "" && !hasItem(r, tt.kind, tt.message) {
				t.Errorf("the report lacks %q:\n%s", tt.message, r)
			}
		})
	}
}

// TestText checks that HTML becomes plain text with its paragraphs, and
// that its links become the event's sources.
func TestText(t *testing.T) {
	tests := []struct {
		name    string
		html    string
		body    []string
		sources []casefile.Source
		kind    Kind
		message string
	}{
		{"plain", "Just words.", []string{"Just words."}, nil, Mapped, ""},
		{"paragraphs", "<p>One.</p><p>Two <b>bold</b>\n words.</p>", []string{"One.", "Two bold words."}, nil, Mapped, ""},
		{"text before a paragraph", "Loose text. \n<p><span class=\"tl-note\">A note</span>", []string{"Loose text.", "A note"}, nil, Mapped, ""},
		{"line breaks", "One<br>Two<br/>Three", []string{"One", "Two", "Three"}, nil, Mapped, ""},
		{"entities", "<p>Fish &amp; chips&nbsp;&mdash; &lt;3</p>", []string{"Fish & chips — <3"}, nil, Mapped, ""},
		{"quote and list", "<blockquote>Said.</blockquote><ul><li>a</li><li>b</li></ul>", []string{"Said.", "a", "b"}, nil, Mapped, ""},
		{"a link", `<p>See <a href="https://www.example.org/ruling.pdf">the ruling</a>.</p>`, []string{"See the ruling."},
			[]casefile.Source{{ID: "the-ruling", Title: "the ruling", Publisher: "example.org", URL: "https://www.example.org/ruling.pdf"}}, Mapped, ""},
		{"a link without text", `<a href="http://example.org/a"></a>Text`, []string{"Text"},
			[]casefile.Source{{ID: "example-org-a", Title: "example.org/a", Publisher: "example.org", URL: "http://example.org/a"}}, Mapped, ""},
		{"the same link twice", `<a href="https://example.org/a">A</a> and <a href="https://example.org/a">again</a>`, []string{"A and again"},
			[]casefile.Source{{ID: "a", Title: "A", Publisher: "example.org", URL: "https://example.org/a"}}, Mapped, ""},
		{"a bare address, which TimelineJS links", "From https://example.org/list. More.", []string{"From https://example.org/list. More."},
			[]casefile.Source{{ID: "example-org-list", Title: "example.org/list", Publisher: "example.org", URL: "https://example.org/list"}}, Mapped, ""},
		{"a mail link", `<a href="mailto:desk@example.org">Write to us</a>`, []string{"Write to us"}, nil, Dropped, `the link to "mailto:desk@example.org" is not a web address`},
		{"a script", `<p>Hi</p><script>alert("x")</script>`, []string{"Hi", `alert("x")`}, nil, Changed, "a <script> element's code is kept as plain text"},
		{"a style", `<style>p{color:red}</style><p>Hi</p>`, []string{"Hi"}, nil, Dropped, "a <style> element was dropped"},
		{"an iframe", `<p>Hi</p><iframe src="https://example.org/"></iframe>`, []string{"Hi"}, nil, Dropped, "an embedded <iframe> in the text was dropped"},
		{"an image", `<p>Hi <img src="x.png" alt="a map"></p>`, []string{"Hi a map"}, nil, Dropped, "an image inside the text was dropped"},
		{"control characters", "Tab\there\u2028and\u202Ethere", []string{"Tab here andthere"}, nil, Mapped, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, r := convertOne(t, Slide{Start: day("2017", "1", "1"), Headline: "An event", Text: tt.html})
			e := c.Events[0]
			if !reflect.DeepEqual(e.Body, tt.body) {
				t.Errorf("body %q; want %q", e.Body, tt.body)
			}
			var want []string
			for _, s := range tt.sources {
				want = append(want, s.ID)
			}
			if !reflect.DeepEqual(c.Sources, orEmptySlice(tt.sources)) || !reflect.DeepEqual(e.Sources, orEmptySlice(want)) {
				t.Errorf("sources %+v, event's %q; want %+v, %q", c.Sources, e.Sources, tt.sources, want)
			}
			if tt.message != "" && !hasItem(r, tt.kind, "line 3 (Text)", tt.message) {
				t.Errorf("the report lacks %q:\n%s", tt.message, r)
			}
		})
	}
}

func orEmptySlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// TestIDs checks ids: unique_id when given, else a slug of the headline,
// made unique.
func TestIDs(t *testing.T) {
	c, r := convertOne(t,
		Slide{Start: day("2017", "1", "1"), Headline: "Gideon’s petition", UniqueID: "petition"},
		Slide{Start: day("2017", "1", "2"), Headline: "Rózsa Péter writes <i>recursion</i>"},
		Slide{Start: day("2017", "1", "3"), Headline: "The same"},
		Slide{Start: day("2017", "1", "4"), Headline: "The same"},
		Slide{Start: day("2017", "1", "5"), Headline: "!!!"},
		Slide{Start: day("2017", "1", "6"), Headline: "Other", UniqueID: "Slide 7!"},
		Slide{Start: day("2017", "1", "7"), Headline: "Petition"},
	)
	var got []string
	for _, e := range c.Events {
		got = append(got, e.ID)
	}
	want := []string{"petition", "rozsa-peter-writes-recursion", "the-same", "the-same-2", "event", "slide-7", "petition-2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ids %q; want %q", got, want)
	}
	if !hasItem(r, Changed, `the id "Slide 7!" became "slide-7"`) {
		t.Errorf("the report does not say the id changed:\n%s", r)
	}
	if long := slug(strings.Repeat("word ", 40)); len(long) > maxSlugLen || strings.HasSuffix(long, "-") {
		t.Errorf("slug of a long headline: %q", long)
	}
}

// TestCategories checks that groups become categories, declared once in
// the order first seen, each with its own colour.
func TestCategories(t *testing.T) {
	c, r := convertOne(t,
		Slide{Start: day("2017", "1", "1"), Headline: "a", Group: "In court"},
		Slide{Start: day("2017", "1", "2"), Headline: "b", Group: "Government"},
		Slide{Start: day("2017", "1", "3"), Headline: "c", Group: "In court"},
		Slide{Start: day("2017", "1", "4"), Headline: "d"},
	)
	want := []casefile.Category{{ID: "in-court", Label: "In court", Color: Palette[0]},
		{ID: "government", Label: "Government", Color: Palette[1]}, {ID: "other", Label: "Other", Color: Palette[2]}}
	if !reflect.DeepEqual(c.Categories, want) {
		t.Errorf("categories %+v; want %+v", c.Categories, want)
	}
	var got []string
	for _, e := range c.Events {
		got = append(got, e.Category)
	}
	if !reflect.DeepEqual(got, []string{"in-court", "government", "in-court", "other"}) {
		t.Errorf("event categories %q", got)
	}
	if !hasItem(r, Mapped, `"In court", "Government", "Other"`) {
		t.Errorf("the report does not list the categories:\n%s", r)
	}

	c, r = convertOne(t, Slide{Start: day("2017", "1", "1"), Headline: "a"})
	if len(c.Categories) != 1 || c.Categories[0].ID != "events" || c.Events[0].Category != "events" {
		t.Errorf("with no group: %+v", c.Categories)
	}
	if !hasItem(r, Mapped, `no slide has a Group: every event is in one category, "Events"`) {
		t.Errorf("the report does not say so:\n%s", r)
	}
}

// TestPalette checks that the palette's colours pass the validator: each
// reads on white, and no two are the same.
func TestPalette(t *testing.T) {
	var slides []Slide
	for i := range Palette {
		slides = append(slides, Slide{Start: day("2017", "1", "1"), Headline: "e", Group: "Group " + string(rune('A'+i))})
	}
	c, _ := convertOne(t, slides...)
	for _, p := range c.Validate() {
		if strings.HasPrefix(p.Path, "categories") {
			t.Errorf("%s", p)
		}
	}
	if len(Palette) < casefile.MaxCategories {
		t.Errorf("the palette has %d colours; a case may have %d categories", len(Palette), casefile.MaxCategories)
	}
}

// TestMedia checks how each kind of media maps: images (with alt text),
// links for what Docket does not embed, and what is dropped.
func TestMedia(t *testing.T) {
	img := func(src, alt, caption, credit string) *casefile.Media {
		return &casefile.Media{Image: &casefile.Image{Src: src, Alt: alt, Caption: caption, Credit: credit}}
	}
	lnk := func(url, title string) *casefile.Media {
		return &casefile.Media{Link: &casefile.Link{URL: url, Title: title}}
	}
	tests := []struct {
		name    string
		media   MediaParts
		want    *casefile.Media
		kind    Kind
		message string
	}{
		{"image", MediaParts{URL: "https://example.org/a.JPG", Alt: "A court house", Caption: "<i>The</i> court", Credit: "AP"},
			img("https://example.org/a.JPG", "A court house", "The court", "AP"), Mapped, ""},
		{"alt from the caption", MediaParts{URL: "https://example.org/a.png", Caption: "The court"},
			img("https://example.org/a.png", "The court", "The court", ""), ToDo, "its caption was copied there"},
		{"no alt at all", MediaParts{URL: "https://example.org/a.png"},
			img("https://example.org/a.png", "", "", ""), ToDo, "write what the picture shows; it is required"},
		{"a file beside the timeline", MediaParts{URL: "media/a.webp", Alt: "A"},
			img("media/a.webp", "A", "", ""), ToDo, "copy the image file into the folder that holds the case file, as media/a.webp"},
		{"protocol-relative", MediaParts{URL: "//example.org/a.gif", Alt: "A"},
			img("https://example.org/a.gif", "A", "", ""), Changed, `"//example.org/a.gif" became "https://example.org/a.gif"`},
		{"http image", MediaParts{URL: "http://example.org/a.jpg", Caption: "A photo"},
			lnk("http://example.org/a.jpg", "A photo"), Changed, "is not on https"},
		{"YouTube", MediaParts{URL: "https://www.youtube.com/watch?v=abc", Caption: "The hearing"},
			lnk("https://www.youtube.com/watch?v=abc", "The hearing"), Mapped, `a YouTube video, as a link card titled "The hearing"`},
		{"Vimeo, titled by the headline", MediaParts{URL: "https://vimeo.com/1"},
			lnk("https://vimeo.com/1", "The event"), Mapped, "a Vimeo video"},
		{"a post", MediaParts{URL: "https://twitter.com/x/status/1", Credit: "X"},
			lnk("https://twitter.com/x/status/1", "The event"), Dropped, `the credit "X": a link card shows only its title`},
		{"an iframe", MediaParts{URL: `<iframe src="https://example.org"></iframe>`}, nil, Dropped, "embedded HTML"},
		{"not an address", MediaParts{URL: "ftp://example.org/a.pdf"}, nil, Dropped, "Docket shows an image"},
		{"a caption alone", MediaParts{Caption: "Lost"}, nil, Dropped, "a caption, credit or alt text with no media address"},
		{"thumbnail", MediaParts{URL: "https://example.org/a.png", Alt: "A", Thumbnail: "https://example.org/t.png"},
			img("https://example.org/a.png", "A", "", ""), Dropped, "the thumbnail"},
		{"a link around the media", MediaParts{URL: "https://example.org/a.png", Alt: "A", Link: "https://example.org/"},
			img("https://example.org/a.png", "A", "", ""), Dropped, "the link around the media"},
		{"a link in the credit", MediaParts{URL: "https://example.org/a.png", Alt: "A", Credit: `<a href="https://example.org/p">P</a>`},
			img("https://example.org/a.png", "A", "", "P"), Dropped, "the link to https://example.org/p in the credit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, r := convertOne(t, Slide{Start: day("2017", "1", "1"), Headline: "The event", Text: "x", Media: tt.media})
			if got := c.Events[0].Media; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("media %s; want %s", show(got), show(tt.want))
			}
			if tt.message != "" && !hasItem(r, tt.kind, "line 3", tt.message) {
				t.Errorf("the report lacks %q:\n%s", tt.message, r)
			}
		})
	}
}

func show(m *casefile.Media) string {
	switch {
	case m == nil:
		return "none"
	case m.Image != nil:
		return "image " + strings.Join([]string{m.Image.Src, m.Image.Alt, m.Image.Caption, m.Image.Credit}, " | ")
	case m.Link != nil:
		return "link " + m.Link.URL + " | " + m.Link.Title
	}
	return "empty"
}

// TestQuotationMedia checks that TimelineJS's quotation "media" joins the
// event's text rather than being lost.
func TestQuotationMedia(t *testing.T) {
	c, r := convertOne(t, Slide{Start: day("1948", "3", "14"), Headline: "Edith Clarke",
		Media: MediaParts{URL: "<blockquote>There is always a demand. <cite>Edith Clarke</cite></blockquote>"}})
	if got := c.Events[0].Body; !reflect.DeepEqual(got, []string{"There is always a demand. Edith Clarke"}) || c.Events[0].Media != nil {
		t.Errorf("body %q, media %s", got, show(c.Events[0].Media))
	}
	if !hasItem(r, Changed, "the quotation in Media became the event's text") {
		t.Errorf("the report does not say so:\n%s", r)
	}
}

// TestBackground checks that a slide background is dropped with why.
func TestBackground(t *testing.T) {
	_, r := convertOne(t,
		Slide{Start: day("2017", "1", "1"), Headline: "a", Background: "#0f9bd1"},
		Slide{Start: day("2017", "1", "2"), Headline: "b", Background: "https://example.org/bg.jpg"})
	if !hasItem(r, Dropped, "line 3 (Background)", `the background colour "#0f9bd1"`) ||
		!hasItem(r, Dropped, "line 4 (Background)", "the background image") {
		t.Errorf("the report does not drop the backgrounds:\n%s", r)
	}
}

// TestTitleSlide checks that the title slide gives the case its id, title,
// summary and lead media, and that without one the file name gives the id.
func TestTitleSlide(t *testing.T) {
	tl := &Timeline{Name: "dir/My Timeline.json", Format: JSON,
		Title: &Slide{At: Locator{Path: "title"}, Headline: "Twitter <i>v.</i> DHS", Text: "<p>One.</p><p>Two.</p>",
			Start: day("2017", "1", "1"), Media: MediaParts{URL: "https://example.org/lead.png", Alt: "The lead"}},
		Events: []Slide{{At: Locator{Path: "events[0]"}, Start: day("2017", "1", "1"), Headline: "e"}}}
	c, r := Convert(tl)
	if c.ID != "twitter-v-dhs" || c.Title != "Twitter v. DHS" || c.Summary != "One. Two." ||
		c.Media == nil || c.Media.Image == nil || c.Media.Image.Alt != "The lead" {
		t.Errorf("case %q %q %q %s", c.ID, c.Title, c.Summary, show(c.Media))
	}
	if !hasItem(r, Changed, "title.text.text", "2 paragraphs were joined") || !hasItem(r, Dropped, "title.start_date", "the title slide's date") {
		t.Errorf("the report does not say what changed:\n%s", r)
	}

	tl.Title = nil
	c, r = Convert(tl)
	if c.ID != "my-timeline" || c.Title != "" || !hasItem(r, ToDo, "title", "give the case a title") {
		t.Errorf("without a title slide: id %q, title %q\n%s", c.ID, c.Title, r)
	}
}

// TestEvents checks the event rules: a slide with no year is reported, not
// invented; events are put in date order, and the report says so.
func TestEvents(t *testing.T) {
	c, r := convertOne(t,
		Slide{Start: day("1961", "1", "1"), Headline: "Later"},
		Slide{Headline: "No date"},
		Slide{Start: day("1932", "1", "1"), Headline: "Earlier"},
	)
	if len(c.Events) != 2 || c.Events[0].Title != "Earlier" || c.Events[1].Title != "Later" {
		t.Errorf("events %+v", c.Events)
	}
	if !hasItem(r, Dropped, "line 4", `the event "No date" has no start date (no Year): not imported`) {
		t.Errorf("the report does not drop the undated slide:\n%s", r)
	}
	if !hasItem(r, Changed, "the events were put in date order") {
		t.Errorf("the report does not say the events were sorted:\n%s", r)
	}
}

// TestEras checks eras: a headline and two dates, or dropped with why.
func TestEras(t *testing.T) {
	tl := &Timeline{Name: "t.csv", Format: CSV,
		Events: []Slide{{At: Locator{Line: 2}, Start: day("2017", "1", "1"), Headline: "e"}},
		Eras: []Slide{
			{At: Locator{Line: 3}, Headline: "In court", Start: &DateParts{Year: "2017", Month: "1"}, End: &DateParts{Year: "2017", Month: "4"}, DisplayDate: "Early 2017"},
			{At: Locator{Line: 4}, Headline: "Open-ended", Start: &DateParts{Year: "2017"}},
			{At: Locator{Line: 5}, Headline: "Backwards", Start: &DateParts{Year: "2018"}, End: &DateParts{Year: "2017"}},
			{At: Locator{Line: 6}, Headline: "With text", Start: &DateParts{Year: "2018"}, End: &DateParts{Year: "2019"}, Text: "ignored"},
		}}
	c, r := Convert(tl)
	want := []casefile.Era{
		{Title: "In court", Start: casefile.Date{Value: "2017-01", Precision: casefile.Month, Label: "Early 2017"}, End: casefile.Date{Value: "2017-04", Precision: casefile.Month}},
		{Title: "With text", Start: casefile.Date{Value: "2018", Precision: casefile.Year}, End: casefile.Date{Value: "2019", Precision: casefile.Year}},
	}
	if !reflect.DeepEqual(c.Eras, want) {
		t.Errorf("eras %+v; want %+v", c.Eras, want)
	}
	for _, msg := range []string{`line 4: the era "Open-ended" needs a start and an end date`, `the era "Backwards" ends (2017) before it starts (2018)`, `the era "With text"'s text`} {
		if !hasItem(r, Dropped, msg) {
			t.Errorf("the report lacks %q:\n%s", msg, r)
		}
	}
}

// TestToDo checks the to-do list: exactly what the validator requires that
// the timeline did not hold, each event without a source on its own line,
// and the time zone when dates have times.
func TestToDo(t *testing.T) {
	c, r := convertOne(t,
		Slide{Start: &DateParts{Year: "2017", Month: "4", Day: "6", Time: "16:30"}, Headline: "Filed", Text: "x"},
		Slide{Start: day("2017", "4", "7"), Headline: "Sourced", Text: `<a href="https://example.org/a">A</a>`},
	)
	for _, want := range []string{"court: add the court's name", "docket: add the docket number", "parties: add each party",
		"status: say where the case stands", "outcome: say in a sentence", "updated: add the day you last checked",
		"credits: add who wrote", `event "filed" (line 3): add a source`, `timezone: 1 date has a time of day`} {
		if !hasItem(r, ToDo, want) {
			t.Errorf("the to-do list lacks %q:\n%s", want, r)
		}
	}
	if hasItem(r, ToDo, `event "sourced"`) {
		t.Errorf("an event with a source is listed as a to-do:\n%s", r)
	}
	if !r.NeedsEditing() {
		t.Error("NeedsEditing is false")
	}

	// Filling in what the to-do list names makes a valid case: the list
	// is complete.
	c.Court, c.Docket, c.Status, c.Outcome, c.Updated = "A court", "No. 1", casefile.StatusOpen, "Pending.", "2017-05-01"
	c.Parties = []casefile.Party{{Name: "A", Role: "plaintiff"}}
	c.Credits = []string{"Reporting by A"}
	c.Timezone = "America/New_York"
	c.Events[0].Sources = []string{c.Sources[0].ID}
	c.Quiz = casefile.Quiz{Title: "Q", Intro: "I", Questions: []casefile.Question{{ID: "q", Kind: casefile.TrueFalse,
		Prompt: "P?", Choices: []string{"True", "False"}, Answers: []int{0}, Explanation: "E.", Sources: []string{c.Sources[0].ID}}}}
	if ps := c.Validate(); len(ps) > 0 {
		t.Errorf("with every to-do done, the case still has problems:\n%v", ps)
	}
}
