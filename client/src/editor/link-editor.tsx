// The small form behind the link button and Ctrl/Cmd+K: add a link to the selected text, change it, or remove it.
// As in Google Docs it asks for the address (first, with the focus) and the text to show: with nothing selected it
// inserts that text as a link at the caret (no text: the address itself); with text selected the field holds that
// text, and changing it puts the new text, linked, in its place (left as it is, the text keeps its formatting). It
// keeps the selection from when it opened, because focusing its own input moves the browser's selection out of the
// editor; it opens just under that text, inside the part of the window the text shows in, and keeps it highlighted
// (a CSS custom highlight), so the user sees what becomes the link. A press anywhere else closes it: left open, it
// would later take a link meant for other text.
import { $createLinkNode, $isLinkNode, $toggleLink } from '@lexical/link';
import { $findMatchingParent } from '@lexical/utils';
import {
  $createTextNode,
  $getNodeByKey,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $setSelection,
  type BaseSelection,
  type LexicalEditor,
  type PointType,
  type RangeSelection,
} from 'lexical';
import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type FormEvent, type RefObject } from 'react';
import { collabUndoManagerOf } from './collab-undo-manager';
import { linkTextOf } from './link-text';
import { toLinkUrl } from './link-url';
import { placementBeside, type VisibleArea } from './popover-placement';

export interface LinkEditorProps {
  readonly editor: LexicalEditor;
  readonly initialUrl: string | null;
  readonly selection: BaseSelection | null;
  /** The selected text on screen; null: the form opens under the toolbar. */
  readonly target: Range | null;
  /**
   * The text to show, in its field: '' with nothing selected (and the caret not in a link), the selected text when
   * it lies in one paragraph; null: no such field (the caret in a link, or a selection over several paragraphs).
   */
  readonly initialText: string | null;
  readonly onClose: () => void;
}

/** The name of the highlight that marks the text being linked (styled in styles.css). */
const TARGET_HIGHLIGHT = 'link-target';
const FORM_WIDTH = 440;
/** Room kept under the form for the line that says an address is not valid. */
const ERROR_LINE_HEIGHT = 40;

/** The text's rectangle on screen, or null when there is none to place the form by. */
function rectOf(target: Range | null): DOMRect | null {
  const rect = target?.getBoundingClientRect();
  return rect === undefined || (rect.width === 0 && rect.height === 0) ? null : rect;
}

/** Below the sticky bar the form lives in (header, toolbar, notices), to the window's bottom edge. */
function visibleAreaOf(form: HTMLElement): VisibleArea {
  const root = document.documentElement;
  return { top: form.closest('.top-bar')?.getBoundingClientRect().bottom ?? 0, bottom: root.clientHeight, width: root.clientWidth };
}

/**
 * Places the form beside `target`, by its measured height, before it is first painted: under the text, else above
 * it, else under it with the page scrolled so both fit; never over the toolbar. Without a target it stays where
 * styles.css puts it, under the toolbar.
 */
function usePlacementBeside(formRef: RefObject<HTMLDivElement | null>, target: Range | null): CSSProperties | undefined {
  const [placement, setPlacement] = useState<CSSProperties>();
  useLayoutEffect(() => {
    const form = formRef.current;
    const rect = rectOf(target);
    if (form === null || rect === null) return;
    const height = form.offsetHeight + ERROR_LINE_HEIGHT;
    let place = placementBeside(rect, FORM_WIDTH, height, visibleAreaOf(form));
    if (place.scrollBy > 0) {
      window.scrollBy({ top: place.scrollBy, behavior: 'instant' });
      // The page may have had less left to scroll: place it by where the text went.
      place = placementBeside(rectOf(target) ?? rect, FORM_WIDTH, height, visibleAreaOf(form), false);
    }
    setPlacement({ position: 'fixed', top: place.top, left: place.left, width: place.width, transform: 'none' });
  }, [formRef, target]);
  return placement;
}

