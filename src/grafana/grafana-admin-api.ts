/**
 * The few calls of Grafana's HTTP API the organizations one-shot makes, as the Grafana server
 * admin with basic authentication (the admin organizations API accepts nothing else):
 * health, list and create organizations, reload provisioning.
 */
import { UserError } from '../common/user-error';

/** Failures of Grafana (unreachable, refusing, answering oddly) exit with 1, like a failing database. */
const GRAFANA_FAILURE = 1;
const REQUEST_TIMEOUT_MS = 10_000;

export interface GrafanaCredentials {
  readonly user: string;
  readonly password: string;
}

export interface GrafanaOrganization {
  readonly id: number;
  readonly name: string;
}

export type ProvisioningKind = 'datasources' | 'dashboards' | 'alerting';

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export class GrafanaAdminApi {
  private readonly authorization: string;

  constructor(
    private readonly baseUrl: string,
    credentials: GrafanaCredentials,
  ) {
    this.authorization = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  }

  /** True when Grafana answers its health check with its database ok. */
  async isHealthy(): Promise<boolean> {
    const answer = await this.send('GET', '/api/health', undefined, false);
    return answer.status === 200 && (answer.body as { database?: unknown } | null)?.database === 'ok';
  }

  async organizations(): Promise<GrafanaOrganization[]> {
    const answer = await this.expectOk('GET', '/api/orgs?perpage=1000', undefined, 'list the organizations');
    if (!Array.isArray(answer) || !answer.every(isOrganization)) throw this.odd('list of organizations');
    return answer.map(({ id, name }) => ({ id, name }));
  }

  /** Creates an organization and returns the id Grafana gave it. */
  async createOrganization(name: string): Promise<number> {
    const answer = await this.expectOk('POST', '/api/orgs', { name }, `create the organization "${name}"`);
    // The documentation shows the id as a string, the server sends a number: accept both.
    const id = Number((answer as { orgId?: unknown } | null)?.orgId);
    if (!Number.isInteger(id)) throw this.odd(`answer to creating "${name}"`);
    return id;
  }

  async reloadProvisioning(kind: ProvisioningKind): Promise<void> {
    await this.expectOk('POST', `/api/admin/provisioning/${kind}/reload`, undefined, `reload the ${kind} provisioning`);
  }

  private async expectOk(method: string, path: string, body: unknown, what: string): Promise<unknown> {
    const answer = await this.send(method, path, body, true);
    if (answer.status === 200) return answer.body;
    if (answer.status === 401) {
      throw new UserError(`Grafana at ${this.baseUrl} refused the admin credentials (401): check GF_SECURITY_ADMIN_USER and GF_SECURITY_ADMIN_PASSWORD`, GRAFANA_FAILURE);
    }
    if (answer.status === 403) {
      throw new UserError(`Grafana at ${this.baseUrl} did not let the admin user ${what} (403): it must be a Grafana server admin`, GRAFANA_FAILURE);
    }
    const message = (answer.body as { message?: unknown } | null)?.message;
    throw new UserError(`Grafana at ${this.baseUrl} could not ${what}: ${answer.status}${typeof message === 'string' ? ` ${message}` : ''}`, GRAFANA_FAILURE);
  }

  private async send(method: string, path: string, body: unknown, authenticated: boolean): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (authenticated) headers.authorization = this.authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new UserError(`cannot reach Grafana at ${this.baseUrl}: ${describeFetchError(error)}`, GRAFANA_FAILURE);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed };
  }

  private odd(what: string): UserError {
    return new UserError(`Grafana at ${this.baseUrl} sent an unexpected ${what}`, GRAFANA_FAILURE);
  }
}

function isOrganization(value: unknown): value is GrafanaOrganization {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name } = value as Record<string, unknown>;
  return typeof id === 'number' && typeof name === 'string';
}

/** fetch hides the cause (ECONNREFUSED, ENOTFOUND, a timeout) one level down. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  return error instanceof Error ? error.message : String(error);
}
