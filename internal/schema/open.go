package schema

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DefaultBusyTimeout is the busy_timeout pragma for both handles.
const DefaultBusyTimeout = 5 * time.Second

// WALAutoCheckpointPages is the writer's wal_autocheckpoint: 32 MiB of 4 KiB pages.
const WALAutoCheckpointPages = 8192

// uriPath escapes the characters that would end a SQLite URI path early.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23")

// WriterDSN returns the read-write DSN the ingestor uses: WAL, busy timeout, foreign keys,
// synchronous NORMAL (safe in WAL: a crash loses at most the last commits, never corrupts),
// incremental auto-vacuum for new files, statement journals in memory (the upserts write
// one per statement; on disk each costs a syscall) and IMMEDIATE transactions so the single writer
// takes the write lock at BEGIN instead of failing to upgrade later.
//
// The WAL is checkpointed every WALAutoCheckpointPages pages instead of SQLite's 1000: one
// ingest batch into a big database dirties more than 1000 pages, so the default made
// every commit copy all its pages back into the database and fsync twice; fewer, larger
// checkpoints write a page that several batches touched (index edges, hot hash-index
// leaves) once. journal_size_limit trims the WAL file back after a checkpoint reset.
// mmap_size lets the writer read the first 256 MiB of the file (the B-tree pages an insert
// descends through) from the OS page cache without a pread and copy per page; writes still
// go through the WAL with write(2), so durability is unchanged.
func WriterDSN(path string) string {
	return "file:" + uriPath.Replace(path) + "?" + strings.Join([]string{
		fmt.Sprintf("_pragma=busy_timeout(%d)", DefaultBusyTimeout.Milliseconds()),
		"_pragma=auto_vacuum(INCREMENTAL)",
		"_pragma=journal_mode(WAL)",
		"_pragma=foreign_keys(ON)",
		"_pragma=synchronous(NORMAL)",
		"_pragma=cache_size(-65536)",
		"_pragma=temp_store(MEMORY)",
		"_pragma=mmap_size(268435456)",
		fmt.Sprintf("_pragma=wal_autocheckpoint(%d)", WALAutoCheckpointPages),
		fmt.Sprintf("_pragma=journal_size_limit(%d)", int64(WALAutoCheckpointPages)*4096),
		"_txlock=immediate",
	}, "&")
}

// ReaderDSN returns the read-only DSN the server uses: mode=ro plus query_only, so the
// handle can never take the write lock, and a busy timeout for WAL recovery moments.
func ReaderDSN(path string) string {
	return "file:" + uriPath.Replace(path) + "?" + strings.Join([]string{
		"mode=ro",
		fmt.Sprintf("_pragma=busy_timeout(%d)", DefaultBusyTimeout.Milliseconds()),
		"_pragma=query_only(1)",
	}, "&")
}

// Open opens (creating if needed, with its parent directory) the database for the single
// writer: one connection, so every statement serialises through it.
func Open(ctx context.Context, path string) (*sql.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create db dir: %w", err)
		}
	}
	db, err := sql.Open("sqlite", WriterDSN(path))
	if err != nil {
		return nil, fmt.Errorf("open db: %w", err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open db %s: %w", path, err)
	}
	return db, nil
}

// OpenReadOnly opens an existing database read-only (the server's handle). It fails when
// the file does not exist rather than creating it.
func OpenReadOnly(ctx context.Context, path string, maxConns int) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open db read-only: %w", err)
	}
	if maxConns < 1 {
		maxConns = 4
	}
	db, err := sql.Open("sqlite", ReaderDSN(path))
	if err != nil {
		return nil, fmt.Errorf("open db read-only: %w", err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(min(2, maxConns))
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open db read-only %s: %w", path, err)
	}
	return db, nil
}
