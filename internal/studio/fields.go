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
		t := ""
		if idx >= 0 && idx < len(c.Events) {
			t = c.Events[idx].Title
		}
		place = name("Event", t)
	case "sources":
		t := ""
		if idx >= 0 && idx < len(c.Sources) {
			t = c.Sources[idx].Title
		}
		place = name("Source", t)
	case "parties":
		place = name("Party", "")
	case "categories":
		t := ""
		if idx >= 0 && idx < len(c.Categories) {
			t = c.Categories[idx].Label
		}
		place = name("Category", t)
	case "credits":
		place = name("Credit", "")
	case "quiz.questions":
		t := ""
		if idx >= 0 && idx < len(c.Quiz.Questions) {
			t = c.Quiz.Questions[idx].Prompt
		}
		place = name("Question", t)
	case "glossary":
		t := ""
		if idx >= 0 && idx < len(c.Glossary) {
			t = c.Glossary[idx].Term
		}
		place = name("Term", t)
	case "eras":
		t := ""
		if idx >= 0 && idx < len(c.Eras) {
			t = c.Eras[idx].Title
		}
		place = name("Era", t)
	case "corrections":
		place = name("Correction", "")
	default:
		if rest, ok := strings.CutPrefix(path, "quiz."); ok {
			return "Quiz: " + fieldWords(rest)
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
var edited = []string{"title", "summary", "court", "docket", "status", "updated", "outcome", "parties", "credits",
	"categories", "events", "sources", "quiz"}

// HasForm reports whether the forms edit the part of the case a path is
// in, so that its problem can take the editor there; the glossary, eras,
// media and corrections have no form yet.
func HasForm(path string) bool {
	top := path
	if i := strings.IndexAny(top, ".["); i >= 0 {
		top = top[:i]
	}
	return slices.Contains(edited, top)
}

// formOrder is the order of the case's parts in the editor's forms.
var formOrder = []string{"$schema", "id", "title", "summary", "court", "docket", "status", "updated", "outcome", "parties", "credits",
	"categories", "events", "sources", "quiz", "glossary", "eras", "timezone", "media", "corrections"}

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
