import type { SourceData } from './source-table';

/**
 * The national figures of one snapshot that the publishing guard compares with the last
 * published one: received applications and SR41 flows (cumulative, so they only grow except
 * for rare corrections), and the offices listed in dasmo_sedi.
 */
export interface SourceTotals {
  readonly applications: number;
  readonly sr41: number;
  readonly offices: number;
}

function received(groups: readonly { readonly received: number }[]): number {
  return groups.reduce((total, group) => total + group.received, 0);
}

export function sourceTotals(data: SourceData): SourceTotals {
  return { applications: received(data.applications), sr41: received(data.sr41), offices: data.offices.length };
}
