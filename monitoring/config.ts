/**
 * Every selector, threshold and window used by the DASMO dashboards, alert rules and
 * provisioning files (mixin style). Dashboards, alerts and provisioning read only from here:
 * change a value, run the generator (docs/dashboards.md), commit the regenerated files.
 */

import { AGE_BUCKET_DAYS, SECONDS_PER_DAY, SR41_CRITICAL_AGE_DAYS } from '../src/contract/ages';

/** The shortest interval between two daily samples: the day the clocks go forward. */
const SHORTEST_DAY_SECONDS = 23 * 3600;

interface DatasourceConfig {
  /** Fixed uid of the provisioned Prometheus datasource; alert rules point at it. */
  readonly uid: string;
  readonly name: string;
  /** Where Grafana reaches Prometheus. Change it to your Prometheus address. */
  readonly url: string;
  /** Name of the dashboard variable every panel and target uses as its datasource. */
  readonly variable: string;
}

interface DashboardUids {
  readonly overview: string;
  readonly applications: string;
  readonly sr41: string;
  readonly exporter: string;
}

interface AlertThresholds {
  /** How often Grafana and Prometheus evaluate the DASMO rule groups. */
  readonly evaluationInterval: string;
  /** Scrape failures tolerated before paging: raise it if the exporter restarts slowly. */
  readonly exporterDownFor: string;
  /** A source relation unreachable this long fires DasmoSourceDown. */
  readonly sourceDownFor: string;
  /**
   * A source whose data the publishing guard refused fires DasmoSourceRefused after this long.
   * Short: the refusal holds until the source is fixed or an operator accepts the data.
   */
  readonly sourceRefusedFor: string;
  /**
   * Hours since the start of the reference day beyond which the snapshot is stale. The
   * reference day is normally yesterday, so its start is 24-48 h ago; 48 h + 8 h lets the
   * daily refresh run until 08:00 (and absorbs the DST hour). Lower it if the refresh runs
   * earlier in the night.
   */
  readonly referenceDateMaxAgeHours: number;
  /** No successful refresh of a source for this many hours fires DasmoRefreshOverdue. */
  readonly refreshMaxAgeHours: number;
  /** An office with more applications than this pending beyond `chronicAgeDays` fires. */
  readonly chronicBacklogMaxApplications: number;
  /** Week-over-week growth ratio of an office's backlog that fires (1.2 = +20 %). */
  readonly backlogGrowthRatio: number;
  /** Offices with fewer pending applications than this never fire the growth alert. */
  readonly backlogGrowthMinPending: number;
  /** Share of SR41 flows rejected (scartati) among those closed in `paceDays` that fires. */
  readonly sr41RejectedShare: number;
  /** Offices that closed fewer SR41 flows than this in `paceDays` never fire the share alert. */
  readonly sr41RejectedMinClosed: number;
  /** Data-quality rows must persist this long before alerting (one refresh is enough). */
  readonly dataQualityFor: string;
  /** `for` of the alerts on daily data: long enough to ride over a refresh. */
  readonly dailyDataFor: string;
}

/** A regional directorate: one vmauth user and, in Grafana, one organization. */
interface RegionalDirectorate {
  /** `codice_regione` of dasmo_sedi, the value of the exporter's `region` label. */
  readonly code: string;
  /** The region's name, as its Grafana organization is called ("DASMO - <name>"). */
  readonly name: string;
  /**
   * Id of the region's Grafana organization. Grafana numbers organizations itself, in order of
   * creation (1 is its own "Main Org."): the one-shot creates them in increasing id order and
   * stops if Grafana gives another id. Never change an id once the organization exists.
   */
  readonly orgId: number;
}

/**
 * The directory groups (LDAP distinguished names) whose members may log in to Grafana. Every
 * value here is a placeholder: replace them with INPS's group DNs (docs/access.md).
 */
interface DirectoryGroups {
  /** DASMO's administrators: Admin of the national organization and Grafana server admins. */
  readonly administrators: string;
  /** The national directorate (Direzione centrale): Viewer of the national organization. */
  readonly national: string;
  /** Each regional directorate and the offices under it, by region code: Viewer of its organization. */
  readonly regions: Readonly<Record<string, string>>;
}

/** The directory server of the LDAP template (deploy/grafana/ldap.toml). Placeholders: set yours. */
interface LdapServer {
  readonly host: string;
  readonly port: number;
  /** The account Grafana searches the directory with; its password is DASMO_GRAFANA_LDAP_BIND_PASSWORD. */
  readonly bindDn: string;
  /** How a login name is found, `%s` standing for it (Active Directory: sAMAccountName). */
  readonly searchFilter: string;
  readonly searchBaseDns: readonly string[];
}

