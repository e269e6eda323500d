// The version history drawer: saved versions newest first, each previewable and (for editors) restorable, and a
// form to name the current state as a version; a preview can show its changes against the document now. Re-reads the list after every action, since the server may have
// added versions of its own (an automatic one before a restore, say), when someone else names a version (see
// versions-signal.ts), when the page comes back into view, and every few seconds while it is in view.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { editorStateToHtml } from '../../../shared/lexical/editor-state-to-html';
import { editorFromYDoc } from '../../../shared/lexical/yjs-to-editor-state';
import { readReplacement } from '../../../shared/replacement-notice';
import { MAX_VERSION_LABEL_CHARS } from '../../../shared/restore-labels';
import { useAnnouncedText } from '../announce';
import { formatClockTime, formatRelativeTime } from './format-time';
import type { DocApi, Snapshot } from './doc-api';
import { VersionItem } from './version-item';
import { VersionPreview, type CurrentDocument } from './version-preview';
import { announceVersionsChanged, watchVersionsChanged } from './versions-signal';

/** A screen without a mouse, whose text fields bring up a keyboard. */
const TOUCH_SCREEN_QUERY = '(hover: none) and (pointer: coarse)';

/** How often an open panel reads the list again, for versions no page announces. */
const REREAD_INTERVAL_MS = 5_000;

/** What the panel last told the person, and the version that undoes their restore, when that is what it was. */
interface Notice {
  readonly text: string;
  readonly undo?: RestoreUndo;
  /**
   * For a notice about this person's restore: the replacement recorded before it. Once the restore has arrived, a
   * later replacement (someone else's restore or import) makes the notice untrue, and it goes.
   */
  readonly replacedBefore?: number | null;
}

/** Undoing a restore brings back the version kept just before it; offered only until the document changes again. */
interface RestoreUndo {
  readonly versionId: string;
  /** When the previous replacement was recorded, before this restore (see shared/replacement-notice.ts). */
  readonly replacedBefore: number | null;
}

interface Preview {
  readonly id: string;
  readonly title: string;
  readonly html: string;
}

export interface HistoryPanelProps {
  readonly api: DocApi;
  readonly canEdit: boolean;
  /** Changes when the document's content was replaced (by anyone) or the connection came back: the list is read again. */
  readonly changes: number;
  /** The live document: an offered Undo of a restore is withdrawn once anyone edits after it. */
  readonly doc: Y.Doc;
  /** The document's awareness: naming a version is announced through it, and others' announcements heard. */
  readonly awareness: Awareness;
  /** Called just before this panel asks for a restore: the page need not announce it to the person who asked. */
  readonly onRestoring: () => void;
  readonly onClose: () => void;
}

