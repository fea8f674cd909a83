// Package deploy_test runs the container's moving parts (docker/entrypoint.sh, supervisord.conf,
// mosquitto.conf, Caddyfile) with Debian's packages directly, since our machines have no Docker
// engine: the same files the image uses, with paths and ports supplied through the environment.
package deploy_test
