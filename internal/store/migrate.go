package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds the schema's history, one folder per dialect; goose
// applies the files in order, each in a transaction, and records them in
// the goose_db_version table.
//
//go:embed migrations
var migrations embed.FS

// NewerSchemaError means the database was migrated by a newer Docket than
// this one: it is left as it is, and this binary does not use it.
type NewerSchemaError struct {
	Database, Known int64
}

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("the database was migrated by a newer Docket (version %d; this binary knows up to %d): run that Docket, or a newer one, with it", e.Database, e.Known)
}

// migrate applies the migrations this binary has and the database lacks,
// after checking that the database is not newer than the binary.
func (db *DB) migrate(ctx context.Context) error {
	files, err := fs.Sub(migrations, "migrations/"+db.dialect.name)
	if err != nil {
		return err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	gooseDialect := goose.DialectSQLite3
	if db.dialect.name == "postgres" {
		gooseDialect = goose.DialectPostgres
		// Two servers starting at once on one database: one migrates,
		// the other waits for it (a PostgreSQL advisory lock).
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gooseDialect, db.write, files, opts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if err := checkNotNewer(ctx, p); err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrating the schema: %w", err)
	}
	// Another, newer server may have migrated between the check and Up.
	if err := checkNotNewer(ctx, p); err != nil {
		return err
	}
	db.schema, err = p.GetDBVersion(ctx)
	return err
}

func checkNotNewer(ctx context.Context, p *goose.Provider) error {
	current, known, err := p.GetVersions(ctx)
	if err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if current > known {
		return &NewerSchemaError{Database: current, Known: known}
	}
	return nil
}
