// The sticky formatting toolbar. Buttons carry `data-action` (CONTRACT page hooks) and show active formats with
// aria-pressed; they keep the editor's selection by not taking focus on mousedown. Undo and redo go to the
// collaboration plugin's Yjs undo manager, so they only ever undo this person's edits.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  KEY_DOWN_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type BaseSelection,
  type TextFormatType,
} from 'lexical';
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { align, alignments, type Alignment } from './alignment';
import { alignmentOf, isAlignAction, shortcutActionOf, shortcutLabelOf } from './block-shortcuts';
import { toggleBlockType, type SettableBlockType } from './block-type';
import { LinkBubble } from './link-bubble';
import { LinkEditor } from './link-editor';
import { FindReplacePanel } from './find-replace-panel';
import { commandKeys, isFindKey } from './shortcut-list';
import { ShortcutsButton } from './shortcuts-dialog';
import { isApple } from './platform';
import { toolbarIcons } from './toolbar-icons';
import { $readToolbarState, emptyToolbarState, isSameToolbarState, type ToolbarState } from './toolbar-state';
import { useRovingToolbar } from './use-roving-toolbar';
import { useScrollEdges } from './use-scroll-edges';

const keys = commandKeys(isApple);

const alignmentLabels: Record<Alignment, string> = {
  left: 'Align left',
  center: 'Align centre',
  right: 'Align right',
  justify: 'Justify',
};

interface FindSearch {
  /** Tells one opening of the panel from the next: Ctrl+H again starts over with the new selection. */
  readonly id: number;
  readonly initialQuery: string;
}

interface LinkDraft {
  /** Tells one opening of the form from the next. */
  readonly id: number;
  readonly url: string | null;
  readonly selection: BaseSelection | null;
  /** The selected text on screen when the form opened (the form opens under it), or null. */
  readonly target: Range | null;
  /** Nothing was selected, outside any link: the form asks for the text to show too. */
  readonly asksForText: boolean;
}

