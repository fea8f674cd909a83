package api

import (
	"net/http"
	"sort"
	"strconv"
)

// computeAnalyticsChannels summarises GRP_TXT traffic per channel (api.md §3.5 #52).
func (s *Server) computeAnalyticsChannels(r *http.Request) (any, error) {
	grp := 5
	w, err := s.analyticsWindow(r)
	if err != nil {
		return nil, err
	}
	w.PayloadType = &grp
	src := s.analyticsSource(r.Context())
	rows := func(yield func(*TxRow) bool) { src.Scan(w, yield) }
	type chanAcc struct {
		hash, name, last string
		messages         int
		senders          map[string]bool
		encrypted        bool
	}
	chans := map[string]*chanAcc{}
	senders := map[string]int{}
	timeline := map[[2]string]int{}
	lengths := []int{}
	for t := range rows {
		key, msg, enc := channelKey(t)
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
			sender, text := senderText(msg)
			if sender != "" {
				c.senders[sender] = true
				senders[sender]++
			}
			lengths = append(lengths, len(text))
		}
	}
	list := []map[string]any{}
	decryptable := 0
	for _, c := range chans {
		if !c.encrypted {
			decryptable++
		}
		list = append(list, map[string]any{"hash": c.hash, "name": c.name, "messages": c.messages, "senders": len(c.senders),
			"lastActivity": c.last, "encrypted": c.encrypted})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i]["messages"].(int) != list[j]["messages"].(int) {
			return list[i]["messages"].(int) > list[j]["messages"].(int)
		}
		return list[i]["name"].(string) < list[j]["name"].(string)
	})
	top := []map[string]any{}
	for n, c := range senders {
		top = append(top, map[string]any{"name": n, "count": c})
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i]["count"].(int) != top[j]["count"].(int) {
			return top[i]["count"].(int) > top[j]["count"].(int)
		}
		return top[i]["name"].(string) < top[j]["name"].(string)
	})
	top = top[:min(len(top), 20)]
	tl := []map[string]any{}
	for k, c := range timeline {
		tl = append(tl, map[string]any{"hour": k[0], "channel": k[1], "count": c})
	}
	sort.Slice(tl, func(i, j int) bool {
		a, b := tl[i]["hour"].(string)+tl[i]["channel"].(string), tl[j]["hour"].(string)+tl[j]["channel"].(string)
		return a < b
	})
	return map[string]any{"activeChannels": len(chans), "decryptable": decryptable, "channels": list,
		"topSenders": top, "channelTimeline": tl, "msgLengths": lengths}, nil
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	}
	return 0
}
