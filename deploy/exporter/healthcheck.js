#!/usr/bin/env node
'use strict';
/**
 * HEALTHCHECK of the dasmo-exporter image: GET /-/ready on the exporter's own port, read from
 * DASMO_LISTEN_ADDRESS (default :9713), over loopback unless a host is given. Exit 0 on 200,
 * 1 otherwise (503 before the first snapshot, refused connection, timeout).
 * - TLS in the web config (DASMO_WEB_CONFIG_FILE): https, without verifying the certificate
 *   (the probe talks to its own process, whose certificate names the public host).
 * - basic_auth_users in the web config: the probe has no password, so a 401 counts as healthy
 *   (the process answers, but readiness is not checked).
 * Give the listen address through DASMO_LISTEN_ADDRESS, not the flag: the probe cannot see flags.
 */
const { readFileSync } = require('node:fs');

function webConfig(env) {
  const file = (env.DASMO_WEB_CONFIG_FILE || '').trim();
  if (file === '') return {};
  try {
    return require('yaml').parse(readFileSync(file, 'utf8')) || {};
  } catch {
    return {};
  }
}

function probeTarget(env) {
  const listen = (env.DASMO_LISTEN_ADDRESS || ':9713').trim();
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(listen);
  const port = match === null ? 9713 : Number(match[3]);
  let host = match === null ? '' : match[1] || match[2] || '';
  if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
  if (host === '::') host = '::1';
  const config = webConfig(env);
  const tls = Boolean(config.tls_server_config);
  const basicAuth = Boolean(config.basic_auth_users) && Object.keys(config.basic_auth_users).length > 0;
  return { host, port, tls, basicAuth };
}

function probe(env, timeoutMs) {
  const target = probeTarget(env);
  const client = require(target.tls ? 'node:https' : 'node:http');
  return new Promise((resolve) => {
    const request = client.get(
      { host: target.host, port: target.port, path: '/-/ready', timeout: timeoutMs, rejectUnauthorized: false },
      (response) => {
        response.resume();
        const status = response.statusCode;
        resolve({ healthy: status === 200 || (status === 401 && target.basicAuth), detail: `HTTP ${status}` });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ healthy: false, detail: error.message }));
  });
}

module.exports = { probeTarget, probe };

if (require.main === module) {
  probe(process.env, 4000).then(({ healthy, detail }) => {
    process.stdout.write(`dasmo-exporter /-/ready: ${detail}\n`);
    process.exitCode = healthy ? 0 : 1;
  });
}
