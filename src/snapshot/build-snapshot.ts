import type { ApplicationGroup } from '../collectors/applications';
import type { Office } from '../collectors/offices';
import type { FlowGroup } from '../collectors/sr41';
import type { ReferenceWindow } from '../time/reference-day';
import { applicationFamilies } from './application-metrics';
import { dataQualityFamily, type QualityTally } from './data-quality';
import { OfficeDirectory } from './office-directory';
import { type MetricFamily, renderFamilies, renderFamiliesInSlices } from './openmetrics';
import { flowFamilies } from './sr41-metrics';

/** What the three collectors read for one reference day. */
export interface SourceData {
  readonly offices: readonly Office[];
  readonly applications: readonly ApplicationGroup[];
  readonly flows: readonly FlowGroup[];
}

/** One day's metrics, built once and rendered once (without the closing `# EOF`). */
export interface Snapshot {
  readonly window: ReferenceWindow;
  readonly families: readonly MetricFamily[];
  readonly seriesCount: number;
  readonly text: string;
}

/**
 * The snapshot's families as consecutive sections, each built on demand: a caller that must
 * stay responsive can pause between them. Sections share the office directory and the
 * data-quality tallies, so they must be built in order.
 */
function familySections(window: ReferenceWindow, data: SourceData): Array<() => MetricFamily[]> {
  const offices = new OfficeDirectory(data.offices);
  const tallies: QualityTally[] = [];
  return [
    () => [referenceDateFamily(window), offices.infoFamily()],
    () => {
      const applications = applicationFamilies(data.applications, offices);
      tallies.push(applications.quality);
      return applications.families;
    },
    () => {
      const flows = flowFamilies(data.flows, offices);
      tallies.push(flows.quality);
      return flows.families;
    },
    () => [dataQualityFamily(tallies)],
  ];
}

function referenceDateFamily(window: ReferenceWindow): MetricFamily {
  return {
    name: 'dasmo_snapshot_reference_date_seconds',
    type: 'gauge',
    unit: 'seconds',
    help: 'Start of the reference day of the daily snapshot (midnight in DASMO_TIMEZONE), unix seconds.',
    samples: [{ name: 'dasmo_snapshot_reference_date_seconds', labels: '', value: window.startEpochSeconds }],
  };
}

export function snapshotFamilies(window: ReferenceWindow, data: SourceData): MetricFamily[] {
  return familySections(window, data).flatMap((build) => build());
}

function seriesCount(families: readonly MetricFamily[]): number {
  return families.reduce((total, family) => total + family.samples.length, 0);
}

export function buildSnapshot(window: ReferenceWindow, data: SourceData): Snapshot {
  const families = snapshotFamilies(window, data);
  return Object.freeze({ window, families, seriesCount: seriesCount(families), text: renderFamilies(families) });
}

/**
 * The same document as `buildSnapshot(...).text`, as bytes, built in steps with `pause()`
 * awaited between sections and rendered slices: the service keeps answering scrapes while
 * a large snapshot is built.
 */
export async function buildSnapshotInSteps(
  window: ReferenceWindow,
  data: SourceData,
  pause: () => Promise<void>,
): Promise<{ readonly seriesCount: number; readonly body: Buffer }> {
  const families: MetricFamily[] = [];
  for (const build of familySections(window, data)) {
    await pause();
    families.push(...build());
  }
  return { seriesCount: seriesCount(families), body: await renderFamiliesInSlices(families, pause) };
}
