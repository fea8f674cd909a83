package main

import (
	"errors"
	"strings"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
)

// Adapters from the API server to the alert manager's readers (mesh graph, node facts,
// observer rates); they use the server pointer the scope alerts wait for.

// mesh is alerts.Options.MeshGraph: the API server's resolved neighbour graph (the
// server pointer is the one the scope alerts wait for).
func (f *scopeFacts) mesh() (alerts.MeshGraph, error) {
	s := f.srv.Load()
	if s == nil {
		return alerts.MeshGraph{}, errors.New("api server not built yet")
	}
	g, err := s.MeshGraph()
	if err != nil {
		return alerts.MeshGraph{}, err
	}
	return toAlertMesh(g), nil
}

// toAlertMesh copies the API's graph into the alert manager's type.
func toAlertMesh(g api.MeshGraph) alerts.MeshGraph {
	out := alerts.MeshGraph{Edges: g.Edges, Nodes: make([]alerts.MeshNode, len(g.Nodes))}
	for i, n := range g.Nodes {
		out.Nodes[i] = alerts.MeshNode(n)
	}
	return out
}

// nodeFacts is alerts.Options.NodeFacts: every node's advertised identity.
func (f *scopeFacts) nodeFacts() ([]alerts.NodeFact, error) {
	s := f.srv.Load()
	if s == nil {
		return nil, errors.New("api server not built yet")
	}
	rows, err := s.NodeFacts()
	if err != nil {
		return nil, err
	}
	out := make([]alerts.NodeFact, len(rows))
	for i, r := range rows {
		out[i] = alerts.NodeFact(r)
	}
	return out, nil
}

// observerRates is alerts.Options.ObserverRates: hourly counts per observer, now and
// the same hour of past weeks.
func (f *scopeFacts) observerRates(now time.Time, weeks int) ([]alerts.ObserverRate, error) {
	s := f.srv.Load()
	if s == nil {
		return nil, errors.New("api server not built yet")
	}
	rows, err := s.ObserverRates(now, weeks)
	if err != nil {
		return nil, err
	}
	out := make([]alerts.ObserverRate, len(rows))
	for i, r := range rows {
		out[i] = alerts.ObserverRate(r)
	}
	return out, nil
}

// withoutBlacklisted drops the observers the API hides (observerBlacklist), as
// observersSeen does for observer_offline.
func withoutBlacklisted(rows []alerts.ObserverRate, blacklist []string) []alerts.ObserverRate {
	hidden := map[string]bool{}
	for _, id := range blacklist {
		hidden[strings.ToLower(strings.TrimSpace(id))] = true
	}
	out := rows[:0]
	for _, r := range rows {
		if !hidden[strings.ToLower(r.ID)] {
			out = append(out, r)
		}
	}
	return out
}

// statusSamples is alerts.Options.StatusSamples: observer status readings (battery,
// noise floor) since a time, without the observers the API hides.
func (f *scopeFacts) statusSamples(since time.Time, blacklist []string) ([]alerts.StatusSample, error) {
	s := f.srv.Load()
	if s == nil {
		return nil, errors.New("api server not built yet")
	}
	rows, err := s.StatusSamples(since)
	if err != nil {
		return nil, err
	}
	hidden := map[string]bool{}
	for _, id := range blacklist {
		hidden[strings.ToLower(strings.TrimSpace(id))] = true
	}
	out := make([]alerts.StatusSample, 0, len(rows))
	for _, r := range rows {
		if !hidden[strings.ToLower(r.ID)] {
			out = append(out, alerts.StatusSample(r))
		}
	}
	return out, nil
}
