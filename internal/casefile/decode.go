package casefile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Decode parses a case file strictly: a field the format does not know, a
// field set twice or a value of the wrong JSON type is an error, as is any
// syntax error. The error is Problems, each with the file name, line, column
// and JSON path, such as "cases/x.json:12:5: invalid character ...". Decode
// does not validate the case; Check does both.
func Decode(name string, data []byte) (*Case, error) {
	c, ps, _ := decode(name, data)
	if len(ps) > 0 {
		return nil, ps
	}
	return c, nil
}

// Check decodes and validates a case file and returns every problem found,
// each with its line and column, in file order. The case is nil only when the
// file could not be parsed at all (a syntax error, bad UTF-8, too large);
// otherwise it is returned, as decoded, even when it has problems.
func Check(name string, data []byte) (*Case, Problems) {
	c, ps, _ := check(name, data)
	return c, ps
}

// check is Check that also returns where each path is in the file.
func check(name string, data []byte) (*Case, Problems, *positions) {
	c, ps, pos := decode(name, data)
	if c == nil {
		return nil, ps, nil
	}
	for _, p := range c.Validate() {
		// A field that failed to decode was left empty; validating it would
		// only repeat the decode problem as "is required".
		if pos.undecodedAt(p.Path) {
			continue
		}
		p.File = name
		p.Line, p.Col = pos.of(p.Path)
		ps = append(ps, p)
	}
	// "quiz": {} decodes to no quiz at all, which Validate accepts; the
	// file still promises one, and the schema refuses it.
	if _, ok := pos.at["quiz"]; ok && c.Quiz.absent() && !pos.undecodedAt("quiz") {
		line, col := pos.of("quiz")
		ps = append(ps, Problem{File: name, Line: line, Col: col, Path: "quiz", Message: "is empty: add a question or remove the quiz"})
	}
	ps.sortByPosition()
	return c, ps, pos
}

// positions maps each JSON path seen while decoding to the byte offset at
// which its value (or, for an unknown field, its key) starts, and which
// paths had values of the wrong JSON type.
type positions struct {
	lines     *lineIndex
	at        map[string]int
	undecoded map[string]bool
}

// undecodedAt reports whether path is, or is inside, a value that had the
// wrong JSON type.
func (ps *positions) undecodedAt(path string) bool {
	for p := path; ; p = parent(p) {
		if ps.undecoded[p] {
			return true
		}
		if p == "" {
			return false
		}
	}
}

// of returns the line and column of path, or of its nearest ancestor that
// the file has (a missing field is reported where its object starts).
func (ps *positions) of(path string) (line, col int) {
	for p := path; ; p = parent(p) {
		if off, ok := ps.at[p]; ok {
			return ps.lines.position(off)
		}
		if p == "" {
			return 0, 0
		}
	}
}

// decode parses data into a Case, walking the JSON tokens alongside the Go
// types so that it can report every unknown field and type error with its
// path and position, not only the first as encoding/json does. It returns a
// nil case when the file cannot be parsed at all.
func decode(name string, data []byte) (*Case, Problems, *positions) {
	fatal := func(offset int, format string, args ...any) (*Case, Problems, *positions) {
		line, col := position(data, offset)
		return nil, Problems{{File: name, Line: line, Col: col, Message: fmt.Sprintf(format, args...)}}, nil
	}
	if len(data) > MaxFileBytes {
		return nil, Problems{{File: name, Message: fmt.Sprintf("file is %d bytes; the limit is %d", len(data), MaxFileBytes)}}, nil
	}
	// RFC 8259 lets a parser ignore a byte order mark; editors show none,
	// so positions are counted after it.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return fatal(firstInvalidUTF8(data), "file is not valid UTF-8")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fatal(0, "file is empty")
	}
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off := int(se.Offset) - 1 // Offset counts the bad byte itself
			if strings.HasPrefix(se.Error(), "unexpected end") {
				off = len(bytes.TrimRight(data, " \t\r\n")) // just after the last character
			}
			return fatal(off, "%s", se.Error())
		}
		return fatal(0, "%s", err.Error())
	}

	d := &decoder{data: data, lines: newLineIndex(data), dec: json.NewDecoder(bytes.NewReader(data)), at: map[string]int{}, undecoded: map[string]bool{}}
	d.dec.UseNumber()
	c := new(Case)
	if err := d.value(reflect.ValueOf(c).Elem(), ""); err != nil {
		// The input is valid JSON, so the token stream cannot fail.
		return fatal(0, "internal error reading the file: %v", err)
	}
	for i := range d.problems {
		d.problems[i].File = name
	}
	return c, d.problems, &positions{lines: d.lines, at: d.at, undecoded: d.undecoded}
}

// firstInvalidUTF8 is the offset of the first byte that is not valid UTF-8.
func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// decoder reads a JSON token stream into Go values by reflection.
type decoder struct {
	data      []byte
	lines     *lineIndex
	dec       *json.Decoder
	at        map[string]int
	problems  Problems
	undecoded map[string]bool
}

