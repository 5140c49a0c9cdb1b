import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { loadWebConfig } from '../../src/service/web-config';
import { loadHandMadeDataset } from '../support/hand-made';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from '../support/test-database';
import { makeCertificate, type TestCertificate } from './support/certificate';
import { request } from './support/http-client';
import { type RunningService, startService } from './support/service-harness';

const PASSWORD = 'scrape-Pa55word';
const DB_PASSWORD = 'Db-Pa55word-7f3c';

describe('access control and secrets', () => {
  let db: TestDatabase;
  let dir: string;
  let certificate: TestCertificate;
  let running: RunningService | undefined;
  const dbUser = `dasmo_ro_${process.pid}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadHandMadeDataset(db);
    dir = mkdtempSync(join(tmpdir(), 'dasmo-security-'));
    certificate = makeCertificate(dir);
    // The grant README.md recommends: SELECT on the source database only, few connections.
    await db.admin.query(`CREATE USER '${dbUser}'@'%' IDENTIFIED BY '${DB_PASSWORD}' WITH MAX_USER_CONNECTIONS 4`);
    await db.admin.query(`GRANT SELECT ON \`${db.name}\`.* TO '${dbUser}'@'%'`);
  });

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  afterAll(async () => {
    await db.admin.query(`DROP USER IF EXISTS '${dbUser}'@'%'`);
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const readOnlyUrl = (password: string): string => {
    const server = new URL(TEST_SERVER_URL);
    return `mysql://${dbUser}:${encodeURIComponent(password)}@${server.host}/${db.name}`;
  };

  const webConfig = (text: string) => {
    const file = join(dir, 'web.yml');
    writeFileSync(file, text);
    return loadWebConfig(file);
  };

  describe('with TLS and basic auth', () => {
    beforeEach(async () => {
      const web = webConfig(
        `tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\nbasic_auth_users:\n  prometheus: '${bcrypt.hashSync(PASSWORD, 4)}'\n`,
      );
      running = await startService({ databaseUrl: readOnlyUrl(DB_PASSWORD), web, unauthenticatedRefresh: false });
      await running.service.refresh();
    });

    it('should serve over https only to the right credentials', async () => {
      const url = running?.url ?? '';
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = certificate.cert;
      const anonymous = await request(`${url}/metrics`, { ca });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['www-authenticate']).toBe('Basic realm="dasmo-exporter", charset="UTF-8"');
      expect((await request(`${url}/metrics`, { ca, user: 'prometheus', password: 'wrong' })).status).toBe(401);
      expect((await request(`${url}/metrics`, { ca, user: 'nobody', password: PASSWORD })).status).toBe(401);
      expect((await request(`${url}/metrics`, { ca, user: 'prometheus', password: PASSWORD.toUpperCase() })).status).toBe(401);
      expect((await request(`${url}/metrics`, { ca, headers: { Authorization: 'Bearer abc' } })).status).toBe(401);
      const good = await request(`${url}/metrics`, { ca, user: 'prometheus', password: PASSWORD });
      expect(good.status).toBe(200);
      expect(good.text).toContain('dasmo_applications_received_total{');
      // Remembered credentials still have to match exactly.
      expect((await request(`${url}/metrics`, { ca, user: 'prometheus', password: `${PASSWORD}x` })).status).toBe(401);
      expect((await request(`${url}/-/ready`, { ca })).status).toBe(401);
    });

    it('should require credentials for POST /-/refresh and run it with them', async () => {
      const url = running?.url ?? '';
      const ca = certificate.cert;
      expect((await request(`${url}/-/refresh`, { method: 'POST', ca })).status).toBe(401);
      const refreshed = await request(`${url}/-/refresh`, { method: 'POST', ca, user: 'prometheus', password: PASSWORD });
      expect(refreshed.status).toBe(200);
      expect(JSON.parse(refreshed.text)).toMatchObject({ ok: true, referenceDay: '2021-03-28' });
    });

    it('should read the sources as a SELECT-only user and never show a secret', async () => {
      const url = running?.url ?? '';
      const ca = certificate.cert;
      const metrics = await request(`${url}/metrics`, { ca, user: 'prometheus', password: PASSWORD });
      const page = await request(`${url}/`, { ca, user: 'prometheus', password: PASSWORD });
      const refreshed = await request(`${url}/-/refresh`, { method: 'POST', ca, user: 'prometheus', password: PASSWORD });
      expect(refreshed.status).toBe(200);
      const keyLine = certificate.key.split('\n')[1] ?? 'missing';
      for (const text of [running?.logs.text ?? '', metrics.text, page.text, refreshed.text]) {
        expect(text).not.toContain(DB_PASSWORD);
        expect(text).not.toContain(encodeURIComponent(DB_PASSWORD));
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(keyLine);
      }
      expect(running?.logs.text).toContain(`mysql://${dbUser}:***@`);
    });
  });

  it('should require a client certificate signed by client_ca_file with RequireAndVerifyClientCert', async () => {
    const client = makeCertificate(dir, 'client');
    const stranger = makeCertificate(dir, 'stranger');
    const web = webConfig(
      'tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: client.crt\n',
    );
    running = await startService({ databaseUrl: db.url, web });
    const ca = certificate.cert;
    await expect(request(`${running.url}/-/healthy`, { ca })).rejects.toThrow();
    await expect(request(`${running.url}/-/healthy`, { ca, cert: stranger.cert, key: stranger.key })).rejects.toThrow();
    expect((await request(`${running.url}/-/healthy`, { ca, cert: client.cert, key: client.key })).status).toBe(200);
  });

  it('should refuse POST /-/refresh without basic auth unless explicitly enabled', async () => {
    running = await startService({ databaseUrl: db.url, unauthenticatedRefresh: false });
    const refused = await request(`${running.url}/-/refresh`, { method: 'POST' });
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/--web\.enable-unauthenticated-refresh/);
    await running.stop();
    running = await startService({ databaseUrl: db.url, unauthenticatedRefresh: true });
    expect((await request(`${running.url}/-/refresh`, { method: 'POST' })).status).toBe(200);
  });

  it('should keep a wrong database password out of logs and answers', async () => {
    running = await startService({ databaseUrl: readOnlyUrl('Wrong-Pa55word-91'), retryInitialMs: 60_000 });
    const refreshed = await request(`${running.url}/-/refresh`, { method: 'POST' });
    expect(refreshed.status).toBe(503);
    const outcome = JSON.parse(refreshed.text) as { sources: Record<string, { ok: boolean; error: string }> };
    expect(outcome.sources.offices?.error).toMatch(/Access denied/);
    const page = await request(`${running.url}/`);
    for (const text of [running.logs.text, refreshed.text, page.text]) expect(text).not.toContain('Wrong-Pa55word-91');
    expect(running.logs.events('source_failed')[0]?.cause).toBe('connection');
  });
});
