package casefile

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// caseJSON returns the JSON of the minimal case with its id (and title)
// changed, for building libraries of several cases.
func caseJSON(t *testing.T, id string) []byte {
	t.Helper()
	c := minimalCase(t)
	c.ID, c.Title = id, "Demo: case "+id
	return marshal(t, c)
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"b-case.json":      {Data: caseJSON(t, "b-case")},
		"a-case.json":      {Data: caseJSON(t, "a-case")},
		"notes.txt":        {Data: []byte("not a case")},
		"drafts/old.json":  {Data: []byte("{")}, // only the root is read
		"demo-appeal.json": {Data: readTestdata(t, "testdata/second-case/demo-appeal.json")},
	}
	l, err := Load(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, l.IDs(), []string{"a-case", "b-case", "demo-appeal"})
	if c, ok := l.Case("demo-appeal"); !ok || c.Title != demoCase(t).Title {
		t.Errorf("Case(demo-appeal) = %v, %v", c, ok)
	}
	if _, ok := l.Case("nope"); ok {
		t.Error("Case(nope) found a case")
	}
	if got := l.Default().ID; got != "a-case" {
		t.Errorf("Default() = %q, want a-case", got)
	}
	if got := l.File("b-case"); got != "b-case.json" {
		t.Errorf("File(b-case) = %q", got)
	}
	s := l.Summaries()
	if len(s) != 3 || s[2].ID != "demo-appeal" || s[2].First.Value != "2018" || s[2].Last.Value != "2020-06-15" {
		t.Errorf("Summaries() = %+v", s)
	}
	if cs := l.Cases(); len(cs) != 3 || cs[1].ID != "b-case" {
		t.Errorf("Cases() = %v", cs)
	}
}

// TestLoadReportsEveryFile checks that Load reports the problems of every
// file, and a case id that two files share, naming both files.
func TestLoadReportsEveryFile(t *testing.T) {
	bad := strings.Replace(string(caseJSON(t, "bad-case")), `"status":"dismissed"`, `"status":"won"`, 1)
	fsys := fstest.MapFS{
		"a.json":      {Data: caseJSON(t, "same-id")},
		"b.json":      {Data: caseJSON(t, "same-id")},
		"bad.json":    {Data: []byte(bad)},
		"broken.json": {Data: []byte("{\n\"id\": }")},
	}
	l, err := Load(fsys, "")
	if l != nil {
		t.Error("Load returned a library despite problems")
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not Problems", err)
	}
	idCol := strings.Index(string(fsys["b.json"].Data), `"same-id"`) + 1
	statusCol := strings.Index(bad, `"won"`) + 1
	diffLines(t, ps.Strings(), []string{
		fmt.Sprintf(`b.json:1:%d: id: case id "same-id" is also the id of the case in a.json`, idCol),
		fmt.Sprintf(`bad.json:1:%d: status: "won" is not a status: use open, decided, settled, dismissed or closed`, statusCol),
		`broken.json:2:7: invalid character '}' looking for beginning of value`,
	})
	if !strings.Contains(err.Error(), "\nbad.json:") {
		t.Errorf("Error() does not list one problem per line:\n%s", err)
	}
}

func TestLoadNothing(t *testing.T) {
	_, err := Load(fstest.MapFS{}, "")
	if err == nil || err.Error() != "no case files found" {
		t.Errorf("err = %v, want no case files found", err)
	}
}
