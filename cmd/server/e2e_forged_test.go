package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/schema"
)

// forgedAdvertRefused posts, through the real server and ingestor, a stored advert whose
// last byte (in its signed app data) was changed: the answer is 400 invalid signature, the
// node keeps its name and the ingestor records the drop (issue #16 item 5).
func forgedAdvertRefused(t *testing.T, s *stack) {
	db, err := sql.Open("sqlite", schema.ReaderDSN(s.dbPath))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var raw, pk, name string
	if err := db.QueryRow(`SELECT t.raw_hex, n.public_key, n.name FROM transmissions t JOIN nodes n ON n.public_key = t.from_pubkey
		WHERE t.payload_type = 4 AND n.name <> '' ORDER BY t.id LIMIT 1`).Scan(&raw, &pk, &name); err != nil {
		t.Fatalf("fixture advert: %v", err)
	}
	last := "58" // 'X'
	if strings.EqualFold(raw[len(raw)-2:], last) {
		last = "59"
	}
	forged := strings.ToUpper(raw[:len(raw)-2] + last)
	req, _ := http.NewRequest(http.MethodPost, s.base+"/api/packets", strings.NewReader(fmt.Sprintf(`{"hex":%q}`, forged)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-API-Key", e2eKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct {
		Error string `json:"error"`
	}
	json.NewDecoder(resp.Body).Decode(&e)
	if resp.StatusCode != http.StatusBadRequest || e.Error != "invalid signature" {
		t.Errorf("forged advert: got %d %q, want 400 \"invalid signature\"", resp.StatusCode, e.Error)
	}
	var got string
	if err := db.QueryRow(`SELECT name FROM nodes WHERE public_key = ?`, pk).Scan(&got); err != nil || got != name {
		t.Errorf("node name after forged advert: %q (%v), want %q", got, err, name)
	}
	var drops int
	db.QueryRow(`SELECT COUNT(*) FROM dropped_packets WHERE reason = 'invalid signature' AND raw_hex = ?`, forged).Scan(&drops)
	if drops != 1 {
		t.Errorf("dropped_packets rows for the forged advert: got %d, want 1", drops)
	}
}
