/**
 * The two backlogs DASMO follows, each with the dashboard that details it: applications
 * (domande) and SR41 direct-payment flows. What differs between them is here; the panels
 * built from it are in backlog-panels.ts.
 */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { config } from '../config';
import type { MetricName } from '../metrics';
import type { AgeHistogram } from '../promql';
import { ageSteps } from './panels';
import type { FilterName } from './variables';

/** A label value and its Italian legend. */
type ValueLegend = readonly [value: string, legend: string];

export interface Backlog {
  /** Uid of the dashboard that details this backlog; office rows open it. */
  readonly dashboardUid: string;
  /** Variables of that dashboard after the datasource, in display order. */
  readonly filters: readonly FilterName[];
  /** Pending items, with a `phase` label. */
  readonly pending: MetricName;
  readonly ageHistogram: AgeHistogram;
  readonly oldestAge: MetricName;
  /** Cumulative counters of items received and of items closed, by `outcome`. */
  readonly received: MetricName;
  readonly closed: MetricName;
  /** Age from which pending items show in red: chronic applications, flows in "alta criticità". */
  readonly criticalAgeDays: number;
  /** Colours of the oldest-pending figures. */
  readonly oldestAgeSteps: readonly dashboard.Threshold[];
  readonly phases: readonly ValueLegend[];
  readonly outcomes: readonly ValueLegend[];
  /** Legend of the received items next to the outcomes. */
  readonly receivedLegend: string;
}

export const APPLICATIONS: Backlog = {
  dashboardUid: config.dashboardUids.applications,
  filters: ['region', 'office', 'benefit', 'cause'],
  pending: 'dasmo_applications_pending',
  ageHistogram: 'dasmo_applications_pending_age_seconds',
  oldestAge: 'dasmo_applications_oldest_pending_age_seconds',
  received: 'dasmo_applications_received_total',
  closed: 'dasmo_applications_decided_total',
  criticalAgeDays: config.chronicAgeDays,
  oldestAgeSteps: ageSteps(config.oldestAgeWarningDays, config.oldestAgeCriticalDays),
  phases: [
    ['awaiting_review', 'In attesa di istruttoria'],
    ['under_review', 'In istruttoria'],
  ],
  outcomes: [
    ['authorized', 'Autorizzate'],
    ['rejected', 'Respinte'],
    ['cancelled', 'Annullate'],
  ],
  receivedLegend: 'Presentate',
};

export const SR41_FLOWS: Backlog = {
  dashboardUid: config.dashboardUids.sr41,
  filters: ['region', 'office', 'benefit', 'cause', 'channel'],
  pending: 'dasmo_sr41_flows_pending',
  ageHistogram: 'dasmo_sr41_pending_age_seconds',
  oldestAge: 'dasmo_sr41_oldest_pending_age_seconds',
  received: 'dasmo_sr41_flows_received_total',
  closed: 'dasmo_sr41_flows_closed_total',
  criticalAgeDays: config.sr41CriticalAgeDays,
  oldestAgeSteps: ageSteps(config.oldestAgeWarningDays, config.sr41CriticalAgeDays),
  phases: [
    ['processing', 'In lavorazione'],
    ['settled', 'Liquidati, in attesa di pagamento'],
  ],
  outcomes: [
    ['paid', 'Pagati'],
    ['rejected', 'Scartati'],
    ['cancelled', 'Annullati'],
    ['lapsed', 'Decaduti'],
  ],
  receivedLegend: 'Ricevuti',
};
