//go:build !js

// The schema tests read web/case.schema.json from disk; the browser test run
// has no file system.

package casefile

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

const schemaFile = "../../web/case.schema.json"

// loadSchema reads the case schema as generic JSON.
func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	return s
}

// resolve returns node with its "$ref" (if any) merged in, the local
// keywords winning, so callers see every keyword that applies to a value.
func resolve(root, node map[string]any) map[string]any {
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	merged := map[string]any{}
	for k, v := range resolve(root, def(root, ref)) {
		merged[k] = v
	}
	for k, v := range node {
		if k != "$ref" {
			merged[k] = v
		}
	}
	return merged
}

// def returns the schema that a "#/$defs/name" reference names.
func def(root map[string]any, ref string) map[string]any {
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	if !ok {
		panic("unsupported $ref " + ref)
	}
	d, _ := root["$defs"].(map[string]any)[name].(map[string]any)
	if d == nil {
		panic("no definition " + ref)
	}
	return d
}

func object(v any) map[string]any { m, _ := v.(map[string]any); return m }

func stringList(v any) []string {
	var s []string
	for _, x := range v.([]any) {
		s = append(s, x.(string))
	}
	return s
}

func TestSchemaHeader(t *testing.T) {
	s := loadSchema(t)
	if got := s["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", got)
	}
	if got := s["$id"]; got != SchemaID {
		t.Errorf("$id = %v, want %q", got, SchemaID)
	}
	if got := object(object(s["properties"])["$schema"])["const"]; got != SchemaID {
		t.Errorf("properties.$schema.const = %v, want %q", got, SchemaID)
	}
	// The schema may use only the keywords that validateSchema checks, so
	// that TestSchemaAgreesWithValidate tests all of it.
	var walk func(path string, node any)
	walk = func(path string, node any) {
		switch n := node.(type) {
		case map[string]any:
			for k, v := range n {
				if !knownKeywords[k] && !strings.HasSuffix(path, "properties") && !strings.HasSuffix(path, "$defs") {
					t.Errorf("%s: keyword %q is not checked by the tests", path, k)
				}
				walk(path+"/"+k, v)
			}
		case []any:
			for i, v := range n {
				walk(fmt.Sprintf("%s/%d", path, i), v)
			}
		}
	}
	walk("#", s)
}

