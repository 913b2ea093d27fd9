package casefile

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
)

func TestDecodeValid(t *testing.T) {
	c := minimalCase(t)
	got := []string{c.Schema, c.ID, c.Parties[0].Role, string(c.Events[0].Date.Precision), c.Events[0].Date.Label,
		c.Quiz.Questions[0].Choices[1], c.Sources[0].URL}
	want := []string{"/case.schema.json", "demo-minimal", "plaintiff", "month", "Early April 2017", "False", "https://example.org/docket"}
	diffLines(t, got, want)
	if a := c.Quiz.Questions[0].Answers; len(a) != 1 || a[0] != 0 {
		t.Errorf("answers = %v, want [0]", a)
	}
}

// TestDecodeErrors checks that decoding reports each syntax, type and field
// error with its file, line, column and path.
func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"trailing comma", "{\n  \"id\": \"a\",\n}", []string{
			`x.json:3:1: invalid character '}' looking for beginning of object key string`}},
		{"missing colon", `{"id" "a"}`, []string{
			`x.json:1:7: invalid character '"' after object key`}},
		{"cut short", "{\n  \"id\": \"a", []string{
			`x.json:2:11: unexpected end of JSON input`}},
		{"after the value", "{}\n{}", []string{
			`x.json:2:1: invalid character '{' after top-level value`}},
		{"column counts characters", "{\"title\": \"é\" x}", []string{
			`x.json:1:15: invalid character 'x' after object key:value pair`}},
		{"empty", " \n", []string{`x.json:1:1: file is empty`}},
		{"not UTF-8", "{\"id\":\n \"\xff\"}", []string{`x.json:2:3: file is not valid UTF-8`}},
		{"not an object", `["a"]`, []string{`x.json:1:1: want an object, found an array`}},
		{"wrong types", `{"id": 7, "credits": "me", "events": [{"body": [true]}], "quiz": {"questions": [{"answers": [1.5, "2", 99999999999999999999]}]}}`, []string{
			`x.json:1:8: id: want a string, found the number 7`,
			`x.json:1:22: credits: want an array, found the string "me"`,
			`x.json:1:49: events[0].body[0]: want a string, found true`,
			`x.json:1:94: quiz.questions[0].answers[0]: want a whole number, found the number 1.5`,
			`x.json:1:99: quiz.questions[0].answers[1]: want a whole number, found the string "2"`,
			`x.json:1:104: quiz.questions[0].answers[2]: want a whole number, found the number 99999999999999999999`,
		}},
		{"null", `{"title": null}`, []string{`x.json:1:11: title: want a string, found null`}},
		{"unknown fields", `{"Title": "a", "events": [{"date": {"day": 6}}]}`, []string{
			`x.json:1:2: Title: unknown field (known fields: $schema, id, title, summary, court, docket, parties, status, outcome, updated, credits, categories, events, glossary, quiz, sources, timezone, eras, media, corrections)`,
			`x.json:1:37: events[0].date.day: unknown field (known fields: value, precision, label)`,
		}},
		{"set twice", `{"id": "a", "id": "b"}`, []string{`x.json:1:13: id: is set twice`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Decode("x.json", []byte(tt.in))
			if c != nil {
				t.Errorf("Decode returned a case with error %v", err)
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("error %v (%T) is not Problems", err, err)
			}
			diffLines(t, ps.Strings(), tt.want)
		})
	}
}

