// A file dragged onto the editor page anywhere but the text (the header, the margins, the history drawer) is not
// handed to the browser, whose default is to open it in place of the page, as Google Docs also prevents; the cursor
// says it cannot go there. Dropped on the text, Lexical takes it (markdown-paste-plugin.tsx inserts text files).

/** Starts guarding `window`; `isInText` says whether a drag's target is the editable text. Returns the way to stop. */
export function keepDroppedFiles(window: Window, isInText: (target: EventTarget | null) => boolean): () => void {
  const refuse = (event: DragEvent) => {
    if (event.defaultPrevented || !event.dataTransfer?.types.includes('Files') || isInText(event.target)) return;
    event.preventDefault();
    if (event.type === 'dragover') event.dataTransfer.dropEffect = 'none';
  };
  window.addEventListener('dragover', refuse);
  window.addEventListener('drop', refuse);
  return () => {
    window.removeEventListener('dragover', refuse);
    window.removeEventListener('drop', refuse);
  };
}
