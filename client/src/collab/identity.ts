// Who this browser is in a document: a display name and the colour of its caret and avatar. The name comes from
// `?name=` (remembered), else the remembered name, else the token's name claim, else a generated one (remembered,
// so a reload keeps it). The colour follows from the name, so everyone sees the same colour for the same person.
import { readJson, writeJson } from '../json-storage';
import { generateFriendlyName } from './friendly-name';

export interface Identity {
  readonly name: string;
  readonly color: string;
}

export interface IdentitySources {
  readonly nameParam: string | undefined;
  readonly tokenName: string | undefined;
  readonly storage: Storage;
}

const nameKey = 'tandem:display-name';
export const maxDisplayNameLength = 40;

export function resolveIdentity({ nameParam, tokenName, storage }: IdentitySources): Identity {
  const fromParam = cleanDisplayName(nameParam);
  if (fromParam !== null) return rememberDisplayName(storage, fromParam);
  const stored = readJson(storage, nameKey);
  const fromStorage = typeof stored === 'string' ? cleanDisplayName(stored) : null;
  if (fromStorage !== null) return identityFor(fromStorage);
  const fromToken = cleanDisplayName(tokenName);
  if (fromToken !== null) return identityFor(fromToken);
  return rememberDisplayName(storage, generateFriendlyName());
}

/** Stores `name` for later visits and returns the identity it gives. */
export function rememberDisplayName(storage: Storage, name: string): Identity {
  writeJson(storage, nameKey, name);
  return identityFor(name);
}

/** Trims and shortens a proposed name; null when nothing is left. */
export function cleanDisplayName(raw: string | undefined): string | null {
  const cleaned = raw?.replace(/\s+/g, ' ').trim().slice(0, maxDisplayNameLength).trim();
  return cleaned === undefined || cleaned === '' ? null : cleaned;
}

function identityFor(name: string): Identity {
  return { name, color: colorForName(name) };
}

// Saturated, mid-dark colours: white initials stay readable on all of them, and they differ enough side by side.
const palette = [
  '#d9480f', '#c2255c', '#9c36b5', '#6741d9', '#3b5bdb', '#1971c2', '#0c8599', '#099268',
  '#2f9e44', '#5c940d', '#e8590c', '#a61e4d', '#862e9c', '#364fc7', '#087f5b', '#b35c00',
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
