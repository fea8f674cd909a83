// Package ingest turns MQTT messages and manually injected packets into CoreScope rows;
// it holds all write SQL. Its files form three groups:
//   - the pipeline: Submit and Inject parse, filter and decode on the caller's goroutine
//     (submit, parse, topicid, decode, status, clientrx, scopereport, inject), one writer
//     goroutine group-commits batches and acknowledges after commit (writer, batch,
//     commit, diskfull); details at the top of writer.go;
//   - maintenance (maint_*.go): retention, vacuum, checkpoints, neighbour edges, geo-prune
//     and legacy-hash repair, run as jobs on the writer; schedule in maint_schedule.go;
//   - counters and Stats (counters, stats, perf, badinput): the write side of the stats
//     file. The HTTP endpoint for injection is internal/ingesthttp.
package ingest
