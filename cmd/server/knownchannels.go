package main

import (
	"log/slog"
	"time"

	"github.com/corescope/corescope/internal/config"
	"github.com/corescope/corescope/internal/knownchannels"
)

// knownChannelsSource maps knownChannelsUrl / knownChannelsRefreshMs onto the catalogue behind
// /api/known-channels. A refresh period under a minute is raised to one (a public list changes
// slowly; the remote should not be polled hard).
func knownChannelsSource(cfg *config.Config, log *slog.Logger) *knownchannels.Source {
	refresh := max(time.Duration(cfg.KnownChannelsRefreshMs)*time.Millisecond, time.Minute)
	return knownchannels.New(knownchannels.Options{URL: cfg.KnownChannelsURL, Refresh: refresh,
		Logger: log.With("component", "known-channels")})
}
