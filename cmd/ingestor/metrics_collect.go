package main

import (
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/metrics"
	"github.com/corescope/corescope/internal/mqttsource"
)

// ingestCounters maps stats-file counters onto metric names.
var ingestCounters = []struct{ name, help string }{
	{"ingest_transmissions_inserted_total", "New transmissions written."},
	{"ingest_observations_inserted_total", "Observations written."},
	{"ingest_transmission_dupes_total", "Transmissions already stored (content-hash dedup)."},
	{"ingest_observation_dupes_total", "Observations already stored."},
	{"ingest_node_upserts_total", "Node rows inserted or updated."},
	{"ingest_observer_upserts_total", "Observer rows inserted or updated."},
	{"ingest_write_errors_total", "Failed write transactions."},
	{"ingest_signature_drops_total", "Adverts dropped for a bad signature."},
	{"ingest_wal_commits_total", "Write transactions committed."},
	{"ingest_group_commit_flushes_total", "Group-commit batches flushed."},
	{"ingest_queue_drops_total", "Messages dropped because the ingest queue was full."},
	{"ingest_disk_full_retries_total", "Retries of a batch held because the database disk was full."},
}

func ingestorFamilies() []metrics.Family {
	g, c := metrics.KindGauge, metrics.KindCounter
	fams := []metrics.Family{
		{Name: "ingest_queue_depth", Help: "Messages waiting for the writer.", Kind: g},
		{Name: "ingest_queue_capacity", Help: "Size of the ingest queue.", Kind: g},
		{Name: "ingest_disk_full", Help: "1 while ingest is paused because the database disk is full (nothing is acknowledged).", Kind: g},
		{Name: "ingest_backfill_updates_total", Help: "Rows updated by background backfills, by backfill.", Kind: c, Labels: []string{"backfill"}},
		{Name: "ingest_bad_input_total", Help: "Messages rejected or filtered, by reason.", Kind: c, Labels: []string{"reason"}},
		{Name: "ingest_commit_latency_seconds", Help: "Receipt-to-commit latency over the recent samples, by quantile.", Kind: g, Labels: []string{"quantile"}},
		{Name: "mqtt_source_connected", Help: "1 while the source's broker connection is up.", Kind: g, Labels: []string{"source"}},
		{Name: "mqtt_source_subscribed", Help: "1 once every topic filter is acknowledged.", Kind: g, Labels: []string{"source"}},
		{Name: "mqtt_source_messages_total", Help: "Messages received from the source.", Kind: c, Labels: []string{"source"}},
		{Name: "mqtt_source_reconnects_total", Help: "Successful connects after the first one.", Kind: c, Labels: []string{"source"}},
		{Name: "mqtt_source_watchdog_reconnects_total", Help: "Reconnects forced because the feed went silent.", Kind: c, Labels: []string{"source"}},
		{Name: "mqtt_source_disconnects_total", Help: "Connection losses.", Kind: c, Labels: []string{"source"}},
		{Name: "mqtt_source_last_message_age_seconds", Help: "Seconds since the source's last message (-1 before the first).", Kind: g, Labels: []string{"source"}},
	}
	for _, ic := range ingestCounters {
		fams = append(fams, metrics.Family{Name: ic.name, Help: ic.help, Kind: c})
	}
	return fams
}

// collectIngestor reads one stats snapshot and the MQTT source states.
func collectIngestor(emit metrics.Emit, in *ingest.Ingester, g *mqttsource.Group, now time.Time) {
	s := in.Stats(now)
	for i, v := range []int64{s.TxInserted, s.ObsInserted, s.TxDupes, s.ObsDupes, s.NodeUpserts, s.ObserverUpserts,
		s.WriteErrors, s.SigDrops, s.WALCommits, s.GroupCommitFlushes, s.QueueDrops, s.DiskFullRetries} {
		emit(ingestCounters[i].name, float64(v))
	}
	emit("ingest_queue_depth", float64(s.QueueDepth))
	emit("ingest_queue_capacity", float64(s.QueueCapacity))
	diskFull := 0.0
	if s.DiskFull != nil {
		diskFull = 1
	}
	emit("ingest_disk_full", diskFull)
	for k, v := range s.BackfillUpdates {
		emit("ingest_backfill_updates_total", float64(v), k)
	}
	for k, v := range s.BadInput {
		emit("ingest_bad_input_total", float64(v), k)
	}
	if p := s.CommitLatencyMs; p != nil {
		for q, v := range map[string]float64{"0.5": p.P50, "0.95": p.P95, "0.99": p.P99, "1": p.Max} {
			emit("ingest_commit_latency_seconds", v/1000, q)
		}
	}
	if g == nil {
		return
	}
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	for _, st := range g.Statuses() {
		emit("mqtt_source_connected", b(st.Connected), st.Name)
		emit("mqtt_source_subscribed", b(st.Subscribed), st.Name)
		emit("mqtt_source_messages_total", float64(st.PacketsTotal), st.Name)
		emit("mqtt_source_reconnects_total", float64(st.ReconnectCount), st.Name)
		emit("mqtt_source_watchdog_reconnects_total", float64(st.WatchdogReconnects), st.Name)
		emit("mqtt_source_disconnects_total", float64(st.DisconnectCount), st.Name)
		age := -1.0
		if last := max(st.LastPacketUnix, st.LastMessageUnix); last > 0 {
			age = max(0, now.Sub(time.Unix(last, 0)).Seconds())
		}
		emit("mqtt_source_last_message_age_seconds", age, st.Name)
	}
}
