package config

import (
	"strings"
	"testing"
)

// TestLoad_ClientRxCoverageEnv: CLIENT_RX_COVERAGE turns the opt-in on over a file that
// leaves it off, and a value that is not a boolean is an error naming the variable.
func TestLoad_ClientRxCoverageEnv(t *testing.T) {
	path := writeConfig(t, `{"clientRxCoverage":{"enabled":false}}`)
	c, err := Load(path, env(map[string]string{EnvClientRxCoverage: "true"}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.ClientRxCoverage.Enabled {
		t.Error("CLIENT_RX_COVERAGE=true left clientRxCoverage.enabled off")
	}
	c, err = Load(writeConfig(t, `{"clientRxCoverage":{"enabled":true}}`), env(map[string]string{EnvClientRxCoverage: "0"}))
	if err != nil || c.ClientRxCoverage.Enabled {
		t.Errorf("CLIENT_RX_COVERAGE=0: enabled %v, err %v", c != nil && c.ClientRxCoverage.Enabled, err)
	}
	if _, err := Load(path, env(map[string]string{EnvClientRxCoverage: "maybe"})); err == nil || !strings.Contains(err.Error(), EnvClientRxCoverage) {
		t.Errorf("got %v, want a CLIENT_RX_COVERAGE error", err)
	}
}
