import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test-support/memory-storage';
import { createRecentDocs } from './recent-docs';

describe('recent documents', () => {
  it('keeps a title when a document is opened again, and drops it once the document has no heading', () => {
    let clock = 1_000;
    const recent = createRecentDocs(memoryStorage(), () => clock++);
    recent.remember('notes', 'Meeting notes');
    recent.remember('notes');
    expect(recent.list()).toEqual([{ name: 'notes', title: 'Meeting notes', openedAt: 1_001 }]);
    recent.remember('notes', null);
    expect(recent.list()).toEqual([{ name: 'notes', openedAt: 1_002 }]);
  });

  it('lists the most recently opened first', () => {
    let clock = 1_000;
    const recent = createRecentDocs(memoryStorage(), () => clock++);
    recent.remember('a');
    recent.remember('b', 'Bee');
    recent.remember('a');
    expect(recent.list().map((doc) => doc.name)).toEqual(['a', 'b']);
  });
});
