import { parseListenAddress } from '../service/listen-address';
import { DEFAULT_LISTEN_ADDRESS } from '../service/service-settings';
import { parseDatabaseUrl } from '../sources/database-url';
import { main } from './main';

/**
 * `npm run demo`: writes the small demo dataset into a local database (`dasmo_demo`, as the
 * README says) when it is not there yet, then runs the exporter service on it (`serve`, until
 * Ctrl-C). DASMO_DATABASE_URL overrides the database.
 */
const DEFAULT_DEMO_URL = 'mysql://root@127.0.0.1:3306/dasmo_demo';

async function demo(): Promise<void> {
  const env = { ...process.env, DASMO_DATABASE_URL: process.env.DASMO_DATABASE_URL ?? DEFAULT_DEMO_URL };
  const chosen = process.env.DASMO_DATABASE_URL === undefined ? ' (set DASMO_DATABASE_URL to use another database)' : '';
  process.stderr.write(`DASMO demo on ${parseDatabaseUrl(env.DASMO_DATABASE_URL, 'DASMO_DATABASE_URL').redacted}${chosen}\n`);
  await main(['demo-data', '--if-empty', '--size', process.env.DASMO_DEMO_SIZE ?? 'small'], env);
  if (process.exitCode !== undefined && process.exitCode !== 0) return;
  const listen = parseListenAddress(process.env.DASMO_LISTEN_ADDRESS ?? DEFAULT_LISTEN_ADDRESS, 'DASMO_LISTEN_ADDRESS');
  const host = listen.host === undefined ? 'localhost' : listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  const url = `http://${host}:${listen.port}`;
  process.stderr.write(`DASMO demo: the exporter serves ${url}/metrics (status page ${url}/); Ctrl-C stops it\n`);
  await main(['serve'], { ...env, DASMO_STATE_DIR: process.env.DASMO_STATE_DIR ?? 'state' });
}

demo().catch((error: unknown) => {
  process.stderr.write(`dasmo demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
