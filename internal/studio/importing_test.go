package studio

import (
	"os"
	"strings"
	"testing"

	"docket/internal/timelinejs"
)

func TestImportFile(t *testing.T) {
	for _, name := range []string{"gideon.csv", "gideon.json"} {
		data, err := os.ReadFile("../timelinejs/testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		im, err := ImportFile(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if im.Case.ID != "gideon-v-wainwright" || len(im.Case.Events) != 10 || !strings.HasPrefix(im.Summary, `Imported "Gideon v. Wainwright" from `+name) {
			t.Errorf("%s: case %q, %d events, summary %q", name, im.Case.ID, len(im.Case.Events), im.Summary)
		}
		var todo *timelinejs.Section
		for i, s := range im.Sections {
			if s.Kind == timelinejs.ToDo {
				todo = &im.Sections[i]
			}
		}
		if todo == nil || todo.Title != "To do before the case can be published" {
			t.Fatalf("%s: no to-do list: %+v", name, im.Sections)
		}
		var court bool
		for _, it := range todo.Items {
			court = court || strings.HasPrefix(it.String(), "court: add the court's name")
		}
		if !court {
			t.Errorf("%s: the to-do list does not ask for the court: %+v", name, todo.Items)
		}
	}
	for _, tt := range []struct {
		name, data, want string
	}{
		{"empty.csv", "  \n", "empty.csv is empty"},
		{"bad.json", "{not json", "bad.json"},
		{"big.csv", strings.Repeat("x", MaxImport+1), "larger than"},
	} {
		if _, err := ImportFile(tt.name, []byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ImportFile(%s): %v; want an error with %q", tt.name, err, tt.want)
		}
	}
}
