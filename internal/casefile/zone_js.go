//go:build js

package casefile

// zoneProblem says why zone is not an IANA time zone name, or returns "". In
// the browser it checks only the name's form: a time zone database would
// add about 450 KB to the program, and the server, which has one, checks
// every case before serving it (zone.go).
func zoneProblem(zone string) string {
	return zoneFormProblem(zone)
}
