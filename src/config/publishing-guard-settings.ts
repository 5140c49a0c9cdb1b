import { UserError } from '../common/user-error';
import { parseIsoDay } from '../time/reference-day';
import type { Environment } from './settings';

/** How far a collapsed source may go before its data is refused, and the operator's way past it. */
export interface PublishingGuardSettings {
  /** Largest fall of a national received total from the last published one, as a share (0.01 = 1 %). */
  readonly maxReceivedDrop: number;
  /** The reference day (YYYY-MM-DD) whose refused data an operator has checked and accepts. */
  readonly acceptedDay: string | undefined;
}

export const DEFAULT_MAX_RECEIVED_DROP_PERCENT = 1;

export function publishingGuardSettingsFromEnv(env: Environment): PublishingGuardSettings {
  const raw = (env.DASMO_MAX_RECEIVED_DROP_PERCENT ?? '').trim();
  let percent = DEFAULT_MAX_RECEIVED_DROP_PERCENT;
  if (raw !== '') {
    percent = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(percent >= 0 && percent <= 100)) {
      throw new UserError(`DASMO_MAX_RECEIVED_DROP_PERCENT must be a number from 0 to 100, got ${JSON.stringify(env.DASMO_MAX_RECEIVED_DROP_PERCENT)}`);
    }
  }
  const accepted = (env.DASMO_ACCEPT_REFUSED_REFERENCE_DATE ?? '').trim();
  let acceptedDay: string | undefined;
  if (accepted !== '') {
    acceptedDay = parseIsoDay(accepted, 'DASMO_ACCEPT_REFUSED_REFERENCE_DATE');
  }
  return Object.freeze({ maxReceivedDrop: percent / 100, acceptedDay });
}

