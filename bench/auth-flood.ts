import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import bcrypt from 'bcryptjs';
import { databaseUrl } from './databases';
import { cpuSeconds, DURATION_SECONDS, EXPORTER_BIN, figures, freePort, GZIP_HEADERS, type LoadFigures, runWrk, waitReady } from './scrape-load';

/** Connections sending wrong credentials while one connection scrapes with valid ones. */
const FLOODS = [0, 10, 50] as const;
const USER = 'prometheus';
const PASSWORD = 'bench-Pa55word';
/** The cost docs/configuration.md recommends at least. */
const BCRYPT_COST = 10;

interface AuthFloodRow {
  readonly wrongConnections: number;
  /** One connection scraping back to back with valid (remembered) credentials, gzip, autocannon. */
  readonly valid: LoadFigures;
  /** The wrong-credential connections (wrk); every answer is a 401. */
  readonly wrongRequestsPerSecond: number;
}

export interface AuthFloodFigures {
  readonly bcryptCost: number;
  readonly durationSeconds: number;
  readonly rows: readonly AuthFloodRow[];
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/**
 * Valid scrapes while N connections send a wrong password for a known user: the basic-auth
 * flood an attacker without credentials can mount.
 */
export async function measureAuthFlood(database: string): Promise<AuthFloodFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'dasmo-bench-auth-'));
  const webConfig = join(dir, 'web.yml');
  writeFileSync(webConfig, `basic_auth_users:\n  ${USER}: '${bcrypt.hashSync(PASSWORD, BCRYPT_COST)}'\n`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [EXPORTER_BIN, 'serve', `--web.listen-address=127.0.0.1:${port}`, `--web.config.file=${webConfig}`], {
    env: { ...process.env, DASMO_DATABASE_URL: databaseUrl(database), DASMO_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const valid = { ...GZIP_HEADERS, authorization: basic(USER, PASSWORD) };
  const wrong = { ...GZIP_HEADERS, authorization: basic(USER, 'wrong-password') };
  try {
    await waitReady(base, child, valid);
    const pid = child.pid as number;
    const rows: AuthFloodRow[] = [];
    for (const wrongConnections of FLOODS) {
      const before = cpuSeconds(pid);
      const [scrapes, flood] = await Promise.all([
        autocannon({ url: `${base}/metrics`, connections: 1, duration: DURATION_SECONDS, headers: valid }),
        wrongConnections === 0 ? undefined : runWrk(`${base}/metrics`, wrongConnections, wrong, pid),
      ]);
      rows.push({
        wrongConnections,
        valid: figures(scrapes, 1, cpuSeconds(pid) - before),
        wrongRequestsPerSecond: flood?.requestsPerSecond ?? 0,
      });
    }
    return { bcryptCost: BCRYPT_COST, durationSeconds: DURATION_SECONDS, rows };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
