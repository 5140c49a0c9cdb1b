import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { main } from '../../src/cli/main';
import { UserError } from '../../src/common/user-error';
import { parseListenAddress } from '../../src/service/listen-address';
import { serviceSettingsFromEnv } from '../../src/service/service-settings';
import { loadWebConfig } from '../../src/service/web-config';
import { makeCertificate, type TestCertificate } from './support/certificate';

const BASE_ENV = { DASMO_DATABASE_URL: 'mysql://exporter:s3cret@db.example:3306/dasmo' };

describe('listen address', () => {
  it.each([
    [':9713', undefined, 9713],
    ['127.0.0.1:9713', '127.0.0.1', 9713],
    ['[::1]:0', '::1', 0],
    ['localhost:80', 'localhost', 80],
  ])('should read %s', (text, host, port) => {
    expect(parseListenAddress(text, 'X')).toMatchObject({ host, port });
  });

  it.each(['9713', 'host', ':99999', 'a b:1', ':'])('should refuse %s with the setting named', (text) => {
    expect(() => parseListenAddress(text, '--web.listen-address')).toThrow(/^--web\.listen-address /);
  });
});

describe('service settings from env and flags', () => {
  it('should default to :9713, 06:30 daily in Europe/Rome, no web config, refresh endpoint closed', () => {
    const settings = serviceSettingsFromEnv(BASE_ENV);
    expect(settings.listen).toMatchObject({ host: undefined, port: 9713 });
    expect(settings.refreshSchedule).toBe('30 6 * * *');
    expect(settings.source.timezone).toBe('Europe/Rome');
    expect(settings.web.tls).toBeUndefined();
    expect(settings.web.basicAuthUsers.size).toBe(0);
    expect(settings.unauthenticatedRefresh).toBe(false);
    expect(settings.stateDir).toBeUndefined();
    expect(settings).toMatchObject({ retryInitialMs: 60_000, retryMaxMs: 3_600_000, logLevel: 'info', buildMemoryLimitMb: 1024, refreshMinIntervalMs: 60_000 });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('should let flags override the environment', () => {
    const settings = serviceSettingsFromEnv(
      { ...BASE_ENV, DASMO_LISTEN_ADDRESS: ':1', DASMO_ENABLE_UNAUTHENTICATED_REFRESH: 'false' },
      { 'web.listenAddress': '127.0.0.1:2', 'web.enableUnauthenticatedRefresh': true },
    );
    expect(settings.listen).toMatchObject({ host: '127.0.0.1', port: 2 });
    expect(settings.unauthenticatedRefresh).toBe(true);
  });

  it.each([
    [{ DASMO_REFRESH_SCHEDULE: '61 6 * * *' }, /^DASMO_REFRESH_SCHEDULE is not a valid cron expression/],
    [{ DASMO_REFRESH_SCHEDULE: 'every morning' }, /^DASMO_REFRESH_SCHEDULE is not a valid cron expression/],
    [{ DASMO_LISTEN_ADDRESS: 'localhost' }, /^DASMO_LISTEN_ADDRESS must be \[host\]:port/],
    [{ DASMO_REFRESH_RETRY_INITIAL_SECONDS: '600', DASMO_REFRESH_RETRY_MAX_SECONDS: '60' }, /RETRY_MAX_SECONDS \(60\) is below/],
    [{ DASMO_REFRESH_RETRY_INITIAL_SECONDS: 'soon' }, /must be a whole number/],
    [{ DASMO_ENABLE_UNAUTHENTICATED_REFRESH: 'yes please' }, /must be true or false/],
    [{ DASMO_LOG_LEVEL: 'loud' }, /^DASMO_LOG_LEVEL must be one of/],
    [{ DASMO_REFRESH_MIN_INTERVAL_SECONDS: '-1' }, /^DASMO_REFRESH_MIN_INTERVAL_SECONDS must be a whole number/],
    [{ DASMO_BUILD_MEMORY_LIMIT_MB: '8' }, /^DASMO_BUILD_MEMORY_LIMIT_MB must be between 16 and 65536, got 8$/],
    [{ DASMO_BUILD_MEMORY_LIMIT_MB: '1g' }, /^DASMO_BUILD_MEMORY_LIMIT_MB must be a whole number/],
    [{ DASMO_WEB_CONFIG_FILE: '/nonexistent/web.yml' }, /^web config \/nonexistent\/web\.yml: cannot read it: ENOENT$/],
  ])('should refuse %p with a one-line error', (env, message) => {
    let error: unknown;
    try {
      serviceSettingsFromEnv({ ...BASE_ENV, ...env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describe('web config file (exporter-toolkit format)', () => {
  let dir: string;
  let certificate: TestCertificate;
  let other: TestCertificate;
  const hash = bcrypt.hashSync('pw', 4);

  const write = (text: string, name = 'web.yml'): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dasmo-web-'));
    certificate = makeCertificate(dir);
    other = makeCertificate(dir, 'other');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should read TLS files relative to the config file, users and headers', () => {
    mkdirSync(join(dir, 'conf'), { recursive: true });
    const file = write(
      ['tls_server_config:', '  cert_file: ../server.crt', '  key_file: ../server.key', '  min_version: TLS13',
        'basic_auth_users:', `  prometheus: ${hash}`, `  alice: '${hash.replace('$2b$', '$2y$')}'`,
        'http_server_config:', '  http2: true', '  headers:', '    x-frame-options: deny'].join('\n'),
      'conf/web.yml',
    );
    const config = loadWebConfig(file);
    expect(config.tls?.cert).toBe(certificate.cert);
    expect(config.tls?.minVersion).toBe('TLSv1.3');
    expect([...config.basicAuthUsers.keys()]).toEqual(['prometheus', 'alice']);
    expect(config.headers).toEqual({ 'X-Frame-Options': 'deny' });
  });

  it('should accept an empty file (no TLS, no users)', () => {
    const config = loadWebConfig(write(''));
    expect(config.tls).toBeUndefined();
    expect(config.basicAuthUsers.size).toBe(0);
  });

  it.each([
    ['tls_server_config: [', /not valid YAML/],
    ['tls_config:\n  cert_file: x', /unsupported key tls_config/],
    ['tls_server_config:\n  cert_file: server.crt\n  key_file: missing.key', /cannot read tls_server_config\.key_file \(missing\.key\): ENOENT/],
    ['tls_server_config:\n  cert_file: server.crt', /needs both cert_file and key_file/],
    ['tls_server_config:\n  cert_file: server.crt\n  key_file: other.key', /are not a usable certificate and key/],
    ['tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  cipher_suites: [TLS_AES_128_GCM_SHA256]', /unsupported key tls_server_config\.cipher_suites/],
    ['tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: SSL3', /min_version must be one of/],
    ['tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS13\n  max_version: TLS12', /min_version TLS13 is above max_version TLS12: no TLS version would be left$/],
    ['tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  max_version: TLS11', /min_version TLS12 \(the default\) is above max_version TLS11/],
    ['basic_auth_users:\n  prometheus: plaintext-password', /basic_auth_users\.prometheus is not a bcrypt hash/],
    ['http_server_config:\n  headers:\n    Content-Type: text/html', /Content-Type cannot be set/],
  ])('should refuse %p', (text, message) => {
    const file = write(text);
    expect(() => loadWebConfig(file)).toThrow(UserError);
    expect(() => loadWebConfig(file)).toThrow(message);
  });

  it('should never quote the key or a password in its errors', () => {
    const file = write(`tls_server_config:\n  cert_file: server.key\n  key_file: server.key\nbasic_auth_users:\n  x: ${hash}`);
    let message = '';
    try {
      loadWebConfig(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not a usable certificate and key/);
    expect(message).not.toContain('PRIVATE KEY');
    expect(message).not.toContain(other.key.slice(40, 80));
  });
});

describe('serve on the command line', () => {
  it('should stop at start with exit code 2 and one stderr line for a bad web config', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await main(['--web.config.file', '/nonexistent/web.yml'], { ...BASE_ENV });
    } finally {
      spy.mockRestore();
    }
    expect(process.exitCode).toBe(2);
    process.exitCode = undefined;
    expect(written).toEqual(['dasmo-exporter: web config /nonexistent/web.yml: cannot read it: ENOENT\n']);
  });

  it('should list every service setting in --help', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await main(['serve', '--help'], {});
      await main(['--help'], {});
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
    const help = written.join('');
    for (const name of ['--web.listen-address', '--web.config.file', '--web.enable-unauthenticated-refresh', 'DASMO_LISTEN_ADDRESS',
      'DASMO_WEB_CONFIG_FILE', 'DASMO_REFRESH_SCHEDULE', 'DASMO_STATE_DIR', 'DASMO_REFRESH_RETRY_INITIAL_SECONDS',
      'DASMO_REFRESH_RETRY_MAX_SECONDS', 'DASMO_ENABLE_UNAUTHENTICATED_REFRESH', 'DASMO_LOG_LEVEL', 'DASMO_BUILD_MEMORY_LIMIT_MB']) {
      expect([name, help.includes(name)]).toEqual([name, true]);
    }
  });
});
