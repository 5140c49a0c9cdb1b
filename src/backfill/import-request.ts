import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UserError } from '../common/user-error';
import type { ImportTarget } from './import-target';

/** A target that refused or could not take the samples: one line, exit 1, like a failing database. */
export class ImportError extends UserError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'ImportError';
  }
}

/** Nothing sent or received for this long: the target is taken as hung. */
const IDLE_TIMEOUT_MS = 300_000;
/**
 * The body waits for the server's `100 Continue`, so that a refusal (a wrong password) comes
 * back as its answer rather than as a connection reset mid-body; a server that ignores
 * `Expect` gets the body after this long anyway.
 */
const CONTINUE_WAIT_MS = 3_000;
/** How much of a refusal's body is read and quoted. */
const QUOTED_CHARS = 300;

/**
 * POSTs the chunks as one request body, with back-pressure: the next chunk is produced only
 * once the socket has taken the previous ones, so at most one chunk waits in memory. Resolves
 * on a 2xx answer; otherwise throws an ImportError quoting the first line of the answer.
 */
export async function postChunks(target: ImportTarget, chunks: Iterable<string>): Promise<void> {
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', expect: '100-continue' };
  if (target.authorization !== undefined) headers.authorization = target.authorization;
  const req = send(target.url, { method: 'POST', headers, agent: false, timeout: IDLE_TIMEOUT_MS });
  let failure: Error | undefined;
  let answer: IncomingMessage | undefined;
  req.on('error', (error) => {
    failure ??= error;
  });
  req.on('timeout', () => req.destroy(new Error(`nothing sent or received for ${IDLE_TIMEOUT_MS / 1000}s`)));
  req.once('response', (response: IncomingMessage) => {
    answer = response;
  });
  // 'close' comes after an error; a refusal may come before the whole body is sent.
  const settled = Promise.race([once(req, 'response'), once(req, 'close')]).catch(() => undefined);
  let waited: NodeJS.Timeout | undefined;
  const continueOrNot = new Promise<void>((resolve) => {
    waited = setTimeout(resolve, CONTINUE_WAIT_MS);
    req.once('continue', () => resolve());
  });
  await Promise.race([continueOrNot, settled]);
  clearTimeout(waited);
  for (const chunk of chunks) {
    if (failure !== undefined || answer !== undefined) break;
    if (!req.write(chunk)) await Promise.race([once(req, 'drain'), settled]).catch(() => undefined);
  }
  if (failure === undefined && answer === undefined) req.end();
  await settled;
  const response = answer;
  if (response === undefined) throw new ImportError(`cannot send to --import-url ${target.description}: ${describe(failure)}`);
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) {
    response.resume();
    return;
  }
  const body = await firstLine(response);
  req.destroy();
  throw new ImportError(`--import-url ${target.description} answered ${status} ${response.statusMessage ?? ''}`.trimEnd() + (body === '' ? '' : `: ${body}`));
}

function describe(error: Error | undefined): string {
  if (error === undefined) return 'the connection closed without an answer';
  return (error as NodeJS.ErrnoException).code ?? error.message;
}

/** The first line of an answer's body, at most QUOTED_CHARS characters. */
async function firstLine(response: IncomingMessage): Promise<string> {
  let text = '';
  try {
    for await (const chunk of response) {
      text += String(chunk);
      if (text.length >= QUOTED_CHARS || text.includes('\n')) break;
    }
  } catch {
    // the body is only quoted; the status says enough
  }
  const line = text.split('\n', 1)[0] ?? '';
  return line.trim().slice(0, QUOTED_CHARS);
}
