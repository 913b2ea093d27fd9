package casefile

import (
	"cmp"
	"slices"
)

// NewestFirst returns the summaries ordered for a list of cases: the most
// recently updated first (updated is a YYYY-MM-DD day, so text order is
// date order), then by title and id, so the order never depends on where
// a case came from. The slice is a new one.
func NewestFirst(list []Summary) []Summary {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b Summary) int {
		return cmp.Or(
			cmp.Compare(b.Updated, a.Updated),
			cmp.Compare(a.Title, b.Title),
			cmp.Compare(a.ID, b.ID),
		)
	})
	return out
}
