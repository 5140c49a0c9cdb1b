import type { Application, Benefit, Cause } from './applications';
import { DayTable, dayOf, firstDayOfMonth, lastDayOfMonth, monthOf } from './calendar';
import { anyTimeOn, dayOfTimestamp, officeTimeAfter } from './clock';
import { congestion } from './inflow';
import type { Prng } from './prng';
import { weighted } from './weighted';
import { exp, floor, max, min, round } from './math';

type Channel = 'SR41' | 'UNIEMENS_CIG' | 'SR43';
type FlowOutcome = 'PAGATO' | 'SCARTATO' | 'ANNULLATO' | 'DECADUTO';

/** One row of dasmo_sr41; timestamps as calendar.ts numbers, amounts in euro cents. */
export interface Flow {
  id: number;
  office: string;
  benefit: Benefit;
  multiRegion: boolean;
  cause: Cause;
  channel: Channel;
  receivedAt: number;
  settledAt: number | null;
  closedAt: number | null;
  outcome: FlowOutcome | null;
  workers: number;
  amountCents: number | null;
}

/** UniEmens-Cig replaced the SR41 form from May 2022. */
const UNIEMENS_FROM = dayOf(2022, 5, 1);

/** Share of authorised applications paid directly by INPS (the others are paid by the employer). */
const DIRECT_PAYMENT: Record<Benefit, number> = { CIGD: 0.95, CIGO: 0.3, ASO: 0.4, CIGS: 0.2, CISOA: 1 };
const PERIOD_MONTHS = weighted<number>([[1, 45], [2, 30], [3, 15], [4, 7], [6, 3]]);
const OUTCOMES = weighted<FlowOutcome>([['PAGATO', 92.5], ['SCARTATO', 4], ['ANNULLATO', 1.5], ['DECADUTO', 2]]);
/** Monthly benefit per worker is capped (2021 ceiling: 1,199.72 euro). */
const MONTHLY_CAP_CENTS = 119972;

export interface FlowContext {
  readonly days: DayTable;
  readonly endOfLastDay: number;
  readonly lastDay: number;
}

/** Relative chance of a flow of `ageDays` being stuck: a few recent ones, a chronic tail. */
function flowStuckProbability(ageDays: number): number {
  return 0.02 * exp(-ageDays / 120) + 0.0015;
}

export function channelFor(benefit: Benefit, receivedDay: number): Channel {
  if (benefit === 'CISOA') return 'SR43';
  return receivedDay < UNIEMENS_FROM ? 'SR41' : 'UNIEMENS_CIG';
}

/**
 * The payment flows of one decided application: one per month of the authorised period, sent
 * after the month (and after the authorisation), received by the last day. Ids are left 0.
 */
export function flowsFor(app: Application, rng: Prng, ctx: FlowContext): Flow[] {
  if (app.outcome !== 'AUTORIZZATA' || app.decidedAt === null) return [];
  if (!rng.chance(DIRECT_PAYMENT[app.benefit])) return [];
  const authorisedAt = app.decidedAt;
  const authorisedDay = dayOfTimestamp(authorisedAt);
  const firstMonth = monthOf(dayOfTimestamp(app.presentedAt)) - (rng.chance(0.4) ? 1 : 0);
  const months = PERIOD_MONTHS.pick(rng);
  const perWorkerCents = min(MONTHLY_CAP_CENTS, max(12000, round(rng.logNormal(62000, 0.45))));
  const flows: Flow[] = [];
  for (let month = firstMonth; month < firstMonth + months; month += 1) {
    const earliestDay = max(authorisedDay, firstDayOfMonth(month + 1));
    if (earliestDay >= ctx.lastDay) break;
    const deadlineDay = max(lastDayOfMonth(month + 1), authorisedDay + 30);
    const outcome = OUTCOMES.pick(rng);
    const receivedDay =
      outcome === 'DECADUTO'
        ? deadlineDay + 1 + floor(rng.logNormal(12, 0.8))
        : min(deadlineDay, earliestDay + 1 + floor(rng.logNormal(6, 0.9)));
    if (receivedDay > ctx.lastDay) continue;
    const receivedAt = anyTimeOn(rng, ctx.days, receivedDay);
    const workers = max(1, min(app.workers, round(app.workers * (0.18 + 0.75 * rng.next()))));
    const flow: Flow = {
      id: 0,
      office: app.office,
      benefit: app.benefit,
      multiRegion: app.multiRegion,
      cause: app.cause,
      channel: channelFor(app.benefit, receivedDay),
      receivedAt,
      settledAt: null,
      closedAt: null,
      outcome: null,
      workers,
      amountCents: null,
    };
    settle(flow, outcome, perWorkerCents, rng, ctx);
    flows.push(flow);
  }
  return flows;
}

/** Fills the flow's processing dates and outcome as they stand at the end of the last day. */
function settle(flow: Flow, outcome: FlowOutcome, perWorkerCents: number, rng: Prng, ctx: FlowContext): void {
  const { days, endOfLastDay } = ctx;
  const receivedDay = dayOfTimestamp(flow.receivedAt);
  let settledAt: number | null = null;
  let closedAt: number;
  switch (outcome) {
    case 'SCARTATO':
      closedAt = officeTimeAfter(rng, days, flow.receivedAt, rng.int(1, 3));
      break;
    case 'DECADUTO':
      closedAt = officeTimeAfter(rng, days, flow.receivedAt, rng.int(1, 7));
      break;
    case 'ANNULLATO':
      closedAt = officeTimeAfter(rng, days, flow.receivedAt, min(90, rng.logNormal(10, 0.8)));
      break;
    case 'PAGATO':
      // Slower while offices were flooded (spring 2020).
      settledAt = officeTimeAfter(rng, days, flow.receivedAt, min(200, rng.logNormal(7 * congestion(receivedDay), 0.8)));
      closedAt = officeTimeAfter(rng, days, settledAt, rng.int(2, 6));
      break;
  }
  const stuck = rng.chance(flowStuckProbability(ctx.lastDay - receivedDay));
  const settledByEnd = settledAt !== null && settledAt <= endOfLastDay;
  if (stuck || closedAt > endOfLastDay) {
    // Still pending: settled but not paid yet, or still in processing.
    const keepSettled = settledByEnd && (!stuck || rng.chance(0.3));
    flow.settledAt = keepSettled ? settledAt : null;
    flow.amountCents = keepSettled ? flow.workers * perWorkerCents : null;
    return;
  }
  flow.settledAt = settledAt;
  flow.closedAt = closedAt;
  flow.outcome = outcome;
  flow.amountCents = outcome === 'PAGATO' ? flow.workers * perWorkerCents : null;
}