func (d *decoder) report(offset int, path, format string, args ...any) {
	line, col := d.lines.position(offset)
	d.problems = append(d.problems, Problem{Line: line, Col: col, Path: path, Message: fmt.Sprintf(format, args...)})
}

// next returns the offset at which the next token starts: the decoder's
// offset is the end of the last token, before any separator.
func (d *decoder) next() int {
	off := int(d.dec.InputOffset())
	for off < len(d.data) && strings.IndexByte(" \t\r\n,:", d.data[off]) >= 0 {
		off++
	}
	return off
}

// value decodes the next JSON value into v, which must be settable.
func (d *decoder) value(v reflect.Value, path string) error {
	off := d.next()
	d.at[path] = off
	tok, err := d.dec.Token()
	if err != nil {
		return err
	}
	switch v.Kind() {
	case reflect.Pointer:
		if tok == nil {
			v.SetZero()
			return nil
		}
		v.Set(reflect.New(v.Type().Elem()))
		return d.token(v.Elem(), path, off, tok)
	}
	return d.token(v, path, off, tok)
}

// token decodes the value that starts with tok, read at off, into v.
func (d *decoder) token(v reflect.Value, path string, off int, tok json.Token) error {
	switch v.Kind() {
	case reflect.Struct:
		if tok != json.Delim('{') {
			return d.mismatch(off, path, "an object", tok)
		}
		return d.object(v, path)
	case reflect.Slice:
		if tok != json.Delim('[') {
			return d.mismatch(off, path, "an array", tok)
		}
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		for i := 0; d.dec.More(); i++ {
			elem := reflect.New(v.Type().Elem()).Elem()
			if err := d.value(elem, index(path, i)); err != nil {
				return err
			}
			v.Set(reflect.Append(v, elem))
		}
		_, err := d.dec.Token() // ]
		return err
	case reflect.String:
		s, ok := tok.(string)
		if !ok {
			return d.mismatch(off, path, "a string", tok)
		}
		v.SetString(s)
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := tok.(json.Number)
		if !ok {
			return d.mismatch(off, path, "a whole number", tok)
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || v.OverflowInt(i) {
			return d.mismatch(off, path, "a whole number", tok)
		}
		v.SetInt(i)
	case reflect.Bool:
		b, ok := tok.(bool)
		if !ok {
			return d.mismatch(off, path, "true or false", tok)
		}
		v.SetBool(b)
	default:
		return fmt.Errorf("casefile: cannot decode into %s", v.Type())
	}
	return nil
}

// object decodes the members of a JSON object, whose "{" has been read,
// into the struct v.
func (d *decoder) object(v reflect.Value, path string) error {
	fields := jsonFields(v.Type())
	seen := map[string]bool{}
	for d.dec.More() {
		off := d.next()
		tok, err := d.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		p := field(path, key)
		switch f, known := fields.index[key]; {
		case seen[key]:
			d.report(off, p, "is set twice")
			err = d.skip()
		case !known:
			d.at[p] = off
			d.report(off, p, "unknown field (known fields: %s)", strings.Join(fields.names, ", "))
			err = d.skip()
		default:
			err = d.value(v.Field(f), p)
		}
		if err != nil {
			return err
		}
		seen[key] = true
	}
	_, err := d.dec.Token() // }
	return err
}

// mismatch reports a value of the wrong JSON type and skips the rest of it.
func (d *decoder) mismatch(off int, path, want string, got json.Token) error {
	d.report(off, path, "want %s, found %s", want, describe(got))
	d.undecoded[path] = true
	if got == json.Delim('{') || got == json.Delim('[') {
		return d.skipRest(1)
	}
	return nil
}

// skip skips the next value.
func (d *decoder) skip() error {
	tok, err := d.dec.Token()
	if err != nil {
		return err
	}
	if tok == json.Delim('{') || tok == json.Delim('[') {
		return d.skipRest(1)
	}
	return nil
}

// skipRest skips tokens until depth open objects and arrays have closed.
func (d *decoder) skipRest(depth int) error {
	for depth > 0 {
		tok, err := d.dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// describe names a JSON token for a message: `the string "x"`, `an array`.
func describe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return "an array"
	case string:
		if utf8.RuneCountInString(t) > 40 {
			t = string([]rune(t)[:40]) + "…"
		}
		return "the string " + strconv.Quote(t)
	case json.Number:
		return "the number " + string(t)
	case bool:
		return strconv.FormatBool(t)
	case nil:
		return "null"
	}
	return fmt.Sprint(tok)
}

// structFields is a struct's JSON field names, in declaration order, and the
// index of each field.
type structFields struct {
	names []string
	index map[string]int
}

// jsonFields reads the JSON names of a struct's fields from their tags.
func jsonFields(t reflect.Type) structFields {
	fs := structFields{index: map[string]int{}}
	for i := range t.NumField() {
		name := jsonName(t.Field(i))
		if name == "" {
			continue
		}
		fs.names = append(fs.names, name)
		fs.index[name] = i
	}
	return fs
}

// jsonName is the JSON name of a struct field, or "" when it has none.
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch tag {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return tag
}
