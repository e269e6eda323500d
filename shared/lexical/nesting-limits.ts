// How deeply an imported document may nest, and the refusal that names what nests too deep. Lexical builds, binds
// and exports a tree by recursion, and nesting a list one level deeper costs every line below it: 1,500 levels of
// Markdown list took an import 9 s, and 5,000 ran the conversion thread for 94 s into "Maximum call stack size
// exceeded". Each import format is measured against these limits before anything converts it
// (markdown-list-levels.ts, json-nesting.ts, yjs-nesting.ts), in one pass that keeps a stack of its own.
import { ConversionError } from './conversion-error';

/**
 * List levels an import may hold. The editor's Tab nests 6 (indent-plugin.tsx), but outlines written elsewhere go
 * deeper and have always imported; 32 is past any outline people read, and imports in milliseconds.
 */
export const MAX_LIST_LEVELS = 32;

/**
 * Elements an import may nest below the root: two per list level (the list and its item), with room for a link and
 * a quote or heading inside the deepest item, which only a JSON import can nest.
 */
export const MAX_ELEMENT_DEPTH = 2 * MAX_LIST_LEVELS + 4;

/** JSON values (objects and arrays) a JSON import may nest: two per element (it sits in a `children` array) and a few for its own fields. */
export const MAX_JSON_VALUE_DEPTH = 2 * MAX_ELEMENT_DEPTH + 8;

/** How deep an input nests one kind of thing, and where it does so (a line, a JSON path, a block). */
export interface Nesting {
  levels: number;
  at: string;
}

/** What a format's measure found; a format leaves out what it cannot nest. */
export interface ImportNesting {
  lists: Nesting;
  elements?: Nesting;
  values?: Nesting;
}

/**
 * Throws `ConversionError` naming the first limit `nesting` is past, `what` naming the input (`the Markdown`).
 * Lists first: they are what people nest, and a list too deep is also too many elements.
 */
export function assertNestingWithinLimits(what: string, nesting: ImportNesting): void {
  const { lists, elements, values } = nesting;
  if (lists.levels > MAX_LIST_LEVELS) {
    throw new ConversionError(
      `${what} nests lists ${lists.levels} levels deep (${lists.at}); Tandem imports lists up to ${MAX_LIST_LEVELS} levels deep`,
    );
  }
  if (elements !== undefined && elements.levels > MAX_ELEMENT_DEPTH) {
    throw new ConversionError(
      `${what} nests elements ${elements.levels} levels deep (${elements.at}); Tandem imports up to ${MAX_ELEMENT_DEPTH}`,
    );
  }
  if (values !== undefined && values.levels > MAX_JSON_VALUE_DEPTH) {
    throw new ConversionError(
      `${what} nests values ${values.levels} levels deep (${values.at}); Tandem reads up to ${MAX_JSON_VALUE_DEPTH}`,
    );
  }
}
