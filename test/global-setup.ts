/**
 * Runs once before any test file: every system tool the suite runs must be there, and the
 * test server must answer. A missing one fails the whole run with what to install, instead of
 * a test failing later on an unexplained `false`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { endConnection, TEST_SERVER_URL } from './support/test-database';

interface SystemTool {
  /** A command on the PATH, an absolute path, or a shell probe that must exit 0. */
  readonly command: string;
  readonly probe?: string;
  /** The Debian package that ships it. */
  readonly debianPackage: string;
}

const SYSTEM_TOOLS: readonly SystemTool[] = [
  { command: '/usr/sbin/mariadbd', debianPackage: 'mariadb-server' },
  { command: '/usr/bin/mariadb-install-db', debianPackage: 'mariadb-server' },
  { command: 'mariadb', debianPackage: 'mariadb-client' },
  { command: 'prometheus', debianPackage: 'prometheus' },
  { command: 'promtool', debianPackage: 'prometheus' },
  { command: 'victoria-metrics', debianPackage: 'victoria-metrics' },
  { command: 'vmauth', debianPackage: 'victoria-metrics' },
  { command: 'docker-compose', debianPackage: 'docker-compose' },
  { command: '/usr/bin/openssl', debianPackage: 'openssl' },
  { command: 'htpasswd', debianPackage: 'apache2-utils' },
  // gzip answers are decoded by the clients operators use.
  { command: 'curl', debianPackage: 'curl' },
  { command: 'wget', debianPackage: 'wget' },
  { command: '/usr/bin/time', debianPackage: 'time' },
  // Debian's python3 (not a pyenv one on the PATH) validates the OpenMetrics output in the docs.
  { command: 'python3 module prometheus_client', probe: "/usr/bin/python3 -c 'import prometheus_client'", debianPackage: 'python3-prometheus-client' },
];

function isInstalled(tool: SystemTool): boolean {
  if (tool.probe !== undefined) return spawnSync('sh', ['-c', tool.probe], { stdio: 'ignore' }).status === 0;
  if (tool.command.startsWith('/')) return existsSync(tool.command);
  return spawnSync('sh', ['-c', `command -v ${tool.command}`], { stdio: 'ignore' }).status === 0;
}

async function serverProblem(): Promise<string | null> {
  try {
    const connection = await mysql.createConnection({ uri: TEST_SERVER_URL });
    await endConnection(connection);
    return null;
  } catch (error) {
    return (
      `MariaDB does not answer at ${TEST_SERVER_URL} (${(error as Error).message}); start it with ` +
      '`start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd` ' +
      '(or point DASMO_TEST_SERVER_URL at a server where root may create databases)'
    );
  }
}

export default async function checkSystemDependencies(): Promise<void> {
  const missing = SYSTEM_TOOLS.filter((tool) => !isInstalled(tool));
  const problems: string[] = [];
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((tool) => tool.debianPackage))];
    problems.push(
      `missing system tools: ${missing.map((tool) => tool.command).join(', ')}; install them with ` +
        `\`apt-get update && apt-get install -y ${packages.join(' ')}\` (bash .ci/run does it)`,
    );
  }
  const server = missing.some((tool) => tool.debianPackage.startsWith('mariadb')) ? null : await serverProblem();
  if (server !== null) problems.push(server);
  if (problems.length > 0) throw new Error(`npm test cannot run here:\n- ${problems.join('\n- ')}`);
}
