import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplicationGroup } from '../../src/collectors/applications';
import type { Sr41Group } from '../../src/collectors/sr41';
import { snapshotFamilies } from '../../src/snapshot/build-snapshot';
import type { MetricFamily } from '../../src/snapshot/openmetrics';
import { referenceWindow } from '../../src/time/reference-day';
import { at } from '../../src/common/checked-index';

interface Row {
  metric: string;
  type: string;
  labels: string[];
}

function readmeRows(): Row[] {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const table = /<!-- snapshot-metrics:start -->\n([\s\S]*?)<!-- snapshot-metrics:end -->/.exec(readme);
  if (table === null) throw new Error('README.md lacks the snapshot-metrics markers');
  return at(table, 1)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      return {
        metric: at(cells, 1).replace(/`/g, ''),
        type: at(cells, 2),
        labels: at(cells, 3).split(',').map((l) => l.trim()).filter((l) => l !== ''),
      };
    });
}

/** The name users query: counters with `_total`, info with `_info`, histograms by family. */
function exposedName(family: MetricFamily): string {
  if (family.type === 'counter') return `${family.name}_total`;
  if (family.type === 'info') return `${family.name}_info`;
  return family.name;
}

function labelNames(family: MetricFamily): string[] {
  const names: string[] = [];
  for (const sample of family.samples) {
    for (const match of sample.labels.matchAll(/([a-z_]+)="/g)) {
      const name = at(match, 1);
      if (name !== 'le' && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

const application: ApplicationGroup = {
  office: '4900', benefitCode: 'CIGO', multiRegion: false, causeCode: 'COVID19', outcomeCode: 'AUTORIZZATA',
  missingDate: 0, dateProblems: [0, 0, 0, 0], received: 3, decided: 1, pendingUnderReview: 1, pendingAwaitingReview: 1,
  ageBuckets: [1, 1, 1, 1, 2, 2, 2, 2], ageSumDays: 70, oldestDays: 70,
};
const flow: Sr41Group = {
  office: '4900', benefitCode: 'CIGD', multiRegion: false, causeCode: 'COVID19', channelCode: 'SR41', outcomeCode: 'PAGATO',
  missingDate: 0, dateProblems: [0, 0, 0, 0], received: 2, closed: 1, workersClosed: 3, eurosClosed: 900, negativeAmount: 0,
  negativeWorkers: 0, missingWorkers: 0,
  pendingSettled: 1, pendingProcessing: 0, workersPending: 4, ageBuckets: [0, 0, 0, 0, 0, 0, 1, 1],
  pendingCritical: 1, ageSumDays: 160, oldestDays: 160,
};

describe('README metrics table', () => {
  const families = snapshotFamilies(referenceWindow('2021-03-28', 'Europe/Rome'), {
    offices: [{ code: '4900', name: 'Milano', regionCode: '03', regionName: 'Lombardia', type: 'direzione metropolitana' }],
    applications: [application],
    sr41: [flow],
  });

  it('should list exactly the snapshot families, in order, with their types and labels', () => {
    const fromCode: Row[] = families.map((family) => ({ metric: exposedName(family), type: family.type, labels: labelNames(family) }));
    expect(readmeRows()).toEqual(fromCode);
  });

  it('should say in every HELP that the figure is for the reference day', () => {
    for (const family of families) expect([family.name, /reference day/.test(family.help)]).toEqual([family.name, true]);
  });
});
