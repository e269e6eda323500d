// How deeply a Lexical JSON editor state nests, found by one walk with a stack of its own: Lexical's parse, the
// unknown-type check and @lexical/yjs all recurse, and overflow the thread's stack on deep enough input.
import type { Nesting } from './nesting-limits';

export interface JsonNesting {
  /** The most `list` nodes on one path down from the root node. */
  lists: Nesting;
  /** The most nodes (objects with a `type`) on one path down from the root node, the root not counted. */
  elements: Nesting;
  /** The most nested JSON value (objects and arrays alike, a node's own fields included). */
  values: Nesting;
}

interface Entry {
  value: object;
  key: string | number;
  parent: Entry | null;
  values: number;
  elements: number;
  lists: number;
}

/** The deepest list, node and value under `root` (the editor state's root node), each with its path. */
export function jsonNesting(root: object): JsonNesting {
  const top: Entry = { value: root, key: 'root', parent: null, values: 0, elements: 0, lists: 0 };
  let deepestList = top;
  let deepestElement = top;
  let deepestValue = top;
  const stack = [top];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    if (entry.lists > deepestList.lists) deepestList = entry;
    if (entry.elements > deepestElement.elements) deepestElement = entry;
    if (entry.values > deepestValue.values) deepestValue = entry;
    const isArray = Array.isArray(entry.value);
    for (const [key, child] of Object.entries(entry.value)) {
      if (typeof child !== 'object' || child === null) continue;
      const type = isArray ? (child as { type?: unknown }).type : undefined;
      stack.push({
        value: child,
        key: isArray ? Number(key) : key,
        parent: entry,
        values: entry.values + 1,
        elements: entry.elements + (typeof type === 'string' ? 1 : 0),
        lists: entry.lists + (type === 'list' ? 1 : 0),
      });
    }
  }
  return {
    lists: { levels: deepestList.lists, at: pathOf(deepestList) },
    elements: { levels: deepestElement.elements, at: pathOf(deepestElement) },
    values: { levels: deepestValue.values, at: pathOf(deepestValue) },
  };
}

/** Keys of a path an error names: enough to find the block; the path of a deep entry is as long as it is deep. */
const PATH_KEYS_SHOWN = 9;

/** `root.children[0].children[2]`, cut short with `…` past PATH_KEYS_SHOWN keys; built only for what an error names. */
function pathOf(entry: Entry): string {
  const keys: Array<string | number> = [];
  for (let at: Entry | null = entry; at !== null; at = at.parent) keys.push(at.key);
  keys.reverse();
  let path = '';
  for (const key of keys.slice(0, PATH_KEYS_SHOWN)) path += typeof key === 'number' ? `[${key}]` : path === '' ? key : `.${key}`;
  return keys.length > PATH_KEYS_SHOWN ? `${path}…` : path;
}
