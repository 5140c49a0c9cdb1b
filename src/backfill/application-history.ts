import type { ApplicationGroup } from '../collectors/applications';
import type { BackfillRange } from './backfill-range';
import { GroupIds } from './columns';
import { MilestoneRows } from './milestone-rows';
import type { RowStream } from './row-stream';
import { dayParameters, milestoneDay, type SqlDay, toDay } from './sql-days';

/*
 * Applications for a whole range (dasmo_domande): one pass, no GROUP BY. The covering index
 * of the per-day query is read in order and each row is streamed as the day offsets of its
 * milestones from the first day F; Node groups and accumulates (a GROUP BY on the day columns
 * would need a temporary table of nearly one row per application). Parameters: F, F as
 * DATETIME, E (midnight after the last day).
 */
export const APPLICATION_HISTORY_SQL = `
SELECT t.codice_sede, t.prestazione, t.plurilocalizzata, t.causale, t.esito,
  t.data_presentazione IS NULL AS missing_date,
  DATEDIFF(t.data_presentazione, p.f) AS presented,
  ${milestoneDay('t.data_istruttoria')} AS reviewed,
  ${milestoneDay('t.data_definizione')} AS decided
FROM dasmo_domande t
CROSS JOIN (SELECT CAST(? AS DATE) AS f, CAST(? AS DATETIME) AS fs, CAST(? AS DATETIME) AS e) p
WHERE t.data_presentazione < p.e OR t.data_presentazione IS NULL`;

/** The source codes shared by the rows of one group, as the per-day query groups them. */
/** The source codes that identify a group, exactly as the snapshot's collector groups them. */
export type ApplicationKey = Pick<ApplicationGroup, 'office' | 'benefitCode' | 'multiRegion' | 'causeCode' | 'outcomeCode'>;

export interface ApplicationHistory {
  readonly groups: readonly ApplicationKey[];
  /** Rows without a presentation date per group: counted every day, never received. */
  readonly missingDate: Float64Array;
  readonly rows: MilestoneRows;
}

type Code = string | null;

export async function readApplicationHistory(stream: RowStream, range: BackfillRange): Promise<ApplicationHistory> {
  const ids = new GroupIds<ApplicationKey>();
  const rows = new MilestoneRows(range.windows.length);
  const missing: number[] = [];
  let last: readonly unknown[] | undefined;
  let lastGroup = -1;
  await stream.eachRow(APPLICATION_HISTORY_SQL, dayParameters(range), (row) => {
    const [office, benefit, multi, cause, outcome, missingDate, presented, reviewed, decided] = row as [
      Code,
      Code,
      number,
      Code,
      Code,
      number,
      SqlDay,
      SqlDay,
      SqlDay,
    ];
    // Rows come in index order, so most rows belong to the group of the row before.
    let group = lastGroup;
    if (last === undefined || office !== last[0] || benefit !== last[1] || multi !== last[2] || cause !== last[3] || outcome !== last[4]) {
      group = ids.idOf(JSON.stringify([office, benefit, multi, cause, outcome]), () => ({
        office: (office ?? '').trim(),
        benefitCode: benefit,
        multiRegion: Number(multi) !== 0,
        causeCode: cause,
        outcomeCode: outcome,
      }));
      last = row;
      lastGroup = group;
    }
    if (Number(missingDate) !== 0) {
      missing[group] = (missing[group] ?? 0) + 1;
      return;
    }
    rows.add(group, toDay(presented), toDay(reviewed), toDay(decided));
  });
  return { groups: ids.keys, missingDate: Float64Array.from(ids.keys, (_, g) => missing[g] ?? 0), rows };
}
