import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort } from '../../support/processes';
import { endConnection } from '../../support/test-database';
import { HANG_CEILING_MS } from '../../support/hang-ceiling';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';
const INSTALL_HINT = 'install it with: apt-get install -y mariadb-server';
const execFileAsync = promisify(execFile);

/**
 * A private MariaDB server on its own loopback port and data directory, which a test stops
 * and starts again to simulate an outage. Root has no password.
 */
export class ThrowawayMariaDb {
  private process: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async create(): Promise<ThrowawayMariaDb> {
    for (const binary of [MARIADBD, INSTALL_DB]) {
      if (!existsSync(binary)) throw new Error(`${binary} is missing; ${INSTALL_HINT}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'dasmo-mariadb-'));
    await execFileAsync(INSTALL_DB, [
      '--no-defaults',
      `--datadir=${join(dir, 'data')}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--innodb-log-file-size=4M',
    ]);
    return new ThrowawayMariaDb(await freePort(), dir);
  }

  /** The URL of `database` on this server. */
  url(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        '--innodb-log-file-size=4M',
        '--innodb-buffer-pool-size=16M',
        '--skip-log-bin',
        '--user=root',
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    const deadline = Date.now() + HANG_CEILING_MS;
    for (;;) {
      try {
        const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await endConnection(connection);
        return;
      } catch {
        if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode} on port ${this.port}`);
        if (Date.now() > deadline) throw new Error(`mariadbd did not accept connections on port ${this.port}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** SIGKILL: an abrupt outage (no goodbye to connected clients). */
  async kill(): Promise<void> {
    await this.halt('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.halt('SIGTERM');
  }

  /** An admin connection (multiple statements on) to `database`, created if missing. */
  async admin(database: string): Promise<mysql.Connection> {
    const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root', multipleStatements: true });
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4`);
    await connection.query(`USE \`${database}\``);
    return connection;
  }

  async destroy(): Promise<void> {
    await this.halt('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async halt(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}
