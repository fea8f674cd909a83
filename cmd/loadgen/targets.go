package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// analyticsPaths are the aggregate endpoints measured besides the list endpoints.
var analyticsPaths = []string{
	"/api/analytics/rf", "/api/analytics/topology", "/api/analytics/channels", "/api/analytics/distance",
	"/api/analytics/hash-sizes", "/api/analytics/hash-collisions", "/api/analytics/subpaths",
	"/api/analytics/relay-airtime-share", "/api/analytics/roles", "/api/nodes/clock-skew",
	"/api/observers/clock-skew", "/api/channels",
}

// detailPaths asks the server for a real packet, the node with the most adverts and the
// busiest channel, and returns their detail paths (packet detail, node detail, channel
// messages). An empty list (no packets yet) is an error: the bench needs real targets.
func detailPaths(ctx context.Context, c *http.Client, base string) ([]string, error) {
	var pk struct {
		Packets []struct {
			Hash string `json:"hash"`
		} `json:"packets"`
	}
	if err := getJSON(ctx, c, base+"/api/packets?limit=1", &pk); err != nil {
		return nil, err
	}
	if len(pk.Packets) == 0 || pk.Packets[0].Hash == "" {
		return nil, fmt.Errorf("pick packet: no packets")
	}
	var nodes struct {
		Nodes []nodeRow `json:"nodes"`
	}
	if err := getJSON(ctx, c, base+"/api/nodes?limit=2000", &nodes); err != nil {
		return nil, err
	}
	node := pickMax(nodes.Nodes, func(n nodeRow) (string, int) { return n.PublicKey, n.AdvertCount })
	if node == "" {
		return nil, fmt.Errorf("pick node: no nodes")
	}
	out := []string{"/api/packets/" + url.PathEscape(pk.Packets[0].Hash), "/api/nodes/" + url.PathEscape(node)}
	var ch struct {
		Channels []chanRow `json:"channels"`
	}
	if err := getJSON(ctx, c, base+"/api/channels", &ch); err != nil {
		return nil, err
	}
	busiest := pickMax(ch.Channels, func(c chanRow) (string, int) { return c.Hash, c.MessageCount })
	if busiest != "" { // a dataset without decryptable channels simply has no such row
		out = append(out, "/api/channels/"+url.PathEscape(busiest)+"/messages?limit=50")
	}
	return out, nil
}

type nodeRow struct {
	PublicKey   string `json:"public_key"`
	AdvertCount int    `json:"advert_count"`
}

type chanRow struct {
	Hash         string `json:"hash"`
	MessageCount int    `json:"messageCount"`
}

// pickMax returns the non-empty key with the largest count ("" when there is none).
func pickMax[T any](rows []T, keyCount func(T) (string, int)) string {
	best, most := "", -1
	for _, r := range rows {
		if k, n := keyCount(r); k != "" && n > most {
			best, most = k, n
		}
	}
	return best
}

// getJSON GETs url and decodes a 200 answer into v.
func getJSON(ctx context.Context, c *http.Client, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("get %s: %w", url, err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("get %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("get %s: status %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("decode %s: %w", url, err)
	}
	return nil
}
