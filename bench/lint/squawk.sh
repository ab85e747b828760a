# Sourced by the lint benches: sets $squawk to SQUAWK, or to the squawk-cli that the shared peers script
# (shared/bench/setup.sh) installs outside the repo. Needs $root and a log function.
squawk="${SQUAWK:-}"
if [ -z "$squawk" ]; then
  setup=""
  for c in "$root/../shared/bench/setup.sh" "$root/../../shared/bench/setup.sh" "${DSQLKIT_SHARED:-/nonexistent}/bench/setup.sh"; do
    [ -f "$c" ] && { setup="$c"; break; }
  done
  if [ -z "$setup" ]; then
    log "cannot find shared/bench/setup.sh; set SQUAWK=/path/to/squawk"; exit 2
  fi
  squawk="$(bash "$setup" | tail -1)/node_modules/.bin/squawk"
fi
