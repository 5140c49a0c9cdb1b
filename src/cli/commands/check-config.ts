import type { Environment } from '../../config/settings';
import { SOURCE_NAMES, SOURCE_TABLE } from '../../snapshot/source-table';
import { UserError } from '../../common/user-error';
import { openSourceClients } from '../../sources/source-clients';
import { contractProblem } from '../../sources/source-contract';
import { translateDriverError } from '../../sources/source-error';
import { checkServiceSettings } from '../../service/check-service-settings';
import { type ServeFlags, serviceSettingsFromEnv } from '../../service/service-settings';
import { problemLines, type SourceFinding } from './check-config-report';

/**
 * Validates the settings, then that every source is reachable and holds its relation with all
 * the contract's columns. Prints one line per source; throws a UserError with one line per
 * distinct problem (sources failing the same way share one).
 */
export async function runCheckConfig(env: Environment, out: NodeJS.WritableStream, serveFlags: ServeFlags = {}): Promise<void> {
  const service = serviceSettingsFromEnv(env, serveFlags);
  const settings = service.source;
  out.write(`settings: OK (timezone ${settings.timezone}, statement timeout ${settings.statementTimeoutSeconds}s, pool ${settings.poolSize})\n`);
  out.write(`${await checkServiceSettings(service)}\n`);
  const sources = openSourceClients(settings);
  const findings: SourceFinding[] = [];
  try {
    for (const source of SOURCE_NAMES) {
      const client = sources.clients[source];
      let finding: SourceFinding | undefined;
      try {
        const contract = await contractProblem(client, SOURCE_TABLE[source]);
        if (contract !== undefined) finding = { source, contract };
      } catch (error) {
        // The source is named by the report, once for every source failing the same way.
        const message = translateDriverError(source, client.description, error).message;
        const prefix = `${source} source: `;
        finding = { source, error: message.startsWith(prefix) ? message.slice(prefix.length) : message };
      }
      if (finding !== undefined) findings.push(finding);
      out.write(`${source}: ${client.description} ${finding === undefined ? 'OK' : 'NOT OK'}\n`);
    }
  } finally {
    await sources.close();
  }
  if (findings.length > 0) throw new UserError(problemLines(findings).join('\n'), 2);
}
