package timelinejs

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// Format is a TimelineJS file format.
type Format string

// The formats the bridge reads and writes. Auto, for reading only, tells
// them apart by content.
const (
	Auto Format = ""
	JSON Format = "timelinejs"     // TimelineJS's JSON data format
	CSV  Format = "timelinejs-csv" // the Google Sheets template, downloaded as CSV
)

// String names the format for people.
func (f Format) String() string {
	switch f {
	case JSON:
		return "TimelineJS JSON"
	case CSV:
		return "TimelineJS Sheets CSV"
	}
	return "TimelineJS (JSON or CSV)"
}

// MaxInputBytes is the largest file the importer reads, far above any real
// timeline (TimelineJS itself struggles past a few hundred slides), so
// that a wrong file is refused before it is read whole.
const MaxInputBytes = 20 << 20

// InputError is a file the importer cannot read: what is wrong and where
// (a line and column, or a JSON path).
type InputError struct {
	Name  string // the file's name
	Where string // "line 3, column 7", "events[2].start_date"; "" for the whole file
	Msg   string
}

func (e *InputError) Error() string {
	s := e.Name
	if e.Where != "" {
		s += ": " + e.Where
	}
	return s + ": " + e.Msg
}

// Read reads a timeline from r, in format f or, when f is Auto, in the
// format its content shows: JSON when its first character (after a
// byte-order mark and spaces) is "{", the Sheets CSV otherwise. It refuses
// a file over MaxInputBytes without reading past the limit.
func Read(name string, r io.Reader, f Format) (*Timeline, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInputBytes+1))
	if err != nil {
		return nil, &InputError{Name: name, Msg: "cannot read: " + err.Error()}
	}
	if len(data) > MaxInputBytes {
		return nil, TooLarge(name)
	}
	if f == Auto {
		f = Detect(data)
	}
	switch f {
	case JSON:
		return ReadJSON(name, data)
	case CSV:
		return ReadCSV(name, data)
	}
	return nil, fmt.Errorf("unknown format %q: use %s or %s", f, JSON, CSV)
}

// TooLarge is the error for a file over MaxInputBytes.
func TooLarge(name string) error {
	return &InputError{Name: name, Msg: fmt.Sprintf("is larger than %d MB: a TimelineJS timeline is far smaller; is this the right file?", MaxInputBytes>>20)}
}

// Detect says which format data is in: JSON when it starts with "{" (after
// a byte-order mark and spaces), CSV otherwise.
func Detect(data []byte) Format {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	if len(data) > 0 && data[0] == '{' {
		return JSON
	}
	return CSV
}

// bom is UTF-8's byte-order mark, which Excel and some editors write first.
var bom = []byte("\xef\xbb\xbf")

// text strips a byte-order mark and checks that data is UTF-8, naming the
// line and column of the first byte that is not.
func text(name string, data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, bom)
	if utf8.Valid(data) {
		return data, nil
	}
	off := 0
	for off < len(data) {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line, col := position(data, off)
	return nil, &InputError{Name: name, Where: fmt.Sprintf("line %d, column %d", line, col),
		Msg: fmt.Sprintf("byte 0x%02x is not UTF-8 text: save the file as UTF-8 (Google Sheets' CSV download is)", data[off])}
}

// position is the 1-based line and column (in characters) of byte offset
// off in data.
func position(data []byte, off int) (line, col int) {
	off = min(off, len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}