export function LinkEditor({ editor, initialUrl, selection, target, initialText, onClose }: LinkEditorProps) {
  const asksForText = initialText !== null;
  const [text, setText] = useState(initialText ?? '');
  const [draft, setDraft] = useState(initialUrl ?? '');
  const [error, setError] = useState<string | null>(null);
  const ids = { text: useId(), url: useId(), error: useId() };
  const formRef = useRef<HTMLDivElement>(null);
  const urlInputRef = useRef<HTMLInputElement>(null);
  const placement = usePlacementBeside(formRef, target);

  // A press outside (back into the text, say) closes the form and does what it does there.
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!formRef.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, { capture: true });
    return () => document.removeEventListener('pointerdown', onPointerDown, { capture: true });
  }, [onClose]);

  useEffect(() => {
    if (target === null || target.collapsed || typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    CSS.highlights.set(TARGET_HIGHLIGHT, new Highlight(target));
    return () => {
      CSS.highlights.delete(TARGET_HIGHLIGHT);
    };
  }, [target]);

  const finish = (url: string | null) => {
    editor.update(() => {
      $restoreSelection(selection);
      // One update, so one undo step takes back the new text and its link together. Selected text left as it was
      // keeps its formatting: only a changed text is typed over it.
      const isTextChanged = initialText === '' || (initialText !== null && text !== initialText);
      $applyLink(url, url === null || !isTextChanged ? null : linkTextOf(text, url));
    }, { discrete: true });
    // Discrete, so the link is in the shared document by now: ending the undo step here keeps the letters typed next
    // out of it (they came within the undo manager's merge window and one undo took both).
    collabUndoManagerOf(editor)?.stopCapturing();
    onClose();
    editor.focus();
  };

  // The caret goes back where it was, so the typing goes on there.
  const cancel = () => {
    editor.update(() => $restoreSelection(selection));
    onClose();
    editor.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const url = toLinkUrl(draft);
    if (url === null) {
      setError('Enter a web address like example.com, or a mailto: or tel: link.');
      // Enter in the text field with no address yet: the address is what is missing.
      urlInputRef.current?.focus();
      return;
    }
    finish(url);
  };

  // The address first, with the focus, even when the text is asked for too: it is what a link needs, and typing an
  // address then Enter (the flow before the text field existed) still inserts it as its own text.
  const addressInput = (
    <input
      ref={urlInputRef}
      id={ids.url}
      className={asksForText ? 'text-input link-editor-address' : 'text-input'}
      data-testid="link-input"
      type="text"
      inputMode="url"
      placeholder="Paste or type a link"
      value={draft}
      autoFocus
      aria-invalid={error !== null}
      aria-describedby={error === null ? undefined : ids.error}
      onChange={(event) => {
        setDraft(event.target.value);
        setError(null);
      }}
    />
  );
  const buttons = (
    <>
      <button type="submit" className="button button-primary">
        {initialUrl === null ? 'Add link' : 'Update'}
      </button>
      {initialUrl !== null && (
        <button type="button" className="button button-quiet" onClick={() => finish(null)}>
          Remove
        </button>
      )}
    </>
  );

  return (
    // The dialog holds the form (a form may not take the dialog role); the form lays out nothing itself.
    <div
      ref={formRef}
      className="popover link-editor"
      style={placement}
      data-testid="link-editor"
      role="dialog"
      aria-label="Link"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        cancel();
      }}
    >
      <form className="link-editor-form" onSubmit={submit}>
      <label htmlFor={ids.url} className="visually-hidden">
        Link address
      </label>
      {asksForText ? (
        <>
          {addressInput}
          <label htmlFor={ids.text} className="visually-hidden">
            Text to show
          </label>
          <div className="link-editor-row">
            <input
              id={ids.text}
              className="text-input"
              data-testid="link-text-input"
              type="text"
              placeholder={initialText === '' ? 'Text to show (optional)' : 'Text to show'}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
            {buttons}
          </div>
        </>
      ) : (
        <div className="link-editor-row">
          {addressInput}
          {buttons}
        </div>
      )}
      {error !== null && (
        <p id={ids.error} className="field-error" role="alert">
          {error}
        </p>
      )}
      </form>
    </div>
  );
}

/** Puts back the selection from when the form opened, unless a collaborator has since removed or shortened its nodes. */
function $restoreSelection(selection: BaseSelection | null): void {
  if (!$isRangeSelection(selection) || !$isPointInDocument(selection.anchor) || !$isPointInDocument(selection.focus)) return;
  $setSelection(selection.clone());
}

function $isPointInDocument(point: PointType): boolean {
  const node = $getNodeByKey(point.key);
  if (node === null) return false;
  const size = $isElementNode(node) ? node.getChildrenSize() : node.getTextContentSize();
  return point.offset <= size;
}

/**
 * Links the selection to `url` (null: removes the link). With `text`, that text, linked, goes in place of the
 * selection, or at the caret with nothing selected; null leaves the selected text as it is.
 */
function $applyLink(url: string | null, text: string | null): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const isInLink = $findMatchingParent(selection.anchor.getNode(), $isLinkNode) !== null;
  if (url !== null && text !== null && selection.isCollapsed() && !isInLink) {
    // In the caret's formatting, as typing there would be (bold stays bold).
    const link = $createLinkNode(url);
    link.append($createTextNode(text).setFormat(selection.format).setStyle(selection.style));
    selection.insertNodes([link]);
    return;
  }
  if (url !== null && text !== null && !selection.isCollapsed()) $replaceSelectedText(selection, text);
  $toggleLink(url);
  // A new link leaves the caret after it, as a word processor does: the next letter typed must not replace it.
  const linked = $getSelection();
  if (url !== null && $isRangeSelection(linked) && !linked.isCollapsed()) {
    const end = linked.isBackward() ? linked.anchor : linked.focus;
    linked.anchor.set(end.key, end.offset, end.type);
    linked.focus.set(end.key, end.offset, end.type);
  }
}

/**
 * Types `text` over the selection, as the keyboard would (in the formatting of its start, inside a link it starts
 * in), and selects what it typed, for the link to go on.
 */
function $replaceSelectedText(selection: RangeSelection, text: string): void {
  selection.insertText(text);
  const typed = $getSelection();
  if (!$isRangeSelection(typed) || !typed.isCollapsed() || typed.anchor.type !== 'text' || typed.anchor.offset < text.length) return;
  const { key, offset } = typed.anchor;
  typed.anchor.set(key, offset - text.length, 'text');
}
