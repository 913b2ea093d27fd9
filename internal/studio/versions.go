package studio

import (
	"fmt"
	"strconv"

	"docket/internal/casefile"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The panels about what readers have: how they answered the quiz, the
// published versions compared and rolled back.

// panels is the state of those panels.
type panels struct {
	answers    *Answers
	answersErr string

	compareA, compareB string // version numbers, or "draft"
	differences        []Difference
	compared           string // what the last comparison compared, or its error
	comparing          bool

	rollTo, rollNote string
	rolled           string // the outcome of the last roll back, announced
	rolledOK         bool

	timelineNote string // what the last TimelineJS download left out
}

// setVersions takes in the published versions: the comparison and the
// roll back start again from the newest, and the last comparison's
// outcome goes with the choices it answered.
func (c *CaseEditor) setVersions(vs []Version) {
	c.versions = vs
	c.compareA, c.compareB, c.rollTo = "", "", ""
	c.compared, c.differences = "", nil
}

// DraftChoice stands for the draft among the versions to compare.
const DraftChoice = "draft"

// CompareOptions are the versions one may compare, newest first, and the
// draft as saved.
func CompareOptions(vs []Version) [][2]string {
	out := [][2]string{{DraftChoice, "The draft"}}
	for _, v := range vs {
		out = append(out, [2]string{strconv.Itoa(v.Number), fmt.Sprintf("Version %d", v.Number)})
	}
	return out
}

// ComparedLabel says what a comparison compared, and how much differs.
func ComparedLabel(a, b string, n int) string {
	name := func(s string) string {
		if s == DraftChoice {
			return "the draft"
		}
		return "version " + s
	}
	what := "From " + name(a) + " to " + name(b) + ": "
	switch n {
	case 0:
		return what + "no difference."
	case 1:
		return what + "1 part differs."
	}
	return what + itoa(n) + " parts differ."
}

// RolledBackLabel says what a roll back did: the new version, and whether
// the draft is the old version again (the server leaves a draft with
// changes not yet published as it is).
func RolledBackLabel(to, made int, draftState string) string {
	s := fmt.Sprintf("Version %d is published again, as version %d.", to, made)
	if draftState == "changed" {
		return s + " The draft keeps its changes not yet published."
	}
	return s + fmt.Sprintf(" The draft is version %d again.", to)
}

// loadAnswers reads how readers answered, for a published case.
func (c *CaseEditor) loadAnswers(ctx app.Context) {
	if c.state != "published" && c.state != "changed" {
		return
	}
	id := c.ID
	ctx.Async(func() {
		a, err := c.API.Answers(id)
		ctx.Dispatch(func(app.Context) {
			if err != nil {
				c.answers, c.answersErr = nil, "The answers could not be read: "+err.Error()
				return
			}
			c.answers, c.answersErr = &a, ""
		})
	})
}

// readersAnswers is how readers answered the published quiz, per
// question (for a published case), below the quiz's forms.
func (c *CaseEditor) readersAnswers() app.UI {
	body := []app.UI{app.H2().ID("answers-heading").Text("How readers answered")}
	switch {
	case c.answersErr != "":
		body = append(body, app.P().Class("studio-error").Text(c.answersErr))
	case c.answers == nil:
		body = append(body, app.P().Attr("role", "status").Text("Reading the answers…"))
	case len(c.answers.Questions) == 0:
		body = append(body, app.P().Text("The published case has no quiz."))
	default:
		rows := AnswerRows(*c.answers)
		body = append(body,
			app.P().ID("answers-hardest").Text(HardestLabel(rows)),
			app.Table().ID("answers-table").Class("studio-table studio-answers").Body(
				app.Caption().Class("visually-hidden").Text("How readers answered each question of the published quiz"),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text("Question"),
					app.Th().Scope("col").Text("Readers"),
					app.Th().Scope("col").Text("Right"),
					app.Th().Scope("col").Text("Wrong choice picked most"),
				)),
				app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
					r := rows[i]
					prompt := r.Prompt
					if r.Hardest {
						prompt += " (hardest)"
					}
					if !r.Enough {
						return app.Tr().Body(app.Th().Scope("row").Text(prompt), app.Td().ColSpan(3).Text(r.Readers))
					}
					return app.Tr().Body(app.Th().Scope("row").Text(prompt), app.Td().Text(r.Readers), app.Td().Text(r.Right), app.Td().Text(r.WrongPick))
				})),
			),
		)
	}
	body = append(body, app.Button().Type("button").ID("answers-refresh").Class("studio-button").Text("Read the answers again").
		OnClick(func(ctx app.Context, e app.Event) { c.loadAnswers(c.ctx) }))
	return app.Section().Class("studio-section studio-answers-panel").Aria("labelledby", "answers-heading").Body(body...)
}

