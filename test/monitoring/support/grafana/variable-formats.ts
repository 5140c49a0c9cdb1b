/**
 * The `${name:format}` formats Grafana 12 dashboards apply to a variable's value (grafana/scenes
 * packages/scenes/src/variables/interpolation/formatRegistry.ts), limited to the ones DASMO's
 * dashboards and Grafana's own link building use. Regex escaping and URL parameters come
 * from @grafana/data.
 */
import './dom';
import { escapeRegex, urlUtil } from '@grafana/data';

export type SingleValue = string | number | boolean;
export type FormattableValue = SingleValue | readonly SingleValue[];

/** What a format may ask of the variable it formats. */
export interface FormatSubject {
  readonly name: string;
  valueText(fieldPath?: string): string;
  /** The variable's URL parameters (`var-<name>`), for variables synced to the URL. */
  readonly urlState?: () => Record<string, string | string[]>;
}

type Formatter = (value: FormattableValue, subject: FormatSubject, fieldPath?: string) => string;

/** RFC 3986: encodeURI/encodeURIComponent plus the sub-delimiters ! ' ( ) *. */
const escapeSubDelimiters = (text: string): string =>
  text.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const encodeURIComponentStrict = (value: SingleValue): string => escapeSubDelimiters(encodeURIComponent(String(value)));
const encodeURIStrict = (value: SingleValue): string => escapeSubDelimiters(encodeURI(String(value)));

const isList = (value: FormattableValue): value is readonly SingleValue[] => Array.isArray(value);
const asGlob = (values: readonly SingleValue[]): string => `{${values.join(',')}}`;
const joined = (separator: string): Formatter => (value) => (isList(value) ? value.join(separator) : String(value));

const FORMATTERS: Readonly<Record<string, Formatter>> = {
  glob: (value) => (isList(value) && value.length > 1 ? asGlob(value) : String(value)),
  raw: (value) => String(value),
  text: (_value, subject, fieldPath) => subject.valueText(fieldPath),
  regex: (value) => {
    if (!isList(value)) return escapeRegex(String(value));
    const escaped = value.map((item) => escapeRegex(String(item)));
    return escaped.length === 1 ? (escaped[0] ?? '') : `(${escaped.join('|')})`;
  },
  pipe: joined('|'),
  csv: joined(','),
  percentencode: (value) => encodeURIComponentStrict(isList(value) ? asGlob(value) : value),
  uriencode: (value) => encodeURIStrict(isList(value) ? asGlob(value) : value),
  queryparam: (value, subject, fieldPath) => {
    if (subject.urlState && fieldPath === undefined) return urlUtil.toUrlParams(subject.urlState());
    const values = isList(value) ? value : [value];
    return values.map((item) => `var-${subject.name}=${encodeURIComponentStrict(item)}`).join('&');
  },
};

/** Applies `formatName` (glob when none). A format this library does not know is an error. */
export function formatVariableValue(
  value: FormattableValue,
  formatName: string | undefined,
  subject: FormatSubject,
  fieldPath?: string,
): string {
  // Some formats take arguments after a colon (`date:iso`); none of ours does.
  const name = (formatName ?? 'glob').split(':')[0] ?? 'glob';
  const formatter = FORMATTERS[name];
  if (formatter === undefined) {
    throw new Error(
      `variable format "${name}" (in \${${subject.name}:${formatName ?? ''}}) is not reproduced by ` +
        `test/monitoring/support/grafana; known: ${Object.keys(FORMATTERS).join(', ')}`,
    );
  }
  return formatter(value, subject, fieldPath);
}
