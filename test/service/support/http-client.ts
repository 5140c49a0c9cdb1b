import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { gunzipSync } from 'node:zlib';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The bytes as sent (still gzipped when Content-Encoding is gzip). */
  readonly raw: Buffer;
  /** The body decoded: gunzipped when needed, as UTF-8. */
  readonly text: string;
}

export interface RequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  /** For https: the CA to trust. */
  readonly ca?: string;
  /** For https: a client certificate and its key. */
  readonly cert?: string;
  readonly key?: string;
  readonly user?: string;
  readonly password?: string;
  /** The client's own address, e.g. 127.0.0.2 to be another client than 127.0.0.1. */
  readonly localAddress?: string;
  /** A form body (sent as application/x-www-form-urlencoded). */
  readonly body?: string;
}

/**
 * A plain node:http(s) request, no client-side decompression, so tests see what was sent. The
 * path goes out as written in `url`, `..` segments included (a URL object would remove them).
 */
export function request(url: string, options: RequestOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const path = url.slice(target.origin.length) || '/';
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (options.user !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64')}`;
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: target.port,
        path,
        method: options.method ?? 'GET',
        headers,
        agent: false,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        ...(options.ca === undefined ? {} : { ca: options.ca }),
        ...(options.cert === undefined ? {} : { cert: options.cert, key: options.key }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const decoded = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: decoded.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