func (c *CaseEditor) versionList() app.UI {
	return app.Section().Class("studio-versions").Aria("labelledby", "versions-heading").Body(
		app.H2().ID("versions-heading").Text("Published versions"),
		app.If(len(c.versions) == 0, func() app.UI { return app.P().Text("Not published yet.") }),
		app.Ol().Reversed(true).Body(app.Range(c.versions).Slice(func(i int) app.UI {
			v := c.versions[i]
			note := v.Note
			if note == "" {
				note = "(no note)"
			}
			if v.RestoredFrom != 0 {
				note += fmt.Sprintf(" (version %d again)", v.RestoredFrom)
			}
			return app.Li().Value(v.Number).Body(
				app.Strong().Textf("Version %d", v.Number),
				app.Text(", by "+v.PublishedBy+", "+v.PublishedAt.Local().Format("2 Jan 2006 15:04")+": "),
				app.Span().Text(note),
			)
		})),
		app.If(len(c.versions) > 0, func() app.UI { return c.compareForm() }),
		app.If(len(c.versions) > 1, func() app.UI { return c.rollBackForm() }),
	)
}

func (c *CaseEditor) compareForm() app.UI {
	opts := CompareOptions(c.versions)
	if c.compareA == "" {
		c.compareA = opts[1][0] // the newest version
		if len(opts) > 2 {
			c.compareA = opts[2][0] // the one before it...
		}
		c.compareB = opts[1][0] // ...to the newest
	}
	return app.Div().Class("studio-compare").Body(
		app.H3().ID("compare-heading").Text("Compare two versions"),
		app.Form().Aria("labelledby", "compare-heading").OnSubmit(c.doCompare).Body(
			control{id: "compare-a", label: "From", kind: "select", options: opts, value: c.compareA,
				set: func(ctx app.Context, v string) { c.compareA = v }}.render(),
			control{id: "compare-b", label: "To", kind: "select", options: opts, value: c.compareB,
				set: func(ctx app.Context, v string) { c.compareB = v }}.render(),
			app.Button().Type("submit").ID("compare").Class("studio-button").Disabled(c.comparing).Text("Show the difference"),
		),
		app.P().ID("compare-result").Attr("role", "status").Text(c.compared),
		app.If(len(c.differences) > 0, func() app.UI {
			return app.Ul().ID("differences").Class("studio-differences").Body(app.Range(c.differences).Slice(func(i int) app.UI {
				d := c.differences[i]
				return app.Li().Body(
					app.Strong().Text(d.ChangeLabel()+": "+d.Where),
					app.If(len(d.Fields) > 0, func() app.UI {
						return app.Dl().Body(app.Range(d.Fields).Slice(func(j int) app.UI {
							f := d.Fields[j]
							return app.Div().Body(app.Dt().Text(f.Field), app.Dd().Body(fieldChange(f)...))
						}))
					}),
				)
			}))
		}),
	)
}

// fieldChange shows a field's old and new text, said in words as well as
// struck through and underlined.
func fieldChange(f FieldChange) []app.UI {
	switch {
	case f.Old == "":
		return []app.UI{app.Ins().Text(f.New)}
	case f.New == "":
		return []app.UI{app.Del().Text(f.Old)}
	}
	return []app.UI{app.Del().Text(f.Old), app.Text(" → "), app.Ins().Text(f.New)}
}

