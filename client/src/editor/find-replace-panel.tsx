// Find and replace (Ctrl+H, ⇧⌘H on Apple devices), as in Google Docs: a small panel under the toolbar that marks
// every match in the text (CSS custom highlights, so the document itself is untouched), steps through them with
// Enter and Shift+Enter, and replaces the current one or all of them; Escape closes it and selects the current
// match in the text. Matches follow everyone's typing. Viewers can find but not replace.
import { $setSelection, SKIP_SCROLL_INTO_VIEW_TAG, type LexicalEditor } from 'lexical';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { collabUndoManagerOf } from './collab-undo-manager';
import { $findMatches, $replaceAll, $replaceMatch, $selectionOfMatch, containsQuery, type TextMatch } from './find-matches';

const MATCH_HIGHLIGHT = 'find-match';
/** Replacing leaves the page where it is. */
const REPLACE_TAGS = [SKIP_SCROLL_INTO_VIEW_TAG];
const CURRENT_HIGHLIGHT = 'find-current';

export interface FindReplacePanelProps {
  readonly editor: LexicalEditor;
  /** The selected text when the panel opened, as the first query. */
  readonly initialQuery: string;
  readonly canReplace: boolean;
  readonly onClose: () => void;
}

export function FindReplacePanel({ editor, initialQuery, canReplace, onClose }: FindReplacePanelProps) {
  const [query, setQuery] = useState(initialQuery);
  const [replacement, setReplacement] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [current, setCurrent] = useState(0);
  /** How many the last Replace all replaced, said until the search changes: "No results" read as if it had failed. */
  const [replacedAll, setReplacedAll] = useState<number | null>(null);
  const findInputRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const ids = { find: useId(), replace: useId(), status: useId() };

  // Matches follow the query and every change to the document, anyone's. They are worked out as the panel draws, so
  // an Enter pressed right after a letter of the query steps through the new query's matches, never the old ones.
  const documentVersion = useDocumentVersion(editor);
  const matches = useMemo(
    () => editor.getEditorState().read(() => $findMatches(query, { matchCase })),
    [editor, query, matchCase, documentVersion],
  );

  // Past the last match (it was replaced, or deleted): on from the first, as a search that wraps around.
  const currentIndex = matches.length === 0 ? -1 : current < matches.length ? current : 0;
  const currentMatch = currentIndex < 0 ? undefined : matches[currentIndex];

  useMatchHighlights(editor, matches, currentMatch, panelRef);

  useEffect(() => {
    findInputRef.current?.focus();
    findInputRef.current?.select();
  }, []);

  const step = (by: 1 | -1) => {
    if (matches.length === 0) return;
    setCurrent((currentIndex + by + matches.length) % matches.length);
  };

  const close = useCallback(() => {
    // The current match becomes the selection, so the typing goes on there.
    if (currentMatch !== undefined) {
      editor.update(() => {
        const selection = $selectionOfMatch(currentMatch);
        if (selection !== null) $setSelection(selection);
      });
    }
    onClose();
    editor.focus();
  }, [editor, currentMatch, onClose]);

  const replaceCurrent = () => {
    if (currentMatch === undefined || !canReplace) return;
    replaceAsOneStep(editor, () => $replaceMatch(currentMatch, replacement));
    // The next match takes the replaced one's place in the list, unless the replacement is itself a match.
    if (containsQuery(replacement, query, { matchCase })) setCurrent(currentIndex + 1);
  };

  const replaceEvery = () => {
    if (matches.length === 0 || !canReplace) return;
    replaceAsOneStep(editor, () => $replaceAll(matches, replacement));
    setReplacedAll(matches.length);
    // The button is disabled now that nothing matches: the keyboard goes back to the query, not to the page.
    findInputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') {
      event.preventDefault();
      if (event.target.id === ids.replace && !event.shiftKey) replaceCurrent();
      else step(event.shiftKey ? -1 : 1);
    }
  };

  const status =
    query === '' ? '' : matches.length > 0 ? `${currentIndex + 1} of ${matches.length}` : replacedAll !== null ? `Replaced ${replacedAll}` : 'No results';

  return (
    // The keyboard goes Find, Replace with, its buttons, Match case, then ↑ ↓ ×: the panel lays them out in a grid
    // (styles.css), so the order of the page is the order a person tabs through.
    <div
      ref={panelRef}
      className={canReplace ? 'find-panel popover' : 'find-panel popover find-only'}
      role="dialog"
      aria-label="Find and replace"
      data-testid="find-panel"
      onKeyDown={onKeyDown}
    >
      <label className="visually-hidden" htmlFor={ids.find}>
        Find
      </label>
      <input
        ref={findInputRef}
        id={ids.find}
        className="text-input find-input"
        data-testid="find-input"
        placeholder="Find in document"
        value={query}
        aria-describedby={ids.status}
        onChange={(event) => {
          setQuery(event.target.value);
          setCurrent(0);
          setReplacedAll(null);
        }}
      />
      <span id={ids.status} className="find-status" data-testid="find-status" role="status">
        {status}
      </span>
      {canReplace && (
        <>
          <label className="visually-hidden" htmlFor={ids.replace}>
            Replace with
          </label>
          <input
            id={ids.replace}
            className="text-input replace-input"
            data-testid="replace-input"
            placeholder="Replace with"
            value={replacement}
            onChange={(event) => setReplacement(event.target.value)}
          />
          <div className="find-actions">
            <button type="button" className="button" data-action="replace" disabled={currentMatch === undefined} onClick={replaceCurrent}>
              Replace
            </button>
            <button type="button" className="button" data-action="replace-all" disabled={matches.length === 0} onClick={replaceEvery}>
              Replace all
            </button>
          </div>
        </>
      )}
      <label className="find-option">
        <input
          type="checkbox"
          checked={matchCase}
          onChange={(event) => {
            setMatchCase(event.target.checked);
            setCurrent(0);
            setReplacedAll(null);
          }}
        />{' '}
        Match case
      </label>
      <div className="find-steps">
        <button type="button" className="icon-button" aria-label="Previous match (Shift+Enter)" title="Previous (Shift+Enter)" disabled={matches.length === 0} onClick={() => step(-1)}>
          ↑
        </button>
        <button type="button" className="icon-button" aria-label="Next match (Enter)" title="Next (Enter)" disabled={matches.length === 0} onClick={() => step(1)}>
          ↓
        </button>
        <button type="button" className="icon-button" aria-label="Close (Esc)" title="Close (Esc)" data-action="close-find" onClick={close}>
          ×
        </button>
      </div>
    </div>
  );
}

