import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './stack-files';

/**
 * The files of the exporter image's final stage (/app), laid out in a temporary directory: what
 * the Dockerfile copies, with node_modules linked to the repository's. Running the CLI from
 * here shows that the image holds every file it reads (dist, bin, schema, package.json).
 */
export interface ImageLayout {
  readonly app: string;
  /** DASMO_CLI for the deploy/ scripts: the image's `node /app/bin/dasmo-exporter.js`. */
  readonly cli: string;
  remove(): void;
}

export function imageLayout(): ImageLayout {
  const root = mkdtempSync(join(tmpdir(), 'dasmo-image-'));
  const app = join(root, 'app');
  mkdirSync(app);
  for (const path of ['dist', 'bin', 'schema', 'package.json']) cpSync(join(REPO_ROOT, path), join(app, path), { recursive: true });
  cpSync(join(REPO_ROOT, 'deploy', 'exporter', 'healthcheck.js'), join(app, 'healthcheck.js'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(app, 'node_modules'));
  return {
    app,
    cli: `${process.execPath} ${join(app, 'bin', 'dasmo-exporter.js')}`,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
