import { UserError } from '../common/user-error';

/** Where the HTTP server listens; `host` undefined means every interface. */
export interface ListenAddress {
  readonly host: string | undefined;
  readonly port: number;
  /** As given, for logs and messages. */
  readonly text: string;
}

/** Parses `[host]:port` the way Prometheus exporters do: `:9713`, `127.0.0.1:9713`, `[::1]:9713`. */
export function parseListenAddress(raw: string, settingName: string): ListenAddress {
  const text = raw.trim();
  const match = /^(?:\[([0-9a-fA-F:.%a-zA-Z]+)\]|([^:[\]\s]*)):(\d{1,5})$/.exec(text);
  if (match === null) {
    throw new UserError(`${settingName} must be [host]:port (e.g. :9713 or 127.0.0.1:9713), got ${JSON.stringify(raw)}`);
  }
  const port = Number(match[3]);
  if (port > 65_535) throw new UserError(`${settingName} has a port above 65535: ${JSON.stringify(raw)}`);
  const host = match[1] ?? (match[2] === '' ? undefined : match[2]);
  return Object.freeze({ host, port, text });
}
