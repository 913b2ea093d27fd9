package timelinejs

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

const header = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background\n"

// TestReadCSV checks the Sheets reader: columns by header in any order,
// a byte-order mark, Windows line endings, blank rows and a script tag are
// ordinary input; each row keeps its line.
func TestReadCSV(t *testing.T) {
	in := "\xef\xbb\xbfheadline,TEXT,  year ,Month,Day,Tag,Type,Notes\r\n" +
		"Title,<p>Summary</p>,,,,,title,x\r\n" +
		",,,,,,,\r\n" +
		"\"Two\r\nlines\",\"<script>alert(1)</script>\",1961,6,3,Court,,y\r\n" +
		"Era,,1961,,,,era,\r\n" +
		"Second title,,1962,,,,title,\r\n" +
		"Odd type,,1963,,,,slide,\r\n"
	tl, err := ReadCSV("t.csv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if tl.Title == nil || tl.Title.Headline != "Title" || tl.Title.Text != "<p>Summary</p>" || tl.Title.At.Line != 2 {
		t.Errorf("title %+v", tl.Title)
	}
	if len(tl.Events) != 3 || len(tl.Eras) != 1 {
		t.Fatalf("%d events, %d eras; want 3 and 1", len(tl.Events), len(tl.Eras))
	}
	e := tl.Events[0]
	if e.At.Line != 4 || e.Headline != "Two\nlines" || e.Group != "Court" || *e.Start != (DateParts{Year: "1961", Month: "6", Day: "3"}) {
		t.Errorf("event %+v, start %+v", e, e.Start)
	}
	r := &Report{Items: tl.Notes}
	for _, want := range []string{`line 1: the column "Notes" is not a TimelineJS template column`, "line 7: a second title row: imported as an event",
		`line 8: Type "slide" is neither title nor era`} {
		if !strings.Contains(r.String(), want) {
			t.Errorf("notes lack %q:\n%s", want, r)
		}
	}
	c, rep := Convert(tl)
	if got := c.Events[0].Body; len(got) != 1 || got[0] != "alert(1)" || c.Events[0].Title != "Two lines" {
		t.Errorf("the script cell became %q, title %q", got, c.Events[0].Title)
	}
	if !hasItem(rep, Changed, "line 4 (Text)", "<script>") {
		t.Errorf("the report does not mention the script:\n%s", rep)
	}
}

