package timelinejs

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
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
