// Runs the DocumentStore contract against PostgreSQL, plus what only a shared database has to get right: several
// instances migrating, appending and compacting at once. Every run works in its own schema, dropped afterwards.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findTestService } from '../test-support/services';
import { PostgresStore } from './postgres-store';
import { describeStorageContract, docName, TextWriter, textOf } from './storage.case';

const postgres = findTestService('TEST_DATABASE_URL');

describe('PostgresStore options', () => {
  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => new PostgresStore({ connectionString: 'postgres://unused', schema: 'x"; DROP TABLE y; --' })).toThrow(
      /invalid schema name/,
    );
  });
});

describe.skipIf(postgres.url === null)(postgres.title('PostgresStore'), () => {
  const schemas: string[] = [];
  /** A schema of its own for this file run (or one test), so parallel runs never see each other's rows. */
  const newSchema = () => {
    const schema = `tandem_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    schemas.push(schema);
    return schema;
  };
  const schema = newSchema();
  const open = (options: { schema?: string; poolSize?: number } = {}) =>
    new PostgresStore({ connectionString: postgres.requireUrl(), schema: options.schema ?? schema, poolSize: options.poolSize });

  afterAll(async () => {
    const client = new pg.Client({ connectionString: postgres.requireUrl() });
    await client.connect();
    try {
      for (const name of schemas) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    } finally {
      await client.end();
    }
  });

  describeStorageContract('PostgresStore', async () => {
    const store = open();
    return { store, cleanup: () => store.close() };
  });

  it('applies each migration once when two instances start together', async () => {
    const fresh = newSchema();
    const stores = [open({ schema: fresh }), open({ schema: fresh })];
    try {
      await Promise.all(stores.map((store) => store.ready()));
      const client = new pg.Client({ connectionString: postgres.requireUrl() });
      await client.connect();
      const { rows } = await client.query(`SELECT version FROM "${fresh}".tandem_migrations ORDER BY version`);
      await client.end();
      expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
      await expect(stores[0]!.ready()).resolves.toBeUndefined();
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses to start on a schema migrated by a newer build', async () => {
    const fresh = newSchema();
    const first = open({ schema: fresh });
    await first.ready();
    await first.close();
    const client = new pg.Client({ connectionString: postgres.requireUrl() });
    await client.connect();
    await client.query(`INSERT INTO "${fresh}".tandem_migrations VALUES (999, 'from the future', 0)`);
    await client.end();

    const second = open({ schema: fresh });
    try {
      await expect(second.ready()).rejects.toThrow(/migration 999, newer than this build/);
    } finally {
      await second.close();
    }
  });

  it('answers ping false once the database is unreachable', async () => {
    const store = new PostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test', schema });
    try {
      expect(await store.ping()).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('loses nothing when two instances append to one document while one of them keeps compacting', async () => {
    const [a, b] = [open({ poolSize: 6 }), open({ poolSize: 6 })];
    await Promise.all([a.ready(), b.ready()]);
    const doc = docName('race');
    const LANES_PER_INSTANCE = 4;
    const ROUNDS = 40;
    const tokens: string[] = [];
    let isAppending = true;
    let compactions = 0;

    // Each lane is one Yjs client appending its edits one after another; the lanes of both instances run at once,
    // so many append transactions for the same document are in flight while the compactor reads and deletes.
    const lane = async (store: PostgresStore, name: string) => {
      const writer = new TextWriter();
      for (let round = 0; round < ROUNDS; round++) {
        const token = `<${name}.${round}>`;
        tokens.push(token);
        await store.appendBatch(writer.write(token).map((update) => ({ doc, update })));
      }
    };
    const compactor = async () => {
      while (isAppending) {
        const loaded = await b.load(doc);
        if (loaded && loaded.updates.length > 1) {
          await b.compact(doc, loaded.lastSeq, Y.mergeUpdates(loaded.updates));
          compactions++;
        }
      }
    };

    try {
      await a.appendBatch(new TextWriter().write('<start>').map((update) => ({ doc, update })));
      tokens.push('<start>');
      const compacting = compactor();
      await Promise.all(
        [a, b].flatMap((store, i) => Array.from({ length: LANES_PER_INSTANCE }, (_, j) => lane(store, `${i}-${j}`))),
      );
      isAppending = false;
      await compacting;

      const loaded = (await a.load(doc))!;
      const text = textOf(loaded.updates);
      expect(tokens.filter((token) => !text.includes(token))).toEqual([]);
      expect(compactions).toBeGreaterThan(0);
      expect((await a.meta(doc))?.bytes).toBe(loaded.bytes);
    } finally {
      isAppending = false;
      await Promise.all([a.close(), b.close()]);
    }
  });
});
