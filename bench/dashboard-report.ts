/** The `dashboards` section of bench/results.json and its tables in docs/benchmarks.md. */
import type { StepCost } from './dashboard-history';
import type { DashboardOpening } from './dashboard-runs';
import type { StoreName } from './dashboard-stores';
import type { MachineFacts } from './machine';

export interface StoreFigures {
  readonly name: StoreName;
  readonly version: string;
  /** Data directory after the backfill (VictoriaMetrics: after its import; Prometheus: the promtool block). */
  readonly historyDiskBytes: number;
  /** Data directory with the live-scraped days too, after the runs. */
  readonly diskBytes: number;
  /** Resident set size after the last opening, and the largest peak (VmHWM) of its processes. */
  readonly rssMiB: number;
  readonly peakRssMiB: number;
}

export interface OpeningFigures {
  readonly store: StoreName;
  readonly dashboard: string;
  readonly selection: string;
  readonly days: number;
  readonly cold: DashboardOpening;
  readonly warm: DashboardOpening;
}

export interface DashboardBenchResults {
  readonly machine: MachineFacts;
  readonly command: string;
  readonly size: string;
  readonly applications: number;
  readonly flows: number;
  /** Backfilled reference days, one sample a day each. */
  readonly backfill: { readonly from: string; readonly to: string; readonly days: number; readonly series: number };
  /** The last days scraped once a minute, for the series of one office. */
  readonly live: { readonly days: number; readonly office: string; readonly region: string; readonly series: number; readonly samples: number };
  /** Unix seconds: the `now` of every dashboard opening. */
  readonly now: number;
  readonly costs: {
    /** null when the dataset of a kept run was reused. */
    readonly demoDataSeconds: number | null;
    readonly backfillOut: StepCost;
    readonly backfillImportVictoriaMetrics: StepCost;
    readonly promtoolHistory: StepCost;
    readonly promtoolLive: StepCost;
  };
  readonly stores: readonly StoreFigures[];
  readonly openings: readonly OpeningFigures[];
}

const number = (value: number): string => value.toLocaleString('en-US');
const mib = (bytes: number): string => `${number(Math.round(bytes / 2 ** 20))} MiB`;
const seconds = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1));

function cell(opening: OpeningFigures | undefined): string {
  if (opening === undefined) return '';
  const errors = opening.cold.errors.length + opening.warm.errors.length;
  return `${seconds(opening.cold.sequentialSeconds)} / ${seconds(opening.warm.sequentialSeconds)}${errors > 0 ? ` (${errors} errors)` : ''}`;
}

function storeTable(results: DashboardBenchResults, store: StoreName): string[] {
  const openings = results.openings.filter((o) => o.store === store);
  const days = [...new Set(openings.map((o) => o.days))].sort((a, b) => a - b);
  const views = [...new Map(openings.map((o) => [`${o.dashboard}|${o.selection}`, o])).values()];
  const longest = (view: OpeningFigures): OpeningFigures | undefined =>
    openings.find((o) => o.dashboard === view.dashboard && o.selection === view.selection && o.days === 180) ??
    openings.find((o) => o.dashboard === view.dashboard && o.selection === view.selection && o.days === Math.max(...days));
  const showsSamples = openings.some((o) => o.cold.samples !== null);
  return [
    `| dashboard | selection | ${days.map((d) => `${d} d cold / warm s`).join(' | ')} | slowest panel cold, ${days.includes(180) ? 180 : Math.max(...days)} d |${showsSamples ? ` samples read, ${days.includes(180) ? 180 : Math.max(...days)} d cold |` : ''}`,
    `| --- | --- | ${days.map(() => '---:').join(' | ')} | --- |${showsSamples ? ' ---: |' : ''}`,
    ...views.map((view) => {
      const at = longest(view);
      const cells = days.map((d) => cell(openings.find((o) => o.dashboard === view.dashboard && o.selection === view.selection && o.days === d)));
      const slowest = at === undefined ? '' : `"${at.cold.slowestPanel}" ${seconds(at.cold.slowestPanelSeconds)} s`;
      const samples = showsSamples ? ` ${number(at?.cold.samples ?? 0)} |` : '';
      return `| ${view.dashboard} | ${view.selection} | ${cells.join(' | ')} | ${slowest} |${samples}`;
    }),
  ];
}

