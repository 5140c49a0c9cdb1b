import { UserError } from '../common/user-error';

/**
 * What a command writing to stdout throws when the reader went away before the end (`| head`):
 * one line on stderr and exit 1, as a truncated output must not pass for a complete one.
 */
export function stdoutClosedError(error: unknown, what: string): unknown {
  return (error as NodeJS.ErrnoException).code === 'EPIPE' ? new UserError(`stdout was closed before ${what} was written (EPIPE)`, 1) : error;
}
