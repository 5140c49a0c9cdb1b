import { SOURCE_NAMES, type Environment } from '../../config/settings';
import { UserError } from '../../config/user-error';
import { openSourceClients } from '../../sources/source-clients';
import { contractProblems } from '../../sources/source-contract';
import { translateDriverError } from '../../sources/source-error';
import { checkServiceSettings } from '../../service/check-service-settings';
import { type ServeFlags, serviceSettingsFromEnv } from '../../service/service-settings';

/**
 * Validates the settings, then that every source is reachable and holds its relation with all
 * the contract's columns. Prints one line per source; throws a UserError naming every problem.
 */
export async function runCheckConfig(env: Environment, out: NodeJS.WritableStream, serveFlags: ServeFlags = {}): Promise<void> {
  const service = serviceSettingsFromEnv(env, serveFlags);
  const settings = service.source;
  out.write(`settings: OK (timezone ${settings.timezone}, statement timeout ${settings.statementTimeoutSeconds}s, pool ${settings.poolSize})\n`);
  out.write(`${await checkServiceSettings(service)}\n`);
  const sources = openSourceClients(settings);
  const problems: string[] = [];
  try {
    for (const source of SOURCE_NAMES) {
      const client = sources.clients[source];
      try {
        const found = await contractProblems(client, source);
        problems.push(...found);
        out.write(`${source}: ${client.description} ${found.length === 0 ? 'OK' : 'NOT OK'}\n`);
      } catch (error) {
        problems.push(translateDriverError(source, client.description, error).message);
        out.write(`${source}: ${client.description} NOT OK\n`);
      }
    }
  } finally {
    await sources.close();
  }
  if (problems.length > 0) throw new UserError(problems.join('; '), 2);
}
