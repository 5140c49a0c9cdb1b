#!/bin/sh
# The history one-shot of the compose stacks: on the stack's first start, computes the daily
# snapshots of the DASMO_HISTORY_DAYS days before yesterday (default 35) with
# `dasmo-exporter backfill`. With DASMO_HISTORY_IMPORT_URL set (`history-backfill` in
# docker-compose.yml) it imports them into VictoriaMetrics as they are computed, then leaves a
# marker; otherwise (`history-writer` in docker-compose.prometheus.yml) it writes a file for
# `history-import` to turn into Prometheus blocks. Yesterday
# itself comes from the exporter's first refresh, as it would in production. With that history
# every panel has data at once: day figures (today minus yesterday), 7-day paces and
# week-over-week comparisons need earlier days. Samples are stamped at the refresh time of
# each following day (06:30), labelled job="dasmo" and instance=DASMO_HISTORY_INSTANCE, the
# target's address in the scrape config, so history and scrapes are one series.
# DASMO_HISTORY_DAYS=0 writes nothing. Once the history is imported (by this script, or by
# history-import from the file) a marker is left and later runs do nothing.
set -eu
cli="${DASMO_CLI:-node /app/bin/dasmo-exporter.js}"
dir="${DASMO_HISTORY_DIR:-/var/lib/dasmo}"
days="${DASMO_HISTORY_DAYS:-35}"
out="$dir/dasmo-history.om"
if [ -e "$dir/imported" ]; then
  echo "history: already imported"
  exit 0
fi
# The Prometheus image runs as another user: let it remove the file and leave its marker here.
chmod 0777 "$dir"
case "$days" in
  '' | *[!0-9]*) echo "history: DASMO_HISTORY_DAYS must be a whole number of days, got '$days'" >&2; exit 2 ;;
  0) echo "history: DASMO_HISTORY_DAYS=0, no history written"; exit 0 ;;
esac
instance="${DASMO_HISTORY_INSTANCE:?DASMO_HISTORY_INSTANCE is not set}"
import_url="${DASMO_HISTORY_IMPORT_URL:-}"
if [ -z "$import_url" ] && [ -e "$out" ]; then
  echo "history: $out is already written"
  exit 0
fi
# Calendar days in DASMO_TIMEZONE: from (days + 1) days ago to the day before yesterday.
range="$(node -e '
  const [days, zone] = [Number(process.argv[1]), process.argv[2]];
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date());
  const ago = (n) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86400000).toISOString().slice(0, 10);
  console.log(ago(days + 1), ago(2));
' "$days" "${DASMO_TIMEZONE:-Europe/Rome}")"
from="${range% *}"
to="${range#* }"
if [ -n "$import_url" ]; then
  echo "history: importing the snapshots of $from to $to into $import_url"
  # A failed import leaves no marker: the next start imports again (the same samples again).
  $cli backfill --from "$from" --to "$to" --import-url "$import_url" --instance "$instance"
  touch "$dir/imported"
  echo "history: imported"
  exit 0
fi
echo "history: writing the snapshots of $from to $to"
exec $cli backfill --from "$from" --to "$to" --out "$out" --instance "$instance"
