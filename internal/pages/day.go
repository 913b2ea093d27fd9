package pages

import "time"

// DayLabel writes a YYYY-MM-DD day as readers read it: "November 29,
// 2026". Anything else is shown as it is.
func DayLabel(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.Format("January 2, 2006")
}
