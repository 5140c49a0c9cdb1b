import type { ApplicationGroup } from '../collectors/applications';
import { AGE_BUCKET_DAYS } from '../contract/ages';
import type { ApplicationHistory } from './application-history';
import { MilestoneSweep } from './milestone-sweep';

const NO_AGES: readonly number[] = Object.freeze(AGE_BUCKET_DAYS.map(() => 0));

/**
 * Replays an application history day by day: each `next()` returns the groups of the next
 * reference day exactly as `collectApplications` returns them for that day (phase 2 of an
 * application is its review; closing is its decision).
 */
export class ApplicationDays {
  private readonly sweep: MilestoneSweep;

  constructor(private readonly history: ApplicationHistory) {
    this.sweep = new MilestoneSweep(history.rows, history.groups.length, AGE_BUCKET_DAYS);
  }

  next(): ApplicationGroup[] {
    this.sweep.advance();
    const { received, closed, inPhase } = this.sweep;
    const groups: ApplicationGroup[] = [];
    this.history.groups.forEach((key, g) => {
      const receivedRows = received[g] as number;
      const missingDate = this.history.missingDate[g] as number;
      if (receivedRows === 0 && missingDate === 0) return;
      const pending = receivedRows - (closed[g] as number);
      const ages = this.sweep.agesOf(g);
      // Fields spelled out: a spread here makes slow dictionary-mode objects.
      groups.push({
        office: key.office,
        benefitCode: key.benefitCode,
        multiRegion: key.multiRegion,
        causeCode: key.causeCode,
        outcomeCode: key.outcomeCode,
        missingDate,
        received: receivedRows,
        decided: closed[g] as number,
        pendingUnderReview: inPhase[g] as number,
        pendingAwaitingReview: pending - (inPhase[g] as number),
        ageBuckets: ages === undefined ? NO_AGES : AGE_BUCKET_DAYS.map((_, index) => ages.atMost(index)),
        ageSumDays: ages === undefined ? 0 : ages.ageSum(),
        oldestDays: ages === undefined ? null : ages.oldestAge(),
      });
    });
    return groups;
  }
}
