//go:build !js

package casefile

import (
	"testing"
	_ "time/tzdata" // as internal/cli does: the test does not lean on the host's zoneinfo
)

// TestZoneProblem checks that a timezone must exist, where the time zone
// database is at hand (the server and the command line; the browser checks
// only the name's form).
func TestZoneProblem(t *testing.T) {
	tests := []struct{ zone, want string }{
		{"America/Los_Angeles", ""},
		{"America/Argentina/Buenos_Aires", ""},
		{"Etc/GMT+5", ""},
		{"UTC", ""},
		{"America/Atlantis", `"America/Atlantis" is not a time zone: use an IANA name, such as "America/Los_Angeles"`},
		{"Pacific Time", `"Pacific Time" is not a time zone name: use an IANA name, such as "America/Los_Angeles"`},
		{"../etc/passwd", `"../etc/passwd" is not a time zone name: use an IANA name, such as "America/Los_Angeles"`},
		{"Local", `"Local" is the zone of the computer that shows the case, not the case's: use an IANA name, such as "America/Los_Angeles"`},
	}
	for _, tt := range tests {
		if got := zoneProblem(tt.zone); got != tt.want {
			t.Errorf("zoneProblem(%q) = %q, want %q", tt.zone, got, tt.want)
		}
	}
	c := minimalCase(t)
	c.Timezone = "Europe/Atlantis"
	diffLines(t, c.Validate().Strings(), []string{`timezone: "Europe/Atlantis" is not a time zone: use an IANA name, such as "America/Los_Angeles"`})
}
