import { secretSetting, sourceSettingsFromEnv, type Environment } from '../../config/settings';
import { UserError } from '../../common/user-error';
import { tablesHoldingData } from '../../demo/database';
import { writeDemoData, type DemoSize } from '../../demo/write-demo-data';
import { parseDatabaseUrl } from '../../sources/database-url';
import { defaultReferenceDay, parseIsoDay } from '../../time/reference-day';
import { drawProgress } from '../progress';

interface DemoDataCliOptions {
  readonly size: string;
  readonly seed: string;
  readonly until?: string;
  readonly replace: boolean;
  readonly ifEmpty: boolean;
}

export async function runDemoData(options: DemoDataCliOptions, env: Environment, out: NodeJS.WritableStream): Promise<void> {
  const databaseUrl = secretSetting(env, 'DASMO_DATABASE_URL');
  if (databaseUrl === undefined) throw new UserError('DASMO_DATABASE_URL is not set: demo-data writes into that database');
  const { timezone } = sourceSettingsFromEnv(env);
  if (!/^\d{1,9}$/.test(options.seed)) throw new UserError(`--seed must be a whole number, got ${JSON.stringify(options.seed)}`);
  const until = options.until === undefined ? defaultReferenceDay(new Date(), timezone) : parseIsoDay(options.until, '--until');
  if (options.ifEmpty) {
    const endpoint = parseDatabaseUrl(databaseUrl, 'DASMO_DATABASE_URL');
    const holding = await tablesHoldingData(endpoint);
    if (holding.length > 0) {
      out.write(`demo data kept: ${endpoint.redacted} already holds data in ${holding.join(', ')} (--replace rewrites it)\n`);
      return;
    }
  }
  const summary = await writeDemoData({
    databaseUrl,
    size: options.size as DemoSize,
    seed: Number(options.seed),
    until,
    replace: options.replace,
    onProgress: drawProgress,
  });
  out.write(
    `demo data written: ${summary.offices} offices, ${summary.applications} applications, ` +
      `${summary.flows} payment flows up to ${until} in ${summary.seconds.toFixed(1)}s\n`,
  );
}
