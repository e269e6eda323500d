// The sticky formatting toolbar. Buttons carry `data-action` (CONTRACT page hooks) and show active formats with
// aria-pressed; they keep the editor's selection by not taking focus on mousedown. Undo and redo go to the
// collaboration plugin's Yjs undo manager, so they only ever undo this person's edits. The row never wraps: the
// groups that do not fit fold under a More button, least used first (use-toolbar-folding.ts, toolbar-overflow.tsx).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
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
  type TextFormatType,
} from 'lexical';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { align, alignments, type Alignment } from './alignment';
import { alignmentOf, isAlignAction, shortcutActionOf } from './block-shortcuts';
import { toggleBlockType, type SettableBlockType } from './block-type';
import { LinkBubble } from './link-bubble';
import { readLinkDraft, type LinkDraft } from './link-draft';
import { LinkEditor } from './link-editor';
import { FindReplacePanel } from './find-replace-panel';
import { commandKeys, isFindKey } from './shortcut-list';
import { ShortcutsDialog, useShortcutsDialog } from './shortcuts-dialog';
import { isApple } from './platform';
import { ToolButton } from './tool-button';
import { foldRanks, groupLayout, type GroupLayout, type GroupName } from './toolbar-groups';
import { toolbarIcons } from './toolbar-icons';
import { ToolbarOverflow } from './toolbar-overflow';
import { $readToolbarState, emptyToolbarState, isSameToolbarState, type ToolbarState } from './toolbar-state';
import { useRovingToolbar } from './use-roving-toolbar';
import { useToolbarFolding } from './use-toolbar-folding';

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

