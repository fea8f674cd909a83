package config

import (
	"fmt"
	"strconv"
)

// EnvClientRxCoverage overrides clientRxCoverage.enabled (true/false, 1/0); `./manage.sh
// demo` sets it so the simulator's mobile clients fill the coverage views.
const EnvClientRxCoverage = "CLIENT_RX_COVERAGE"

func (c *Config) applyClientRxEnv(get func(string) (string, bool)) error {
	v, ok := get(EnvClientRxCoverage)
	if !ok {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("env %s: not true or false: %q", EnvClientRxCoverage, v)
	}
	c.ClientRxCoverage.Enabled = b
	return nil
}
