//go:build !js

// Tests of the case that Docket ships, read from web/cases on disk; the
// browser test run has no file system.

package casefile

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

const shippedCase = "../../web/cases/twitter-v-dhs-2017.json"

// loadShipped checks the shipped case and fails on any problem.
func loadShipped(t *testing.T) *Case {
	t.Helper()
	b, err := os.ReadFile(shippedCase)
	if err != nil {
		t.Fatal(err)
	}
	c, ps := Check(shippedCase, b)
	if len(ps) > 0 {
		t.Fatalf("the shipped case has problems:\n%v", ps)
	}
	return c
}

// TestShippedCaseFloor asserts what the shipped case must offer a reader:
// enough events, terms and questions, most of the quiz on its legal idea,
// and a source behind every item.
func TestShippedCaseFloor(t *testing.T) {
	c := loadShipped(t)
	if c.ID != "twitter-v-dhs-2017" || c.Updated != "2026-12-06" {
		t.Errorf("id, updated = %q, %q", c.ID, c.Updated)
	}
	if n := len(c.Events); n < 14 {
		t.Errorf("%d events, want at least 14", n)
	}
	if n := len(c.Glossary); n < 8 {
		t.Errorf("%d glossary terms, want at least 8", n)
	}
	if n := len(c.Quiz.Questions); n < 10 {
		t.Errorf("%d questions, want at least 10", n)
	}
	if c.Term("without-prejudice") == nil {
		t.Fatal(`no glossary term "without-prejudice"`)
	}
	if n := len(c.QuestionsOnTerm("without-prejudice")); n < 6 {
		t.Errorf("%d questions on without-prejudice, want at least 6", n)
	}
	if !slices.Contains(c.Credits, "Facts checked against the sources cited on each event.") {
		t.Errorf("credits %q lack the fact-check line", c.Credits)
	}

	// Every item rests on at least one source with an https address, which
	// a reader can open; a source with no address (a wire story, a law
	// report in print) is cited beside it, and every address is https.
	hasSource := func(what string, ids []string) {
		ok := false
		for _, id := range ids {
			s := c.Source(id)
			if s == nil {
				t.Errorf("%s: source %q does not exist", what, id)
				continue
			}
			if s.URL == "" {
				continue
			}
			if !strings.HasPrefix(s.URL, "https://") {
				t.Errorf("%s: source %q is not https: %s", what, id, s.URL)
			}
			ok = true
		}
		if !ok {
			t.Errorf("%s has no source with an address", what)
		}
	}
	for _, e := range c.Events {
		hasSource("event "+e.ID, e.Sources)
	}
	for _, g := range c.Glossary {
		hasSource("term "+g.ID, g.Sources)
	}
	for _, q := range c.Quiz.Questions {
		hasSource("question "+q.ID, q.Sources)
		if len(q.Events)+len(q.Terms) == 0 {
			t.Errorf("question %s is linked to no event or term", q.ID)
		}
	}
	// Every kind of question is used, so the quiz exercises the whole UI.
	for _, k := range kinds {
		if !slices.ContainsFunc(c.Quiz.Questions, func(q Question) bool { return q.Kind == k }) {
			t.Errorf("no %s question", k)
		}
	}
}

