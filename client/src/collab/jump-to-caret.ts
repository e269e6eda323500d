// Clicking someone's avatar takes you to where they are in the text, as in Google Docs: their caret scrolls into
// the middle of the window and its name label shows for a moment. The carets are CollaborationPlugin's, found by
// their name label inside the editor frame.

/** How long the label stays up after the jump. */
const LABEL_SHOWN_MS = 2_500;

/** Scrolls `name`'s caret into view; false when that person has no caret in the text (they are elsewhere). */
export function jumpToCaretOf(name: string, root: ParentNode = document): boolean {
  const labels = root.querySelectorAll<HTMLElement>('[data-testid=editor-frame] .ed-remote-name');
  const caret = Array.from(labels)
    .find((label) => label.textContent === name)
    ?.closest<HTMLElement>('.ed-remote-caret');
  if (caret === null || caret === undefined) return false;
  // At once, not smoothly: a smooth scroll stops short when anything else scrolls the page meanwhile.
  caret.scrollIntoView({ block: 'center' });
  caret.classList.add('is-active');
  setTimeout(() => caret.classList.remove('is-active'), LABEL_SHOWN_MS);
  return true;
}
