package main

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/corescope/corescope/internal/alerts"
	"github.com/corescope/corescope/internal/api"
	"github.com/corescope/corescope/internal/testutil"
)

// TestServer_BatteryNoiseAlertsWithDefaultThresholds runs the server binary with the
// default battery and noise thresholds (3400 mV within 3 days over 3 days, 12 readings;
// +6 dB over a 7-day median, 1 h, 12 readings) and writes status rows into its
// database: BATT falls exactly 100 mV/day to 3625 mV now (2.25 days from 3400: fires),
// STEADY stays at 3625 mV (never), NOISY reads -118 dBm for two days then -100 dBm over
// the last hour (18 dB up: fires). /api/alerts lists exactly those two.
func TestServer_BatteryNoiseAlertsWithDefaultThresholds(t *testing.T) {
	o := startOpsServer(t)
	db := testutil.OpenMigrated(t, o.db)
	defer db.Close()
	now := time.Now().UTC().Truncate(5 * time.Minute)
	put := func(id string, at time.Time, battery, noise any) {
		if _, err := db.Exec(`INSERT OR REPLACE INTO observer_metrics (observer_id, timestamp, battery_mv, noise_floor) VALUES (?, ?, ?, ?)`,
			id, at.Format(time.RFC3339), battery, noise); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 12 {
		ago := time.Duration(11-i) * 6 * time.Hour
		put("BATT", now.Add(-ago), 3625+100*ago.Hours()/24, nil)
		put("STEADY", now.Add(-ago), 3625, nil)
		put("NOISY", now.Add(-2*24*time.Hour+time.Duration(i)*time.Hour), nil, -118)
	}
	for i := range 6 {
		put("NOISY", now.Add(-time.Duration(50-10*i)*time.Minute), nil, -100)
	}
	want := map[string]bool{alerts.KindBatteryFalling + " BATT": true, alerts.KindNoiseRising + " NOISY": true}
	var got []string
	waitFor(t, "battery_falling and noise_floor_rising listed", func() bool {
		_, _, body := o.get(t, "/api/alerts")
		var l api.AlertList
		if err := json.Unmarshal([]byte(body), &l); err != nil {
			t.Fatalf("GET /api/alerts: %v: %s", err, body)
		}
		got = got[:0]
		n := 0
		for _, a := range l.Alerts {
			if a.Kind == alerts.KindBatteryFalling || a.Kind == alerts.KindNoiseRising {
				got = append(got, a.Kind+" "+a.Subject)
				if want[a.Kind+" "+a.Subject] && a.Status == "firing" {
					n++
				}
			}
		}
		return n == 2 && len(got) == 2
	})
}
