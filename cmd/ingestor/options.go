package main

import (
	"log/slog"
	"time"

	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/mqttsource"
	"github.com/corescope/corescope/internal/sidechannel"
)

// ingestOptions maps the config onto ingest.Options.
func ingestOptions(c *config.Config, keys *meshcore.ChannelKeys, log *slog.Logger) ingest.Options {
	o := ingest.DefaultOptions()
	o.Logger = log
	o.ChannelKeys = keys
	o.HashRegions = c.HashRegions
	o.ValidateSignatures = c.SignatureValidation()
	o.ObserverBlacklist = c.ObserverBlacklist
	o.ObserverIATAWhitelist = c.ObserverIATAWhitelist
	o.NodeBlacklist = c.NodeBlacklist
	o.HiddenNamePrefixes = c.HiddenNamePrefixes
	o.ForeignDrop = c.ForeignAdverts.Mode == "drop"
	if g := c.GeoFilter; g != nil {
		o.GeoFilter = &ingest.GeoFilter{Polygon: g.Polygon, BufferKm: g.BufferKm,
			LatMin: g.LatMin, LatMax: g.LatMax, LonMin: g.LonMin, LonMax: g.LonMax}
	}
	o.Sources = map[string]ingest.SourceFilter{}
	for _, s := range c.Sources() {
		o.Sources[s.Name] = ingest.SourceFilter{IATAFilter: s.IATAFilter, Region: s.Region}
	}
	o.QueueSize = c.IngestBufferSize
	o.BatchSize = c.Ingestor.BatchSize
	o.FlushInterval = time.Duration(c.Ingestor.FlushMs) * time.Millisecond
	o.SlowWriter = time.Duration(c.Ingestor.SlowWriterMs) * time.Millisecond
	r := c.Retention
	o.Retention = ingest.Retention{NodeDays: r.NodeDays, ObserverDays: r.ObserverDays, MetricsDays: r.MetricsDays,
		PacketDays: r.PacketDays, NeighborEdgeDays: c.NeighborEdgesMaxAgeDays, ClientRxDays: r.ClientRxDays}
	o.ClientRxCoverage = c.ClientRxCoverage.Enabled
	o.MetricsSampleInterval = time.Duration(c.Metrics.SampleIntervalSec) * time.Second
	o.IncrementalVacuumPages = c.DB.IncrementalVacuumPages
	o.PruneDir = sidechannel.PruneDir(c.DBPath)
	o.GeoFilterFile = sidechannel.GeoFilterPath(c.DBPath)
	return o
}

// mqttOptions maps the config's effective sources onto mqttsource.Options, feeding
// every message into the ingester (ack after commit).
func mqttOptions(c *config.Config, in *ingest.Ingester, log *slog.Logger) mqttsource.Options {
	o := mqttsource.DefaultOptions()
	o.Logger = log
	o.ManualAck = true
	o.Handler = func(m mqttsource.Message) { in.Submit(m.Source, m.Topic, m.Payload, m.At, m.Ack) }
	for _, s := range c.Sources() {
		so := mqttsource.DefaultSourceOptions(s.Name, s.Broker)
		so.Username, so.Password = s.Username, s.Password
		so.InsecureSkipVerify = !s.Verify()
		so.CAFile = s.CAFile
		so.Topics = s.Topics
		so.ClientID = s.ClientID
		if so.ClientID == "" {
			so.ClientID = c.Ingestor.ClientIDPrefix + "-" + s.Name
		}
		so.ConnectTimeout = time.Duration(s.ConnectTimeoutSec) * time.Second
		so.StallTimeout = time.Duration(s.StallTimeoutSec) * time.Second
		o.Sources = append(o.Sources, so)
	}
	return o
}
