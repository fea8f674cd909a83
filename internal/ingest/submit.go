package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// maxPayloadBytes bounds one MQTT payload; real packets are well under 2 KiB.
const maxPayloadBytes = 64 << 10

// Submit parses and decodes one MQTT message and queues it for the writer. It never
// blocks on the database. ack (may be nil) is called once the message is committed, or
// right away when it is rejected (bad input, filtered, dropped). After Close, ack is not
// called, so the broker redelivers the message to the next run.
func (in *Ingester) Submit(source, topic string, payload []byte, at time.Time, ack func()) {
	if in.closed.Load() {
		return
	}
	if ack == nil {
		ack = func() {}
	}
	defer func() {
		if r := recover(); r != nil {
			in.bad.note("panic", "panic while parsing message", "panic", fmt.Sprint(r), "topic", redactTopic(topic))
			ack()
		}
	}()
	it, reject := in.parse(source, topic, payload, at)
	if it == nil {
		if reject != "" {
			in.counters.filtered(reject)
		}
		ack()
		return
	}
	it.ack = ack
	if !in.enqueue(it) {
		// Dropped on overflow: counted and logged, and acknowledged so it is not
		// redelivered forever, except while the disk is full: then it stays with the
		// broker (redelivered on the next connect) rather than being lost.
		if !in.closed.Load() && !in.diskFull.active() {
			ack()
		}
	}
}

// parse returns the writer item for a message, or nil plus a filter reason ("" when the
// reason was already counted as bad input).
func (in *Ingester) parse(source, topic string, payload []byte, at time.Time) (*item, string) {
	tp := parseTopic(topic)
	switch tp.kind {
	case topicIgnored:
		return nil, "ignored_topic"
	case topicInvalid:
		in.bad.note("unknown_topic", "message on unknown topic ignored", "topic", redactTopic(topic))
		return nil, ""
	case topicGeneric, topicStatus, topicClient, topicNeighbours, topicRegions:
		if !in.checkTopicIDs(tp) {
			return nil, ""
		}
	}
	if len(payload) > maxPayloadBytes {
		in.bad.note("oversize", "oversize payload ignored", "bytes", len(payload), "topic", redactTopic(topic))
		return nil, ""
	}
	if !isJSONObject(payload) {
		in.bad.note("malformed_json", "payload is not a JSON object", "topic", redactTopic(topic))
		return nil, ""
	}
	if tp.kind == topicChannel || tp.kind == topicDirect {
		return in.parseBridge(source, tp, payload, at)
	}
	if tp.kind == topicClient && in.opts.ClientRxCoverage {
		return in.parseClientRx(source, tp, payload, at)
	}
	if tp.kind == topicRegions {
		return in.parseRegions(source, tp, payload, at)
	}
	if tp.observer == "" {
		in.bad.note("unknown_topic", "message without observer id ignored", "topic", redactTopic(topic))
		return nil, ""
	}
	if reason := in.observerFilter(tp.observer, tp.iata); reason != "" {
		return nil, reason
	}
	if tp.kind == topicNeighbours {
		return in.parseNeighbours(source, tp, payload, at)
	}
	sf := in.opts.Sources[source]
	if tp.kind == topicStatus {
		return in.parseStatus(source, tp, payload, at, sf)
	}
	if len(sf.IATAFilter) > 0 && !contains(sf.IATAFilter, tp.iata) {
		return nil, "source_iata_filter"
	}
	var p packetPayload
	if err := json.Unmarshal(payload, &p); err != nil {
		in.bad.note("malformed_json", "packet payload does not parse", "err", err.Error(), "topic", redactTopic(topic))
		return nil, ""
	}
	if strings.TrimSpace(p.Raw) == "" {
		return nil, "no_raw"
	}
	it := &item{kind: kindPacket, source: source, at: at, observerID: tp.observer,
		observerName: str(p.Origin), iata: effectiveIATA(str(p.Region), tp.iata, sf.Region)}
	in.signal(it, &p)
	it.skewSec = naiveSkew(str(p.Timestamp), at)
	return in.decodeInto(it, p.Raw, topic)
}