/** A number that changes with every change to the document's text or blocks, anyone's. */
function useDocumentVersion(editor: LexicalEditor): number {
  const [version, setVersion] = useState(0);
  useEffect(
    () =>
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) setVersion((previous) => previous + 1);
      }),
    [editor],
  );
  return version;
}

/**
 * Runs a replacement as an undo step of its own (Yjs would merge edits less than half a second apart), and leaves
 * the editor without a selection: with one, Lexical would put the browser's selection back into the text when it
 * draws the change, taking the keyboard out of the panel. Closing the panel selects the current match.
 */
function replaceAsOneStep(editor: LexicalEditor, $replace: () => void): void {
  collabUndoManagerOf(editor)?.stopCapturing();
  editor.update(
    () => {
      $replace();
      $setSelection(null);
    },
    { tag: REPLACE_TAGS, onUpdate: () => collabUndoManagerOf(editor)?.stopCapturing() },
  );
}

/** Marks every match, and the current one apart, and keeps the current one in view. */
function useMatchHighlights(
  editor: LexicalEditor,
  matches: readonly TextMatch[],
  currentMatch: TextMatch | undefined,
  panelRef: RefObject<HTMLElement | null>,
): void {
  const canHighlight = useMemo(() => typeof CSS !== 'undefined' && 'highlights' in CSS, []);
  useEffect(() => {
    if (!canHighlight) return;
    const rangeOf = (match: TextMatch) => domRangeOf(editor, match);
    const all = matches.map(rangeOf).filter((range): range is Range => range !== null);
    CSS.highlights.set(MATCH_HIGHLIGHT, new Highlight(...all));
    const currentRange = currentMatch === undefined ? null : rangeOf(currentMatch);
    const reveal = () => {
      if (currentRange !== null) scrollIntoViewIfNeeded(currentRange, panelRef.current);
    };
    // Again when the window changes size (a phone turned, a window widened): the panel may cover it now, or no longer
    // need the room it made above the text.
    const revealAfterResize = () => {
      removeFindRoom();
      reveal();
    };
    if (currentRange !== null) {
      CSS.highlights.set(CURRENT_HIGHLIGHT, new Highlight(currentRange));
      reveal();
    } else {
      CSS.highlights.delete(CURRENT_HIGHLIGHT);
    }
    window.addEventListener('resize', revealAfterResize);
    return () => {
      window.removeEventListener('resize', revealAfterResize);
      CSS.highlights.delete(MATCH_HIGHLIGHT);
      CSS.highlights.delete(CURRENT_HIGHLIGHT);
    };
  }, [editor, canHighlight, matches, currentMatch, panelRef]);
  // The room made for matches stays while the panel is open (the text does not jump back and forth between matches).
  useEffect(() => removeFindRoom, []);
}

