import { DATE_PROBLEMS, type DateProblem } from '../collectors/date-problems';
import { declareFamily } from './declared-family';
import { type MetricFamily, renderLabels, type Sample } from './openmetrics';

type QualitySource = 'applications' | 'sr41' | 'offices';
type QualityProblem =
  | 'missing_date'
  | DateProblem
  | 'unknown_office'
  | 'unknown_office_folded'
  | 'unknown_benefit'
  | 'unknown_channel'
  | 'negative_amount'
  | 'negative_workers'
  | 'missing_workers'
  | 'unknown_outcome'
  | 'duplicate_office'
  | 'conflicting_office';

/** The problems each source can have; every pair is always exposed, 0 when clean. */
const QUALITY_PROBLEMS: Readonly<Record<QualitySource, readonly QualityProblem[]>> = {
  applications: ['missing_date', ...DATE_PROBLEMS, 'unknown_office', 'unknown_office_folded', 'unknown_benefit', 'unknown_outcome'],
  sr41: [
    'missing_date',
    ...DATE_PROBLEMS,
    'unknown_office',
    'unknown_office_folded',
    'unknown_benefit',
    'unknown_channel',
    'negative_amount',
    'negative_workers',
    'missing_workers',
    'unknown_outcome',
  ],
  offices: ['duplicate_office', 'conflicting_office'],
};

const DATA_QUALITY = declareFamily({
  name: 'dasmo_data_quality_rows',
  type: 'gauge',
  help:
    'Source rows with a data-quality problem in the daily snapshot for the reference day: ' +
    'rows with a missing, zero, future or ancient date, or an outcome before their arrival, are left out; ' +
    'unknown_office rows are kept under region="unknown" (beyond the cap, folded into office="other"); ' +
    'unknown benefit/channel/outcome codes are labelled "other"; negative amounts are left out of the euro sum, ' +
    'negative or missing workers out of the worker sums; duplicate office rows are dropped, one row kept per code.',
});

/** Counts rows with a problem, per problem, for one source. */
export class QualityTally {
  private readonly counts = new Map<QualityProblem, number>();

  constructor(readonly source: QualitySource) {
    for (const problem of QUALITY_PROBLEMS[source]) this.counts.set(problem, 0);
  }

  add(problem: QualityProblem, rows: number): void {
    if (rows === 0) return;
    if (!this.counts.has(problem)) throw new Error(`${problem} is not a ${this.source} problem`);
    this.counts.set(problem, (this.counts.get(problem) ?? 0) + rows);
  }

  samples(): Sample[] {
    return [...this.counts].map(([problem, value]) =>
      DATA_QUALITY.sample(
        renderLabels([
          ['source', this.source],
          ['problem', problem],
        ]),
        value,
      ),
    );
  }
}

export function dataQualityFamily(tallies: readonly QualityTally[]): MetricFamily {
  return DATA_QUALITY.family(tallies.flatMap((tally) => tally.samples()));
}
