# Sourced by the entrypoint of the official mariadb image, once, when it initialises an empty
# data directory (after 10-dasmo-schema.sql). The image has already created the database
# MARIADB_DATABASE and the loader user MARIADB_USER (all rights on that database; only the
# one-shot demo-data service uses it). This adds the exporter's user: SELECT only, and at most
# 4 connections (the exporter opens DASMO_DATABASE_POOL_SIZE = 2 per distinct database).
dasmo_exporter_user="${DASMO_EXPORTER_USER:-dasmo_exporter}"
dasmo_exporter_password="$(cat "${DASMO_EXPORTER_PASSWORD_FILE:?DASMO_EXPORTER_PASSWORD_FILE is not set}")"
dasmo_exporter_password_sql="$(printf '%s' "$dasmo_exporter_password" | sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g")"
docker_process_sql --database=mysql <<SQL
CREATE USER '${dasmo_exporter_user}'@'%' IDENTIFIED BY '${dasmo_exporter_password_sql}' WITH MAX_USER_CONNECTIONS 4;
GRANT SELECT ON \`${MARIADB_DATABASE}\`.* TO '${dasmo_exporter_user}'@'%';
SQL
unset dasmo_exporter_user dasmo_exporter_password dasmo_exporter_password_sql
