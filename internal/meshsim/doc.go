// Package meshsim simulates a regional MeshCore mesh for demos, load tests and
// benchmarks. A World holds nodes with real Ed25519 identities, roles and GPS positions
// plus the observers (uploading radios) with IATA regions; a Generator produces
// transmissions with a realistic payload-type mix — signed adverts, channel messages
// under the Public and hashtag keys, direct messages with ACKs and returned paths,
// requests and responses, room logins and traces — and floods them through the
// repeaters, so each transmission is heard by several observers with growing paths and
// distance-based SNR/RSSI. Output is the MQTT messages observers publish
// (meshcore/<IATA>/<OBSERVER>/packets and …/status), handed to a Sink.
//
// ApplyProfile shapes a world for benchmark datasets: Options.ObserversPerTx keeps a few
// of the observers that heard each transmission (realistic ≈ 5, fixture 1), as on a
// production mesh whose observers are spread over many regions.
//
// Everything is deterministic for a given seed and clock. Packets are built by
// internal/meshsim/encode and decode cleanly with internal/meshcore.
package meshsim