export function HistoryPanel({ api, canEdit, changes, doc, awareness, onRestoring, onClose }: HistoryPanelProps) {
  const [snapshots, setSnapshots] = useState<Snapshot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [label, setLabel] = useState('');
  const labelId = useId();
  const panelRef = useRef<HTMLElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useAnnouncedText(noticeRef);
  // Read from the shared document, as a download made here is: the same renderer as the version's export.
  const currentDocument = useMemo<CurrentDocument>(
    () => ({
      render: () => editorStateToHtml(editorFromYDoc(doc), window),
      watch: (onChange) => {
        doc.on('update', onChange);
        return () => doc.off('update', onChange);
      },
    }),
    [doc],
  );

  // Opening moves the keyboard into the panel (its first field, or its close button for viewers); closing gives the
  // focus back to what opened it, unless the person has since gone elsewhere. On a touch screen the focus goes to
  // the close button: a focused field would open the on-screen keyboard over the versions the person came to see.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const panel = panelRef.current;
    const isTouch = window.matchMedia(TOUCH_SCREEN_QUERY).matches;
    const labelField = isTouch ? null : panel?.querySelector<HTMLElement>('[data-testid=version-label]');
    const firstField = labelField ?? panel?.querySelector<HTMLElement>('[data-testid=history-close]');
    firstField?.focus();
    return () => {
      // By now the panel has left the page, and a focus that was in it has fallen back to the body.
      const active = document.activeElement;
      const isFocusLost = active === null || active === document.body || panel?.contains(active) === true;
      if (isFocusLost && opener?.isConnected) opener.focus();
    };
  }, []);

  const run = useCallback(async (busy: string, action: () => Promise<void>) => {
    setBusyId(busy);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Something went wrong.');
    } finally {
      setBusyId(null);
    }
  }, []);

  // Escape closes the preview when one is open, else the panel; not when something else (the link editor) took it,
  // nor while typing in the document, where Escape is the first step out of the editor (then Tab).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest('[contenteditable="true"]')) return;
      if (preview !== null) setPreview(null);
      else onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [preview, onClose]);

  const refresh = useCallback(() => run('list', async () => setSnapshots(await api.listSnapshots())), [api, run]);
  useEffect(() => {
    void refresh();
  }, [refresh, changes]);

  // Versions named by others: read again quietly (a failure here leaves the list as it was, and says nothing). Those
  // the server makes by itself (automatic ones, the edits made during a restore, a second or more after it) or an
  // administrator makes are announced by no page: the list is read again every few seconds while it is in view.
  useEffect(() => {
    const reread = () => void api.listSnapshots().then(setSnapshots, () => {});
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') reread();
    };
    const unwatch = watchVersionsChanged(awareness, reread);
    document.addEventListener('visibilitychange', onVisibilityChange);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reread();
    }, REREAD_INTERVAL_MS);
    return () => {
      unwatch();
      document.removeEventListener('visibilitychange', onVisibilityChange);
      clearInterval(timer);
    };
  }, [api, awareness]);

  const titleOf = (snapshot: Snapshot) => snapshot.label ?? formatRelativeTime(snapshot.createdAt);

  const togglePreview = (snapshot: Snapshot) =>
    run(snapshot.id, async () => {
      if (preview?.id === snapshot.id) return setPreview(null);
      setPreview({ id: snapshot.id, title: titleOf(snapshot), html: await api.exportSnapshotHtml(snapshot.id) });
    });

  const restore = (snapshot: Snapshot) =>
    run(snapshot.id, async () => {
      try {
        const replacedBefore = readReplacement(doc)?.at ?? null;
        onRestoring();
        const previousId = await api.restoreSnapshot(snapshot.id);
        const undo = previousId === null ? undefined : { versionId: previousId, replacedBefore };
        setNotice({ text: `${restoredText(snapshot)} Everyone in the document now sees that version.`, undo, replacedBefore });
        setPreview(null);
      } finally {
        // Also after a failure: the version may be gone, or the server may have added one.
        setSnapshots(await api.listSnapshots());
      }
    });

  // Undo would throw away whatever is written after the restore: once the restore has arrived here (its notice in the
  // document), the next change to the document withdraws the offer.
  const undo = notice?.undo;
  useEffect(() => {
    if (undo === undefined) return;
    const restoreArrived = () => {
      const latest = readReplacement(doc);
      // Whole: a large restore's pieces, which follow its notice, are not later changes.
      return latest !== null && latest.at !== undo.replacedBefore && latest.isComplete;
    };
    let hasArrived = restoreArrived();
    const onUpdate = () => {
      if (hasArrived) setNotice((current) => (current?.undo === undo ? { text: current.text, replacedBefore: current.replacedBefore } : current));
      else hasArrived = restoreArrived();
    };
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  }, [doc, undo]);

  // A notice about this person's restore goes once someone replaces the content again after it.
  const replacedBefore = notice?.replacedBefore;
  useEffect(() => {
    if (replacedBefore === undefined) return;
    /** The replacement the notice is about, once it has arrived here. */
    let ours: number | null | undefined;
    const onUpdate = () => {
      const latest = readReplacement(doc)?.at ?? null;
      if (latest === replacedBefore) return;
      if (ours === undefined) ours = latest;
      else if (latest !== ours) setNotice((current) => (current?.replacedBefore === replacedBefore ? null : current));
    };
    onUpdate();
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  }, [doc, replacedBefore]);

  // Restoring the version kept just before: the restore is a forward edit, so this is how it is taken back.
  const undoRestore = (versionId: string) =>
    run(versionId, async () => {
      try {
        const replacedBefore = readReplacement(doc)?.at ?? null;
        onRestoring();
        await api.restoreSnapshot(versionId);
        setNotice({ text: 'Restore undone: the document is as it was before.', replacedBefore });
      } finally {
        setSnapshots(await api.listSnapshots());
      }
    });

  const nameVersion = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = label.trim();
    if (trimmed === '') return;
    void run('create', async () => {
      await api.createSnapshot(trimmed);
      announceVersionsChanged(awareness);
      setLabel('');
      setNotice({ text: `Saved the current document as “${trimmed}”.` });
      setSnapshots(await api.listSnapshots());
    });
  };

  return (
    <aside className="history-panel" data-testid="history" aria-label="Version history" ref={panelRef}>
      <header className="history-header">
        <h2>Version history</h2>
        <button type="button" className="icon-button" data-testid="history-close" aria-label="Close version history" onClick={onClose}>
          ×
        </button>
      </header>

      {canEdit && (
        <form className="name-version" onSubmit={nameVersion}>
          <label htmlFor={labelId}>Name this version</label>
          <div className="name-version-row">
            <input
              id={labelId}
              className="text-input"
              data-testid="version-label"
              placeholder="e.g. Draft sent to Sam"
              maxLength={MAX_VERSION_LABEL_CHARS}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
            />
            <button type="submit" className="button button-primary" data-action="create-version" disabled={label.trim() === '' || busyId === 'create'}>
              Save
            </button>
          </div>
        </form>
      )}

      {error !== null && (
        <p className="field-error history-message" role="alert" data-testid="history-error">
          {error}
          {snapshots === null && (
            <>
              {' '}
              <button type="button" className="link-button" data-action="retry" onClick={() => void refresh()}>
                Try again
              </button>
            </>
          )}
        </p>
      )}
      {notice !== null && error === null && (
        <p ref={noticeRef} className="history-notice history-message" data-testid="history-notice">
          {notice.text}
          {notice.undo !== undefined && (
            <>
              {' '}
              <button type="button" className="link-button" data-action="undo-restore" disabled={busyId !== null} onClick={() => void undoRestore(notice.undo!.versionId)}>
                Undo
              </button>
            </>
          )}
        </p>
      )}
      {preview !== null && <VersionPreview title={preview.title} html={preview.html} current={currentDocument} onClose={() => setPreview(null)} />}

      {snapshots === null ? (
        // A failed load is explained by the error above, with its Try again.
        busyId === 'list' && <p className="history-empty">Loading versions…</p>
      ) : snapshots.length === 0 ? (
        <p className="history-empty">No versions yet. {canEdit ? 'Name one above to keep this moment.' : ''}</p>
      ) : (
        <ol className="version-list">
          {snapshots.map((snapshot) => (
            <VersionItem
              key={snapshot.id}
              snapshot={snapshot}
              isPreviewing={preview?.id === snapshot.id}
              canRestore={canEdit}
              isBusy={busyId === snapshot.id}
              onPreview={() => void togglePreview(snapshot)}
              onRestore={() => void restore(snapshot)}
            />
          ))}
        </ol>
      )}
    </aside>
  );
}

/** "Restored “Draft 2”.", or for a version without a label "Restored the version of today, 14:02.", as others read it. */
function restoredText(snapshot: Snapshot): string {
  if (snapshot.label !== null) return `Restored “${snapshot.label}”.`;
  return `Restored the version of ${formatClockTime(snapshot.createdAt)}.`;
}
