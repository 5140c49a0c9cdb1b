/**
 * Daily trends put each day's figure on the point of that local day (docs/dashboards.md,
 * "Trends"). Hand-made history whose figures differ every day, in Debian's Prometheus and
 * VictoriaMetrics: one sample per day stamped at R+1 06:30 Europe/Rome (a backfill) from
 * 2026-02-20, across both DST changes, then three days scraped live minute by minute (each
 * snapshot from its refresh at 06:30 until the next one). The committed trend panels run as
 * Grafana plans them (planPanelRequests, aligned in the dashboard's time zone) and as
 * VictoriaMetrics re-rounds them, on both stores; every point must show its day's figure,
 * computed here from the hand-made data, and yesterday's point must appear only after the
 * morning refresh. Nothing shows for today. A regional user, who sees only the per-region copy
 * of the reference date, sees the same points.
 */
import { DateTime } from 'luxon';
import { bucketLe, config } from '../../monitoring/config';
import type { Sample } from '../support/prometheus-api';
import { committedDashboards, leafPanels, type DashboardFile, type PanelJson } from './support/dashboard-model';
import { absoluteRange, dashboardTimeRange, type DashboardTimeRange, type PlannedRequest } from './support/grafana-requests';
import { startStampedStores, type HandMadeStores, type StampedSample } from './support/hand-made-stores';
import { allSelection, runPanel, victoriaMetricsRange } from './support/panel-runs';

const ZONE = 'Europe/Rome';
const DAY = 86_400;
const FIRST_DAY = DateTime.fromISO('2026-02-20', { zone: ZONE });
/** The last backfilled day; the days after it are scraped live. */
const LAST_BACKFILLED = DateTime.fromISO('2026-11-16', { zone: ZONE });
/** Today: its refresh at 06:30 publishes yesterday, 2026-11-19. */
const TODAY = DateTime.fromISO('2026-11-20', { zone: ZONE });
const BEFORE_REFRESH = TODAY.set({ hour: 5 }).toSeconds();
const AFTER_REFRESH = TODAY.set({ hour: 9 }).toSeconds();
const PACE = config.paceDays;
const LABELS = `job="${config.job}",region="03",office="4900",benefit="cigd_pluri",cause="crisi"`;

/** Day number counted from 2026-01-01: every figure below is a different function of it. */
function dayNumber(day: DateTime): number {
  return Math.round(day.diff(DateTime.fromISO('2026-01-01', { zone: ZONE }), 'days').days);
}

const awaiting = (i: number): number => 1000 + i;
const underReview = (i: number): number => 500 + 2 * i;
const pending = (i: number): number => awaiting(i) + underReview(i);
const overChronic = (i: number): number => 50 + i;
const received = (i: number): number => 10 + i;
const decided = (i: number): number => 3 + (i % 11) + (i % 7);
const paidEuros = (i: number): number => 1000 + i + 0.37;
const flowsPending = (i: number): number => 300 + i;
const workersPending = (i: number): number => 700 + 3 * i;
const flowsRejected = (i: number): number => 1 + (i % 5);
const flowsPaid = (i: number): number => 20 + (i % 13);

/** Sum of `daily` over the days from the first one up to day number `i`. */
function cumulative(daily: (i: number) => number, i: number): number {
  let sum = 0;
  for (let j = dayNumber(FIRST_DAY); j <= i; j += 1) sum += daily(j);
  return sum;
}

/** The exporter's lines for reference day `day`, as its snapshot would write them. */
function snapshotLines(day: DateTime): string[] {
  const i = dayNumber(day);
  const bucket = (le: string, value: number): string => `dasmo_applications_pending_age_seconds_bucket{${LABELS},le="${le}"} ${value}`;
  return [
    `dasmo_snapshot_reference_date_seconds{job="${config.job}"} ${day.startOf('day').toSeconds()}`,
    `dasmo_region_snapshot_reference_date_seconds{job="${config.job}",region="03"} ${day.startOf('day').toSeconds()}`,
    `dasmo_office_info{job="${config.job}",region="03",office="4900",office_name="Milano",region_name="Lombardia"} 1`,
    `dasmo_applications_pending{${LABELS},phase="awaiting_review"} ${awaiting(i)}`,
    `dasmo_applications_pending{${LABELS},phase="under_review"} ${underReview(i)}`,
    bucket('+Inf', pending(i)),
    bucket(bucketLe(config.chronicAgeDays), pending(i) - overChronic(i)),
    `dasmo_applications_received_total{${LABELS}} ${cumulative(received, i)}`,
    `dasmo_applications_decided_total{${LABELS},outcome="authorized"} ${cumulative(decided, i)}`,
    `dasmo_sr41_paid_euros_total{${LABELS}} ${cumulative(paidEuros, i).toFixed(2)}`,
    `dasmo_sr41_flows_pending{${LABELS},phase="processing"} ${flowsPending(i)}`,
    `dasmo_sr41_workers_pending{${LABELS}} ${workersPending(i)}`,
    `dasmo_sr41_flows_closed_total{${LABELS},channel="web",outcome="rejected"} ${cumulative(flowsRejected, i)}`,
    `dasmo_sr41_flows_closed_total{${LABELS},channel="web",outcome="paid"} ${cumulative(flowsPaid, i)}`,
  ];
}

