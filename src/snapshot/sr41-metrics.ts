import type { Sr41Group } from '../collectors/sr41';
import { SECONDS_PER_DAY, SR41_CRITICAL_AGE_DAYS } from '../contract/ages';
import { QualityTally } from './data-quality';
import {
  addAges,
  DAILY,
  emptyAgeDistribution,
  gaugeHistogramSamples,
  maxOrNull,
  samplesByLabel,
} from './family-samples';
import { channelOf, FLOW_OUTCOMES, flowOutcomeOf } from './labels';
import { addTo, outcomeLabel, renderCommonLabels, resolveCommonLabels, seriesFor, sortedEntries } from './label-keys';
import type { OfficeDirectory } from './office-directory';
import type { MetricFamily, Sample } from './openmetrics';

interface Sr41Series {
  pendingProcessing: number;
  pendingSettled: number;
  workersPending: number;
  pendingCritical: number;
  ages: ReturnType<typeof emptyAgeDistribution>;
  oldestDays: number | null;
  received: number;
  closed: Map<string, number>;
  workersPaid: number;
  eurosPaid: number;
}

function newSeries(): Sr41Series {
  return {
    pendingProcessing: 0,
    pendingSettled: 0,
    workersPending: 0,
    pendingCritical: 0,
    ages: emptyAgeDistribution(),
    oldestDays: null,
    received: 0,
    closed: new Map(FLOW_OUTCOMES.map((outcome) => [outcome, 0])),
    workersPaid: 0,
    eurosPaid: 0,
  };
}

function aggregate(groups: readonly Sr41Group[], offices: OfficeDirectory, quality: QualityTally) {
  const series = new Map<string, Sr41Series>();
  for (const group of groups) {
    quality.add('missing_date', group.missingDate);
    if (group.received === 0) continue;
    quality.add('negative_amount', group.negativeAmount);
    const channel = channelOf(group.channelCode);
    if (channel === null) quality.add('unknown_channel', group.received);
    const labels = renderCommonLabels(resolveCommonLabels(group, group.received, offices, quality), [
      ['channel', channel ?? 'other'],
    ]);
    const target = seriesFor(series, labels, newSeries);
    target.received += group.received;
    target.pendingProcessing += group.pendingProcessing;
    target.pendingSettled += group.pendingSettled;
    target.workersPending += group.workersPending;
    target.pendingCritical += group.pendingCritical;
    addAges(target.ages, group.ageBuckets, group.pendingProcessing + group.pendingSettled, group.ageSumDays);
    target.oldestDays = maxOrNull(target.oldestDays, group.oldestDays);
    if (group.closed > 0) {
      const outcome = outcomeLabel(group.outcomeCode, flowOutcomeOf, group.closed, quality);
      addTo(target.closed, outcome, group.closed);
      if (outcome === 'paid') {
        target.workersPaid += group.workersClosed;
        target.eurosPaid += group.eurosClosed;
      }
    }
  }
  return sortedEntries(series);
}

/** Euro sums are exact decimals in SQL; adding groups in floating point needs rounding to cents. */
function cents(euros: number): number {
  return Math.round(euros * 100) / 100;
}

/** The SR41 families of a snapshot, and the data-quality tally of the sr41 source. */
export function sr41Families(
  groups: readonly Sr41Group[],
  offices: OfficeDirectory,
): { families: MetricFamily[]; quality: QualityTally } {
  const quality = new QualityTally('sr41');
  const series = aggregate(groups, offices, quality);
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
      ...samplesByLabel('dasmo_sr41_flows_pending', labels, 'phase', [
        ['processing', s.pendingProcessing],
        ['settled', s.pendingSettled],
      ]),
    );
    critical.push({ name: 'dasmo_sr41_flows_pending_critical', labels, value: s.pendingCritical });
    workersPending.push({ name: 'dasmo_sr41_workers_pending', labels, value: s.workersPending });
    ages.push(...gaugeHistogramSamples('dasmo_sr41_pending_age_seconds', labels, s.ages));
    if (s.oldestDays !== null && s.ages.count > 0) {
      oldest.push({ name: 'dasmo_sr41_oldest_pending_age_seconds', labels, value: s.oldestDays * SECONDS_PER_DAY });
    }
    received.push({ name: 'dasmo_sr41_flows_received_total', labels, value: s.received });
    closed.push(...samplesByLabel('dasmo_sr41_flows_closed_total', labels, 'outcome', [...s.closed]));
    workersPaid.push({ name: 'dasmo_sr41_workers_paid_total', labels, value: s.workersPaid });
    eurosPaid.push({ name: 'dasmo_sr41_paid_euros_total', labels, value: cents(s.eurosPaid) });
  }
  const families: MetricFamily[] = [
    {
      name: 'dasmo_sr41_flows_pending',
      type: 'gauge',
      help: `Payment flows (SR41, SR43, UniEmens-Cig) received and not yet closed, by phase (settled once liquidated). ${DAILY}`,
      samples: pending,
    },
    {
      name: 'dasmo_sr41_flows_pending_critical',
      type: 'gauge',
      help: `Pending payment flows received more than ${SR41_CRITICAL_AGE_DAYS} days before the reference day ("alta criticita"). ${DAILY}`,
      samples: critical,
    },
    {
      name: 'dasmo_sr41_workers_pending',
      type: 'gauge',
      help: `Workers in pending payment flows (sum of lavoratori). ${DAILY}`,
      samples: workersPending,
    },
    {
      name: 'dasmo_sr41_pending_age_seconds',
      type: 'gaugehistogram',
      unit: 'seconds',
      help: `Age of pending payment flows in whole calendar days from receipt to the reference day, expressed in seconds. ${DAILY}`,
      samples: ages,
    },
    {
      name: 'dasmo_sr41_oldest_pending_age_seconds',
      type: 'gauge',
      unit: 'seconds',
      help: `Age of the oldest pending payment flow (whole days, in seconds); only where something is pending. ${DAILY}`,
      samples: oldest,
    },
    {
      name: 'dasmo_sr41_flows_received',
      type: 'counter',
      help: `Payment flows received up to the end of the reference day. ${DAILY}`,
      samples: received,
    },
    {
      name: 'dasmo_sr41_flows_closed',
      type: 'counter',
      help: `Payment flows closed up to the end of the reference day, by outcome. ${DAILY}`,
      samples: closed,
    },
    {
      name: 'dasmo_sr41_workers_paid',
      type: 'counter',
      help: `Workers in paid flows up to the end of the reference day. ${DAILY}`,
      samples: workersPaid,
    },
    {
      name: 'dasmo_sr41_paid_euros',
      type: 'counter',
      unit: 'euros',
      help: `Euros paid by flows closed as paid up to the end of the reference day (negative amounts left out). ${DAILY}`,
      samples: eurosPaid,
    },
  ];
  return { families, quality };
}
