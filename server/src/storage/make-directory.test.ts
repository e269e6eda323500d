import { existsSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDirectory } from './make-directory';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tandem-mkdir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('makeDirectory', () => {
  it('makes missing parents, and accepts a directory that exists', () => {
    const nested = path.join(root, 'a', 'b', 'c');
    makeDirectory(nested);
    expect(statSync(nested).isDirectory()).toBe(true);
    expect(() => makeDirectory(nested)).not.toThrow();
  });

  it('refuses a path whose parent is a file (ENOTDIR)', () => {
    writeFileSync(path.join(root, 'file'), 'x');
    expect(() => makeDirectory(path.join(root, 'file', 'data'))).toThrow(/ENOTDIR/);
  });

  it('refuses a file where the directory should be (EEXIST)', () => {
    writeFileSync(path.join(root, 'file'), 'x');
    expect(() => makeDirectory(path.join(root, 'file'))).toThrow(/EEXIST/);
  });

  // Node's own recursive mkdir never returns here (see make-directory.ts).
  it.runIf(existsSync('/proc/self'))('answers under /proc, where mkdir says ENOENT although the parent exists', () => {
    expect(() => makeDirectory('/proc/tandem-data')).toThrow(/ENOENT/);
  });
});