// TestSchemaMatchesGoTypes walks the Go types of a case and the schema side
// by side: every JSON field of a struct is a property of its schema and
// every property is a field, with matching JSON types, enums and patterns.
func TestSchemaMatchesGoTypes(t *testing.T) {
	root := loadSchema(t)
	checked := map[reflect.Type]bool{}
	var checkStruct func(typ reflect.Type, node map[string]any, where string)
	var checkValue func(typ reflect.Type, prop map[string]any, where string)

	checkStruct = func(typ reflect.Type, node map[string]any, where string) {
		if checked[typ] {
			return
		}
		checked[typ] = true
		if node["type"] != "object" || node["additionalProperties"] != false {
			t.Errorf("%s: want type object and additionalProperties false", where)
		}
		props := object(node["properties"])
		fields := jsonFields(typ)
		for _, name := range fields.names {
			prop := object(props[name])
			if prop == nil {
				t.Errorf("%s: Go field %s.%s (%q) is not in the schema", where, typ.Name(), typ.Field(fields.index[name]).Name, name)
				continue
			}
			checkValue(typ.Field(fields.index[name]).Type, prop, where+"."+name)
		}
		for name := range props {
			if _, ok := fields.index[name]; !ok {
				t.Errorf("%s: schema property %q is not a field of Go type %s", where, name, typ.Name())
			}
		}
	}

	checkValue = func(typ reflect.Type, prop map[string]any, where string) {
		r := resolve(root, prop)
		switch typ.Kind() {
		case reflect.Struct:
			ref, _ := prop["$ref"].(string)
			if want := "#/$defs/" + strings.ToLower(typ.Name()); ref != want {
				t.Errorf("%s: $ref = %q, want %q", where, ref, want)
				return
			}
			checkStruct(typ, r, "$defs."+strings.ToLower(typ.Name()))
		case reflect.Slice:
			if r["type"] != "array" {
				t.Errorf("%s: type = %v, want array", where, r["type"])
				return
			}
			checkValue(typ.Elem(), object(r["items"]), where+"[]")
		case reflect.Pointer:
			checkValue(typ.Elem(), prop, where) // an optional object
		case reflect.Int:
			if r["type"] != "integer" {
				t.Errorf("%s: type = %v, want integer", where, r["type"])
			}
		case reflect.String:
			if r["type"] != "string" && r["enum"] == nil && r["const"] == nil {
				t.Errorf("%s: type = %v, want string (or an enum or const)", where, r["type"])
			}
			if r["maxLength"] == nil && r["enum"] == nil && r["const"] == nil && r["pattern"] == nil {
				t.Errorf("%s: a string with no limit: give it a maxLength, pattern or enum", where)
			}
		default:
			t.Errorf("%s: Go kind %s has no schema rule in this test", where, typ.Kind())
		}
	}

	checkStruct(reflect.TypeFor[Case](), root, "#")
	for name := range object(root["$defs"]) {
		switch name {
		case "id", "ids", "text", "day":
			continue // shared definitions of values, not of types
		}
		found := false
		for typ := range checked {
			found = found || strings.ToLower(typ.Name()) == name
		}
		if !found {
			t.Errorf("$defs.%s matches no Go type of a case", name)
		}
	}

	// Enums and patterns say the same as the Go code.
	defs := object(root["$defs"])
	enums := []struct {
		where string
		got   any
		want  []string
	}{
		{"status", object(object(root["properties"])["status"])["enum"], statuses},
		{"date.precision", object(object(defs["date"])["properties"])["precision"].(map[string]any)["enum"], []string{"minute", "day", "month", "year"}},
		{"question.kind", object(object(defs["question"])["properties"])["kind"].(map[string]any)["enum"], []string{"single", "multiple", "true-false"}},
		{"source.kind", object(object(defs["source"])["properties"])["kind"].(map[string]any)["enum"], []string{"web", "wire", "print", "broadcast", "filing"}},
	}
	for _, e := range enums {
		if got := stringList(e.got); !slices.Equal(got, e.want) {
			t.Errorf("%s enum = %v, want %v", e.where, got, e.want)
		}
	}
	for i, p := range precisions {
		if string(p) != enums[1].want[i] {
			t.Errorf("precisions[%d] = %q", i, p)
		}
	}
	for i, k := range kinds {
		if string(k) != enums[2].want[i] {
			t.Errorf("kinds[%d] = %q", i, k)
		}
	}
	if len(sourceKinds) != len(enums[3].want) {
		t.Errorf("sourceKinds = %q, want %q", sourceKinds, enums[3].want)
	}
	for i, k := range sourceKinds {
		if i < len(enums[3].want) && string(k) != enums[3].want[i] {
			t.Errorf("sourceKinds[%d] = %q", i, k)
		}
	}
	// The kinds that may go without a URL are the schema's "if" branch:
	// every kind but the web.
	cond := object(object(object(object(anyList(object(defs["source"])["allOf"])[0])["if"])["properties"])["kind"])
	if got, want := stringList(cond["enum"]), enums[3].want[1:]; !slices.Equal(got, want) {
		t.Errorf("source kinds without a URL = %v, want %v", got, want)
	}
	if got := object(defs["id"])["pattern"]; got != idPattern {
		t.Errorf("id pattern = %v, want %v", got, idPattern)
	}
	if got := object(object(object(defs["category"])["properties"])["color"])["pattern"]; got != colorPattern {
		t.Errorf("color pattern = %v, want %v", got, colorPattern)
	}
	if got := object(object(root["properties"])["timezone"])["pattern"]; got != zonePattern {
		t.Errorf("timezone pattern = %v, want %v", got, zonePattern)
	}
	// An image's src is an https URL or a path in the case's folder, with
	// one of the extensions Validate takes, in any case.
	src := fmt.Sprint(object(object(defs["image"])["properties"])["src"].(map[string]any)["pattern"])
	if body := strings.TrimSuffix(strings.TrimPrefix(imagePathPattern, "^"), "$"); !strings.Contains(src, body) {
		t.Errorf("image src pattern %s lacks the image path pattern %s", src, body)
	}
	for _, ext := range imageExtensions {
		for _, name := range []string{"a" + ext, "a" + strings.ToUpper(ext)} {
			if !regexp.MustCompile(src).MatchString(name) || imageSrcProblem(name) != "" {
				t.Errorf("image src %q: the schema or Validate refuses it", name)
			}
		}
	}
}

