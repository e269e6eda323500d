// The words a new link shows when it is inserted at the caret (nothing selected): what the person typed in the link
// form's text field, or, left empty, the address itself, as Google Docs does.

/** `typed` without the spaces around it; the address when nothing else is left. */
export function linkTextOf(typed: string, url: string): string {
  const text = typed.trim();
  return text === '' ? url : text;
}
