// The others' carets move with the text when the page re-wraps. @lexical/yjs places each caret at pixel coordinates
// measured when someone's position or the document last changed, so after a window resize, a phone's rotation or a
// late web font the carets stayed where the letters used to be (through the middle of a heading, 114 px off) until
// their owner typed again. Whenever the editor's box changes size they are measured again.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';

export function CaretsFollowLayoutPlugin({ redraw }: { redraw: () => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const observer = new ResizeObserver(() => redraw());
    const stopWatchingRoot = editor.registerRootListener((root, previousRoot) => {
      if (previousRoot) observer.unobserve(previousRoot);
      if (root) observer.observe(root);
    });
    return () => {
      stopWatchingRoot();
      observer.disconnect();
    };
  }, [editor, redraw]);
  return null;
}