// TestSchemaLimitsAreTheGoConstants checks each maxLength and maxItems of the
// schema against the Go constant that Validate uses, both ways: a limit in
// the schema that is not listed here fails too.
func TestSchemaLimitsAreTheGoConstants(t *testing.T) {
	want := map[string]int{
		"#.title": MaxTitleLen, "#.summary": MaxSummaryLen, "#.court": MaxCourtLen, "#.docket": MaxDocketLen,
		"#.outcome": MaxOutcomeLen, "#.credits[]": MaxCreditLen, "#.parties": MaxParties, "#.credits": MaxCredits,
		"#.categories": MaxCategories, "#.events": MaxEvents, "#.glossary": MaxTerms, "#.sources": MaxSources,
		"$defs.id":   MaxIDLen,
		"party.name": MaxPartyNameLen, "party.role": MaxPartyRoleLen,
		"category.label": MaxCategoryLabelLen,
		"date.label":     MaxDateLabelLen,
		"event.title":    MaxEventTitleLen, "event.body": MaxParagraphs, "event.body[]": MaxParagraphLen,
		"term.term": MaxTermLen, "term.definition": MaxDefinitionLen, "term.explanation": MaxTermExplanationLen,
		"quiz.title": MaxQuizTitleLen, "quiz.intro": MaxQuizIntroLen, "quiz.questions": MaxQuestions,
		"question.prompt": MaxPromptLen, "question.choices": MaxChoices, "question.choices[]": MaxChoiceLen,
		"question.explanation": MaxAnswerExplanationLen, "question.answers[].maximum": MaxChoices - 1,
		"question.allOf.true-false.choices": 2, "question.allOf.true-false.answers": 1, "question.allOf.single.answers": 1,
		"source.title": MaxSourceTitleLen, "source.publisher": MaxPublisherLen, "source.url": MaxURLLen,
		"#.corrections": MaxCorrections, "correction.text": MaxCorrectionLen,
		"#.eras": MaxEras, "era.title": MaxEraTitleLen,
		"image.src": MaxURLLen, "image.alt": MaxAltLen, "image.caption": MaxCaptionLen, "image.credit": MaxImageCreditLen,
		"image.width.maximum": MaxImageSize, "image.height.maximum": MaxImageSize,
		"link.url": MaxURLLen, "link.title": MaxLinkTitleLen,
	}
	root := loadSchema(t)
	got := map[string]int{}
	limitOf := func(where string, node map[string]any) {
		for _, k := range []string{"maxLength", "maxItems"} {
			if n, ok := node[k].(float64); ok {
				got[where] = int(n)
			}
		}
		if n, ok := node["maximum"].(float64); ok {
			got[where+".maximum"] = int(n)
		}
	}
	var props func(prefix string, node map[string]any)
	props = func(prefix string, node map[string]any) {
		for name, p := range object(node["properties"]) {
			p := object(p)
			limitOf(prefix+"."+name, p)
			if items := object(p["items"]); items != nil {
				limitOf(prefix+"."+name+"[]", items)
			}
		}
	}
	props("#", root)
	for name, d := range object(root["$defs"]) {
		d := object(d)
		limitOf("$defs."+name, d)
		props(name, d)
		for _, branch := range anyList(d["allOf"]) {
			cond := object(object(object(object(branch)["if"])["properties"]))
			for field, c := range cond {
				props(name+".allOf."+fmt.Sprint(object(c)["const"]), object(object(branch)["then"]))
				_ = field
			}
		}
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range slices.Compact(keys) {
		g, inSchema := got[k]
		w, inGo := want[k]
		switch {
		case !inSchema:
			t.Errorf("%s: Go limit %d is not in the schema", k, w)
		case !inGo:
			t.Errorf("%s: schema limit %d has no Go constant in this test", k, g)
		case g != w:
			t.Errorf("%s: schema says %d, Go says %d", k, g, w)
		}
	}
}

func anyList(v any) []any { l, _ := v.([]any); return l }

// TestSchemaRequiredMatchesValidate removes each property of the demo case
// and of the timeline-only case (which, between them, set every optional
// field) and checks that Validate complains exactly when the schema lists
// the property as required; then it tries each limit at the maximum and one
// past it.
func TestSchemaRequiredMatchesValidate(t *testing.T) {
	root := loadSchema(t)
	seen := map[string]bool{} // each path probed, with its indexes left out
	var unseen []string
	for _, name := range []string{"testdata/second-case/demo-appeal.json", "testdata/valid/timeline-only.json"} {
		probeRequired(t, root, genericCase(t, readTestdata(t, name)), seen, &unseen)
	}
	for _, at := range slices.Compact(slices.Sorted(slices.Values(unseen))) {
		if !seen[at] {
			t.Errorf("%s: no test case has a value here, so it cannot be probed; add one", at)
		}
	}
}

// probeRequired is TestSchemaRequiredMatchesValidate on one case, base. It
// adds to seen each (index-free) path it probed, and to unseen each path
// that base has no value for. It probes every item of a list that has a
// field the items before it lack, so that each shape of item is tried.
func probeRequired(t *testing.T, root map[string]any, base any, seen map[string]bool, unseen *[]string) {
	problemsAt := func(tree any, path string) []string {
		_, ps := Check("probe.json", marshal(t, tree))
		var msgs []string
		for _, p := range ps {
			if within(p.Path, path) {
				msgs = append(msgs, p.Path+": "+p.Message)
			}
		}
		return msgs
	}

	var probe func(path string, node map[string]any)
	probe = func(path string, node map[string]any) {
		data, _ := getAt(base, path)
		if path == "" {
			data = base
		}
		required := requiredOf(root, node, data)
		for name, p := range object(node["properties"]) {
			at := field(path, name)
			if _, ok := getAt(base, at); !ok {
				*unseen = append(*unseen, withoutIndexes(at))
				continue
			}
			seen[withoutIndexes(at)] = true
			tree := clone(t, base)
			deleteAt(tree, at)
			got := problemsAt(tree, at)
			if len(got) == 0 && isAlternative(node, name) {
				// Media with neither an image nor a link is a problem of
				// the media itself.
				got = exactly(problemsAt(tree, path), path)
			}
			switch {
			case required[name] && len(got) == 0:
				t.Errorf("%s: required by the schema, but Validate accepts the case without it", at)
			case !required[name] && len(got) > 0:
				t.Errorf("%s: optional in the schema, but Validate says %q without it", at, got)
			}

			r := resolve(root, object(p))
			probeLimits(t, root, base, at, r, problemsAt)
			switch {
			case r["type"] == "object":
				probe(at, r)
			case r["type"] == "array":
				items := resolve(root, object(r["items"]))
				for _, i := range itemsToProbe(base, at) {
					probeLimits(t, root, base, index(at, i), items, problemsAt)
					if items["type"] == "object" {
						probe(index(at, i), items)
					}
				}
			}
		}
	}
	probe("", root)
}

// isAlternative reports whether property name is one of the alternatives of
// node's oneOf (an image or a link).
func isAlternative(node map[string]any, name string) bool {
	for _, branch := range anyList(node["oneOf"]) {
		if slices.Contains(anyList(object(branch)["required"]), any(name)) {
			return true
		}
	}
	return false
}

// exactly keeps the messages about path itself, not its fields.
func exactly(msgs []string, path string) []string {
	var out []string
	for _, m := range msgs {
		if p, _, _ := strings.Cut(m, ": "); p == path {
			out = append(out, m)
		}
	}
	return out
}

// withoutIndexes is path with its list indexes left out: "events[].date".
func withoutIndexes(path string) string {
	return regexp.MustCompile(`\[[0-9]+\]`).ReplaceAllString(path, "[]")
}

// itemsToProbe lists the items of the array at path worth probing: the
// fullest one first, then each that has a field (at any depth) that those
// before it lack.
func itemsToProbe(tree any, path string) []int {
	first := fullestItem(tree, path)
	if first < 0 {
		return nil
	}
	v, _ := getAt(tree, path)
	items := anyList(v)
	has := map[string]bool{}
	out := []int{}
	for _, i := range append([]int{first}, func() []int {
		var rest []int
		for i := range items {
			if i != first {
				rest = append(rest, i)
			}
		}
		return rest
	}()...) {
		added := false
		for _, k := range keyPaths(items[i], "") {
			if !has[k] {
				has[k], added = true, true
			}
		}
		if added || i == first {
			out = append(out, i)
		}
	}
	return out
}

// keyPaths lists the member paths of a JSON value, list indexes left out.
func keyPaths(v any, prefix string) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, m := range x {
			out = append(out, prefix+"."+k)
			out = append(out, keyPaths(m, prefix+"."+k)...)
		}
	case []any:
		for _, m := range x {
			out = append(out, keyPaths(m, prefix+"[]")...)
		}
	}
	return out
}

