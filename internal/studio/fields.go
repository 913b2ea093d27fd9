package studio

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"docket/internal/casefile"
)

// FieldID is the id of the form control that edits the field at a JSON
// path of the case, as the validator names it: "events[2].date.value" is
// edited by the control "f-events-2-date-value". A problem's path finds its
// control this way.
func FieldID(path string) string {
	r := strings.NewReplacer("[", "-", "]", "", ".", "-", "$", "")
	return "f-" + r.Replace(path)
}

// Ancestors are path and the paths that hold it, nearest first:
// "events[2].date.value", "events[2].date", "events[2]", "events". A
// problem whose own field has no control (a list that needs an item) is
// shown at the nearest one that has.
func Ancestors(path string) []string {
	out := []string{path}
	for path != "" {
		i := strings.LastIndexAny(path, ".[")
		if i <= 0 {
			break
		}
		path = path[:i]
		out = append(out, path)
	}
	return out
}

// Owner is the path of the field whose control shows a problem at path:
// the path itself, or, for a part with no control of its own, the one
// that edits it. A date's problem ("events[1].date": out of order, needs
// a time zone) is shown at its value; an id in a list of ticked ids
// ("events[0].terms[2]") at the list; an image or a link as a whole at
// the media's select.
func Owner(path string) string {
	for _, d := range []string{".date", ".end", ".start"} {
		if strings.HasSuffix(path, d) {
			return path + ".value"
		}
	}
	for _, l := range []string{".terms[", ".sources[", ".body[", ".choices[", ".answers[", ".events["} {
		if i := strings.LastIndex(path, l); i >= 0 && strings.HasSuffix(path, "]") && !strings.Contains(path[i+1:], ".") {
			return path[:i+len(l)-1]
		}
	}
	if strings.HasPrefix(path, "credits[") {
		return "credits"
	}
	if i := strings.LastIndex(path, ".media."); i >= 0 {
		switch rest := path[i+len(".media."):]; rest {
		case "image", "link":
			return path[:i+len(".media")]
		}
	}
	return path
}

// Where names the place of a path in an editor's words: "Event 3 “Suit
// filed”: date", "Source 1: URL", "Case details: title".
func Where(path string, c *casefile.Case) string {
	list, rest, idx := splitIndex(path)
	name := func(what string, title string) string {
		s := fmt.Sprintf("%s %d", what, idx+1)
		if title != "" {
			s += " “" + title + "”"
		}
		return s
	}
	var place string
	switch list {
	case "events":
		place = name("Event", titleAt(c.Events, idx, func(e casefile.Event) string { return e.Title }))
	case "sources":
		place = name("Source", titleAt(c.Sources, idx, func(s casefile.Source) string { return s.Title }))
	case "parties":
		place = name("Party", "")
	case "categories":
		place = name("Category", titleAt(c.Categories, idx, func(k casefile.Category) string { return k.Label }))
	case "credits":
		place = name("Credit", "")
	case "quiz.questions":
		place = name("Question", titleAt(c.Quiz.Questions, idx, func(q casefile.Question) string { return q.Prompt }))
	case "glossary":
		place = name("Term", titleAt(c.Glossary, idx, func(t casefile.Term) string { return t.Term }))
	case "eras":
		place = name("Era", titleAt(c.Eras, idx, func(e casefile.Era) string { return e.Title }))
	case "corrections":
		place = name("Correction", "")
	default:
		if rest, ok := strings.CutPrefix(path, "quiz."); ok {
			return "Quiz: " + fieldWords(rest)
		}
		if path == "media" || strings.HasPrefix(path, "media.") {
			return "Lead image or link: " + strings.TrimPrefix(fieldWords(path), "media ")
		}
		if !HasForm(path) {
			return "Case: " + fieldWords(path)
		}
		return "Case details: " + fieldWords(path)
	}
	if idx < 0 {
		if rest, ok := strings.CutPrefix(list, "quiz."); ok {
			return "Quiz: " + rest
		}
		return strings.ToUpper(list[:1]) + list[1:]
	}
	if list == "quiz.questions" && rest == "" {
		return place
	}
	if rest == "" {
		return place
	}
	return place + ": " + fieldWords(rest)
}

