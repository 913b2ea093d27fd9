package casefile

import (
	"embed"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// testdata is embedded so that the tests run in the browser (GOOS=js) too,
// where there is no file system.
//
//go:embed testdata
var testdata embed.FS

// readTestdata returns a file of testdata, failing the test if it is missing.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := testdata.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// minimalCase returns a fresh copy of testdata/valid/minimal.json, a valid
// case that the validation tests break one way at a time.
func minimalCase(t testing.TB) *Case {
	t.Helper()
	c, err := Decode("minimal.json", readTestdata(t, "testdata/valid/minimal.json"))
	if err != nil {
		t.Fatalf("minimal.json: %v", err)
	}
	return c
}

// demoCase returns a fresh copy of the second test case, which sets every
// optional field.
func demoCase(t testing.TB) *Case {
	t.Helper()
	c, err := Decode("demo-appeal.json", readTestdata(t, "testdata/second-case/demo-appeal.json"))
	if err != nil {
		t.Fatalf("demo-appeal.json: %v", err)
	}
	return c
}

// timelineCase returns a fresh copy of testdata/valid/timeline-only.json,
// a case with no quiz or glossary that uses spans, times of day, eras and
// media.
func timelineCase(t testing.TB) *Case {
	t.Helper()
	c, err := Decode("timeline-only.json", readTestdata(t, "testdata/valid/timeline-only.json"))
	if err != nil {
		t.Fatalf("timeline-only.json: %v", err)
	}
	return c
}

// diffLines reports the lines missing from got and the unexpected ones, so
// a failure shows just what changed.
func diffLines(t testing.TB, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.WriteString("\n  missing:    " + w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			b.WriteString("\n  unexpected: " + g)
		}
	}
	if b.Len() == 0 {
		b.WriteString("\n  same lines, different order")
	}
	t.Errorf("problems differ:%s\ngot:\n  %s\nwant:\n  %s", b.String(), strings.Join(got, "\n  "), strings.Join(want, "\n  "))
}

// marshal encodes v as JSON, failing the test on error.
func marshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
