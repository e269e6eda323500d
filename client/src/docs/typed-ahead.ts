// Letters typed right after "New document", before the new document's editor takes the caret. The home page goes,
// the editor page loads, and the editor becomes editable once this browser's copy is open: a fast typist's first
// word fell into that gap (5 to 8 letters at a key every 30 ms). The home page keeps what is typed after the click
// and leaves it in sessionStorage as it goes; the editor page keeps keys from its first inline script (index.html,
// before the app's code has loaded) and then here, and the editor types it all in when it first takes the caret
// (EditablePlugin).
import { holdKeys, withKey, type HeldKeys } from '../hold-keys';
import { readJson, writeJson } from '../json-storage';

const storageKey = 'tandem:typed-ahead';
/** A document still not editable after this long has a reason on screen; keys go back to the page then. */
const MAX_HOLD_MS = 10_000;

/** On the home page, from the click on New: keeps keys until the page goes, and leaves them for `docName`'s page. */
export function carryTypedAhead(docName: string, session: Storage): void {
  const held = holdKeys(null);
  window.addEventListener(
    'pagehide',
    () => {
      const text = held.release();
      if (text !== '') writeJson(session, storageKey, { docName, text });
    },
    { once: true },
  );
}

/** On the editor page of a document started here: what the home page carried, and the keys pressed from now on. */
export function holdTypedAhead(docName: string, session: Storage): HeldKeys {
  const carried = readJson(session, storageKey);
  session.removeItem(storageKey);
  const fromHome = isCarried(carried) && carried.docName === docName ? carried.text : '';
  const held = holdKeys(null, takeEarlyKeys().reduce(withKey, fromHome));
  const giveUp = setTimeout(() => held.release(), MAX_HOLD_MS);
  return {
    release() {
      clearTimeout(giveUp);
      return held.release();
    },
  };
}

function isCarried(value: unknown): value is { docName: string; text: string } {
  return typeof value === 'object' && value !== null && typeof (value as { docName?: unknown }).docName === 'string' && typeof (value as { text?: unknown }).text === 'string';
}

declare global {
  interface Window {
    /** Set by index.html's early hold on the page of a document started here: stops it and gives its keys. */
    tandemEarlyKeys?: () => string[];
  }
}

function takeEarlyKeys(): string[] {
  const take = window.tandemEarlyKeys;
  delete window.tandemEarlyKeys;
  return take?.() ?? [];
}
