// Reports the document's title as it changes: the text of its first non-empty heading, or null when it has none.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot } from 'lexical';
import { useEffect } from 'react';

export function TitlePlugin({ onTitle }: { onTitle: (title: string | null) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerUpdateListener(({ editorState }) => onTitle(editorState.read($firstHeadingText))), [editor, onTitle]);
  return null;
}

function $firstHeadingText(): string | null {
  for (const block of $getRoot().getChildren()) {
    if (!$isHeadingNode(block)) continue;
    const text = block.getTextContent().replace(/\s+/g, ' ').trim();
    if (text !== '') return text;
  }
  return null;
}