// observerFilter is the observer blacklist and IATA whitelist every packet and status
// message passes, from MQTT or injection; it returns the filter reason, "" to keep it.
func (in *Ingester) observerFilter(observer, iata string) string {
	if in.obsBlack[strings.ToLower(observer)] {
		return "observer_blacklist"
	}
	if len(in.iataWhite) > 0 && !in.iataWhite[strings.ToUpper(iata)] {
		return "iata_whitelist"
	}
	return ""
}

// decodeInto decodes raw and fills it, or turns it into a dropped_packets item.
func (in *Ingester) decodeInto(it *item, raw, topic string) (*item, string) {
	d, err := decodePacket(raw, in.decodeOpts, in.opts.HashRegions)
	if err != nil {
		kind, reason := "undecodable", "decode error: "+err.Error()
		if errors.Is(err, errCorruptAdvert) {
			kind, reason = "corrupt_advert", err.Error()
		}
		in.bad.note(kind, "packet rejected", "err", err.Error(), "topic", redactTopic(topic), "rawHexLen", len(raw))
		it.kind = kindDropped
		it.drop = &dropInfo{hash: fallbackHash(raw), rawHex: clip(raw, 1024), reason: clip(reason, 200)}
		return it, ""
	}
	it.pkt = d
	if a := d.advert; a != nil {
		if in.opts.ValidateSignatures && a.sigChecked && !a.sigValid {
			in.counters.sigDrops.Add(1)
			it.kind = kindDropped
			it.drop = &dropInfo{hash: d.hash, rawHex: d.rawHex, reason: "invalid signature", nodePubkey: a.pubkey, nodeName: a.name}
			return it, ""
		}
		if !in.geo.Load().allows(a.lat, a.lon) {
			if in.opts.ForeignDrop {
				return nil, "foreign_advert"
			}
			a.foreign = true
		}
		if in.nodeBlack[a.pubkey] || hasPrefix(a.name, in.opts.HiddenNamePrefixes) {
			a.skipNode = true
			in.counters.filtered("node_hidden")
		}
	}
	return it, ""
}

// signal copies the radio fields, nulling absurd values (counted once per kind).
func (in *Ingester) signal(it *item, p *packetPayload) {
	var absurd bool
	f, ok := num(first(p.SNR, p.SNRLower))
	if it.snr, absurd = bounded(f, ok, -60, 60); absurd {
		in.bad.note("absurd_value", "absurd SNR ignored", "snr", f)
	}
	f, ok = num(first(p.RSSI, p.RSSILower))
	if it.rssi, absurd = bounded(f, ok, -250, 50); absurd {
		in.bad.note("absurd_value", "absurd RSSI ignored", "rssi", f)
	}
	f, ok = num(first(p.Score, p.ScoreCap))
	it.score, _ = bounded(f, ok, -1e9, 1e9)
	if d := str(first(p.Direction, p.DirCap)); d != "" {
		d = clip(d, 16)
		it.direction = &d
	}
}

func effectiveIATA(payloadRegion, topicIATA, sourceRegion string) string {
	for _, s := range []string{payloadRegion, topicIATA, sourceRegion} {
		if s = strings.ToUpper(strings.TrimSpace(s)); s != "" {
			return clip(s, 16)
		}
	}
	return ""
}

// fallbackHash mirrors the reference: the first 16 characters of the raw text.
func fallbackHash(raw string) string { return clip(strings.TrimSpace(raw), 16) }

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// redactTopic shortens the observer segment to 8 characters for logs (§2.7).
func redactTopic(t string) string {
	parts := strings.Split(clip(t, 200), "/")
	if len(parts) >= 3 && len(parts[2]) > 8 {
		parts[2] = parts[2][:8] + "…"
	}
	return strings.Join(parts, "/")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasPrefix(name string, prefixes []string) bool {
	for _, p := range prefixes {
		if p != "" && strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
