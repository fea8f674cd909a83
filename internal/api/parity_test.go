package api

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/analytics"
	"github.com/corescope/corescope/internal/schema"
)

// Parity tests (issue #17 item 4, parity.md §2–§3): each checks one figure of the API
// over the real fixture (times shifted to now) against SQL on the same file or a
// hand-checked figure from parity.md, never against the code under test.

// fixtureSQL opens the fixture copy at path read-only for the tests' own queries.
func fixtureSQL(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", schema.ReaderDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInts(t *testing.T, db *sql.DB, q string, args ...any) []int64 {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestParity_ObserverRecentPackets: recentPackets are the observer's newest 20
// observations by timestamp (ties: higher id first), as SQL orders them.
func TestParity_ObserverRecentPackets(t *testing.T) {
	f := newShiftedFixture(t)
	db := fixtureSQL(t, f.dbPath)
	var id string
	if err := db.QueryRow(`SELECT ob.id FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		GROUP BY ob.id ORDER BY count(*) DESC, ob.id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	want := queryInts(t, db, `SELECT o.id FROM observations o JOIN observers ob ON ob.rowid = o.observer_idx
		WHERE ob.id = ? ORDER BY o.timestamp DESC, o.id DESC LIMIT 20`, id)
	var a struct {
		RecentPackets []struct {
			ID int64 `json:"id"`
		} `json:"recentPackets"`
	}
	f.getJSON(t, "/api/observers/"+id+"/analytics", &a)
	var got []int64
	for _, p := range a.RecentPackets {
		got = append(got, p.ID)
	}
	if len(want) != 20 || !slices.Equal(got, want) {
		t.Fatalf("recentPackets %v, SQL newest 20 %v", got, want)
	}
}

// distanceNode is a node's position and role, read by SQL.
type distanceNode struct {
	lat, lon float64
	role     string
}

func haversine(a, b distanceNode) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dp, dl := (b.lat-a.lat)*rad, (b.lon-a.lon)*rad
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(a.lat*rad)*math.Cos(b.lat*rad)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// TestParity_Distance: hops over 300 km are dropped and an advert's originator starts its
// chain. The expected figures are computed here from SQL (nodes with GPS, each
// transmission's first observation's resolved_path, adverts' from_pubkey); the longest
// hop is parity.md's hand-checked 289.48 km.
func TestParity_Distance(t *testing.T) {
	f := newShiftedFixture(t)
	db := fixtureSQL(t, f.dbPath)
	nodes := map[string]distanceNode{}
	rows, err := db.Query(`SELECT lower(public_key), lat, lon, coalesce(role, '') FROM nodes
		WHERE lat IS NOT NULL AND lon IS NOT NULL AND (lat != 0 OR lon != 0)`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pk string
		var n distanceNode
		if err := rows.Scan(&pk, &n.lat, &n.lon, &n.role); err != nil {
			t.Fatal(err)
		}
		nodes[pk] = n
	}
	rows.Close()
	rows, err = db.Query(`SELECT t.payload_type, coalesce(t.from_pubkey, ''), coalesce(o.resolved_path, '[]')
		FROM transmissions t JOIN observations o ON o.id = (SELECT min(id) FROM observations WHERE transmission_id = t.id)`)
	if err != nil {
		t.Fatal(err)
	}
	var sum, maxKm float64
	hops, companion := 0, 0
	for rows.Next() {
		var pt int
		var from, rp string
		if err := rows.Scan(&pt, &from, &rp); err != nil {
			t.Fatal(err)
		}
		var chain []*string
		json.Unmarshal([]byte(rp), &chain)
		if pt == 4 && from != "" {
			chain = append([]*string{&from}, chain...)
		}
		for k := 1; k < len(chain); k++ {
			if chain[k-1] == nil || chain[k] == nil {
				continue
			}
			a, okA := nodes[strings.ToLower(*chain[k-1])]
			b, okB := nodes[strings.ToLower(*chain[k])]
			if !okA || !okB || strings.EqualFold(*chain[k-1], *chain[k]) {
				continue
			}
			d := math.Round(haversine(a, b)*100) / 100
			if d > 300 {
				continue
			}
			hops++
			sum += d
			maxKm = max(maxKm, d)
			if isRepeaterRole(a.role) != isRepeaterRole(b.role) {
				companion++
			}
		}
	}
	rows.Close()
	var d struct {
		Summary struct {
			TotalHops int     `json:"totalHops"`
			AvgDist   float64 `json:"avgDist"`
			MaxDist   float64 `json:"maxDist"`
		} `json:"summary"`
		CatStats map[string]struct {
			Count int `json:"count"`
		} `json:"catStats"`
	}
	f.getJSON(t, "/api/analytics/distance", &d)
	wantAvg := math.Round(sum/float64(hops)*100) / 100
	if d.Summary.TotalHops != hops || d.Summary.AvgDist != wantAvg || d.Summary.MaxDist != maxKm || maxKm != 289.48 {
		t.Fatalf("summary %+v; SQL: %d hops, avg %.2f, max %.2f (parity.md: max 289.48)", d.Summary, hops, wantAvg, maxKm)
	}
	if companion == 0 || d.CatStats["C↔R"].Count != companion {
		t.Fatalf("C↔R segments %d, SQL %d (adverts start at their originator)", d.CatStats["C↔R"].Count, companion)
	}
}

func isRepeaterRole(r string) bool { r = strings.ToLower(r); return r == "repeater" || r == "room" }

// TestParity_Topology: hop statistics over observations with at least one hop (parity.md:
// avg 7.353, median 7), uniqueNodes the node count (200), 15 topPairs in a stable order,
// hopsVsSnr without buckets lacking SNR.
func TestParity_Topology(t *testing.T) {
	f := newShiftedFixture(t)
	db := fixtureSQL(t, f.dbPath)
	var avg float64
	if err := db.QueryRow(`SELECT avg(json_array_length(path_json)) FROM observations WHERE json_array_length(path_json) > 0`).Scan(&avg); err != nil {
		t.Fatal(err)
	}
	nodes := dbCount(t, f.dbPath, "SELECT count(*) FROM nodes")
	snrBuckets := queryInts(t, db, `SELECT json_array_length(coalesce(path_json, '[]')) n FROM observations
		GROUP BY n HAVING count(snr) > 0 ORDER BY n`)
	var topo struct {
		AvgHops     float64             `json:"avgHops"`
		MedianHops  float64             `json:"medianHops"`
		MaxHops     int                 `json:"maxHops"`
		UniqueNodes int                 `json:"uniqueNodes"`
		TopPairs    []analytics.HopPair `json:"topPairs"`
		HopsVsSNR   []struct {
			Hops   int64    `json:"hops"`
			AvgSNR *float64 `json:"avgSnr"`
		} `json:"hopsVsSnr"`
	}
	f.getJSON(t, "/api/analytics/topology", &topo)
	if math.Abs(topo.AvgHops-avg) > 0.005 || math.Abs(avg-7.353) > 0.0005 || topo.MedianHops != 7 {
		t.Fatalf("avgHops %.3f median %.1f; SQL avg over relayed observations %.3f, parity.md median 7", topo.AvgHops, topo.MedianHops, avg)
	}
	if topo.UniqueNodes != nodes || nodes != 200 {
		t.Fatalf("uniqueNodes %d, nodes %d", topo.UniqueNodes, nodes)
	}
	if len(topo.TopPairs) != 15 {
		t.Fatalf("%d topPairs, want 15", len(topo.TopPairs))
	}
	for i := 1; i < len(topo.TopPairs); i++ {
		a, b := topo.TopPairs[i-1], topo.TopPairs[i]
		if a.Count < b.Count || a.Count == b.Count && a.HopA+"\x00"+a.HopB >= b.HopA+"\x00"+b.HopB {
			t.Fatalf("topPairs out of order at %d: %+v then %+v", i, a, b)
		}
	}
	var got []int64
	for _, b := range topo.HopsVsSNR {
		if b.AvgSNR == nil {
			t.Fatalf("hopsVsSnr bucket %d without SNR", b.Hops)
		}
		got = append(got, b.Hops)
	}
	if !slices.Equal(got, snrBuckets) {
		t.Fatalf("hopsVsSnr buckets %v, SQL buckets with SNR %v", got, snrBuckets)
	}
}

// TestParity_ScopeStats: every non-transport packet counts as unscoped (parity.md: 499
// per 24 h), and a window without transport packets has "timeSeries":[].
func TestParity_ScopeStats(t *testing.T) {
	f := newShiftedFixture(t)
	since := time.Now().UTC().Add(-24 * time.Hour).Format(time.RFC3339)
	want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE first_seen >= '"+since+"' AND (route_type NOT IN (0, 3) OR scope_name IS NULL)")
	transport := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions WHERE route_type IN (0, 3)")
	code, _, b := f.do(t, http.MethodGet, "/api/scope-stats?window=24h", "", nil)
	var s struct {
		Summary struct {
			Unscoped       int `json:"unscoped"`
			TransportTotal int `json:"transportTotal"`
		} `json:"summary"`
		TimeSeries json.RawMessage `json:"timeSeries"`
	}
	if code != http.StatusOK || json.Unmarshal(b, &s) != nil {
		t.Fatalf("status %d: %s", code, b)
	}
	if s.Summary.Unscoped != want || want != 499 || s.Summary.TransportTotal != transport {
		t.Fatalf("unscoped %d transport %d; SQL %d (parity.md 499), transport %d", s.Summary.Unscoped, s.Summary.TransportTotal, want, transport)
	}
	if transport == 0 && string(s.TimeSeries) != "[]" {
		t.Fatalf("timeSeries %s, want [] (no transport packets)", s.TimeSeries)
	}
}

// TestParity_ChannelAnalytics: undecryptable traffic grouped by channel-hash byte as
// ch<decimal>, folded into the decrypted channel with the same byte; msgLengths the
// UTF-8 bytes of "sender: text" (decoded text holds both); the top 15 senders. All
// expected values come from SQL over decoded_json.
func TestParity_ChannelAnalytics(t *testing.T) {
	f := newShiftedFixture(t)
	db := fixtureSQL(t, f.dbPath)
	want := map[string]int{}
	byByte := map[int64]string{}
	rows, err := db.Query(`SELECT channel_hash, json_extract(decoded_json, '$.channelHash'), count(*) FROM transmissions
		WHERE payload_type = 5 AND channel_hash NOT LIKE 'enc\_%' ESCAPE '\' GROUP BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var hb, n int64
		if err := rows.Scan(&name, &hb, &n); err != nil {
			t.Fatal(err)
		}
		if strings.EqualFold(name, "public") {
			name = "Public"
		}
		want[name] += int(n)
		byByte[hb] = name
	}
	rows.Close()
	rows, err = db.Query(`SELECT json_extract(decoded_json, '$.channelHash'), count(*) FROM transmissions
		WHERE payload_type = 5 AND channel_hash LIKE 'enc\_%' ESCAPE '\' GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var hb, n int64
		if err := rows.Scan(&hb, &n); err != nil {
			t.Fatal(err)
		}
		name, ok := byByte[hb]
		if !ok {
			name = "ch" + strconv.FormatInt(hb, 10)
		}
		want[name] += int(n)
	}
	rows.Close()
	lengths := queryInts(t, db, `SELECT length(CAST(json_extract(decoded_json, '$.text') AS BLOB)) FROM transmissions
		WHERE payload_type = 5 AND channel_hash NOT LIKE 'enc\_%' ESCAPE '\' ORDER BY 1`)
	var senders []SenderCountRow
	srows, err := db.Query(`SELECT json_extract(decoded_json, '$.sender') s, count(*) c FROM transmissions
		WHERE payload_type = 5 AND channel_hash NOT LIKE 'enc\_%' ESCAPE '\' AND coalesce(s, '') != ''
		GROUP BY s ORDER BY c DESC, s LIMIT 15`)
	if err != nil {
		t.Fatal(err)
	}
	for srows.Next() {
		var r SenderCountRow
		if err := srows.Scan(&r.Name, &r.Count); err != nil {
			t.Fatal(err)
		}
		senders = append(senders, r)
	}
	srows.Close()
	var a struct {
		Channels []struct {
			Name     string `json:"name"`
			Messages int    `json:"messages"`
		} `json:"channels"`
		MsgLengths []int64          `json:"msgLengths"`
		TopSenders []SenderCountRow `json:"topSenders"`
	}
	f.getJSON(t, "/api/analytics/channels", &a)
	got := map[string]int{}
	for _, c := range a.Channels {
		got[c.Name] = c.Messages
	}
	if len(got) != len(want) || len(want) != 19 {
		t.Fatalf("channels %v, SQL %v", got, want)
	}
	for name, n := range want {
		if got[name] != n {
			t.Fatalf("channel %s: %d messages, SQL %d (all: %v)", name, got[name], n, got)
		}
	}
	sort.Slice(a.MsgLengths, func(i, j int) bool { return a.MsgLengths[i] < a.MsgLengths[j] })
	if !slices.Equal(a.MsgLengths, lengths) {
		t.Fatalf("msgLengths %v, SQL byte lengths %v", a.MsgLengths, lengths)
	}
	if len(senders) != 15 || !slices.Equal(a.TopSenders, senders) {
		t.Fatalf("topSenders %v, SQL %v", a.TopSenders, senders)
	}
}

// SenderCountRow is one topSenders row.
type SenderCountRow struct {
	Count int    `json:"count"`
	Name  string `json:"name"`
}

// TestParity_RelayAirtimeShare: every transmission counts, those without relays too
// (parity.md: total 499, CONTROL row present); row counts per type as SQL counts them.
func TestParity_RelayAirtimeShare(t *testing.T) {
	f := newShiftedFixture(t)
	db := fixtureSQL(t, f.dbPath)
	want := map[int64]int64{}
	rows, err := db.Query(`SELECT payload_type, count(*) FROM transmissions GROUP BY payload_type`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var pt, n int64
		if err := rows.Scan(&pt, &n); err != nil {
			t.Fatal(err)
		}
		want[pt] = n
	}
	rows.Close()
	var a struct {
		Rows []struct {
			PayloadType string `json:"payload_type"`
			Type        int64  `json:"type"`
			Count       int64  `json:"count"`
		} `json:"rows"`
		TotalCount int64 `json:"total_count"`
	}
	f.getJSON(t, "/api/analytics/relay-airtime-share", &a)
	got := map[int64]int64{}
	control := false
	for _, r := range a.Rows {
		got[r.Type] = r.Count
		control = control || r.PayloadType == "CONTROL"
	}
	if a.TotalCount != 499 || !control || len(got) != len(want) {
		t.Fatalf("total %d, rows %v; want 499 with a CONTROL row, SQL %v", a.TotalCount, got, want)
	}
	for pt, n := range want {
		if got[pt] != n {
			t.Fatalf("type %d: %d, SQL %d", pt, got[pt], n)
		}
	}
}

// TestParity_NodeAnalytics: longestSilenceMs is the longest gap between the node's
// active hours (not from the window start), from SQL over the node's transmissions
// (sent or relayed); the clockSkew key is present.
func TestParity_NodeAnalytics(t *testing.T) {
	f := newShiftedFixture(t)
	db := fixtureSQL(t, f.dbPath)
	const pk = "1000009e310d729534b70faa33a1abe5cd5e45d594f72f786febccbb770b7e74"
	hours := queryInts(t, db, `SELECT DISTINCT unixepoch(t.first_seen) / 3600 * 3600 h FROM transmissions t
		WHERE lower(t.from_pubkey) = ?1 OR EXISTS (SELECT 1 FROM observations o, json_each(o.resolved_path) j
			WHERE o.transmission_id = t.id AND lower(j.value) = ?1) ORDER BY h`, pk)
	var want int64
	for i := 1; i < len(hours); i++ {
		want = max(want, (hours[i]-hours[i-1])*1000)
	}
	code, _, b := f.do(t, http.MethodGet, "/api/nodes/"+pk+"/analytics", "", nil)
	var a struct {
		ComputedStats struct {
			LongestSilenceMs int64 `json:"longestSilenceMs"`
		} `json:"computedStats"`
	}
	var keys map[string]json.RawMessage
	if code != http.StatusOK || json.Unmarshal(b, &a) != nil || json.Unmarshal(b, &keys) != nil {
		t.Fatalf("status %d: %.300s", code, b)
	}
	if len(hours) < 2 || a.ComputedStats.LongestSilenceMs != want {
		t.Fatalf("longestSilenceMs %d, SQL gap between active hours %d (%d hours)", a.ComputedStats.LongestSilenceMs, want, len(hours))
	}
	if _, ok := keys["clockSkew"]; !ok {
		t.Fatal("no clockSkew block")
	}
}

// TestParity_NodeAnalyticsFollowsStore: a transmission committed after a first answer
// shows in the next one (no answer older than the store).
func TestParity_NodeAnalyticsFollowsStore(t *testing.T) {
	f := newShiftedFixture(t)
	const pk = "1000009e310d729534b70faa33a1abe5cd5e45d594f72f786febccbb770b7e74"
	total := func() int {
		var a struct {
			ComputedStats struct {
				TotalPackets int `json:"totalPackets"`
			} `json:"computedStats"`
		}
		f.getJSON(t, "/api/nodes/"+pk+"/analytics", &a)
		return a.ComputedStats.TotalPackets
	}
	before := total()
	w, err := schema.Open(context.Background(), f.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	now := time.Now().UTC()
	if _, err := w.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, decoded_json, from_pubkey)
		VALUES ('1100', 'fa11000000000001', ?, 1, 4, '{}', ?)`, now.Format(time.RFC3339), pk); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Exec(`INSERT INTO observations (transmission_id, observer_idx, path_json, timestamp)
		VALUES ((SELECT id FROM transmissions WHERE hash = 'fa11000000000001'), (SELECT min(rowid) FROM observers), '[]', ?)`, now.Unix()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for total() != before+1 {
		if time.Now().After(deadline) {
			t.Fatalf("totalPackets still %d after a committed transmission (was %d)", total(), before)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestParity_ChannelMessageTimestamp: a message's timestamp is its latest observation
// time printed as SQL prints it (whole seconds, "…Z"), not first_seen.
func TestParity_ChannelMessageTimestamp(t *testing.T) {
	f := newShiftedFixture(t)
	db := fixtureSQL(t, f.dbPath)
	want := map[string]string{}
	rows, err := db.Query(`SELECT t.hash, strftime('%Y-%m-%dT%H:%M:%SZ', max(o.timestamp), 'unixepoch') FROM transmissions t
		JOIN observations o ON o.transmission_id = t.id WHERE t.channel_hash = '#wardriving' GROUP BY t.id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var h, ts string
		if err := rows.Scan(&h, &ts); err != nil {
			t.Fatal(err)
		}
		want[h] = ts
	}
	rows.Close()
	differs := dbCount(t, f.dbPath, `SELECT count(*) FROM transmissions t WHERE t.channel_hash = '#wardriving'
		AND t.first_seen != (SELECT strftime('%Y-%m-%dT%H:%M:%SZ', max(timestamp), 'unixepoch') FROM observations WHERE transmission_id = t.id)`)
	var m struct {
		Messages []struct {
			PacketHash string `json:"packetHash"`
			Timestamp  string `json:"timestamp"`
		} `json:"messages"`
	}
	f.getJSON(t, "/api/channels/"+url.PathEscape("#wardriving")+"/messages?limit=500", &m)
	if len(m.Messages) != len(want) || differs == 0 {
		t.Fatalf("%d messages, SQL %d (%d with first_seen after the last observation)", len(m.Messages), len(want), differs)
	}
	for _, msg := range m.Messages {
		if msg.Timestamp != want[msg.PacketHash] {
			t.Fatalf("%s: timestamp %s, SQL latest observation %s", msg.PacketHash, msg.Timestamp, want[msg.PacketHash])
		}
	}
}

// TestParity_ObservationTimestampFormat: observation times print whole seconds as "…Z",
// as SQL's strftime prints them.
func TestParity_ObservationTimestampFormat(t *testing.T) {
	f := newShiftedFixture(t)
	db := fixtureSQL(t, f.dbPath)
	var hash, want string
	if err := db.QueryRow(`SELECT t.hash, strftime('%Y-%m-%dT%H:%M:%SZ', o.timestamp, 'unixepoch') FROM observations o
		JOIN transmissions t ON t.id = o.transmission_id ORDER BY o.timestamp DESC, o.id DESC LIMIT 1`).Scan(&hash, &want); err != nil {
		t.Fatal(err)
	}
	var d struct {
		Observations []struct {
			Timestamp string `json:"timestamp"`
		} `json:"observations"`
	}
	f.getJSON(t, "/api/packets/"+hash, &d)
	if len(d.Observations) == 0 || d.Observations[0].Timestamp != want {
		t.Fatalf("observations %+v, SQL %s", d.Observations, want)
	}
}

// TestParity_RFPacketSizeBins: 25 packet-size bins covering every transmission.
func TestParity_RFPacketSizeBins(t *testing.T) {
	f := newShiftedFixture(t)
	var rf struct {
		PacketSizes struct {
			Bins []struct {
				Count int `json:"count"`
			} `json:"bins"`
		} `json:"packetSizes"`
	}
	f.getJSON(t, "/api/analytics/rf", &rf)
	n := 0
	for _, b := range rf.PacketSizes.Bins {
		n += b.Count
	}
	if want := dbCount(t, f.dbPath, "SELECT count(*) FROM transmissions"); len(rf.PacketSizes.Bins) != 25 || n != want {
		t.Fatalf("%d bins holding %d, want 25 holding %d", len(rf.PacketSizes.Bins), n, want)
	}
}

// TestParity_IATACoords: the eleven regions parity.md lists, at their airports
// (hand-checked coordinates, within 0.05°).
func TestParity_IATACoords(t *testing.T) {
	f := newFixture(t)
	want := map[string][2]float64{
		"APC": {38.21, -122.28}, "BNA": {36.12, -86.68}, "CLT": {35.21, -80.94}, "EUG": {44.12, -123.21},
		"MCO": {28.43, -81.31}, "MFR": {42.37, -122.87}, "RDD": {40.51, -122.29}, "RDU": {35.88, -78.79},
		"SOF": {42.70, 23.41}, "YEG": {53.31, -113.58}, "YOW": {45.32, -75.67},
	}
	var c struct {
		Coords map[string]LatLon `json:"coords"`
	}
	f.getJSON(t, "/api/iata-coords", &c)
	for code, ll := range want {
		got, ok := c.Coords[code]
		if !ok || math.Abs(got.Lat-ll[0]) > 0.05 || math.Abs(got.Lon-ll[1]) > 0.05 {
			t.Errorf("%s: %+v (present %v), want ≈ %v", code, got, ok, ll)
		}
	}
}

// TestParity_RelayCountsWithoutAdverts: relay_count_24h counts the non-ADVERT
// transmissions carrying the node as a hop (parity.md §2: 157 on the busiest node, SQL
// the same); adverts it relayed are not counted.
func TestParity_RelayCountsWithoutAdverts(t *testing.T) {
	f := newShiftedFixture(t)
	const pk = "1000009e310d729534b70faa33a1abe5cd5e45d594f72f786febccbb770b7e74"
	want := dbCount(t, f.dbPath, `SELECT count(DISTINCT t.id) FROM observations o JOIN transmissions t ON t.id = o.transmission_id,
		json_each(o.resolved_path) j WHERE lower(j.value) = '`+pk+`' AND t.payload_type != 4 AND o.timestamp >= unixepoch('now', '-1 day')`)
	var d struct {
		Node struct {
			RelayCount24h *int `json:"relay_count_24h"`
		} `json:"node"`
	}
	f.getJSON(t, "/api/nodes/"+pk, &d)
	if d.Node.RelayCount24h == nil || *d.Node.RelayCount24h != want || want != 157 {
		t.Fatalf("relay_count_24h %v, SQL %d (parity.md 157)", d.Node.RelayCount24h, want)
	}
	var spec map[string]any
	f.getJSON(t, "/api/spec", &spec)
	if b, _ := json.Marshal(spec); !strings.Contains(string(b), "non-ADVERT transmissions") {
		t.Fatal("the OpenAPI document does not define relay counts")
	}
}
