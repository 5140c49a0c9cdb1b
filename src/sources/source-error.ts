/**
 * A failure reading one source, with a message fit for one log or stderr line: what failed,
 * where (redacted URL), and the driver's reason. Never carries the password.
 */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
    readonly code: string,
  ) {
    super(`${source} source: ${message}`);
    this.name = 'SourceError';
  }
}

interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
}

const TIMEOUT_CODES = new Set(['ER_STATEMENT_TIMEOUT', 'ER_QUERY_TIMEOUT', 'PROTOCOL_SEQUENCE_TIMEOUT', 'DASMO_CLIENT_TIMEOUT']);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_CON_COUNT_ERROR',
]);

/** Classifies a mysql2 error: 'timeout', 'connection', 'schema' (missing relation/column) or 'query'. */
export function translateDriverError(source: string, where: string, error: unknown): SourceError {
  const driver = (typeof error === 'object' && error !== null ? error : {}) as DriverError;
  const code = typeof driver.code === 'string' ? driver.code : 'UNKNOWN';
  const reason = typeof driver.message === 'string' && driver.message !== '' ? driver.message : code;
  if (TIMEOUT_CODES.has(code) || /timeout|max_statement_time|max_execution_time/i.test(reason)) {
    return new SourceError(source, `query on ${where} exceeded the statement timeout (${reason})`, 'timeout');
  }
  if (CONNECTION_CODES.has(code)) {
    return new SourceError(source, `cannot connect to ${where}: ${reason}`, 'connection');
  }
  if (code === 'ER_NO_SUCH_TABLE' || code === 'ER_BAD_FIELD_ERROR' || code === 'ER_VIEW_INVALID') {
    return new SourceError(source, `${where} does not match the source contract: ${reason}`, 'schema');
  }
  return new SourceError(source, `query on ${where} failed: ${reason}`, 'query');
}