/** When the refresh of the day after `day` publishes its snapshot: 06:30 local. */
function publication(day: DateTime): number {
  return day.plus({ days: 1 }).set({ hour: 6, minute: 30 }).toSeconds();
}

/** Backfill up to LAST_BACKFILLED, then each snapshot scraped every minute from its refresh until the next (or `until`). */
function history(until: number): StampedSample[] {
  const samples: StampedSample[] = [];
  for (let day = FIRST_DAY; day <= LAST_BACKFILLED; day = day.plus({ days: 1 })) {
    for (const line of snapshotLines(day)) samples.push({ line, seconds: publication(day) });
  }
  for (let day = LAST_BACKFILLED.plus({ days: 1 }); publication(day) <= until; day = day.plus({ days: 1 })) {
    const lines = snapshotLines(day);
    for (let time = publication(day); time < publication(day.plus({ days: 1 })) && time <= until; time += 60) {
      for (const line of lines) samples.push({ line, seconds: time });
    }
  }
  return samples;
}

/** A figure of day number `i`, or undefined where the day (or a day it needs) has no snapshot. */
type Figure = (i: number) => number | undefined;

const first = dayNumber(FIRST_DAY);
const needing = (daysBack: number, figure: (i: number) => number): Figure => (i) => (i - daysBack >= first ? figure(i) : undefined);

/** The trend panels checked, by dashboard uid and title, with each target's figure in refId order. */
const PANELS: ReadonlyArray<{ readonly uid: string; readonly title: string; readonly figures: readonly Figure[] }> = [
  { uid: config.dashboardUids.overview, title: 'Andamento delle domande in giacenza', figures: [needing(0, pending), needing(0, overChronic)] },
  { uid: config.dashboardUids.overview, title: 'Domande presentate e definite al giorno', figures: [needing(1, received), needing(1, decided)] },
  {
    uid: config.dashboardUids.overview,
    title: 'Andamento dei flussi SR41 e dei lavoratori in attesa',
    figures: [needing(0, flowsPending), needing(0, workersPending)],
  },
  { uid: config.dashboardUids.overview, title: 'Euro pagati al giorno', figures: [needing(1, (i) => Math.round(paidEuros(i) * 100) / 100)] },
  { uid: config.dashboardUids.overview, title: 'Andamento delle CIGD plurilocalizzate in giacenza', figures: [needing(0, pending)] },
  {
    uid: config.dashboardUids.applications,
    title: `Giorni per smaltire le giacenze al ritmo degli ultimi ${PACE} giorni`,
    figures: [
      needing(PACE, (i) => {
        let decisions = 0;
        for (let j = i - PACE + 1; j <= i; j += 1) decisions += decided(j);
        return pending(i) / (decisions / PACE);
      }),
    ],
  },
  { uid: config.dashboardUids.applications, title: 'Andamento delle giacenze per fase', figures: [needing(0, awaiting), needing(0, underReview)] },
  {
    uid: config.dashboardUids.sr41,
    title: `Quota di flussi scartati negli ultimi ${PACE} giorni`,
    figures: [
      needing(PACE, (i) => {
        let [rejected, closed] = [0, 0];
        for (let j = i - PACE + 1; j <= i; j += 1) {
          rejected += flowsRejected(j);
          closed += flowsRejected(j) + flowsPaid(j);
        }
        return rejected / closed;
      }),
    ],
  },
];

/** The local day a point stands for: the one whose midnight is nearest. */
function dayOfPoint(seconds: number): DateTime {
  return DateTime.fromSeconds(seconds + DAY / 2, { zone: ZONE }).startOf('day');
}

function dashboard(uid: string): DashboardFile {
  const found = committedDashboards().find((d) => d.model.uid === uid);
  if (found === undefined) throw new Error(`no committed dashboard ${uid}`);
  return found;
}

function panel(file: DashboardFile, title: string): PanelJson {
  const found = leafPanels(file.model).find((p) => p.type === 'timeseries' && p.title === title);
  if (found === undefined) throw new Error(`no trend "${title}" in ${file.model.uid}`);
  return found;
}

/** Each point shown, by local day (ISO date), of a target's one series. */
function pointsByDay(result: readonly Sample[]): Map<string, number> {
  expect(result.length).toBeLessThanOrEqual(1);
  return new Map((result[0]?.values ?? []).map(([time, value]) => [dayOfPoint(time).toISODate() ?? '', Number(value)]));
}

/**
 * Runs every checked panel over `time` at `now`, as Grafana sends it and as VictoriaMetrics
 * rounds it, on both stores; lists every point that is not its day's figure, every missing one
 * and every extra one. Days after `lastPublished` have no snapshot yet.
 */
