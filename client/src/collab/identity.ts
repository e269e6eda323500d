// Who this browser is in a document: a display name and the colour of its caret and avatar. The name comes from
// `?name=` (remembered), else the remembered name, else the token's name claim, else a generated one (remembered,
// so a reload keeps it). The colour follows from the name, so everyone sees the same colour for the same person
// (unless someone already in the document has it: see room-colors.ts).
// A random id, kept by this browser, tells one person's tabs (same browser, same name) from other people's.
import { readJson, writeJson } from '../json-storage';
import { generateFriendlyName } from './friendly-name';

export interface Identity {
  readonly name: string;
  readonly color: string;
  /** The same in every tab of this browser; with the name it says which tabs are one person. */
  readonly browserId: string;
}

export interface IdentitySources {
  readonly nameParam: string | undefined;
  readonly tokenName: string | undefined;
  readonly storage: Storage;
}

const nameKey = 'tandem:display-name';
const browserIdKey = 'tandem:browser-id';
export const maxDisplayNameLength = 40;

export function resolveIdentity({ nameParam, tokenName, storage }: IdentitySources): Identity {
  const fromParam = cleanDisplayName(nameParam);
  if (fromParam !== null) return rememberDisplayName(storage, fromParam);
  const stored = readJson(storage, nameKey);
  const fromStorage = typeof stored === 'string' ? cleanDisplayName(stored) : null;
  if (fromStorage !== null) return identityFor(storage, fromStorage);
  const fromToken = cleanDisplayName(tokenName);
  if (fromToken !== null) return identityFor(storage, fromToken);
  return rememberDisplayName(storage, generateFriendlyName());
}

/** Stores `name` for later visits and returns the identity it gives. */
export function rememberDisplayName(storage: Storage, name: string): Identity {
  writeJson(storage, nameKey, name);
  return identityFor(storage, name);
}

/** Trims and shortens a proposed name; null when nothing is left. */
export function cleanDisplayName(raw: string | undefined): string | null {
  const cleaned = raw?.replace(/\s+/g, ' ').trim().slice(0, maxDisplayNameLength).trim();
  return cleaned === undefined || cleaned === '' ? null : cleaned;
}

function identityFor(storage: Storage, name: string): Identity {
  return { name, color: colorForName(name), browserId: browserIdOf(storage) };
}

function browserIdOf(storage: Storage): string {
  const stored = readJson(storage, browserIdKey);
  if (typeof stored === 'string' && stored !== '') return stored;
  // Not crypto.randomUUID(): pages served over plain http from another machine are not a secure context.
  const created = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  writeJson(storage, browserIdKey, created);
  return created;
}

// Twelve hues around the colour wheel, dark enough for white initials (contrast 4.9 or more on every one), and no
// two are shades of one hue (the earlier palette had five such pairs, so two people often looked the same).
export const palette = [
  '#c92a2a', '#c2410c', '#a35200', '#4d7c0f', '#237a36', '#087f5b',
  '#0b7285', '#1971c2', '#3b5bdb', '#6741d9', '#9c36b5', '#c2255c',
] as const;

export function colorForName(name: string): string {
  // FNV-1a: cheap and well spread, so similar names still get different colours.
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return palette[(hash >>> 0) % palette.length] ?? palette[0];
}