// titleAt is what names item i of a list (its title, label, prompt or
// term), "" when there is no item i.
func titleAt[T any](list []T, i int, title func(T) string) string {
	if i < 0 || i >= len(list) {
		return ""
	}
	return title(list[i])
}

// splitIndex splits "events[2].date.value" into "events", "date.value" and
// 2; idx is -1 when the path names the list itself.
func splitIndex(path string) (list, rest string, idx int) {
	open := strings.IndexByte(path, '[')
	if open < 0 {
		return path, "", -1
	}
	end := strings.IndexByte(path, ']')
	if end < open {
		return path, "", -1
	}
	n, err := strconv.Atoi(path[open+1 : end])
	if err != nil {
		return path, "", -1
	}
	return path[:open], strings.TrimPrefix(path[end+1:], "."), n
}

// fieldWords turns the rest of a path into words: "date.value" is "date",
// "body[0]" is "paragraph 1", "url" is "URL".
func fieldWords(p string) string {
	switch {
	case p == "date.value" || p == "date":
		return "date"
	case p == "date.precision":
		return "date precision"
	case p == "date.label":
		return "date label"
	case strings.HasPrefix(p, "end"):
		return strings.Replace(fieldWords("date"+strings.TrimPrefix(p, "end")), "date", "end", 1)
	case strings.HasPrefix(p, "start"):
		return strings.Replace(fieldWords("date"+strings.TrimPrefix(p, "start")), "date", "start", 1)
	case strings.HasPrefix(p, "terms["):
		return "terms"
	case p == "media.image.src":
		return "image address"
	case p == "media.image.alt":
		return "image description (alt)"
	case strings.HasPrefix(p, "media.image."):
		return "image " + strings.TrimPrefix(p, "media.image.")
	case p == "media.link.url":
		return "link URL"
	case strings.HasPrefix(p, "media.link."):
		return "link " + strings.TrimPrefix(p, "media.link.")
	case p == "url":
		return "URL"
	case p == "id":
		return "id"
	case strings.HasPrefix(p, "body["):
		_, _, i := splitIndex(p)
		return fmt.Sprintf("paragraph %d", i+1)
	case strings.HasPrefix(p, "sources["):
		return "sources"
	case p == "":
		return "the whole case"
	}
	return strings.ReplaceAll(p, ".", " ")
}

// edited are the parts of a case the Studio's forms edit.
var edited = []string{"title", "summary", "court", "docket", "status", "updated", "outcome", "parties", "credits", "media",
	"categories", "events", "sources", "quiz", "timezone", "glossary", "eras", "corrections"}

// HasForm reports whether the forms edit the part of the case a path is
// in, so that its problem can take the editor there.
func HasForm(path string) bool {
	top := path
	if i := strings.IndexAny(top, ".["); i >= 0 {
		top = top[:i]
	}
	return slices.Contains(edited, top)
}

// formOrder is the order of the case's parts in the editor's forms.
var formOrder = []string{"$schema", "id", "title", "summary", "court", "docket", "status", "updated", "timezone", "outcome", "parties", "credits", "media",
	"categories", "events", "eras", "glossary", "sources", "quiz", "corrections"}

// InFormOrder sorts problems as the forms show their fields, keeping the
// validator's order within each part: the list reads top to bottom, like
// the page.
func InFormOrder(ps casefile.Problems) {
	rank := func(p casefile.Problem) int {
		top := p.Path
		if i := strings.IndexAny(top, ".["); i >= 0 {
			top = top[:i]
		}
		if i := slices.Index(formOrder, top); i >= 0 {
			return i
		}
		return len(formOrder)
	}
	slices.SortStableFunc(ps, func(a, b casefile.Problem) int { return rank(a) - rank(b) })
}
