package api

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

// grpTxt is the subset of a GRP_TXT decoded_json the channel views read.
type grpTxt struct {
	Channel         string `json:"channel"`
	ChannelHash     any    `json:"channelHash"`
	ChannelHashHex  string `json:"channelHashHex"`
	Text            string `json:"text"`
	Sender          string `json:"sender"`
	SenderTimestamp *int64 `json:"sender_timestamp"`
	Timestamp       *int64 `json:"timestamp"`
	Decrypted       *bool  `json:"decrypted"`
	DecryptionState string `json:"decryptionStatus"`
}

// channelKey returns the channel name of a GRP_TXT transmission, or enc_<HEX>; the
// ingestor's channel_hash column already holds that key, decoded_json is the fallback.
func channelKey(t *TxRow) (key string, msg grpTxt, encrypted bool) {
	if t.DecodedJSON != nil {
		json.Unmarshal([]byte(*t.DecodedJSON), &msg)
	}
	if ch := deref(t.ChannelHash); ch != "" {
		if rest, ok := strings.CutPrefix(ch, "enc_"); ok {
			return "enc_" + strings.ToUpper(rest), msg, true
		}
		return ch, msg, false
	}
	if msg.Channel != "" {
		return msg.Channel, msg, false
	}
	return "enc_" + strings.ToUpper(msg.ChannelHashHex), msg, true
}

// senderText splits "sender: text" as the reference does (part after the first ": ").
func senderText(m grpTxt) (sender, text string) {
	if m.Sender != "" {
		return m.Sender, strings.TrimPrefix(m.Text, m.Sender+": ")
	}
	if a, b, ok := strings.Cut(m.Text, ": "); ok {
		return a, b
	}
	return "", m.Text
}

// scanChannelRows calls fn with every GRP_TXT transmission, optionally limited to a
// region, newest first. Rows are batch-copied by the store; fn must not keep t.
func (s *Server) scanChannelRows(r *http.Request, fn func(t *TxRow)) error {
	grp := 5
	f := TxFilter{PayloadType: &grp}
	if codes := parseRegion(r.URL.Query()); len(codes) > 0 {
		ids, err := s.regionObservers(codes)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		f.Observers = ids
	}
	return s.store.ScanTransmissions(f, func(t *TxRow) bool { fn(t); return true })
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
	withEnc := r.URL.Query().Get("includeEncrypted") == "true"
	byKey := map[string]*Channel{}
	var order []string
	err := s.scanChannelRows(r, func(t *TxRow) {
		key, msg, enc := channelKey(t)
		if enc && !withEnc {
			return
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
				sender, text := senderText(msg)
				c.LastSender, c.LastMessage = strp(sender), &text
			}
		}
	})
	if err != nil {
		s.writeError(w, r, err)
		return
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
	writeJSON(w, http.StatusOK, map[string]any{"channels": out})
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
}

func (s *Server) listChannelMessages(w http.ResponseWriter, r *http.Request) {
	want := r.PathValue("hash")
	q := r.URL.Query()
	limit := clampLimit(q.Get("limit"), 100, s.opts.Limits.ChannelMessagesMax)
	offset := parseOffset(q.Get("offset"))
	var msgs []ChannelMessage
	err := s.scanChannelRows(r, func(t *TxRow) {
		key, msg, _ := channelKey(t)
		if !strings.EqualFold(key, want) {
			return
		}
		sender, text := senderText(msg)
		m := ChannelMessage{Sender: sender, Text: text, FirstSeen: t.FirstSeen, SenderTimestamp: msg.SenderTimestamp,
			PacketID: t.ID, PacketHash: t.Hash, Repeats: len(t.Observations), Observers: []string{}}
		if m.SenderTimestamp == nil {
			m.SenderTimestamp = msg.Timestamp
		}
		latest := t.FirstSeen
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
		m.Timestamp = &latest
		if b := t.best(); b != nil {
			m.Hops, m.SNR = len(parsePath(b.PathJSON)), b.SNR
		}
		msgs = append(msgs, m)
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	sort.SliceStable(msgs, func(i, j int) bool {
		if msgs[i].FirstSeen != msgs[j].FirstSeen {
			return msgs[i].FirstSeen > msgs[j].FirstSeen
		}
		return msgs[i].PacketID > msgs[j].PacketID
	})
	total := len(msgs)
	page := []ChannelMessage{}
	if offset < total {
		page = append(page, msgs[offset:min(total, offset+limit)]...)
	}
	for i, j := 0, len(page)-1; i < j; i, j = i+1, j-1 { // oldest→newest within the page
		page[i], page[j] = page[j], page[i]
	}
	writeJSON(w, http.StatusOK, map[string]any{"messages": page, "total": total})
}
