package live

import (
	"encoding/json"
	"net/url"
	"strconv"
)

// Replayer returns the frames with id > afterID that keep accepts, oldest first, at most
// as many as its own bound allows; complete is false when the bound cut some off (the
// client then has a gap it should fill over REST).
type Replayer func(afterID int64, keep func(*Message) bool) (msgs []Message, complete bool)

// SetReplay installs the source of missed frames for clients that connect with afterId.
func (h *Hub) SetReplay(r Replayer) { h.replay.Store(&r) }

// afterIDFromQuery reads ?afterId=N (N >= 0); anything else means "no resume".
func afterIDFromQuery(q url.Values) (int64, bool) {
	s := q.Get("afterId")
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// seam remembers the ids a replay sent so the same frames, also queued live because
// the client was registered before the store was read, are not sent twice.
type seam struct {
	sent map[int64]bool
	max  int64
}

// duplicate reports whether id was replayed; past the newest replayed id it forgets them.
func (s *seam) duplicate(id int64) bool {
	if s.sent == nil {
		return false
	}
	if id > s.max {
		s.sent = nil
		return false
	}
	return s.sent[id]
}

// replayTo sends a resuming client {"type":"resume",...} and then its missed frames.
// The client is already registered, so every frame published after the store read is
// in its queue: nothing falls between the replay and the live feed.
func (h *Hub) replayTo(c *client) (seam, error) {
	if c.afterID < 0 {
		return seam{}, nil
	}
	c.lastID = c.afterID
	var msgs []Message
	complete := false
	if r := h.replay.Load(); r != nil {
		f := c.filter()
		msgs, complete = (*r)(c.afterID, func(m *Message) bool { return f.match(m) })
	}
	s := seam{sent: make(map[int64]bool, len(msgs))}
	if err := h.write(c, frame{data: resumeFrame(c.afterID, len(msgs), complete)}); err != nil {
		return s, err
	}
	for _, m := range msgs {
		select {
		case <-c.quit:
			return s, nil // the loop sends the close (or lagged) frame
		default:
		}
		if err := h.write(c, frame{id: m.ID, data: m.Data}); err != nil {
			return s, err
		}
		s.sent[m.ID] = true
		s.max = max(s.max, m.ID)
	}
	h.replayed.Add(int64(len(msgs)))
	return s, nil
}

func resumeFrame(afterID int64, n int, complete bool) []byte {
	type data struct {
		AfterID  int64 `json:"afterId"`
		Replayed int   `json:"replayed"`
		Complete bool  `json:"complete"`
	}
	b, _ := json.Marshal(struct {
		Type string `json:"type"`
		Data data   `json:"data"`
	}{"resume", data{afterID, n, complete}})
	return b
}

func laggedFrame(afterID int64) []byte {
	b, _ := json.Marshal(map[string]any{"type": "lagged", "data": map[string]int64{"afterId": afterID}})
	return b
}
