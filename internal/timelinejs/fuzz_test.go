package timelinejs

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"docket/internal/casefile"
)

// fuzzImport checks what any input must give: an error (an *InputError
// naming the file) or a case and a report, never a panic; and a case that
// exports in both formats and imports again.
func fuzzImport(t *testing.T, data []byte, f Format) {
	tl, err := Read("fuzz", bytes.NewReader(data), f)
	if err != nil {
		if _, ok := asInputError(err); !ok || !strings.HasPrefix(err.Error(), "fuzz") {
			t.Fatalf("error %q is not an input error naming the file", err)
		}
		return
	}
	c, rep := Convert(tl)
	if c == nil || rep == nil || c.ID == "" {
		t.Fatalf("Convert gave case %v, report %v", c, rep)
	}
	checkIDs(t, c)
	for _, s := range append([]string{c.Title, c.Summary}, texts(c)...) {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in the case: %q", s)
		}
	}
	_ = rep.String()
	for _, out := range []Format{JSON, CSV} {
		data, _, err := Export(c, out)
		if err != nil {
			t.Fatalf("Export(%s): %v", out, err)
		}
		if _, _, err := Import("export", bytes.NewReader(data), out); err != nil {
			t.Fatalf("importing the %s export: %v\n%s", out, err, data)
		}
	}
}

// texts is every event's title and paragraphs.
func texts(c *casefile.Case) []string {
	var out []string
	for _, e := range c.Events {
		out = append(out, e.Title)
		out = append(out, e.Body...)
	}
	return out
}

// checkIDs fails when an event id is not a well-formed id or is used twice.
func checkIDs(t *testing.T, c *casefile.Case) {
	seen := map[string]bool{}
	for _, e := range c.Events {
		if !idRE.MatchString(e.ID) || seen[e.ID] {
			t.Fatalf("event id %q is malformed or used twice", e.ID)
		}
		seen[e.ID] = true
	}
}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func readTestdataF(f *testing.F, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// FuzzReadCSV feeds the Sheets reader arbitrary bytes.
func FuzzReadCSV(f *testing.F) {
	f.Add(readTestdataF(f, "gideon.csv"))
	f.Add([]byte(header + "1961,6,3,16:30:15,1962,,,,,<p>a</p>,<script>x</script>,https://example.org/a.png,,,,,,G,#fff\n"))
	f.Add([]byte("\xef\xbb\xbfYear,Month,Day,Headline,Text,Type\r\n,,,T,S,title\r\n-500,13,40,x,y,era\r\n"))
	f.Add([]byte("Year,Month,Day,Headline,Text\n\"unclosed"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, data, CSV) })
}

// FuzzReadJSON feeds the JSON reader arbitrary bytes.
func FuzzReadJSON(f *testing.F) {
	f.Add(readTestdataF(f, "gideon.json"))
	f.Add([]byte(`{"events":[{"start_date":{"year":"1,961","month":2,"day":29,"hour":23,"minute":59,"second":59},"end_date":{"year":-1},"text":{"headline":"<b>x</b>","text":"<ul class=\"docket-sources\"><li><a href=\"https://e.org/\">T</a> (P, 2017, print)</li></ul>"},"media":{"url":"//e.org/a.svg"}}],"eras":[{"start_date":{"year":1},"end_date":{"year":9999}}]}`))
	f.Add([]byte(`{"title":{"text":{"headline":"T"}},"events":[{"start_date":{"year":1e3}}]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, data, JSON) })
}
