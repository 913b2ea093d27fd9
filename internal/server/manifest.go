package server

import (
	"encoding/json"
	"image/png"
	"io/fs"
	"strconv"

	"docket/internal/routes"
)

// Docket's colours, shared by the manifest and go-app's page settings.
const (
	themeColor      = "#1d3557"
	backgroundColor = "#fbfaf7"
)

// manifestIcon and manifestScreenshot are entries of the web app manifest.
type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

type manifestScreenshot struct {
	Src        string `json:"src"`
	Sizes      string `json:"sizes"`
	Type       string `json:"type"`
	FormFactor string `json:"form_factor"`
	Label      string `json:"label"`
}

// manifest builds the web app manifest: what Chromium needs to offer the
// install (name, start URL, scope, standalone display, 192 and 512 px
// icons) plus a maskable icon and screenshots for the richer install UI.
// go-app writes one too, without screenshots or sub-path; this one is
// served instead.
func (s *Server) manifest(web fs.FS) ([]byte, error) {
	base := s.cfg.Base
	under := func(path string) string { return routes.Under(base, path) }
	m := struct {
		ID              string               `json:"id"`
		Name            string               `json:"name"`
		ShortName       string               `json:"short_name"`
		Description     string               `json:"description"`
		Lang            string               `json:"lang"`
		StartURL        string               `json:"start_url"`
		Scope           string               `json:"scope"`
		Display         string               `json:"display"`
		BackgroundColor string               `json:"background_color"`
		ThemeColor      string               `json:"theme_color"`
		Categories      []string             `json:"categories"`
		Icons           []manifestIcon       `json:"icons"`
		Screenshots     []manifestScreenshot `json:"screenshots,omitempty"`
	}{
		ID:              base,
		Name:            "Docket: court cases explained",
		ShortName:       "Docket",
		Description:     "What happened in a court case, and the legal idea at its heart, with every fact linked to its source.",
		Lang:            "en",
		StartURL:        base,
		Scope:           base,
		Display:         "standalone",
		BackgroundColor: backgroundColor,
		ThemeColor:      themeColor,
		Categories:      []string{"news", "education"},
		Icons: []manifestIcon{
			{Src: under("/web/icons/icon-192.png"), Sizes: "192x192", Type: "image/png", Purpose: "any"},
			{Src: under("/web/icons/icon-512.png"), Sizes: "512x512", Type: "image/png", Purpose: "any"},
			{Src: under("/web/icons/maskable-512.png"), Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
			{Src: under("/web/icons/icon.svg"), Sizes: "any", Type: "image/svg+xml", Purpose: "any"},
		},
	}
	for _, sc := range []struct{ name, formFactor, label string }{
		{"screenshots/desktop.png", "wide", "The timeline and the quiz on a desktop screen"},
		{"screenshots/mobile.png", "narrow", "The timeline as a list on a phone"},
	} {
		w, h, err := pngSize(web, sc.name)
		if err != nil {
			continue // screenshots are optional: the install works without them
		}
		m.Screenshots = append(m.Screenshots, manifestScreenshot{
			Src: under("/web/" + sc.name), Sizes: strconv.Itoa(w) + "x" + strconv.Itoa(h),
			Type: "image/png", FormFactor: sc.formFactor, Label: sc.label,
		})
	}
	return json.MarshalIndent(m, "", "  ")
}

// pngSize reads the width and height of a PNG in fsys.
func pngSize(fsys fs.FS, name string) (int, int, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	return cfg.Width, cfg.Height, err
}
