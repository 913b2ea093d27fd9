package timelinejs

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"docket/internal/casefile"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with the file testdata/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the code makes now; run go test -update and review the diff.\ngot:\n%s", path, got)
	}
}

// importFile imports a testdata file.
func importFile(t *testing.T, name string) ([]byte, *Report) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, rep, err := Import(name, f, Auto)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n'), rep
}

// TestGolden imports the same timeline (the story of Gideon v. Wainwright)
// as a Sheets CSV and as JSON: both must give the case in
// testdata/gideon.case.json, byte for byte, and the reports are golden too.
func TestGolden(t *testing.T) {
	fromCSV, csvReport := importFile(t, "gideon.csv")
	fromJSON, jsonReport := importFile(t, "gideon.json")
	golden(t, "gideon.case.json", fromCSV)
	if !bytes.Equal(fromCSV, fromJSON) {
		t.Errorf("the CSV and the JSON of one timeline give different cases:\nCSV:\n%s\nJSON:\n%s", fromCSV, fromJSON)
	}
	golden(t, "gideon.csv.report", []byte(csvReport.String()))
	golden(t, "gideon.json.report", []byte(jsonReport.String()))
}

// TestGoldenServesOnceToDosDone checks that the imported case needs
// nothing but what its to-do list names: with the court, parties and the
// rest filled in and a source on each event, it is valid.
func TestGoldenServesOnceToDosDone(t *testing.T) {
	b, rep := importFile(t, "gideon.csv")
	var c casefile.Case
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	if !rep.NeedsEditing() {
		t.Fatal("the import needs no editing; want a to-do list")
	}
	c.Court, c.Docket = "Supreme Court of the United States", "No. 155"
	c.Parties = []casefile.Party{{Name: "Clarence Earl Gideon", Role: "petitioner"}, {Name: "Louie L. Wainwright", Role: "respondent"}}
	c.Status, c.Outcome, c.Updated = casefile.StatusDecided, "The Court ruled for Gideon, 9-0.", "2026-12-06"
	c.Credits = []string{"Imported from TimelineJS"}
	for i := range c.Events {
		if len(c.Events[i].Sources) == 0 {
			c.Events[i].Sources = []string{"gideon-v-wainwright-372-u-s-335"}
		}
	}
	if ps := c.Validate(); len(ps) > 0 {
		t.Errorf("with its to-dos done, the case still has problems:\n%v", ps)
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func marshal(t *testing.T, c *casefile.Case) []byte {
	t.Helper()
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// TestGoldenExport exports the golden case in both formats (golden files
// too) and imports the exports: each gives back the very same case, and
// its report says the sources came back from the export's lists.
func TestGoldenExport(t *testing.T) {
	want := readTestdata(t, "gideon.case.json")
	c, err := casefile.Decode("gideon.case.json", want)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		format Format
		golden string
	}{{JSON, "gideon.export.json"}, {CSV, "gideon.export.csv"}} {
		data, _, err := Export(c, f.format)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, f.golden, data)
		back, rep, err := Import(f.golden, bytes.NewReader(data), Auto)
		if err != nil {
			t.Fatal(err)
		}
		if !hasItem(rep, Mapped, "the sources a Docket export listed under each slide's text, as sources: 3") {
			t.Errorf("importing %s does not say its 3 sources came back from the export's lists:\n%s", f.golden, rep)
		}
		if got := marshal(t, back); !bytes.Equal(got, want) {
			t.Errorf("importing %s does not give back gideon.case.json:\n%s", f.golden, got)
		}
	}
}