/** The browser's selection inside the editor, as a range, or null when it is elsewhere. */
function selectedRangeIn(root: HTMLElement | null): Range | null {
  const selection = window.getSelection();
  if (root === null || selection === null || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return root.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
}

export function Toolbar() {
  const toolbarRef = useRef<HTMLDivElement>(null);
  const [editor] = useLexicalComposerContext();
  const roving = useRovingToolbar(toolbarRef, () => editor.focus());
  const edges = useScrollEdges(toolbarRef);
  const [state, setState] = useState<ToolbarState>(emptyToolbarState);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [isEditable, setIsEditable] = useState(() => editor.isEditable());
  const [linkDraft, setLinkDraft] = useState<LinkDraft | null>(null);
  const linkDrafts = useRef(0);
  const [findSearch, setFindSearch] = useState<FindSearch | null>(null);
  const findSearches = useRef(0);

  const openFind = useCallback(() => {
    // The selected text (its first line) is what to look for, as in Google Docs.
    const selected = editor.getEditorState().read(() => $getSelection()?.getTextContent() ?? '');
    setLinkDraft(null);
    setFindSearch({ id: ++findSearches.current, initialQuery: selected.split('\n')[0] ?? '' });
  }, [editor]);
  const closeFind = useCallback(() => setFindSearch(null), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isFindKey(event, isApple)) return;
      event.preventDefault();
      openFind();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openFind]);

  const openLinkEditor = useCallback(() => {
    if (!editor.isEditable()) return;
    const target = selectedRangeIn(editor.getRootElement());
    const id = ++linkDrafts.current;
    const draft = editor.getEditorState().read((): LinkDraft => {
      const url = $readToolbarState().linkUrl;
      const selection = $getSelection();
      const asksForText = url === null && $isRangeSelection(selection) && selection.isCollapsed();
      return { id, url, selection: selection?.clone() ?? null, target, asksForText };
    });
    // One of the two at a time, as opening the find panel closes this form: both hang under the toolbar, and the form
    // opened under a selection near the top right lay beneath the panel.
    setFindSearch(null);
    setLinkDraft(draft);
  }, [editor]);
  const closeLinkEditor = useCallback(() => setLinkDraft(null), []);

  useEffect(
    () =>
      mergeRegister(
        // Only a change the toolbar shows renders it again: a React commit with the caret in the document costs a walk
        // through the document's text (see status-pills.tsx), and most keystrokes change nothing here.
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read($readToolbarState);
          setState((shown) => (isSameToolbarState(shown, next) ? shown : next));
        }),
        editor.registerEditableListener(setIsEditable),
        editor.registerCommand(CAN_UNDO_COMMAND, (value) => (setCanUndo(value), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (value) => (setCanRedo(value), false), COMMAND_PRIORITY_LOW),
        // Ctrl/Cmd+K; ahead of Lexical's own key handling, which maps Ctrl+K to "delete line" on macOS.
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return false;
            event.preventDefault();
            openLinkEditor();
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
        // Block types, alignment and strikethrough (block-shortcuts.ts); a read-only editor ignores them.
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            const action = shortcutActionOf(event, isApple);
            if (action === null || !editor.isEditable()) return false;
            event.preventDefault();
            if (action === 'strikethrough') editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'strikethrough');
            else if (isAlignAction(action)) align(editor, alignmentOf(action));
            else toggleBlockType(editor, action, editor.getEditorState().read($readToolbarState).blockType);
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
      ),
    [editor, openLinkEditor],
  );

  const format = (type: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, type);
  const block = (type: SettableBlockType) => toggleBlockType(editor, type, state.blockType);
  const disabled = !isEditable;

  return (
    <div className="toolbar-wrap" data-more-before={edges.hasMoreBefore || undefined} data-more-after={edges.hasMoreAfter || undefined}>
      {edges.hasMoreBefore && <ScrollArrow toolbarRef={toolbarRef} direction={-1} />}
      {edges.hasMoreAfter && <ScrollArrow toolbarRef={toolbarRef} direction={1} />}
      <div className="toolbar" data-testid="toolbar" role="toolbar" aria-label="Formatting" ref={toolbarRef} {...roving}>
        <Group>
          <ToolButton action="undo" label="Undo" shortcut={keys.undo} disabled={disabled || !canUndo} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
            {toolbarIcons.undo}
          </ToolButton>
          <ToolButton action="redo" label="Redo" shortcut={keys.redo} disabled={disabled || !canRedo} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
            {toolbarIcons.redo}
          </ToolButton>
        </Group>
        <Group>
          <ToolButton action="h1" label="Heading 1" pressed={state.blockType === 'h1'} disabled={disabled} onClick={() => block('h1')}>
            <span className="glyph-heading">H1</span>
          </ToolButton>
          <ToolButton action="h2" label="Heading 2" pressed={state.blockType === 'h2'} disabled={disabled} onClick={() => block('h2')}>
            <span className="glyph-heading">H2</span>
          </ToolButton>
          <ToolButton action="h3" label="Heading 3" pressed={state.blockType === 'h3'} disabled={disabled} onClick={() => block('h3')}>
            <span className="glyph-heading">H3</span>
          </ToolButton>
        </Group>
        <Group>
          <ToolButton action="bold" label="Bold" shortcut={keys.bold} pressed={state.bold} disabled={disabled} onClick={() => format('bold')}>
            <b className="glyph">B</b>
          </ToolButton>
          <ToolButton action="italic" label="Italic" shortcut={keys.italic} pressed={state.italic} disabled={disabled} onClick={() => format('italic')}>
            <i className="glyph glyph-italic">I</i>
          </ToolButton>
          <ToolButton action="underline" label="Underline" shortcut={keys.underline} pressed={state.underline} disabled={disabled} onClick={() => format('underline')}>
            <u className="glyph">U</u>
          </ToolButton>
          <ToolButton action="strikethrough" label="Strikethrough" pressed={state.strikethrough} disabled={disabled} onClick={() => format('strikethrough')}>
            <s className="glyph">S</s>
          </ToolButton>
          <ToolButton action="highlight" label="Highlight" pressed={state.highlight} disabled={disabled} onClick={() => format('highlight')}>
            {toolbarIcons.highlight}
          </ToolButton>
          <ToolButton action="code" label="Inline code" pressed={state.code} disabled={disabled} onClick={() => format('code')}>
            {toolbarIcons.code}
          </ToolButton>
          <ToolButton action="link" label={state.isLink ? 'Edit link' : 'Link'} shortcut={keys.link} pressed={state.isLink} disabled={disabled} onClick={openLinkEditor}>
            {toolbarIcons.link}
          </ToolButton>
        </Group>
        <Group>
          <ToolButton action="bullet" label="Bulleted list" pressed={state.blockType === 'bullet'} disabled={disabled} onClick={() => block('bullet')}>
            {toolbarIcons.bullet}
          </ToolButton>
          <ToolButton action="number" label="Numbered list" pressed={state.blockType === 'number'} disabled={disabled} onClick={() => block('number')}>
            {toolbarIcons.number}
          </ToolButton>
          <ToolButton action="check" label="Checklist" pressed={state.blockType === 'check'} disabled={disabled} onClick={() => block('check')}>
            {toolbarIcons.check}
          </ToolButton>
          <ToolButton action="outdent" label="Decrease indent" shortcut={keys.outdent} disabled={disabled} onClick={() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)}>
            {toolbarIcons.outdent}
          </ToolButton>
          <ToolButton action="indent" label="Increase indent" shortcut={keys.indent} disabled={disabled} onClick={() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)}>
            {toolbarIcons.indent}
          </ToolButton>
        </Group>
        <Group>
          {alignments.map((alignment) => (
            <ToolButton
              key={alignment}
              action={`align-${alignment}`}
              label={alignmentLabels[alignment]}
              pressed={state.alignment === alignment}
              disabled={disabled}
              onClick={() => align(editor, alignment)}
            >
              {toolbarIcons[`align-${alignment}`]}
            </ToolButton>
          ))}
        </Group>
        <Group>
          <ToolButton action="quote" label="Quote" pressed={state.blockType === 'quote'} disabled={disabled} onClick={() => block('quote')}>
            {toolbarIcons.quote}
          </ToolButton>
          <ToolButton action="codeblock" label="Code block" pressed={state.blockType === 'codeblock'} disabled={disabled} onClick={() => block('codeblock')}>
            {toolbarIcons.codeblock}
          </ToolButton>
        </Group>
        <Group>
          <ToolButton action="find" label="Find and replace" shortcut={keys.find} disabled={false} onClick={openFind}>
            {toolbarIcons.find}
          </ToolButton>
          <ShortcutsButton />
        </Group>
      </div>
      {linkDraft === null && isEditable && state.caretLinkKey !== null && state.linkUrl !== null && (
        <LinkBubble key={state.caretLinkKey} editor={editor} linkKey={state.caretLinkKey} url={state.linkUrl} onEdit={openLinkEditor} />
      )}
      {findSearch !== null && (
        <FindReplacePanel key={findSearch.id} editor={editor} initialQuery={findSearch.initialQuery} canReplace={isEditable} onClose={closeFind} />
      )}
      {linkDraft !== null && (
        // Keyed by the draft: Ctrl+K again, for other text, opens a fresh form there, with the focus in it.
        <LinkEditor
          key={linkDraft.id}
          editor={editor}
          initialUrl={linkDraft.url}
          selection={linkDraft.selection}
          target={linkDraft.target}
          asksForText={linkDraft.asksForText}
          onClose={closeLinkEditor}
        />
      )}
    </div>
  );
}

