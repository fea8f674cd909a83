package ingest_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/meshcore"
	"github.com/corescope/corescope/internal/testutil"
)

// observerKeys are three 64-hex observer ids (upper-case, as observers publish them).
var observerKeys = []string{
	strings.Repeat("A1", 32), strings.Repeat("B2", 32), strings.Repeat("C3", 32),
}

func countRows(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// vectorKeys builds channel keys for every hashtag channel the reference decodes name.
func vectorKeys(t testing.TB, vs []testutil.Vector) *meshcore.ChannelKeys {
	t.Helper()
	seen := map[string]bool{}
	var tags []string
	for _, v := range vs {
		var rd struct {
			Payload struct {
				Channel string `json:"channel"`
			} `json:"payload"`
		}
		json.Unmarshal(v.ReferenceDecode, &rd)
		if c := rd.Payload.Channel; strings.HasPrefix(c, "#") && !seen[c] {
			seen[c] = true
			tags = append(tags, c)
		}
	}
	k, err := meshcore.NewChannelKeys(nil, tags)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func fixtureVectors(t testing.TB) []testutil.Vector {
	var out []testutil.Vector
	for _, v := range testutil.LoadVectors(t) {
		if v.Source == "fixture" {
			out = append(out, v)
		}
	}
	return out
}

func decodable(v testutil.Vector) bool {
	var rd map[string]json.RawMessage
	json.Unmarshal(v.ReferenceDecode, &rd)
	_, bad := rd["error"]
	return !bad
}

func packetJSON(raw string, i int) []byte {
	return fmt.Appendf(nil, `{"raw":%q,"SNR":"%d.5 dB","rssi":-%d,"score":1,"direction":"rx","origin":"Obs %d","timestamp":"2026-01-01T00:00:00Z"}`, raw, i%10, 80+i%20, i)
}

func openIngester(t testing.TB, db *sql.DB, mod func(*ingest.Options)) *ingest.Ingester {
	t.Helper()
	o := ingest.DefaultOptions()
	o.Retention = ingest.Retention{}
	o.IncrementalVacuumPages = 0
	if mod != nil {
		mod(&o)
	}
	in := ingest.New(db, o)
	if err := in.Open(context.Background()); err != nil {
		t.Fatalf("open ingester: %v", err)
	}
	return in
}

func closeIngester(t testing.TB, in *ingest.Ingester) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := in.Close(ctx); err != nil {
		t.Fatalf("close ingester: %v", err)
	}
}
