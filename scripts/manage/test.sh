# manage.sh test: install what is missing, then run every check and test suite.
# Steps run in order; each prints its runner's own output. Exit is non-zero if any step failed.

# The suite's fuzz step is a smoke run; `./manage.sh fuzz` is the longer campaign.
FUZZTIME="${FUZZTIME:-5s}"
TEST_FAILED=()
TEST_PASSED=()
TEST_TIMES=()

run_step() {
  local name="$1"; shift
  say "test step: $name"
  local start=$SECONDS
  if "$@"; then
    TEST_PASSED+=("$name")
    TEST_TIMES+=("$(printf '%5ds  ok      %s' $((SECONDS - start)) "$name")")
    say "step ok: $name ($((SECONDS - start))s)"
  else
    TEST_FAILED+=("$name")
    TEST_TIMES+=("$(printf '%5ds  FAILED  %s' $((SECONDS - start)) "$name")")
    err "step FAILED: $name ($((SECONDS - start))s)"
  fi
}

test_deps() {
  need_go
  need_pkg /usr/sbin/mosquitto mosquitto
  need_pkg /usr/bin/sqlite3 sqlite3
  need_pkg /usr/bin/mosquitto_pub mosquitto-clients
  need_pkg /usr/bin/supervisord supervisor
  need_pkg /usr/bin/caddy caddy
  need_pkg /usr/bin/protoc protobuf-compiler
  if [ -d "$ROOT/test/browser" ]; then
    need_pkg /usr/bin/chromium chromium
  fi
  npm_deps
  if ! command -v staticcheck >/dev/null 2>&1 && [ ! -x "$(go env GOPATH)/bin/staticcheck" ]; then
    say "installing staticcheck (go install)"
    go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
  fi
  if ! command -v deadcode >/dev/null 2>&1 && [ ! -x "$(go env GOPATH)/bin/deadcode" ]; then
    say "installing deadcode (go install)"
    go install golang.org/x/tools/cmd/deadcode@v0.53.0
  fi
  if ! command -v protoc-gen-go >/dev/null 2>&1 && [ ! -x "$(go env GOPATH)/bin/protoc-gen-go" ]; then
    say "installing protoc-gen-go (go install, version pinned to go.mod's protobuf)"
    go install google.golang.org/protobuf/cmd/protoc-gen-go@"$(go list -m -f '{{.Version}}' google.golang.org/protobuf)"
  fi
}

step_gofmt() {
  local out
  out="$(gofmt -l $(git ls-files '*.go'; git ls-files --others --exclude-standard '*.go'))"
  if [ -n "$out" ]; then err "gofmt needed on:"; echo "$out"; return 1; fi
}

step_vet() { go vet ./...; }

step_staticcheck() {
  local sc; sc="$(command -v staticcheck || echo "$(go env GOPATH)/bin/staticcheck")"
  "$sc" ./...
}

# step_deadcode fails on any function no main package or test reaches (issue #18: dead code
# is removed, not kept alive by `var _ =`).
step_deadcode() {
  local dc out; dc="$(command -v deadcode || echo "$(go env GOPATH)/bin/deadcode")"
  out="$("$dc" -test ./cmd/... ./internal/... ./proto/... ./test/...)" || return 1
  if [ -n "$out" ]; then err "unreachable functions (delete them):"; echo "$out"; return 1; fi
}

# step_vectors prints the decoder conformance summary (every shared vector, per class).
step_vectors() {
  local out rc=0
  out="$(go test -count=1 -run '^TestVectors$' -v ./internal/meshcore 2>&1)" || rc=1
  echo "$out" | grep -E 'class .*vectors pass|^--- (PASS|FAIL): TestVectors|^(ok|FAIL)'
  [ $rc -eq 0 ] || echo "$out" | tail -40
  return $rc
}

step_gotest() { go test -race -count=1 -timeout 20m ./...; }

# step_fuzz runs every Fuzz* target briefly (a smoke run, not a campaign).
step_fuzz() {
  local file pkg fn rc=0
  while IFS= read -r file; do
    pkg="./$(dirname "$file")"
    for fn in $(grep -oE '^func (Fuzz[A-Za-z0-9_]+)' "$file" | awk '{print $2}'); do
      say "fuzz $pkg $fn for $FUZZTIME"
      go test -run '^$' -fuzz "^${fn}\$" -fuzztime "$FUZZTIME" "$pkg" || rc=1
    done
  done < <(git ls-files '*_test.go' | xargs grep -l '^func Fuzz' 2>/dev/null)
  return $rc
}

step_js_lint() {
  local f
  for f in $(git ls-files 'public/*.js' 'test/*.js' 'test/*.mjs'); do node --check "$f" || return 1; done
  if [ -x "$ROOT/node_modules/.bin/eslint" ]; then "$ROOT/node_modules/.bin/eslint" public test; fi
}

step_js_unit() { node --test test/js/; }

step_browser() { node --test --test-concurrency=1 test/browser/; }

# cmd_fuzz is the longer fuzz campaign kept out of the suite: every Fuzz* target for DURATION each.
cmd_fuzz() {
  FUZZTIME="${1:-${FUZZTIME_CAMPAIGN:-2m}}"
  need_go
  step_fuzz
}

cmd_test() {
  local suite_start=$SECONDS
  test_deps || { err "could not install test dependencies"; exit 1; }
  local deps_done=$SECONDS
  run_step gofmt step_gofmt
  run_step "go vet" step_vet
  run_step staticcheck step_staticcheck
  run_step deadcode step_deadcode
  run_step "decoder conformance (shared vectors)" step_vectors
  run_step "go test -race" step_gotest
  run_step fuzz step_fuzz
  if [ -d "$ROOT/test/js" ] || [ -d "$ROOT/public" ]; then
    run_step "js syntax+lint" step_js_lint
  fi
  [ -d "$ROOT/test/js" ] && run_step "js unit (node --test)" step_js_unit
  [ -d "$ROOT/test/browser" ] && run_step "browser (playwright-core + chromium)" step_browser
  echo
  say "step times (dependency check took $((deps_done - suite_start))s):"
  local t; for t in "${TEST_TIMES[@]}"; do echo "$t"; done
  say "manage.sh test summary: ${#TEST_PASSED[@]} steps ok, ${#TEST_FAILED[@]} steps failed, $((SECONDS - deps_done))s after dependencies"
  local s; for s in "${TEST_FAILED[@]}"; do err "failed step: $s"; done
  [ ${#TEST_FAILED[@]} -eq 0 ]
}
