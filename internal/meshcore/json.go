package meshcore

import "time"

// MarshalJSON renders the packet in the reference decoder's shape
// (packet-format §9): {"header", "transportCodes", "path", "payload",
// "raw"[, "anomaly"]}.
func (p *Packet) MarshalJSON() ([]byte, error) {
	return p.AppendJSON(make([]byte, 0, 256+3*len(p.Raw))), nil
}

// AppendJSON appends the MarshalJSON rendering to b.
func (p *Packet) AppendJSON(b []byte) []byte {
	o := jsonObj{b: append(b, '{')}
	o.object("header", func(h *jsonObj) {
		h.int("routeType", int64(p.Header.Route))
		h.str("routeTypeName", p.Header.Route.String())
		h.int("payloadType", int64(p.Header.Type))
		h.str("payloadTypeName", p.Header.Type.String())
		h.int("payloadVersion", int64(p.Header.Version))
	})
	if p.Transport != nil && len(p.Raw) >= 5 {
		o.object("transportCodes", func(t *jsonObj) {
			t.hexUpper("code1", p.Raw[1:3]) // wire byte order (§3)
			t.hexUpper("code2", p.Raw[3:5])
		})
	} else {
		o.null("transportCodes")
	}
	o.object("path", p.Path.appendJSON)
	o.object("payload", p.appendPayload)
	o.hexUpper("raw", p.Raw)
	o.strNonEmpty("anomaly", p.Anomaly)
	return append(o.b, '}')
}

// PayloadJSON renders only the payload object, as stored in
// transmissions.decoded_json.
func (p *Packet) PayloadJSON() ([]byte, error) {
	o := jsonObj{b: append(make([]byte, 0, 128+3*len(p.Payload)), '{')}
	p.appendPayload(&o)
	return append(o.b, '}'), nil
}

func (pa Path) appendJSON(o *jsonObj) {
	o.int("hashSize", int64(pa.HashSize))
	o.int("hashCount", int64(pa.HashCount))
	o.key("hops")
	o.b = append(o.b, '[')
	for i, n := 0, pa.Len(); i < n; i++ {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = append(o.b, '"')
		o.b = appendHex(o.b, pa.Hop(i), true)
		o.b = append(o.b, '"')
	}
	o.b = append(o.b, ']')
	if pa.TraceRoute {
		o.int("hopsCompleted", int64(pa.HopsCompleted))
	}
}

// appendPayload writes the flat payload object; members follow the
// reference struct order and are omitted when empty.
func (p *Packet) appendPayload(o *jsonObj) {
	t := p.Header.Type
	switch {
	case p.PayloadError != "":
		o.str("type", t.String())
		o.hexLowerNonEmpty("raw", p.Payload)
		o.str("error", p.PayloadError)
	case p.Encrypted != nil:
		e := p.Encrypted
		o.str("type", t.String())
		o.hexLower("destHash", []byte{e.DestHash})
		o.hexLower("srcHash", []byte{e.SrcHash})
		o.hexLower("mac", e.MAC[:])
		if t == PayloadPath {
			o.hexLowerNonEmpty("pathData", e.Ciphertext)
		} else {
			o.hexLowerNonEmpty("encryptedData", e.Ciphertext)
		}
	case p.Ack != nil:
		o.str("type", t.String())
		appendAck(o, p.Ack, "extraHash", "ackLen", "ackAttempt", "ackRand")
	case p.Advert != nil:
		p.Advert.appendJSON(o)
	case p.Group != nil:
		p.Group.appendJSON(o, t)
	case p.AnonReq != nil:
		a := p.AnonReq
		o.str("type", t.String())
		o.hexLower("destHash", []byte{a.DestHash})
		o.hexLower("mac", a.MAC[:])
		o.hexLowerNonEmpty("encryptedData", a.Ciphertext)
		o.hexLower("ephemeralPubKey", a.PubKey[:])
	case p.Trace != nil:
		p.Trace.appendJSON(o)
	case p.Multipart != nil:
		p.Multipart.appendJSON(o)
	case p.Control != nil:
		p.Control.appendJSON(o, p.Payload)
	case t == PayloadRawCustom:
		o.str("type", t.String())
		o.hexLowerNonEmpty("raw", p.Payload)
		if len(p.Payload) > 0 {
			o.int("rawLength", int64(len(p.Payload)))
			o.hexUpper("firstByteTag", p.Payload[:1])
		}
	default:
		o.str("type", t.String())
		o.hexLowerNonEmpty("raw", p.Payload)
	}
}

func appendAck(o *jsonObj, a *Ack, crcKey, lenKey, attemptKey, randKey string) {
	var crc [4]byte
	crc[0], crc[1], crc[2], crc[3] = byte(a.CRC>>24), byte(a.CRC>>16), byte(a.CRC>>8), byte(a.CRC)
	o.hexLower(crcKey, crc[:])
	o.int(lenKey, int64(a.Len))
	if a.Len >= 5 {
		o.int(attemptKey, int64(a.Attempt))
	}
	if a.Len >= 6 {
		o.int(randKey, int64(a.Random))
	}
}

