// Following links as a word processor does. While editing, a click on a link puts the caret in it (the link bar
// under it then offers to open, edit or remove it), and Ctrl+click (⌘-click) or a middle click opens it in a new
// tab. Read-only, a plain click opens it. Lexical's ClickableLinkPlugin opened every clicked link in a new tab, so
// link text could not be clicked into. Links in the document are already safe (SafeLinksPlugin).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { isApple } from './platform';

export function LinkClickPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const isMiddle = event.type === 'auxclick' && event.button === 1;
      if (event.type === 'auxclick' && !isMiddle) return;
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[href]') : null;
      if (link === null) return;
      // The browser never follows a link inside editable content by itself; this decides.
      event.preventDefault();
      const wantsOpen = isMiddle || (isApple ? event.metaKey : event.ctrlKey) || !editor.isEditable();
      // A drag that selects part of the link's text is a selection, not a visit.
      if (!wantsOpen || !window.getSelection()?.isCollapsed) return;
      window.open(link.href, '_blank', 'noopener');
    };
    return editor.registerRootListener((root, previousRoot) => {
      previousRoot?.removeEventListener('click', onClick);
      previousRoot?.removeEventListener('auxclick', onClick);
      root?.addEventListener('click', onClick);
      root?.addEventListener('auxclick', onClick);
    });
  }, [editor]);
  return null;
}
