package ingesthttp_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/ingesthttp"
	"github.com/corescope/corescope/internal/testutil"
)

// injectOpts are the ingester's options plus the endpoint's, as the ingestor wires them.
type injectOpts struct {
	ingest.Options
	InjectListen, InjectToken string
}

// injectFixture is an open ingester with its injection endpoint.
type injectFixture struct {
	*ingest.Ingester
	ep *ingesthttp.InjectEndpoint
}

func (f *injectFixture) InjectAddr() string { return f.ep.Addr() }

// openIngester opens an ingester over db (no retention or vacuum work) and starts its
// injection endpoint, as cmd/ingestor does.
func openIngester(t testing.TB, db *sql.DB, mod func(*injectOpts)) *injectFixture {
	t.Helper()
	o := injectOpts{Options: ingest.DefaultOptions()}
	o.Retention = ingest.Retention{}
	o.IncrementalVacuumPages = 0
	if mod != nil {
		mod(&o)
	}
	in := ingest.New(db, o.Options)
	if err := in.Open(context.Background()); err != nil {
		t.Fatalf("open ingester: %v", err)
	}
	ep, err := ingesthttp.StartInject(in, ingesthttp.InjectOptions{Listen: o.InjectListen, Token: o.InjectToken})
	if err != nil {
		in.Close(context.Background())
		t.Fatalf("start injection endpoint: %v", err)
	}
	return &injectFixture{Ingester: in, ep: ep}
}

// closeIngester stops the endpoint, then drains and closes the ingester.
func closeIngester(t testing.TB, f *injectFixture) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := f.ep.Close(ctx); err != nil {
		t.Errorf("close injection endpoint: %v", err)
	}
	if err := f.Close(ctx); err != nil {
		t.Fatalf("close ingester: %v", err)
	}
}

// fixtureVectors are the shared test vectors captured from the fixture database.
func fixtureVectors(t testing.TB) []testutil.Vector {
	var out []testutil.Vector
	for _, v := range testutil.LoadVectors(t) {
		if v.Source == "fixture" {
			out = append(out, v)
		}
	}
	return out
}

type advertVec struct{ raw, pubkey, name string }

// adverts returns a validly signed, located, named fixture advert (the second result
// mirrors internal/ingest's helper and is unused here).
func adverts(t *testing.T) (good, _ advertVec) {
	t.Helper()
	for _, v := range testutil.LoadVectors(t) {
		var rd struct {
			Payload struct {
				Type, PubKey, Name string
				Lat                *float64
				SignatureValid     *bool
			} `json:"payload"`
		}
		json.Unmarshal(v.ReferenceDecode, &rd)
		p := rd.Payload
		if p.Type == "ADVERT" && p.SignatureValid != nil && *p.SignatureValid && strings.Trim(p.PubKey, "0") != "" &&
			p.Lat != nil && *p.Lat != 0 && v.Source == "fixture" {
			return advertVec{v.RawHex, p.PubKey, p.Name}, advertVec{}
		}
	}
	t.Fatal("vectors lack a signed, located fixture advert")
	return
}

func countRows(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
