// Bundles the server (server/src/main.ts and what it imports from server/ and shared/) into dist/server/main.mjs,
// which `npm start` runs with plain node: no TypeScript loader at run time, so the server starts faster and uses
// about a third less memory. The admin CLI (dist/server/admin.mjs, for `npm run admin`) shares its chunks: a command
// starts in about a quarter of a second, where loading it through tsx took 1 to 2 s. Packages stay external (loaded from node_modules), except zod: bundled, it brings only
// the validators the server uses, where the package would load all of itself (2.4 MB of heap). Lazily imported
// modules (the PostgreSQL store, the Redis fan-out, the conversions) become chunks of their own, loaded when first
// needed.
// A rebuild never deletes chunks: a server still running from an earlier build loads its chunks (content-hashed
// names) long after it started, and a rebuild under it, by a second instance's `npm start` say, must not break its
// exports. Only code that changed adds files. Run directly or import buildServer().
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverBundle = path.join(root, 'dist/server/main.mjs');
export const adminBundle = path.join(root, 'dist/server/admin.mjs');

/** Packages bundled into the server rather than loaded from node_modules (see the top of this file). */
const BUNDLED_PACKAGES = /^zod(\/|$)/;

/** esbuild's `packages: 'external'`, but for the packages `bundled` matches. */
function externalPackagesExcept(bundled) {
  return {
    name: 'external-packages',
    setup(build) {
      // A bare specifier (a package or a node: builtin), never a relative or absolute path.
      build.onResolve({ filter: /^[^./]/ }, (args) => (bundled.test(args.path) ? undefined : { path: args.path, external: true }));
    },
  };
}

/**
 * `code` with every non-ASCII character as a \u escape. esbuild escapes them in strings already but keeps some
 * comments as written, and one such character makes V8 hold the file's whole source as a two-byte string, twice the
 * memory. Outside strings only comments can hold one, where the escape reads the same.
 */
function asciiOnly(code) {
  return code.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Builds dist/server over the previous build; resolves with the path of the entry file. */
export async function buildServer() {
  const outdir = path.dirname(serverBundle);
  mkdirSync(outdir, { recursive: true });
  const { outputFiles } = await build({
    // The conversion thread is an entry of its own (dist/server/conversion-worker.mjs, see document-converter.ts),
    // sharing chunks with the server.
    entryPoints: {
      main: path.join(root, 'server/src/main.ts'),
      'conversion-worker': path.join(root, 'server/src/documents/conversion-worker.ts'),
      admin: path.join(root, 'server/src/cli/admin.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalPackagesExcept(BUNDLED_PACKAGES)],
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  // Each file replaced in one step, chunks before the entries that import them: a running server that starts its
  // conversion thread (conversion-worker.mjs, a fixed name) or loads a chunk never finds a file half written.
  const isEntry = (file) => /[/\\](main|conversion-worker|admin)\.mjs$/.test(file.path);
  for (const file of [...outputFiles.filter((f) => !isEntry(f)), ...outputFiles.filter(isEntry)]) {
    writeFileSync(`${file.path}.tmp`, file.path.endsWith('.mjs') ? asciiOnly(file.text) : file.contents);
    renameSync(`${file.path}.tmp`, file.path);
  }
  // Started as worker threads by URL next to the bundle (see wal-checkpointer.ts, state-merger.ts); each replaced in one
  // step, so a running server starting its worker never finds the file half written.
  for (const source of ['server/src/storage/sqlite-checkpoint-worker.mjs', 'server/src/rooms/state-merge-worker.mjs']) {
    const worker = path.join(outdir, path.basename(source));
    copyFileSync(path.join(root, source), `${worker}.tmp`);
    renameSync(`${worker}.tmp`, worker);
  }
  return serverBundle;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildServer();
}
