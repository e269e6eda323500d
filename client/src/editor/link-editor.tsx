// The small form behind the link button and Ctrl/Cmd+K: add a link to the selected text (or insert the address
// as a link when nothing is selected), change it, or remove it. It keeps the selection from when it opened,
// because focusing its own input moves the browser's selection out of the editor; it opens just under that text
// and keeps it highlighted (a CSS custom highlight), so the user sees what becomes the link. A press anywhere else
// closes it: left open, it would later take a link meant for other text.
import { $createLinkNode, $isLinkNode, $toggleLink } from '@lexical/link';
import { $findMatchingParent } from '@lexical/utils';
import { $createTextNode, $getNodeByKey, $getSelection, $isRangeSelection, $setSelection, type BaseSelection, type LexicalEditor } from 'lexical';
import { useEffect, useId, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { toLinkUrl } from './link-url';
import { placementUnder } from './popover-placement';

export interface LinkEditorProps {
  readonly editor: LexicalEditor;
  readonly initialUrl: string | null;
  readonly selection: BaseSelection | null;
  /** The selected text on screen; null: the form opens under the toolbar. */
  readonly target: Range | null;
  readonly onClose: () => void;
}

/** The name of the highlight that marks the text being linked (styled in styles.css). */
const TARGET_HIGHLIGHT = 'link-target';
const FORM_WIDTH = 440;
/** Room the form needs below the text (with an error line); with less, it opens above the text instead. */
const FORM_HEIGHT = 100;

/** Just under `target`, inside the viewport; undefined without one (the form then opens under the toolbar). */
function placementOf(target: Range | null): CSSProperties | undefined {
  const rect = target?.getBoundingClientRect();
  if (rect === undefined || (rect.width === 0 && rect.height === 0)) return undefined;
  return placementUnder(rect, FORM_WIDTH, FORM_HEIGHT);
}

export function LinkEditor({ editor, initialUrl, selection, target, onClose }: LinkEditorProps) {
  const [draft, setDraft] = useState(initialUrl ?? '');
  const [error, setError] = useState<string | null>(null);
  const [placement] = useState(() => placementOf(target));
  const inputId = useId();
  const formRef = useRef<HTMLFormElement>(null);

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
      $applyLink(url);
    });
    onClose();
    editor.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const url = toLinkUrl(draft);
    if (url === null) {
      setError('Enter a web address like example.com, or a mailto: or tel: link.');
      return;
    }
    finish(url);
  };

  return (
    <form
      ref={formRef}
      className="popover link-editor"
      style={placement}
      data-testid="link-editor"
      role="dialog"
      aria-label="Link"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
        editor.focus();
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        Link address
      </label>
      <div className="link-editor-row">
        <input
          id={inputId}
          className="text-input"
          data-testid="link-input"
          type="text"
          inputMode="url"
          placeholder="Paste or type a link"
          value={draft}
          autoFocus
          aria-invalid={error !== null}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="button button-primary">
          {initialUrl === null ? 'Add link' : 'Update'}
        </button>
        {initialUrl !== null && (
          <button type="button" className="button button-quiet" onClick={() => finish(null)}>
            Remove
          </button>
        )}
      </div>
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Puts back the selection from when the form opened, unless a collaborator has since removed its nodes. */
function $restoreSelection(selection: BaseSelection | null): void {
  if (!$isRangeSelection(selection)) return;
  if ($getNodeByKey(selection.anchor.key) === null || $getNodeByKey(selection.focus.key) === null) return;
  $setSelection(selection.clone());
}

function $applyLink(url: string | null): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const isInLink = $findMatchingParent(selection.anchor.getNode(), $isLinkNode) !== null;
  if (url !== null && selection.isCollapsed() && !isInLink) {
    // Nothing selected: insert the address itself as the link text.
    const link = $createLinkNode(url);
    link.append($createTextNode(url));
    selection.insertNodes([link]);
    return;
  }
  $toggleLink(url);
  // A new link leaves the caret after it, as a word processor does: the next letter typed must not replace it.
  const linked = $getSelection();
  if (url !== null && $isRangeSelection(linked) && !linked.isCollapsed()) {
    const end = linked.isBackward() ? linked.anchor : linked.focus;
    linked.anchor.set(end.key, end.offset, end.type);
    linked.focus.set(end.key, end.offset, end.type);
  }
}
