// Documents this browser started with "New document" that the server has not answered for yet. Their names are fresh
// and random, so the server holds nothing under them: the page may write the seed (the empty first paragraph every
// new document gets, byte-identical to the server's) itself and let typing begin at once, even with no network. Any
// other document must wait for the server or this browser's copy: its first paragraph may long be gone, and words
// typed into a seed of its own would vanish into it.
import { readJson, writeJson } from '../json-storage';

export interface StartedHere {
  has(name: string): boolean;
  add(name: string): void;
  /** The server has answered for `name`: it is an ordinary document from now on. */
  remove(name: string): void;
}

const storageKey = 'tandem:started-here';
/** New documents opened but never synced are few; the oldest go first if someone clicks New many times offline. */
const maxEntries = 20;

export function createStartedHere(storage: Storage): StartedHere {
  const list = (): string[] => {
    const value = readJson(storage, storageKey);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  };
  return {
    has: (name) => list().includes(name),
    add(name) {
      writeJson(storage, storageKey, [name, ...list().filter((other) => other !== name)].slice(0, maxEntries));
    },
    remove(name) {
      const names = list();
      if (names.includes(name)) writeJson(storage, storageKey, names.filter((other) => other !== name));
    },
  };
}
