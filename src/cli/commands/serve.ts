import type { Environment } from '../../config/settings';
import { ExporterService } from '../../service/exporter-service';
import { createLogger } from '../../service/logger';
import { type ServeFlags, serviceSettingsFromEnv } from '../../service/service-settings';

/** Everything must be closed by then, whatever hangs. */
const SHUTDOWN_LIMIT_MS = 10_000;

/**
 * `dasmo-exporter serve`: runs until SIGTERM or SIGINT, then stops accepting, lets in-flight
 * responses finish, closes the pools and returns (exiting within 10 s).
 */
export async function runServe(flags: ServeFlags, env: Environment, version: string): Promise<void> {
  const settings = serviceSettingsFromEnv(env, flags);
  const logger = createLogger(settings.logLevel);
  const service = new ExporterService(settings, { logger, version });
  // Listening before start: a signal during start-up stops the service once it has started.
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  await service.start();
  const signal = await signalled;
  logger.info({ event: 'shutdown', signal }, `${signal} received, shutting down`);
  const deadline = setTimeout(() => {
    logger.error({ event: 'shutdown_timeout' }, 'shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  deadline.unref();
  await service.stop();
  // Timers of the default process metrics may remain; nothing else is left to finish.
  process.exit(0);
}