/** The match's text on screen, or null while the editor has not drawn it yet. */
function domRangeOf(editor: LexicalEditor, match: TextMatch): Range | null {
  const first = match.segments[0];
  const last = match.segments[match.segments.length - 1];
  if (first === undefined || last === undefined) return null;
  const start = textChildOf(editor.getElementByKey(first.key));
  const end = textChildOf(editor.getElementByKey(last.key));
  if (start === null || end === null) return null;
  const range = document.createRange();
  try {
    range.setStart(start, Math.min(first.start, start.length));
    range.setEnd(end, Math.min(last.end, end.length));
  } catch {
    return null;
  }
  return range;
}

/** The DOM text node holding a Lexical text node's characters (inside its <span>, or <strong>, <mark>, …). */
function textChildOf(element: HTMLElement | null): Text | null {
  if (element === null) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const text = walker.nextNode();
  return text instanceof Text ? text : null;
}

/** Room above the text (styles.css: the editor frame's top margin) that lets a match at the top show below the panel. */
const ROOM_VARIABLE = '--find-panel-room';
/** Space kept between the panel (or the window's bottom) and the match. */
const MATCH_CLEARANCE_PX = 8;

/**
 * Brings the match into view when the panel, the sticky bar above it or the window's edge hides it: scrolls the page
 * so the match shows below the panel, a third of the way down. A match near the top of the page cannot be scrolled
 * down, so the text moves down instead, by as much room as it needs, until the panel closes (removeFindRoom).
 */
function scrollIntoViewIfNeeded(range: Range, panel: HTMLElement | null): void {
  const rect = range.getBoundingClientRect();
  const panelRect = panel?.getBoundingClientRect() ?? null;
  const clearTop = (panelRect?.bottom ?? 0) + MATCH_CLEARANCE_PX;
  const isUnderPanel = panelRect !== null && rect.top < clearTop && rect.right > panelRect.left && rect.left < panelRect.right;
  const isUnderBar = rect.top < (panelRect?.top ?? 0);
  if (!isUnderPanel && !isUnderBar && rect.bottom <= window.innerHeight - MATCH_CLEARANCE_PX) return;
  window.scrollBy({ top: rect.top - clearTop - (window.innerHeight - clearTop) / 3 });
  const shortfall = clearTop - range.getBoundingClientRect().top;
  if (isUnderPanel && shortfall > 0) {
    const root = document.documentElement;
    const room = Number.parseFloat(root.style.getPropertyValue(ROOM_VARIABLE)) || 0;
    root.style.setProperty(ROOM_VARIABLE, `${Math.ceil(room + shortfall)}px`);
  }
}

/** Gives back the room made above the text for matches (see scrollIntoViewIfNeeded). */
function removeFindRoom(): void {
  document.documentElement.style.removeProperty(ROOM_VARIABLE);
}
