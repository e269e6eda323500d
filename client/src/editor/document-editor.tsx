// The editable document: Lexical rich text bound to the shared Y.Doc by CollaborationPlugin, with lists, links,
// Markdown shortcuts and remote carets. No HistoryPlugin: undo/redo come from the collaboration plugin's Yjs undo
// manager, which undoes only this person's edits.
import { AutoLinkPlugin } from '@lexical/react/LexicalAutoLinkPlugin';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { syncCursorPositions } from '@lexical/yjs';
import { useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { markdownTransformers } from '../../../shared/lexical/markdown-transformers';
import type { RecordedReplacement } from '../../../shared/replacement-notice';
import type { CollabSession } from '../collab/collab-session';
import type { Identity } from '../collab/identity';
import { ARRIVING, type PageAwarenessData } from '../collab/room-colors';
import { autoLinkMatchers } from './auto-link';
import { withCaretDrawsPerFrame } from './awareness-carets-per-frame';
import { CaretOnReturnPlugin } from './caret-on-return-plugin';
import { CaretMarginPlugin } from './caret-margin-plugin';
import { CaretsFollowLayoutPlugin } from './carets-follow-layout-plugin';
import { drawCaretsOncePerFrame } from './carets-once-per-frame';
import { styleCaretsAfterMeasuring } from './caret-styles-after-measuring';
import type { HeldKeys } from '../hold-keys';
import { EditablePlugin } from './editable-plugin';
import { FirstLineBackspacePlugin } from './first-line-backspace-plugin';
import { FlatCodePlugin } from './flat-code-plugin';
import { IdleCaretPlugin } from './idle-caret-plugin';
import { IndentPlugin } from './indent-plugin';
import { keepLettersInPlace } from './keep-letters-in-place';
import { KeysFollowCaretPlugin } from './keys-follow-caret-plugin';
import { LeaveLastBlockPlugin } from './leave-last-block-plugin';
import { LinkClickPlugin } from './link-click-plugin';
import { withSafeLinkShortcut } from './link-shortcut';
import { isSafeLinkUrl } from './link-url';
import { ReplacementPlugin } from './replacement-plugin';
import { SafeLinksPlugin } from './safe-links-plugin';
import { SteadyCaretPlugin } from './steady-caret-plugin';
import { syncChangedBlocksOnly } from './sync-changed-blocks-only';
import { TitlePlugin } from './title-plugin';
import { TripleClickPlugin } from './triple-click-plugin';
import { StrandedLettersPlugin } from './stranded-letters-plugin';
import { bindingCatcher, UndoCaretPlugin } from './undo-caret-plugin';
import { UndoStepsPlugin } from './undo-steps-plugin';
import { HtmlPastePlugin } from './html-paste-plugin';
import type { FilesNotAddedNotice } from './files-not-added';
import { MarkdownPastePlugin } from './markdown-paste-plugin';
import { ReadOnlyDropsPlugin } from './read-only-drops-plugin';
import { useFadingCaretLabels } from './use-fading-caret-labels';

// The same Markdown dialect as the server's import and export, so a shortcut makes what a `.md` file would, except
// links the editor would not keep (link-shortcut.ts).
const shortcutTransformers = withSafeLinkShortcut(markdownTransformers);
// Made once: AutoLinkPlugin registers its transform again whenever it gets a new array, and registering marks every
// text node of the document for redrawing (which, on every re-render here, made typing in long documents slow and
// could pull the keyboard back into the text from a panel that had just taken it).
const linkMatchers = [...autoLinkMatchers];

export interface DocumentEditorProps {
  readonly docName: string;
  readonly session: CollabSession;
  /** The identity at mount: CollaborationPlugin reconnects when these props change, so renames go to awareness. */
  readonly initialIdentity: Identity;
  /** The user may only view: shown as `data-readonly`. */
  readonly isReadOnly: boolean;
  /** Read-only because of this person's access (a viewer), not for a while or a stopped connection. */
  readonly isViewOnly: boolean;
  /** Whether typing is accepted now: not read-only, and the content is known. */
  readonly isEditable: boolean;
  /** Changes whenever a replacement's notice may have held typing (see EditablePlugin). */
  readonly editableResync: number;
  /** Keys typed before the editor first took the caret (see typed-ahead.ts). */
  readonly typedAhead?: HeldKeys | null;
  readonly onTitle: (title: string | null) => void;
  /** Someone replaced the whole content (restored a version, imported a file). */
  readonly onReplaced: (notice: RecordedReplacement) => void;
  /** Files dropped or pasted here could not go in (pictures, PDFs), or nothing could (read-only): the page says so. */
  readonly onFilesNotAdded: (notice: FilesNotAddedNotice) => void;
}

export function DocumentEditor({ docName, session, initialIdentity, isReadOnly, isViewOnly, isEditable, editableResync, typedAhead = null, onTitle, onReplaced, onFilesNotAdded }: DocumentEditorProps) {
  // Remote carets are positioned relative to the editor frame, so they scroll with the text. They sit beside the
  // `editor` hook element rather than in it, so collaborators' names never count as document text, in a layer of
  // their own (see .remote-carets in styles.css).
  const cursorsContainerRef = useRef<HTMLDivElement>(null);
  useFadingCaretLabels(cursorsContainerRef);
  const [{ syncCursorPositionsFn, bindingOf, redraw: redrawCarets }] = useState(() => {
    const drawCarets = drawCaretsOncePerFrame(styleCaretsAfterMeasuring(syncCursorPositions));
    // The first caret sync comes with the binding, before this person can type (focus is an awareness change).
    return bindingCatcher((binding, provider, options) => {
      keepLettersInPlace(binding);
      syncChangedBlocksOnly(binding);
      drawCarets(binding, provider, options);
    });
  });
  // Presence changes redraw the carets in the same frame as document changes (see awareness-carets-per-frame.ts).
  const providerFactory = useMemo(
    () => (id: string, yjsDocMap: Map<string, Y.Doc>) => withCaretDrawsPerFrame(session.providerFactory(id, yjsDocMap), redrawCarets),
    [session, redrawCarets],
  );
  // Lets the others' presence lists show this person's tabs as one person (see use-remote-users.ts), and orders
  // people for their colours (see room-colors.ts).
  const [awarenessData] = useState((): PageAwarenessData => ({ browserId: initialIdentity.browserId, joinedAt: ARRIVING }));
  return (
    <div className="editor-frame" data-testid="editor-frame">
      <div className="editor-surface" data-testid="editor" data-readonly={isReadOnly ? 'true' : 'false'}>
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="editor-content"
              aria-label="Document"
              // A screen reader calls a textbox without it a one-line field ("edit", not "multi-line edit").
              aria-multiline
              aria-placeholder="Start writing…"
              // Only once the content is in and may be edited: an invitation to write under "Waiting for the connection"
              // would promise what the page cannot do yet.
              placeholder={<div className="editor-placeholder">{isEditable ? 'Start writing… Type # for a heading, - for a list.' : ''}</div>}
              spellCheck
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <div className="remote-carets" ref={cursorsContainerRef} />
      <KeysFollowCaretPlugin doc={session.doc} />
      <TripleClickPlugin />
      <SteadyCaretPlugin />
      <ListPlugin />
      {/* Without taking the focus: the plugin focused the item inside its update, and with someone else here that
          focus published this person's presence, whose redraw of the others' carets committed the update early;
          the tick then changed the committed state in place and was neither drawn nor sent (the pages diverged). */}
      <CheckListPlugin disableTakeFocusOnClick />
      <IndentPlugin />
      <CaretOnReturnPlugin />
      <FirstLineBackspacePlugin />
      <CaretMarginPlugin />
      <LinkPlugin validateUrl={isSafeLinkUrl} />
      <LinkClickPlugin />
      <SafeLinksPlugin />
      <FlatCodePlugin />
      <LeaveLastBlockPlugin />
      <HtmlPastePlugin />
      <MarkdownPastePlugin onFilesNotAdded={onFilesNotAdded} />
      <ReadOnlyDropsPlugin isViewOnly={isViewOnly} onNotAdded={onFilesNotAdded} />
      <AutoLinkPlugin matchers={linkMatchers} />
      <MarkdownShortcutPlugin transformers={shortcutTransformers} />
      <TitlePlugin onTitle={onTitle} />
      <EditablePlugin isEditable={isEditable} resync={editableResync} typedAhead={typedAhead} />
      <UndoStepsPlugin />
      <ReplacementPlugin doc={session.doc} onReplaced={onReplaced} />
      <IdleCaretPlugin />
      <CaretsFollowLayoutPlugin redraw={redrawCarets} />
      <UndoCaretPlugin doc={session.doc} awareness={session.provider.awareness} bindingOf={bindingOf} />
      <StrandedLettersPlugin doc={session.doc} awareness={session.provider.awareness} bindingOf={bindingOf} />
      <CollaborationPlugin
        id={docName}
        providerFactory={providerFactory}
        // The server seeds every new document with one empty paragraph; a client seeding too would double it.
        shouldBootstrap={false}
        username={initialIdentity.name}
        cursorColor={initialIdentity.color}
        awarenessData={awarenessData}
        cursorsContainerRef={cursorsContainerRef}
        syncCursorPositionsFn={syncCursorPositionsFn}
      />
    </div>
  );
}
