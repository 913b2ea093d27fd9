package export

import "testing"

func TestParseHeaders(t *testing.T) {
	rules, err := ParseHeaders("# comment\n/a/*\n  X-One: 1\n  X-Two: two: parts\n\n/a/b\n\tX-Three: 3\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 2 || rules[0].Header.Get("X-Two") != "two: parts" || rules[1].Header.Get("X-Three") != "3" {
		t.Fatalf("rules = %+v", rules)
	}
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/a/*", "/a/", true},
		{"/a/*", "/a/b/c", true},
		{"/a/*", "/b/a/", false},
		{"/a/b", "/a/b", true},
		{"/a/b", "/a/b/", false},
		{"/*.json", "/x/y.json", true},
		{"/*.json", "/x/y.js", false},
	} {
		if got := (HeaderRule{Pattern: tc.pattern}).Match(tc.path); got != tc.want {
			t.Errorf("%s matches %s: %v; want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
	if _, err := ParseHeaders("  X-Orphan: 1\n"); err == nil {
		t.Error("a header under no path was accepted")
	}
}
