import { join } from 'node:path';
import { Writable } from 'node:stream';
import { publishingGuardSettingsFromEnv } from '../../../src/config/publishing-guard-settings';
import { sourceSettingsFromEnv } from '../../../src/config/settings';
import { ExporterService, type ServiceDependencies } from '../../../src/service/exporter-service';
import { parseListenAddress } from '../../../src/service/listen-address';
import { createLogger } from '../../../src/service/logger';
import { DEFAULT_BUILD_MEMORY_LIMIT_MB, DEFAULT_REFRESH_MIN_INTERVAL_SECONDS, type LogLevel, type ServiceSettings } from '../../../src/service/service-settings';
import { NO_WEB_CONFIG, type WebConfig } from '../../../src/service/web-config';
import { HANG_CEILING_MS } from '../../support/hang-ceiling';

/** The build threads of a service run from the TypeScript sources load them with this. */
export const TYPESCRIPT_THREAD_ARGV: readonly string[] = ['--require', join(__dirname, 'ts-register.js')];

/** A schedule that does not fire during a test run (1 January, midnight). */
export const QUIET_SCHEDULE = '0 0 1 1 *';
export const HAND_MADE_DAY = '2021-03-28';

/** Log lines captured from the service's pino logger, parsed. */
export class CapturedLogs {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, callback) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      callback();
    },
  });

  get entries(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  events(event: string): Array<Record<string, unknown>> {
    return this.entries.filter((entry) => entry.event === event);
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

export interface HarnessOptions {
  readonly databaseUrl: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly web?: WebConfig;
  readonly stateDir?: string;
  readonly unauthenticatedRefresh?: boolean;
  readonly refreshMinIntervalMs?: number;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  readonly schedule?: string;
  readonly logLevel?: LogLevel;
  readonly buildMemoryLimitMb?: number;
  readonly deps?: Partial<ServiceDependencies>;
}

export interface RunningService {
  readonly service: ExporterService;
  readonly url: string;
  readonly logs: CapturedLogs;
  stop(): Promise<void>;
}

/** Builds settings the way a test wants them (the config object, not the environment). */
export function testSettings(options: HarnessOptions): ServiceSettings {
  return Object.freeze({
    source: sourceSettingsFromEnv({ DASMO_DATABASE_URL: options.databaseUrl, ...options.env }),
    listen: parseListenAddress('127.0.0.1:0', 'test'),
    webConfigFile: undefined,
    web: options.web ?? NO_WEB_CONFIG,
    refreshSchedule: options.schedule ?? QUIET_SCHEDULE,
    stateDir: options.stateDir,
    retryInitialMs: options.retryInitialMs ?? 200,
    retryMaxMs: options.retryMaxMs ?? 1_000,
    unauthenticatedRefresh: options.unauthenticatedRefresh ?? true,
    refreshMinIntervalMs: options.refreshMinIntervalMs ?? DEFAULT_REFRESH_MIN_INTERVAL_SECONDS * 1000,
    logLevel: options.logLevel ?? 'info',
    buildMemoryLimitMb: options.buildMemoryLimitMb ?? DEFAULT_BUILD_MEMORY_LIMIT_MB,
    publishingGuard: publishingGuardSettingsFromEnv(options.env ?? {}),
  });
}

/** Starts a service on 127.0.0.1 (a free port) for the hand-made reference day. */
export async function startService(options: HarnessOptions): Promise<RunningService> {
  const logs = new CapturedLogs();
  const service = new ExporterService(testSettings(options), {
    logger: createLogger(options.logLevel ?? 'info', logs.stream),
    version: '0.0.0-test',
    referenceDay: () => HAND_MADE_DAY,
    buildThreadExecArgv: TYPESCRIPT_THREAD_ARGV,
    authThreadExecArgv: TYPESCRIPT_THREAD_ARGV,
    ...options.deps,
  });
  await service.start();
  return { service, url: service.url, logs, stop: () => service.stop() };
}

/** Polls `check` every 50 ms until it returns true; `timeoutMs` only catches a hang. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = HANG_CEILING_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
