import type { Sr41Group } from '../collectors/sr41';
import { SR41_CRITICAL_AGE_DAYS } from '../contract/ages';
import { QualityTally } from './data-quality';
import { declareFamily } from './declared-family';
import { DAILY, emptyAgeDistribution } from './family-samples';
import { channelOf, FLOW_OUTCOMES, flowOutcomeOf } from './labels';
import { addTo, outcomeLabel } from './label-keys';
import type { OfficeDirectory } from './office-directory';
import type { Sample } from './openmetrics';
import { aggregateGroups, oldestPendingSample, type PendingSeries, type SeriesShape } from './pending-series';
import type { SourceFamilies } from './source-table';

const PENDING = declareFamily({
  name: 'dasmo_sr41_flows_pending',
  type: 'gauge',
  help: `Payment flows (SR41, SR43, UniEmens-Cig) received and not yet closed, by phase (settled once liquidated). ${DAILY}`,
});
const PENDING_CRITICAL = declareFamily({
  name: 'dasmo_sr41_flows_pending_critical',
  type: 'gauge',
  help: `Pending payment flows received more than ${SR41_CRITICAL_AGE_DAYS} days before the reference day ("alta criticita"). ${DAILY}`,
});
const WORKERS_PENDING = declareFamily({
  name: 'dasmo_sr41_workers_pending',
  type: 'gauge',
  help: `Workers in pending payment flows (sum of lavoratori; negative or missing counts left out). ${DAILY}`,
});
const PENDING_AGE = declareFamily({
  name: 'dasmo_sr41_pending_age_seconds',
  type: 'gaugehistogram',
  unit: 'seconds',
  help: `Age of pending payment flows in whole calendar days from receipt to the reference day, expressed in seconds. ${DAILY}`,
});
const OLDEST_PENDING_AGE = declareFamily({
  name: 'dasmo_sr41_oldest_pending_age_seconds',
  type: 'gauge',
  unit: 'seconds',
  help: `Age of the oldest pending payment flow (whole days, in seconds); only where something is pending. ${DAILY}`,
});
const RECEIVED = declareFamily({
  name: 'dasmo_sr41_flows_received',
  type: 'counter',
  help: `Payment flows received up to the end of the reference day. ${DAILY}`,
});
const CLOSED = declareFamily({
  name: 'dasmo_sr41_flows_closed',
  type: 'counter',
  help: `Payment flows closed up to the end of the reference day, by outcome. ${DAILY}`,
});
const WORKERS_PAID = declareFamily({
  name: 'dasmo_sr41_workers_paid',
  type: 'counter',
  help: `Workers in paid flows up to the end of the reference day (negative or missing counts left out). ${DAILY}`,
});
const PAID_EUROS = declareFamily({
  name: 'dasmo_sr41_paid_euros',
  type: 'counter',
  unit: 'euros',
  help: `Euros paid by flows closed as paid up to the end of the reference day (negative amounts left out). ${DAILY}`,
});

interface Sr41Series extends PendingSeries {
  pendingProcessing: number;
  pendingSettled: number;
  workersPending: number;
  pendingCritical: number;
  closed: Map<string, number>;
  workersPaid: number;
  eurosPaid: number;
}

const SR41_SHAPE: SeriesShape<Sr41Group, Sr41Series> = {
  create: () => ({
    received: 0,
    ages: emptyAgeDistribution(),
    oldestDays: null,
    pendingProcessing: 0,
    pendingSettled: 0,
    workersPending: 0,
    pendingCritical: 0,
    closed: new Map(FLOW_OUTCOMES.map((outcome) => [outcome, 0])),
    workersPaid: 0,
    eurosPaid: 0,
  }),
  extraLabels(group, quality) {
    quality.add('negative_amount', group.negativeAmount);
    quality.add('negative_workers', group.negativeWorkers);
    quality.add('missing_workers', group.missingWorkers);
    const channel = channelOf(group.channelCode);
    if (channel === null) quality.add('unknown_channel', group.received);
    return [['channel', channel ?? 'other']];
  },
  pending: (group) => group.pendingProcessing + group.pendingSettled,
  add(target, group, quality) {
    target.pendingProcessing += group.pendingProcessing;
    target.pendingSettled += group.pendingSettled;
    target.workersPending += group.workersPending;
    target.pendingCritical += group.pendingCritical;
    if (group.closed > 0) {
      const outcome = outcomeLabel(group.outcomeCode, flowOutcomeOf, group.closed, quality);
      addTo(target.closed, outcome, group.closed);
      if (outcome === 'paid') {
        target.workersPaid += group.workersClosed;
        target.eurosPaid += group.eurosClosed;
      }
    }
  },
};

/** Euro sums are exact decimals in SQL; adding groups in floating point needs rounding to cents. */
function cents(euros: number): number {
  return Math.round(euros * 100) / 100;
}

/** The SR41 families of a snapshot, and the data-quality tally of the sr41 source. */
export function sr41Families(groups: readonly Sr41Group[], offices: OfficeDirectory): SourceFamilies {
  const quality = new QualityTally('sr41');
  const series = aggregateGroups(groups, offices, quality, SR41_SHAPE);
  const pending: Sample[] = [];
  const critical: Sample[] = [];
  const workersPending: Sample[] = [];
  const ages: Sample[] = [];
  const oldest: Sample[] = [];
  const received: Sample[] = [];
  const closed: Sample[] = [];
  const workersPaid: Sample[] = [];
  const eurosPaid: Sample[] = [];
  for (const [labels, s] of series) {
    pending.push(
      ...PENDING.byLabel(labels, 'phase', [
        ['processing', s.pendingProcessing],
        ['settled', s.pendingSettled],
      ]),
    );
    critical.push(PENDING_CRITICAL.sample(labels, s.pendingCritical));
    workersPending.push(WORKERS_PENDING.sample(labels, s.workersPending));
    ages.push(...PENDING_AGE.histogram(labels, s.ages));
    const oldestSample = oldestPendingSample(OLDEST_PENDING_AGE, labels, s);
    if (oldestSample !== undefined) oldest.push(oldestSample);
    received.push(RECEIVED.sample(labels, s.received));
    closed.push(...CLOSED.byLabel(labels, 'outcome', [...s.closed]));
    workersPaid.push(WORKERS_PAID.sample(labels, s.workersPaid));
    eurosPaid.push(PAID_EUROS.sample(labels, cents(s.eurosPaid)));
  }
  const families = [
    PENDING.family(pending),
    PENDING_CRITICAL.family(critical),
    WORKERS_PENDING.family(workersPending),
    PENDING_AGE.family(ages),
    OLDEST_PENDING_AGE.family(oldest),
    RECEIVED.family(received),
    CLOSED.family(closed),
    WORKERS_PAID.family(workersPaid),
    PAID_EUROS.family(eurosPaid),
  ];
  return { families, quality };
}