// requiredOf is the set of properties node requires of data: those it
// lists as required, and those of each if/then/else branch that applies to
// data (a wire source must have a date; a web source, a URL).
func requiredOf(root, node map[string]any, data any) map[string]bool {
	required := map[string]bool{}
	for _, r := range anyList(node["required"]) {
		required[r.(string)] = true
	}
	for _, sub := range anyList(node["oneOf"]) {
		if len(validateSchema(root, object(sub), data, "")) == 0 {
			for _, r := range anyList(object(sub)["required"]) {
				required[r.(string)] = true
			}
		}
	}
	for _, sub := range anyList(node["allOf"]) {
		sub := object(sub)
		cond := object(sub["if"])
		if cond == nil {
			continue
		}
		branch := object(sub["else"])
		if len(validateSchema(root, cond, data, "")) == 0 {
			branch = object(sub["then"])
		}
		for _, r := range anyList(branch["required"]) {
			required[r.(string)] = true
		}
	}
	return required
}

// probeLimits checks a maxLength or maxItems at path against Validate: the
// limit itself passes and one more fails.
func probeLimits(t *testing.T, root map[string]any, base any, path string, node map[string]any, problemsAt func(any, string) []string) {
	t.Helper()
	limitMsg := func(msgs []string) bool {
		return slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, "the limit is") })
	}
	exact := func(msgs []string) []string {
		var out []string
		for _, m := range msgs {
			if p, _, _ := strings.Cut(m, ": "); p == path {
				out = append(out, m)
			}
		}
		return out
	}
	if n, ok := node["maxLength"].(float64); ok {
		fill := func(n int) string {
			switch {
			case node["pattern"] == idPattern:
				return strings.Repeat("a", n)
			case strings.HasPrefix(fmt.Sprint(node["pattern"]), "^https?"):
				return "https://example.org/" + strings.Repeat("a", n-len("https://example.org/"))
			}
			return strings.Repeat("é", n) // two bytes, one character
		}
		for _, size := range []int{int(n), int(n) + 1} {
			tree := clone(t, base)
			setAt(tree, path, fill(size))
			got := exact(problemsAt(tree, path))
			if size == int(n) && limitMsg(got) {
				t.Errorf("%s: the schema allows %d characters, Validate says %q", path, size, got)
			}
			if size > int(n) && len(got) == 0 {
				t.Errorf("%s: the schema allows at most %d characters, Validate accepts %d", path, int(n), size)
			}
		}
	}
	if n, ok := node["maxItems"].(float64); ok {
		first, _ := getAt(base, index(path, 0))
		for _, size := range []int{int(n), int(n) + 1} {
			items := make([]any, size)
			for i := range items {
				items[i] = first
			}
			tree := clone(t, base)
			setAt(tree, path, items)
			got := exact(problemsAt(tree, path))
			if size == int(n) && limitMsg(got) {
				t.Errorf("%s: the schema allows %d items, Validate says %q", path, size, got)
			}
			if size > int(n) && !limitMsg(got) {
				t.Errorf("%s: the schema allows at most %d items, Validate accepts %d (%q)", path, int(n), size, got)
			}
		}
	}
}

