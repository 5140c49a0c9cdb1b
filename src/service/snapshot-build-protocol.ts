import type { SourceSettings } from '../config/settings';
import type { SourceName } from '../snapshot/source-table';

/** What the service asks of a snapshot build: one reference day, read from these sources. */
export interface BuildRequest {
  readonly settings: SourceSettings;
  readonly referenceDay: string;
}

export interface SourceOutcome {
  readonly ok: boolean;
  readonly seconds: number;
  readonly rows?: number;
  /** One line, no secrets (SourceError messages name sources by redacted URL). */
  readonly error?: string;
  /** The kind of failure: timeout, connection, schema, query; thread (the build thread died); stopped. */
  readonly cause?: string;
}

/** A built snapshot: rendered (without `# EOF`), gzipped and hashed off the serving thread. */
export interface BuiltSnapshot {
  readonly seriesCount: number;
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly sha256: string;
}

/** The answer to a build: how each source read went, and the snapshot when all succeeded. */
export interface BuildReply {
  readonly sources: Readonly<Record<SourceName, SourceOutcome>>;
  readonly snapshot?: BuiltSnapshot;
}
