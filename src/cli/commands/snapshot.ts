import { sourceSettingsFromEnv, type Environment } from '../../config/settings';
import { buildSnapshot } from '../../snapshot/build-snapshot';
import { collectSources, requireAll } from '../../snapshot/collect-sources';
import { EOF_LINE } from '../../snapshot/openmetrics';
import { openSourceClients } from '../../sources/source-clients';
import { defaultReferenceDay, parseIsoDay, referenceWindow } from '../../time/reference-day';

export interface SnapshotOptions {
  readonly referenceDate?: string;
}

/** Computes one snapshot and writes it to `out` as an OpenMetrics document ending with `# EOF`. */
export async function runSnapshot(options: SnapshotOptions, env: Environment, out: NodeJS.WritableStream): Promise<void> {
  const settings = sourceSettingsFromEnv(env);
  const day = options.referenceDate === undefined ? defaultReferenceDay(new Date(), settings.timezone) : parseIsoDay(options.referenceDate);
  const window = referenceWindow(day, settings.timezone);
  const sources = openSourceClients(settings);
  try {
    const snapshot = buildSnapshot(window, requireAll(await collectSources(sources.clients, window)));
    await writeAll(out, snapshot.text + EOF_LINE);
  } finally {
    await sources.close();
  }
}

function writeAll(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
