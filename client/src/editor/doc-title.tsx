// The document's title in the header. Where the document may be edited it is a button that takes the caret to the
// line the title comes from (see title-line.ts), since that line is how a document is renamed: people click the
// title to rename it, as in Google Docs, and before, the click did nothing and took the caret out of the text.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useState } from 'react';
import { $selectTitleLine } from './title-line';

export function DocTitle({ title, docName }: { title: string | null; docName: string }) {
  const [editor] = useLexicalComposerContext();
  const [isEditable, setIsEditable] = useState(() => editor.isEditable());
  useEffect(() => editor.registerEditableListener(setIsEditable), [editor]);
  const shown = title ?? docName;
  if (!isEditable) {
    return (
      <span className="doc-title" data-testid="doc-title" title={shown}>
        {shown}
      </span>
    );
  }
  const goToTitleLine = () => {
    editor.update(() => $selectTitleLine());
    editor.focus();
  };
  return (
    <button
      type="button"
      className="doc-title doc-title-button"
      data-testid="doc-title"
      title={title === null ? 'Untitled: the first line you write is its title' : `${title} (click to edit the title where it is written)`}
      // The caret goes to the title's line, not back to where it was: the button keeps no focus of its own.
      onMouseDown={(event) => event.preventDefault()}
      onClick={goToTitleLine}
    >
      {shown}
    </button>
  );
}
