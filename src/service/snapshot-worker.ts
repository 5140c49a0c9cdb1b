/**
 * Entry point of the snapshot build thread: reads the sources, builds, renders, compresses and
 * hashes one day's snapshot, posts it back (the buffers transferred, not copied), and ends.
 * Everything that costs CPU during a refresh happens here, so the serving thread never pauses.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { SOURCE_NAMES, type SourceName } from '../snapshot/source-table';
import { buildSnapshotBytes } from '../snapshot/build-snapshot';
import { sourceTotals } from '../snapshot/source-totals';
import { type CollectedSources, collectSources, requireAll } from '../snapshot/collect-sources';
import { openSourceClients } from '../sources/source-clients';
import { referenceWindow } from '../time/reference-day';
import { openDeflateSync } from './gzip-member';
import type { BuildReply, BuildRequest, SourceOutcome } from './snapshot-build-protocol';

function sourceOutcomes(collected: CollectedSources): Record<SourceName, SourceOutcome> {
  const outcomes = {} as Record<SourceName, SourceOutcome>;
  for (const source of SOURCE_NAMES) {
    const result = collected[source];
    outcomes[source] = result.ok
      ? { ok: true, seconds: result.seconds, rows: result.rows }
      : { ok: false, seconds: result.seconds, error: result.error.message, cause: result.error.code };
  }
  return outcomes;
}

/** The ArrayBuffer behind `bytes` when it owns it whole; a copy when it is a slice of a shared pool. */
function transferable(bytes: Buffer): ArrayBuffer {
  const { buffer } = bytes;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

async function build(request: BuildRequest): Promise<{ reply: BuildReply; transfer: ArrayBuffer[] }> {
  const window = referenceWindow(request.referenceDay, request.settings.timezone);
  const sources = openSourceClients(request.settings);
  let collected: CollectedSources;
  try {
    collected = await collectSources(sources.clients, window);
  } finally {
    // What was read stands even if a connection does not close cleanly.
    await sources.close().catch(() => undefined);
  }
  const outcomes = sourceOutcomes(collected);
  if (!SOURCE_NAMES.every((source) => collected[source].ok)) return { reply: { sources: outcomes }, transfer: [] };
  const data = requireAll(collected);
  const { seriesCount, body, regions } = buildSnapshotBytes(window, data);
  const deflated = openDeflateSync(body);
  const bodyBuffer = transferable(body);
  const deflatedBuffer = transferable(deflated.bytes);
  return {
    reply: {
      sources: outcomes,
      snapshot: {
        seriesCount,
        body: Buffer.from(bodyBuffer),
        deflated: Buffer.from(deflatedBuffer),
        crc32: deflated.crc32,
        sha256: createHash('sha256').update(body).digest('hex'),
        totals: sourceTotals(data),
        regions,
      },
    },
    transfer: [bodyBuffer, deflatedBuffer],
  };
}

if (parentPort !== null) {
  const port = parentPort;
  void build(workerData as BuildRequest).then(({ reply, transfer }) => port.postMessage(reply, transfer));
}
