// The documents this browser opened, newest first, kept in localStorage for the document list. Only names, titles
// and times: the content itself lives on the server and in IndexedDB.
import { readJson, writeJson } from '../json-storage';

export interface RecentDoc {
  readonly name: string;
  /** The document's title (first Heading 1, else first line) when it was last open, if it had text. */
  readonly title?: string;
  /** ms since epoch. */
  readonly openedAt: number;
}

export interface RecentDocs {
  list(): RecentDoc[];
  /** Moves `name` to the top with the current time; a `title` replaces the stored one, null removes it. */
  remember(name: string, title?: string | null): void;
  forget(name: string): void;
}

const storageKey = 'tandem:recent-docs';
const maxEntries = 50;

export function createRecentDocs(storage: Storage, now: () => number = Date.now): RecentDocs {
  const list = (): RecentDoc[] => parseEntries(readJson(storage, storageKey)).sort((a, b) => b.openedAt - a.openedAt);
  const save = (entries: RecentDoc[]) => writeJson(storage, storageKey, entries.slice(0, maxEntries));
  return {
    list,
    remember(name, title) {
      const previous = list().find((entry) => entry.name === name);
      const keptTitle = title === undefined ? previous?.title : title;
      const entry: RecentDoc = keptTitle == null ? { name, openedAt: now() } : { name, title: keptTitle, openedAt: now() };
      save([entry, ...list().filter((other) => other.name !== name)]);
    },
    forget(name) {
      save(list().filter((entry) => entry.name !== name));
    },
  };
}

function parseEntries(value: unknown): RecentDoc[] {
  if (!Array.isArray(value)) return [];
  const entries: RecentDoc[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { name, title, openedAt } = item as Record<string, unknown>;
    if (typeof name !== 'string' || typeof openedAt !== 'number') continue;
    entries.push(typeof title === 'string' && title !== '' ? { name, title, openedAt } : { name, openedAt });
  }
  return entries;
}
