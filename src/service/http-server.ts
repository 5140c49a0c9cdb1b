import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { UserError } from '../common/user-error';
import type { ListenAddress } from './listen-address';
import type { TlsSettings } from './web-config';

export interface RunningServer {
  /** e.g. `https://127.0.0.1:9713`, for logs and the demo. */
  readonly url: string;
  /** Stops accepting, lets in-flight responses finish, then drops what is left after `graceMs`. */
  close(graceMs: number): Promise<void>;
}

function createServer(app: Express, tls: TlsSettings | undefined): Server {
  if (tls === undefined) return createHttpServer(app);
  return createHttpsServer(
    {
      cert: tls.cert,
      key: tls.key,
      minVersion: tls.minVersion,
      ...(tls.maxVersion === undefined ? {} : { maxVersion: tls.maxVersion }),
      ...(tls.clientCa === undefined ? {} : { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true }),
    },
    app,
  );
}

export async function listen(app: Express, address: ListenAddress, tls: TlsSettings | undefined): Promise<RunningServer> {
  const server = createServer(app, tls);
  // Prometheus keeps scrape connections open; a little longer than its default 10s timeout.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new UserError(`cannot listen on ${address.text}: ${error.code ?? error.message}`));
    };
    server.once('error', onError);
    server.listen({ port: address.port, host: address.host }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.host === undefined ? 'localhost' : address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://${host}:${port}`,
    close(graceMs: number) {
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
