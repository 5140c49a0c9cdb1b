import { escape } from 'mysql2';
import type { Application } from './applications';
import type { DayTable } from './calendar';
import type { Flow } from './flows';
import type { Office } from './offices';
import { abs, floor } from './math';

/**
 * SQL literals for the three tables' rows. Text values all come from small closed sets
 * (office codes, benefits, causes, outcomes, channels), so each is escaped once by mysql2
 * and memoised: escaping millions of values one by one would dominate the load time.
 */
const literals = new Map<string, string>();

function text(value: string): string {
  let literal = literals.get(value);
  if (literal === undefined) {
    literal = escape(value);
    literals.set(value, literal);
  }
  return literal;
}

function nullable(value: string | null): string {
  return value === null ? 'NULL' : text(value);
}

/** Timestamps are formatted `YYYY-MM-DD HH:MM:SS`: digits and separators, nothing to escape. */
function datetime(days: DayTable, timestamp: number | null): string {
  return timestamp === null ? 'NULL' : `'${days.format(timestamp)}'`;
}

function decimalCents(cents: number | null): string {
  if (cents === null) return 'NULL';
  const sign = cents < 0 ? '-' : '';
  const magnitude = abs(cents);
  return `${sign}${floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
}

export const OFFICE_COLUMNS = '(codice_sede, denominazione, codice_regione, regione, tipo_sede)';
export const APPLICATION_COLUMNS =
  '(id, codice_sede, prestazione, plurilocalizzata, causale, data_presentazione, data_istruttoria, ' +
  'data_definizione, esito, lavoratori)';
export const FLOW_COLUMNS =
  '(id, codice_sede, prestazione, plurilocalizzata, causale, canale, data_ricezione, data_liquidazione, ' +
  'data_esito, esito, lavoratori, importo)';

export function officeRow(office: Office): string {
  const values = [office.code, office.name, office.regionCode, office.region, office.type];
  return `(${values.map((value) => escape(value)).join(',')})`;
}

export function applicationRow(app: Application, days: DayTable): string {
  return (
    `(${app.id},${text(app.office)},${text(app.benefit)},${app.multiRegion ? 1 : 0},${text(app.cause)},` +
    `${datetime(days, app.presentedAt)},${datetime(days, app.reviewedAt)},${datetime(days, app.decidedAt)},` +
    `${nullable(app.outcome)},${app.workers})`
  );
}

export function flowRow(flow: Flow, days: DayTable): string {
  return (
    `(${flow.id},${text(flow.office)},${text(flow.benefit)},${flow.multiRegion ? 1 : 0},${text(flow.cause)},` +
    `${text(flow.channel)},${datetime(days, flow.receivedAt)},${datetime(days, flow.settledAt)},` +
    `${datetime(days, flow.closedAt)},${nullable(flow.outcome)},${flow.workers},${decimalCents(flow.amountCents)})`
  );
}

export { decimalCents };
