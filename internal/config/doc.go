// Package config reads config.json plus environment overrides into typed structs for both
// CoreScope processes, fills defaults and validates the result with field-named errors.
//
// Precedence (one rule for every key, lowest to highest): built-in defaults, then the JSON
// file, then environment variables, then command-line flags (applied by cmd/* after Load).
// This deliberately differs from the reference server, where DB_PATH had the lowest
// precedence: here DB_PATH always beats the file for both processes.
//
// Environment variables read by Load (see Env* constants): PORT, DB_PATH, MQTT_BROKER,
// MQTT_TOPIC, CHANNEL_KEYS_PATH, CORESCOPE_INGESTOR_STATS, CORESCOPE_DB_SLOW_WRITER_MS,
// CORS_ALLOWED_ORIGINS, API_KEY, CORESCOPE_INJECT_TOKEN, CORESCOPE_INJECT_LISTEN,
// ENABLE_PPROF and PPROF_PORT.
//
// Only cmd/* imports this package; main maps the result onto each package's Options.
package config
