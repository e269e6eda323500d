// A link whose address the link form would refuse (javascript:, data:, …) is unwrapped into plain text when it
// enters the document, typically by a paste from a web page. Lexical itself turned such an address into
// about:blank, which left a link that went nowhere.
import { LinkNode } from '@lexical/link';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $unwrapNode } from '@lexical/utils';
import { useEffect } from 'react';
import { isSafeLinkUrl } from './link-url';

export function SafeLinksPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerNodeTransform(LinkNode, (link) => {
        if (!isSafeLinkUrl(link.getURL())) $unwrapNode(link);
      }),
    [editor],
  );
  return null;
}
