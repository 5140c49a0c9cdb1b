import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceSettingsFromEnv } from '../../src/config/settings';
import { UserError } from '../../src/common/user-error';

describe('sourceSettingsFromEnv', () => {
  const url = 'mysql://ro:pw@db:3306/main';

  it('should use DASMO_DATABASE_URL for every source and the defaults', () => {
    const settings = sourceSettingsFromEnv({ DASMO_DATABASE_URL: url });
    expect(settings.timezone).toBe('Europe/Rome');
    expect(settings.sources.applications.database).toBe('main');
    expect(settings.sources.offices.database).toBe('main');
    expect(settings.statementTimeoutSeconds).toBe(300);
    expect(settings.poolSize).toBe(2);
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('should apply per-source overrides and *_FILE secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dasmo-settings-'));
    const file = join(dir, 'sr41-url');
    writeFileSync(file, 'mysql://ro:pw@flows:3306/sr41db\n');
    const settings = sourceSettingsFromEnv({
      DASMO_DATABASE_URL: url,
      DASMO_OFFICES_DATABASE_URL: 'mysql://ro@anagrafica/sedi',
      DASMO_SR41_DATABASE_URL_FILE: file,
    });
    expect(settings.sources.applications.host).toBe('db');
    expect(settings.sources.offices.database).toBe('sedi');
    expect(settings.sources.sr41).toMatchObject({ host: 'flows', database: 'sr41db' });
  });

  it.each([
    [{}, /DASMO_DATABASE_URL is not set/],
    [{ DASMO_DATABASE_URL: url, DASMO_TIMEZONE: 'Mars/Olympus' }, /not a known IANA time zone/],
    [{ DASMO_DATABASE_URL: url, DASMO_STATEMENT_TIMEOUT_SECONDS: '10s' }, /must be a whole number/],
    [{ DASMO_DATABASE_URL: url, DASMO_DATABASE_POOL_SIZE: '0' }, /between 1 and 32/],
    [{ DASMO_DATABASE_URL: url, DASMO_DATABASE_URL_FILE: '/x' }, /either DASMO_DATABASE_URL or DASMO_DATABASE_URL_FILE/],
    [{ DASMO_DATABASE_URL_FILE: '/nonexistent/dasmo' }, /cannot read DASMO_DATABASE_URL_FILE .*ENOENT/],
  ])('should reject %j with one clear line', (env, message) => {
    expect(() => sourceSettingsFromEnv(env)).toThrow(UserError);
    expect(() => sourceSettingsFromEnv(env)).toThrow(message);
  });
});
