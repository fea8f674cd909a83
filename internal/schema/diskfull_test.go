package schema_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/corescope/corescope/internal/schema"
	"github.com/corescope/corescope/internal/testutil"
)

// A real SQLITE_FULL: the database may not grow past its current page count.
func TestIsDiskFull_RealSQLiteFull(t *testing.T) {
	db, _ := testutil.OpenTestDB(t)
	var pages int
	if err := db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	_, err := db.Exec(`INSERT INTO dropped_packets (hash, raw_hex, reason, dropped_at) VALUES (?, ?, 'test', '2026-01-01T00:00:00Z')`,
		"H", strings.Repeat("AB", 20000))
	if err == nil {
		t.Fatal("insert past max_page_count succeeded; want SQLITE_FULL")
	}
	if !schema.IsDiskFull(fmt.Errorf("commit batch: %w", err)) {
		t.Errorf("IsDiskFull(%v) = false, want true", err)
	}
	_, err = db.Exec(`INSERT INTO no_such_table VALUES (1)`)
	if err == nil || schema.IsDiskFull(err) {
		t.Errorf("IsDiskFull(%v) = true for a missing table, want false", err)
	}
}

func TestIsDiskFull_OSErrors(t *testing.T) {
	enospc := &fs.PathError{Op: "write", Path: "/x", Err: syscall.ENOSPC}
	for _, c := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{enospc, true},
		{fmt.Errorf("write stats: %w", enospc), true},
		{&fs.PathError{Op: "write", Path: "/x", Err: syscall.EIO}, false},
		{errors.New("disk is full"), false}, // words alone are not a code
	} {
		if got := schema.IsDiskFull(c.err); got != c.want {
			t.Errorf("IsDiskFull(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}
