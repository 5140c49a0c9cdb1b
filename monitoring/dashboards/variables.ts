/**
 * Dashboard variables. Regions and offices come from `dasmo_office_info` and show their
 * names; benefit, cause and channel are the contract's closed lists with Italian names.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { config } from '../config';
import { latestRegister, type Matchers, type RegisterLevel } from '../promql';
import { DATASOURCE_REF } from './panels';

/** Value Grafana substitutes for "Tutte/Tutti": any label value. */
const ALL_VALUE = '.*';

export function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder(config.datasource.variable)
    .label('Origine dati')
    .type('prometheus')
    .current({ text: config.datasource.name, value: config.datasource.uid, selected: true });
}

function allOption(): dashboard.VariableOption {
  return { text: 'All', value: '$__all', selected: true };
}

/**
 * A level of the office register (`dasmo_office_info`), its code as value and its latest name
 * as text (a renamed office is listed once); `matchers` narrow the register (offices of the
 * chosen regions).
 */
function registerVariable(
  level: RegisterLevel,
  label: string,
  description: string,
  matchers: Matchers,
): dashboard.QueryVariableBuilder {
  const query = `query_result(${latestRegister(level, matchers)})`;
  return new dashboard.QueryVariableBuilder(level)
    .label(label)
    .description(description)
    .datasource({ ...DATASOURCE_REF })
    .query(query)
    .definition(query)
    .regex(`/${level}="(?<value>[^"]*)",${level}_name="(?<text>[^"]*)"/`)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalCaseInsensitiveAsc)
    .multi(true)
    .includeAll(true)
    .allValue(ALL_VALUE)
    .current(allOption());
}

function regionVariable(): dashboard.QueryVariableBuilder {
  return registerVariable(
    'region',
    'Direzione regionale',
    'Direzioni regionali dal registro delle sedi (dasmo_office_info).',
    [],
  );
}

function officeVariable(): dashboard.QueryVariableBuilder {
  return registerVariable(
    'office',
    'Sede',
    'Sedi INPS delle direzioni regionali scelte, con il loro nome (dasmo_office_info).',
    ['region=~"$region"'],
  );
}

function listVariable(
  name: string,
  label: string,
  description: string,
  values: ReadonlyArray<readonly [text: string, value: string]>,
): dashboard.CustomVariableBuilder {
  const options = values.map(([text, value]) => ({ text, value, selected: false }));
  return new dashboard.CustomVariableBuilder(name)
    .label(label)
    .description(description)
    .values(values.map(([text, value]) => `${text} : ${value}`).join(','))
    .multi(true)
    .includeAll(true)
    .allValue(ALL_VALUE)
    .current(allOption())
    .options([allOption(), ...options]);
}

const BENEFITS: ReadonlyArray<readonly [string, string]> = [
  ['CIGO', 'cigo'],
  ['CIGS', 'cigs'],
  ['CIGD', 'cigd'],
  ['CIGD plurilocalizzata', 'cigd_pluri'],
  ['Assegno ordinario / di integrazione salariale', 'aso'],
  ['CISOA', 'cisoa'],
  ['Altra prestazione', 'other'],
];

const CAUSES: ReadonlyArray<readonly [string, string]> = [
  ['COVID-19', 'covid19'],
  ['Ordinaria', 'ordinary'],
];

const CHANNELS: ReadonlyArray<readonly [string, string]> = [
  ['SR41', 'sr41'],
  ['SR43', 'sr43'],
  ['UniEmens-Cig', 'uniemens_cig'],
  ['Altro canale', 'other'],
];

function benefitVariable(): dashboard.CustomVariableBuilder {
  return listVariable('benefit', 'Prestazione', 'Tipo di prestazione (CIGO, CIGS, CIGD, ...).', BENEFITS);
}

function causeVariable(): dashboard.CustomVariableBuilder {
  return listVariable('cause', 'Causale', 'Causale COVID-19 o ordinaria.', CAUSES);
}

function channelVariable(): dashboard.CustomVariableBuilder {
  return listVariable('channel', 'Canale', 'Canale di trasmissione del flusso di pagamento.', CHANNELS);
}

/** A dashboard variable that filters the series by the label of the same name. */
export type FilterName = 'region' | 'office' | 'benefit' | 'cause' | 'channel';

const FILTER_VARIABLES: Readonly<Record<FilterName, () => cog.Builder<dashboard.VariableModel>>> = {
  region: regionVariable,
  office: officeVariable,
  benefit: benefitVariable,
  cause: causeVariable,
  channel: channelVariable,
};

/** The datasource variable, then one variable per filter, in the order given. */
export function filterVariables(filters: readonly FilterName[]): cog.Builder<dashboard.VariableModel>[] {
  return [datasourceVariable(), ...filters.map((name) => FILTER_VARIABLES[name]())];
}

/** Label matchers filtering a series by the dashboard's variables. */
export function filterMatchers(filters: readonly FilterName[]): string[] {
  return [config.jobSelector, ...filters.map((name) => `${name}=~"$${name}"`)];
}
