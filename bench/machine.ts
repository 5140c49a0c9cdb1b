import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

export interface MachineFacts {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly mariadb: string;
}

export function machineFacts(): MachineFacts {
  let mariadb = 'unknown';
  try {
    mariadb = execFileSync('mariadb', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // reported as unknown
  }
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    mariadb,
  };
}