export function Toolbar() {
  const toolbarRef = useRef<HTMLDivElement>(null);
  const [editor] = useLexicalComposerContext();
  const roving = useRovingToolbar(toolbarRef, () => editor.focus());
  const folded = useToolbarFolding(toolbarRef, foldRanks);
  const [isShortcutsOpen, setIsShortcutsOpen] = useShortcutsDialog();
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
    const draft = readLinkDraft(editor, ++linkDrafts.current);
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

  const buttons: Record<GroupName, ReactNode> = {
    history: (
      <>
        <ToolButton action="undo" label="Undo" shortcut={keys.undo} disabled={disabled || !canUndo} onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)}>
          {toolbarIcons.undo}
        </ToolButton>
        <ToolButton action="redo" label="Redo" shortcut={keys.redo} disabled={disabled || !canRedo} onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)}>
          {toolbarIcons.redo}
        </ToolButton>
      </>
    ),
    headings: (
      <>
        <ToolButton action="h1" label="Heading 1" shownAs="H1" pressed={state.blockType === 'h1'} disabled={disabled} onClick={() => block('h1')}>
          <span className="glyph-heading">H1</span>
        </ToolButton>
        <ToolButton action="h2" label="Heading 2" shownAs="H2" pressed={state.blockType === 'h2'} disabled={disabled} onClick={() => block('h2')}>
          <span className="glyph-heading">H2</span>
        </ToolButton>
        <ToolButton action="h3" label="Heading 3" shownAs="H3" pressed={state.blockType === 'h3'} disabled={disabled} onClick={() => block('h3')}>
          <span className="glyph-heading">H3</span>
        </ToolButton>
      </>
    ),
    marks: (
      <>
        <ToolButton action="bold" label="Bold" shortcut={keys.bold} pressed={state.bold} disabled={disabled} onClick={() => format('bold')}>
          <b className="glyph">B</b>
        </ToolButton>
        <ToolButton action="italic" label="Italic" shortcut={keys.italic} pressed={state.italic} disabled={disabled} onClick={() => format('italic')}>
          <i className="glyph glyph-italic">I</i>
        </ToolButton>
        <ToolButton action="underline" label="Underline" shortcut={keys.underline} pressed={state.underline} disabled={disabled} onClick={() => format('underline')}>
          <u className="glyph">U</u>
        </ToolButton>
      </>
    ),
    moreMarks: (
      <>
        <ToolButton action="strikethrough" label="Strikethrough" pressed={state.strikethrough} disabled={disabled} onClick={() => format('strikethrough')}>
          <s className="glyph">S</s>
        </ToolButton>
        <ToolButton action="highlight" label="Highlight" pressed={state.highlight} disabled={disabled} onClick={() => format('highlight')}>
          {toolbarIcons.highlight}
        </ToolButton>
        <ToolButton action="code" label="Inline code" pressed={state.code} disabled={disabled} onClick={() => format('code')}>
          {toolbarIcons.code}
        </ToolButton>
      </>
    ),
    link: (
      <ToolButton action="link" label={state.isLink ? 'Edit link' : 'Link'} shortcut={keys.link} pressed={state.isLink} disabled={disabled} onClick={openLinkEditor}>
        {toolbarIcons.link}
      </ToolButton>
    ),
    lists: (
      <>
        <ToolButton action="bullet" label="Bulleted list" pressed={state.blockType === 'bullet'} disabled={disabled} onClick={() => block('bullet')}>
          {toolbarIcons.bullet}
        </ToolButton>
        <ToolButton action="number" label="Numbered list" pressed={state.blockType === 'number'} disabled={disabled} onClick={() => block('number')}>
          {toolbarIcons.number}
        </ToolButton>
        <ToolButton action="check" label="Checklist" pressed={state.blockType === 'check'} disabled={disabled} onClick={() => block('check')}>
          {toolbarIcons.check}
        </ToolButton>
      </>
    ),
    indent: (
      <>
        <ToolButton action="outdent" label="Decrease indent" shortcut={keys.outdent} disabled={disabled} onClick={() => editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)}>
          {toolbarIcons.outdent}
        </ToolButton>
        <ToolButton action="indent" label="Increase indent" shortcut={keys.indent} disabled={disabled} onClick={() => editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)}>
          {toolbarIcons.indent}
        </ToolButton>
      </>
    ),
    alignment: alignments.map((alignment) => (
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
    )),
    blocks: (
      <>
        <ToolButton action="quote" label="Quote" pressed={state.blockType === 'quote'} disabled={disabled} onClick={() => block('quote')}>
          {toolbarIcons.quote}
        </ToolButton>
        <ToolButton action="codeblock" label="Code block" pressed={state.blockType === 'codeblock'} disabled={disabled} onClick={() => block('codeblock')}>
          {toolbarIcons.codeblock}
        </ToolButton>
      </>
    ),
    tools: (
      <>
        <ToolButton action="find" label="Find and replace" shortcut={keys.find} disabled={false} onClick={openFind}>
          {toolbarIcons.find}
        </ToolButton>
        <ToolButton action="shortcuts" label="Keyboard shortcuts" shortcut={keys.shortcuts} hasPopup="dialog" disabled={false} onClick={() => setIsShortcutsOpen(true)}>
          {toolbarIcons.keyboard}
        </ToolButton>
      </>
    ),
  };
  const groupOf = (group: GroupLayout, index: number, isInRow: boolean) => (
    <div
      key={group.name}
      className={group.joinsPrevious && isInRow ? 'toolbar-group toolbar-group-joined' : 'toolbar-group'}
      role="group"
      data-group={isInRow ? index : undefined}
    >
      {buttons[group.name]}
    </div>
  );

  return (
    <div className="toolbar-wrap">
      <div className="toolbar" data-testid="toolbar" role="toolbar" aria-label="Formatting" ref={toolbarRef} {...roving}>
        {groupLayout.map((group, index) => !folded.has(index) && groupOf(group, index, true))}
        {folded.size > 0 && (
          <ToolbarOverflow onUsed={() => editor.focus()}>
            {groupLayout.map((group, index) => folded.has(index) && groupOf(group, index, false))}
          </ToolbarOverflow>
        )}
      </div>
      {isShortcutsOpen && <ShortcutsDialog onClose={() => setIsShortcutsOpen(false)} />}
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
          initialText={linkDraft.text}
          onClose={closeLinkEditor}
        />
      )}
    </div>
  );
}
