// Package timelinejs is the bridge between Docket and TimelineJS, the
// Knight Lab's timeline tool: it reads a timeline in TimelineJS's JSON
// format or in its Google Sheets template (as a CSV download), turns it into
// a Docket case with a report of what was mapped, changed, dropped and is
// left to do, and writes a case back out in both formats. It is plain Go
// with no HTTP, so the command line and tests drive it directly.
package timelinejs

import "fmt"

// Timeline is a TimelineJS timeline as read from either format, before it
// becomes a case: both readers produce it, so the mapping rules live in one
// place (Convert) whatever the file was.
type Timeline struct {
	Name   string  // the file's name, for the case id when the title has none
	Format Format  // the format it was read from
	Title  *Slide  // the title slide, nil when there is none
	Events []Slide // in file order
	Eras   []Slide
	// Notes are what the reader itself found and set aside: an unknown
	// column or field, a second title row, a blank row.
	Notes []Item
}

// Slide is one TimelineJS slide (an event, the title or an era) with its
// fields as written: text fields still hold their HTML, numbers are the
// digits as written.
type Slide struct {
	At          Locator
	Start, End  *DateParts // nil when absent
	DisplayDate string
	Headline    string // HTML allowed
	Text        string // HTML allowed
	Media       MediaParts
	Group       string
	Background  string // a colour or an image address, as written
	UniqueID    string
}

// DateParts is a TimelineJS date: year (possibly negative), month, day and
// time of day, as written. Time is the Sheets template's Time cell
// ("16:30", "4:30 PM"); JSON gives Hour, Minute and Second instead.
type DateParts struct {
	Year, Month, Day                  string
	Hour, Minute, Second, Millisecond string
	Time                              string
	DisplayDate                       string // the date object's own display_date (JSON)
}

// MediaParts is a slide's media as written. URL is usually an address;
// Caption and Credit may hold HTML.
type MediaParts struct {
	URL, Caption, Credit, Thumbnail, Alt, Link, Title string
}

// Locator says where a slide is in its file: a CSV line or a JSON path.
type Locator struct {
	Line int    // the CSV line the row starts on; 0 for JSON
	Path string // the JSON path of the slide, such as "events[3]"
}

// String names the slide's place: "line 4" or "events[3]".
func (l Locator) String() string {
	if l.Line > 0 {
		return fmt.Sprintf("line %d", l.Line)
	}
	return l.Path
}

// csvColumns names the template's columns that hold each slide field, for
// messages about a CSV row.
var csvColumns = map[string]string{
	"start_date":      "Year, Month, Day, Time",
	"end_date":        "End Year, End Month, End Day, End Time",
	"display_date":    "Display Date",
	"text.headline":   "Headline",
	"text.text":       "Text",
	"media.url":       "Media",
	"media.caption":   "Media Caption",
	"media.credit":    "Media Credit",
	"media.thumbnail": "Media Thumbnail",
	"media.alt":       "Alt Text",
	"group":           "Group",
	"background":      "Background",
}

// Field names the place of one field of the slide: `line 4 (Media)` or
// "events[3].media.url".
func (l Locator) Field(name string) string {
	if l.Line > 0 {
		if col, ok := csvColumns[name]; ok {
			return fmt.Sprintf("line %d (%s)", l.Line, col)
		}
		return l.String()
	}
	return l.Path + "." + name
}
