// Reports the document's title as it changes (see document-title.ts), or null while the document has no text.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import { $documentTitle } from '../../../shared/lexical/document-title';

export function TitlePlugin({ onTitle }: { onTitle: (title: string | null) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerUpdateListener(({ editorState }) => onTitle(editorState.read($documentTitle))), [editor, onTitle]);
  return null;
}
