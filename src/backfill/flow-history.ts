import type { Sr41Group as FlowGroup } from '../collectors/sr41';
import type { BackfillRange } from './backfill-range';
import { FloatColumn, GroupIds, IntColumn } from './columns';
import { DecimalUnits } from './decimal-units';
import { MilestoneRows } from './milestone-rows';
import type { RowStream } from './row-stream';
import { dayParameters, milestoneDay, type SqlDay, toDay } from './sql-days';

/*
 * SR41 payment flows for a whole range (dasmo_sr41): one pass, no GROUP BY, as for the
 * applications. Each row brings the day offsets of receipt, settlement and closing, its
 * workers, the euros it counts when closed (non-negative amounts only) and whether its amount
 * is negative. Parameters: F, F as DATETIME, E (midnight after the last day).
 */
export const FLOW_HISTORY_SQL = `
SELECT t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.canale, t.esito,
  t.data_ricezione IS NULL AS missing_date,
  DATEDIFF(t.data_ricezione, p.f) AS received,
  ${milestoneDay('t.data_liquidazione')} AS settled,
  ${milestoneDay('t.data_esito')} AS closed,
  t.lavoratori AS workers,
  IF(t.importo >= 0, t.importo, 0) AS euros,
  t.importo < 0 AS negative_amount
FROM dasmo_sr41 t
CROSS JOIN (SELECT CAST(? AS DATE) AS f, CAST(? AS DATETIME) AS fs, CAST(? AS DATETIME) AS e) p
WHERE t.data_ricezione < p.e OR t.data_ricezione IS NULL`;

/** The source codes that identify a group, exactly as the snapshot's collector groups them. */
export type FlowKey = Pick<FlowGroup, 'office' | 'benefitCode' | 'multiRegion' | 'causeCode' | 'channelCode' | 'outcomeCode'>;

export interface FlowHistory {
  readonly groups: readonly FlowKey[];
  readonly missingDate: Float64Array;
  /** Phase 2 of a flow is settlement; closing is its outcome date. */
  readonly rows: MilestoneRows;
  /** Per row, aligned with `rows`. */
  readonly workers: FloatColumn;
  readonly euroUnits: FloatColumn;
  readonly negativeAmount: IntColumn;
  readonly euros: DecimalUnits;
}

type Code = string | null;
type Numeric = number | string | null;

export async function readFlowHistory(stream: RowStream, range: BackfillRange): Promise<FlowHistory> {
  const ids = new GroupIds<FlowKey>();
  const rows = new MilestoneRows(range.windows.length);
  const workers = new FloatColumn();
  const euroUnits = new FloatColumn();
  const negativeAmount = new IntColumn();
  const euros = new DecimalUnits();
  const missing: number[] = [];
  let last: readonly unknown[] | undefined;
  let lastGroup = -1;
  await stream.eachRow(FLOW_HISTORY_SQL, dayParameters(range), (row) => {
    const [office, benefit, multi, cause, channel, outcome, missingDate, received, settled, closed, workerCount, amount, negative] =
      row as [Code, Code, number, Code, Code, Code, number, SqlDay, SqlDay, SqlDay, Numeric, Numeric, Numeric];
    let group = lastGroup;
    if (
      last === undefined ||
      office !== last[0] ||
      benefit !== last[1] ||
      multi !== last[2] ||
      cause !== last[3] ||
      channel !== last[4] ||
      outcome !== last[5]
    ) {
      group = ids.idOf(JSON.stringify([office, benefit, multi, cause, channel, outcome]), () => ({
        office: (office ?? '').trim(),
        benefitCode: benefit,
        multiRegion: Number(multi) !== 0,
        causeCode: cause,
        channelCode: channel,
        outcomeCode: outcome,
      }));
      last = row;
      lastGroup = group;
    }
    if (Number(missingDate) !== 0) {
      missing[group] = (missing[group] ?? 0) + 1;
      return;
    }
    rows.add(group, toDay(received), toDay(settled), toDay(closed));
    workers.push(workerCount === null ? 0 : Number(workerCount));
    euroUnits.push(euros.units(amount));
    negativeAmount.push(negative === null ? 0 : Number(negative));
  });
  return {
    groups: ids.keys,
    missingDate: Float64Array.from(ids.keys, (_, g) => missing[g] ?? 0),
    rows,
    workers,
    euroUnits,
    negativeAmount,
    euros,
  };
}
