package ingest_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/ingest"
	"github.com/corescope/corescope/internal/testutil"
)

type advertVec struct {
	raw, pubkey, name string
	lat               *float64
}

// adverts returns a validly signed fixture advert with a location and a decoder-test
// advert whose signature does not verify.
func adverts(t *testing.T) (good, badSig advertVec) {
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
		if p.Type != "ADVERT" || p.SignatureValid == nil || p.PubKey == "" || strings.Trim(p.PubKey, "0") == "" {
			continue
		}
		av := advertVec{v.RawHex, p.PubKey, p.Name, p.Lat}
		if *p.SignatureValid && p.Lat != nil && *p.Lat != 0 && good.raw == "" && v.Source == "fixture" {
			good = av
		}
		if !*p.SignatureValid && badSig.raw == "" && p.Name != "" {
			badSig = av
		}
	}
	if good.raw == "" || badSig.raw == "" {
		t.Fatal("vectors lack the adverts this test needs")
	}
	return good, badSig
}

func runOne(t *testing.T, mod func(*ingest.Options), topic, raw string) (*ingest.Ingester, func(string, ...any) int) {
	t.Helper()
	db, _ := testutil.OpenTestDB(t)
	in := openIngester(t, db, mod)
	in.Submit("local", topic, packetJSON(raw, 1), time.Now(), nil)
	closeIngester(t, in)
	return in, func(q string, args ...any) int { return countRows(t, db, q, args...) }
}

func TestIngester_Filters(t *testing.T) {
	good, bad := adverts(t)
	obs := observerKeys[0]
	topic := "meshcore/SFO/" + obs + "/packets"
	lat0, lat1 := 0.5, 1.0

	t.Run("invalid signature goes to dropped_packets", func(t *testing.T) {
		in, n := runOne(t, nil, topic, bad.raw)
		if n(`SELECT COUNT(*) FROM dropped_packets WHERE reason = 'invalid signature' AND node_pubkey = ?`, bad.pubkey) != 1 ||
			n(`SELECT COUNT(*) FROM nodes`) != 0 || n(`SELECT COUNT(*) FROM transmissions`) != 0 {
			t.Error("bad-signature advert changed nodes or transmissions, or no dropped row")
		}
		if in.Stats(time.Now()).SigDrops != 1 {
			t.Error("sig_drops not counted")
		}
	})
	t.Run("signature check off stores the node", func(t *testing.T) {
		_, n := runOne(t, func(o *ingest.Options) { o.ValidateSignatures = false }, topic, bad.raw)
		if n(`SELECT COUNT(*) FROM nodes WHERE public_key = ?`, bad.pubkey) != 1 {
			t.Error("node not stored")
		}
	})
	t.Run("valid advert upserts node", func(t *testing.T) {
		_, n := runOne(t, nil, topic, good.raw)
		if n(`SELECT COUNT(*) FROM nodes WHERE public_key = ? AND name = ? AND advert_count = 1 AND foreign_advert = 0`, good.pubkey, good.name) != 1 {
			t.Error("node row missing or wrong")
		}
	})
	t.Run("geo filter flag", func(t *testing.T) {
		_, n := runOne(t, func(o *ingest.Options) { o.GeoFilter = &ingest.GeoFilter{LatMin: &lat0, LatMax: &lat1} }, topic, good.raw)
		if n(`SELECT COUNT(*) FROM nodes WHERE foreign_advert = 1`) != 1 {
			t.Error("foreign advert not flagged")
		}
	})
	t.Run("geo filter drop", func(t *testing.T) {
		_, n := runOne(t, func(o *ingest.Options) {
			o.GeoFilter = &ingest.GeoFilter{Polygon: [][2]float64{{0, 0}, {0, 1}, {1, 1}}}
			o.ForeignDrop = true
		}, topic, good.raw)
		if n(`SELECT COUNT(*) FROM nodes`)+n(`SELECT COUNT(*) FROM transmissions`) != 0 {
			t.Error("foreign advert stored in drop mode")
		}
	})
	t.Run("node blacklist keeps packet, skips node", func(t *testing.T) {
		_, n := runOne(t, func(o *ingest.Options) { o.NodeBlacklist = []string{strings.ToUpper(good.pubkey)} }, topic, good.raw)
		if n(`SELECT COUNT(*) FROM nodes`) != 0 || n(`SELECT COUNT(*) FROM transmissions`) != 1 {
			t.Error("blacklisted node stored or packet lost")
		}
	})
	t.Run("hidden name prefix skips node", func(t *testing.T) {
		_, n := runOne(t, func(o *ingest.Options) { o.HiddenNamePrefixes = []string{good.name[:2]} }, topic, good.raw)
		if n(`SELECT COUNT(*) FROM nodes`) != 0 {
			t.Error("hidden node stored")
		}
	})
	t.Run("observer blacklist", func(t *testing.T) {
		_, n := runOne(t, func(o *ingest.Options) { o.ObserverBlacklist = []string{" " + strings.ToLower(obs)} }, topic, good.raw)
		if n(`SELECT COUNT(*) FROM observers`)+n(`SELECT COUNT(*) FROM transmissions`) != 0 {
			t.Error("blacklisted observer stored")
		}
	})
	t.Run("IATA whitelist", func(t *testing.T) {
		_, n := runOne(t, func(o *ingest.Options) { o.ObserverIATAWhitelist = []string{"oak"} }, topic, good.raw)
		if n(`SELECT COUNT(*) FROM transmissions`) != 0 {
			t.Error("non-whitelisted IATA stored")
		}
		_, n = runOne(t, func(o *ingest.Options) { o.ObserverIATAWhitelist = []string{"sfo"} }, topic, good.raw)
		if n(`SELECT COUNT(*) FROM transmissions`) != 1 {
			t.Error("whitelisted IATA dropped")
		}
	})
	t.Run("per-source iataFilter is exact", func(t *testing.T) {
		_, n := runOne(t, func(o *ingest.Options) {
			o.Sources = map[string]ingest.SourceFilter{"local": {IATAFilter: []string{"sfo"}}}
		}, topic, good.raw)
		if n(`SELECT COUNT(*) FROM transmissions`) != 0 {
			t.Error("iataFilter matched case-insensitively")
		}
	})
}
