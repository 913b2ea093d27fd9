//go:build !js

package casefile

import (
	"fmt"
	"time"
)

// zoneProblem says why zone is not an IANA time zone name, or returns "".
// It asks the time zone database (time.LoadLocation), so the programs that
// validate (the server, `docket validate`) must embed one:
// internal/cli imports time/tzdata. The browser program does not, and
// checks only the name's form (zone_js.go).
func zoneProblem(zone string) string {
	if msg := zoneFormProblem(zone); msg != "" {
		return msg
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return fmt.Sprintf("%q is not a time zone: use an IANA name, such as \"America/Los_Angeles\"", zone)
	}
	return ""
}
