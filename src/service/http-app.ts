import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { SOURCE_NAMES, type SourceName } from '../snapshot/source-table';
import { OPENMETRICS_CONTENT_TYPE } from '../snapshot/openmetrics';
import type { BasicAuthenticator } from './basic-auth';
import { composeExposition } from './exposition';
import type { Logger } from './logger';
import type { SnapshotStore } from './published-snapshot';
import type { RefreshRequestAnswer } from './requested-refreshes';
import type { SelfMetrics } from './self-metrics';
import { renderStatusPage, type SourceStatus } from './status-page';

interface HttpAppDependencies {
  readonly version: string;
  readonly store: SnapshotStore;
  readonly metrics: SelfMetrics;
  /** Set when basic_auth_users is configured: every endpoint then needs credentials. */
  readonly authenticator: BasicAuthenticator | undefined;
  /** POST /-/refresh without basic auth configured; ignored when it is. */
  readonly unauthenticatedRefresh: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /** Runs or joins a refresh, or says how long to wait before one may start. */
  readonly refresh: () => RefreshRequestAnswer;
  readonly nextRefresh: () => Date | null;
  /** The service's clock, for the age of the snapshot on the status page. */
  readonly clock: () => Date;
  readonly logger: Logger;
}

type Handler = (request: Request, response: Response) => Promise<void> | void;

function only(methods: string, handler: Handler): Handler {
  const allowed = methods.split(', ');
  return (request, response) => {
    if (!allowed.includes(request.method)) {
      response.status(405).set('Allow', methods).type('text/plain').send(`Method not allowed; use ${methods}\n`);
      return;
    }
    return handler(request, response);
  };
}

/** The HTTP surface. A scrape reads the published snapshot and renders only the self-metrics. */
export function createHttpApp(deps: HttpAppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((_request, response, next) => {
    response.set(deps.headers);
    next();
  });

  if (deps.authenticator !== undefined) {
    const authenticator = deps.authenticator;
    app.use((request, response, next) => {
      const client = request.socket.remoteAddress ?? 'unknown';
      authenticator.check(request.get('authorization'), client).then(
        (outcome) => {
          if (outcome.ok) return next();
          if (outcome.reason !== 'missing') {
            deps.metrics.recordAuthFailure(outcome.reason);
            deps.logger.warn({ event: 'auth_failed', user: outcome.user, client, reason: outcome.reason, path: request.path }, 'basic auth refused');
          }
          response.status(401).set('WWW-Authenticate', 'Basic realm="dasmo-exporter", charset="UTF-8"').type('text/plain').send('Unauthorized\n');
        },
        (error: unknown) => next(error),
      );
    });
  }

  app.all(
    '/metrics',
    only('GET, HEAD', async (request, response) => {
      const snapshot = deps.store.current;
      const gzip = request.acceptsEncodings('gzip', 'identity') === 'gzip';
      const body = await composeExposition(snapshot, await deps.metrics.render(), gzip);
      response.status(200).set({
        'Content-Type': OPENMETRICS_CONTENT_TYPE,
        'Content-Length': String(body.length),
        Vary: 'Accept-Encoding',
        'Cache-Control': 'no-store',
      });
      if (gzip) response.set('Content-Encoding', 'gzip');
      // Writing the shared snapshot buffer as it is: concatenating would copy megabytes per scrape.
      for (const chunk of body.chunks.slice(0, -1)) response.write(chunk);
      response.end(body.chunks[body.chunks.length - 1]);
      deps.logger.debug({ event: 'scrape', gzip, bytes: body.length, referenceDay: snapshot?.referenceDay ?? null }, 'scraped');
    }),
  );

  app.all('/-/healthy', only('GET, HEAD', (_request, response) => void response.type('text/plain').send('Healthy\n')));

  app.all(
    '/-/ready',
    only('GET, HEAD', (_request, response) => {
      if (deps.store.current === undefined) response.status(503).type('text/plain').send('Not ready: no snapshot loaded yet\n');
      else response.type('text/plain').send('Ready\n');
    }),
  );

  app.all(
    '/-/refresh',
    only('POST', async (_request, response) => {
      if (deps.authenticator === undefined && !deps.unauthenticatedRefresh) {
        response
          .status(403)
          .type('text/plain')
          .send('Refresh is disabled: configure basic_auth_users in --web.config.file, or pass --web.enable-unauthenticated-refresh\n');
        return;
      }
      const answer = deps.refresh();
      if ('retryAfterSeconds' in answer) {
        response
          .status(429)
          .set('Retry-After', String(answer.retryAfterSeconds))
          .type('text/plain')
          .send(`Too many refreshes: the next one may start in ${answer.retryAfterSeconds} s (DASMO_REFRESH_MIN_INTERVAL_SECONDS)\n`);
        return;
      }
      const outcome = await answer.outcome;
      response.status(outcome.ok ? 200 : 503).json(outcome);
    }),
  );

  app.all(
    '/',
    only('GET, HEAD', (_request, response) => {
      const sources = Object.fromEntries(SOURCE_NAMES.map((source) => [source, deps.metrics.sourceStatus(source)])) as Record<SourceName, SourceStatus>;
      response
        .type('html')
        .send(
          renderStatusPage({ version: deps.version, snapshot: deps.store.current, sources, nextRefresh: deps.nextRefresh(), now: deps.clock() }),
        );
    }),
  );

  app.use((_request, response) => {
    response.status(404).type('text/plain').send('Not found\n');
  });

  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    deps.logger.error({ event: 'http_error', path: request.path, error: error instanceof Error ? error.message : String(error) }, 'request failed');
    if (!response.headersSent) response.status(500).type('text/plain').send('Internal error\n');
  });

  return app;
}