// TestShippedCaseFacts guards the facts that the fact sheet marks as
// unverified or commonly misreported.
func TestShippedCaseFacts(t *testing.T) {
	c := loadShipped(t)

	// @ALT_USCIS's creation date is known only to the month.
	e := c.Event("alt-uscis-appears")
	if e == nil || e.Date != (Date{Value: "2017-01", Precision: Month, Label: "Late January 2017"}) {
		t.Errorf("alt-uscis-appears date = %+v, want month 2017-01 labelled Late January 2017", e)
	} else if !strings.Contains(strings.Join(e.Body, " "), "exact date is not confirmed") {
		t.Error("alt-uscis-appears does not say that the exact date is not confirmed")
	}
	// The summons was faxed on March 14; March 13 was its deadline.
	if e := c.Event("summons-faxed"); e == nil || e.Date.Value != "2017-03-14" {
		t.Errorf("summons-faxed = %+v, want 2017-03-14", e)
	}
	for _, s := range allText(c) {
		if strings.Contains(s, "March 13") && !strings.Contains(s, "due") && !strings.Contains(s, "deadline") {
			t.Errorf("March 13 named other than as the deadline: %q", s)
		}
		// Claims the fact sheet says not to use or state as fact.
		for _, banned := range []string{"damages", "Filed Date", "March 14, 2017, Twitter received"} {
			if strings.Contains(s, banned) {
				t.Errorf("text uses %q: %q", banned, s)
			}
		}
		if strings.Contains(s, "notice cites") || strings.Contains(s, "notice cited Rule") {
			t.Errorf("text says the notice cites Rule 41: %q", s)
		}
	}
	for _, d := range []struct{ id, value string }{
		{"twitter-sues", "2017-04-06"}, {"summons-withdrawn", "2017-04-07"},
		{"first-amendment-image", "2017-04"}, {"alt-uscis-thanks", "2017-04-07"},
	} {
		if e := c.Event(d.id); e == nil || e.Date.Value != d.value {
			t.Errorf("event %s = %+v, want it on %s", d.id, e, d.value)
		}
	}
	// The wire story says only that the image came after Thursday's filing.
	if e := c.Event("first-amendment-image"); e == nil || e.Date.Precision != Month || !strings.Contains(e.Date.Label, "after the suit") {
		t.Errorf("first-amendment-image date = %+v, want April 2017, labelled as after the suit", e)
	}
}

// TestShippedCaseCorrections guards the corrections of issue 15: what a
// source says is credited to it, quotations keep their errors, and the case
// notes its correction.
func TestShippedCaseCorrections(t *testing.T) {
	c := loadShipped(t)
	wire := c.Source("nan-wire")
	if wire == nil || wire.Kind != SourceWire || wire.URL != "" || wire.Date != "2017-04" ||
		wire.Title != "Why Twitter withdrew lawsuit against U.S Government" || wire.Publisher != "News Agency of Nigeria" {
		t.Fatalf("the wire story the app was commissioned from = %+v", wire)
	}
	// What only the wire story reports is cited to it, and the first
	// story on the image no longer cites Politico for it.
	for _, id := range []string{"alt-uscis-appears", "first-amendment-image", "aclu-claims-victory", "alt-uscis-thanks"} {
		if e := c.Event(id); e == nil || !slices.Contains(e.Sources, "nan-wire") {
			t.Errorf("event %s does not cite the wire story", id)
		}
	}
	if e := c.Event("first-amendment-image"); e != nil && slices.Contains(e.Sources, "politico") {
		t.Error("first-amendment-image cites Politico, which does not report the image")
	}
	quoted := map[string]string{ // words only a source of this id has
		"We want to thank Twitter and ACLU":           "nan-wire",
		"Trump administration backs down":             "nan-wire",
		"The speed with which the government":         "aclu-press-release",
		"not tolled by the filing of a complaint":     "cardio-medical",
		"range from 90 days to three years":           "savings-statutes",
		"one out of five summonses CBP issues":        "fcw",
		"“CBP may have exceeded the scope":            "oig-alert",
		"to exclude all negotiations genuinely":       "kampala",
		"“without a court order” by filing “a notice": "frcp-41",
	}
	for _, it := range citedText(c) {
		for words, id := range quoted {
			if strings.Contains(it.text, words) && !slices.Contains(it.sources, id) {
				t.Errorf("%s quotes %q but does not cite %s", it.what, words, id)
			}
		}
		// FCW's estimate is FCW's, never the Inspector General's finding.
		for _, five := range []string{"one in five", "one out of five"} {
			if strings.Contains(it.text, five) && !strings.Contains(it.text, "FCW") {
				t.Errorf("%s gives the one-in-five estimate without crediting FCW: %q", it.what, it.text)
			}
		}
		// The notice's error is kept and marked.
		if strings.Contains(it.text, "voluntary dismisses") && !strings.Contains(it.text, "voluntary [sic] dismisses") {
			t.Errorf("%s quotes the notice's “voluntary dismisses” without [sic]", it.what)
		}
		if strings.Contains(it.text, "...") && strings.Contains(it.text, "shortly after") {
			t.Errorf("%s shortens the Washington Times quotation", it.what)
		}
	}
	// A quoted court holding cites the court's opinion.
	if s := c.Source("cardio-medical"); s == nil || s.Kind != SourcePrint || !strings.Contains(s.Title, "721 F.2d 68") || !strings.Contains(s.Title, "jhany.com") {
		t.Errorf("cardio-medical = %+v, want the opinion, saying where it was read", s)
	}
	// The correction is noted on the day the case was updated.
	if len(c.Corrections) == 0 || c.Corrections[len(c.Corrections)-1].Date != c.Updated {
		t.Errorf("corrections %+v: want the latest dated %s, the updated date", c.Corrections, c.Updated)
	}
}

