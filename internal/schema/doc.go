// Package schema opens the CoreScope SQLite file and owns its shape: the DSN with pragmas
// (read-write for the ingestor, mode=ro for the server), the DDL, the ordered append-only
// migrations recorded in _migrations, and AssertReady for readers.
//
// It is the only package that imports the modernc.org/sqlite driver. Only the ingestor
// calls Migrate; the server opens with OpenReadOnly and waits on WaitReady. Errors are
// classified by the driver's result code, never by message text: IsBusy (BUSY/LOCKED,
// worth a retry) and IsDiskFull (FULL or ENOSPC).
package schema
