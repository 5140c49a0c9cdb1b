import type { Application } from './applications';
import type { Flow } from './flows';

/**
 * A handful of deliberately wrong rows, so that data-quality panels have something to show:
 * one application and one flow on office codes missing from dasmo_sedi, and one paid flow
 * with a negative amount. Their places depend only on the number of applications.
 */
export const UNKNOWN_OFFICE_APPLICATION = '9990';
export const UNKNOWN_OFFICE_FLOW = '9991';

export class Flaws {
  private readonly badApplicationId: number;
  private readonly badOfficeFlowFrom: number;
  private readonly negativeAmountFrom: number;
  private badOfficeFlowDone = false;
  private negativeAmountDone = false;

  constructor(totalApplications: number) {
    this.badApplicationId = Math.floor(totalApplications * 0.37) + 1;
    this.badOfficeFlowFrom = Math.floor(totalApplications * 0.61) + 1;
    this.negativeAmountFrom = Math.floor(totalApplications * 0.83) + 1;
  }

  /** Applies to an application; false when its flows must be skipped (their office is unknown). */
  application(app: Application): boolean {
    if (app.id !== this.badApplicationId) return true;
    app.office = UNKNOWN_OFFICE_APPLICATION;
    return false;
  }

  flow(app: Application, flow: Flow): void {
    if (!this.badOfficeFlowDone && app.id >= this.badOfficeFlowFrom) {
      this.badOfficeFlowDone = true;
      flow.office = UNKNOWN_OFFICE_FLOW;
      return;
    }
    if (this.negativeAmountDone || app.id < this.negativeAmountFrom) return;
    if (flow.outcome === 'PAGATO' && flow.amountCents !== null) {
      this.negativeAmountDone = true;
      flow.amountCents = -flow.amountCents;
    }
  }
}
