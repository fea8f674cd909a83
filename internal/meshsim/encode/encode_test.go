package encode

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"github.com/corescope/corescope/internal/meshcore"
)

func testKey() ed25519.PrivateKey { return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32)) }

func TestFrame_RoundTripsThroughDecoder(t *testing.T) {
	f := Frame{Route: meshcore.RouteTransportFlood, Type: meshcore.PayloadAck, Transport: [2]uint16{0x1234, 0},
		HashSize: 2, Path: []byte{0xAA, 0xBB, 0xCC, 0xDD}, Payload: Ack([4]byte{1, 2, 3, 4}, 1, 9)}
	raw, err := f.Bytes()
	if err != nil {
		t.Fatalf("bytes: %v", err)
	}
	pk, err := meshcore.Decode(raw, meshcore.DecodeOptions{})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if pk.Transport == nil || pk.Transport.Code1 != 0x1234 {
		t.Errorf("transport: got %+v, want code1 0x1234", pk.Transport)
	}
	if got := strings.Join(pk.Path.Hops(), ","); got != "AABB,CCDD" {
		t.Errorf("hops: got %s, want AABB,CCDD", got)
	}
	if pk.Ack == nil || pk.PayloadError != "" {
		t.Errorf("ack: got %+v, error %q", pk.Ack, pk.PayloadError)
	}
}

func TestFrame_RejectsOutOfLimits(t *testing.T) {
	for name, f := range map[string]Frame{
		"hash size 4":       {HashSize: 4},
		"ragged path":       {HashSize: 2, Path: []byte{1, 2, 3}},
		"path over 64":      {HashSize: 1, Path: make([]byte, 65)},
		"payload over 184":  {Payload: make([]byte, 185)},
		"negative hashsize": {HashSize: -1},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := f.Bytes(); !errors.Is(err, ErrInvalid) {
				t.Errorf("got %v, want ErrInvalid", err)
			}
		})
	}
}

func TestAdvert_SignedAndParsed(t *testing.T) {
	app := AppData{Role: meshcore.RoleRoom, HasLocation: true, Lat: 37.123456, Lon: -122.654321,
		Name: "A very long room server name that overflows"}
	p, err := Advert(testKey(), 1700000000, app.Bytes())
	if err != nil {
		t.Fatalf("advert: %v", err)
	}
	raw, _ := (&Frame{Route: meshcore.RouteFlood, Type: meshcore.PayloadAdvert, Payload: p}).Bytes()
	pk, err := meshcore.Decode(raw, meshcore.DecodeOptions{})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	a := pk.Advert
	if !a.SignatureValid || a.Role() != meshcore.RoleRoom || a.Timestamp != 1700000000 {
		t.Fatalf("advert: got valid=%v role=%v ts=%d", a.SignatureValid, a.Role(), a.Timestamp)
	}
	if a.Location == nil || a.Location.Lat != 37.123456 || a.Location.Lon != -122.654321 {
		t.Errorf("location: got %+v", a.Location)
	}
	if len(a.AppData) > 32 || !strings.HasPrefix(app.Name, a.Name) || a.Name == "" {
		t.Errorf("name: got %q in %d app-data bytes, want a prefix within 32", a.Name, len(a.AppData))
	}
	if _, err := Advert(testKey()[:10], 0, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("short key: got %v, want ErrInvalid", err)
	}
	if _, err := Advert(testKey(), 0, make([]byte, 33)); !errors.Is(err, ErrInvalid) {
		t.Errorf("long app data: got %v, want ErrInvalid", err)
	}
}

func TestAppData_CutsNameAtRuneBoundary(t *testing.T) {
	b := AppData{Role: meshcore.RoleCompanion, Name: strings.Repeat("é", 20)}.Bytes()
	if len(b) > 32 || len(b) != 31 {
		t.Errorf("app data: got %d bytes, want 31 (1 flag + 15 two-byte runes)", len(b))
	}
}

func TestGroupText_DecryptsWithHashtagKey(t *testing.T) {
	key := meshcore.HashtagKey("#test")
	p, err := GroupText(key, 1700000001, "Alice", "hello\nworld "+strings.Repeat("x", 300))
	if err != nil {
		t.Fatalf("group text: %v", err)
	}
	raw, err := (&Frame{Route: meshcore.RouteFlood, Type: meshcore.PayloadGrpTxt, Payload: p}).Bytes()
	if err != nil {
		t.Fatalf("frame (payload %d bytes): %v", len(p), err)
	}
	keys, _ := meshcore.NewChannelKeys(nil, []string{"#test"})
	pk, err := meshcore.Decode(raw, meshcore.DecodeOptions{Keys: keys})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	g := pk.Group
	if g.Status != meshcore.StatusDecrypted || g.Channel != "#test" || g.Sender != "Alice" ||
		!strings.HasPrefix(g.Message, "hello world x") || g.Timestamp != 1700000001 {
		t.Errorf("got %+v", g)
	}
}

func TestPeer_EnvelopeAndMAC(t *testing.T) {
	secret := PeerSecret([]byte{1, 2}, []byte{3, 4})
	if secret != PeerSecret([]byte{3, 4}, []byte{1, 2}) {
		t.Fatalf("peer secret depends on argument order")
	}
	p, err := Peer(secret, 0xAB, 0xCD, TextPlain(5, 1, "hi"))
	if err != nil {
		t.Fatalf("peer: %v", err)
	}
	if len(p) != 4+16 || p[0] != 0xAB || p[1] != 0xCD {
		t.Errorf("payload: got % x, want dest, src, mac(2), one block", p)
	}
	if _, err := AnonReq(secret, 1, []byte{1}, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("anon req with short key: got %v, want ErrInvalid", err)
	}
}

func TestTrace_EntriesAndSNR(t *testing.T) {
	if _, err := Trace(1, 2, 1, []byte{1, 2, 3}); !errors.Is(err, ErrInvalid) {
		t.Errorf("ragged route: got %v, want ErrInvalid", err)
	}
	if got := int8(SNRByte(-7.25)); got != -29 {
		t.Errorf("SNRByte(-7.25): got %d, want -29", got)
	}
	if got := int8(SNRByte(100)); got != 127 {
		t.Errorf("SNRByte(100): got %d, want 127 (clamped)", got)
	}
}
