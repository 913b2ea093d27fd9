package pages

import "testing"

func TestDayLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-11-29", "November 29, 2026"},
		{"2017-04-07", "April 7, 2017"},
		{"2026-11", "2026-11"},
		{"", ""},
		{"<b>", "<b>"}, // shown as text by the template
	}
	for _, tt := range tests {
		if got := DayLabel(tt.in); got != tt.want {
			t.Errorf("DayLabel(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
