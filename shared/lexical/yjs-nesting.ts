// How deeply a Yjs document in @lexical/yjs's layout nests its elements (an XmlText per element, inside its
// parent's), found by one walk with a stack of its own: reading and binding the layout recurse, and overflow the
// thread's stack on deep enough input.
import * as Y from 'yjs';
import type { Nesting } from './nesting-limits';

export interface YjsNesting {
  /** The most `list` elements on one path down from the root. */
  lists: Nesting;
  /** The most elements on one path down from the root, the root not counted. */
  elements: Nesting;
}

interface Entry {
  xmlText: Y.XmlText;
  at: string;
  elements: number;
  lists: number;
}

/** The deepest list and element under `root`, each named by the top-level block it is in (counted from 1). */
export function yjsNesting(root: Y.XmlText): YjsNesting {
  const top: Entry = { xmlText: root, at: 'the root', elements: 0, lists: 0 };
  let deepestList = top;
  let deepestElement = top;
  const stack = [top];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    if (entry.lists > deepestList.lists) deepestList = entry;
    if (entry.elements > deepestElement.elements) deepestElement = entry;
    let index = 0;
    for (const { insert } of entry.xmlText.toDelta() as Array<{ insert: unknown }>) {
      if (!(insert instanceof Y.XmlText)) continue;
      const isList = insert.getAttribute('__type') === 'list';
      // Only the top-level block is named: the path down from it is as long as the nesting is deep.
      const at = entry === top ? `top-level block ${index + 1}` : entry.at;
      stack.push({ xmlText: insert, at, elements: entry.elements + 1, lists: entry.lists + (isList ? 1 : 0) });
      index += 1;
    }
  }
  return {
    lists: { levels: deepestList.lists, at: deepestList.at },
    elements: { levels: deepestElement.elements, at: deepestElement.at },
  };
}
