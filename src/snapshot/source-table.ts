import { type ApplicationGroup, collectApplications } from '../collectors/applications';
import { collectOffices, type Office } from '../collectors/offices';
import { collectSr41, type Sr41Group } from '../collectors/sr41';
import type { SourceContract } from '../sources/source-contract';
import type { SqlClient } from '../sources/sql-client';
import type { ReferenceWindow } from '../time/reference-day';
import { applicationFamilies } from './application-metrics';
import type { QualityTally } from './data-quality';
import type { OfficeDirectory } from './office-directory';
import type { MetricFamily } from './openmetrics';
import { sr41Families } from './sr41-metrics';

/** What one source adds to a snapshot: its families, and the data-quality tally of its rows. */
export interface SourceFamilies {
  readonly families: readonly MetricFamily[];
  readonly quality: QualityTally;
}

/**
 * One source: the relation and columns it must offer (docs/source-contract.md), the setting
 * naming its database, the collector reading one day's groups, and the builder of its families.
 */
interface SourceDefinition<Group> extends SourceContract {
  /** Where the source's database is set; DASMO_DATABASE_URL stands in for it when unset. */
  readonly urlSetting: string;
  collect(client: SqlClient, window: ReferenceWindow): Promise<Group[]>;
  /** Absent for offices: their rows are the directory the other builders label by (`dasmo_office_info`). */
  families?(groups: readonly Group[], offices: OfficeDirectory): SourceFamilies;
}

function source<Group>(definition: SourceDefinition<Group>): SourceDefinition<Group> {
  return definition;
}

/** The columns applications and payment flows share: a row's id and the codes of its case. */
const CASE_COLUMNS: SourceContract['columns'] = {
  id: 'integer',
  codice_sede: 'text',
  prestazione: 'text',
  plurilocalizzata: 'flag',
  causale: 'text',
};

/**
 * Every source, in the order settings, checks, self-metrics and the status page list them.
 * Adding a source: its collector, its family builder, and one row here.
 */
export const SOURCE_TABLE = {
  applications: source<ApplicationGroup>({
    relation: 'dasmo_domande',
    columns: {
      ...CASE_COLUMNS,
      data_presentazione: 'datetime',
      data_istruttoria: 'datetime',
      data_definizione: 'datetime',
      esito: 'text',
      lavoratori: 'integer',
    },
    urlSetting: 'DASMO_APPLICATIONS_DATABASE_URL',
    collect: collectApplications,
    families: applicationFamilies,
  }),
  sr41: source<Sr41Group>({
    relation: 'dasmo_sr41',
    columns: {
      ...CASE_COLUMNS,
      canale: 'text',
      data_ricezione: 'datetime',
      data_liquidazione: 'datetime',
      data_esito: 'datetime',
      esito: 'text',
      lavoratori: 'integer',
      importo: 'decimal',
    },
    urlSetting: 'DASMO_SR41_DATABASE_URL',
    collect: collectSr41,
    families: sr41Families,
  }),
  offices: source<Office>({
    relation: 'dasmo_sedi',
    columns: { codice_sede: 'text', denominazione: 'text', codice_regione: 'text', regione: 'text', tipo_sede: 'text' },
    urlSetting: 'DASMO_OFFICES_DATABASE_URL',
    collect: collectOffices,
  }),
};

export type SourceName = keyof typeof SOURCE_TABLE;
export const SOURCE_NAMES = Object.freeze(Object.keys(SOURCE_TABLE) as SourceName[]);

type GroupOf<S extends SourceName> = (typeof SOURCE_TABLE)[S] extends SourceDefinition<infer Group> ? Group : never;

/** What the collectors read for one reference day, by source. */
export type SourceData = { readonly [S in SourceName]: readonly GroupOf<S>[] };

/** A source's definition with its group type left open, for the steps that treat every source alike. */
export function sourceDefinition(source: SourceName): SourceDefinition<unknown> {
  return SOURCE_TABLE[source];
}