// TestSchemaAgreesWithValidate runs valid cases and broken variants through
// both the schema and Validate: where the schema can say it, both must agree.
func TestSchemaAgreesWithValidate(t *testing.T) {
	root := loadSchema(t)
	valid := map[string][]byte{
		"minimal":       readTestdata(t, "testdata/valid/minimal.json"),
		"demo":          readTestdata(t, "testdata/second-case/demo-appeal.json"),
		"timeline-only": readTestdata(t, "testdata/valid/timeline-only.json"),
	}
	if b, err := os.ReadFile(shippedCase); err == nil {
		valid["shipped"] = b
	} else {
		t.Error(err)
	}
	for name, b := range valid {
		if errs := validateSchema(root, root, genericCase(t, b), ""); len(errs) > 0 {
			t.Errorf("%s: the schema rejects a valid case:\n  %s", name, strings.Join(errs, "\n  "))
		}
	}

	base := genericCase(t, valid["minimal"])
	tests := []struct {
		name  string
		path  string
		value any // nil deletes
		ok    bool
	}{
		{"unknown field", "events[0].colour", "#fff", false},
		{"missing title", "title", nil, false},
		{"missing optional label", "events[0].date.label", nil, true},
		{"blank title", "title", " ", false},
		{"title with a space at the end", "title", "Demo ", false},
		{"title with a line break", "title", "Demo\ncase", false},
		{"title too long", "title", strings.Repeat("x", MaxTitleLen+1), false},
		{"wrong type", "credits", "Docket", false},
		{"bad id", "id", "Demo_Case", false},
		{"bad status", "status", "won", false},
		{"bad colour", "categories[0].color", "blue", false},
		{"day for a month", "events[0].date.value", "2017-04-06", false},
		{"year", "events[0].date", map[string]any{"value": "2017", "precision": "year"}, true},
		{"day", "events[0].date", map[string]any{"value": "2017-04-06", "precision": "day"}, true},
		{"month for a day", "events[0].date", map[string]any{"value": "2017-04", "precision": "day"}, false},
		{"updated as a month", "updated", "2026-11", false},
		{"no event sources", "events[0].sources", []any{}, false},
		{"source listed twice", "events[0].sources", []any{"demo-docket", "demo-docket"}, false},
		{"true-false with three choices", "quiz.questions[0].choices", []any{"True", "False", "Maybe"}, false},
		{"true-false with two answers", "quiz.questions[0].answers", []any{0, 1}, false},
		{"answer below zero", "quiz.questions[0].answers", []any{-1}, false},
		{"answer as text", "quiz.questions[0].answers", []any{"0"}, false},
		{"same choice twice", "quiz.questions[0].choices", []any{"True", "True"}, false},
		{"bad kind", "quiz.questions[0].kind", "essay", false},
		{"no questions", "quiz.questions", []any{}, false},
		{"javascript URL", "sources[0].url", "javascript:alert(1)", false},
		{"relative URL", "sources[0].url", "/docket", false},
		{"URL without host", "sources[0].url", "https:///docket", false},
		{"URL with a user", "sources[0].url", "https://a@example.org/", false},
		{"http URL", "sources[0].url", "http://example.org/x?y=1", true},
		{"bad source date", "sources[0].date", "April 2017", false},
		{"source year", "sources[0].date", "2017", true},
		{"other $schema", "$schema", "https://example.org/s.json", false},
		{"web source with no URL", "sources[0].url", nil, false},
		{"web source by name with no URL", "sources[0]", map[string]any{"id": "demo-docket", "kind": "web", "title": "Docket", "publisher": "Court"}, false},
		{"wire source with no URL", "sources[0]", map[string]any{"id": "demo-docket", "kind": "wire", "title": "Demo sues", "publisher": "Agency", "date": "2017-04"}, true},
		{"wire source with no date", "sources[0]", map[string]any{"id": "demo-docket", "kind": "wire", "title": "Demo sues", "publisher": "Agency"}, false},
		{"print source with URL, no date", "sources[0]", map[string]any{"id": "demo-docket", "kind": "print", "title": "Docket", "publisher": "Court", "url": "https://example.org/docket"}, false},
		{"filing source with a URL", "sources[0].kind", "filing", true},
		{"broadcast source with no publisher", "sources[0]", map[string]any{"id": "demo-docket", "kind": "broadcast", "title": "On air", "date": "2017"}, false},
		{"unknown source kind", "sources[0].kind", "tv", false},
		{"correction", "corrections", []any{map[string]any{"date": "2026-11-29", "text": "Fixed the date.", "event": "case-filed"}}, true},
		{"correction of a term", "corrections", []any{map[string]any{"date": "2026-11-01", "text": "Fixed the definition.", "term": "without-prejudice"}}, true},
		{"correction without text", "corrections", []any{map[string]any{"date": "2026-11-29"}}, false},
		{"correction dated to the month", "corrections", []any{map[string]any{"date": "2026-11", "text": "Fixed."}}, false},
		{"correction with an unknown field", "corrections", []any{map[string]any{"date": "2026-11-29", "text": "Fixed.", "question": "can-refile"}}, false},
		{"correction with a bad event id", "corrections", []any{map[string]any{"date": "2026-11-29", "text": "Fixed.", "event": "Case_Filed"}}, false},
		{"correction of an unknown event", "corrections", []any{map[string]any{"date": "2026-11-29", "text": "Fixed.", "event": "case-dismissed"}}, false}, // references: Validate only
		{"correction after updated", "corrections", []any{map[string]any{"date": "2026-12-06", "text": "Fixed."}}, false},                                  // Validate only
		{"no glossary", "glossary", nil, false}, // still referenced by the event and question
		{"no quiz", "quiz", nil, true},
		{"an empty quiz", "quiz", map[string]any{}, false},
		{"a timezone", "timezone", "America/Los_Angeles", true},
		{"a timezone that is not a name", "timezone", "Pacific Time", false},
		{"an offset for a timezone", "timezone", "-07:00", false},
		{"a time of day without a timezone", "events[0].date", map[string]any{"value": "2017-04-06T16:30", "precision": "minute"}, false}, // Validate only
		{"a time for a day", "events[0].date", map[string]any{"value": "2017-04-06T16:30", "precision": "day"}, false},
		{"a day for a time", "events[0].date", map[string]any{"value": "2017-04-06", "precision": "minute"}, false},
		{"a time with seconds", "events[0].date", map[string]any{"value": "2017-04-06T16:30:00", "precision": "minute"}, false},
		{"a span", "events[0].end", map[string]any{"value": "2017-05-02", "precision": "day", "label": "Early May"}, true},
		{"a span with a bad precision", "events[0].end", map[string]any{"value": "2017-05", "precision": "week"}, false},
		{"a span without value", "events[0].end", map[string]any{"precision": "month"}, false},
		{"a span that ends before it starts", "events[0].end", map[string]any{"value": "2017-03", "precision": "month"}, false}, // Validate only
		{"eras", "eras", []any{
			map[string]any{"title": "Before", "start": map[string]any{"value": "2017", "precision": "year"}, "end": map[string]any{"value": "2017-04-05", "precision": "day"}},
			map[string]any{"title": "In court", "start": map[string]any{"value": "2017-04", "precision": "month"}, "end": map[string]any{"value": "2017-12", "precision": "month"}},
		}, true},
		{"an era without title", "eras", []any{map[string]any{"start": map[string]any{"value": "2017", "precision": "year"}, "end": map[string]any{"value": "2017", "precision": "year"}}}, false},
		{"an era without end", "eras", []any{map[string]any{"title": "Open", "start": map[string]any{"value": "2017", "precision": "year"}}}, false},
		{"an era as a list", "eras", []any{[]any{"2017", "2018"}}, false},
		{"an image in the case's folder", "media", map[string]any{"image": map[string]any{"src": "media/summons.jpg", "alt": "The summons.", "width": 800.0, "height": 600.0}}, true},
		{"an https image", "events[0].media", map[string]any{"image": map[string]any{"src": "https://example.org/i?w=800", "alt": "A courthouse.", "caption": "The court.", "credit": "Photo: Example"}}, true},
		{"a link", "events[0].media", map[string]any{"link": map[string]any{"url": "https://www.youtube.com/watch?v=x", "title": "Video: the hearing"}}, true},
		{"empty media", "media", map[string]any{}, false},
		{"an image and a link", "media", map[string]any{"image": map[string]any{"src": "a.png", "alt": "A."}, "link": map[string]any{"url": "https://example.org/", "title": "A"}}, false},
		{"an http image", "media", map[string]any{"image": map[string]any{"src": "http://example.org/a.png", "alt": "A."}}, false},
		{"an image outside the folder", "media", map[string]any{"image": map[string]any{"src": "../a.png", "alt": "A."}}, false},
		{"an image from the root", "media", map[string]any{"image": map[string]any{"src": "/a.png", "alt": "A."}}, false},
		{"an image with a backslash", "media", map[string]any{"image": map[string]any{"src": `media\a.png`, "alt": "A."}}, false},
		{"a hidden image file", "media", map[string]any{"image": map[string]any{"src": "media/.a.png", "alt": "A."}}, false},
		{"a file that is not an image", "media", map[string]any{"image": map[string]any{"src": "media/a.pdf", "alt": "A."}}, false},
		{"a data image", "media", map[string]any{"image": map[string]any{"src": "data:image/png;base64,AAAA", "alt": "A."}}, false},
		{"an image without alt", "media", map[string]any{"image": map[string]any{"src": "a.png"}}, false},
		{"an image with a blank alt", "media", map[string]any{"image": map[string]any{"src": "a.png", "alt": " "}}, false},
		{"a width without height", "media", map[string]any{"image": map[string]any{"src": "a.png", "alt": "A.", "width": 800.0}}, false},
		{"a negative height", "media", map[string]any{"image": map[string]any{"src": "a.png", "alt": "A.", "width": 800.0, "height": -1.0}}, false},
		{"a width past the limit", "media", map[string]any{"image": map[string]any{"src": "a.png", "alt": "A.", "width": 10001.0, "height": 1.0}}, false},
		{"a width as text", "media", map[string]any{"image": map[string]any{"src": "a.png", "alt": "A.", "width": "800", "height": 1.0}}, false},
		{"an unknown field of an image", "media", map[string]any{"image": map[string]any{"src": "a.png", "alt": "A.", "thumbnail": "b.png"}}, false},
		{"a javascript link", "media", map[string]any{"link": map[string]any{"url": "javascript:alert(1)", "title": "Click"}}, false},
		{"a link without title", "media", map[string]any{"link": map[string]any{"url": "https://example.org/"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := clone(t, base)
			if tt.value == nil {
				deleteAt(tree, tt.path)
			} else {
				setAt(tree, tt.path, tt.value)
			}
			schemaErrs := validateSchema(root, root, tree, "")
			_, ps := Check("x.json", marshal(t, tree))
			if (len(ps) == 0) != tt.ok {
				t.Errorf("Validate: ok = %v, want %v: %v", len(ps) == 0, tt.ok, ps)
			}
			// The schema cannot see references or compare two dates, so it
			// may accept a case that Validate rejects only for them.
			switch tt.name {
			case "no glossary", "correction of an unknown event", "correction after updated",
				"a time of day without a timezone", "a span that ends before it starts":
				return
			}
			if (len(schemaErrs) == 0) != tt.ok {
				t.Errorf("schema: ok = %v, want %v: %v", len(schemaErrs) == 0, tt.ok, schemaErrs)
			}
		})
	}
}

// knownKeywords are the JSON Schema keywords validateSchema understands or,
// for annotations, may ignore.
var knownKeywords = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$ref": true, "title": true, "description": true, "examples": true,
	"format": true, "type": true, "properties": true, "required": true, "additionalProperties": true,
	"items": true, "enum": true, "const": true, "pattern": true, "minLength": true, "maxLength": true,
	"minItems": true, "maxItems": true, "uniqueItems": true, "minimum": true, "maximum": true,
	"allOf": true, "oneOf": true, "if": true, "then": true, "else": true,
}

