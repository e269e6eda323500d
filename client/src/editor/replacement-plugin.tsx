// Reacts when the document's whole content is replaced from outside the editor (a version restored, a file
// imported; see shared/replacement-notice.ts): drops this editor's undo history, whose steps pointed into the
// replaced text (Ctrl+Z then brought fragments of the old document back, for everyone), holds typing while a large
// replacement is still arriving, and reports the notice.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { watchReplacement, type RecordedReplacement, type ReplacementNotice } from '../../../shared/replacement-notice';
import { restoreUndoneBy } from '../../../shared/restore-labels';
import { formatClockTime } from '../docs/format-time';
import { collabUndoManagerOf } from './collab-undo-manager';
import { holdTyping } from './editable-plugin';

export function ReplacementPlugin({ doc, onReplaced }: { doc: Y.Doc; onReplaced: (notice: RecordedReplacement) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      watchReplacement(doc, (notice) => {
        // Here, as the notice arrives (just before the replacement's first change): a render later, a keystroke could
        // already have gone into the half-arrived new content.
        if (notice !== null && !notice.isComplete) holdTyping(editor);
        collabUndoManagerOf(editor)?.clear();
        if (notice !== null) onReplaced(notice);
      }),
    [editor, doc, onReplaced],
  );
  return null;
}

/**
 * What the notice bar says: "Ann restored the version “Draft 2”." With `hadEditsAway` (it reached this page as it
 * came back with edits of its own, made offline), it also says where those of its words that were in the replaced text
 * went: a version of their own, which the server names as below (version-service.ts, document-service.ts).
 */
export function describeReplacement(notice: ReplacementNotice, { hadEditsAway = false } = {}): string {
  if (hadEditsAway) {
    return `While you were offline: ${describeReplacement(notice)} Words you typed meanwhile in the text it replaced are kept in History, in “${keptEditsLabel(notice)}”.`;
  }
  const who = notice.author ?? 'Someone';
  if (notice.kind === 'import') return `${notice.author === null ? 'An administrator' : who} replaced the document with an imported file.`;
  const undone = notice.version === null ? null : restoreUndoneBy(notice.version);
  if (undone !== null) return `${who} undid the restore of “${undone}”: the document is as it was before.`;
  return `${who} restored ${restoredVersion(notice)}.`;
}

/** The version the server keeps the edits that crossed `notice`'s replacement in. */
function keptEditsLabel(notice: ReplacementNotice): string {
  if (notice.kind === 'import') return 'Edits made during the import';
  const version = notice.version ?? '';
  const undone = restoreUndoneBy(version);
  return undone === null ? `Edits made during the restore of ${version}` : `Edits made while the restore of ${undone} was undone`;
}

/** What the notice bar says while the new content arrives: "Ann is restoring the version “Draft 2”…" */
export function describeReplacementUnderWay(notice: ReplacementNotice): string {
  const who = notice.author ?? (notice.kind === 'import' ? 'An administrator' : 'Someone');
  if (notice.kind === 'import') return `${who} is replacing the document with an imported file…`;
  const undone = notice.version === null ? null : restoreUndoneBy(notice.version);
  if (undone !== null) return `${who} is undoing the restore of “${undone}”…`;
  return `${who} is restoring ${restoredVersion(notice)}…`;
}

/** "the version “Draft 2”", or for a version without a label "the version of today, 14:02" in this page's time. */
function restoredVersion(notice: ReplacementNotice): string {
  if (notice.versionAt !== null) return `the version of ${formatClockTime(notice.versionAt)}`;
  return notice.version === null ? 'an earlier version' : `the version “${notice.version}”`;
}
