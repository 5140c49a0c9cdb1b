import { Application, ApplicationDrafter, Draft, cutAt, endOfDay, toApplication } from './applications';
import { DayTable } from './calendar';
import { Flaws } from './flaws';
import { Flow, FlowContext, flowsFor } from './flows';
import { FIRST_DAY, dailyCounts } from './inflow';
import { Office, buildOffices } from './offices';
import { PendingPlan, planPending, stuckProbability } from './pending';
import { Prng } from './prng';
import { WeightedPicker } from './weighted';
import { at } from '../common/checked-index';

interface DatasetSpec {
  readonly seed: number;
  readonly applications: number;
  /** Day number (calendar.ts) of the last day of data. */
  readonly lastDay: number;
}

/** The rows of one day of presentations, and the flows of those applications. */
interface DayBatch {
  readonly day: number;
  readonly applications: readonly Application[];
  readonly flows: readonly Flow[];
}

/** Days after the last one that drafted decisions and payments may reach. */
const DAYS_BEYOND = 450;

/**
 * The whole synthetic dataset, one day at a time, so that callers never hold more than a
 * day of rows. The same spec always yields the same rows in the same order.
 */
export class Dataset {
  readonly offices: readonly Office[] = buildOffices();
  readonly days: DayTable;
  readonly pendingPlan: PendingPlan;
  private readonly counts: number[];

  constructor(readonly spec: DatasetSpec) {
    this.days = new DayTable(FIRST_DAY, spec.lastDay + DAYS_BEYOND);
    this.counts = dailyCounts(spec.applications, spec.lastDay);
    this.pendingPlan = planPending(this.counts, FIRST_DAY, this.days, spec.seed);
  }

  *batches(): Generator<DayBatch> {
    const { seed, lastDay, applications: total } = this.spec;
    const appRng = new Prng(seed, 'applications');
    const flowRng = new Prng(seed, 'flows');
    const drafter = new ApplicationDrafter(this.days, this.pendingPlan.durationScale);
    const offices = new WeightedPicker(this.offices, this.offices.map((office) => office.weight));
    const flaws = new Flaws(total);
    const end = endOfDay(lastDay);
    const flowContext: FlowContext = { days: this.days, endOfLastDay: end, lastDay };
    let nextApplicationId = 1;
    let nextFlowId = 1;

    for (let i = 0; i < this.counts.length; i += 1) {
      const day = FIRST_DAY + i;
      const drafts: Draft[] = [];
      const count = at(this.counts, i);
      for (let n = 0; n < count; n += 1) drafts.push(drafter.draft(appRng, day));
      // Ids follow presentation order, as a source system numbering applications would.
      drafts.sort((a, b) => a.presentedAt - b.presentedAt);
      const stuck = stuckProbability(this.pendingPlan, lastDay - day);
      const applications: Application[] = [];
      const flows: Flow[] = [];
      for (const draft of drafts) {
        const state = cutAt(draft, end, appRng.chance(stuck), appRng);
        const app = toApplication(nextApplicationId, offices, appRng, state);
        nextApplicationId += 1;
        applications.push(app);
        if (!flaws.application(app)) continue;
        for (const flow of flowsFor(app, flowRng, flowContext)) {
          flow.id = nextFlowId;
          nextFlowId += 1;
          flaws.flow(app, flow);
          flows.push(flow);
        }
      }
      yield { day, applications, flows };
    }
  }
}
