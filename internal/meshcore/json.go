package meshcore

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
		o.int("rawLength", int64(len(p.Payload)))
		if len(p.Payload) > 0 {
			o.hexUpper("firstByteTag", p.Payload[:1])
		}
	default:
		o.str("type", t.String())
		o.hexLowerNonEmpty("raw", p.Payload)
	}
}