async function mismatches(stores: HandMadeStores, time: DashboardTimeRange, now: number, lastPublished: DateTime): Promise<{ problems: string[]; points: number }> {
  const problems: string[] = [];
  let points = 0;
  for (const spec of PANELS) {
    const file = dashboard(spec.uid);
    const shown = panel(file, spec.title);
    const range = absoluteRange(time, file.model.timezone ?? ZONE, now * 1000);
    for (const store of stores.stores) {
      for (const [alignment, adjust] of [['Grafana', (r: PlannedRequest) => r], ['VictoriaMetrics', victoriaMetricsRange]] as const) {
        const results = await runPanel(store.api, file.model, shown, allSelection(file.model), range, adjust);
        results.forEach(({ request, result }, index) => {
          const where = `${store.name} ${alignment} ${time.from}..${time.to} "${spec.title}" ${request.refId}`;
          if (request.stepSeconds !== DAY) problems.push(`${where}: a step of ${request.stepSeconds} s, not a day`);
          const byDay = pointsByDay(result);
          for (let t = request.start; t <= request.end; t += request.stepSeconds) {
            const day = dayOfPoint(t);
            const iso = day.toISODate() ?? '';
            const expected = day > lastPublished || day < FIRST_DAY ? undefined : spec.figures[index]?.(dayNumber(day));
            const actual = byDay.get(iso);
            points += 1;
            if (expected === undefined && actual !== undefined) problems.push(`${where}: ${iso} shows ${actual}, expected nothing`);
            else if (expected !== undefined && (actual === undefined || Math.abs(actual - expected) > 1e-6 * Math.max(1, Math.abs(expected)))) {
              problems.push(`${where}: ${iso} shows ${String(actual)}, expected ${expected}`);
            }
          }
        });
      }
    }
  }
  return { problems, points };
}

/** Registers stores holding `samples` for the enclosing describe; the getter is valid inside its tests. */
function storesHolding(samples: () => StampedSample[]): () => HandMadeStores {
  let stores: HandMadeStores | undefined;
  beforeAll(async () => {
    stores = await startStampedStores(samples());
  });
  afterAll(async () => {
    await stores?.stop();
  });
  return () => {
    if (stores === undefined) throw new Error('the stores did not start');
    return stores;
  };
}

const epochMs = (iso: string): string => String(DateTime.fromISO(iso, { zone: ZONE }).toMillis());

describe("daily trends: each point shows its own day's figure", () => {
  describe('after the morning refresh', () => {
    const stores = storesHolding(() => history(AFTER_REFRESH));

    it("should show yesterday's figure on yesterday's point and nothing for today, over the dashboards' 90 days", async () => {
      const time = dashboardTimeRange(dashboard(config.dashboardUids.overview).model);
      const yesterday = TODAY.minus({ days: 1 });
      const { problems, points } = await mismatches(stores(), time, AFTER_REFRESH, yesterday);
      expect(problems).toEqual([]);
      expect(points).toBeGreaterThan(0);
    });

    it.each([
      ['2026-03-10', '2026-05-10T12:00'],
      ['2026-03-24', '2026-04-03T12:00'],
      ['2026-09-25', '2026-11-14T12:00'],
      ['2026-10-20', '2026-10-30T12:00'],
    ])('should put every day on its point from %s to %s, across the DST change, however the range is aligned', async (from, to) => {
      const time = { from: epochMs(from), to: epochMs(to) };
      const { problems, points } = await mismatches(stores(), time, AFTER_REFRESH, TODAY.minus({ days: 1 }));
      expect(problems).toEqual([]);
      expect(points).toBeGreaterThan(0);
    });
  });

  describe('for a user confined to one region (vmauth adds region="03" to every selector)', () => {
    // What such a user can read: everything labelled with the region, so of the reference date
    // only its per-region copy.
    const stores = storesHolding(() => history(AFTER_REFRESH).filter((sample) => !sample.line.startsWith('dasmo_snapshot_reference_date_seconds{')));

    it('should show every day on its point through the per-region copy of the reference date', async () => {
      const time = dashboardTimeRange(dashboard(config.dashboardUids.overview).model);
      const { problems, points } = await mismatches(stores(), time, AFTER_REFRESH, TODAY.minus({ days: 1 }));
      expect(problems).toEqual([]);
      expect(points).toBeGreaterThan(0);
    });
  });

  describe('before the morning refresh', () => {
    const stores = storesHolding(() => history(BEFORE_REFRESH));

    it("should leave yesterday's point empty (its window holds only the day before's snapshot) and show every earlier day", async () => {
      const time = dashboardTimeRange(dashboard(config.dashboardUids.overview).model);
      const { problems, points } = await mismatches(stores(), time, BEFORE_REFRESH, TODAY.minus({ days: 2 }));
      expect(problems).toEqual([]);
      expect(points).toBeGreaterThan(0);
    });
  });
});
