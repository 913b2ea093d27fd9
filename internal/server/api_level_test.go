package server

import (
	"testing"

	"docket/internal/asset"
)

// TestCaseLevel checks that only a case's data past bigCaseJSON is
// compressed quickly at start; smaller data keeps the level asked for.
func TestCaseLevel(t *testing.T) {
	for _, tc := range []struct {
		size  int
		level asset.Level
		want  asset.Level
	}{
		{100, asset.Best, asset.Best},
		{bigCaseJSON, asset.Best, asset.Best},
		{bigCaseJSON + 1, asset.Best, asset.Quick},
		{100, asset.Quick, asset.Quick},
		{bigCaseJSON + 1, asset.Quick, asset.Quick},
	} {
		if got := caseLevel(make([]byte, tc.size), tc.level); got != tc.want {
			t.Errorf("caseLevel(%d bytes, %v) = %v, want %v", tc.size, tc.level, got, tc.want)
		}
	}
}
