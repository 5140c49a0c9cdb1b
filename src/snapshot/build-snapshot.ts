import type { ApplicationGroup } from '../collectors/applications';
import type { Office } from '../collectors/offices';
import type { FlowGroup } from '../collectors/sr41';
import type { ReferenceWindow } from '../time/reference-day';
import { applicationFamilies } from './application-metrics';
import { dataQualityFamily } from './data-quality';
import { OfficeDirectory } from './office-directory';
import { type MetricFamily, renderFamilies, renderFamiliesToBytes } from './openmetrics';
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
  const offices = new OfficeDirectory(data.offices);
  const info = offices.infoFamily();
  const applications = applicationFamilies(data.applications, offices);
  const flows = flowFamilies(data.flows, offices);
  return [
    referenceDateFamily(window),
    info,
    ...applications.families,
    ...flows.families,
    dataQualityFamily([applications.quality, flows.quality]),
  ];
}

function seriesCount(families: readonly MetricFamily[]): number {
  return families.reduce((total, family) => total + family.samples.length, 0);
}

export function buildSnapshot(window: ReferenceWindow, data: SourceData): Snapshot {
  const families = snapshotFamilies(window, data);
  return Object.freeze({ window, families, seriesCount: seriesCount(families), text: renderFamilies(families) });
}

/** The same document as `buildSnapshot(...).text`, as bytes, without the whole text ever in one string. */
export function buildSnapshotBytes(window: ReferenceWindow, data: SourceData): { readonly seriesCount: number; readonly body: Buffer } {
  const families = snapshotFamilies(window, data);
  return { seriesCount: seriesCount(families), body: renderFamiliesToBytes(families) };
}
