import { readFileSync } from 'node:fs';
import { createSecureContext, type SecureVersion } from 'node:tls';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../common/user-error';

/**
 * The exporter-toolkit web configuration (the `--web.config.file` of node_exporter and the
 * other Prometheus exporters): TLS, basic-auth users with bcrypt hashes, response headers.
 * Relative file paths are read from the config file's directory, as exporter-toolkit does.
 */
export interface WebConfig {
  readonly tls: TlsSettings | undefined;
  /** User name -> bcrypt hash. Empty: no authentication. */
  readonly basicAuthUsers: ReadonlyMap<string, string>;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TlsSettings {
  readonly cert: string;
  /** The private key (PEM). A secret: never logged, never part of a message. */
  readonly key: string;
  readonly minVersion: SecureVersion;
  readonly maxVersion: SecureVersion | undefined;
  /** PEM of the CAs client certificates must chain to; set when client certificates are required. */
  readonly clientCa: string | undefined;
}

export const NO_WEB_CONFIG: WebConfig = Object.freeze({
  tls: undefined,
  basicAuthUsers: new Map<string, string>(),
  headers: Object.freeze({}),
});

/** In order, oldest first. */
const TLS_VERSIONS: Readonly<Record<string, SecureVersion>> = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' };
const TLS_ORDER: readonly SecureVersion[] = Object.values(TLS_VERSIONS);
const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const TOP_KEYS = ['tls_server_config', 'basic_auth_users', 'http_server_config'];
const TLS_KEYS = ['cert_file', 'key_file', 'min_version', 'max_version', 'client_auth_type', 'client_ca_file'];
const HTTP_KEYS = ['headers', 'http2'];
// exporter-toolkit only lets these be set, so that a config cannot break the protocol.
const SETTABLE_HEADERS = ['Strict-Transport-Security', 'X-Content-Type-Options', 'X-Frame-Options', 'X-XSS-Protection', 'Content-Security-Policy'];

type YamlMap = Record<string, unknown>;

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(file: string, message: string): never {
  throw new UserError(`web config ${file}: ${message}`);
}

function checkKeys(file: string, where: string, map: YamlMap, known: readonly string[]): void {
  for (const key of Object.keys(map)) {
    if (!known.includes(key)) fail(file, `unsupported key ${where}${key} (dasmo-exporter understands ${known.join(', ')})`);
  }
}

function optionalString(file: string, map: YamlMap, key: string, where: string): string | undefined {
  const value = map[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') fail(file, `${where}${key} must be a string`);
  return value;
}

function readReferencedFile(file: string, setting: string, path: string): string {
  try {
    return readFileSync(resolve(dirname(file), path), 'utf8');
  } catch (error) {
    return fail(file, `cannot read ${setting} (${path}): ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function tlsVersion(file: string, map: YamlMap, key: string): SecureVersion | undefined {
  const name = optionalString(file, map, key, 'tls_server_config.');
  if (name === undefined) return undefined;
  const version = TLS_VERSIONS[name];
  if (version === undefined) fail(file, `tls_server_config.${key} must be one of ${Object.keys(TLS_VERSIONS).join(', ')}, got ${JSON.stringify(name)}`);
  return version;
}

function parseTls(file: string, raw: unknown): TlsSettings | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isMap(raw)) fail(file, 'tls_server_config must be a mapping');
  checkKeys(file, 'tls_server_config.', raw, TLS_KEYS);
  const certFile = optionalString(file, raw, 'cert_file', 'tls_server_config.');
  const keyFile = optionalString(file, raw, 'key_file', 'tls_server_config.');
  if (certFile === undefined && keyFile === undefined && Object.keys(raw).length === 0) return undefined;
  if (certFile === undefined || keyFile === undefined) fail(file, 'tls_server_config needs both cert_file and key_file');
  const cert = readReferencedFile(file, 'tls_server_config.cert_file', certFile);
  const key = readReferencedFile(file, 'tls_server_config.key_file', keyFile);
  const clientAuth = optionalString(file, raw, 'client_auth_type', 'tls_server_config.') ?? 'NoClientCert';
  const clientCaFile = optionalString(file, raw, 'client_ca_file', 'tls_server_config.');
  if (clientAuth !== 'NoClientCert' && clientAuth !== 'RequireAndVerifyClientCert') {
    fail(file, `tls_server_config.client_auth_type ${JSON.stringify(clientAuth)} is not supported (use NoClientCert or RequireAndVerifyClientCert)`);
  }
  if (clientAuth === 'RequireAndVerifyClientCert' && clientCaFile === undefined) {
    fail(file, 'tls_server_config.client_auth_type RequireAndVerifyClientCert needs client_ca_file');
  }
  const clientCa =
    clientAuth === 'RequireAndVerifyClientCert' && clientCaFile !== undefined
      ? readReferencedFile(file, 'tls_server_config.client_ca_file', clientCaFile)
      : undefined;
  const minVersion = tlsVersion(file, raw, 'min_version') ?? 'TLSv1.2';
  const maxVersion = tlsVersion(file, raw, 'max_version');
  if (maxVersion !== undefined && TLS_ORDER.indexOf(minVersion) > TLS_ORDER.indexOf(maxVersion)) {
    // Node would accept it, and then every handshake would fail.
    const name = (version: SecureVersion): string => Object.keys(TLS_VERSIONS).find((key) => TLS_VERSIONS[key] === version) ?? version;
    const minSource = raw.min_version === undefined ? ' (the default)' : '';
    fail(file, `tls_server_config.min_version ${name(minVersion)}${minSource} is above max_version ${name(maxVersion)}: no TLS version would be left`);
  }
  try {
    // Fails early on a bad PEM or a key that does not match the certificate.
    createSecureContext({ cert, key, ...(clientCa === undefined ? {} : { ca: clientCa }) });
  } catch (error) {
    const reason = (error as { code?: string }).code ?? 'invalid';
    fail(file, `tls_server_config: cert_file and key_file are not a usable certificate and key (${reason})`);
  }
  return Object.freeze({ cert, key, minVersion, maxVersion, clientCa });
}

function parseUsers(file: string, raw: unknown): ReadonlyMap<string, string> {
  const users = new Map<string, string>();
  if (raw === undefined || raw === null) return users;
  if (!isMap(raw)) fail(file, 'basic_auth_users must map user names to bcrypt hashes');
  for (const [user, hash] of Object.entries(raw)) {
    if (user === '' || user.includes(':')) fail(file, `basic_auth_users: invalid user name ${JSON.stringify(user)}`);
    if (typeof hash !== 'string' || !BCRYPT_HASH.test(hash)) {
      fail(file, `basic_auth_users.${user} is not a bcrypt hash ($2a$, $2b$ or $2y$ followed by cost and 53 characters)`);
    }
    users.set(user, hash);
  }
  return users;
}

function parseHeaders(file: string, raw: unknown): Readonly<Record<string, string>> {
  if (raw === undefined || raw === null) return Object.freeze({});
  if (!isMap(raw)) fail(file, 'http_server_config must be a mapping');
  checkKeys(file, 'http_server_config.', raw, HTTP_KEYS);
  if (raw.http2 !== undefined && typeof raw.http2 !== 'boolean') fail(file, 'http_server_config.http2 must be true or false');
  const headers: Record<string, string> = {};
  if (raw.headers === undefined || raw.headers === null) return Object.freeze(headers);
  if (!isMap(raw.headers)) fail(file, 'http_server_config.headers must be a mapping');
  for (const [name, value] of Object.entries(raw.headers)) {
    const canonical = SETTABLE_HEADERS.find((allowed) => allowed.toLowerCase() === name.toLowerCase());
    if (canonical === undefined) fail(file, `http_server_config.headers: ${name} cannot be set (allowed: ${SETTABLE_HEADERS.join(', ')})`);
    if (typeof value !== 'string' || /[\r\n]/.test(value)) fail(file, `http_server_config.headers.${name} must be a one-line string`);
    headers[canonical] = value;
  }
  return Object.freeze(headers);
}

/** Reads and validates the web config file; every problem is a one-line UserError naming the file. */
export function loadWebConfig(file: string): WebConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(file, `cannot read it: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    // The YAML parser's message quotes lines of the file, which may hold hashes: keep only its code.
    return fail(file, `not valid YAML (${(error as { code?: string }).code ?? 'syntax error'})`);
  }
  if (document === null || document === undefined) return NO_WEB_CONFIG;
  if (!isMap(document)) fail(file, 'must be a YAML mapping');
  checkKeys(file, '', document, TOP_KEYS);
  return Object.freeze({
    tls: parseTls(file, document.tls_server_config),
    basicAuthUsers: parseUsers(file, document.basic_auth_users),
    headers: parseHeaders(file, document.http_server_config),
  });
}
