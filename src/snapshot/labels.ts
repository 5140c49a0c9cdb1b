/**
 * Mapping of source codes to label values. Source values are compared trimmed and upper-case;
 * anything unknown maps to `other` (or `null` for outcomes) and is counted by the caller as a
 * data-quality problem.
 */

export type Benefit = 'cigo' | 'cigs' | 'cigd' | 'cigd_pluri' | 'aso' | 'cisoa' | 'other';
export type Cause = 'covid19' | 'ordinary';
type Channel = 'sr41' | 'sr43' | 'uniemens_cig' | 'other';
type ApplicationOutcome = 'authorized' | 'rejected' | 'cancelled';
type FlowOutcome = 'paid' | 'rejected' | 'cancelled' | 'lapsed';

export const APPLICATION_OUTCOMES: readonly ApplicationOutcome[] = ['authorized', 'rejected', 'cancelled'];
export const FLOW_OUTCOMES: readonly FlowOutcome[] = ['paid', 'rejected', 'cancelled', 'lapsed'];
/** Emitted only where a decided or closed row carries an outcome we do not know. */
export const UNKNOWN_OUTCOME = 'other';

const BENEFITS: Readonly<Record<string, Benefit>> = { CIGO: 'cigo', CIGS: 'cigs', CIGD: 'cigd', ASO: 'aso', CISOA: 'cisoa' };
const CHANNELS: Readonly<Record<string, Channel>> = { SR41: 'sr41', SR43: 'sr43', UNIEMENS_CIG: 'uniemens_cig' };
const APPLICATION_OUTCOME_CODES: Readonly<Record<string, ApplicationOutcome>> = {
  AUTORIZZATA: 'authorized',
  RESPINTA: 'rejected',
  ANNULLATA: 'cancelled',
};
const FLOW_OUTCOME_CODES: Readonly<Record<string, FlowOutcome>> = {
  PAGATO: 'paid',
  SCARTATO: 'rejected',
  ANNULLATO: 'cancelled',
  DECADUTO: 'lapsed',
};

function normalise(code: string | null): string {
  return (code ?? '').trim().toUpperCase();
}

function lookup<T>(table: Readonly<Record<string, T>>, code: string | null): T | null {
  const key = normalise(code);
  return Object.prototype.hasOwnProperty.call(table, key) ? (table[key] ?? null) : null;
}

/** `null` when the code is unknown (the caller labels it `other` and counts it). */
export function benefitOf(prestazione: string | null, plurilocalizzata: boolean): Benefit | null {
  const benefit = lookup(BENEFITS, prestazione);
  return benefit === 'cigd' && plurilocalizzata ? 'cigd_pluri' : benefit;
}

export function causeOf(causale: string | null): Cause {
  return normalise(causale) === 'COVID19' ? 'covid19' : 'ordinary';
}

export function channelOf(canale: string | null): Channel | null {
  return lookup(CHANNELS, canale);
}

export function applicationOutcomeOf(esito: string | null): ApplicationOutcome | null {
  return lookup(APPLICATION_OUTCOME_CODES, esito);
}

export function flowOutcomeOf(esito: string | null): FlowOutcome | null {
  return lookup(FLOW_OUTCOME_CODES, esito);
}
