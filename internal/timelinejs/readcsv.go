package timelinejs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The template's columns, by the header text TimelineJS reads. Header
// names are matched without regard to case or extra spaces, in any order.
const (
	colYear           = "Year"
	colMonth          = "Month"
	colDay            = "Day"
	colTime           = "Time"
	colEndYear        = "End Year"
	colEndMonth       = "End Month"
	colEndDay         = "End Day"
	colEndTime        = "End Time"
	colDisplayDate    = "Display Date"
	colHeadline       = "Headline"
	colText           = "Text"
	colMedia          = "Media"
	colMediaCredit    = "Media Credit"
	colMediaCaption   = "Media Caption"
	colMediaThumbnail = "Media Thumbnail"
	colAltText        = "Alt Text"
	colType           = "Type"
	colGroup          = "Group"
	colBackground     = "Background"
)

// Columns are the Sheets template's columns in its order, as the export
// writes them.
var Columns = []string{colYear, colMonth, colDay, colTime, colEndYear, colEndMonth, colEndDay, colEndTime,
	colDisplayDate, colHeadline, colText, colMedia, colMediaCredit, colMediaCaption, colMediaThumbnail,
	colAltText, colType, colGroup, colBackground}

// requiredColumns are the columns every version of the template has; a
// CSV without them is not a TimelineJS sheet.
var requiredColumns = []string{colYear, colMonth, colDay, colHeadline, colText}

// headerKey is the form header names are compared in.
func headerKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// ReadCSV reads a timeline in the Google Sheets template, as Sheets
// downloads it (File > Download > Comma-separated values): a header row,
// then one row per slide; Type marks the title row and era rows. Blank
// rows are skipped. A CSV that is not the template is an error naming the
// missing headers.
func ReadCSV(name string, data []byte) (*Timeline, error) {
	data, err := text(name, data)
	if err != nil {
		return nil, err
	}
	if Detect(data) == JSON {
		return nil, &InputError{Name: name, Where: "line 1", Msg: `starts with "{": it is JSON, not a Sheets CSV (read it as TimelineJS JSON)`}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, &InputError{Name: name, Msg: "is empty: a TimelineJS sheet starts with the template's header row (" + strings.Join(Columns, ", ") + ")"}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	t := &Timeline{Name: name, Format: CSV}
	cols, err := readHeader(name, header, t)
	if err != nil {
		return nil, err
	}
	for {
		record, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		row := func(col string) string {
			i, ok := cols[col]
			if !ok || i >= len(record) {
				return ""
			}
			return strings.TrimSpace(record[i])
		}
		blank := true
		for _, cell := range record {
			if strings.TrimSpace(cell) != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		s := Slide{
			At:          Locator{Line: line},
			Start:       csvDate(row(colYear), row(colMonth), row(colDay), row(colTime)),
			End:         csvDate(row(colEndYear), row(colEndMonth), row(colEndDay), row(colEndTime)),
			DisplayDate: row(colDisplayDate),
			Headline:    row(colHeadline),
			Text:        row(colText),
			Media: MediaParts{URL: row(colMedia), Credit: row(colMediaCredit), Caption: row(colMediaCaption),
				Thumbnail: row(colMediaThumbnail), Alt: row(colAltText)},
			Group:      row(colGroup),
			Background: row(colBackground),
		}
		t.add(s, row(colType))
	}
	return t, nil
}

// readHeader maps each template column to its index in the header row,
// noting columns the template does not have; it fails when the row lacks
// the template's essential columns or names one twice.
func readHeader(name string, header []string, t *Timeline) (map[string]int, error) {
	known := map[string]string{"tag": colGroup} // older templates call Group "Tag"
	for _, c := range Columns {
		known[headerKey(c)] = c
	}
	cols := map[string]int{}
	var found []string
	for i, h := range header {
		key := headerKey(h)
		if key == "" {
			continue
		}
		col, ok := known[key]
		if !ok {
			t.Notes = append(t.Notes, Item{Kind: Dropped, Where: "line 1",
				What: fmt.Sprintf("the column %q is not a TimelineJS template column: its cells were not imported", strings.TrimSpace(h))})
			continue
		}
		if j, dup := cols[col]; dup {
			return nil, &InputError{Name: name, Where: "line 1",
				Msg: fmt.Sprintf("the header row has two %s columns (%d and %d): keep one", col, j+1, i+1)}
		}
		cols[col] = i
		found = append(found, strings.TrimSpace(h))
	}
	var missing []string
	for _, c := range requiredColumns {
		if _, ok := cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	switch {
	case len(found) == 0:
		return nil, &InputError{Name: name, Where: "line 1",
			Msg: fmt.Sprintf("is not a TimelineJS sheet: its first row should be the template's headers (%s); it is %q",
				strings.Join(Columns, ", "), shorten(strings.Join(header, ","), 120))}
	case len(missing) > 0:
		return nil, &InputError{Name: name, Where: "line 1",
			Msg: fmt.Sprintf("the header row lacks the template's %s column%s (it has %s): download the sheet made from the TimelineJS template, or add the missing headers",
				strings.Join(missing, ", "), plural(len(missing)), strings.Join(found, ", "))}
	}
	return cols, nil
}

// csvDate is the date of a row's four date cells, or nil when all are blank.
func csvDate(year, month, day, clock string) *DateParts {
	if year == "" && month == "" && day == "" && clock == "" {
		return nil
	}
	return &DateParts{Year: year, Month: month, Day: day, Time: clock}
}

// csvError explains a CSV syntax error with its line and column.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &InputError{Name: name, Msg: err.Error()}
	}
	msg := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `a quoted cell is not closed, or a quote mark (") is out of place: a cell holding quotes must be wrapped in quotes with each quote doubled, as Google Sheets writes it`
		if pe.StartLine != pe.Line {
			msg += fmt.Sprintf(" (the cell starts on line %d)", pe.StartLine)
		}
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `a quote mark (") is inside a cell that is not wrapped in quotes: wrap the cell in quotes and double the quote, as Google Sheets writes it`
	}
	return &InputError{Name: name, Where: fmt.Sprintf("line %d, column %d", pe.Line, pe.Column), Msg: msg}
}

// add files a slide by its Type: the title, an era or an event.
func (t *Timeline) add(s Slide, kind string) {
	switch strings.ToLower(kind) {
	case "title":
		if t.Title == nil {
			t.Title = &s
			return
		}
		t.Notes = append(t.Notes, Item{Kind: Changed, Where: s.At.String(),
			What: "a second title row: imported as an event (a timeline has one title)"})
	case "era":
		t.Eras = append(t.Eras, s)
		return
	case "":
	default:
		t.Notes = append(t.Notes, Item{Kind: Changed, Where: s.At.String(),
			What: fmt.Sprintf("Type %q is neither title nor era: imported as an event, as TimelineJS shows it", kind)})
	}
	t.Events = append(t.Events, s)
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
