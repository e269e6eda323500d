import { describe, expect, it } from 'vitest';
import { createRecentDocs } from './recent-docs';

/** A Storage holding its items in a Map (localStorage's interface, nothing else). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => Array.from(items.keys())[index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

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
