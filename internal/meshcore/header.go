package meshcore

import "strconv"

// RouteType is the 2-bit route field of the header byte (packet-format §2).
type RouteType uint8

// Route types.
const (
	RouteTransportFlood  RouteType = 0
	RouteFlood           RouteType = 1
	RouteDirect          RouteType = 2
	RouteTransportDirect RouteType = 3
)

var routeNames = [4]string{"TRANSPORT_FLOOD", "FLOOD", "DIRECT", "TRANSPORT_DIRECT"}

// String returns the route name used in decoded JSON, e.g. "FLOOD".
func (r RouteType) String() string {
	if int(r) < len(routeNames) {
		return routeNames[r]
	}
	return "UNKNOWN"
}

// IsFlood reports whether the route floods (TRANSPORT_FLOOD or FLOOD).
func (r RouteType) IsFlood() bool { return r == RouteTransportFlood || r == RouteFlood }

// IsDirect reports whether the route is direct (DIRECT or TRANSPORT_DIRECT).
func (r RouteType) IsDirect() bool { return r == RouteDirect || r == RouteTransportDirect }

// HasTransportCodes reports whether packets of this route carry the 4 transport-code bytes.
func (r RouteType) HasTransportCodes() bool {
	return r == RouteTransportFlood || r == RouteTransportDirect
}

// PayloadType is the 4-bit payload type field of the header byte.
type PayloadType uint8

// Payload types. Values 12–14 are reserved and render as "UNKNOWN".
const (
	PayloadReq       PayloadType = 0
	PayloadResponse  PayloadType = 1
	PayloadTxtMsg    PayloadType = 2
	PayloadAck       PayloadType = 3
	PayloadAdvert    PayloadType = 4
	PayloadGrpTxt    PayloadType = 5
	PayloadGrpData   PayloadType = 6
	PayloadAnonReq   PayloadType = 7
	PayloadPath      PayloadType = 8
	PayloadTrace     PayloadType = 9
	PayloadMultipart PayloadType = 10
	PayloadControl   PayloadType = 11
	PayloadRawCustom PayloadType = 15
)

var payloadNames = [16]string{
	"REQ", "RESPONSE", "TXT_MSG", "ACK", "ADVERT", "GRP_TXT", "GRP_DATA", "ANON_REQ",
	"PATH", "TRACE", "MULTIPART", "CONTROL", "UNKNOWN", "UNKNOWN", "UNKNOWN", "RAW_CUSTOM",
}

// String returns the payload type name used in decoded JSON, e.g. "ADVERT";
// reserved values give "UNKNOWN".
func (p PayloadType) String() string {
	if int(p) < len(payloadNames) {
		return payloadNames[p]
	}
	return "UNKNOWN"
}

// ParsePayloadType maps a name as returned by PayloadType.String back to its
// value. "UNKNOWN" and unrecognised names report false.
func ParsePayloadType(name string) (PayloadType, bool) {
	for i, n := range payloadNames {
		if n == name && n != "UNKNOWN" {
			return PayloadType(i), true
		}
	}
	return 0, false
}

// Header is the decoded first byte of a packet.
type Header struct {
	Route   RouteType
	Type    PayloadType
	Version uint8 // payload version, 0 = v1; 1–3 are accepted but undefined
}

// ParseHeader splits a header byte into its fields.
func ParseHeader(b byte) Header {
	return Header{Route: RouteType(b & 0x03), Type: PayloadType((b >> 2) & 0x0F), Version: b >> 6}
}

// Byte re-encodes the header.
func (h Header) Byte() byte {
	return byte(h.Route&0x03) | byte(h.Type&0x0F)<<2 | h.Version<<6
}

// String renders the header for logs, e.g. "FLOOD/ADVERT v0".
func (h Header) String() string {
	return h.Route.String() + "/" + h.Type.String() + " v" + strconv.Itoa(int(h.Version))
}
