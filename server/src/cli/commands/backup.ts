// `backup <file>`: a consistent copy of the embedded database (DATA_DIR/tandem.db) in one file, safe while a server
// writes to it (copying tandem.db alone is not: in WAL mode the latest commits live in tandem.db-wal until a
// checkpoint). `VACUUM INTO` writes the copy from one read snapshot, so a busy server neither blocks it nor restarts it
// (SQLite's page-by-page online backup starts over whenever the database changes between steps). The copy is written
// beside <file> and renamed into place only when whole. On PostgreSQL, pg_dump is the tool.
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli-error';
import { println, type Command } from '../command';
import { formatBytes } from '../format-table';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup <file>',
  summary: "copy this machine's embedded database (DATA_DIR/tandem.db) into <file>, safely while the server runs",
  positionals: ['file'],
  options: {},
  isLocal: true,
  async run({ args, values, config, io, note }) {
    if (config.databaseUrl) throw new CliError('the documents are in PostgreSQL (DATABASE_URL): back them up with pg_dump', 1);
    const source = path.resolve(config.dataDir, 'tandem.db');
    if (!existsSync(source)) throw new CliError(`no database at ${source}: is DATA_DIR the server's data folder?`, 1);
    const target = path.resolve(args[0]!);
    if (existsSync(target)) throw new CliError(`${target} exists already: name a new file`, 1);
    if (!existsSync(path.dirname(target))) throw new CliError(`no folder ${path.dirname(target)} to put the backup in`, 1);
    if (config.isServerUrlSet) note(`backing up ${source} on this machine (TANDEM_URL plays no part in a backup)`);
    const partial = `${target}.partial-${process.pid}`;
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      db.prepare('VACUUM INTO ?').run(partial);
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { force: true });
      throw new CliError(`cannot back up ${source} to ${target}: ${(error as Error).message}`, 1, { cause: error });
    } finally {
      db.close();
    }
    const bytes = statSync(target).size;
    if (values.json) return println(io, JSON.stringify({ source, file: target, bytes }));
    println(io, `backed up ${source} to ${target} (${formatBytes(bytes)})`);
  },
};
