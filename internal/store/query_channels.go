package store

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/corescope/corescope/internal/hops"
)

// grpTxt is the GRP_TXT payload type.
const grpTxt = 5

// ChannelSummary is one channel in the channel sidebar (api.md §3.6).
type ChannelSummary struct {
	// Hash is the channel_hash value: a channel name ("#test") or "enc_<HEX>".
	Hash         string
	Encrypted    bool
	MessageCount int
	// LastActivity is the first_seen of the newest message.
	LastActivity string
	// LastSender and LastText come from the newest message's decrypted payload.
	LastSender, LastText string
}

// Channels summarises GRP_TXT transmissions per channel_hash, newest activity first.
// With regions, only messages heard by observers in those IATAs count.
func (s *Store) Channels(regions []string) []ChannelSummary {
	s.mu.RLock()
	keys := make([]uint32, 0, len(s.byChannel))
	for k := range s.byChannel {
		keys = append(keys, k)
	}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = s.strs.str(k)
	}
	s.mu.RUnlock()
	var out []ChannelSummary
	for _, name := range names {
		last, total, ok := s.latestMatch(Filter{Channel: name, Regions: regions, PayloadType: intPtr(grpTxt)})
		if !ok {
			continue
		}
		c := ChannelSummary{Hash: name, Encrypted: strings.HasPrefix(name, "enc_"), MessageCount: total, LastActivity: last.firstSeen}
		if !c.Encrypted && last.hasDec {
			c.LastSender, c.LastText = messageText(&last.decoded)
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b ChannelSummary) int {
		if c := strings.Compare(b.LastActivity, a.LastActivity); c != 0 {
			return c
		}
		return strings.Compare(a.Hash, b.Hash)
	})
	return out
}

// latestMatch returns the transmission matching f first seen last (then highest id),
// and the match count. Ids need not rise with time, so every match is compared.
func (s *Store) latestMatch(f Filter) (txRec, int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.matchIDsLocked(&f)
	best := -1
	for _, id := range ids {
		pos, ok := s.txPos(id)
		if !ok {
			continue
		}
		if t := &s.txs[pos]; best < 0 || t.firstSeen > s.txs[best].firstSeen ||
			(t.firstSeen == s.txs[best].firstSeen && t.id > s.txs[best].id) {
			best = pos
		}
	}
	if best < 0 {
		return txRec{}, 0, false
	}
	return s.txs[best], len(ids), true
}

// ChannelMessage is one message of a channel (api.md §3.6).
type ChannelMessage struct {
	TxID      int64
	Hash      string
	FirstSeen string
	// Timestamp is the newest observation time (FirstSeen when there is none).
	Timestamp       string
	Sender, Text    string
	SenderTimestamp *int64
	// Repeats is the number of observations; Observers their distinct observer ids.
	Repeats   int
	Observers []string
	// Hops and SNR come from the best observation.
	Hops int
	SNR  *float64
}

// ChannelMessages pages a channel's messages counting from the newest (offset 0 is the
// latest page) and returns the page oldest first, with the channel's total.
func (s *Store) ChannelMessages(channel string, regions []string, offset, limit int) ([]ChannelMessage, int) {
	txs, total := s.Transmissions(Filter{Channel: channel, Regions: regions, PayloadType: intPtr(grpTxt)}, offset, limit)
	out := make([]ChannelMessage, 0, len(txs))
	for i := len(txs) - 1; i >= 0; i-- {
		t := &txs[i]
		m := ChannelMessage{TxID: t.ID, Hash: t.Hash, FirstSeen: t.FirstSeen, Timestamp: t.FirstSeen, Repeats: len(t.Observations), Observers: []string{}}
		m.Sender, m.Text = messageText(t.DecodedJSON)
		m.SenderTimestamp = senderTimestamp(t.DecodedJSON)
		seen := map[string]bool{}
		for j, o := range t.Observations {
			if j == 0 {
				m.Timestamp = o.Timestamp
			}
			if o.ObserverID != nil && !seen[*o.ObserverID] {
				seen[*o.ObserverID] = true
				m.Observers = append(m.Observers, *o.ObserverID)
			}
		}
		if t.Best >= 0 {
			b := t.Observations[t.Best]
			m.Hops, m.SNR = hops.CountHops(str0(b.PathJSON)), b.SNR
		}
		out = append(out, m)
	}
	return out, total
}

type chanPayload struct {
	Text            string `json:"text"`
	Sender          string `json:"sender"`
	SenderTimestamp *int64 `json:"sender_timestamp"`
}

// messageText splits a decrypted GRP_TXT payload into sender and text: the text after
// the first ": " when it starts with the sender (or when there is no sender field).
func messageText(decoded *string) (sender, text string) {
	var p chanPayload
	if decoded == nil || json.Unmarshal([]byte(*decoded), &p) != nil {
		return "", ""
	}
	sender, text = p.Sender, p.Text
	if before, after, ok := strings.Cut(text, ": "); ok && (sender == "" || before == sender) {
		sender, text = before, after
	}
	return sender, text
}

func senderTimestamp(decoded *string) *int64 {
	var p chanPayload
	if decoded == nil || json.Unmarshal([]byte(*decoded), &p) != nil {
		return nil
	}
	return p.SenderTimestamp
}

func intPtr(v int) *int { return &v }
