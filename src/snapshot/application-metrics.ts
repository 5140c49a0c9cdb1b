import type { ApplicationGroup } from '../collectors/applications';
import { QualityTally } from './data-quality';
import { declareFamily } from './declared-family';
import { DAILY, emptyAgeDistribution } from './family-samples';
import { APPLICATION_OUTCOMES, applicationOutcomeOf } from './labels';
import { addTo, outcomeLabel } from './label-keys';
import type { OfficeDirectory } from './office-directory';
import type { Sample } from './openmetrics';
import { aggregateGroups, oldestPendingSample, type PendingSeries, type SeriesShape } from './pending-series';
import type { SourceFamilies } from './source-table';

const PENDING = declareFamily({
  name: 'dasmo_applications_pending',
  type: 'gauge',
  help: `Applications received and not yet decided, by phase (under_review once the review has started). ${DAILY}`,
});
const PENDING_AGE = declareFamily({
  name: 'dasmo_applications_pending_age_seconds',
  type: 'gaugehistogram',
  unit: 'seconds',
  help: `Age of pending applications in whole calendar days from presentation to the reference day, expressed in seconds. ${DAILY}`,
});
const OLDEST_PENDING_AGE = declareFamily({
  name: 'dasmo_applications_oldest_pending_age_seconds',
  type: 'gauge',
  unit: 'seconds',
  help: `Age of the oldest pending application (whole days, in seconds); only where something is pending. ${DAILY}`,
});
const RECEIVED = declareFamily({
  name: 'dasmo_applications_received',
  type: 'counter',
  help: `Applications presented up to the end of the reference day. ${DAILY}`,
});
const DECIDED = declareFamily({
  name: 'dasmo_applications_decided',
  type: 'counter',
  help: `Applications decided up to the end of the reference day, by outcome. ${DAILY}`,
});

interface ApplicationSeries extends PendingSeries {
  pendingUnderReview: number;
  pendingAwaitingReview: number;
  decided: Map<string, number>;
}

const NO_EXTRA_LABELS: ReadonlyArray<readonly [string, string]> = [];

const APPLICATION_SHAPE: SeriesShape<ApplicationGroup, ApplicationSeries> = {
  create: () => ({
    received: 0,
    ages: emptyAgeDistribution(),
    oldestDays: null,
    pendingUnderReview: 0,
    pendingAwaitingReview: 0,
    decided: new Map(APPLICATION_OUTCOMES.map((outcome) => [outcome, 0])),
  }),
  extraLabels: () => NO_EXTRA_LABELS,
  pending: (group) => group.pendingUnderReview + group.pendingAwaitingReview,
  add(target, group, quality) {
    target.pendingUnderReview += group.pendingUnderReview;
    target.pendingAwaitingReview += group.pendingAwaitingReview;
    if (group.decided > 0) {
      addTo(target.decided, outcomeLabel(group.outcomeCode, applicationOutcomeOf, group.decided, quality), group.decided);
    }
  },
};

/** The application families of a snapshot, and the data-quality tally of the applications source. */
export function applicationFamilies(groups: readonly ApplicationGroup[], offices: OfficeDirectory): SourceFamilies {
  const quality = new QualityTally('applications');
  const series = aggregateGroups(groups, offices, quality, APPLICATION_SHAPE);
  const pending: Sample[] = [];
  const ages: Sample[] = [];
  const oldest: Sample[] = [];
  const received: Sample[] = [];
  const decided: Sample[] = [];
  for (const [labels, s] of series) {
    pending.push(
      ...PENDING.byLabel(labels, 'phase', [
        ['under_review', s.pendingUnderReview],
        ['awaiting_review', s.pendingAwaitingReview],
      ]),
    );
    ages.push(...PENDING_AGE.histogram(labels, s.ages));
    const oldestSample = oldestPendingSample(OLDEST_PENDING_AGE, labels, s);
    if (oldestSample !== undefined) oldest.push(oldestSample);
    received.push(RECEIVED.sample(labels, s.received));
    decided.push(...DECIDED.byLabel(labels, 'outcome', [...s.decided]));
  }
  const families = [
    PENDING.family(pending),
    PENDING_AGE.family(ages),
    OLDEST_PENDING_AGE.family(oldest),
    RECEIVED.family(received),
    DECIDED.family(decided),
  ];
  return { families, quality };
}
