// The word count in the page's corner, as in a word processor: the whole document's words, and while text is
// selected, how many of them the selection holds. Counted a moment after edits (at most a few times a second), so
// typing in a long document never waits for it.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, $getSelection, $isRangeSelection, type EditorState } from 'lexical';
import { useEffect, useState } from 'react';
import { countWords, describeWordCount } from './word-count';

const RECOUNT_DELAY_MS = 250;

interface WordCount {
  readonly total: number;
  /** Words in the selection, or null when nothing is selected. */
  readonly selected: number | null;
}

export function WordCountPlugin() {
  const [editor] = useLexicalComposerContext();
  const [count, setCount] = useState<WordCount>(() => countIn(editor.getEditorState()));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recount = () => {
      timer = null;
      setCount(countIn(editor.getEditorState()));
    };
    const unregister = editor.registerUpdateListener(() => {
      timer ??= setTimeout(recount, RECOUNT_DELAY_MS);
    });
    return () => {
      unregister();
      if (timer !== null) clearTimeout(timer);
    };
  }, [editor]);

  return (
    <div className="word-count" data-testid="word-count">
      {describeWordCount(count.total, count.selected)}
    </div>
  );
}

function countIn(state: EditorState): WordCount {
  return state.read(() => {
    const selection = $getSelection();
    const selected = $isRangeSelection(selection) && !selection.isCollapsed() ? countWords(selection.getTextContent()) : null;
    return { total: countWords($getRoot().getTextContent()), selected };
  });
}
