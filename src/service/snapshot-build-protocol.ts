import type { SourceSettings } from '../config/settings';
import type { SourceName } from '../snapshot/source-table';
import type { SourceTotals } from '../snapshot/source-totals';
import type { FailureClass } from '../sources/source-error';

/** What the service asks of a snapshot build: one reference day, read from these sources. */
export interface BuildRequest {
  readonly settings: SourceSettings;
  readonly referenceDay: string;
}

/**
 * Why a source failed: the database's failure class, the build thread died, the exporter is
 * stopping, or its data was read but refused by the publishing guard (it looked collapsed).
 */
type SourceFailureCause = FailureClass | 'thread' | 'stopped' | 'refused';

export interface SourceOutcome {
  readonly ok: boolean;
  readonly seconds: number;
  readonly rows?: number;
  /** One line, no secrets (SourceError messages name sources by redacted URL). */
  readonly error?: string;
  readonly cause?: SourceFailureCause;
}

/** A built snapshot: rendered (without `# EOF`), compressed and hashed off the serving thread. */
export interface BuiltSnapshot {
  readonly seriesCount: number;
  readonly body: Buffer;
  /** Raw deflate ending with a sync flush (see gzip-member.ts), with the body's CRC-32. */
  readonly deflated: Buffer;
  readonly crc32: number;
  readonly sha256: string;
  /** What the publishing guard compares with the last published snapshot. */
  readonly totals: SourceTotals;
  /** The region codes of its offices (dasmo_sedi). */
  readonly regions: readonly string[];
}

/** The answer to a build: how each source read went, and the snapshot when all succeeded. */
export interface BuildReply {
  readonly sources: Readonly<Record<SourceName, SourceOutcome>>;
  readonly snapshot?: BuiltSnapshot;
}