/**
 * The arrow at a sideways-scrolling toolbar's edge (phones): it shows there are more buttons and scrolls most of a
 * width towards them. For pointers and touch only: the keyboard's arrow keys already bring every button into view.
 */
function ScrollArrow({ toolbarRef, direction }: { toolbarRef: RefObject<HTMLDivElement | null>; direction: -1 | 1 }) {
  const side = direction < 0 ? 'before' : 'after';
  return (
    <button
      type="button"
      className={`toolbar-more toolbar-more-${side}`}
      data-testid={`toolbar-more-${side}`}
      tabIndex={-1}
      aria-hidden="true"
      title={direction < 0 ? 'Earlier buttons' : 'More buttons'}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        const toolbar = toolbarRef.current;
        toolbar?.scrollBy({ left: direction * toolbar.clientWidth * 0.7, behavior: 'smooth' });
      }}
    >
      <svg viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
        <path d={direction < 0 ? 'M12 4l-6 6 6 6' : 'M8 4l6 6-6 6'} />
      </svg>
    </button>
  );
}

function Group({ children }: { children: ReactNode }) {
  return (
    <div className="toolbar-group" role="group">
      {children}
    </div>
  );
}

interface ToolButtonProps {
  readonly action: string;
  readonly label: string;
  readonly shortcut?: string;
  readonly pressed?: boolean;
  readonly disabled: boolean;
  readonly onClick: () => void;
  readonly children: ReactNode;
}

function ToolButton({ action, label, shortcut, pressed, disabled, onClick, children }: ToolButtonProps) {
  // The block, alignment and strikethrough buttons take their keys from block-shortcuts.ts.
  const keys = shortcut ?? shortcutLabelOf(action, isApple);
  return (
    <button
      type="button"
      className="tool-button"
      data-action={action}
      aria-label={label}
      title={keys === undefined ? label : `${label} (${keys})`}
      aria-pressed={pressed}
      disabled={disabled}
      // Keep focus (and the selection) in the editor while clicking.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
