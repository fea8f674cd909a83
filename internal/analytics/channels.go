package analytics

import (
	"sort"
	"strconv"
	"strings"

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

// channelsTopSenders bounds the sender list (15, as the existing system: parity.md §3).
const channelsTopSenders = 15

// chanAcc accumulates one channel key's messages.
type chanAcc struct {
	hash, name, last string
	hashByte         int // -1 when the message carries none
	messages         int
	senders          map[string]bool
	encrypted        bool
}

// ComputeChannels computes the channel view over window w (GRP_TXT only). As in the
// existing system (parity.md §3), undecryptable traffic is grouped by its channel-hash
// byte and named ch<decimal>, and folds into the decrypted channel with the same byte;
// msgLengths are the UTF-8 bytes of "sender: text".
func ComputeChannels(src Source, w Window) (Channels, error) {
	grp := grpTxtType
	w.PayloadType = &grp
	chans := map[string]*chanAcc{}
	senders := map[string]int{}
	timeline := map[[2]string]int{}
	out := Channels{MsgLengths: []int{}, Channels: []ChannelSummary{}, TopSenders: []SenderCount{}, ChannelTimeline: []ChannelHour{}}
	src.Scan(w, func(t *store.Transmission) bool {
		key, msg, enc := ChannelKey(t)
		c := chans[key]
		if c == nil {
			c = &chanAcc{hash: key, name: key, hashByte: channelHashByte(key, msg), senders: map[string]bool{}, encrypted: enc}
			if c.hashByte >= 0 {
				c.hash = strconv.Itoa(c.hashByte)
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
				text = sender + ": " + text
			}
			out.MsgLengths = append(out.MsgLengths, len(text))
		}
		return true
	})
	groups, rename := groupChannels(chans)
	for _, c := range groups {
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
	merged := map[[2]string]int{}
	for k, c := range timeline {
		merged[[2]string{k[0], rename[k[1]]}] += c
	}
	for k, c := range merged {
		out.ChannelTimeline = append(out.ChannelTimeline, ChannelHour{Hour: k[0], Channel: k[1], Count: c})
	}
	tl := out.ChannelTimeline
	sort.Slice(tl, func(i, j int) bool {
		if tl[i].Hour != tl[j].Hour {
			return tl[i].Hour < tl[j].Hour
		}
		return tl[i].Channel < tl[j].Channel
	})
	out.ActiveChannels = len(groups)
	return out, nil
}

// groupChannels folds each undecryptable key into the decrypted channel with its hash
// byte (the alphabetically first, when several share it), else into ch<byte>. It returns
// the groups and each key's group name.
func groupChannels(chans map[string]*chanAcc) (map[string]*chanAcc, map[string]string) {
	decrypted := map[int]string{}
	groups := map[string]*chanAcc{}
	rename := map[string]string{}
	for key, c := range chans {
		if c.encrypted {
			continue
		}
		groups[key], rename[key] = c, key
		if prev, ok := decrypted[c.hashByte]; c.hashByte >= 0 && (!ok || key < prev) {
			decrypted[c.hashByte] = key
		}
	}
	for key, c := range chans {
		if !c.encrypted {
			continue
		}
		name := key
		if dec, ok := decrypted[c.hashByte]; ok && c.hashByte >= 0 {
			name = dec
		} else if c.hashByte >= 0 {
			name = "ch" + strconv.Itoa(c.hashByte)
		}
		rename[key] = name
		g := groups[name]
		if g == nil {
			g = &chanAcc{hash: c.hash, name: name, hashByte: c.hashByte, senders: map[string]bool{}, encrypted: true}
			groups[name] = g
		}
		g.messages += c.messages
		if c.last > g.last {
			g.last = c.last
		}
	}
	return groups, rename
}

// channelHashByte is a message's channel-hash byte, from the decoded number, its hex
// form, or an enc_<HEX> key; -1 when none is known.
func channelHashByte(key string, msg GroupText) int {
	if msg.ChannelHash != nil {
		return int(toFloat(msg.ChannelHash)) & 0xff
	}
	hex := msg.ChannelHashHex
	if rest, ok := strings.CutPrefix(key, "enc_"); ok && hex == "" {
		hex = rest
	}
	if b, err := strconv.ParseUint(hex, 16, 8); err == nil {
		return int(b)
	}
	return -1
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
