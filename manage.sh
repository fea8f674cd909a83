#!/usr/bin/env bash
# CoreScope management entry point: developer commands (run, test) and operator commands.
# Each command lives in scripts/manage/<group>.sh; this file only dispatches.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

# shellcheck source=scripts/manage/common.sh
source "$ROOT/scripts/manage/common.sh"
for f in "$ROOT"/scripts/manage/*.sh; do
  [ "$f" = "$ROOT/scripts/manage/common.sh" ] || source "$f"
done

cmd="${1:-help}"
[ $# -gt 0 ] && shift
case "$cmd" in
  run)   cmd_run "$@" ;;
  test)  cmd_test "$@" ;;
  build) cmd_build "$@" ;;
  help|-h|--help) cmd_help ;;
  *)
    if declare -F "cmd_${cmd//-/_}" >/dev/null; then
      "cmd_${cmd//-/_}" "$@"
    else
      err "unknown command: $cmd"
      cmd_help
      exit 2
    fi
    ;;
esac
