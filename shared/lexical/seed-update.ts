// The first update of every new document, as bytes: one empty paragraph in @lexical/yjs's layout, exactly what
// createSeedUpdate (seed.ts) writes with a headless editor. Kept as bytes so the server seeds documents without
// loading Lexical, and so the seed never changes with a Lexical upgrade (seed.test.ts checks that both agree).

/**
 * The Yjs client id that writes the seed. Reserved: nothing else may write with it, or its items would collide with
 * the seed's (same id and clock, different content). Browsers pick random 32-bit ids; the server's other writers use
 * fresh random ids too.
 */
export const SEED_CLIENT_ID = 1;

const SEED_HEX =
  '01080100070104726f6f740628000100065f5f7479706501770970617261677261706828000100085f5f666f726d6174017d00' +
  '28000100075f5f7374796c6501770028000100085f5f696e64656e74017d0028000100055f5f646972017e280001000c5f5f74' +
  '657874466f726d6174017d00280001000b5f5f746578745374796c6501770000';

/**
 * The seed as a full Yjs update (a fresh copy on every call). Byte-identical in every process, so two instances
 * seeding one document at the same moment insert the same items and Yjs keeps one paragraph, not two. Apply it only
 * to a document with no content: it is idempotent, not a reset.
 */
export function seedUpdate(): Uint8Array {
  const bytes = new Uint8Array(SEED_HEX.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(SEED_HEX.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
