package studio

import (
	"fmt"
	"testing"
	"time"

	"docket/internal/casefile"
)

// largeCase is a valid case of n events, one a day from 2000-01-01, each
// with a title, two paragraphs and a source.
func largeCase(n int) *casefile.Case {
	c := validCase()
	e := c.Events[0]
	c.Events = make([]casefile.Event, n)
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range c.Events {
		c.Events[i] = e
		c.Events[i].ID = fmt.Sprintf("event-%d", i+1)
		c.Events[i].Date.Value = day.AddDate(0, 0, i).Format("2006-01-02")
		c.Events[i].Title = fmt.Sprintf("Hearing number %d", i+1)
		c.Events[i].Body = []string{"The court heard the parties on the motion.", "It ruled from the bench."}
	}
	return c
}

// BenchmarkCheck10000 is the validator's run on a 10,000-event case, as
// the editor runs it once the editor pauses.
func BenchmarkCheck10000(b *testing.B) {
	c := largeCase(10000)
	if ps := Check(c); len(ps) > 0 {
		b.Fatalf("the large case has problems: %v", ps[:min(3, len(ps))])
	}
	for b.Loop() {
		Check(c)
	}
}

// BenchmarkCheckJSON10000 is the check as the editor ran it before
// Check validated the case as the forms hold it: its JSON, read back with
// positions, then validated.
func BenchmarkCheckJSON10000(b *testing.B) {
	c := largeCase(10000)
	for b.Loop() {
		data, _ := Encode(c)
		casefile.Check("", data)
	}
}

// BenchmarkEncode10000 is the JSON of the same case, as a save sends it.
func BenchmarkEncode10000(b *testing.B) {
	c := largeCase(10000)
	for b.Loop() {
		Encode(c)
	}
}
