package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// loadPackets returns raw hex packets from a vectors.json file and/or arguments.
func loadPackets(vectorsPath string, all bool, args []string) ([]string, error) {
	var out []string
	if vectorsPath != "" {
		b, err := os.ReadFile(vectorsPath)
		if err != nil {
			return nil, fmt.Errorf("read vectors: %w", err)
		}
		var vs []struct {
			Source string `json:"source"`
			RawHex string `json:"raw_hex"`
		}
		if err := json.Unmarshal(b, &vs); err != nil {
			return nil, fmt.Errorf("parse vectors: %w", err)
		}
		for _, v := range vs {
			if all || v.Source == "fixture" {
				out = append(out, v.RawHex)
			}
		}
	}
	for _, a := range args {
		a = strings.TrimSpace(a)
		if _, err := hex.DecodeString(a); err != nil {
			return nil, fmt.Errorf("argument %q is not hex: %w", a, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// observerIDs returns n stable 64-hex upper-case observer ids.
func observerIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		sum := sha256.Sum256(fmt.Appendf(nil, "corescope-publish-observer-%d", i))
		out[i] = strings.ToUpper(hex.EncodeToString(sum[:]))
	}
	return out
}