// TestDecodeIgnoresByteOrderMark checks that a UTF-8 BOM, which RFC 8259
// lets parsers ignore, does not shift positions.
func TestDecodeIgnoresByteOrderMark(t *testing.T) {
	_, err := Decode("x.json", []byte("\uFEFF{\n \"id\" 1}"))
	if got, want := err.Error(), `x.json:2:7: invalid character '1' after object key`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestCheckFiles runs Check on each file of testdata/invalid and compares
// the problems with its .want file, line for line.
func TestCheckFiles(t *testing.T) {
	names, err := fs.Glob(testdata, "testdata/invalid/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, name := range names {
		t.Run(path.Base(name), func(t *testing.T) {
			want := strings.Split(strings.TrimSpace(string(readTestdata(t, strings.TrimSuffix(name, ".json")+".want"))), "\n")
			_, ps := Check(name, readTestdata(t, name))
			diffLines(t, ps.Strings(), want)
		})
	}
}

// TestCheckReportsValidationProblemsWithPositions checks that Check places
// a validation problem at its field, and a missing field at its object.
func TestCheckReportsValidationProblemsWithPositions(t *testing.T) {
	in := "{\n  \"id\": \"Bad Id\",\n  \"quiz\": {\"title\": \"Q\"}\n}"
	_, ps := Check("x.json", []byte(in))
	got := map[string]string{}
	for _, p := range ps {
		got[p.Path] = p.String()
	}
	for path, want := range map[string]string{
		"id":         `x.json:2:9: id: "Bad Id" is not a valid id: use lowercase letters, digits and single hyphens, like "summons-faxed"`,
		"quiz.intro": `x.json:3:11: quiz.intro: is required`,
		"title":      `x.json:1:1: title: is required`,
	} {
		if got[path] != want {
			t.Errorf("%s:\n got  %q\n want %q", path, got[path], want)
		}
	}
}

// TestCheckDoesNotRepeatTypeErrors checks that a field with the wrong type is
// reported once, not again as "is required".
func TestCheckDoesNotRepeatTypeErrors(t *testing.T) {
	c := minimalCase(t)
	c.Title = "PLACEHOLDER"
	data := strings.Replace(string(marshal(t, c)), `"PLACEHOLDER"`, `42`, 1)
	_, ps := Check("x.json", []byte(data))
	col := strings.Index(data, "42") + 1
	diffLines(t, ps.Strings(), []string{fmt.Sprintf(`x.json:1:%d: title: want a string, found the number 42`, col)})
}

func TestCheckTooLarge(t *testing.T) {
	_, ps := Check("big.json", make([]byte, MaxFileBytes+1))
	diffLines(t, ps.Strings(), []string{fmt.Sprintf("big.json: file is %d bytes; the limit is %d", MaxFileBytes+1, MaxFileBytes)})
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "cases/x.json", Line: 12, Col: 5, Path: "events[3].date.value", Message: `"2017-02-30" is not a date`},
			`cases/x.json:12:5: events[3].date.value: "2017-02-30" is not a date`},
		{Problem{File: "cases/x.json", Path: "events[3].date.value", Message: `"2017-02-30" is not a date`},
			`cases/x.json: events[3].date.value: "2017-02-30" is not a date`},
		{Problem{Path: "title", Message: "is required"}, "title: is required"},
		{Problem{File: "x.json", Line: 1, Col: 1, Message: "file is empty"}, "x.json:1:1: file is empty"},
		{Problem{Message: "no case files found"}, "no case files found"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	ps := Problems{tests[0].p, tests[2].p}
	if got, want := ps.Error(), tests[0].want+"\n"+tests[2].want; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if Problems(nil).Err() != nil {
		t.Error("empty Problems.Err() is not nil")
	}
}

// TestLineIndex compares the line index with counting from the start, on
// text with multi-byte characters, lines longer than a block, and the end.
func TestLineIndex(t *testing.T) {
	long := strings.Repeat("é§a", 700) // 2,100 characters, 4,200 bytes
	data := []byte("{\n\"a\": \"" + long + "\",\r\n\n  \"b\": \"€\"}\n")
	naive := func(off int) (int, int) {
		before := string(data[:off])
		line := 1 + strings.Count(before, "\n")
		return line, 1 + len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
	}
	ix := newLineIndex(data)
	for off := 0; off <= len(data); off++ {
		if off < len(data) && data[off]&0xC0 == 0x80 {
			continue // inside a character
		}
		gl, gc := ix.position(off)
		wl, wc := naive(off)
		if gl != wl || gc != wc {
			t.Fatalf("offset %d: got %d:%d, want %d:%d", off, gl, gc, wl, wc)
		}
	}
	if l, c := ix.position(len(data) + 10); l != 5 || c != 1 {
		t.Errorf("past the end: %d:%d, want 5:1", l, c)
	}
}

// TestCheckManyProblemsOnOneLine checks that a large minified file full of
// problems is reported in full; the line index keeps this fast.
func TestCheckManyProblemsOnOneLine(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"credits": [`)
	for i := range 20000 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"<b>é</b>"`)
	}
	b.WriteString(`]}`)
	_, ps := Check("big.json", []byte(b.String()))
	strs := ps.Strings()
	for _, want := range []string{
		`big.json:1:13: credits: has 20000 credits; the limit is 10`,
		`big.json:1:14: credits[0]: contains HTML ("<b"): write plain text`,
		fmt.Sprintf(`big.json:1:%d: credits[19999]: contains HTML ("<b"): write plain text`, 14+19999*11),
	} {
		if !slices.Contains(strs, want) {
			t.Errorf("missing %s", want)
		}
	}
}
