package casefile

import "slices"

// Event returns the event with the given id, or nil.
func (c *Case) Event(id string) *Event {
	return find(c.Events, id, func(e *Event) string { return e.ID })
}

// Term returns the glossary term with the given id, or nil.
func (c *Case) Term(id string) *Term {
	return find(c.Glossary, id, func(t *Term) string { return t.ID })
}

// Source returns the source with the given id, or nil.
func (c *Case) Source(id string) *Source {
	return find(c.Sources, id, func(s *Source) string { return s.ID })
}

// Category returns the category with the given id, or nil.
func (c *Case) Category(id string) *Category {
	return find(c.Categories, id, func(k *Category) string { return k.ID })
}

// Question returns the quiz question with the given id, or nil.
func (c *Case) Question(id string) *Question {
	return find(c.Quiz.Questions, id, func(q *Question) string { return q.ID })
}

// find returns a pointer to the element of list whose id is id, or nil.
// Cases are small, so a scan beats keeping an index in step with the data.
func find[T any](list []T, id string, idOf func(*T) string) *T {
	if id == "" {
		return nil
	}
	for i := range list {
		if idOf(&list[i]) == id {
			return &list[i]
		}
	}
	return nil
}

// QuestionsAbout returns the quiz questions that name the event, in quiz
// order, so an event card can offer "test yourself on this".
func (c *Case) QuestionsAbout(eventID string) []*Question {
	return c.questionsWhere(func(q *Question) bool { return slices.Contains(q.Events, eventID) })
}

// QuestionsOnTerm returns the quiz questions that name the glossary term, in
// quiz order.
func (c *Case) QuestionsOnTerm(termID string) []*Question {
	return c.questionsWhere(func(q *Question) bool { return slices.Contains(q.Terms, termID) })
}

func (c *Case) questionsWhere(keep func(*Question) bool) []*Question {
	var qs []*Question
	for i := range c.Quiz.Questions {
		if keep(&c.Quiz.Questions[i]) {
			qs = append(qs, &c.Quiz.Questions[i])
		}
	}
	return qs
}

// Summary is what an index of cases shows about one case, without its events
// and quiz: enough for a list and for the "/api/cases" index.
type Summary struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Court   string `json:"court"`
	Status  string `json:"status"`
	Updated string `json:"updated"`
	First   Date   `json:"first"` // the earliest event's date
	Last    Date   `json:"last"`  // the latest event's date
}

// SummaryOf returns the case's index entry (a method would clash with the
// Summary field). First and Last are the dates of
// the events that start earliest and latest (by Start, then End), whatever
// their order in the file; both are zero when no event has a valid date.
func SummaryOf(c *Case) Summary {
	s := Summary{ID: c.ID, Title: c.Title, Summary: c.Summary, Court: c.Court, Status: c.Status, Updated: c.Updated}
	var first, last *Date
	for i := range c.Events {
		d := &c.Events[i].Date
		if d.Start().IsZero() {
			continue
		}
		if first == nil || d.Start().Before(first.Start()) {
			first = d
		}
		if last == nil || d.Start().After(last.Start()) ||
			(d.Start().Equal(last.Start()) && d.End().After(last.End())) {
			last = d
		}
	}
	if first != nil {
		s.First, s.Last = *first, *last
	}
	return s
}
