import type { Sr41Group as FlowGroup } from '../collectors/sr41';
import { AGE_BUCKET_DAYS, SR41_CRITICAL_AGE_DAYS } from '../contract/ages';
import type { FlowHistory } from './flow-history';
import { MilestoneSweep } from './milestone-sweep';

/** The age buckets, then the "alta criticita" bound. */
const BOUNDS: readonly number[] = [...AGE_BUCKET_DAYS, SR41_CRITICAL_AGE_DAYS];
const CRITICAL = AGE_BUCKET_DAYS.length;
const NO_AGES: readonly number[] = Object.freeze(AGE_BUCKET_DAYS.map(() => 0));

/**
 * Replays a flow history day by day: each `next()` returns the groups of the next reference
 * day exactly as `collectFlows` returns them for that day.
 */
export class FlowDays {
  private readonly sweep: MilestoneSweep;
  private readonly workersReceived: Float64Array;
  private readonly workersClosed: Float64Array;
  private readonly euroUnitsClosed: Float64Array;
  private readonly negativeAmount: Float64Array;

  constructor(private readonly history: FlowHistory) {
    const groups = history.groups.length;
    this.sweep = new MilestoneSweep(history.rows, groups, BOUNDS);
    this.workersReceived = new Float64Array(groups);
    this.workersClosed = new Float64Array(groups);
    this.euroUnitsClosed = new Float64Array(groups);
    this.negativeAmount = new Float64Array(groups);
  }

  private readonly onEnter = (row: number, g: number): void => {
    this.workersReceived[g] = (this.workersReceived[g] as number) + this.history.workers.get(row);
    this.negativeAmount[g] = (this.negativeAmount[g] as number) + this.history.negativeAmount.get(row);
  };

  private readonly onClose = (row: number, g: number): void => {
    this.workersClosed[g] = (this.workersClosed[g] as number) + this.history.workers.get(row);
    this.euroUnitsClosed[g] = (this.euroUnitsClosed[g] as number) + this.history.euroUnits.get(row);
  };

  next(): FlowGroup[] {
    this.sweep.advance(this.onEnter, this.onClose);
    const { received, closed, inPhase } = this.sweep;
    const groups: FlowGroup[] = [];
    this.history.groups.forEach((key, g) => {
      const receivedRows = received[g] as number;
      const missingDate = this.history.missingDate[g] as number;
      if (receivedRows === 0 && missingDate === 0) return;
      const pending = receivedRows - (closed[g] as number);
      const ages = this.sweep.agesOf(g);
      // Fields spelled out: a spread here makes slow dictionary-mode objects (27x slower sweep).
      groups.push({
        office: key.office,
        benefitCode: key.benefitCode,
        multiRegion: key.multiRegion,
        causeCode: key.causeCode,
        channelCode: key.channelCode,
        outcomeCode: key.outcomeCode,
        missingDate,
        received: receivedRows,
        closed: closed[g] as number,
        workersClosed: this.workersClosed[g] as number,
        eurosClosed: this.history.euros.toNumber(this.euroUnitsClosed[g] as number),
        negativeAmount: this.negativeAmount[g] as number,
        pendingSettled: inPhase[g] as number,
        pendingProcessing: pending - (inPhase[g] as number),
        workersPending: (this.workersReceived[g] as number) - (this.workersClosed[g] as number),
        ageBuckets: ages === undefined ? NO_AGES : AGE_BUCKET_DAYS.map((_, index) => ages.atMost(index)),
        pendingCritical: ages === undefined ? 0 : ages.count - ages.atMost(CRITICAL),
        ageSumDays: ages === undefined ? 0 : ages.ageSum(),
        oldestDays: ages === undefined ? null : ages.oldestAge(),
      });
    });
    return groups;
  }
}