// validateSchema checks data against the subset of JSON Schema 2020-12 that
// the case schema uses, and returns one message per violation. Patterns are
// read by Go's regexp, which agrees with ECMA-262 on the ones used here.
func validateSchema(root, node map[string]any, data any, path string) []string {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if ref, ok := node["$ref"].(string); ok {
		errs = append(errs, validateSchema(root, def(root, ref), data, path)...)
	}
	if typ, ok := node["type"].(string); ok && !hasType(data, typ) {
		fail("want type %s, found %T", typ, data)
		return errs
	}
	if c, ok := node["const"]; ok && !reflect.DeepEqual(c, data) {
		fail("want %v", c)
	}
	if e, ok := node["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return reflect.DeepEqual(x, data) }) {
		fail("%v is not in %v", data, e)
	}
	switch d := data.(type) {
	case map[string]any:
		props := object(node["properties"])
		for _, r := range anyList(node["required"]) {
			if _, ok := d[r.(string)]; !ok {
				fail("%s is required", r)
			}
		}
		for k, v := range d {
			if p, ok := props[k]; ok {
				errs = append(errs, validateSchema(root, object(p), v, field(path, k))...)
			} else if node["additionalProperties"] == false {
				fail("%s is not allowed", k)
			}
		}
	case []any:
		if n, ok := node["minItems"].(float64); ok && len(d) < int(n) {
			fail("fewer than %v items", n)
		}
		if n, ok := node["maxItems"].(float64); ok && len(d) > int(n) {
			fail("more than %v items", n)
		}
		if node["uniqueItems"] == true {
			seen := map[string]bool{}
			for _, x := range d {
				k := fmt.Sprintf("%#v", x)
				if seen[k] {
					fail("items are not unique")
				}
				seen[k] = true
			}
		}
		if items := object(node["items"]); items != nil {
			for i, x := range d {
				errs = append(errs, validateSchema(root, items, x, index(path, i))...)
			}
		}
	case string:
		n := utf8.RuneCountInString(d)
		if m, ok := node["minLength"].(float64); ok && n < int(m) {
			fail("shorter than %v", m)
		}
		if m, ok := node["maxLength"].(float64); ok && n > int(m) {
			fail("longer than %v", m)
		}
		if p, ok := node["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(d) {
			fail("%q does not match %s", d, p)
		}
	case float64:
		if m, ok := node["minimum"].(float64); ok && d < m {
			fail("below %v", m)
		}
		if m, ok := node["maximum"].(float64); ok && d > m {
			fail("above %v", m)
		}
	}
	for _, sub := range anyList(node["allOf"]) {
		errs = append(errs, validateSchema(root, object(sub), data, path)...)
	}
	if subs := anyList(node["oneOf"]); len(subs) > 0 {
		n := 0
		for _, sub := range subs {
			if len(validateSchema(root, object(sub), data, path)) == 0 {
				n++
			}
		}
		if n != 1 {
			fail("matches %d of the oneOf schemas, not exactly 1", n)
		}
	}
	if cond := object(node["if"]); cond != nil {
		branch := object(node["else"])
		if len(validateSchema(root, cond, data, path)) == 0 {
			branch = object(node["then"])
		}
		if branch != nil {
			errs = append(errs, validateSchema(root, branch, data, path)...)
		}
	}
	return errs
}

