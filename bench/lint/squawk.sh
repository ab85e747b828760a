# Sourced by the lint benches: sets $squawk to SQUAWK, or to squawk-cli 2.66.0 as the shared peers script
# (shared/bench/setup.sh) installs it outside the repo (~/.cache/dsqlkit-peers); without that script (a fresh
# clone elsewhere) the same pinned version is installed there with npm. Needs $root and a log function.
squawk="${SQUAWK:-}"
if [ -z "$squawk" ]; then
  peers="${DSQLKIT_PEERS:-$HOME/.cache/dsqlkit-peers}"
  setup=""
  for c in "$root/../shared/bench/setup.sh" "$root/../../shared/bench/setup.sh" "${DSQLKIT_SHARED:-/nonexistent}/bench/setup.sh"; do
    [ -f "$c" ] && { setup="$c"; break; }
  done
  if [ -x "$peers/node_modules/.bin/squawk" ]; then
    squawk="$peers/node_modules/.bin/squawk"
  elif [ -n "$setup" ]; then
    squawk="$(bash "$setup" | tail -1)/node_modules/.bin/squawk"
  elif command -v npm >/dev/null 2>&1; then
    log "installing squawk-cli@2.66.0 into $peers"
    mkdir -p "$peers" && (cd "$peers" && { [ -f package.json ] || npm init -y >/dev/null; } \
      && npm install --no-audit --no-fund --silent squawk-cli@2.66.0 >/dev/null) || { log "npm install failed; set SQUAWK=/path/to/squawk"; exit 2; }
    squawk="$peers/node_modules/.bin/squawk"
  else
    log "no squawk: install npm or set SQUAWK=/path/to/squawk"; exit 2
  fi
fi