/** How Grafana reaches the store: one organization per directorate, each querying as its vmauth user. */
interface GrafanaAccess {
  /** vmauth as Grafana reaches it: every datasource of every organization points here. */
  readonly vmauthUrl: string;
  /** The national directorate's organization ("DASMO - <name>"), which also holds the alert rules. */
  readonly national: { readonly name: string; readonly orgId: number };
  /**
   * Where Grafana reads the password files of the vmauth users (Docker secrets): each
   * datasource's password is `$__file{<dir>/<secret>}`, read by Grafana when it provisions.
   */
  readonly passwordFilesDir: string;
  readonly ldapServer: LdapServer;
  readonly directoryGroups: DirectoryGroups;
}

/** Who may query the store, and what: enforced by vmauth in front of VictoriaMetrics. */
export interface AccessConfig {
  /**
   * Every regional directorate. Each gets the vmauth user `region-<code>`, whose every query
   * VictoriaMetrics answers with `region="<code>"` forced onto every series selector. Add a
   * region here (and its offices to dasmo_sedi) before its managers log in.
   */
  readonly regions: readonly RegionalDirectorate[];
  /**
   * Where vmauth forwards the requests it lets through: the stack's VictoriaMetrics
   * single-node, reachable from vmauth only (never publish its port).
   */
  readonly storeUrl: string;
  /**
   * The read paths of the Prometheus query API that Grafana's Prometheus datasource needs
   * (vmauth `src_paths`, anchored regular expressions). Every other path (import, export,
   * delete, federate, status, admin, vmui) gets no route and is refused.
   */
  readonly readPaths: readonly string[];
  readonly grafana: GrafanaAccess;
}

interface MonitoringConfig {
  /** Label matchers selecting the exporter's series. Change `job` to your scrape job name. */
  readonly jobSelector: string;
  readonly job: string;
  readonly datasource: DatasourceConfig;
  /**
   * Grafana folder holding the dashboards and the alert rules, named by title only: Grafana's
   * alert-rule provisioning files can name a folder only by title (and create it with a random
   * uid when missing), so a uid pinned by the dashboards provider would make a second folder
   * whenever alerting is provisioned first.
   */
  readonly folder: { readonly title: string };
  /** Fixed dashboard uids: links and bookmarks depend on them, never change them lightly. */
  readonly dashboardUids: DashboardUids;
  /** Tag shared by the DASMO dashboards; the dashboard links menu lists dashboards by it. */
  readonly dashboardTag: string;
  /** Where Grafana reads the dashboards JSON (mount the repository's dashboards/ there). */
  readonly dashboardsPath: string;
  /**
   * Window of `last_over_time` around every data series. The data change once a day: with
   * live scrapes any window works, with one-sample-per-day history (backfill) the window
   * must reach the previous sample. Backfilled samples are stamped at the local refresh time
   * (06:30 in DASMO_TIMEZONE), so across the autumn DST change they are 25 h apart: 26h
   * covers that with an hour to spare.
   */
  readonly sampleLookback: string;
  /**
   * Shorter windows, in increasing order, over which `dasmo_office_info` is read before
   * `sampleLookback`, so that a renamed office joins once, under its latest names: each office
   * is taken from the shortest window holding a sample of it. With live scrapes that is the
   * first (a few minutes after a rename, only the new series is in it); with daily history,
   * samples are at least 23 h apart (the spring DST day), so windows growing by less than 23 h
   * never hold an office's previous-day names together with its latest ones.
   */
  readonly registerWindows: readonly string[];
  /** Default time range of the data dashboards (trends over 90 days). */
  readonly trendRange: string;
  /** Minimum step of the trend panels: data change daily, finer steps only cost queries. */
  readonly trendMinInterval: string;
  /** Upper bounds (days) of the exporter's age buckets: the source contract's, not to be set here. */
  readonly ageBucketDays: readonly number[];
  /** Age (days) beyond which a pending application is chronic; must be a bucket bound. */
  readonly chronicAgeDays: number;
  /**
   * "Alta criticita" for SR41 flows, in days (press usage: flows unpaid for months): the source
   * contract's, the very days the exporter counts in `dasmo_sr41_flows_pending_critical`.
   */
  readonly sr41CriticalAgeDays: number;
  /** Colour thresholds (days) of the oldest-pending panels: orange, then red. */
  readonly oldestAgeWarningDays: number;
  readonly oldestAgeCriticalDays: number;
  /** Days over which the decision pace and the SR41 rejection share are measured. */
  readonly paceDays: number;
  /** Colour thresholds (days) of the days-to-clear panels: orange, then red. */
  readonly clearanceWarningDays: number;
  readonly clearanceCriticalDays: number;
  /** Colour threshold of the rejected-share panels (orange from here, red from the alert). */
  readonly sr41RejectedShareWarning: number;
  /** Rows of the office ranking tables. */
  readonly rankingSize: number;
  /**
   * Absolute URL of docs/runbooks.md as your organisation publishes it (the file view of the
   * repository on your Git host renders each `## AlertName` heading with the anchor
   * `#alertname`). Alerts link to `<runbookBaseUrl>#<alert name in lower case>`, in Grafana and in
   * notifications alike. The default is a placeholder: replace it before going live.
   */
  readonly runbookBaseUrl: string;
  readonly alerts: AlertThresholds;
  /** Placeholder contact point: replace the address before going live. */
  readonly contactPoint: { readonly name: string; readonly uid: string; readonly addresses: string };
  readonly access: AccessConfig;
}

