package studio

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"docket/internal/casefile"
)

// Difference is one part of a case that differs between two versions: the
// case's details, or one event, term, question, source...: added, removed,
// or changed in the fields listed, with their old and new text.
type Difference struct {
	Where  string // "Event “Suit filed” (suit-filed)", "Case details"
	Change string // "added", "removed" or "changed"
	Fields []FieldChange
}

// FieldChange is one field's text before and after; "" is absent.
type FieldChange struct {
	Field    string // "title", "date value", "body 2"
	Old, New string
}

// kinds names the items of a case's lists, in the order a case reads.
var kinds = []struct{ key, kind string }{
	{"parties", "Party"}, {"categories", "Category"}, {"eras", "Era"}, {"events", "Event"},
	{"glossary", "Term"}, {"questions", "Question"}, {"sources", "Source"}, {"corrections", "Correction"},
}

// Compare lists where case b differs from case a: the case's own fields
// (the quiz's title and intro among them) first, then item by item in the
// order a case reads, items with ids matched by id, the others by place.
func Compare(a, b *casefile.Case) []Difference {
	x, y := asMap(a), asMap(b)
	// The quiz's questions are a list like the others; its title and
	// intro are the case's own fields.
	for _, m := range []map[string]any{x, y} {
		if q, ok := m["quiz"].(map[string]any); ok {
			m["questions"] = q["questions"]
			delete(q, "questions")
		}
	}
	var out []Difference
	own := func(m map[string]any) map[string]any {
		o := map[string]any{}
		for k, v := range m {
			if !slices.ContainsFunc(kinds, func(k2 struct{ key, kind string }) bool { return k2.key == k }) {
				o[k] = v
			}
		}
		return o
	}
	if fields := compareFields(flatten(own(x)), flatten(own(y))); len(fields) > 0 {
		out = append(out, Difference{Where: "Case details", Change: "changed", Fields: fields})
	}
	for _, k := range kinds {
		out = append(out, compareList(k.kind, list(x[k.key]), list(y[k.key]))...)
	}
	return out
}

// compareList compares two lists of items: by id when every item has a
// distinct one, else by place.
func compareList(kind string, a, b []map[string]any) []Difference {
	ka, oka := keyed(a)
	kb, okb := keyed(b)
	var out []Difference
	if !oka || !okb {
		for i := 0; i < max(len(a), len(b)); i++ {
			where := fmt.Sprintf("%s %d", kind, i+1)
			switch {
			case i >= len(a):
				out = append(out, added(where, b[i]))
			case i >= len(b):
				out = append(out, removed(where, a[i]))
			default:
				if f := compareFields(flatten(a[i]), flatten(b[i])); len(f) > 0 {
					out = append(out, Difference{Where: where, Change: "changed", Fields: f})
				}
			}
		}
		return out
	}
	for _, item := range b {
		id := item["id"].(string)
		old, ok := ka[id]
		if !ok {
			out = append(out, added(named(kind, item), item))
		} else if f := compareFields(flatten(old), flatten(item)); len(f) > 0 {
			out = append(out, Difference{Where: named(kind, item), Change: "changed", Fields: f})
		}
	}
	for _, item := range a {
		if _, ok := kb[item["id"].(string)]; !ok {
			out = append(out, removed(named(kind, item), item))
		}
	}
	if len(out) == 0 && !reflect.DeepEqual(a, b) {
		out = append(out, Difference{Where: kind + " order", Change: "changed"})
	}
	return out
}

func added(where string, item map[string]any) Difference {
	return Difference{Where: where, Change: "added", Fields: compareFields(nil, flatten(item))}
}

func removed(where string, item map[string]any) Difference {
	return Difference{Where: where, Change: "removed", Fields: compareFields(flatten(item), nil)}
}

// named is an item as an editor knows it: its kind, its title (or term,
// or question) and its id.
func named(kind string, item map[string]any) string {
	id := item["id"].(string)
	for _, k := range []string{"title", "term", "label", "prompt"} {
		if s, ok := item[k].(string); ok && s != "" {
			return kind + " “" + s + "” (" + id + ")"
		}
	}
	return kind + " " + id
}

// keyed indexes items by id, or reports false when one has no id or two
// share one.
func keyed(items []map[string]any) (map[string]map[string]any, bool) {
	m := map[string]map[string]any{}
	for _, it := range items {
		id, _ := it["id"].(string)
		if id == "" || m[id] != nil {
			return nil, false
		}
		m[id] = it
	}
	return m, true
}

// compareFields lists the fields whose text differs, in name order.
func compareFields(a, b map[string]string) []FieldChange {
	var names []string
	for k := range a {
		names = append(names, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			names = append(names, k)
		}
	}
	slices.SortFunc(names, fieldOrder)
	var out []FieldChange
	for _, n := range names {
		if a[n] != b[n] {
			out = append(out, FieldChange{Field: n, Old: a[n], New: b[n]})
		}
	}
	return out
}

// fieldOrder sorts field names with their numbers as numbers: "body 2"
// before "body 10".
func fieldOrder(p, q string) int {
	ps, qs := strings.Fields(p), strings.Fields(q)
	for i := 0; i < min(len(ps), len(qs)); i++ {
		if ps[i] == qs[i] {
			continue
		}
		m, err1 := strconv.Atoi(ps[i])
		n, err2 := strconv.Atoi(qs[i])
		if err1 == nil && err2 == nil {
			return m - n
		}
		return strings.Compare(ps[i], qs[i])
	}
	return len(ps) - len(qs)
}

// flatten turns an item into its fields as text: nested objects and
// lists by name and place ("date value", "body 2"), numbered from 1.
func flatten(v any) map[string]string {
	out := map[string]string{}
	var walk func(name string, v any)
	walk = func(name string, v any) {
		join := func(k string) string {
			if name == "" {
				return k
			}
			return name + " " + k
		}
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if k != "$schema" {
					walk(join(k), e)
				}
			}
		case []any:
			for i, e := range v {
				walk(join(strconv.Itoa(i+1)), e)
			}
		case nil:
		case string:
			if v != "" {
				out[name] = v
			}
		default:
			data, _ := json.Marshal(v)
			out[name] = string(data)
		}
	}
	walk("", v)
	return out
}

func asMap(c *casefile.Case) map[string]any {
	m := map[string]any{}
	if c == nil {
		return m
	}
	data, _ := json.Marshal(c)
	json.Unmarshal(data, &m)
	return m
}

func list(v any) []map[string]any {
	items, _ := v.([]any)
	var out []map[string]any
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// ChangeLabel says a difference in words: "added", "removed", "changed".
func (d Difference) ChangeLabel() string {
	switch d.Change {
	case "added":
		return "Added"
	case "removed":
		return "Removed"
	}
	return "Changed"
}