func (a *Advert) appendJSON(o *jsonObj) {
	o.str("type", PayloadAdvert.String())
	o.hexLower("pubKey", a.PubKey[:])
	if a.Timestamp != 0 {
		o.uint("timestamp", uint64(a.Timestamp))
	}
	o.str("timestampISO", time.Unix(int64(a.Timestamp), 0).UTC().Format("2006-01-02T15:04:05.000Z"))
	o.hexLower("signature", a.Signature[:])
	if a.SignatureChecked {
		o.bool("signatureValid", a.SignatureValid)
	}
	if a.HasFlags {
		o.object("flags", func(f *jsonObj) {
			r := a.Role()
			f.int("raw", int64(a.Flags))
			f.int("type", int64(r))
			f.bool("chat", r == RoleCompanion)
			f.bool("repeater", r == RoleRepeater)
			f.bool("room", r == RoleRoom)
			f.bool("sensor", r == RoleSensor)
			f.bool("hasLocation", a.Flags&AdvertHasLocation != 0)
			f.bool("hasFeat1", a.Flags&AdvertHasFeat1 != 0)
			f.bool("hasFeat2", a.Flags&AdvertHasFeat2 != 0)
			f.bool("hasName", a.Flags&AdvertHasName != 0)
		})
	}
	if a.Location != nil {
		o.float("lat", a.Location.Lat)
		o.float("lon", a.Location.Lon)
	}
	o.strNonEmpty("name", a.Name)
	if a.Feat1 != nil {
		o.int("feat1", int64(*a.Feat1))
	}
	if a.Feat2 != nil {
		o.int("feat2", int64(*a.Feat2))
	}
	if a.BatteryMV != nil {
		o.int("battery_mv", int64(*a.BatteryMV))
	}
	if a.TemperatureC != nil {
		o.float("temperature_c", *a.TemperatureC)
	}
}

func (g *GroupMessage) appendJSON(o *jsonObj, t PayloadType) {
	decrypted := g.Status == StatusDecrypted
	if decrypted && t == PayloadGrpTxt {
		o.str("type", "CHAN")
	} else {
		o.str("type", t.String())
	}
	if !decrypted {
		o.hexLower("mac", g.MAC[:])
		o.hexLowerNonEmpty("encryptedData", g.Ciphertext)
	}
	if g.ChannelHash != 0 {
		o.int("channelHash", int64(g.ChannelHash))
	}
	o.hexUpper("channelHashHex", []byte{g.ChannelHash})
	o.str("decryptionStatus", string(g.Status))
	if !decrypted {
		return
	}
	o.strNonEmpty("channel", g.Channel)
	if t == PayloadGrpData {
		if g.InnerError != "inner too short" {
			o.int("dataType", int64(g.DataType))
			o.int("dataLen", int64(g.DataLen))
		}
		o.hexLowerNonEmpty("decryptedBlob", g.Data)
		o.strNonEmpty("error", g.InnerError)
		return
	}
	o.strNonEmpty("text", g.Text())
	o.strNonEmpty("sender", g.Sender)
	if g.Timestamp != 0 {
		o.uint("sender_timestamp", uint64(g.Timestamp))
	}
}

func (t *Trace) appendJSON(o *jsonObj) {
	o.str("type", PayloadTrace.String())
	o.hexLowerNonEmpty("pathData", t.Route)
	if len(t.SNRs) > 0 {
		o.key("snrValues")
		o.b = append(o.b, '[')
		for i, v := range t.SNRs {
			if i > 0 {
				o.b = append(o.b, ',')
			}
			o.b = appendJSONFloat(o.b, v)
		}
		o.b = append(o.b, ']')
	}
	if t.Tag != 0 {
		o.uint("tag", uint64(t.Tag))
	}
	if t.AuthCode != 0 {
		o.uint("authCode", uint64(t.AuthCode))
	}
	o.int("traceFlags", int64(t.Flags))
}

func (m *Multipart) appendJSON(o *jsonObj) {
	o.str("type", PayloadMultipart.String())
	o.int("remaining", int64(m.Remaining))
	o.int("innerType", int64(m.InnerType))
	o.str("innerTypeName", m.InnerType.String())
	if m.InnerAck != nil {
		appendAck(o, m.InnerAck, "innerAckCrc", "innerAckLen", "innerAckAttempt", "innerAckRand")
	}
	o.hexLowerNonEmpty("innerPayload", m.InnerPayload)
}

func (c *Control) appendJSON(o *jsonObj, payload []byte) {
	o.str("type", PayloadControl.String())
	o.hexLower("raw", payload)
	o.hexLower("ctrlFlags", []byte{c.Flags})
	o.bool("ctrlZeroHop", c.ZeroHop())
	o.int("ctrlLength", int64(c.Length))
	o.str("ctrlSubtype", c.Subtype.String())
	switch c.Subtype {
	case ControlDiscoverReq:
		if c.HasTag {
			o.int("ctrlFilter", int64(c.Filter))
			o.uint("ctrlTag", uint64(c.Tag))
		}
		if c.HasSince {
			o.uint("ctrlSince", uint64(c.Since))
		}
	case ControlDiscoverResp:
		if c.HasTag {
			o.uint("ctrlTag", uint64(c.Tag))
		}
		o.int("ctrlNodeType", int64(c.NodeType))
		if c.HasTag {
			o.int("ctrlSNR", int64(c.SNR))
		}
		o.hexLowerNonEmpty("ctrlPubKey", c.PubKey)
	}
}
