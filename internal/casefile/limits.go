package casefile

// SchemaID is the "$schema" a case file names: the address at which the
// server serves web/case.schema.json, so editors can check files as they type.
const SchemaID = "/case.schema.json"

// Text limits, counted in characters (Unicode code points, as JSON Schema's
// maxLength counts them). They keep each piece of text to what fits its place
// on the page; web/case.schema.json states the same numbers.
const (
	MaxIDLen                = 64   // any id: case, category, event, term, question, source
	MaxTitleLen             = 120  // the case title
	MaxSummaryLen           = 600  // the case summary
	MaxCourtLen             = 120  // the court's name
	MaxDocketLen            = 60   // the docket number
	MaxPartyNameLen         = 120  // a party's name
	MaxPartyRoleLen         = 40   // a party's role ("plaintiff")
	MaxOutcomeLen           = 300  // the case outcome
	MaxCreditLen            = 200  // one credit line
	MaxCategoryLabelLen     = 40   // a category's label
	MaxDateLabelLen         = 40   // a date's display label ("Late January 2017")
	MaxEventTitleLen        = 100  // an event's title
	MaxParagraphLen         = 1200 // one paragraph of an event's body
	MaxTermLen              = 80   // a glossary term
	MaxDefinitionLen        = 300  // a term's one-sentence definition
	MaxTermExplanationLen   = 1200 // a term's longer explanation
	MaxQuizTitleLen         = 120  // the quiz title
	MaxQuizIntroLen         = 600  // the quiz introduction
	MaxPromptLen            = 300  // a question's prompt
	MaxChoiceLen            = 200  // one choice of a question
	MaxAnswerExplanationLen = 1000 // a question's explanation
	MaxSourceTitleLen       = 200  // a source's title
	MaxPublisherLen         = 100  // a source's publisher
	MaxURLLen               = 2000 // a source's URL
	MaxCorrectionLen        = 600  // the text of one correction
	MaxEraTitleLen          = 80   // an era's title, written on its band
	MaxAltLen               = 300  // an image's text alternative
	MaxCaptionLen           = 300  // an image's caption
	MaxImageCreditLen       = 200  // who made an image ("Photo: Jane Doe/Agency")
	MaxLinkTitleLen         = 200  // the title of a linked document, video or post
)

// MaxImageSize is the largest width or height, in pixels, an image may
// declare: beyond it the numbers are a typo, not a picture.
const MaxImageSize = 10000

// Count limits: how many items a list may hold. They guard the page and the
// quiz against runaway files.
const (
	MaxParties    = 20
	MaxCredits    = 10
	MaxCategories = 12
	MaxEvents     = 10000 // the timeline stays usable at this size
	MaxParagraphs = 10    // paragraphs in one event body
	MaxTerms      = 200
	MaxQuestions  = 100
	MaxChoices    = 6 // choices of one question
	MaxSources    = 500

	MaxCorrections = 100 // corrections noted under the timeline
	MaxEras        = 50  // bands behind the axis; more would not read
)

// MaxFileBytes is the largest case file Check accepts, well above any real
// case, so that a stray file cannot make the server read without end.
const MaxFileBytes = 16 << 20

// The statuses a case may have. A case's Status says where it stands; its
// Outcome says in words how it ended.
const (
	StatusOpen      = "open"      // still before a court
	StatusDecided   = "decided"   // a court ruled on the merits
	StatusSettled   = "settled"   // the parties settled
	StatusDismissed = "dismissed" // ended by a dismissal, voluntary or not, without a ruling on the merits
	StatusClosed    = "closed"    // ended some other way (withdrawn, moot, transferred)
)

// statuses lists the valid statuses in the order messages name them.
var statuses = []string{StatusOpen, StatusDecided, StatusSettled, StatusDismissed, StatusClosed}

// precisions and kinds list the valid values of those enums, in order.
var (
	precisions = []Precision{Minute, Day, Month, Year}
	kinds      = []QuestionKind{SingleChoice, MultipleChoice, TrueFalse}
	// sourceKinds lists the web first: it is the default.
	sourceKinds = []SourceKind{SourceWeb, SourceWire, SourcePrint, SourceBroadcast, SourceFiling}
)

// idPattern, colorPattern, zonePattern and imagePathPattern are the forms
// of ids, category colours, time zone names and image paths in the case's
// folder, written so that Go's regexp and JSON Schema's ECMA-262 read them
// alike.
const (
	idPattern        = `^[a-z0-9]+(-[a-z0-9]+)*$`
	colorPattern     = `^#[0-9a-fA-F]{6}$`
	zonePattern      = `^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$`
	imagePathPattern = `^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$`
)

// imageExtensions are the endings of the image files Docket shows, in the
// order messages name them. Case does not matter (cameras write ".JPG").
var imageExtensions = []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}

// MinContrast is the least contrast a category colour must have against
// white, so that text and markers in it stay readable (WCAG AA for text).
const MinContrast = 4.5
