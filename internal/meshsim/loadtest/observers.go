package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// ObserverAnalyticsPath asks the server for its observers and returns the analytics path
// of the one with the most packets (/api/observers/{id}/analytics), the heaviest case of
// that endpoint.
func ObserverAnalyticsPath(ctx context.Context, c *http.Client, baseURL string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/api/observers", nil)
	if err != nil {
		return "", fmt.Errorf("list observers: %w", err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", fmt.Errorf("list observers: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("list observers: status %d", resp.StatusCode)
	}
	var body struct {
		Observers []struct {
			ID          string `json:"id"`
			PacketCount int    `json:"packet_count"`
		} `json:"observers"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return "", fmt.Errorf("decode observers: %w", err)
	}
	best, most := "", -1
	for _, o := range body.Observers {
		if o.ID != "" && o.PacketCount > most {
			best, most = o.ID, o.PacketCount
		}
	}
	if best == "" {
		return "", fmt.Errorf("list observers: none")
	}
	return "/api/observers/" + url.PathEscape(best) + "/analytics", nil
}
