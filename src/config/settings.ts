import { readFileSync } from 'node:fs';
import { UserError } from '../common/user-error';
import { SOURCE_NAMES, SOURCE_TABLE, type SourceName } from '../snapshot/source-table';
import { type DatabaseEndpoint, parseDatabaseUrl } from '../sources/database-url';
import { assertTimezone } from '../time/reference-day';

/** What the exporter needs to read its sources; built once, validated, frozen. */
export interface SourceSettings {
  readonly timezone: string;
  readonly sources: Readonly<Record<SourceName, DatabaseEndpoint>>;
  /** Server-side limit per statement; mysql2's own timeout is a backstop a little later. */
  readonly statementTimeoutSeconds: number;
  /** Connections per distinct database. */
  readonly poolSize: number;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The value of NAME, or of the file named by NAME_FILE (trimmed), or undefined. Setting both
 * is an error: one of them would be silently ignored.
 */
export function secretSetting(env: Environment, name: string): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (direct !== undefined && direct !== '' && file !== undefined && file !== '') {
    throw new UserError(`set either ${name} or ${name}_FILE, not both`);
  }
  if (file !== undefined && file !== '') {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new UserError(`cannot read ${name}_FILE (${file}): ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return direct === '' ? undefined : direct;
}

export function integerSetting(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new UserError(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new UserError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function sourceSettingsFromEnv(env: Environment): SourceSettings {
  const fallbackUrl = secretSetting(env, 'DASMO_DATABASE_URL');
  const endpoint = (source: SourceName): DatabaseEndpoint => {
    const name = SOURCE_TABLE[source].urlSetting;
    const specific = secretSetting(env, name);
    if (specific !== undefined) return parseDatabaseUrl(specific, name);
    if (fallbackUrl === undefined) {
      throw new UserError(`DASMO_DATABASE_URL is not set (or set ${name}); expected mysql://user:pass@host:port/db`);
    }
    return parseDatabaseUrl(fallbackUrl, 'DASMO_DATABASE_URL');
  };
  return Object.freeze({
    timezone: assertTimezone(env.DASMO_TIMEZONE ?? 'Europe/Rome'),
    sources: Object.freeze(Object.fromEntries(SOURCE_NAMES.map((source) => [source, endpoint(source)])) as Record<SourceName, DatabaseEndpoint>),
    statementTimeoutSeconds: integerSetting(env, 'DASMO_STATEMENT_TIMEOUT_SECONDS', 300, 1, 86_400),
    poolSize: integerSetting(env, 'DASMO_DATABASE_POOL_SIZE', 2, 1, 32),
  });
}
