package studio

import "strconv"

// StateLabel names a case's state as the list shows it.
func StateLabel(state string) string {
	switch state {
	case "draft":
		return "Draft, never published"
	case "published":
		return "Published"
	case "changed":
		return "Published, changed since"
	case "unpublished":
		return "Taken down"
	}
	return state
}

// CitedLabel is the sourcing count in words: "2 of 3 events have a source".
func CitedLabel(withSource, events int) string {
	switch {
	case events == 0:
		return "No events yet"
	case events == 1 && withSource == 1:
		return "The event has a source"
	case events == 1:
		return "The event has no source yet"
	case withSource == events:
		return "Every event has a source (" + itoa(events) + ")"
	}
	return itoa(withSource) + " of " + itoa(events) + " events have a source"
}

// ProblemsLabel counts the problems in words.
func ProblemsLabel(n int) string {
	switch n {
	case 0:
		return "No problems: ready to publish"
	case 1:
		return "1 problem to fix before publishing"
	}
	return itoa(n) + " problems to fix before publishing"
}

func itoa(n int) string { return strconv.Itoa(n) }
