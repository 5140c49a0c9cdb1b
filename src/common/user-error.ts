/**
 * An error caused by what the user gave us (settings, arguments, source data layout, an
 * unreachable database). The CLI prints its message as one line and exits with `exitCode`,
 * never a stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
