import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './service-settings';

export type { Logger } from 'pino';

/**
 * JSON logs on stdout (or `destination`, for tests). Nothing logged carries a secret: sources
 * are named by their redacted URL; the redaction below is a second line of defence.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'dasmo-exporter' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'key', '*.key', 'authorization', '*.authorization', 'req.headers.authorization'], censor: '***' },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  // Synchronous writes: a few lines per refresh cost nothing, and the last lines before
  // process.exit (shutdown, stopped) are never lost in an asynchronous buffer.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}