function errorLines(results: DashboardBenchResults): string[] {
  const seen = new Map<string, number>();
  for (const opening of results.openings) {
    for (const error of [...opening.cold.errors, ...opening.warm.errors]) {
      const key = `${opening.store}, ${opening.dashboard}, ${opening.days} d: ${error}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  if (seen.size === 0) return ['No query failed.', ''];
  return ['Failed queries (store, dashboard, range: panel: error, times):', '', ...[...seen].map(([key, times]) => `- ${key} (x${times})`), ''];
}

export function renderDashboardSection(results: DashboardBenchResults): string[] {
  const { machine, backfill, live, costs } = results;
  return [
    `## Dashboard queries (${results.size} dataset)`,
    '',
    `Generated by \`${results.command}\` on ${machine.date.slice(0, 10)} (bench/dashboards.ts); machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB.`,
    `Dataset: \`demo-data --size ${results.size}\` (${number(results.applications)} applications, ${number(results.flows)} flows) up to ${backfill.to}.`,
    `History: ${backfill.days} reference days (${backfill.from} to ${backfill.to}) backfilled, one sample a day, ${number(backfill.series)} series;`,
    `plus the last ${live.days} days as live scraping stores them (one sample a minute) for the ${number(live.series)} series of office ${live.office}`,
    `(region ${live.region}): ${number(live.samples)} samples. All series at one sample a minute would be about`,
    `${number(backfill.series * live.days * 1440)} samples, beyond this machine; so only the office selection reads live-density data.`,
    '',
    'The three business dashboards (the exporter\'s own reads its live self-metrics, which no backfill holds) are opened',
    'as Grafana 12.4 opens them (test/monitoring/support/grafana-requests.ts: query variables, then',
    "every target, instant or range with Grafana's step), one query at a time; a cell is the sum of its queries' times,",
    '"cold" on a freshly started store (VictoriaMetrics also without its saved caches; the page cache of the kernel',
    'is not dropped), "warm" the same opening right after. Time ranges end at the same `now` for every opening.',
    '"samples read" is Prometheus\' `totalQueryableSamples` (`stats=all`), summed over the cold opening; VictoriaMetrics 1.79 does not report it.',
    '',
    ...results.stores.flatMap((store) => [
      `### ${store.version}`,
      '',
      ...storeTable(results, store.name),
      '',
      `Disk: ${mib(store.historyDiskBytes)} for the backfilled history (${(store.historyDiskBytes / (backfill.series * backfill.days)).toFixed(2)} bytes per series per day), ${mib(store.diskBytes)} with the live-scraped days.`,
      `Memory: RSS ${number(Math.round(store.rssMiB))} MiB after the last opening, peak ${number(Math.round(store.peakRssMiB))} MiB.`,
      '',
    ]),
    ...errorLines(results),
    'Building the history (`/usr/bin/time -v`: wall time, peak RSS):',
    '',
    '| step | wall | peak RSS |',
    '| --- | ---: | ---: |',
    `| \`demo-data --size ${results.size}\` | ${costs.demoDataSeconds === null ? 'reused from a kept run' : `${costs.demoDataSeconds} s`} | |`,
    `| \`backfill --import-url\` into VictoriaMetrics, ${backfill.days} days | ${costs.backfillImportVictoriaMetrics.wallSeconds} s | ${costs.backfillImportVictoriaMetrics.peakRssMiB} MiB |`,
    `| \`backfill --out\`, ${backfill.days} days | ${costs.backfillOut.wallSeconds} s | ${costs.backfillOut.peakRssMiB} MiB |`,
    `| \`promtool tsdb create-blocks-from openmetrics\`, the backfill | ${costs.promtoolHistory.wallSeconds} s | ${costs.promtoolHistory.peakRssMiB} MiB |`,
    `| the same, the live-scraped days of office ${live.office} | ${costs.promtoolLive.wallSeconds} s | ${costs.promtoolLive.peakRssMiB} MiB |`,
    '',
  ];
}
