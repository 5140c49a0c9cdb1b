/**
 * The list of Grafana organizations to create (deploy/grafana/organizations.json, generated
 * from monitoring/config.ts): `{ "organizations": [{ "id": 2, "name": "DASMO - Nazionale" }, ...] }`.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../common/user-error';

export interface WantedOrganization {
  readonly id: number;
  readonly name: string;
}

function isWanted(value: unknown): value is WantedOrganization {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name } = value as Record<string, unknown>;
  return typeof id === 'number' && Number.isInteger(id) && id > 1 && typeof name === 'string' && name.trim() !== '';
}

/** The organizations of the file, in increasing id order; one line naming the problem otherwise. */
export function readOrganizationList(path: string): WantedOrganization[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the organization list ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 2);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`the organization list ${path} is not JSON`, 2);
  }
  const list = (parsed as { organizations?: unknown } | null)?.organizations;
  if (!Array.isArray(list) || list.length === 0 || !list.every(isWanted)) {
    throw new UserError(`the organization list ${path} must hold {"organizations": [{"id": <whole number from 2>, "name": "<name>"}, ...]}`, 2);
  }
  const wanted = [...list].sort((a, b) => a.id - b.id);
  wanted.forEach((organization, index) => {
    const previous = wanted[index - 1];
    if (previous !== undefined && previous.id === organization.id) {
      throw new UserError(`the organization list ${path} gives id ${organization.id} twice`, 2);
    }
    if (wanted.some((other) => other !== organization && other.name === organization.name)) {
      throw new UserError(`the organization list ${path} names "${organization.name}" twice`, 2);
    }
  });
  return wanted;
}