export const config: MonitoringConfig = deepFreeze({
  job: 'dasmo',
  jobSelector: 'job="dasmo"',
  datasource: {
    uid: 'dasmo-prometheus',
    name: 'DASMO Prometheus',
    url: 'http://prometheus:9090',
    variable: 'datasource',
  },
  folder: { title: 'DASMO' },
  dashboardUids: {
    overview: 'dasmo-panoramica',
    applications: 'dasmo-domande',
    sr41: 'dasmo-sr41',
    exporter: 'dasmo-esportatore',
  },
  dashboardTag: 'dasmo',
  dashboardsPath: '/var/lib/grafana/dashboards/dasmo',
  sampleLookback: '26h',
  registerWindows: ['5m', '13h'],
  trendRange: 'now-90d',
  trendMinInterval: '1d',
  ageBucketDays: AGE_BUCKET_DAYS,
  chronicAgeDays: 90,
  sr41CriticalAgeDays: SR41_CRITICAL_AGE_DAYS,
  oldestAgeWarningDays: 30,
  oldestAgeCriticalDays: 90,
  paceDays: 7,
  clearanceWarningDays: 30,
  clearanceCriticalDays: 90,
  sr41RejectedShareWarning: 0.05,
  rankingSize: 20,
  runbookBaseUrl: 'https://dasmo.example.invalid/docs/runbooks.md',
  alerts: {
    evaluationInterval: '1m',
    exporterDownFor: '5m',
    sourceDownFor: '15m',
    sourceRefusedFor: '1m',
    referenceDateMaxAgeHours: 56,
    refreshMaxAgeHours: 26,
    chronicBacklogMaxApplications: 20,
    backlogGrowthRatio: 1.2,
    backlogGrowthMinPending: 50,
    sr41RejectedShare: 0.1,
    sr41RejectedMinClosed: 20,
    dataQualityFor: '1h',
    dailyDataFor: '15m',
  },
  contactPoint: {
    name: 'DASMO - referenti',
    uid: 'dasmo-referenti',
    addresses: 'dasmo-referenti@example.invalid',
  },
  access: {
    regions: [
      { code: '01', name: 'Piemonte', orgId: 3 },
      { code: '02', name: "Valle d'Aosta", orgId: 4 },
      { code: '03', name: 'Lombardia', orgId: 5 },
      { code: '04', name: 'Trentino-Alto Adige', orgId: 6 },
      { code: '05', name: 'Veneto', orgId: 7 },
      { code: '06', name: 'Friuli-Venezia Giulia', orgId: 8 },
      { code: '07', name: 'Liguria', orgId: 9 },
      { code: '08', name: 'Emilia-Romagna', orgId: 10 },
      { code: '09', name: 'Toscana', orgId: 11 },
      { code: '10', name: 'Umbria', orgId: 12 },
      { code: '11', name: 'Marche', orgId: 13 },
      { code: '12', name: 'Lazio', orgId: 14 },
      { code: '13', name: 'Abruzzo', orgId: 15 },
      { code: '14', name: 'Molise', orgId: 16 },
      { code: '15', name: 'Campania', orgId: 17 },
      { code: '16', name: 'Puglia', orgId: 18 },
      { code: '17', name: 'Basilicata', orgId: 19 },
      { code: '18', name: 'Calabria', orgId: 20 },
      { code: '19', name: 'Sicilia', orgId: 21 },
      { code: '20', name: 'Sardegna', orgId: 22 },
    ],
    storeUrl: 'http://victoriametrics:8428',
    readPaths: ['/api/v1/query', '/api/v1/query_range', '/api/v1/series', '/api/v1/labels', '/api/v1/label/[^/]+/values'],
    grafana: {
      vmauthUrl: 'http://vmauth:8427',
      national: { name: 'Nazionale', orgId: 2 },
      passwordFilesDir: '/run/secrets',
      ldapServer: {
        host: 'ldap.inps.example',
        port: 636,
        bindDn: 'cn=grafana-dasmo,ou=servizi,dc=inps,dc=example',
        searchFilter: '(sAMAccountName=%s)',
        searchBaseDns: ['dc=inps,dc=example'],
      },
      directoryGroups: {
        administrators: 'cn=dasmo-amministratori,ou=gruppi,dc=inps,dc=example',
        national: 'cn=dasmo-direzione-centrale,ou=gruppi,dc=inps,dc=example',
        regions: {
          '01': 'cn=dasmo-direzione-regionale-01,ou=gruppi,dc=inps,dc=example',
          '02': 'cn=dasmo-direzione-regionale-02,ou=gruppi,dc=inps,dc=example',
          '03': 'cn=dasmo-direzione-regionale-03,ou=gruppi,dc=inps,dc=example',
          '04': 'cn=dasmo-direzione-regionale-04,ou=gruppi,dc=inps,dc=example',
          '05': 'cn=dasmo-direzione-regionale-05,ou=gruppi,dc=inps,dc=example',
          '06': 'cn=dasmo-direzione-regionale-06,ou=gruppi,dc=inps,dc=example',
          '07': 'cn=dasmo-direzione-regionale-07,ou=gruppi,dc=inps,dc=example',
          '08': 'cn=dasmo-direzione-regionale-08,ou=gruppi,dc=inps,dc=example',
          '09': 'cn=dasmo-direzione-regionale-09,ou=gruppi,dc=inps,dc=example',
          '10': 'cn=dasmo-direzione-regionale-10,ou=gruppi,dc=inps,dc=example',
          '11': 'cn=dasmo-direzione-regionale-11,ou=gruppi,dc=inps,dc=example',
          '12': 'cn=dasmo-direzione-regionale-12,ou=gruppi,dc=inps,dc=example',
          '13': 'cn=dasmo-direzione-regionale-13,ou=gruppi,dc=inps,dc=example',
          '14': 'cn=dasmo-direzione-regionale-14,ou=gruppi,dc=inps,dc=example',
          '15': 'cn=dasmo-direzione-regionale-15,ou=gruppi,dc=inps,dc=example',
          '16': 'cn=dasmo-direzione-regionale-16,ou=gruppi,dc=inps,dc=example',
          '17': 'cn=dasmo-direzione-regionale-17,ou=gruppi,dc=inps,dc=example',
          '18': 'cn=dasmo-direzione-regionale-18,ou=gruppi,dc=inps,dc=example',
          '19': 'cn=dasmo-direzione-regionale-19,ou=gruppi,dc=inps,dc=example',
          '20': 'cn=dasmo-direzione-regionale-20,ou=gruppi,dc=inps,dc=example',
        },
      },
    },
  },
});

