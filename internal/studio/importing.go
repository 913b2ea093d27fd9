package studio

import (
	"bytes"
	"errors"

	"docket/internal/casefile"
	"docket/internal/timelinejs"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Starting a case from an import: a TimelineJS JSON file or a Google
// Sheets CSV, chosen or dropped on the list, read in the browser by
// internal/timelinejs (as `docket import` reads it), saved as a draft, its
// report shown with what is left to do.

// MaxImport is the largest file the Studio reads, as `docket import`.
const MaxImport = timelinejs.MaxInputBytes

// Imported is a file read into a case, and the report of how.
type Imported struct {
	Case     *casefile.Case
	Summary  string
	Sections []timelinejs.Section
}

// ImportFile reads a TimelineJS JSON or Sheets CSV file (its format
// detected) into a case: the error is for a file that cannot be read at
// all; what the case still lacks is the report's to-do.
func ImportFile(name string, data []byte) (Imported, error) {
	if len(data) > MaxImport {
		return Imported{}, timelinejs.TooLarge(name)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Imported{}, errors.New(name + " is empty")
	}
	c, rep, err := timelinejs.Import(name, bytes.NewReader(data), timelinejs.Auto)
	if err != nil {
		return Imported{}, err
	}
	return Imported{Case: c, Summary: rep.Summary, Sections: rep.Sections()}, nil
}

// importing is the state of the import on the list.
type importing struct {
	importBusy bool
	importErr  string
	imported   *Imported
	dropping   bool // a file is dragged over the drop zone
}

// importForm is the file input and the drop zone, and the last import's
// report.
func (l *CaseList) importForm() app.UI {
	zone := "studio-drop"
	if l.dropping {
		zone += " studio-drop-over"
	}
	return app.Section().Class("studio-import").Aria("labelledby", "import-heading").Body(
		app.H2().ID("import-heading").Text("Start from an import"),
		app.Div().ID("import-drop").Class(zone).
			On("dragover", func(ctx app.Context, e app.Event) { e.PreventDefault(); l.dropping = true }).
			On("dragleave", func(ctx app.Context, e app.Event) { l.dropping = false }).
			On("drop", l.dropped).Body(
			app.Label().For("import-file").Text("A TimelineJS JSON file, or a Google Sheets CSV made from TimelineJS's template"),
			app.Input().ID("import-file").Type("file").Accept(".json,.csv,application/json,text/csv").Aria("describedby", "import-hint").
				OnChange(func(ctx app.Context, e app.Event) {
					files := ctx.JSSrc().Get("files")
					if files.Length() > 0 {
						l.readFile(files.Index(0))
					}
					ctx.JSSrc().Set("value", "")
				}),
			app.P().ID("import-hint").Class("studio-hint").Text("Or drop the file here. The case is saved as a draft, with a list of what is left to do."),
		),
		app.If(l.importBusy, func() app.UI { return app.P().Attr("role", "status").Text("Reading the file…") }),
		app.If(l.importErr != "", func() app.UI {
			return app.P().ID("import-error").Class("studio-error").Attr("role", "alert").Text(l.importErr)
		}),
		app.If(l.imported != nil, func() app.UI { return l.importReport() }),
	)
}

func (l *CaseList) importReport() app.UI {
	im := l.imported
	return app.Div().ID("import-report").Body(
		app.P().Attr("role", "status").Text("Saved as a draft: “"+im.Case.Title+"” ("+im.Case.ID+"). "+im.Summary),
		app.P().Body(app.A().ID("import-open").Href(l.Home+"cases/"+im.Case.ID).Text("Open the draft")),
		app.Range(im.Sections).Slice(func(i int) app.UI {
			sec := im.Sections[i]
			list := app.Ul()
			if sec.Kind == timelinejs.ToDo {
				list = app.Ul().Class("studio-todo")
			}
			return app.Div().Body(
				app.H3().Textf("%s (%d)", sec.Title, len(sec.Items)),
				list.Body(app.Range(sec.Items).Slice(func(j int) app.UI { return app.Li().Text(sec.Items[j].String()) })),
			)
		}),
	)
}

// dropped reads the first file dropped on the zone.
func (l *CaseList) dropped(ctx app.Context, e app.Event) {
	e.PreventDefault()
	l.dropping = false
	files := e.Get("dataTransfer").Get("files")
	if files.Length() > 0 {
		l.readFile(files.Index(0))
	}
}

// readFile reads a file of the browser, imports it and saves the case.
func (l *CaseList) readFile(file app.Value) {
	if l.importBusy {
		return
	}
	name, size := file.Get("name").String(), file.Get("size").Int()
	l.importBusy, l.importErr, l.imported = true, "", nil
	l.ctx.Async(func() {
		im, err := func() (Imported, error) {
			if size > MaxImport {
				return Imported{}, timelinejs.TooLarge(name)
			}
			text, err := await(file.Call("text"))
			if err != nil {
				return Imported{}, errors.New(name + " could not be read: " + err.Error())
			}
			im, err := ImportFile(name, []byte(text.String()))
			if err != nil {
				return im, err
			}
			_, err = l.API.Create(im.Case)
			return im, err
		}()
		l.ctx.Dispatch(func(ctx app.Context) {
			l.importBusy = false
			if err != nil {
				l.importErr = "Not imported: " + err.Error()
				return
			}
			l.imported = &im
			l.load(ctx)
		})
	})
}
