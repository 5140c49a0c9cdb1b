import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../common/user-error';
import { type BackfillCliOptions, runBackfill } from './commands/backfill';
import { runCheckConfig } from './commands/check-config';
import { runDemoData } from './commands/demo-data';
import { type GrafanaOrgsCliOptions, runGrafanaOrgs } from './commands/grafana-orgs';
import { runServe } from './commands/serve';
import { runSnapshot } from './commands/snapshot';
import { importHeapLimitMb, relaunchWithHeapLimit } from './bounded-heap';
import { ENVIRONMENT_HELP, EXIT_STATUS_HELP } from './environment-help';
import type { ServeFlags } from '../service/service-settings';

const VERSION: string = (require('../../package.json') as { version: string }).version;

function buildProgram(env: NodeJS.ProcessEnv): Command {
  const program = new Command('dasmo-exporter')
    .description('DASMO: Prometheus exporter of the wage-integration (cassa integrazione) backlog')
    .version(VERSION, '--version')
    .showHelpAfterError(false)
    .addHelpText('after', ENVIRONMENT_HELP + EXIT_STATUS_HELP)
    .exitOverride();

  program
    .command('serve', { isDefault: true })
    .description('run the exporter: refresh on a schedule and serve /metrics to Prometheus (the default command)')
    .option('--web.listen-address <[host]:port>', 'where to listen (env DASMO_LISTEN_ADDRESS, default :9713)')
    .option('--web.config.file <path>', 'exporter-toolkit web config: TLS and basic auth (env DASMO_WEB_CONFIG_FILE)')
    .option('--web.enable-unauthenticated-refresh', 'allow POST /-/refresh without basic_auth_users (env DASMO_ENABLE_UNAUTHENTICATED_REFRESH)')
    .action(async (options: ServeFlags) => {
      await runServe(options, env, VERSION);
    });

  program
    .command('snapshot')
    .description('print the daily snapshot for one reference day as OpenMetrics text, ending with # EOF')
    .option('--reference-date <YYYY-MM-DD>', 'the reference day, at most yesterday (default: yesterday in DASMO_TIMEZONE)')
    .action(async (options: { referenceDate?: string }) => {
      await runSnapshot(options, env, process.stdout);
    });

  program
    .command('check-config')
    .description('validate the settings (serve ones included) and that every source relation and column is present, with the right type; exit 0 or 2')
    .option('--web.listen-address <[host]:port>', 'as for serve')
    .option('--web.config.file <path>', 'as for serve')
    .option('--web.enable-unauthenticated-refresh', 'as for serve')
    .action(async (options: ServeFlags) => {
      await runCheckConfig(env, process.stdout, options);
    });

  program
    .command('demo-data')
    .description('create the source relations and write a synthetic dataset into DASMO_DATABASE_URL')
    .addOption(new Option('--size <size>', 'dataset size').choices(['small', 'medium', 'large']).default('small'))
    .option('--seed <N>', 'random seed; the same seed and --until give the same data', '1')
    .option('--until <YYYY-MM-DD>', 'last day of data (default: yesterday in DASMO_TIMEZONE)')
    .option('--replace', 'drop and recreate the relations when they already hold data', false)
    .addOption(new Option('--if-empty', 'write only when the relations hold no rows yet; otherwise keep them and exit 0').default(false).conflicts('replace'))
    .action(async (options: { size: string; seed: string; until?: string; replace: boolean; ifEmpty: boolean }) => {
      await runDemoData(options, env, process.stdout);
    });

  program
    .command('backfill')
    .description(
      'write the daily snapshots of past days as timestamped OpenMetrics for promtool tsdb create-blocks-from openmetrics, ' +
        'or import them day by day into VictoriaMetrics',
    )
    .usage('--from <YYYY-MM-DD> --to <YYYY-MM-DD> (--out <file> | --import-url <url>) [options]')
    .requiredOption('--from <YYYY-MM-DD>', 'required: the first reference day')
    .requiredOption('--to <YYYY-MM-DD>', 'required: the last reference day, at most yesterday in DASMO_TIMEZONE')
    .option('--out <file>', 'the OpenMetrics output file for promtool, - for stdout')
    .option(
      '--import-url <url>',
      'VictoriaMetrics import endpoint, e.g. http://victoriametrics:8428/api/v1/import/prometheus: one request per day, ' +
        'in bounded memory; basic auth from DASMO_IMPORT_USERNAME and DASMO_IMPORT_PASSWORD[_FILE]',
    )
    .option('--stamp-time <HH:MM>', 'time on the day after each reference day stamped on its samples (default: that of a daily DASMO_REFRESH_SCHEDULE, else 06:30)')
    .option('--job <name>', 'job label added to every series, as the scrape job sets it ("" for none)', 'dasmo')
    .option('--instance <address>', 'instance label added to every series, as Prometheus scrapes the exporter (default: none)')
    .action(async (options: BackfillCliOptions) => {
      await runBackfill(options, env, process.stdout);
    });

  program
    .command('grafana-orgs')
    .description('create the Grafana organizations of the list with their ids (idempotent), install their provisioning, make Grafana load it')
    .usage('--grafana-url <url> --organizations <file> [--provisioning-from <dir> --provisioning-to <dir>] [--wait <seconds>]')
    .requiredOption('--grafana-url <url>', 'required: Grafana, e.g. http://grafana:3000')
    .requiredOption('--organizations <file>', 'required: the list of organizations (deploy/grafana/organizations.json)')
    .option('--provisioning-from <dir>', 'the organizations\' provisioning (deploy/grafana/provisioning), copied once they exist ...')
    .option('--provisioning-to <dir>', '... into this directory, which Grafana reads as its provisioning; then reloaded')
    .option('--wait <seconds>', 'how long to wait for Grafana to answer its health check', '120')
    .action(async (options: GrafanaOrgsCliOptions) => {
      await runGrafanaOrgs(options, env, process.stdout);
    });

  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * A reader that went away (`| head`) is reported by the write that failed (snapshot,
 * backfill); without a listener, Node would throw the stream's 'error' event as a stack trace.
 * One listener, however often `main` runs in one process (the tests call it many times).
 */
function ignoreStdoutErrorEvents(): void {
  if (!process.stdout.listeners('error').includes(ignoreError)) process.stdout.on('error', ignoreError);
}

function ignoreError(): void {
  // reported by the failed write itself
}

/** Runs the CLI; every user-facing failure is one line on stderr and a non-zero exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  ignoreStdoutErrorEvents();
  try {
    const program = buildProgram(env);
    assertKnownCommand(program, argv[0]);
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}

/**
 * The program as the `dasmo-exporter` executable (`bin`) runs it: `main`, or, for
 * `backfill --import-url`, the same command relaunched with a bounded heap (bounded-heap.ts).
 */
export async function launch(bin: string, argv: readonly string[]): Promise<void> {
  try {
    const limitMb = importHeapLimitMb(argv, process.env);
    if (limitMb === undefined) await main(argv);
    else process.exitCode = await relaunchWithHeapLimit(bin, argv, limitMb);
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}

/** Without this, `serve` (the default command) would take a mistyped command for its argument. */
function assertKnownCommand(program: Command, first: string | undefined): void {
  if (first === undefined || first.startsWith('-')) return;
  const names = program.commands.map((command) => command.name());
  if (names.includes(first) || first === 'help') return;
  throw new UserError(`unknown command '${first}'; the commands are ${names.join(', ')} (serve is the default; see --help)`, 2);
}

function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its one-line message (or the help / version).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof UserError) {
    // One line per problem (check-config may find several), each naming the program. Usage and
    // settings exit 2, a failing database (sources, demo-data's target) 1: DatabaseError.
    for (const line of error.message.split('\n')) process.stderr.write(`dasmo-exporter: ${line}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`dasmo-exporter: unexpected error: ${message}\n`);
  return 1;
}
