// The word count, as in a word processor: the whole document's words, and while text is selected, how many of them
// the selection holds. In the page's corner where the margin beside the text can hold it, else in the top bar, and
// on a phone under the document's last line.
// Counted a moment after edits (at most four times a second, and less often where counting takes long: a twentieth
// of the time at most), so typing in a long document never waits for it.
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

/** Where the count shows: the page's bottom left corner, among the top bar's status pills, or under the text. */
export type WordCountPlace = 'corner' | 'top-bar' | 'end';

const classNames: Record<WordCountPlace, string> = {
  corner: 'word-count',
  'top-bar': 'word-count word-count-in-bar',
  end: 'word-count word-count-at-end',
};

export function WordCountPlugin({ place }: { place: WordCountPlace }) {
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
    // A landmark of its own: in the margin it sits outside the page's banner and main content.
    <aside className={classNames[place]} data-testid="word-count" data-place={place} aria-label="Word count">
      {describeWordCount(count.total, count.selected)}
    </aside>
  );
}

function countIn(state: EditorState): WordCount {
  return state.read(() => {
    const selection = $getSelection();
    const selected = $isRangeSelection(selection) && !selection.isCollapsed() ? countWords(selection.getTextContent()) : null;
    return { total: countWords($getRoot().getTextContent()), selected };
  });
}
