// The shape of one admin CLI command: its options (node:util parseArgs), positional arguments and handler.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { AdminClient } from './admin-client';
import type { CliConfig } from './cli-config';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export interface CommandInput {
  /** Positional arguments after the command name, checked against `positionals`. */
  args: string[];
  values: Record<string, string | boolean | undefined>;
  config: CliConfig;
  client: AdminClient;
  io: CliIo;
  /** Writes a line for the person running the command on stderr (not part of the output). */
  note: (line: string) => void;
}

export interface Command {
  name: string;
  /** e.g. "export <doc> --format <f> [-o file]" */
  usage: string;
  summary: string;
  positionals: readonly string[];
  options: ParseArgsOptionsConfig;
  /** Makes documents (import): run on the database directly, it may create a database where there is none yet. */
  createsDocuments?: boolean;
  /** Needs neither a server nor the admin API (token, backup): it never looks for a server or opens the database. */
  isLocal?: boolean;
  run(input: CommandInput): Promise<void>;
}

/** Writes `text` followed by a newline. */
export function println(io: CliIo, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
