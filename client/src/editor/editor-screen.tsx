// The editor page for one document: opens its collaboration session, resolves who the user is, and lays out the
// header, toolbar, document and history drawer around the Lexical composer.
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CloseCode } from '../../../shared/close-codes';
import { editorNodes } from '../../../shared/lexical/nodes';
import type { RecordedReplacement } from '../../../shared/replacement-notice';
import type { CollabSession } from '../collab/collab-session';
import { rememberDisplayName, resolveIdentity, type Identity } from '../collab/identity';
import { useRoomColor } from '../collab/use-room-color';
import { PresenceBar } from '../collab/presence-bar';
import { StatusPills } from '../collab/status-pills';
import { isRefusedChange } from '../collab/refused-change';
import { readTokenClaims } from '../collab/token-claims';
import { createTokenSource, type TokenSource } from '../collab/token-source';
import { useCollabSession } from '../collab/use-collab-session';
import { useValue } from '../collab/use-value';
import type { ClientConfig } from '../config';
import { createDocApi } from '../docs/doc-api';
import { DownloadMenu } from '../docs/download-menu';
import { HistoryPanel } from '../docs/history-panel';
import type { HeldKeys } from '../hold-keys';
import { useMediaQuery } from '../use-media-query';
import { DocHeader } from './doc-header';
import { DocumentEditor } from './document-editor';
import { HistoryButton } from './history-button';
import type { FilesNotAddedNotice } from './files-not-added';
import { FilesNotAddedBar } from './files-not-added-bar';
import { DiscardedBar, NoticeBar, ReplacementBar, ReplacingBar, ViewOnlyNotice } from './notice-bar';
import { RefusedChangeBar } from './refused-change-bar';
import { useReplacementInProgress } from './use-replacement-in-progress';
import { describeReplacement, describeReplacementUnderWay } from './replacement-plugin';
import { ShareButton } from './share-button';
import { editorTheme } from './theme';
import { Toolbar } from './toolbar';
import { keepDroppedFiles } from './keep-dropped-files';
import { useDocumentTitle, useRememberedTitle, type TitleState } from './use-document-title';
import { useHeightVariable } from './use-height-variable';
import { WordCountPlugin, type WordCountPlace } from './word-count-plugin';

/** A restore this page asked for arrives within this long (the request waits for the commit that sends it). */
const OWN_RESTORE_WINDOW_MS = 30_000;
/** Windows too narrow for the word count beside the text column, without and with the history drawer open. */
const WORD_COUNT_MARGIN = '(max-width: 1100px)';
const WORD_COUNT_MARGIN_WITH_DRAWER = '(max-width: 1440px)';
/** Phones, whose top bar has no room for the count either (styles.css, the same width). */
const PHONE = '(max-width: 720px)';

export interface EditorScreenProps {
  readonly config: ClientConfig;
  readonly docName: string;
  readonly storage: Storage;
  /** Keys typed while this document, just started here, opened (see typed-ahead.ts): the editor types them in. */
  readonly typedAhead?: HeldKeys | null;
  /** Called when the document's content shows (once per session): the page starts its background work then. */
  readonly onContentReady?: () => void;
}

export function EditorScreen({ config, docName, storage, typedAhead = null, onContentReady }: EditorScreenProps) {
  const claims = useMemo(() => readTokenClaims(config.token), [config.token]);
  const tokenSource = useMemo(() => createTokenSource({ token: config.token, tokenUrl: config.tokenUrl }), [config.token, config.tokenUrl]);
  const [initialIdentity] = useState(() => resolveIdentity({ nameParam: config.nameParam, tokenName: claims.name, storage }));
  useForgetNameParam(config.addressWithoutName);
  useEffect(() => keepDroppedFiles(window, isInEditableText), []);
  const { session, reopen } = useCollabSession({ docName, collabUrl: config.collabUrl, tokenSource, storage, isViewer: claims.role === 'viewer' });
  const title = useDocumentTitle(docName, storage);
  // The document whose refused change this page discarded, so the session opened after it says where the page is now.
  const [discardedDoc, setDiscardedDoc] = useState<string | null>(null);
  const discardUnsavedEdits = useCallback(async () => {
    if (session === null) return;
    await session.discardUnsavedEdits();
    setDiscardedDoc(docName);
    reopen();
  }, [session, docName, reopen]);

  if (session === null) return <div className="editor-page editor-loading" aria-busy="true" />;
  return (
    <EditorLayout
      key={session.doc.guid}
      config={config}
      docName={docName}
      storage={storage}
      session={session}
      tokenSource={tokenSource}
      initialIdentity={initialIdentity}
      title={title}
      hasDiscarded={discardedDoc === docName}
      onDiscardUnsavedEdits={discardUnsavedEdits}
      typedAhead={typedAhead}
      onContentReady={onContentReady}
    />
  );
}

interface EditorLayoutProps extends EditorScreenProps {
  readonly session: CollabSession;
  /** The session's token source: the user API renews through the same one. */
  readonly tokenSource: TokenSource;
  readonly initialIdentity: Identity;
  readonly title: TitleState;
  /** This page has discarded a refused change and opened the document again: the layout says so until dismissed. */
  readonly hasDiscarded: boolean;
  readonly onDiscardUnsavedEdits: () => Promise<void>;
}

