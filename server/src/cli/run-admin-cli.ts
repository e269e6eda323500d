// Runs one admin CLI invocation: finds the command, parses its options (node:util parseArgs, strict), runs it, and
// reports any failure as one line on stderr. Returns the exit code; the caller owns the process.
import { parseArgs } from 'node:util';
import { connectAdmin } from './admin-connection';
import { loadCliConfig } from './cli-config';
import { CliError, usageError } from './cli-error';
import type { CliIo, Command } from './command';
import { deleteCommand } from './commands/delete';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { backupCommand } from './commands/backup';
import { listCommand } from './commands/list';
import { restoreCommand } from './commands/restore';
import { snapshotCommand } from './commands/snapshot';
import { snapshotsCommand } from './commands/snapshots';
import { tokenCommand } from './commands/token';

const PROGRAM = 'tandem-admin';

export const commands: readonly Command[] = [
  listCommand,
  exportCommand,
  importCommand,
  snapshotCommand,
  snapshotsCommand,
  restoreCommand,
  deleteCommand,
  backupCommand,
  tokenCommand,
];

export interface RunDeps {
  env: Record<string, string | undefined>;
  io: CliIo;
  stderr: NodeJS.WritableStream;
}

export async function runAdminCli(argv: readonly string[], { env, io, stderr }: RunDeps): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? stderr : io.stdout).write(usage());
    return name === undefined ? 2 : 0;
  }
  try {
    const command = commands.find((c) => c.name === name);
    if (!command) throw usageError(`unknown command ${JSON.stringify(name)}; commands: ${commands.map((c) => c.name).join(', ')}`);
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      io.stdout.write(`usage: npm run admin -- ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    if (positionals.length !== command.positionals.length) throw usageError(`usage: npm run admin -- ${command.usage}`);
    const config = loadCliConfig(env);
    // A local command never opens a server or the database, even with --direct.
    const mode = command.isLocal ? 'server' : values.direct ? 'direct' : env.TANDEM_URL ? 'server' : 'auto';
    const note = (line: string) => stderr.write(`${PROGRAM}: ${line}\n`);
    const connection = await connectAdmin(mode, config, env, note, {
      mayCreateDatabase: command.createsDocuments === true,
    });
    try {
      await command.run({ args: positionals, values, config, client: connection.client, io, note });
    } finally {
      await connection.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      stderr.write(`${PROGRAM}: ${error.message}\n`);
      return error.exitCode;
    }
    stderr.write(`${PROGRAM}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parseCommandArgs(command: Command, args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...command.options, json: { type: 'boolean' }, direct: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (cause) {
    throw new CliError(`${describeArgsError(command, cause as Error & { code?: string })}\nusage: npm run admin -- ${command.usage}`, 2, { cause });
  }
}

/** parseArgs' own words, except for an unknown option, where they explain `--` rather than the options there are. */
function describeArgsError(command: Command, error: Error & { code?: string }): string {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message;
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? 'option';
  const known = [...Object.keys(command.options), 'json', 'direct', 'help'].map((name) => `--${name}`).join(', ');
  return `unknown option ${option} (this command takes ${known})`;
}

function usage(): string {
  const lines = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    'usage: npm run admin -- <command> [options]',
    '',
    ...lines,
    '',
    'Every command takes --json for machine-readable output.',
    `Server: TANDEM_URL (default http://127.0.0.1:8787). Admin token: ADMIN_TOKEN, else DATA_DIR/admin-token.`,
    'With TANDEM_URL unset, the CLI uses the server that holds DATA_DIR (on any port), else the default URL.',
    'Without a server: --direct opens the database itself (DATA_DIR, or DATABASE_URL); with TANDEM_URL unset, a',
    'command does so on its own when no server holds DATA_DIR and nothing answers at the default URL. Live editors',
    'see such changes after the document next loads on their server.',
    'Tokens: AUTH_SECRET, the server\'s secret.',
    '',
  ].join('\n');
}
