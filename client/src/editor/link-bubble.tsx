// The small bar under a link when the caret is in it, as in Google Docs: the address (opens in a new tab), Edit (the
// link form) and Remove. It follows the link while the text around it changes and hides while the page scrolls,
// until the caret moves again.
import { $toggleLink } from '@lexical/link';
import type { LexicalEditor } from 'lexical';
import { useEffect, useState } from 'react';
import { placementUnder } from './popover-placement';

export interface LinkBubbleProps {
  readonly editor: LexicalEditor;
  readonly linkKey: string;
  readonly url: string;
  readonly onEdit: () => void;
}

const BUBBLE_WIDTH = 360;

export function LinkBubble({ editor, linkKey, url, onEdit }: LinkBubbleProps) {
  const [isScrolledAway, setIsScrolledAway] = useState(false);
  // Where the link is, measured when the bubble appears and again in the frame after any change of the editor (a
  // collaborator's lines above it, or typing that wraps it, move the link without changing anything else shown here)
  // or of the page's height (the find panel making room above the text, a notice in the top bar).
  const [linkBox, setLinkBox] = useState(() => editor.getElementByKey(linkKey)?.getBoundingClientRect() ?? null);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const box = editor.getElementByKey(linkKey)?.getBoundingClientRect() ?? null;
      setLinkBox((shown) => (isSameBox(shown, box) ? shown : box));
    };
    const onScroll = () => setIsScrolledAway(true);
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });
    // Any change of the editor (the caret moving, typing) shows it again, at the link's new place.
    const stopListening = editor.registerUpdateListener(() => {
      setIsScrolledAway(false);
      if (frame === 0) frame = requestAnimationFrame(measure);
    });
    const pageResized = new ResizeObserver(() => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    });
    pageResized.observe(document.body);
    return () => {
      window.removeEventListener('scroll', onScroll, { capture: true });
      pageResized.disconnect();
      stopListening();
      cancelAnimationFrame(frame);
    };
  }, [editor, linkKey]);
  if (linkBox === null || isScrolledAway) return null;
  // As wide as its content, up to BUBBLE_WIDTH.
  const { width, ...placement } = placementUnder(linkBox, BUBBLE_WIDTH);
  placement.maxWidth = width;

  const remove = () => {
    editor.update(() => $toggleLink(null));
    editor.focus();
  };
  return (
    <div className="popover link-bubble" data-testid="link-bubble" role="dialog" aria-label="Link options" style={placement}>
      <a className="link-bubble-url" href={url} target="_blank" rel="noopener noreferrer" title={url}>
        {url}
      </a>
      {/* Keep the caret in the link while clicking, so Edit and Remove act on it. */}
      <button type="button" className="button button-quiet button-small" data-action="edit-link" onMouseDown={(event) => event.preventDefault()} onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="button button-quiet button-small" data-action="remove-link" onMouseDown={(event) => event.preventDefault()} onClick={remove}>
        Remove
      </button>
    </div>
  );
}

function isSameBox(a: DOMRect | null, b: DOMRect | null): boolean {
  if (a === null || b === null) return a === b;
  return a.top === b.top && a.left === b.left && a.width === b.width && a.height === b.height;
}