validate(config);

/** Seconds in `days` days. */
function daysToSeconds(days: number): number {
  return days * SECONDS_PER_DAY;
}

/** Seconds in a Prometheus-style duration such as `1m` or `2h`. */
export function durationSeconds(duration: string): number {
  const match = /^(\d+)([smhd])$/.exec(duration);
  if (match === null) throw new Error(`unsupported duration ${duration}`);
  const unit = { s: 1, m: 60, h: 3600, d: SECONDS_PER_DAY }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** The `le` label value the exporter renders for a bucket bound given in days. */
export function bucketLe(days: number): string {
  return `${daysToSeconds(days)}.0`;
}

function validate(c: MonitoringConfig): void {
  if (!c.ageBucketDays.includes(c.chronicAgeDays)) {
    throw new Error(`monitoring config: ${c.chronicAgeDays} days is not one of the exporter's bucket bounds`);
  }
  const windows = [...c.registerWindows, c.sampleLookback].map(durationSeconds);
  windows.forEach((seconds, index) => {
    const growth = seconds - (windows[index - 1] ?? 0);
    if (growth <= 0 || growth >= SHORTEST_DAY_SECONDS) {
      throw new Error('monitoring config: registerWindows must grow towards sampleLookback by less than 23h a step');
    }
  });
  validateAccess(c.access);
  if (!/^https?:\/\/[^/#]+\/[^#]*$/.test(c.runbookBaseUrl)) {
    throw new Error(`monitoring config: runbookBaseUrl ${c.runbookBaseUrl} must be an absolute http(s) URL without an anchor`);
  }
}

/** Throws one line naming the first problem of an access config. */
export function validateAccess(access: AccessConfig): void {
  const seen = new Set<string>();
  for (const region of access.regions) {
    if (!/^\d{2}$/.test(region.code)) {
      throw new Error(`monitoring config: region code "${region.code}" must be two digits, as codice_regione in dasmo_sedi`);
    }
    if (seen.has(region.code)) throw new Error(`monitoring config: region code ${region.code} is listed twice`);
    seen.add(region.code);
    if (region.name.trim() === '') throw new Error(`monitoring config: region ${region.code} has no name`);
  }
  if (!/^https?:\/\/[^/?#]+$/.test(access.storeUrl)) {
    throw new Error(`monitoring config: access.storeUrl ${access.storeUrl} must be a scheme and host only (vmauth appends the path)`);
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value as object)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
