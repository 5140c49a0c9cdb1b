import { Cron } from 'croner';
import { type Environment, integerSetting, type SourceSettings, sourceSettingsFromEnv } from '../config/settings';
import { UserError } from '../common/user-error';
import { type PublishingGuardSettings, publishingGuardSettingsFromEnv } from '../config/publishing-guard-settings';
import { type ListenAddress, parseListenAddress } from './listen-address';
import { loadWebConfig, NO_WEB_CONFIG, type WebConfig } from './web-config';

/** The `serve` flags; each one overrides its environment variable. */
export interface ServeFlags {
  readonly 'web.listenAddress'?: string;
  readonly 'web.config.file'?: string;
  readonly 'web.enableUnauthenticatedRefresh'?: boolean;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything `serve` needs; built once from env + flags, validated, frozen. */
export interface ServiceSettings {
  readonly source: SourceSettings;
  readonly listen: ListenAddress;
  readonly webConfigFile: string | undefined;
  readonly web: WebConfig;
  /** Cron expression, evaluated in `source.timezone`. */
  readonly refreshSchedule: string;
  /** Where the last good snapshot is kept across restarts; undefined: not kept. */
  readonly stateDir: string | undefined;
  /** First retry delay after a failed refresh; doubles per attempt up to `retryMaxMs`. */
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  /** Allow POST /-/refresh without basic auth configured. */
  readonly unauthenticatedRefresh: boolean;
  /** Shortest time between two refreshes started by POST /-/refresh (0: no limit). */
  readonly refreshMinIntervalMs: number;
  readonly logLevel: LogLevel;
  /** Heap limit of a refresh's build thread: past it the thread dies, not the exporter. */
  readonly buildMemoryLimitMb: number;
  /** When a refresh's data looks collapsed and must not replace the published snapshot. */
  readonly publishingGuard: PublishingGuardSettings;
}

export const DEFAULT_LISTEN_ADDRESS = ':9713';
const DEFAULT_REFRESH_SCHEDULE = '30 6 * * *';
export const DEFAULT_REFRESH_MIN_INTERVAL_SECONDS = 60;
/** Eight times what the INPS-sized build needs (it fits in 128 MB; docs/operations.md). */
export const DEFAULT_BUILD_MEMORY_LIMIT_MB = 1024;

function booleanSetting(env: Environment, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new UserError(`${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

/** Validates a cron expression in a time zone; returns it unchanged. */
function assertSchedule(schedule: string, timezone: string, settingName = 'DASMO_REFRESH_SCHEDULE'): string {
  let next: Date | null;
  try {
    const job = new Cron(schedule, { timezone, paused: true });
    next = job.nextRun();
    job.stop();
  } catch (error) {
    throw new UserError(`${settingName} is not a valid cron expression (${JSON.stringify(schedule)}): ${(error as Error).message}`);
  }
  if (next === null) throw new UserError(`${settingName} ${JSON.stringify(schedule)} never fires`);
  return schedule;
}

function logLevel(env: Environment): LogLevel {
  const raw = (env.DASMO_LOG_LEVEL ?? 'info').trim().toLowerCase();
  const level = LOG_LEVELS.find((candidate) => candidate === raw);
  if (level === undefined) throw new UserError(`DASMO_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(env.DASMO_LOG_LEVEL)}`);
  return level;
}

export function serviceSettingsFromEnv(env: Environment, flags: ServeFlags = {}): ServiceSettings {
  const source = sourceSettingsFromEnv(env);
  const listenFlag = flags['web.listenAddress'];
  const listen =
    listenFlag !== undefined
      ? parseListenAddress(listenFlag, '--web.listen-address')
      : parseListenAddress(env.DASMO_LISTEN_ADDRESS ?? DEFAULT_LISTEN_ADDRESS, 'DASMO_LISTEN_ADDRESS');
  const webConfigFile = nonEmpty(flags['web.config.file']) ?? nonEmpty(env.DASMO_WEB_CONFIG_FILE);
  const retryInitialSeconds = integerSetting(env, 'DASMO_REFRESH_RETRY_INITIAL_SECONDS', 60, 1, 86_400);
  const retryMaxSeconds = integerSetting(env, 'DASMO_REFRESH_RETRY_MAX_SECONDS', 3_600, 1, 86_400);
  if (retryMaxSeconds < retryInitialSeconds) {
    throw new UserError(`DASMO_REFRESH_RETRY_MAX_SECONDS (${retryMaxSeconds}) is below DASMO_REFRESH_RETRY_INITIAL_SECONDS (${retryInitialSeconds})`);
  }
  return Object.freeze({
    source,
    listen,
    webConfigFile,
    web: webConfigFile === undefined ? NO_WEB_CONFIG : loadWebConfig(webConfigFile),
    refreshSchedule: assertSchedule((env.DASMO_REFRESH_SCHEDULE ?? DEFAULT_REFRESH_SCHEDULE).trim(), source.timezone),
    stateDir: nonEmpty(env.DASMO_STATE_DIR),
    retryInitialMs: retryInitialSeconds * 1000,
    retryMaxMs: retryMaxSeconds * 1000,
    unauthenticatedRefresh: flags['web.enableUnauthenticatedRefresh'] === true || booleanSetting(env, 'DASMO_ENABLE_UNAUTHENTICATED_REFRESH'),
    refreshMinIntervalMs: integerSetting(env, 'DASMO_REFRESH_MIN_INTERVAL_SECONDS', DEFAULT_REFRESH_MIN_INTERVAL_SECONDS, 0, 86_400) * 1000,
    logLevel: logLevel(env),
    buildMemoryLimitMb: integerSetting(env, 'DASMO_BUILD_MEMORY_LIMIT_MB', DEFAULT_BUILD_MEMORY_LIMIT_MB, 16, 65_536),
    publishingGuard: publishingGuardSettingsFromEnv(env),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
