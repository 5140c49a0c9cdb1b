import type { Connection } from 'mysql2/promise';

/**
 * Runs statements on a few connections at once, so the server inserts one chunk while the
 * generator builds the next. `run` waits while every connection is busy: at most one
 * statement per connection is in flight, which keeps memory bounded. The first failure is
 * reported by the next `run` or by `drain`.
 */
export class ParallelWriter {
  private readonly idle: Connection[];
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(connections: readonly Connection[]) {
    if (connections.length === 0) throw new Error('ParallelWriter needs at least one connection');
    this.idle = [...connections];
  }

  async run(sql: string): Promise<void> {
    while (this.idle.length === 0 && this.failure === null) await Promise.race(this.running);
    this.throwIfFailed();
    const connection = this.idle.pop() as Connection;
    const task: Promise<void> = connection
      .query(sql)
      .then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= error;
        },
      )
      .finally(() => {
        this.idle.push(connection);
        this.running.delete(task);
      });
    this.running.add(task);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}

/** Collects row literals for one table and turns them into multi-row INSERTs. */
export class InsertBuffer {
  private rows: string[] = [];

  constructor(
    private readonly writer: ParallelWriter,
    private readonly table: string,
    private readonly columns: string,
    private readonly chunkRows: number,
  ) {}

  /** Adds a row; true when the buffer is full and should be flushed. */
  push(row: string): boolean {
    this.rows.push(row);
    return this.rows.length >= this.chunkRows;
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const sql = `INSERT INTO \`${this.table}\` ${this.columns} VALUES ${this.rows.join(',')}`;
    this.rows = [];
    await this.writer.run(sql);
  }
}
