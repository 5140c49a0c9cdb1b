import type { BackfillRange } from './backfill-range';
import { CompactColumn, GroupIds, type NumberColumn } from './columns';
import { DateProblemRows } from './date-problem-rows';
import { MilestoneRows } from './milestone-rows';
import type { Measure, ReplaySource, SqlNumeric } from './replay-source';
import type { RowStream } from './row-stream';
import { dayParameters, type SqlDay, toDay } from './sql-days';
import { at } from '../common/checked-index';

/** One source's rows for a whole range, read in one pass. */
export interface SourceHistory<K, G> {
  readonly source: ReplaySource<K, G>;
  readonly groups: readonly K[];
  /** Rows without an arrival date per group: counted every day, never received. */
  readonly missingDate: Float64Array;
  /** Rows left out for a date problem: counted from their arrival on, never received. */
  readonly dateProblemRows: DateProblemRows;
  readonly rows: MilestoneRows;
  readonly measures: readonly Measure[];
  /** Per measure, the units of each row, aligned with `rows`. */
  readonly measureUnits: readonly NumberColumn[];
}

/**
 * Reads the source's covering index in order, each row as the day offsets of its milestones
 * from the first day; Node groups and accumulates (a GROUP BY on the day columns would need a
 * temporary table of nearly one row per source row).
 */
export async function readSourceHistory<K, G>(
  stream: RowStream,
  range: BackfillRange,
  source: ReplaySource<K, G>,
): Promise<SourceHistory<K, G>> {
  const { keyColumns } = source;
  const ids = new GroupIds<K>();
  const rows = new MilestoneRows(range.windows.length);
  const dateProblemRows = new DateProblemRows(range.windows.length);
  const measures = source.measures();
  const measureUnits = measures.map(() => new CompactColumn());
  const missing: number[] = [];
  let last: readonly unknown[] | undefined;
  let lastGroup = -1;
  await stream.eachRow(source.sql, dayParameters(range), (row) => {
    // Rows come in index order, so most rows belong to the group of the row before.
    let group = lastGroup;
    if (last === undefined || !sameKey(row, last, keyColumns)) {
      group = ids.idOf(JSON.stringify(row.slice(0, keyColumns)), () => source.key(row));
      last = row;
      lastGroup = group;
    }
    const state = Number(row[keyColumns]);
    if (state < 0) {
      missing[group] = (missing[group] ?? 0) + 1;
      return;
    }
    const arrived = toDay(row[keyColumns + 1] as SqlDay);
    if (state > 0) {
      dateProblemRows.add(group, state - 1, arrived);
      return;
    }
    if (arrived === null) throw new Error('a row with usable dates has no arrival day');
    rows.add(group, arrived, toDay(row[keyColumns + 2] as SqlDay), toDay(row[keyColumns + 3] as SqlDay));
    measures.forEach((measure, m) => at(measureUnits, m).push(measure.units(row[keyColumns + 4 + m] as SqlNumeric)));
  });
  return {
    source,
    groups: ids.keys,
    missingDate: Float64Array.from(ids.keys, (_, g) => missing[g] ?? 0),
    dateProblemRows,
    rows,
    measures,
    measureUnits,
  };
}

function sameKey(row: readonly unknown[], other: readonly unknown[], keyColumns: number): boolean {
  for (let column = 0; column < keyColumns; column += 1) if (row[column] !== other[column]) return false;
  return true;
}
