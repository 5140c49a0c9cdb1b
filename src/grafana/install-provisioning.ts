/**
 * Copies the organizations' provisioning files into the directory Grafana reads them from.
 * Grafana refuses to start when a provisioning file names an organization that does not exist
 * (pkg/services/provisioning: datasources and dashboards check every orgId), so these files
 * reach Grafana only once the one-shot has created the organizations. Each file is written
 * beside its target and renamed over it, so Grafana never reads half a file.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError } from '../common/user-error';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Installs every file of `from` under `to`; returns the relative paths that changed. */
export function installProvisioning(from: string, to: string): string[] {
  if (!statSync(from, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`provisioning source ${from} is not a directory`, 2);
  const changed: string[] = [];
  try {
    for (const source of filesUnder(from).sort()) {
      const path = relative(from, source);
      const target = join(to, path);
      const content = readFileSync(source);
      if (readIfPresent(target)?.equals(content) === true) continue;
      mkdirSync(join(target, '..'), { recursive: true });
      const temporary = `${target}.dasmo-new`;
      writeFileSync(temporary, content);
      renameSync(temporary, target);
      changed.push(path);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const { code, path } = error as NodeJS.ErrnoException;
    throw new UserError(`cannot install the provisioning into ${to}: ${code ?? String(error)}${path === undefined ? '' : ` (${path})`}`, 1);
  }
  return changed;
}
