// What is dropped or pasted on the text while it may not be edited (a viewer's link, a stopped connection, the content
// not there yet) is not added, and the page says so. Lexical ignores drops and pastes on a read-only editor, and
// keep-dropped-files.ts refused a file there on the way ('none'): a viewer's drop did nothing at all. Taken here, the
// drop is also kept from the browser's default one, which can open a dropped link or file in place of the page.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useRef } from 'react';
import { readOnlyNotice, type FilesNotAddedNotice, type RefusedContent } from './files-not-added';

/** The drags a read-only text takes only to say they did not go in: files, links, text. */
const DROPPED_TYPES = ['Files', 'text/uri-list', 'text/plain', 'text/html'];

export interface ReadOnlyDropsPluginProps {
  /** This person may only view (else the text is read-only for a while, or the connection stopped). */
  readonly isViewOnly: boolean;
  readonly onNotAdded: (notice: FilesNotAddedNotice) => void;
}

export function ReadOnlyDropsPlugin({ isViewOnly, onNotAdded }: ReadOnlyDropsPluginProps) {
  const [editor] = useLexicalComposerContext();
  // Read when something comes, so new props do not register the listeners again.
  const latest = useRef({ isViewOnly, onNotAdded });
  latest.current = { isViewOnly, onNotAdded };
  useEffect(() => {
    // A drag that starts in this page (a viewer dragging a selection of the text) is theirs to drop back: not news.
    let isDragFromPage = false;
    const isOnReadOnlyText = (target: EventTarget | null) => {
      const root = editor.getRootElement();
      return !editor.isEditable() && root !== null && target instanceof Node && root.contains(target);
    };
    const refuse = (event: Event, refused: RefusedContent) => {
      event.preventDefault();
      latest.current.onNotAdded(readOnlyNotice(refused, latest.current.isViewOnly));
    };
    const onDragStart = () => (isDragFromPage = true);
    const onDragEnd = () => (isDragFromPage = false);
    // Taken (the default prevented), so that the drop comes here rather than to the browser, which opens a dropped
    // file or link in place of the page; on `document`, before keep-dropped-files.ts refuses it on `window`.
    const onDragOver = (event: DragEvent) => {
      if (isDragFromPage || !isOnReadOnlyText(event.target) || event.dataTransfer === null || !carriesContent(event.dataTransfer)) return;
      event.preventDefault();
      // Not 'none' (the drop would never come): a copy, which every file, link or text a program drags allows.
      event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      const wasFromPage = isDragFromPage;
      // Here too, not only on dragend: that one goes to where the drag started, which may have left the page meanwhile.
      isDragFromPage = false;
      if (wasFromPage || !isOnReadOnlyText(event.target) || event.dataTransfer === null || !carriesContent(event.dataTransfer)) return;
      refuse(event, droppedContent(event.dataTransfer));
    };
    // A paste on read-only text reaches the page's body (the text cannot take the focus), so it is known by the
    // selection, which a click in the text leaves there; a paste into a field (a rename, a link) is the field's.
    const onPaste = (event: ClipboardEvent) => {
      if (isField(event.target) || !(isOnReadOnlyText(event.target) || isOnReadOnlyText(document.getSelection()?.anchorNode ?? null))) return;
      const files = event.clipboardData === null ? [] : [...event.clipboardData.files];
      refuse(event, files.length > 0 ? { kind: 'files', files } : { kind: 'paste' });
    };
    const listeners = [
      ['dragstart', onDragStart],
      ['dragend', onDragEnd],
      ['dragover', onDragOver],
      ['drop', onDrop],
      ['paste', onPaste],
    ] as const;
    for (const [type, listener] of listeners) document.addEventListener(type, listener as EventListener);
    return () => {
      for (const [type, listener] of listeners) document.removeEventListener(type, listener as EventListener);
    };
  }, [editor]);
  return null;
}

function carriesContent(transfer: DataTransfer | null): boolean {
  return transfer !== null && DROPPED_TYPES.some((type) => transfer.types.includes(type));
}

function droppedContent(transfer: DataTransfer): RefusedContent {
  if (transfer.files.length > 0) return { kind: 'files', files: [...transfer.files] };
  return { kind: transfer.types.includes('text/uri-list') ? 'link' : 'text' };
}

function isField(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLElement && target.isContentEditable);
}
