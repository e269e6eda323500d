// The word count in the page's corner, as in a word processor: the whole document's words, and while text is
// selected, how many of them the selection holds. Counted a moment after edits (at most four times a second, and
// less often where counting takes long: a twentieth of the time at most), so typing in a long document never waits for it.
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
    let delayMs = RECOUNT_DELAY_MS;
    const recount = () => {
      timer = null;
      const startedAt = performance.now();
      const next = countIn(editor.getEditorState());
      setCount((shown) => (shown.total === next.total && shown.selected === next.selected ? shown : next));
      delayMs = Math.max(RECOUNT_DELAY_MS, (performance.now() - startedAt) * 20);
    };
    const unregister = editor.registerUpdateListener(() => {
      timer ??= setTimeout(recount, delayMs);
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
