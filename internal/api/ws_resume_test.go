package api_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/live"
	"github.com/corescope/corescope/internal/testutil"
)

// resumeFrame is the envelope of every frame the resume tests read.
type resumeFrame struct {
	Type string `json:"type"`
	ID   int64  `json:"id"`
	Data struct {
		Hash     string `json:"hash"`
		AfterID  int64  `json:"afterId"`
		Replayed int    `json:"replayed"`
		Complete bool   `json:"complete"`
	} `json:"data"`
}

func readResume(t *testing.T, c *websocket.Conn) resumeFrame {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, b, err := c.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	var f resumeFrame
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("frame %s: %v", b, err)
	}
	return f
}

func wsDial(t *testing.T, d *websocket.Dialer, ts *testutil.TestServer, q string) *websocket.Conn {
	t.Helper()
	c, _, err := d.Dial("ws"+strings.TrimPrefix(ts.URL, "http")+"/ws"+q, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// eventually polls cond until it holds (10 s at most).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// insertMany writes n one-observation transmissions hashed prefix-0..n-1 in one
// transaction, scope #oak on every third one.
func insertMany(t *testing.T, db *sql.DB, prefix string, n int) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for i := 0; i < n; i++ {
		var scope any
		if i%3 == 0 {
			scope = "#oak"
		}
		r, err := tx.Exec(`INSERT INTO transmissions (raw_hex, hash, first_seen, route_type, payload_type, scope_name)
			VALUES ('0500', ?, ?, 1, 5, ?)`, fmt.Sprintf("%s-%d", prefix, i), now.Format(time.RFC3339), scope)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := r.LastInsertId()
		if _, err := tx.Exec(`INSERT INTO observations (transmission_id, observer_idx, snr, rssi, path_json, timestamp)
			VALUES (?, 1, 4.5, -95, '[]', ?)`, id, now.Unix()); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// obsIDsAfter is the independent answer: observation ids above after for the test's
// rows (hash LIKE pattern), ascending, read with SQL.
func obsIDsAfter(t *testing.T, db *sql.DB, after int64, pattern, scope string) []int64 {
	t.Helper()
	q := `SELECT o.id FROM observations o JOIN transmissions t ON t.id = o.transmission_id
		WHERE o.id > ? AND t.hash LIKE ?`
	args := []any{after, pattern}
	if scope != "" {
		q += ` AND t.scope_name = ?`
		args = append(args, scope)
	}
	rows, err := db.Query(q+` ORDER BY o.id`, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// readPackets reads n packet frames and returns their ids.
func readPackets(t *testing.T, c *websocket.Conn, n int) []int64 {
	t.Helper()
	ids := make([]int64, 0, n)
	for len(ids) < n {
		f := readResume(t, c)
		if f.Type != "packet" {
			t.Fatalf("frame %d: type %q, want packet", len(ids), f.Type)
		}
		ids = append(ids, f.ID)
	}
	return ids
}

// TestWebSocket_ResumeAfterID: a client reads live frames, disconnects, rows are written
// while it is away, and it reconnects with afterId = the last id it saw: it gets a resume
// frame, exactly the missed observations (ids from SQL) in order, then live ones, and
// nothing twice. A filtered resume replays only what its filter keeps.
func TestWebSocket_ResumeAfterID(t *testing.T) {
	ts := testutil.NewTestServerLive(t, testutil.CopyFixture(t), live.Options{}, api.ResumeBound{MaxFrames: 100, MaxAge: 10 * time.Minute}, nil)
	d := websocket.DefaultDialer
	first := wsDial(t, d, ts, "")
	eventually(t, "first client", func() bool { return ts.Hub.Clients() == 1 })
	insertMany(t, ts.WriterDB, "ws-resume-a", 3)
	seen := readPackets(t, first, 3)
	if want := obsIDsAfter(t, ts.WriterDB, 0, "ws-resume-a-%", ""); fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Fatalf("live frame ids %v, want the observation ids %v", seen, want)
	}
	last := seen[len(seen)-1]
	first.Close()
	eventually(t, "disconnect", func() bool { return ts.Hub.Clients() == 0 })

	before := ts.Hub.Stats().Broadcast
	insertMany(t, ts.WriterDB, "ws-resume-b", 20)
	eventually(t, "store follows the missed rows", func() bool { return ts.Hub.Stats().Broadcast >= before+20 })
	missed := obsIDsAfter(t, ts.WriterDB, last, "ws-resume-%", "")
	if len(missed) != 20 {
		t.Fatalf("SQL has %d missed rows, want 20", len(missed))
	}

	again := wsDial(t, d, ts, fmt.Sprintf("?afterId=%d", last))
	oak := wsDial(t, d, ts, fmt.Sprintf("?afterId=%d&scope=%%23oak", last))
	eventually(t, "resumed clients", func() bool { return ts.Hub.Clients() == 2 })
	insertMany(t, ts.WriterDB, "ws-resume-c", 5) // live, possibly racing the replay at the seam
	for _, c := range []*websocket.Conn{again, oak} {
		if f := readResume(t, c); f.Type != "resume" || f.Data.AfterID != last || !f.Data.Complete {
			t.Fatalf("first frame %+v, want a complete resume after %d", f, last)
		}
	}
	want := obsIDsAfter(t, ts.WriterDB, last, "ws-resume-%", "")
	if len(want) != 25 {
		t.Fatalf("SQL has %d rows after %d, want 25", len(want), last)
	}
	if got := readPackets(t, again, 25); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("resumed ids\n%v\nwant\n%v", got, want)
	}
	wantOak := obsIDsAfter(t, ts.WriterDB, last, "ws-resume-%", "#oak")
	if got := readPackets(t, oak, len(wantOak)); fmt.Sprint(got) != fmt.Sprint(wantOak) {
		t.Fatalf("filtered resume ids %v, want %v", got, wantOak)
	}
	// Nothing else is pending: the next frame on each is a sentinel written now.
	insertMany(t, ts.WriterDB, "ws-resume-z", 1)
	sentinel := obsIDsAfter(t, ts.WriterDB, 0, "ws-resume-z-%", "")
	for _, c := range []*websocket.Conn{again, oak} {
		if f := readResume(t, c); f.ID != sentinel[0] {
			t.Fatalf("after the backlog got frame %d (%s), want the sentinel %d", f.ID, f.Data.Hash, sentinel[0])
		}
	}
}

// TestWebSocket_ResumeBound: more missed frames than the bound replays the newest
// MaxFrames and says the resume is not complete.
func TestWebSocket_ResumeBound(t *testing.T) {
	ts := testutil.NewTestServerLive(t, testutil.CopyFixture(t), live.Options{}, api.ResumeBound{MaxFrames: 10}, nil)
	mark := obsIDsAfter(t, ts.WriterDB, 0, "%", "")
	last := mark[len(mark)-1]
	before := ts.Hub.Stats().Broadcast
	insertMany(t, ts.WriterDB, "ws-bound", 15)
	eventually(t, "store follows the rows", func() bool { return ts.Hub.Stats().Broadcast >= before+15 })
	c := wsDial(t, websocket.DefaultDialer, ts, fmt.Sprintf("?afterId=%d", last))
	if f := readResume(t, c); f.Type != "resume" || f.Data.Replayed != 10 || f.Data.Complete {
		t.Fatalf("first frame %+v, want an incomplete resume of 10", f)
	}
	want := obsIDsAfter(t, ts.WriterDB, last, "ws-bound-%", "")[5:]
	if got := readPackets(t, c, 10); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("bounded resume ids %v, want the newest 10 %v", got, want)
	}
}

// smallReceiveBuffer makes the client's socket fill after a few frames, so a client
// that stops reading backs the server's writer up quickly.
var smallReceiveBuffer = &websocket.Dialer{NetDial: func(network, addr string) (net.Conn, error) {
	d := net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
		var serr error
		err := rc.Control(func(fd uintptr) { serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		return errors.Join(err, serr)
	}}
	return d.Dial(network, addr)
}}

// TestWebSocket_LaggedFrame: a client that stops reading overflows its (small) queue;
// when it reads again it finds a lagged frame naming the last frame it was sent, then
// the close; reconnecting with that afterId yields exactly the rest (ids from SQL).
func TestWebSocket_LaggedFrame(t *testing.T) {
	ts := testutil.NewTestServerLive(t, testutil.CopyFixture(t), live.Options{QueueSize: 4}, api.ResumeBound{MaxFrames: 100000}, nil)
	slow := wsDial(t, smallReceiveBuffer, ts, "")
	eventually(t, "client", func() bool { return ts.Hub.Clients() == 1 })
	for batch := 0; ts.Hub.Stats().Dropped == 0; batch++ {
		if batch == 40 {
			t.Fatal("the non-reading client never lagged")
		}
		before := ts.Hub.Stats().Broadcast
		insertMany(t, ts.WriterDB, fmt.Sprintf("ws-lag-%d", batch), 250)
		eventually(t, "batch broadcast", func() bool { return ts.Hub.Stats().Broadcast >= before+250 })
	}
	var lastPacket int64
	var lagged resumeFrame
	for {
		f := readResume(t, slow)
		if f.Type == "lagged" {
			lagged = f
			break
		}
		if f.Type != "packet" {
			t.Fatalf("unexpected frame %+v", f)
		}
		lastPacket = f.ID
	}
	if lagged.Data.AfterID != lastPacket || lastPacket == 0 {
		t.Fatalf("lagged afterId = %d, want the last packet frame read, %d", lagged.Data.AfterID, lastPacket)
	}
	slow.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, _, err := slow.ReadMessage(); !websocket.IsCloseError(err, websocket.ClosePolicyViolation) {
		t.Fatalf("after lagged: %v, want close 1008", err)
	}
	want := obsIDsAfter(t, ts.WriterDB, lagged.Data.AfterID, "ws-lag-%", "")
	if len(want) == 0 {
		t.Fatal("lagged at the very end: nothing left to resume")
	}
	c := wsDial(t, websocket.DefaultDialer, ts, fmt.Sprintf("?afterId=%d", lagged.Data.AfterID))
	if f := readResume(t, c); f.Type != "resume" || f.Data.Replayed != len(want) || !f.Data.Complete {
		t.Fatalf("resume frame %+v, want a complete replay of %d", f, len(want))
	}
	if got := readPackets(t, c, len(want)); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("resumed %d ids, want %d (first %d..%d)", len(got), len(want), want[0], want[len(want)-1])
	}
}