// citedItem is a piece of text a reader sees with the sources shown beside it.
type citedItem struct {
	what, text string
	sources    []string
}

// citedText is every event, term and question as text with its sources.
func citedText(c *Case) []citedItem {
	var items []citedItem
	for _, e := range c.Events {
		items = append(items, citedItem{"event " + e.ID, e.Title + " " + strings.Join(e.Body, " "), e.Sources})
	}
	for _, g := range c.Glossary {
		items = append(items, citedItem{"term " + g.ID, g.Definition + " " + g.Explanation, g.Sources})
	}
	for _, q := range c.Quiz.Questions {
		items = append(items, citedItem{"question " + q.ID, q.Prompt + " " + strings.Join(q.Choices, " ") + " " + q.Explanation, q.Sources})
	}
	return items
}

// allText returns every piece of text a reader sees in the case.
func allText(c *Case) []string {
	s := []string{c.Title, c.Summary, c.Outcome, c.Quiz.Title, c.Quiz.Intro}
	for _, e := range c.Events {
		s = append(append(s, e.Title, e.Date.Label), e.Body...)
	}
	for _, g := range c.Glossary {
		s = append(s, g.Term, g.Definition, g.Explanation)
	}
	for _, q := range c.Quiz.Questions {
		s = append(append(s, q.Prompt, q.Explanation), q.Choices...)
	}
	return s
}

// TestShippedCategoryColours checks that the timeline colours read on white
// and stay apart from each other, also as people with the common colour
// vision deficiencies see them (Machado et al. 2009 simulation, CIE76 ΔE).
func TestShippedCategoryColours(t *testing.T) {
	c := loadShipped(t)
	var ids []string
	for _, k := range c.Categories {
		ids = append(ids, k.ID)
		if r := contrastOnWhite(k.Color); r < MinContrast {
			t.Errorf("%s %s: contrast %.2f on white", k.ID, k.Color, r)
		}
	}
	diffLines(t, ids, []string{"court", "government", "twitter", "reaction"})
	vision := []struct {
		name  string
		m     [3][3]float64
		minDE float64
	}{
		{"normal vision", [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 25},
		{"protanopia", [3][3]float64{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}, 15},
		{"deuteranopia", [3][3]float64{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}, 15},
		{"tritanopia", [3][3]float64{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}, 15},
	}
	for _, v := range vision {
		for i, a := range c.Categories {
			for _, b := range c.Categories[i+1:] {
				if de := deltaE(lab(simulate(a.Color, v.m)), lab(simulate(b.Color, v.m))); de < v.minDE {
					t.Errorf("%s: %s %s and %s %s are too close (ΔE %.1f < %.0f)", v.name, a.ID, a.Color, b.ID, b.Color, de, v.minDE)
				}
			}
		}
	}
}

// simulate returns the linear RGB of a #rrggbb colour as seen through m.
func simulate(hex string, m [3][3]float64) [3]float64 {
	var rgb [3]uint8
	for i := range rgb {
		n, _ := parseHexByte(hex[1+2*i : 3+2*i])
		rgb[i] = n
	}
	var lin, out [3]float64
	for i, c := range rgb {
		s := float64(c) / 255
		if s <= 0.04045 {
			lin[i] = s / 12.92
		} else {
			lin[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	for i := range out {
		out[i] = math.Min(1, math.Max(0, m[i][0]*lin[0]+m[i][1]*lin[1]+m[i][2]*lin[2]))
	}
	return out
}

func parseHexByte(s string) (uint8, bool) {
	var n uint8
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= '0' && r <= '9':
			n = n*16 + uint8(r-'0')
		case r >= 'a' && r <= 'f':
			n = n*16 + uint8(r-'a'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// lab converts linear sRGB (D65) to CIELAB.
func lab(c [3]float64) [3]float64 {
	x := (0.4124*c[0] + 0.3576*c[1] + 0.1805*c[2]) / 0.95047
	y := 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
	z := (0.0193*c[0] + 0.1192*c[1] + 0.9505*c[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func deltaE(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}
