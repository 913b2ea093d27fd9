package e2e

import (
	"os"
	"testing"

	"docket/internal/pgtest"
)

// TestMain stops the PostgreSQL server the database tests start, if any.
func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
