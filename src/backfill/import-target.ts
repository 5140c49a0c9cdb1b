import { secretSetting, type Environment } from '../config/settings';
import { UserError } from '../common/user-error';

/** Where `backfill --import-url` sends the samples, and as whom. The password is never in `description`. */
export interface ImportTarget {
  readonly url: URL;
  /** The URL as given, safe to print (it can hold no credentials). */
  readonly description: string;
  /** The `Authorization` header value, when DASMO_IMPORT_USERNAME is set. */
  readonly authorization?: string;
}

/**
 * Validates --import-url and reads the basic-auth credentials from the environment:
 * DASMO_IMPORT_USERNAME and DASMO_IMPORT_PASSWORD (or DASMO_IMPORT_PASSWORD_FILE). Credentials
 * in the URL itself are refused: a command line is visible to every user of the machine.
 */
export function importTarget(text: string, env: Environment): ImportTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`--import-url must be an http:// or https:// URL, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`--import-url must be an http:// or https:// URL, not ${url.protocol}//`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new UserError('--import-url must not hold credentials: set DASMO_IMPORT_USERNAME and DASMO_IMPORT_PASSWORD_FILE (or DASMO_IMPORT_PASSWORD)');
  }
  if (url.pathname === '/' || url.pathname === '') {
    throw new UserError(`--import-url needs the import path, e.g. ${url.origin}/api/v1/import/prometheus`);
  }
  const username = env.DASMO_IMPORT_USERNAME ?? '';
  const password = secretSetting(env, 'DASMO_IMPORT_PASSWORD');
  if (username === '' && password !== undefined) throw new UserError('DASMO_IMPORT_PASSWORD is set but DASMO_IMPORT_USERNAME is not');
  if (username.includes(':')) throw new UserError('DASMO_IMPORT_USERNAME must not contain ":" (basic auth)');
  const target: ImportTarget = { url, description: url.href };
  if (username === '') return Object.freeze(target);
  const authorization = `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  return Object.freeze({ ...target, authorization });
}
