// Reports the document's title as it changes: the text of its first non-empty heading, or null when it has none.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { $firstHeadingText } from '../../../shared/lexical/first-heading';

export function TitlePlugin({ onTitle }: { onTitle: (title: string | null) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerUpdateListener(({ editorState }) => onTitle(editorState.read($firstHeadingText))), [editor, onTitle]);
  return null;
}
