// Package casefile holds Docket's case format: the Go types of a case file,
// its loading and its validation. It is plain Go with no HTTP, so both the
// server and the browser program use it.
package casefile

// Case is one court case as an editor writes it: what happened (Events),
// the words a reader needs (Glossary), a quiz on its legal idea (Quiz) and
// the sources every line rests on (Sources).
type Case struct {
	Schema     string     `json:"$schema,omitempty"`
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Summary    string     `json:"summary"`
	Court      string     `json:"court"`
	Docket     string     `json:"docket"`
	Parties    []Party    `json:"parties"`
	Status     string     `json:"status"` // StatusOpen, StatusDecided, ...
	Outcome    string     `json:"outcome"`
	Updated    string     `json:"updated"`
	Credits    []string   `json:"credits"`
	Categories []Category `json:"categories"`
	Events     []Event    `json:"events"`
	Glossary   []Term     `json:"glossary,omitempty"`
	Quiz       Quiz       `json:"quiz,omitzero"` // no questions: a timeline-only case
	Sources    []Source   `json:"sources"`

	// Timezone is the IANA zone ("America/Los_Angeles") that dates with a
	// time of day are written in and shown in; "" when no date has one.
	Timezone string `json:"timezone,omitempty"`
	// Eras are labelled stretches of time drawn as bands behind the axis.
	Eras []Era `json:"eras,omitempty"`
	// Media is the case's lead image or link, shown under its summary.
	Media *Media `json:"media,omitempty"`

	// Corrections says what was corrected after publication, as a
	// newsroom notes it under a story; Updated moves with each one.
	Corrections []Correction `json:"corrections,omitempty"`
}

// Party is one side of the case, such as "Twitter, Inc." as "plaintiff".
type Party struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// Category groups events on the timeline ("court", "government") and gives
// their markers a colour.
type Category struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Color string `json:"color"`
}

// Event is one dated thing that happened. Body is plain-text paragraphs;
// Sources and Terms hold ids of the case's sources and glossary terms.
type Event struct {
	ID       string   `json:"id"`
	Date     Date     `json:"date"`
	End      *Date    `json:"end,omitempty"` // a span: the last date it covers, not before Date
	Title    string   `json:"title"`
	Body     []string `json:"body"`
	Category string   `json:"category"`
	Sources  []string `json:"sources"`
	Terms    []string `json:"terms,omitempty"`
	Media    *Media   `json:"media,omitempty"`
}

// Era is a labelled stretch of the case's time ("The summons", "In court"),
// drawn as a band behind the timeline's axis. End is the last date it covers.
type Era struct {
	Title string `json:"title"`
	Start Date   `json:"start"`
	End   Date   `json:"end"`
}

// Media is what an event (or the case) shows beside its text: an image or a
// link, exactly one. Docket loads no third-party script or frame, so a video
// or a post is a Link, shown as a card the reader may choose to open.
type Media struct {
	Image *Image `json:"image,omitempty"`
	Link  *Link  `json:"link,omitempty"`
}

// Image is a picture: Src is a path inside the case's folder
// ("media/summons.jpg") or an https URL. Alt is required; Width and Height,
// when known, are its size in pixels (its aspect ratio reserves its space).
type Image struct {
	Src     string `json:"src"`
	Alt     string `json:"alt"`
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
}

// Link is a document, video or post the reader may open: an http(s) URL and
// the title that names it.
type Link struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// Date is a minute, a day, a month or a year, as precisely as the sources
// allow. Value is "2017-04-06T16:30" (in the case's Timezone),
// "2017-04-06", "2017-01" or "2017" to match Precision; Label, when set, is
// what readers see instead ("Late January 2017").
type Date struct {
	Value     string    `json:"value"`
	Precision Precision `json:"precision"`
	Label     string    `json:"label,omitempty"`
}

// Precision says how much of a Date is known.
type Precision string

// The precisions a Date may have.
const (
	Minute Precision = "minute"
	Day    Precision = "day"
	Month  Precision = "month"
	Year   Precision = "year"
)

// Term is a glossary entry: a one-sentence Definition and a longer
// Explanation, both plain text.
type Term struct {
	ID          string   `json:"id"`
	Term        string   `json:"term"`
	Definition  string   `json:"definition"`
	Explanation string   `json:"explanation"`
	Sources     []string `json:"sources"`
}

// Quiz is the case's question set on its legal idea.
type Quiz struct {
	Title     string     `json:"title"`
	Intro     string     `json:"intro"`
	Questions []Question `json:"questions"`
}

// QuestionKind is how a question is answered.
type QuestionKind string

// The kinds of question a quiz may hold.
const (
	SingleChoice   QuestionKind = "single"     // one right choice among several
	MultipleChoice QuestionKind = "multiple"   // one or more right choices
	TrueFalse      QuestionKind = "true-false" // choices "True" and "False"
)

// Question is one quiz question. Answers are indexes into Choices;
// Explanation is shown once the reader has answered; Events and Terms tie
// the question back to the timeline and the glossary.
type Question struct {
	ID          string       `json:"id"`
	Kind        QuestionKind `json:"kind"`
	Prompt      string       `json:"prompt"`
	Choices     []string     `json:"choices"`
	Answers     []int        `json:"answers"`
	Explanation string       `json:"explanation"`
	Events      []string     `json:"events,omitempty"`
	Terms       []string     `json:"terms,omitempty"`
	Sources     []string     `json:"sources"`
}

// Source is a document a fact rests on. Date is "YYYY-MM-DD", "YYYY-MM" or
// "YYYY" when known. A web source (the default Kind) has a URL; a wire,
// print, broadcast or filing source may have none, and then readers find
// it by its publisher, title and date, which it must give.
type Source struct {
	ID        string     `json:"id"`
	Kind      SourceKind `json:"kind,omitempty"` // "" is SourceWeb
	Title     string     `json:"title"`
	Publisher string     `json:"publisher"`
	Date      string     `json:"date,omitempty"`
	URL       string     `json:"url,omitempty"`
}

// SourceKind says what a source is, and so whether it needs a URL.
type SourceKind string

// The kinds of source. Only a web source must have a URL.
const (
	SourceWeb       SourceKind = "web"       // a page online
	SourceWire      SourceKind = "wire"      // a news agency's story
	SourcePrint     SourceKind = "print"     // a newspaper, book or law report on paper
	SourceBroadcast SourceKind = "broadcast" // a radio or television item
	SourceFiling    SourceKind = "filing"    // a court filing, read from the court's record
)

// KindOrWeb is the source's kind, SourceWeb when the file names none.
func (s *Source) KindOrWeb() SourceKind {
	if s.Kind == "" {
		return SourceWeb
	}
	return s.Kind
}

// Published is the source's date as a Date of the precision it is written
// to ("2017-04" is a month), for display; the zero Date when it has none.
func (s *Source) Published() Date {
	switch len(s.Date) { // Validate has checked the form
	case len("2017-04-06"):
		return Date{Value: s.Date, Precision: Day}
	case len("2017-04"):
		return Date{Value: s.Date, Precision: Month}
	case len("2017"):
		return Date{Value: s.Date, Precision: Year}
	}
	return Date{}
}

// Correction is one change made to the case after it was published: when
// (a day, "YYYY-MM-DD"), what was corrected in plain words, and the event
// or glossary term it concerns, if one.
type Correction struct {
	Date  string `json:"date"`
	Text  string `json:"text"`
	Event string `json:"event,omitempty"` // id of an event of the case
	Term  string `json:"term,omitempty"`  // id of a glossary term of the case
}
