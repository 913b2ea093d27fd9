package studio

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestAnswerRows(t *testing.T) {
	tests := []struct {
		name, json string
		want       []AnswerRow
		hardest    string
	}{
		{"no answers", `{"questions":[{"id":"q1","prompt":"Who?","answered":0,"correct":0,"choices":[{"text":"A","right":true,"picked":0},{"text":"B","picked":0}]}]}`,
			[]AnswerRow{{Prompt: "Who?", Readers: "Not enough answers yet (0 of 30)"}},
			"No question has enough answers yet to say which is hardest."},
		{"below the threshold, even if wrong most", `{"questions":[{"id":"q1","prompt":"Who?","answered":29,"correct":1,"choices":[{"text":"A","right":true,"picked":1},{"text":"B","picked":28}],"mostPickedWrong":1}]}`,
			[]AnswerRow{{Prompt: "Who?", Readers: "Not enough answers yet (29 of 30)"}},
			"No question has enough answers yet to say which is hardest."},
		{"at the threshold, mostly wrong; the other one below it", `{"questions":[
			{"id":"q1","prompt":"Who?","answered":30,"correct":6,"choices":[{"text":"A","right":true,"picked":6},{"text":"B","picked":20},{"text":"C","picked":4}],"mostPickedWrong":1},
			{"id":"q2","prompt":"When?","answered":3,"correct":0,"choices":[{"text":"Now","right":true,"picked":0},{"text":"Then","picked":3}],"mostPickedWrong":1}]}`,
			[]AnswerRow{
				{Prompt: "Who?", Readers: "30 readers", Enough: true, Right: "Most readers got this wrong: only 20% of 30 readers got it right.", WrongPick: "“B”, 67% (20 readers)", Hardest: true},
				{Prompt: "When?", Readers: "Not enough answers yet (3 of 30)"},
			},
			"Hardest question: “Who?”. Most readers got this wrong: only 20% of 30 readers got it right."},
		{"two above; the harder named; all right", `{"questions":[
			{"id":"q1","prompt":"Who?","answered":40,"correct":40,"choices":[{"text":"A","right":true,"picked":40},{"text":"B","picked":0}]},
			{"id":"q2","prompt":"When?","answered":1203,"correct":600,"choices":[{"text":"Now","right":true,"picked":600},{"text":"Then","picked":603}],"mostPickedWrong":1}]}`,
			[]AnswerRow{
				{Prompt: "Who?", Readers: "40 readers", Enough: true, Right: "Most readers got this right: 100% of 40 readers did.", WrongPick: "none"},
				{Prompt: "When?", Readers: "1,203 readers", Enough: true, Right: "Readers are split: 50% of 1,203 readers got this right.", WrongPick: "“Then”, 50% (603 readers)", Hardest: true},
			},
			"Hardest question: “When?”. Readers are split: 50% of 1,203 readers got this right."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Answers
			if err := json.Unmarshal([]byte(tt.json), &a); err != nil {
				t.Fatal(err)
			}
			rows := AnswerRows(a)
			if !reflect.DeepEqual(rows, tt.want) {
				t.Errorf("AnswerRows:\n got %+v\nwant %+v", rows, tt.want)
			}
			if got := HardestLabel(rows); got != tt.hardest {
				t.Errorf("HardestLabel = %q; want %q", got, tt.hardest)
			}
		})
	}
}
