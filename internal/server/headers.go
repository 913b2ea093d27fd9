package server

import (
	"net/http"
	"strings"

	"docket/internal/routes"
)

// Security headers. The Content-Security-Policy allows no inline script:
// go-app's bootstrap is in files (/app.js, /wasm_exec.js), the case data
// rides in a JSON block that is never run, and WebAssembly needs only
// 'wasm-unsafe-eval'.
const (
	cspBefore = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"
	cspAfter  = "; connect-src 'self'; manifest-src 'self'; worker-src 'self'; " +
		"font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
	cspBase           = cspBefore + cspAfter
	permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

// pageCSP is the Content-Security-Policy of pages whose cases show images
// from the https origins hosts (see imageHosts): img-src allows this site,
// data: URLs and those origins, nothing else; no script, frame or style
// from anywhere else.
func pageCSP(hosts []string) string {
	if len(hosts) == 0 {
		return cspBase
	}
	return cspBefore + " " + strings.Join(hosts, " ") + cspAfter
}

// csp is the Content-Security-Policy without frame-ancestors: the current
// snapshot's (see pageCSP), and for an export that counts answers
// elsewhere, that server's origin in connect-src.
func (s *Server) csp() string {
	csp := s.cases.snapshot().csp
	if u := s.cfg.StatsURL; u != nil {
		return strings.Replace(csp, "connect-src 'self'", "connect-src 'self' "+u.Scheme+"://"+u.Host, 1)
	}
	return csp
}

// headers sets the headers every response carries, and the framing policy:
// embeds may be framed by any site (or the -frame-ancestors list), every
// other page only by this site.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", permissionsPolicy)
		csp := s.csp() // the snapshot's image hosts, and a stats server's origin
		if routes.IsEmbed(r.URL.Path) {
			// Embeds are made to be framed: by any site, or by the
			// -frame-ancestors list.
			h.Set("Content-Security-Policy", csp+"; frame-ancestors "+s.cfg.FrameAncestors)
		} else {
			h.Set("Content-Security-Policy", csp+"; frame-ancestors 'self'")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("X-Frame-Options", "SAMEORIGIN")
		}
		if s.cfg.HSTS {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		// The browser program and the data it fetches may be loaded by an
		// embed whose origin is opaque (a sandboxed iframe).
		if routes.IsEditor(r.URL.Path) {
			// Signed-in answers: never stored, never read by other origins.
			h.Set("Cache-Control", "no-store")
		} else if routes.IsAnswers(r.URL.Path) {
			// Counting: from this site only, or from the one origin of a
			// static export named by -stats-origin.
			h.Add("Vary", "Origin")
			if o := r.Header.Get("Origin"); s.stats != nil && o != "" && o == s.stats.origin {
				h.Set("Access-Control-Allow-Origin", o)
			}
		} else if strings.HasPrefix(r.URL.Path, "/web/") || strings.HasPrefix(r.URL.Path, "/api/") {
			h.Set("Access-Control-Allow-Origin", "*")
			h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		}
		next.ServeHTTP(w, r)
	})
}
