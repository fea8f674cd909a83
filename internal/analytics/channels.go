package analytics

import (
	"sort"
	"strconv"

	"github.com/corescope/corescope/internal/store"
)

// grpTxtType is the GRP_TXT payload type.
const grpTxtType = 5

// Channels summarises GRP_TXT traffic per channel (api.md §3.5 #52). JSON keys are in
// the order the endpoint has always written them (alphabetical).
type Channels struct {
	ActiveChannels  int              `json:"activeChannels"`
	ChannelTimeline []ChannelHour    `json:"channelTimeline"`
	Channels        []ChannelSummary `json:"channels"`
	Decryptable     int              `json:"decryptable"`
	MsgLengths      []int            `json:"msgLengths"`
	TopSenders      []SenderCount    `json:"topSenders"`
}

// ChannelHour counts one channel's messages in one hour bucket.
type ChannelHour struct {
	Channel string `json:"channel"`
	Count   int    `json:"count"`
	Hour    string `json:"hour"`
}

// ChannelSummary is one channel's activity. Hash is the channel-hash byte as a decimal
// string when the message carries it, else the channel key.
type ChannelSummary struct {
	Encrypted    bool   `json:"encrypted"`
	Hash         string `json:"hash"`
	LastActivity string `json:"lastActivity"`
	Messages     int    `json:"messages"`
	Name         string `json:"name"`
	Senders      int    `json:"senders"`
}

// SenderCount counts one sender's decrypted messages.
type SenderCount struct {
	Count int    `json:"count"`
	Name  string `json:"name"`
}

// channelsTopSenders bounds the sender list.
const channelsTopSenders = 20

// ComputeChannels computes the channel view over window w (GRP_TXT only).
func ComputeChannels(src Source, w Window) (Channels, error) {
	grp := grpTxtType
	w.PayloadType = &grp
	type chanAcc struct {
		hash, name, last string
		messages         int
		senders          map[string]bool
		encrypted        bool
	}
	chans := map[string]*chanAcc{}
	senders := map[string]int{}
	timeline := map[[2]string]int{}
	out := Channels{MsgLengths: []int{}, Channels: []ChannelSummary{}, TopSenders: []SenderCount{}, ChannelTimeline: []ChannelHour{}}
	src.Scan(w, func(t *store.Transmission) bool {
		key, msg, enc := ChannelKey(t)
		c := chans[key]
		if c == nil {
			c = &chanAcc{hash: key, name: key, senders: map[string]bool{}, encrypted: enc}
			if msg.ChannelHash != nil { // the channel-hash byte as a decimal string
				c.hash = strconv.Itoa(int(toFloat(msg.ChannelHash)))
			}
			chans[key] = c
		}
		c.messages++
		if t.FirstSeen > c.last {
			c.last = t.FirstSeen
		}
		timeline[[2]string{hourOf(t.FirstSeen), key}]++
		if !enc {
			sender, text := SenderText(msg)
			if sender != "" {
				c.senders[sender] = true
				senders[sender]++
			}
			out.MsgLengths = append(out.MsgLengths, len(text))
		}
		return true
	})
	for _, c := range chans {
		if !c.encrypted {
			out.Decryptable++
		}
		out.Channels = append(out.Channels, ChannelSummary{Hash: c.hash, Name: c.name, Messages: c.messages, Senders: len(c.senders),
			LastActivity: c.last, Encrypted: c.encrypted})
	}
	list := out.Channels
	sort.Slice(list, func(i, j int) bool {
		if list[i].Messages != list[j].Messages {
			return list[i].Messages > list[j].Messages
		}
		return list[i].Name < list[j].Name
	})
	for n, c := range senders {
		out.TopSenders = append(out.TopSenders, SenderCount{Name: n, Count: c})
	}
	top := out.TopSenders
	sort.Slice(top, func(i, j int) bool {
		if top[i].Count != top[j].Count {
			return top[i].Count > top[j].Count
		}
		return top[i].Name < top[j].Name
	})
	out.TopSenders = top[:min(len(top), channelsTopSenders)]
	for k, c := range timeline {
		out.ChannelTimeline = append(out.ChannelTimeline, ChannelHour{Hour: k[0], Channel: k[1], Count: c})
	}
	tl := out.ChannelTimeline
	sort.Slice(tl, func(i, j int) bool { return tl[i].Hour+tl[i].Channel < tl[j].Hour+tl[j].Channel })
	out.ActiveChannels = len(chans)
	return out, nil
}

// toFloat reads a JSON number decoded into any.
func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	}
	return 0
}
