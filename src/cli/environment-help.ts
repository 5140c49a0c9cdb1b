/** The environment variables, shown at the end of `--help` (docs/configuration.md has the details). */
export const ENVIRONMENT_HELP = `
Environment:
  DASMO_DATABASE_URL                mysql://user:pass@host:port/db holding the source relations
  DASMO_APPLICATIONS_DATABASE_URL   override for dasmo_domande (default: DASMO_DATABASE_URL)
  DASMO_SR41_DATABASE_URL           override for dasmo_sr41 (default: DASMO_DATABASE_URL)
  DASMO_OFFICES_DATABASE_URL        override for dasmo_sedi (default: DASMO_DATABASE_URL)
  <any of the above>_FILE           read that URL from a file (a secret) instead
  DASMO_TIMEZONE                    time zone of the source DATETIMEs and of the reference day (default Europe/Rome)
  DASMO_STATEMENT_TIMEOUT_SECONDS   server-side limit per statement (default 300)
  DASMO_DATABASE_POOL_SIZE          connections per distinct database (default 2)
  DASMO_ACCEPT_REFUSED_REFERENCE_DATE  YYYY-MM-DD: publish that day's data even if the publishing guard refuses it

Environment of backfill --import-url:
  DASMO_IMPORT_USERNAME             basic-auth user for the import URL (default: none)
  DASMO_IMPORT_PASSWORD             its password; DASMO_IMPORT_PASSWORD_FILE: read it from a file (a secret) instead
  DASMO_BACKFILL_HEAP_MB            heap limit the import runs with, in MB (default 192)

Environment of serve (a flag, where there is one, wins):
  DASMO_LISTEN_ADDRESS              [host]:port to listen on, as --web.listen-address (default :9713)
  DASMO_WEB_CONFIG_FILE             exporter-toolkit web config (TLS, basic auth), as --web.config.file
  DASMO_ENABLE_UNAUTHENTICATED_REFRESH  true: allow POST /-/refresh without basic auth (default false)
  DASMO_REFRESH_MIN_INTERVAL_SECONDS  shortest time between refreshes POST /-/refresh starts; earlier: 429 (default 60, 0: no limit)
  DASMO_REFRESH_SCHEDULE            cron expression in DASMO_TIMEZONE (default "30 6 * * *")
  DASMO_REFRESH_RETRY_INITIAL_SECONDS  first retry after a failed refresh, then doubling (default 60)
  DASMO_REFRESH_RETRY_MAX_SECONDS   longest wait between retries (default 3600)
  DASMO_STATE_DIR                   directory keeping the last good snapshot across restarts (default: not kept)
  DASMO_BUILD_MEMORY_LIMIT_MB       heap limit of a refresh's build thread, in MB (default 1024)
  DASMO_MAX_RECEIVED_DROP_PERCENT   refuse a refresh whose national received total falls by more (default 1, 100: off)
  DASMO_LOG_LEVEL                   fatal, error, warn, info, debug, trace or silent (default info)

Environment of grafana-orgs (Grafana's own names, so that it reads Grafana's env file):
  GF_SECURITY_ADMIN_USER            the Grafana server admin (default admin)
  GF_SECURITY_ADMIN_PASSWORD        its password; or GF_SECURITY_ADMIN_PASSWORD__FILE, a file holding it
`;

/** How every command exits, shown after the environment. */
export const EXIT_STATUS_HELP = `
Exit status:
  0  success
  1  a database failed (a source of snapshot or backfill, the database demo-data writes into),
     or backfill's import target; grafana-orgs: Grafana failed, or its organizations disagree
     with the list
  2  bad arguments or settings; check-config: any problem found
`;
