/**
 * Entry point of a password-check thread: bcrypt runs here, never on the serving thread.
 * Answers one request at a time, in order.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';
import type { BcryptReply, BcryptRequest } from './bcrypt-protocol';

function answer(request: BcryptRequest): BcryptReply {
  if (request.op === 'hash') return { hash: bcrypt.hashSync(request.password, request.cost) };
  const started = performance.now();
  const matches = bcrypt.compareSync(request.password, request.hash);
  return { matches, ms: performance.now() - started };
}

if (parentPort !== null) {
  const port = parentPort;
  port.on('message', (request: BcryptRequest) => port.postMessage(answer(request)));
}
