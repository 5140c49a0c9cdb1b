import type { ApplicationGroup } from '../collectors/applications';
import { SECONDS_PER_DAY } from '../contract/ages';
import { QualityTally } from './data-quality';
import {
  addAges,
  DAILY,
  emptyAgeDistribution,
  gaugeHistogramSamples,
  maxOrNull,
  samplesByLabel,
} from './family-samples';
import { APPLICATION_OUTCOMES, applicationOutcomeOf } from './labels';
import { addTo, outcomeLabel, renderCommonLabels, resolveCommonLabels, seriesFor, sortedEntries } from './label-keys';
import type { OfficeDirectory } from './office-directory';
import type { MetricFamily, Sample } from './openmetrics';

interface ApplicationSeries {
  pendingUnderReview: number;
  pendingAwaitingReview: number;
  ages: ReturnType<typeof emptyAgeDistribution>;
  oldestDays: number | null;
  received: number;
  decided: Map<string, number>;
}

function newSeries(): ApplicationSeries {
  return {
    pendingUnderReview: 0,
    pendingAwaitingReview: 0,
    ages: emptyAgeDistribution(),
    oldestDays: null,
    received: 0,
    decided: new Map(APPLICATION_OUTCOMES.map((outcome) => [outcome, 0])),
  };
}

/** Merges source groups into label sets; only label sets that received something appear. */
function aggregate(groups: readonly ApplicationGroup[], offices: OfficeDirectory, quality: QualityTally) {
  const series = new Map<string, ApplicationSeries>();
  for (const group of groups) {
    quality.add('missing_date', group.missingDate);
    if (group.received === 0) continue;
    const labels = renderCommonLabels(resolveCommonLabels(group, group.received, offices, quality));
    const target = seriesFor(series, labels, newSeries);
    target.received += group.received;
    target.pendingUnderReview += group.pendingUnderReview;
    target.pendingAwaitingReview += group.pendingAwaitingReview;
    addAges(target.ages, group.ageBuckets, group.pendingUnderReview + group.pendingAwaitingReview, group.ageSumDays);
    target.oldestDays = maxOrNull(target.oldestDays, group.oldestDays);
    if (group.decided > 0) {
      addTo(target.decided, outcomeLabel(group.outcomeCode, applicationOutcomeOf, group.decided, quality), group.decided);
    }
  }
  return sortedEntries(series);
}

/** The application families of a snapshot, and the data-quality tally of the applications source. */
export function applicationFamilies(
  groups: readonly ApplicationGroup[],
  offices: OfficeDirectory,
): { families: MetricFamily[]; quality: QualityTally } {
  const quality = new QualityTally('applications');
  const series = aggregate(groups, offices, quality);
  const pending: Sample[] = [];
  const ages: Sample[] = [];
  const oldest: Sample[] = [];
  const received: Sample[] = [];
  const decided: Sample[] = [];
  for (const [labels, s] of series) {
    pending.push(
      ...samplesByLabel('dasmo_applications_pending', labels, 'phase', [
        ['under_review', s.pendingUnderReview],
        ['awaiting_review', s.pendingAwaitingReview],
      ]),
    );
    ages.push(...gaugeHistogramSamples('dasmo_applications_pending_age_seconds', labels, s.ages));
    if (s.oldestDays !== null && s.ages.count > 0) {
      oldest.push({ name: 'dasmo_applications_oldest_pending_age_seconds', labels, value: s.oldestDays * SECONDS_PER_DAY });
    }
    received.push({ name: 'dasmo_applications_received_total', labels, value: s.received });
    decided.push(...samplesByLabel('dasmo_applications_decided_total', labels, 'outcome', [...s.decided]));
  }
  const families: MetricFamily[] = [
    {
      name: 'dasmo_applications_pending',
      type: 'gauge',
      help: `Applications received and not yet decided, by phase (under_review once the review has started). ${DAILY}`,
      samples: pending,
    },
    {
      name: 'dasmo_applications_pending_age_seconds',
      type: 'gaugehistogram',
      unit: 'seconds',
      help: `Age of pending applications in whole calendar days from presentation to the reference day, expressed in seconds. ${DAILY}`,
      samples: ages,
    },
    {
      name: 'dasmo_applications_oldest_pending_age_seconds',
      type: 'gauge',
      unit: 'seconds',
      help: `Age of the oldest pending application (whole days, in seconds); only where something is pending. ${DAILY}`,
      samples: oldest,
    },
    {
      name: 'dasmo_applications_received',
      type: 'counter',
      help: `Applications presented up to the end of the reference day. ${DAILY}`,
      samples: received,
    },
    {
      name: 'dasmo_applications_decided',
      type: 'counter',
      help: `Applications decided up to the end of the reference day, by outcome. ${DAILY}`,
      samples: decided,
    },
  ];
  return { families, quality };
}
