#!/bin/sh
# The one-shot `history-import` service of docker-compose.yml (Prometheus image, before
# Prometheus starts): turns the file written by history-writer into TSDB blocks in Prometheus'
# data directory with promtool, then leaves a marker and removes the file. Blocks of up to 31
# days (744h) keep the index small; Prometheus compacts them further itself.
set -eu
dir="${DASMO_HISTORY_DIR:-/history}"
data="${PROMETHEUS_DATA_DIR:-/prometheus}"
file="$dir/dasmo-history.om"
if [ -e "$dir/imported" ]; then
  echo "history: already imported"
  exit 0
fi
if [ ! -e "$file" ]; then
  echo "history: nothing to import"
  exit 0
fi
echo "history: importing $file into $data"
promtool tsdb create-blocks-from openmetrics --max-block-duration=744h "$file" "$data" > "$dir/import.log"
tail -n 3 "$dir/import.log"
touch "$dir/imported"
rm -f "$file"
echo "history: imported"