function EditorLayout({ config, docName, storage, session, tokenSource, initialIdentity, title, hasDiscarded, onDiscardUnsavedEdits, typedAhead, onContentReady }: EditorLayoutProps) {
  const [identity, setIdentity] = useState(initialIdentity);
  const { color: roomColor, rejoin } = useRoomColor(session.provider, identity);
  const shownIdentity = useMemo(() => ({ ...identity, color: roomColor }), [identity, roomColor]);
  const [isHistoryOpen, setIsHistoryOpen] = useState(false);
  // The word count sits in the margin beside the text where the margin can hold it, else in the top bar (see
  // .word-count in styles.css): the history drawer moves the text into that margin. A phone's top bar has no room
  // left (the count pushed the avatars off the title's row): there it closes the document, under its last line.
  const isMarginNarrow = useMediaQuery(isHistoryOpen ? WORD_COUNT_MARGIN_WITH_DRAWER : WORD_COUNT_MARGIN);
  const isPhone = useMediaQuery(PHONE);
  const wordCountPlace: WordCountPlace = isPhone ? 'end' : isMarginNarrow ? 'top-bar' : 'corner';
  /** What the last replacement seen while the document was open says, until dismissed. */
  const [replacedMessage, setReplacedMessage] = useState<{ text: string; hadEditsAway: boolean } | null>(null);
  const [showsDiscarded, setShowsDiscarded] = useState(hasDiscarded);
  const [filesNotAdded, setFilesNotAdded] = useState<FilesNotAddedNotice | null>(null);
  /** Changes with every replacement, so an open history panel re-reads its list (a restore adds a version). */
  const [replacements, setReplacements] = useState(0);
  const topBarRef = useRef<HTMLElement>(null);
  useHeightVariable(topBarRef, '--top-bar-height');
  const connection = useValue(session.connection);
  // Counts the times the connection came back: an open history panel reads its list again (it may have failed offline).
  const [connects, setConnects] = useState(0);
  useEffect(() => {
    if (connection.state === 'connected') setConnects((count) => count + 1);
  }, [connection.state]);
  // A deleted document's versions went with it: the drawer closes and cannot open again.
  const isDeleted = connection.stopCode === CloseCode.DocumentDeleted;
  useEffect(() => {
    if (isDeleted) setIsHistoryOpen(false);
  }, [isDeleted]);
  const access = useValue(session.access);
  const isContentReady = useValue(session.isContentReady);
  useRememberedTitle(docName, storage, title.value, isContentReady);
  useEffect(() => {
    if (isContentReady) onContentReady?.();
  }, [isContentReady, onContentReady]);
  const identityRef = useRef(identity);
  identityRef.current = identity;
  const api = useMemo(
    () => createDocApi({ docName, tokenSource, authorName: () => identityRef.current.name }),
    [docName, tokenSource],
  );
  const isReadOnly = !access.canEdit || connection.stopReason !== null;
  // Stopped before any content arrived (deleted, refused, too large): there is nothing to format, share, download,
  // count or rename oneself in, so the page shows the reason and the way back, not the editing tools around them.
  const couldNotOpen = connection.stopReason !== null && !isContentReady;
  // The server refused this page's change (too large): the notice offers the way out instead of only the reason,
  // even before the content showed (a change it refused came from this browser's copy, which the way out clears).
  const isChangeRefused = isRefusedChange(connection.stopCode) && connection.stopReason !== null;
  const localCopy = useMemo(() => ({ doc: session.doc, hasUnsavedEdits: () => session.hasUnsavedEdits.get() }), [session]);

  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'tandem',
      nodes: [...editorNodes],
      theme: editorTheme,
      // null: the shared Y.Doc owns the content, Lexical must not seed its own empty paragraph.
      editorState: null,
      // EditablePlugin turns editing on once the content is known and the user may edit.
      editable: false,
      onError: (error) => console.error('tandem: editor error', error),
    }),
    [],
  );

  /** When this page last asked for a restore: its own panel already says so, so the banner is for the others. */
  const ownRestoreAskedAt = useRef<number | null>(null);
  const { inProgress: replacementInProgress, noticesHeard, noteReplacement } = useReplacementInProgress(session.doc);
  const onReplaced = useCallback(
    (notice: RecordedReplacement) => {
      noteReplacement(notice);
      if (!notice.isComplete) return;
      setReplacements((count) => count + 1);
      const isOwnRestore = notice.kind === 'restore' && ownRestoreAskedAt.current !== null && Date.now() - ownRestoreAskedAt.current < OWN_RESTORE_WINDOW_MS;
      if (isOwnRestore) {
        ownRestoreAskedAt.current = null;
        // Whatever an earlier banner said about the content (someone else's import or restore) is old news now.
        setReplacedMessage(null);
      }
      // One that arrives with the content on opening is old news.
      // One that comes with the catching up as the page reconnects, over edits made offline, says where those went.
      else if (session.isContentReady.get()) {
        const hadEditsAway = !session.provider.synced && session.hasUnsavedEdits.get();
        setReplacedMessage({ text: describeReplacement(notice, { hadEditsAway }), hadEditsAway });
      }
    },
    [session, noteReplacement],
  );

  const rename = (name: string) => {
    const next = rememberDisplayName(storage, name);
    setIdentity(next);
    // Straight into awareness: peers see the new name and its colour at once, without a reconnect. The new name
    // arrives now, so should someone else have its colour, useRoomColor moves this page on, not them.
    rejoin();
    session.provider.awareness.setLocalStateField('name', next.name);
    session.provider.awareness.setLocalStateField('color', next.color);
  };

  // Only once the content is known: "0 words" would describe a document still on its way (for a moment on every
  // opening, for as long as the page waits for the connection) or one that could not be opened.
  const wordCount = isContentReady ? <WordCountPlugin place={wordCountPlace} /> : null;

  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        <div className={isHistoryOpen ? 'editor-page with-drawer' : 'editor-page'}>
          {/* The page's banner landmark: the header row, the toolbar and the notices under them, sticky together. */}
          <header className="top-bar" ref={topBarRef}>
            <DocHeader
              title={title.value}
              docName={docName}
              status={
                <>
                  <StatusPills connection={connection} hasUnsavedEdits={session.hasUnsavedEdits} isViewOnly={!access.canEdit} hasContent={isContentReady} />
                  {wordCountPlace === 'top-bar' && wordCount}
                </>
              }
              presence={couldNotOpen ? null : <PresenceBar awareness={session.provider.awareness} identity={shownIdentity} onRename={rename} />}
              actions={
                couldNotOpen ? null : (
                  <>
                    <ShareButton origin={config.origin} docName={docName} needsAccessLinks={config.token !== undefined} />
                    <DownloadMenu api={api} docName={docName} fileTitle={title.value ?? ''} localCopy={localCopy} />
                    <HistoryButton isOpen={isHistoryOpen} isDeleted={isDeleted} onToggle={() => setIsHistoryOpen((open) => !open)} />
                  </>
                )
              }
            />
            {!couldNotOpen && <Toolbar />}
            {/* In the sticky bar, so they stay in view wherever the page is scrolled (someone typing at the end of a
                long document learns at once that their edits stopped), and take room above the text instead of
                lying over it. */}
            <div className="bar-notices">
              {isChangeRefused ? (
                <RefusedChangeBar
                  stopCode={connection.stopCode}
                  reason={connection.stopReason ?? ''}
                  doc={session.doc}
                  docName={docName}
                  fileTitle={title.value ?? ''}
                  onDiscard={onDiscardUnsavedEdits}
                />
              ) : (
                <NoticeBar connection={connection} hasContent={isContentReady} />
              )}
              {showsDiscarded && connection.stopReason === null && <DiscardedBar onDismiss={() => setShowsDiscarded(false)} />}
              {replacementInProgress !== null && <ReplacingBar message={describeReplacementUnderWay(replacementInProgress)} />}
              {replacedMessage !== null && <ReplacementBar message={replacedMessage.text} hadEditsAway={replacedMessage.hadEditsAway} onDismiss={() => setReplacedMessage(null)} />}
              {filesNotAdded !== null && <FilesNotAddedBar notice={filesNotAdded} onDismiss={() => setFilesNotAdded(null)} />}
            </div>
          </header>
          <ViewOnlyNotice connection={connection} access={access} hasContent={isContentReady} />
          {wordCountPlace === 'corner' && wordCount}
          <main className="page">
            <DocumentEditor
              docName={docName}
              session={session}
              initialIdentity={initialIdentity}
              isReadOnly={isReadOnly}
              isViewOnly={!access.canEdit}
              isEditable={isContentReady && !isReadOnly && replacementInProgress === null}
              editableResync={noticesHeard}
              typedAhead={typedAhead}
              onTitle={title.set}
              onReplaced={onReplaced}
              onFilesNotAdded={setFilesNotAdded}
            />
            {wordCountPlace === 'end' && wordCount}
          </main>
          {isHistoryOpen && (
            <HistoryPanel
              api={api}
              canEdit={access.canEdit}
              changes={replacements + connects}
              doc={session.doc}
              awareness={session.provider.awareness}
              onRestoring={() => (ownRestoreAskedAt.current = Date.now())}
              onClose={() => setIsHistoryOpen(false)}
            />
          )}
        </div>
      </LexicalComposer>
    </LexicalCollaboration>
  );
}

/** Whether a drag is over the document's editable text, which takes dropped files itself. */
function isInEditableText(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-testid=editor] [contenteditable=true]') !== null;
}

/**
 * Once `?name=` is remembered (resolveIdentity did it), takes it out of the address bar: left there, every reload
 * would set the name again and undo a rename made since. The history entry is replaced, not added: Back still leaves.
 */
function useForgetNameParam(addressWithoutName: string | undefined): void {
  useEffect(() => {
    if (addressWithoutName !== undefined) window.history.replaceState(window.history.state, '', addressWithoutName);
  }, [addressWithoutName]);
}
