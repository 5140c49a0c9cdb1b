#!/bin/sh
# The one-shot `history-writer` service of docker-compose.yml: on the stack's first start, writes
# the daily snapshots of the DASMO_HISTORY_DAYS days before yesterday (default 35) with
# `dasmo-exporter backfill`, for `history-import` to turn into Prometheus blocks. Yesterday
# itself comes from the exporter's first refresh, as it would in production. With that history
# every panel has data at once: day figures (today minus yesterday), 7-day paces and
# week-over-week comparisons need earlier days. Samples are stamped at the refresh time of
# each following day (06:30), labelled job="dasmo" and instance=DASMO_HISTORY_INSTANCE, the
# target's address in deploy/prometheus/prometheus.yml, so history and scrapes are one series.
# DASMO_HISTORY_DAYS=0 writes nothing. Once history-import has read the file it leaves a marker
# and later runs do nothing.
set -eu
cli="${DASMO_CLI:-node /app/bin/dasmo-exporter.js}"
dir="${DASMO_HISTORY_DIR:-/var/lib/dasmo}"
days="${DASMO_HISTORY_DAYS:-35}"
out="$dir/dasmo-history.om"
if [ -e "$dir/imported" ]; then
  echo "history: already imported into Prometheus"
  exit 0
fi
# The Prometheus image runs as another user: let it remove the file and leave its marker here.
chmod 0777 "$dir"
case "$days" in
  '' | *[!0-9]*) echo "history: DASMO_HISTORY_DAYS must be a whole number of days, got '$days'" >&2; exit 2 ;;
  0) echo "history: DASMO_HISTORY_DAYS=0, no history written"; exit 0 ;;
esac
if [ -e "$out" ]; then
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
echo "history: writing the snapshots of $from to $to"
exec $cli backfill --from "$from" --to "$to" --out "$out" --instance "${DASMO_HISTORY_INSTANCE:?DASMO_HISTORY_INSTANCE is not set}"
