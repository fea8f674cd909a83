package ingest

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/corescope/corescope/internal/meshcore"
)

// decoded is everything the writer needs from one packet, computed outside the writer.
type decoded struct {
	hash           string
	rawHex         string
	routeType      int
	payloadType    int
	payloadVersion int
	decodedJSON    string
	channelHash    *string
	fromPubkey     *string
	scopeName      *string
	pathJSON       string
	hops           []string
	advert         *advertInfo
}

// advertInfo is a validated ADVERT's node data.
type advertInfo struct {
	pubkey     string // lower-case hex
	name       string
	role       string
	lat, lon   *float64
	batteryMV  *int
	tempC      *float64
	sigChecked bool
	sigValid   bool
	foreign    bool // outside the geo filter (flag mode)
	skipNode   bool // node blacklisted or hidden: store the packet, leave nodes alone
}

// errCorruptAdvert marks ADVERTs that decode but fail ValidateAdvert (§2.1 step 3a).
var errCorruptAdvert = fmt.Errorf("corrupt advert")

// decodePacket decodes raw hex with the given options (channel keys, signature check)
// and derives the stored columns.
func decodePacket(rawHex string, opts meshcore.DecodeOptions, regions []string) (*decoded, error) {
	pk, err := meshcore.DecodeHex(rawHex, opts)
	if err != nil {
		return nil, err
	}
	d := &decoded{
		hash: pk.Hash, rawHex: strings.TrimSpace(rawHex),
		routeType: int(pk.Header.Route), payloadType: int(pk.Header.Type), payloadVersion: int(pk.Header.Version),
	}
	pj, err := payloadJSON(pk)
	if err != nil {
		return nil, fmt.Errorf("encode payload: %w", err)
	}
	d.decodedJSON = pj
	d.hops = pk.ObservationPath()
	pb, _ := json.Marshal(d.hops)
	d.pathJSON = string(pb)
	if g := pk.Group; g != nil && pk.Header.Type == meshcore.PayloadGrpTxt {
		ch := "enc_" + strings.ToUpper(hex.EncodeToString([]byte{g.ChannelHash}))
		if g.Status == meshcore.StatusDecrypted && g.Channel != "" {
			ch = g.Channel
		}
		d.channelHash = &ch
	}
	if pk.Transport != nil && pk.Transport.Code1 != 0 {
		name, _ := pk.MatchScope(regions) // "" marks a scoped packet of unknown region
		d.scopeName = &name
	}
	if a := pk.Advert; a != nil {
		info, err := validateAdvert(a)
		if err != nil {
			return nil, err
		}
		d.advert = info
		d.fromPubkey = &info.pubkey
	}
	return d, nil
}

// validateAdvert applies the reference's corrupt-advert rules (§2.1 step 3a).
func validateAdvert(a *meshcore.Advert) (*advertInfo, error) {
	allZero := true
	for _, b := range a.PubKey {
		if b != 0 {
			allZero = false
			break
		}
	}
	if allZero {
		return nil, fmt.Errorf("%w: zero public key", errCorruptAdvert)
	}
	info := &advertInfo{
		pubkey: hex.EncodeToString(a.PubKey[:]), name: a.Name, role: meshcore.RoleCompanion.String(),
		batteryMV: a.BatteryMV, tempC: a.TemperatureC,
		sigChecked: a.SignatureChecked, sigValid: a.SignatureValid,
	}
	if a.HasFlags {
		info.role = a.Role().String()
	}
	if l := a.Location; l != nil {
		if math.IsNaN(l.Lat) || math.IsNaN(l.Lon) || l.Lat < -90 || l.Lat > 90 || l.Lon < -180 || l.Lon > 180 {
			return nil, fmt.Errorf("%w: location out of range", errCorruptAdvert)
		}
		lat, lon := l.Lat, l.Lon
		info.lat, info.lon = &lat, &lon
	}
	if len(a.Name) > 64 || strings.ContainsFunc(a.Name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return nil, fmt.Errorf("%w: bad name", errCorruptAdvert)
	}
	if b := info.batteryMV; b != nil && (*b < 1 || *b > 10000) {
		info.batteryMV = nil
	}
	if t := info.tempC; t != nil && (*t < -50 || *t > 100) {
		info.tempC = nil
	}
	return info, nil
}
