//go:build !js

// The fuzz test seeds itself with the shipped case from disk; the browser
// test run has no file system.

package casefile

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"testing"
)

// FuzzDecodeValidate feeds Check arbitrary bytes: it must never panic, every
// problem must be well formed, the helpers the UI calls must cope with
// whatever a decoded case holds, and a valid case must survive a round trip
// through encoding/json. Run it with
//
//	go test -run=NONE -fuzz=FuzzDecodeValidate -fuzztime=60s -fuzzminimizetime=5s ./internal/casefile
//
// The short minimize time matters: the shipped case is a 48 kB seed, and the
// default of 60s per new input leaves a one-minute run minimizing its first
// find instead of fuzzing.
func FuzzDecodeValidate(f *testing.F) {
	var seeds [][]byte
	if b, err := os.ReadFile(shippedCase); err == nil {
		seeds = append(seeds, b)
	} else {
		f.Fatal(err)
	}
	names, _ := fs.Glob(testdata, "testdata/*/*.json")
	for _, n := range names {
		b, _ := testdata.ReadFile(n)
		seeds = append(seeds, b)
	}
	for _, b := range seeds {
		f.Add(b)
		// Broken variants: cut short, and with values of the wrong kind.
		f.Add(b[:len(b)/2])
		for _, r := range [][2]string{
			{`"day"`, `"week"`}, {`"answers": [0]`, `"answers": [7, 7]`}, {`"https://`, `"javascript:`},
			{`[`, `{`}, {`"id": "`, `"id": "Bad `}, {`"2017-`, `"2017-02-30`}, {`"sources": [`, `"sources": [1, `},
			// The timeline's fields: times, zones, spans, eras and media.
			{`"minute"`, `"day"`}, {`"day"`, `"minute"`}, {`T16:30"`, `T24:00"`}, {`"timezone": "`, `"timezone": "Etc/GMT+`},
			{`"timezone": "`, `"timezone": "Local`}, {`"end": {`, `"end": null, "x": {`}, {`"end": {"value": "`, `"end": {"value": "1`},
			{`"image": {`, `"link": {`}, {`"link": {`, `"image": {`}, {`"src": "`, `"src": "../`}, {`"width": `, `"width": -`},
			{`"eras": [`, `"eras": [{}, `}, {`"media": {`, `"media": {"image": null, `}, {`"quiz": {`, `"quiz": {}, "q": {`},
		} {
			f.Add(bytes.Replace(b, []byte(r[0]), []byte(r[1]), 1))
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("\uFEFF{}"))
	f.Add([]byte(`{"events": [{"date": {"value": "9999-12-31", "precision": "day"}}, {"date": {"value": "0000", "precision": "year"}}]}`))
	f.Add([]byte(`{"timezone": "Etc/GMT-14", "events": [{"date": {"value": "9999-12-31T23:59", "precision": "minute"}, "end": {"value": "0000-01-01T00:00", "precision": "minute"}}], "eras": [{"start": {"value": "9999", "precision": "year"}, "end": {"value": "0001", "precision": "year"}}]}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		c, ps := Check("fuzz.json", data)
		for _, p := range ps {
			if p.File != "fuzz.json" || p.Message == "" || p.Line < 0 || (p.Line > 0 && p.Col < 1) {
				t.Fatalf("malformed problem %#v", p)
			}
			_ = p.String()
		}
		if c == nil {
			if len(ps) == 0 {
				t.Fatal("no case and no problem")
			}
			return
		}
		// The helpers the UI calls cope with any decoded case.
		_ = SummaryOf(c)
		_, _ = ZoneLabel(c.Timezone), c.HasQuiz()
		for _, e := range c.Events {
			_, _, _, _ = e.Date.Display(), e.Date.Start(), e.Date.End(), e.Date.ISO()
			_, _, _ = e.When(c.Timezone), e.Last().DisplayIn(c.Timezone), e.IsSpan()
			_, _ = e.Span()
			_ = c.QuestionsAbout(e.ID)
			_ = c.Category(e.Category)
		}
		for _, e := range c.Eras {
			_, _ = e.Span()
		}
		for _, g := range c.Glossary {
			_ = c.QuestionsOnTerm(g.ID)
		}
		if len(ps) > 0 {
			return
		}
		// In a valid case every span and era runs forward, and every date
		// reads as words.
		for i := range c.Events {
			e := &c.Events[i]
			if start, end := e.Span(); !end.After(start) || e.When(c.Timezone) == "" || e.Date.ISO() == "" || e.Last().ISO() == "" {
				t.Fatalf("events[%d]: span %v to %v, when %q", i, start, end, e.When(c.Timezone))
			}
		}
		for i, era := range c.Eras {
			if start, end := era.Span(); !end.After(start) {
				t.Fatalf("eras[%d]: span %v to %v", i, start, end)
			}
		}
		// A valid case encodes to a file that is valid and decodes the same.
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		c2, ps2 := Check("roundtrip.json", b)
		if len(ps2) > 0 {
			t.Fatalf("a valid case re-encoded has problems: %v", ps2)
		}
		if b2, _ := json.Marshal(c2); !bytes.Equal(b, b2) {
			t.Fatalf("round trip changed the case:\n%s\n%s", b, b2)
		}
	})
}
