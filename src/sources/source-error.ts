import { UserError } from '../common/user-error';

/** Every command that fails on a database (a source, or demo-data's target) exits with this code. */
const DATABASE_FAILURE_EXIT_CODE = 1;

/** What kind of database failure: `schema` is a missing relation or column. */
export type FailureClass = 'timeout' | 'connection' | 'schema' | 'query';

/**
 * A failure of a database, with a message fit for one log or stderr line: what failed, where
 * (redacted URL), and the driver's reason. Never carries the password.
 */
class DatabaseError extends UserError {
  constructor(
    message: string,
    readonly code: FailureClass,
  ) {
    super(message, DATABASE_FAILURE_EXIT_CODE);
    this.name = 'DatabaseError';
  }
}

/** A failure reading one source. */
export class SourceError extends DatabaseError {
  constructor(
    readonly source: string,
    message: string,
    code: FailureClass,
  ) {
    super(`${source} source: ${message}`, code);
    this.name = 'SourceError';
  }
}

/**
 * A value a collector cannot convert (bytes or a number where text is due): names the relation
 * and column, where a JS TypeError would name neither.
 */
export class SourceValueError extends Error {
  constructor(relation: string, column: string, found: string) {
    super(`${relation}.${column} holds ${found} where the contract needs text`);
    this.name = 'SourceValueError';
  }
}

interface DriverError {
  code?: unknown;
  message?: unknown;
}

/** The driver's error code (undefined when it has none: then it is not a driver error) and its reason. */
function driverFailure(error: unknown): { code: string | undefined; reason: string } {
  const driver = (typeof error === 'object' && error !== null ? error : {}) as DriverError;
  const code = typeof driver.code === 'string' ? driver.code : undefined;
  const reason = typeof driver.message === 'string' && driver.message !== '' ? driver.message : (code ?? 'UNKNOWN');
  return { code, reason };
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

function failureClass(code: string, reason: string): FailureClass {
  if (TIMEOUT_CODES.has(code) || /timeout|max_statement_time|max_execution_time/i.test(reason)) return 'timeout';
  if (CONNECTION_CODES.has(code)) return 'connection';
  if (code === 'ER_NO_SUCH_TABLE' || code === 'ER_BAD_FIELD_ERROR' || code === 'ER_VIEW_INVALID') return 'schema';
  return 'query';
}

/** A mysql2 error (or anything thrown while reading a source) as a SourceError. */
export function translateDriverError(source: string, where: string, error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  if (error instanceof SourceValueError) return new SourceError(source, `${where} does not match the source contract: ${error.message}`, 'schema');
  const { code = 'UNKNOWN', reason } = driverFailure(error);
  const kind = failureClass(code, reason);
  const message = {
    timeout: `query on ${where} exceeded the statement timeout (${reason})`,
    connection: `cannot connect to ${where}: ${reason}`,
    schema: `${where} does not match the source contract: ${reason}`,
    query: `query on ${where} failed: ${reason}`,
  }[kind];
  return new SourceError(source, message, kind);
}

/**
 * A driver error met while `doing` something on the database at `where`, as a DatabaseError
 * (`<doing> <where> failed: <reason>`); anything else (a UserError, a bug) is returned as it is.
 */
export function translateDatabaseError(doing: string, where: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const { code, reason } = driverFailure(error);
  if (code === undefined) return error;
  return new DatabaseError(`${doing} ${where} failed: ${reason}`, failureClass(code, reason));
}
