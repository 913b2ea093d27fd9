package casefile

import (
	"slices"
	"testing"
)

func TestNewestFirst(t *testing.T) {
	s := func(id, title, updated string) Summary { return Summary{ID: id, Title: title, Updated: updated} }
	tests := []struct {
		name string
		in   []Summary
		want []string // ids
	}{
		{"none", nil, nil},
		{"one", []Summary{s("a", "A", "2026-01-01")}, []string{"a"}},
		{"newest first", []Summary{s("old", "O", "2017-04-07"), s("new", "N", "2026-12-06"), s("mid", "M", "2020-06-15")}, []string{"new", "mid", "old"}},
		{"same day: by title", []Summary{s("b", "Zeta v. Alpha", "2026-12-06"), s("a", "Alpha v. Zeta", "2026-12-06")}, []string{"a", "b"}},
		{"same day and title: by id", []Summary{s("y", "Same", "2026-12-06"), s("x", "Same", "2026-12-06")}, []string{"x", "y"}},
		{"months before days", []Summary{s("jan", "J", "2026-01-31"), s("dec", "D", "2026-12-01")}, []string{"dec", "jan"}},
	}
	for _, tt := range tests {
		in := slices.Clone(tt.in)
		var got []string
		for _, x := range NewestFirst(tt.in) {
			got = append(got, x.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: NewestFirst = %v; want %v", tt.name, got, tt.want)
		}
		if !slices.Equal(tt.in, in) {
			t.Errorf("%s: NewestFirst changed its argument", tt.name)
		}
	}
}
