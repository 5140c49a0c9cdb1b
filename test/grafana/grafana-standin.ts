/**
 * A STAND-IN for Grafana's documented admin HTTP API, not Grafana: Grafana cannot run on the
 * development machines. It answers the calls `dasmo-exporter grafana-orgs` makes as these pages
 * document them (request, status, JSON body):
 * - Admin Organizations API (basic authentication as a Grafana server admin only):
 *   https://grafana.com/docs/grafana/latest/developers/http_api/org/#admin-organizations-api
 *   (GET /api/orgs, POST /api/orgs -> {"orgId", "message": "Organization created"}, 409 "Organization name taken")
 * - Admin API, "Reload provisioning configurations":
 *   https://grafana.com/docs/grafana/latest/developers/http_api/admin/#reload-provisioning-configurations
 * - Other API, health: https://grafana.com/docs/grafana/latest/developers/http_api/other/#health-api
 * Like Grafana's database, it numbers a new organization after the highest id it ever gave.
 * What it cannot show (Grafana's real answers, its provisioning itself) is listed in docs/access.md.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInOrganization {
  readonly id: number;
  readonly name: string;
}

export interface StandInGrafana {
  readonly url: string;
  readonly organizations: StandInOrganization[];
  /** Every request, as `METHOD path`. */
  readonly requests: string[];
  close(): Promise<void>;
}

export const ADMIN = { user: 'admin', password: 'stand-in-admin-password' };

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function isAdmin(req: IncomingMessage): boolean {
  const expected = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;
  return req.headers.authorization === expected;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
}

/** Starts with Grafana's own first organization, "Main Org.", plus `existing`. */
export async function startStandInGrafana(existing: readonly StandInOrganization[] = []): Promise<StandInGrafana> {
  const organizations: StandInOrganization[] = [{ id: 1, name: 'Main Org.' }, ...existing];
  let highestGiven = Math.max(...organizations.map((organization) => organization.id));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(`${req.method ?? ''} ${path}`);
    void (async () => {
      if (req.method === 'GET' && path === '/api/health') return send(res, 200, { commit: 'stand-in', database: 'ok', version: '12.4.3' });
      if (!isAdmin(req)) return send(res, 401, { message: 'Invalid username or password' });
      if (req.method === 'GET' && path.split('?')[0] === '/api/orgs') return send(res, 200, organizations);
      if (req.method === 'POST' && path === '/api/orgs') {
        const name = (await bodyOf(req) as { name?: unknown } | null)?.name;
        if (typeof name !== 'string') return send(res, 400, { message: 'bad request data' });
        if (organizations.some((organization) => organization.name === name)) return send(res, 409, { message: 'Organization name taken' });
        highestGiven += 1;
        organizations.push({ id: highestGiven, name });
        return send(res, 200, { orgId: highestGiven, message: 'Organization created' });
      }
      const reload = /^\/api\/admin\/provisioning\/(datasources|dashboards|alerting)\/reload$/.exec(path);
      if (req.method === 'POST' && reload !== null) return send(res, 200, { message: `${reload[1] ?? ''} config reloaded` });
      return send(res, 404, { message: 'Not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    organizations,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
