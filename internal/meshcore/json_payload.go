package meshcore

import "time"

// Per-variant payload members, in the reference struct order (packet-format §9).

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
