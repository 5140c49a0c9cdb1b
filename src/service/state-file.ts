import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SOURCE_NAMES, type SourceName } from '../snapshot/source-table';
import type { SourceTotals } from '../snapshot/source-totals';
import { UserError } from '../common/user-error';
import type { SnapshotMetadata } from './published-snapshot';

/**
 * The last good snapshot on disk, so that a restart during a database outage still serves
 * it. One file: a JSON header line (metadata, length and SHA-256 of the body), then the
 * rendered body. Written to a temporary file, fsynced, then renamed over the old one.
 */
export const STATE_FILE_NAME = 'snapshot.state';
const FORMAT = 'dasmo-snapshot-state/1';

interface StateHeader extends Omit<SnapshotMetadata, 'totals' | 'regions'> {
  /** Absent in files written before the publishing guard. */
  readonly totals?: SourceTotals | null;
  /** Absent in files written before the per-region self-metrics. */
  readonly regions?: readonly string[];
  readonly format: string;
  readonly bytes: number;
  readonly sha256: string;
}

interface LoadedState {
  readonly metadata: SnapshotMetadata;
  readonly body: Buffer;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Creates the directory if needed (its parent must exist), checks that a file can be written
 * there, and removes temporary files a killed exporter left half-written. Not `mkdir -p`:
 * Node's recursive mkdir spins forever under /proc.
 */
export async function prepareStateDir(dir: string): Promise<void> {
  const probe = join(dir, `.write-test-${process.pid}`);
  try {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const handle = await open(probe, 'w');
    await handle.close();
    await unlink(probe);
    const leftovers = (await readdir(dir)).filter((name) => name.startsWith(`${STATE_FILE_NAME}.`) && name.endsWith('.tmp'));
    await Promise.all(leftovers.map((name) => unlink(join(dir, name))));
  } catch (error) {
    throw new UserError(`DASMO_STATE_DIR ${dir} is not a writable directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** `bodySha256` when the caller has it already (the build worker hashes off the serving thread). */
export async function saveState(dir: string, metadata: SnapshotMetadata, body: Buffer, bodySha256 = sha256(body)): Promise<void> {
  const header: StateHeader = { format: FORMAT, ...metadata, bytes: body.length, sha256: bodySha256 };
  const target = join(dir, STATE_FILE_NAME);
  const temporary = `${target}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    try {
      // Two writes from the current position: no 30 MB copy to glue header and body together.
      await handle.writeFile(`${JSON.stringify(header)}\n`, 'utf8');
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    // A full disk must not leave a partial file taking its space until the next start.
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  // The rename is durable only once the directory entry is.
  const directory = await open(dir, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

function isNumberRecord(value: unknown): value is Record<SourceName, number> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return SOURCE_NAMES.every((source) => typeof record[source] === 'number' && Number.isFinite(record[source]));
}

function validTotals(value: unknown): value is SourceTotals | null | undefined {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object') return false;
  const totals = value as Record<string, unknown>;
  return ['applications', 'sr41', 'offices'].every((key) => typeof totals[key] === 'number' && Number.isFinite(totals[key]));
}

function validRegions(value: unknown): value is readonly string[] | undefined {
  return value === undefined || (Array.isArray(value) && value.every((region) => typeof region === 'string'));
}

function validHeader(value: unknown): value is StateHeader {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Record<string, unknown>;
  return (
    header.format === FORMAT &&
    typeof header.referenceDay === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(header.referenceDay) &&
    typeof header.timezone === 'string' &&
    typeof header.seriesCount === 'number' &&
    typeof header.refreshedAt === 'number' &&
    typeof header.bytes === 'number' &&
    typeof header.sha256 === 'string' &&
    isNumberRecord(header.lastSuccess) &&
    validTotals(header.totals) &&
    validRegions(header.regions)
  );
}

/**
 * The persisted snapshot, undefined when there is none, or a reason it cannot be used
 * (corrupt, truncated, another format): the caller logs it and starts without.
 */
export async function loadState(dir: string): Promise<LoadedState | undefined | { readonly problem: string }> {
  let data: Buffer;
  try {
    data = await readFile(join(dir, STATE_FILE_NAME));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { problem: `cannot read ${STATE_FILE_NAME}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  const newline = data.indexOf(0x0a);
  if (newline < 0) return { problem: `${STATE_FILE_NAME} has no header line` };
  let header: unknown;
  try {
    header = JSON.parse(data.subarray(0, newline).toString('utf8'));
  } catch {
    return { problem: `${STATE_FILE_NAME} has an unreadable header` };
  }
  if (!validHeader(header)) return { problem: `${STATE_FILE_NAME} has an unknown format or incomplete header` };
  const body = data.subarray(newline + 1);
  if (body.length !== header.bytes || sha256(body) !== header.sha256) {
    return { problem: `${STATE_FILE_NAME} is truncated or corrupt (length or checksum mismatch)` };
  }
  const { format: _format, bytes: _bytes, sha256: _sum, totals, regions, ...rest } = header;
  return { metadata: { ...rest, totals: totals ?? null, regions: regions ?? [] }, body };
}

export function isLoadProblem(result: Awaited<ReturnType<typeof loadState>>): result is { readonly problem: string } {
  return result !== undefined && 'problem' in result;
}
