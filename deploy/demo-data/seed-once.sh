#!/bin/sh
# The one-shot `demo-data` service of docker-compose.yml: writes the synthetic dataset once.
# On later `docker compose up` runs the database already holds it, and it is kept (demo-data
# itself refuses to write over rows without --replace). "Holds data" means that the snapshot
# of yesterday counts received applications; a database without the relations, or with
# empty ones (as the schema creates them), gets the data.
# DASMO_DEMO_SIZE: small (default, ~50k applications), medium (~500k) or large (~5M).
# DASMO_CLI: how to run the exporter's CLI (the image's; tests point it elsewhere).
set -u
cli="${DASMO_CLI:-node /app/bin/dasmo-exporter.js}"
if $cli snapshot 2>/dev/null | grep -q '^dasmo_applications_received_total{'; then
  echo "demo-data: the database already holds data; kept as it is"
  exit 0
fi
echo "demo-data: writing the ${DASMO_DEMO_SIZE:-small} demo dataset"
exec $cli demo-data --size "${DASMO_DEMO_SIZE:-small}"
