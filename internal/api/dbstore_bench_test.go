package api_test

import (
	"testing"

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
