import type mysql from 'mysql2/promise';
import type { ParsedExposition } from './parse-openmetrics';

/**
 * National totals for one reference day computed with plain COUNT/SUM queries, written
 * independently of the exporter's SQL, and the same totals summed from an exposition.
 */
export type Totals = Record<string, number>;

export async function countTotals(connection: mysql.Connection, day: string): Promise<Totals> {
  const end = `${nextDay(day)} 00:00:00`;
  const one = async (sql: string, params: unknown[]): Promise<number> => {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(sql, params);
    return Number(rows[0]?.n ?? 0);
  };
  const apps = 'FROM dasmo_domande WHERE data_presentazione < ?';
  const appsPending = `${apps} AND (data_definizione IS NULL OR data_definizione >= ?)`;
  const flows = 'FROM dasmo_sr41 WHERE data_ricezione < ?';
  const flowsPending = `${flows} AND (data_esito IS NULL OR data_esito >= ?)`;
  const totals: Totals = {
    applications_received: await one(`SELECT COUNT(*) AS n ${apps}`, [end]),
    applications_pending: await one(`SELECT COUNT(*) AS n ${appsPending}`, [end, end]),
    applications_under_review: await one(`SELECT COUNT(*) AS n ${appsPending} AND data_istruttoria < ?`, [end, end, end]),
    applications_over_90_days: await one(`SELECT COUNT(*) AS n ${appsPending} AND DATEDIFF(?, data_presentazione) > 90`, [end, end, day]),
    applications_age_days: await one(`SELECT COALESCE(SUM(DATEDIFF(?, data_presentazione)), 0) AS n ${appsPending}`, [day, end, end]),
    applications_oldest_days: await one(`SELECT COALESCE(MAX(DATEDIFF(?, data_presentazione)), -1) AS n ${appsPending}`, [day, end, end]),
    applications_authorized: await one(`SELECT COUNT(*) AS n ${apps} AND data_definizione < ? AND esito = 'AUTORIZZATA'`, [end, end]),
    applications_rejected: await one(`SELECT COUNT(*) AS n ${apps} AND data_definizione < ? AND esito = 'RESPINTA'`, [end, end]),
    applications_cancelled: await one(`SELECT COUNT(*) AS n ${apps} AND data_definizione < ? AND esito = 'ANNULLATA'`, [end, end]),
    applications_pluri_pending: await one(`SELECT COUNT(*) AS n ${appsPending} AND prestazione = 'CIGD' AND plurilocalizzata = 1`, [end, end]),
    applications_unknown_office: await one(`SELECT COUNT(*) AS n ${apps} AND codice_sede NOT IN (SELECT codice_sede FROM dasmo_sedi)`, [end]),
    flows_received: await one(`SELECT COUNT(*) AS n ${flows}`, [end]),
    flows_pending: await one(`SELECT COUNT(*) AS n ${flowsPending}`, [end, end]),
    flows_settled: await one(`SELECT COUNT(*) AS n ${flowsPending} AND data_liquidazione < ?`, [end, end, end]),
    flows_critical: await one(`SELECT COUNT(*) AS n ${flowsPending} AND DATEDIFF(?, data_ricezione) > 150`, [end, end, day]),
    flows_workers_pending: await one(`SELECT COALESCE(SUM(lavoratori), 0) AS n ${flowsPending}`, [end, end]),
    flows_paid: await one(`SELECT COUNT(*) AS n ${flows} AND data_esito < ? AND esito = 'PAGATO'`, [end, end]),
    flows_rejected: await one(`SELECT COUNT(*) AS n ${flows} AND data_esito < ? AND esito = 'SCARTATO'`, [end, end]),
    flows_lapsed: await one(`SELECT COUNT(*) AS n ${flows} AND data_esito < ? AND esito = 'DECADUTO'`, [end, end]),
    flows_workers_paid: await one(`SELECT COALESCE(SUM(lavoratori), 0) AS n ${flows} AND data_esito < ? AND esito = 'PAGATO'`, [end, end]),
    flows_euro_cents_paid: await one(`SELECT COALESCE(SUM(ROUND(importo * 100)), 0) AS n ${flows} AND data_esito < ? AND esito = 'PAGATO' AND importo >= 0`, [end, end]),
    flows_negative_amount: await one(`SELECT COUNT(*) AS n ${flows} AND importo < 0`, [end]),
    offices: await one('SELECT COUNT(*) AS n FROM dasmo_sedi', []),
  };
  return totals;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function sum(parsed: ParsedExposition, name: string, match: (key: string) => boolean = () => true): number {
  let total = 0;
  for (const [key, value] of parsed.samples) if (key.startsWith(`${name}{`) && match(key)) total += value;
  return total;
}

function max(parsed: ParsedExposition, name: string): number {
  let result = -1;
  for (const [key, value] of parsed.samples) if (key.startsWith(`${name}{`)) result = Math.max(result, value);
  return result;
}

const has = (fragment: string) => (key: string) => key.includes(fragment);

export function exposedTotals(parsed: ParsedExposition): Totals {
  const day = 86_400;
  return {
    applications_received: sum(parsed, 'dasmo_applications_received_total'),
    applications_pending: sum(parsed, 'dasmo_applications_pending'),
    applications_under_review: sum(parsed, 'dasmo_applications_pending', has('phase="under_review"')),
    applications_over_90_days:
      sum(parsed, 'dasmo_applications_pending_age_seconds_bucket', has('le="+Inf"')) -
      sum(parsed, 'dasmo_applications_pending_age_seconds_bucket', has('le="7776000.0"')),
    applications_age_days: sum(parsed, 'dasmo_applications_pending_age_seconds_gsum') / day,
    applications_oldest_days: Math.max(-1, max(parsed, 'dasmo_applications_oldest_pending_age_seconds') / day),
    applications_authorized: sum(parsed, 'dasmo_applications_decided_total', has('outcome="authorized"')),
    applications_rejected: sum(parsed, 'dasmo_applications_decided_total', has('outcome="rejected"')),
    applications_cancelled: sum(parsed, 'dasmo_applications_decided_total', has('outcome="cancelled"')),
    applications_pluri_pending: sum(parsed, 'dasmo_applications_pending', has('benefit="cigd_pluri"')),
    applications_unknown_office: sum(parsed, 'dasmo_data_quality_rows', (k) => k.includes('source="applications"') && k.includes('problem="unknown_office"')),
    flows_received: sum(parsed, 'dasmo_sr41_flows_received_total'),
    flows_pending: sum(parsed, 'dasmo_sr41_flows_pending'),
    flows_settled: sum(parsed, 'dasmo_sr41_flows_pending', has('phase="settled"')),
    flows_critical: sum(parsed, 'dasmo_sr41_flows_pending_critical'),
    flows_workers_pending: sum(parsed, 'dasmo_sr41_workers_pending'),
    flows_paid: sum(parsed, 'dasmo_sr41_flows_closed_total', has('outcome="paid"')),
    flows_rejected: sum(parsed, 'dasmo_sr41_flows_closed_total', has('outcome="rejected"')),
    flows_lapsed: sum(parsed, 'dasmo_sr41_flows_closed_total', has('outcome="lapsed"')),
    flows_workers_paid: sum(parsed, 'dasmo_sr41_workers_paid_total'),
    flows_euro_cents_paid: Math.round(sum(parsed, 'dasmo_sr41_paid_euros_total') * 100),
    flows_negative_amount: sum(parsed, 'dasmo_data_quality_rows', (k) => k.includes('source="sr41"') && k.includes('problem="negative_amount"')),
    offices: sum(parsed, 'dasmo_office_info'),
  };
}
