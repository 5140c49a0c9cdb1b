import type { ServiceSettings } from './service-settings';
import { prepareStateDir } from './state-file';

/**
 * What `check-config` verifies for `serve` beyond parsing its settings (listen address, web
 * config, schedule, retries, all validated by serviceSettingsFromEnv): that the state directory
 * is writable. Returns one line saying what was found; throws a UserError on a problem.
 */
export async function checkServiceSettings(settings: ServiceSettings): Promise<string> {
  if (settings.stateDir !== undefined) await prepareStateDir(settings.stateDir);
  const web = settings.web;
  const parts = [
    `listen ${settings.listen.text}`,
    `refresh '${settings.refreshSchedule}' in ${settings.source.timezone}`,
    `TLS ${web.tls === undefined ? 'off' : 'on'}`,
    `basic auth ${web.basicAuthUsers.size === 0 ? 'off' : `${web.basicAuthUsers.size} user(s)`}`,
    `refresh endpoint ${web.basicAuthUsers.size > 0 ? 'authenticated' : settings.unauthenticatedRefresh ? 'open' : 'disabled'}` +
      (settings.refreshMinIntervalMs > 0 ? ` (at most every ${settings.refreshMinIntervalMs / 1000}s)` : ''),
    `state ${settings.stateDir ?? 'not kept'}`,
  ];
  return `service: OK (${parts.join(', ')})`;
}
