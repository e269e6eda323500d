import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test-support/memory-storage';
import { createStartedHere } from './started-here';

describe('documents started in this browser', () => {
  it('knows a name from when it is added until the server answers for it', () => {
    const storage = memoryStorage();
    createStartedHere(storage).add('brave-otter-7f3k2q');
    const startedHere = createStartedHere(storage);
    expect(startedHere.has('brave-otter-7f3k2q')).toBe(true);
    expect(startedHere.has('notes')).toBe(false);
    startedHere.remove('brave-otter-7f3k2q');
    expect(startedHere.has('brave-otter-7f3k2q')).toBe(false);
  });

  it('keeps the twenty newest names and ignores what it did not write', () => {
    const storage = memoryStorage();
    storage.setItem('tandem:started-here', JSON.stringify(['kept', 7, null]));
    const startedHere = createStartedHere(storage);
    expect(startedHere.has('kept')).toBe(true);
    for (let i = 0; i < 20; i++) startedHere.add(`doc-${i}`);
    expect(startedHere.has('doc-19')).toBe(true);
    expect(startedHere.has('doc-0')).toBe(true);
    expect(startedHere.has('kept')).toBe(false);
  });
});
