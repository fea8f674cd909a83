package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/api"
)

func BenchmarkDBStore_TransmissionsPage(b *testing.B) {
	s, _ := fixtureStoreB(b)
	for b.Loop() {
		if _, _, err := s.Transmissions(api.TxFilter{}, 0, 50); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDBStore_TransmissionsByNode(b *testing.B) {
	s, _ := fixtureStoreB(b)
	nodes, err := s.Nodes()
	if err != nil || len(nodes) == 0 {
		b.Fatal(err)
	}
	f := api.TxFilter{Nodes: []string{nodes[0].PublicKey}}
	for b.Loop() {
		if _, _, err := s.Transmissions(f, 0, 50); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDBStore_Nodes(b *testing.B) {
	s, _ := fixtureStoreB(b)
	for b.Loop() {
		if _, err := s.Nodes(); err != nil {
			b.Fatal(err)
		}
	}
}

func benchMemStore(b *testing.B) *api.MemStore {
	b.Helper()
	d, _ := fixtureStoreB(b)
	m := api.NewMemStore(d, api.MemOptions{})
	if err := m.Open(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(m.Close)
	for _, _, done := m.LoadProgress(); !done; _, _, done = m.LoadProgress() {
		time.Sleep(time.Millisecond)
	}
	return m
}

func BenchmarkMemStore_TransmissionsPage(b *testing.B) {
	m := benchMemStore(b)
	for b.Loop() {
		if _, _, err := m.Transmissions(api.TxFilter{}, 0, 50); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMemStore_TransmissionsAll(b *testing.B) {
	m := benchMemStore(b)
	for b.Loop() {
		if _, _, err := m.Transmissions(api.TxFilter{}, 0, -1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMemStore_TransmissionsByNode(b *testing.B) {
	m := benchMemStore(b)
	nodes, err := m.Nodes()
	if err != nil || len(nodes) == 0 {
		b.Fatal(err)
	}
	f := api.TxFilter{Nodes: []string{nodes[0].PublicKey}}
	for b.Loop() {
		if _, _, err := m.Transmissions(f, 0, 50); err != nil {
			b.Fatal(err)
		}
	}
}
