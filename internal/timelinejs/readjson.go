package timelinejs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// ReadJSON reads a timeline in TimelineJS's JSON format: an object with
// "events", and optionally "title" and "eras", each a slide. Numbers may be
// written as numbers or strings, as TimelineJS accepts both. A file that is
// not JSON, or whose fields have the wrong shape, is an error naming the
// line and column or the JSON path.
func ReadJSON(name string, data []byte) (*Timeline, error) {
	data, err := text(name, data)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, jsonSyntaxError(name, data, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := position(data, int(dec.InputOffset()))
		return nil, &InputError{Name: name, Where: fmt.Sprintf("line %d, column %d", line, col),
			Msg: "more text after the end of the timeline's JSON object"}
	}
	top, ok := v.(map[string]any)
	if !ok {
		return nil, &InputError{Name: name, Msg: fmt.Sprintf("is %s, not a TimelineJS object with \"events\"", describe(v))}
	}
	t := &Timeline{Name: name, Format: JSON}
	r := jsonReader{t: t}
	if _, ok := top["events"]; !ok {
		return nil, &InputError{Name: name, Msg: `has no "events": a TimelineJS timeline is an object with a list of "events" (and optionally "title" and "eras")`}
	}
	for _, key := range sortedKeys(top) {
		val := top[key]
		switch key {
		case "title":
			if val == nil {
				continue
			}
			s, err := r.slide("title", val)
			if err != nil {
				return nil, r.fail(err)
			}
			t.Title = &s
		case "events", "eras":
			list, ok := val.([]any)
			if !ok && val != nil {
				return nil, r.fail(pathError(key, "is %s, not a list of slides", describe(val)))
			}
			for i, item := range list {
				s, err := r.slide(fmt.Sprintf("%s[%d]", key, i), item)
				if err != nil {
					return nil, r.fail(err)
				}
				if key == "events" {
					t.Events = append(t.Events, s)
				} else {
					t.Eras = append(t.Eras, s)
				}
			}
		case "scale":
			if str, _ := val.(string); str != "" && str != "human" {
				r.drop(key, "the %q scale: Docket's dates run from year 1 to 9999", str)
			}
		default:
			r.drop(key, "not a TimelineJS field Docket reads")
		}
	}
	return t, nil
}

// jsonReader reads the slides of one JSON timeline.
type jsonReader struct {
	t *Timeline
}

// pathErr is a shape error at a JSON path, before the file name is known.
type pathErr struct{ path, msg string }

func (e *pathErr) Error() string { return e.path + ": " + e.msg }

func pathError(path, format string, args ...any) error {
	return &pathErr{path: path, msg: fmt.Sprintf(format, args...)}
}

func (r *jsonReader) fail(err error) error {
	var pe *pathErr
	if errors.As(err, &pe) {
		return &InputError{Name: r.t.Name, Where: pe.path, Msg: pe.msg}
	}
	return &InputError{Name: r.t.Name, Msg: err.Error()}
}

func (r *jsonReader) drop(path, format string, args ...any) {
	r.t.Notes = append(r.t.Notes, Item{Kind: Dropped, Where: path, What: fmt.Sprintf(format, args...)})
}

// slide reads one slide object at path.
func (r *jsonReader) slide(path string, v any) (Slide, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Slide{}, pathError(path, "is %s, not a slide object", describe(v))
	}
	s := Slide{At: Locator{Path: path}}
	var err error
	for _, key := range sortedKeys(obj) {
		val, p := obj[key], path+"."+key
		switch key {
		case "start_date":
			s.Start, err = r.date(p, val)
		case "end_date":
			s.End, err = r.date(p, val)
		case "display_date":
			s.DisplayDate, err = str(p, val)
		case "text":
			err = r.fields(p, val, map[string]*string{"headline": &s.Headline, "text": &s.Text})
		case "media":
			m := &s.Media
			err = r.fields(p, val, map[string]*string{"url": &m.URL, "caption": &m.Caption, "credit": &m.Credit,
				"thumbnail": &m.Thumbnail, "alt": &m.Alt, "link": &m.Link, "title": &m.Title, "link_target": nil})
		case "group":
			s.Group, err = str(p, val)
		case "unique_id":
			s.UniqueID, err = str(p, val)
		case "background":
			var color, url, alt string
			err = r.fields(p, val, map[string]*string{"color": &color, "url": &url, "alt": &alt, "opacity": nil})
			s.Background = strings.TrimSpace(color + " " + url)
		case "autolink", "type":
			// autolink only affects how TimelineJS shows text; "type" is
			// TimelineJS's own bookkeeping. Neither has anything to carry.
		default:
			r.drop(p, "not a TimelineJS slide field Docket reads")
		}
		if err != nil {
			return Slide{}, err
		}
	}
	return s, nil
}

// fields reads an object of text fields into the given strings; a nil
// target is a field that is read and ignored.
func (r *jsonReader) fields(path string, v any, into map[string]*string) error {
	if v == nil {
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return pathError(path, "is %s, not an object", describe(v))
	}
	for _, key := range sortedKeys(obj) {
		target, known := into[key]
		if !known {
			r.drop(path+"."+key, "not a TimelineJS field Docket reads")
			continue
		}
		s, err := str(path+"."+key, obj[key])
		if err != nil {
			return err
		}
		if target != nil {
			*target = s
		}
	}
	return nil
}

// date reads a date object; its numbers may be numbers or strings.
func (r *jsonReader) date(path string, v any) (*DateParts, error) {
	if v == nil {
		return nil, nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, pathError(path, "is %s, not a date object with a year", describe(v))
	}
	d := &DateParts{}
	err := r.fields(path, obj, map[string]*string{"year": &d.Year, "month": &d.Month, "day": &d.Day,
		"hour": &d.Hour, "minute": &d.Minute, "second": &d.Second, "millisecond": &d.Millisecond,
		"display_date": &d.DisplayDate, "format": nil})
	if err != nil {
		return nil, err
	}
	if f, _ := obj["format"].(string); strings.TrimSpace(f) != "" {
		r.drop(path+".format", "the date format %q: Docket writes dates its own way (a display_date becomes the date's label)", f)
	}
	if *d == (DateParts{}) {
		return nil, nil
	}
	return d, nil
}

// str reads a text or number value as written; null is "".
func str(path string, v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return strings.TrimSpace(v), nil
	case json.Number:
		return v.String(), nil
	}
	return "", pathError(path, "is %s, not text or a number", describe(v))
}

// describe names a JSON value's kind for messages.
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "true or false"
	case json.Number:
		return "a number"
	case string:
		return "text"
	case []any:
		return "a list"
	}
	return "an object"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// jsonSyntaxError explains why data is not JSON, with the line and column
// where it goes wrong; a file cut short says so.
func jsonSyntaxError(name string, data []byte, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	off, msg := int(dec.InputOffset()), err.Error()
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		off = len(data)
		msg = "the JSON ends early: the file is cut off (was it copied or downloaded whole?)"
		if len(bytes.TrimSpace(data)) == 0 {
			return &InputError{Name: name, Msg: "is empty"}
		}
	case errors.As(err, &se):
		off = max(int(se.Offset)-1, 0) // Offset is just past the character at fault
		msg = "not JSON here: " + strings.TrimPrefix(se.Error(), "json: ")
	}
	line, col := position(data, off)
	return &InputError{Name: name, Where: fmt.Sprintf("line %d, column %d (byte %d)", line, col, off), Msg: msg}
}
