import type { ConnectionOptions } from 'mysql2';
import { UserError } from '../common/user-error';

/** Where one source relation lives. `redacted` is safe to log; the password never is. */
export interface DatabaseEndpoint {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly redacted: string;
}

/**
 * Parses `mysql://user:pass@host:port/db` (also `mariadb://`). Percent-encoded user and
 * password are decoded. `settingName` only serves the error message, which never repeats the
 * URL itself since it may hold a password.
 */
export function parseDatabaseUrl(raw: string, settingName: string): DatabaseEndpoint {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UserError(`${settingName} is not a valid URL (expected mysql://user:pass@host:port/db)`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new UserError(`${settingName} must start with mysql:// or mariadb://, not ${url.protocol}//`);
  }
  if (url.hostname === '') throw new UserError(`${settingName} has no host`);
  const decode = (part: string): string => decodeOrRefuse(part, settingName);
  const database = decode(url.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    throw new UserError(`${settingName} must name one database in its path (mysql://host/db)`);
  }
  const port = url.port === '' ? 3306 : Number(url.port);
  const user = url.username === '' ? 'root' : decode(url.username);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return Object.freeze({
    host,
    port,
    user,
    password: decode(url.password),
    database,
    redacted: `mysql://${user}${url.password === '' ? '' : ':***'}@${url.host}/${database}`,
  });
}

function decodeOrRefuse(part: string, settingName: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UserError(`${settingName} has a malformed percent-escape (write a % in a password as %25)`);
  }
}

/** The mysql2 options for an endpoint, without the per-use settings (pool size, timeouts). */
export function connectionOptions(endpoint: DatabaseEndpoint): ConnectionOptions {
  return {
    host: endpoint.host,
    port: endpoint.port,
    user: endpoint.user,
    password: endpoint.password,
    database: endpoint.database,
    // Wall-clock DATETIMEs stay strings: no conversion through the process time zone.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    charset: 'utf8mb4',
  };
}