// doCompare reads the two versions and lists where they differ.
func (c *CaseEditor) doCompare(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if c.comparing {
		return
	}
	a, b := c.compareA, c.compareB
	c.comparing, c.compared, c.differences = true, "Comparing…", nil
	draft := c.edit.Case
	id := c.ID
	read := func(which string) (*casefile.Case, error) {
		if which == DraftChoice {
			return draft, nil
		}
		n, _ := strconv.Atoi(which)
		v, err := c.API.Version(id, n)
		if err != nil {
			return nil, err
		}
		return Decode(v.Case)
	}
	c.ctx.Async(func() {
		x, err := read(a)
		var y *casefile.Case
		if err == nil {
			y, err = read(b)
		}
		c.ctx.Dispatch(func(app.Context) {
			c.comparing = false
			if err != nil {
				c.compared = "The versions could not be compared: " + err.Error()
				return
			}
			c.differences = Compare(x, y)
			c.compared = ComparedLabel(a, b, len(c.differences))
		})
	})
}

func (c *CaseEditor) rollBackForm() app.UI {
	var opts [][2]string
	for _, v := range c.versions[1:] {
		opts = append(opts, [2]string{strconv.Itoa(v.Number), fmt.Sprintf("Version %d", v.Number)})
	}
	if c.rollTo == "" {
		c.rollTo = opts[0][0]
	}
	ready := c.edit.CanPublish(0)
	why := ""
	if !ready {
		why = "Rolling back waits until every change is saved."
	}
	return app.Div().Class("studio-rollback").Body(
		app.H3().ID("rollback-heading").Text("Roll back"),
		app.P().Class("studio-hint").Text("Publishes an old version again, as a new version. The draft becomes that version too, unless it has changes not yet published."),
		app.Form().Aria("labelledby", "rollback-heading").OnSubmit(c.doRollBack).Body(
			control{id: "rollback-to", label: "Version to publish again", kind: "select", options: opts, value: c.rollTo,
				set: func(ctx app.Context, v string) { c.rollTo = v }}.render(),
			control{id: "rollback-note", label: "Note (why)", value: c.rollNote,
				set: func(ctx app.Context, v string) { c.rollNote = v }, emptied: c.emptied}.render(),
			app.Button().Type("submit").ID("rollback").Class("studio-button").Disabled(!ready || c.busy).
				Aria("describedby", "rollback-why").Text("Roll back"),
			app.P().ID("rollback-why").Class("studio-hint").Text(why),
		),
		app.P().ID("rollback-result").Attr("role", "status").Class(map[bool]string{true: "studio-ok", false: ""}[c.rolledOK]).Text(c.rolled),
	)
}

// doRollBack publishes the chosen version again and reads the draft anew.
func (c *CaseEditor) doRollBack(ctx app.Context, e app.Event) {
	e.PreventDefault()
	to, _ := strconv.Atoi(c.rollTo)
	if c.busy || to < 1 || !c.edit.CanPublish(0) {
		return
	}
	c.busy, c.rolled, c.rolledOK = true, "Rolling back…", false
	id, note := c.ID, c.rollNote
	c.ctx.Async(func() {
		v, err := c.API.RollBack(id, to, note)
		var d Draft
		var doc *casefile.Case
		if err == nil {
			if d, err = c.API.Draft(id); err == nil {
				doc, err = Decode(d.Case)
			}
		}
		vs, _ := c.API.Versions(id)
		c.ctx.Dispatch(func(ctx app.Context) {
			c.busy = false
			if vs != nil {
				c.setVersions(vs)
			}
			if err != nil {
				c.rolled = "Not rolled back: " + err.Error()
				return
			}
			if c.edit.CanPublish(0) && d.Revision != c.edit.Revision {
				c.edit = Edit{Case: doc, Revision: d.Revision}
				c.boxes = map[string]string{}
				c.check()
			}
			c.state, c.rollNote, c.rolledOK = d.State, "", true
			c.rolled = RolledBackLabel(to, v.Number, d.State)
			c.loadAnswers(c.ctx)
		})
	})
}