func hasType(data any, typ string) bool {
	switch d := data.(type) {
	case map[string]any:
		return typ == "object"
	case []any:
		return typ == "array"
	case string:
		return typ == "string"
	case bool:
		return typ == "boolean"
	case nil:
		return typ == "null"
	case float64:
		return typ == "number" || (typ == "integer" && d == math.Trunc(d))
	}
	return false
}

// genericCase decodes a case file as generic JSON, as a schema sees it.
func genericCase(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func clone(t *testing.T, v any) any { return genericCase(t, marshal(t, v)) }

// steps splits a path such as "events[1].date" into "events", 1, "date".
func steps(path string) []any {
	var out []any
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			out = append(out, name)
		}
		for rest != "" {
			num, after, _ := strings.Cut(rest, "]")
			i, _ := strconv.Atoi(num)
			out = append(out, i)
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return out
}

// getAt returns the value at path in a generic JSON tree.
func getAt(tree any, path string) (any, bool) {
	cur := tree
	for _, s := range steps(path) {
		switch k := s.(type) {
		case string:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = m[k]; !ok {
				return nil, false
			}
		case int:
			l, ok := cur.([]any)
			if !ok || k >= len(l) {
				return nil, false
			}
			cur = l[k]
		}
	}
	return cur, true
}

// setAt sets the value at path, whose parent must exist.
func setAt(tree any, path string, v any) {
	st := steps(path)
	parentPath := parent(path)
	p, _ := getAt(tree, parentPath)
	if parentPath == "" {
		p = tree
	}
	switch k := st[len(st)-1].(type) {
	case string:
		p.(map[string]any)[k] = v
	case int:
		p.([]any)[k] = v
	}
}

// deleteAt removes the object member at path.
func deleteAt(tree any, path string) {
	p, _ := getAt(tree, parent(path))
	if parent(path) == "" {
		p = tree
	}
	st := steps(path)
	delete(p.(map[string]any), st[len(st)-1].(string))
}

// fullestItem is the index of the item of the array at path with the most
// members (so optional fields can be probed), or -1 for an empty array.
func fullestItem(tree any, path string) int {
	v, _ := getAt(tree, path)
	best, most := -1, -1
	for i, item := range anyList(v) {
		n := 1
		if m, ok := item.(map[string]any); ok {
			n = len(m)
			for _, x := range m {
				if d, ok := x.(map[string]any); ok {
					n += len(d)
				}
			}
		}
		if n > most {
			best, most = i, n
		}
	}
	return best
}

// within reports whether path is under (or is) prefix in the JSON tree.
func within(path, prefix string) bool {
	if prefix == "" || path == prefix {
		return true
	}
	return strings.HasPrefix(path, prefix) && (path[len(prefix)] == '.' || path[len(prefix)] == '[')
}
