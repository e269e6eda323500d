// One server per DATA_DIR, and how the admin CLI finds that server: by its lock, then the URL it announced.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceServerUrl, DataDirInUseError, findDataDirServer, lockDataDir, withdrawServerUrl } from './data-dir-lock';

describe('DATA_DIR lock', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-lock-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second holder until the first releases it', () => {
    const first = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    first.release();
    lockDataDir(dataDir).release();
  });

  it('finds the holder, with the URL it announced, and nothing once it let go', () => {
    expect(findDataDirServer(dataDir)).toBeNull();
    const lock = lockDataDir(dataDir);
    expect(findDataDirServer(dataDir)).toEqual({ url: null });
    announceServerUrl(dataDir, 'http://127.0.0.1:9999');
    expect(findDataDirServer(dataDir)).toEqual({ url: 'http://127.0.0.1:9999' });
    // Looking does not take the lock from the holder.
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    lock.release();
    // A URL left behind (a killed server never withdraws it) does not make a holder, nor is it the next holder's.
    expect(findDataDirServer(dataDir)).toBeNull();
    const next = lockDataDir(dataDir);
    expect(findDataDirServer(dataDir)).toEqual({ url: null });
    announceServerUrl(dataDir, 'http://127.0.0.1:9998');
    withdrawServerUrl(dataDir);
    expect(findDataDirServer(dataDir)).toEqual({ url: null });
    next.release();
  });
});