// TestReadJSON checks the JSON reader: numbers as numbers or strings,
// negative years, unknown fields reported, the slide's JSON path kept.
func TestReadJSON(t *testing.T) {
	in := `{"title": {"text": {"headline": "T", "text": "S"}, "media": {"url": "a.png", "alt": "A"}},
	 "scale": "human", "extra": 1,
	 "events": [
	   {"start_date": {"year": 1961, "month": "6", "day": 3, "hour": "16", "minute": 30, "format": "x"},
	    "end_date": {"year": "1962"}, "display_date": "D", "text": {"headline": 5},
	    "media": {"url": "u", "caption": "c", "credit": "cr", "thumbnail": "th", "alt": "al", "link": "l", "link_target": "_blank", "odd": 1},
	    "group": "G", "background": {"color": "#fff"}, "unique_id": "id-1", "autolink": false, "strange": true},
	   {"start_date": {"year": "-500"}}
	 ],
	 "eras": [{"start_date": {"year": 1}, "end_date": {"year": 2}, "text": {"headline": "E"}}]}`
	tl, err := ReadJSON("t.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	e := tl.Events[0]
	want := DateParts{Year: "1961", Month: "6", Day: "3", Hour: "16", Minute: "30"}
	if *e.Start != want || e.End.Year != "1962" || e.DisplayDate != "D" || e.Headline != "5" || e.Group != "G" ||
		e.Background != "#fff" || e.UniqueID != "id-1" || e.At.Path != "events[0]" ||
		e.Media != (MediaParts{URL: "u", Caption: "c", Credit: "cr", Thumbnail: "th", Alt: "al", Link: "l"}) {
		t.Errorf("event %+v, start %+v", e, e.Start)
	}
	if tl.Events[1].Start.Year != "-500" || len(tl.Eras) != 1 || tl.Title.Media.URL != "a.png" {
		t.Errorf("second event %+v, eras %+v", tl.Events[1].Start, tl.Eras)
	}
	r := &Report{Items: tl.Notes}
	for _, want := range []string{"extra: not a TimelineJS field", "events[0].strange: not a TimelineJS slide field",
		"events[0].media.odd: not a TimelineJS field", `events[0].start_date.format: the date format "x"`} {
		if !strings.Contains(r.String(), want) {
			t.Errorf("notes lack %q:\n%s", want, r)
		}
	}
	if strings.Contains(r.String(), "autolink") || strings.Contains(r.String(), "link_target") {
		t.Errorf("notes report fields that carry nothing:\n%s", r)
	}
}

// TestBadInput checks that what cannot be read is an error naming where
// (a line and column, or a JSON path), never a crash or a partial case.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name, in string
		f        Format
		want     string
	}{
		{"empty CSV", "", CSV, "t: is empty"},
		{"not the template", "name,count\nx,1\n", CSV, `t: line 1: is not a TimelineJS sheet: its first row should be the template's headers (Year, Month`},
		{"missing headers", "Year,Headline,Media\n1961,x,\n", CSV, "t: line 1: the header row lacks the template's Month, Day, Text columns (it has Year, Headline, Media)"},
		{"a column twice", "Year,Month,Day,Headline,Text,Group,Tag\n", CSV, "t: line 1: the header row has two Group columns (6 and 7)"},
		{"an open quote", header + "1961,,,,,,,,,\"Unclosed,text\n1962,,,\n", CSV, "t: line 3, column 9: a quoted cell is not closed"},
		{"a bare quote", header + "1961,,,,,,,,,He said \"no\",text\n", CSV, `t: line 2, column 22: a quote mark (") is inside a cell`},
		{"not UTF-8 CSV", header + "1961,,,,,,,,,Caf\xe9,text\n", CSV, "t: line 2, column 17: byte 0xe9 is not UTF-8 text"},
		{"not UTF-8 JSON", "{\"events\": [\n{\"text\": {\"headline\": \"Caf\xe9\"}}]}", JSON, "t: line 2, column 27: byte 0xe9 is not UTF-8 text"},
		{"truncated JSON", "{\"events\": [\n  {\"start_date\": {\"year\": 19", JSON, "t: line 2, column 29 (byte 41): the JSON ends early: the file is cut off"},
		{"a syntax error", "{\"events\": [\n  {\"start_date\" {}}]}", JSON, "t: line 2, column 17 (byte 29): not JSON here: invalid character '{' after object key"},
		{"empty JSON", "  ", JSON, "t: is empty"},
		{"a list", "[1, 2]", JSON, `t: is a list, not a TimelineJS object with "events"`},
		{"no events", `{"title": {}}`, JSON, `t: has no "events"`},
		{"events not a list", `{"events": {}}`, JSON, "t: events: is an object, not a list of slides"},
		{"a slide not an object", `{"events": [1]}`, JSON, "t: events[0]: is a number, not a slide object"},
		{"a date not an object", `{"events": [{"start_date": "1961"}]}`, JSON, "t: events[0].start_date: is text, not a date object with a year"},
		{"a headline not text", `{"events": [{"text": {"headline": ["x"]}}]}`, JSON, "t: events[0].text.headline: is a list, not text or a number"},
		{"text after the object", `{"events": []} {}`, JSON, "t: line 1, column 17: more text after the end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, err := Read("t", strings.NewReader(tt.in), tt.f)
			if err == nil {
				t.Fatalf("no error; got %+v", tl)
			}
			if _, ok := asInputError(err); !ok || err.Error() != tt.want && !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n %q\nwant it to start with\n %q", err, tt.want)
			}
		})
	}
}

// TestDetect checks that the format is told by content: JSON starts with
// "{", after a byte-order mark and spaces.
func TestDetect(t *testing.T) {
	for in, want := range map[string]Format{"{}": JSON, "\xef\xbb\xbf \n {\"events\":[]}": JSON, header: CSV, "": CSV, "[]": CSV} {
		if got := Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %s; want %s", in, got, want)
		}
	}
}

// TestTooLarge checks that a stream over the limit is refused without
// reading past it.
func TestTooLarge(t *testing.T) {
	r := &countingReader{r: io.LimitReader(zeros{}, MaxInputBytes*3)}
	_, err := Read("big.csv", r, Auto)
	if err == nil || !strings.Contains(err.Error(), "big.csv: is larger than 20 MB") {
		t.Errorf("error %v; want too large", err)
	}
	if r.n > MaxInputBytes+64<<10 {
		t.Errorf("read %d bytes; want to stop just past %d", r.n, MaxInputBytes)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestCRLFAndBOMGiveTheSameCase checks that a CSV saved by Excel (a
// byte-order mark) or with Unix line endings imports as the same case as
// Google Sheets' download.
func TestCRLFAndBOMGiveTheSameCase(t *testing.T) {
	sheets, _ := importFile(t, "gideon.csv")
	raw := readTestdata(t, "gideon.csv")
	for name, variant := range map[string][]byte{
		"BOM": append([]byte("\xef\xbb\xbf"), raw...),
		"LF":  bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n")),
	} {
		c, _, err := Import("gideon.csv", bytes.NewReader(variant), Auto)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := marshal(t, c); !bytes.Equal(got, sheets) {
			t.Errorf("%s: the case differs from the Sheets download's", name)
		}
	}
}

// asInputError returns err as an *InputError.
func asInputError(err error) (*InputError, bool) {
	var ie *InputError
	ok := errors.As(err, &ie)
	return ie, ok
}
