// The class @lexical/yjs gives every element's collab node, which it does not export, reached through a binding's
// root. Tandem's changes to how the binding writes and reads blocks are installed on it, each once per class.
import type { Binding } from '@lexical/yjs';

/** Runs `install` on `binding`'s element class unless `installed` already holds that class. */
export function installOnElementClass<ElementClass extends object>(
  binding: Binding | object,
  installed: WeakSet<object>,
  install: (elementClass: ElementClass) => void,
): void {
  // Only the (default) first binding keeps a collab tree; the experimental second one maps nodes another way.
  if (!('collabNodeMap' in binding)) return;
  const elementClass = Object.getPrototypeOf(binding.root) as ElementClass;
  if (installed.has(elementClass)) return;
  installed.add(elementClass);
  install(elementClass);
}
