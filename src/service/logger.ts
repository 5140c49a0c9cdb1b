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
  return destination === undefined ? pino(options) : pino(options, destination);
}
