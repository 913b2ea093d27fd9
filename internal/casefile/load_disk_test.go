//go:build !js

// Tests that read folders on disk; the browser test run has no file system.

package casefile

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// TestLoadExtraDir loads the second test case from disk beside a built-in
// one: the built-in case stays first, whatever the ids.
func TestLoadExtraDir(t *testing.T) {
	builtIn := fstest.MapFS{"zz-built-in.json": {Data: caseJSON(t, "zz-built-in")}}
	dir := filepath.Join("testdata", "second-case")
	l, err := Load(builtIn, dir)
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, l.IDs(), []string{"zz-built-in", "demo-appeal"})
	if got, want := l.File("demo-appeal"), filepath.Join(dir, "demo-appeal.json"); got != want {
		t.Errorf("File(demo-appeal) = %q, want %q", got, want)
	}
}

func TestLoadExtraDirProblems(t *testing.T) {
	builtIn := fstest.MapFS{"a.json": {Data: caseJSON(t, "a")}}
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, ".#a.json"), []byte("lock"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, "notes.md"), []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	dup := t.TempDir()
	if err := os.WriteFile(filepath.Join(dup, "copy.json"), caseJSON(t, "a"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "nope")
	tests := []struct {
		dir  string
		want string
	}{
		{empty, empty + ": the cases folder has no *.json files"},
		{missing, missing + ": cannot read the cases folder: no such file or directory"},
		{dup, filepath.Join(dup, "copy.json") + `:1:37: id: case id "a" is also the id of the case in a.json`},
	}
	for _, tt := range tests {
		_, err := Load(builtIn, tt.dir)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%s):\n got  %v\n want %s", tt.dir, err, tt.want)
		}
	}
}

func TestLoadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", caseJSON(t, "good"))
	again := write("again.json", caseJSON(t, "good"))
	bad := write("bad.json", []byte(`{"id": "bad", "colour": 1}`))
	missing := filepath.Join(dir, "missing.json")

	reports, err := LoadFiles(good, bad, missing, again)
	if err == nil {
		t.Fatal("LoadFiles: no error")
	}
	if len(reports) != 4 {
		t.Fatalf("got %d reports, want 4", len(reports))
	}
	if r := reports[0]; r.Path != good || r.Case == nil || r.Case.ID != "good" || len(r.Problems) != 0 {
		t.Errorf("good file: %+v", r)
	}
	unknown := bad + `:1:15: colour: unknown field (known fields: $schema, id, title, summary, court, docket, parties, status, outcome, updated, credits, categories, events, glossary, quiz, sources, timezone, eras, media, corrections)`
	if r := reports[1]; r.Case == nil || !slices.Contains(r.Problems.Strings(), unknown) || !slices.Contains(r.Problems.Strings(), bad+":1:1: title: is required") {
		t.Errorf("bad file: %v", r.Problems)
	}
	diffLines(t, reports[2].Problems.Strings(), []string{missing + ": cannot read the file: no such file or directory"})
	diffLines(t, reports[3].Problems.Strings(), []string{again + `:1:37: id: case id "good" is also the id of the case in ` + good})

	if _, err := LoadFiles(good, filepath.Join("testdata", "second-case", "demo-appeal.json")); err != nil {
		t.Errorf("valid files: %v", err)
	}
}
