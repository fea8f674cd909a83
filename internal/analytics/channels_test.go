package analytics

import (
	"testing"

	"github.com/corescope/corescope/internal/store"
)

// TestComputeChannels: two messages on #test from one sender ("bob: hi" and "bob: hello",
// 7 and 10 bytes), one encrypted message grouped by its hash byte 0xAB as ch171; only
// GRP_TXT rows are read.
func TestComputeChannels(t *testing.T) {
	grp, adv := 5, 4
	src := &rowSource{txs: []store.Transmission{
		{PayloadType: &grp, FirstSeen: "2026-01-01T10:00:00.000Z", ChannelHash: sptr("#test"), DecodedJSON: sptr(`{"channel":"#test","text":"bob: hi"}`)},
		{PayloadType: &grp, FirstSeen: "2026-01-01T11:00:00.000Z", ChannelHash: sptr("#test"), DecodedJSON: sptr(`{"channel":"#test","sender":"bob","text":"bob: hello"}`)},
		{PayloadType: &grp, FirstSeen: "2026-01-01T11:30:00.000Z", ChannelHash: sptr("enc_ab")},
		{PayloadType: &adv, FirstSeen: "2026-01-01T11:40:00.000Z"},
	}}
	c, err := ComputeChannels(src, Window{})
	if err != nil {
		t.Fatal(err)
	}
	if c.ActiveChannels != 2 || c.Decryptable != 1 || len(c.Channels) != 2 || c.Channels[0].Name != "#test" || c.Channels[0].Messages != 2 {
		t.Fatalf("channels %+v", c)
	}
	if c.Channels[1].Name != "ch171" || c.Channels[1].Hash != "171" || !c.Channels[1].Encrypted || c.Channels[0].LastActivity != "2026-01-01T11:00:00.000Z" {
		t.Fatalf("channels %+v", c.Channels)
	}
	if len(c.TopSenders) != 1 || c.TopSenders[0] != (SenderCount{Name: "bob", Count: 2}) || len(c.MsgLengths) != 2 || c.MsgLengths[0] != 7 || c.MsgLengths[1] != 10 {
		t.Fatalf("senders %+v lengths %v", c.TopSenders, c.MsgLengths)
	}
	if len(c.ChannelTimeline) != 3 {
		t.Fatalf("timeline %+v, want 3 (hour, channel) buckets", c.ChannelTimeline)
	}
}
