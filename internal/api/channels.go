package api

import (
	"github.com/corescope/corescope/internal/analytics"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/corescope/corescope/internal/hops"
	"github.com/corescope/corescope/internal/store"
)

// summaryChannel is analytics.ChannelOf for a summary, decoding its JSON only when needed.
func summaryChannel(t *store.TxSummary) (key string, encrypted bool) {
	if deref(t.ChannelHash) != "" {
		return analytics.ChannelOf(t.ChannelHash, nil)
	}
	msg := analytics.ParseGroupText(t.DecodedJSON)
	return analytics.ChannelOf(nil, &msg)
}

// channelSummaries returns a summary of every GRP_TXT transmission, optionally limited
// to a region, newest first. Summaries walk observations without copying them, which
// keeps a full channel pass cheap at millions of observations.
func (s *Server) channelSummaries(r *http.Request) ([]store.TxSummary, error) {
	grp := 5
	f := TxFilter{PayloadType: &grp}
	codes, err := parseRegion(r.URL.Query())
	if err != nil {
		return nil, err
	}
	if len(codes) > 0 {
		ids, err := s.regionObservers(codes)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return nil, nil
		}
		f.Observers = ids
	}
	return s.store.Summaries(f)
}

// Channel is one /api/channels row.
type Channel struct {
	Hash         string  `json:"hash"`
	Name         string  `json:"name"`
	LastMessage  *string `json:"lastMessage"`
	LastSender   *string `json:"lastSender"`
	MessageCount int     `json:"messageCount"`
	LastActivity *string `json:"lastActivity"`
	Encrypted    bool    `json:"encrypted,omitempty"`
}

func (s *Server) listChannels(w http.ResponseWriter, r *http.Request) {
	// Polled by every open channels page: a rebuild (a pass over every GRP_TXT
	// transmission) runs in the background while the previous list is served.
	s.cachedJSON(w, r, func(r *http.Request) (any, error) {
		sums, err := s.channelSummaries(r)
		if err != nil {
			return nil, err
		}
		return map[string]any{"channels": channelList(sums, r.URL.Query().Get("includeEncrypted") == "true")}, nil
	})
}

// channelList folds GRP_TXT summaries (newest first) into one row per channel:
// decrypted channels first, then by latest activity.
func channelList(sums []store.TxSummary, withEnc bool) []Channel {
	byKey := map[string]*Channel{}
	var order []string
	for i := range sums {
		t := &sums[i]
		key, enc := summaryChannel(t)
		if enc && !withEnc {
			continue
		}
		c := byKey[key]
		if c == nil {
			c = &Channel{Hash: key, Name: key, Encrypted: enc}
			if enc {
				c.Name = "Encrypted (0x" + strings.TrimPrefix(key, "enc_") + ")"
			}
			byKey[key] = c
			order = append(order, key)
		}
		c.MessageCount++
		if c.LastActivity == nil || t.FirstSeen > *c.LastActivity {
			ts := t.FirstSeen
			c.LastActivity = &ts
			if !enc {
				sender, text := analytics.SenderText(analytics.ParseGroupText(t.DecodedJSON))
				c.LastSender, c.LastMessage = strp(sender), &text
			}
		}
	}
	out := []Channel{}
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Encrypted != out[j].Encrypted {
			return !out[i].Encrypted
		}
		return deref(out[i].LastActivity) > deref(out[j].LastActivity)
	})
	return out
}

// ChannelMessage is one /api/channels/{hash}/messages row.
type ChannelMessage struct {
	Sender          string   `json:"sender"`
	Text            string   `json:"text"`
	Timestamp       *string  `json:"timestamp"`
	FirstSeen       string   `json:"first_seen"`
	SenderTimestamp *int64   `json:"sender_timestamp"`
	PacketID        int64    `json:"packetId"`
	PacketHash      string   `json:"packetHash"`
	Repeats         int      `json:"repeats"`
	Observers       []string `json:"observers"`
	Hops            int      `json:"hops"`
	SNR             *float64 `json:"snr"`
	// ScopeName is the message's region when it was sent scoped (see Tx.scope_name).
	ScopeName *string `json:"scope_name"`
}

func (s *Server) listChannelMessages(w http.ResponseWriter, r *http.Request) {
	want := r.PathValue("hash")
	s.cachedJSON(w, r, func(r *http.Request) (any, error) {
		return s.channelMessages(r, want)
	})
}

// channelMessages pages one channel's messages: the newest first across pages, each
// page oldest→newest. Only the page's transmissions are copied with observations.
func (s *Server) channelMessages(r *http.Request, want string) (any, error) {
	q := r.URL.Query()
	limit := clampLimit(q.Get("limit"), 100, s.opts.Limits.ChannelMessagesMax)
	offset := parseOffset(q.Get("offset"))
	sums, err := s.channelSummaries(r)
	if err != nil {
		return nil, err
	}
	var match []*store.TxSummary
	for i := range sums {
		if key, _ := summaryChannel(&sums[i]); strings.EqualFold(key, want) {
			match = append(match, &sums[i])
		}
	}
	sort.SliceStable(match, func(i, j int) bool {
		if match[i].FirstSeen != match[j].FirstSeen {
			return match[i].FirstSeen > match[j].FirstSeen
		}
		return match[i].ID > match[j].ID
	})
	total := len(match)
	page := []ChannelMessage{}
	for _, m := range match[min(offset, total):min(total, offset+limit)] {
		t, ok, err := s.store.TransmissionByID(m.ID)
		if err != nil {
			return nil, err
		}
		if ok { // evicted since the summary pass: leave it out of the page
			page = append(page, channelMessage(&t))
		}
	}
	slices.Reverse(page) // oldest→newest within the page
	return map[string]any{"messages": page, "total": total}, nil
}

// channelMessage renders one GRP_TXT transmission with its observations.
func channelMessage(t *TxRow) ChannelMessage {
	msg := analytics.ParseGroupText(t.DecodedJSON)
	sender, text := analytics.SenderText(msg)
	m := ChannelMessage{Sender: sender, Text: text, FirstSeen: t.FirstSeen, SenderTimestamp: msg.SenderTimestamp,
		PacketID: t.ID, PacketHash: t.Hash, Repeats: len(t.Observations), Observers: []string{}, ScopeName: t.ScopeName}
	if m.SenderTimestamp == nil {
		m.SenderTimestamp = msg.Timestamp
	}
	// timestamp is the latest observation time (first_seen only without one), as the
	// existing system answers: first_seen can be later than every observation when
	// the ingestor's clock differs from the observers' (parity.md §3).
	latest := ""
	seen := map[string]bool{}
	for _, o := range t.Observations {
		if o.Timestamp > latest {
			latest = o.Timestamp
		}
		name := deref(o.ObserverName)
		if name == "" {
			name = deref(o.ObserverID)
		}
		if name != "" && !seen[name] {
			seen[name] = true
			m.Observers = append(m.Observers, name)
		}
	}
	if latest == "" {
		latest = t.FirstSeen
	}
	m.Timestamp = &latest
	if b := t.BestObservation(); b != nil {
		m.Hops, m.SNR = len(hops.ParsePathPtr(b.PathJSON)), b.SNR
	}
	return m
}
