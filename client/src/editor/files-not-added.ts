// What the page says about files dropped or pasted on the document that cannot go in it. Documents hold text only:
// a picture, or a PDF, went nowhere without a word, and the person was left wondering whether the drop had missed.
// Nor can anything go in while the text is read-only (a viewer's link, a stopped connection): that is said the same way.

export interface FilesNotAddedNotice {
  /** Why, in a sentence. */
  readonly headline: string;
  /** Which files, and what can go in instead. */
  readonly detail: string;
}

/** Pictures by their type, or by their name when the system gave none. */
const PICTURE_NAME = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?|heic|heif)$/i;
/** Names listed in full up to this many; past it, the rest are counted. */
const NAMES_SHOWN = 3;

export function isPictureFile(file: Pick<File, 'name' | 'type'>): boolean {
  return file.type.startsWith('image/') || PICTURE_NAME.test(file.name);
}

/** The notice for `files`, which were not added; null when there are none. */
export function filesNotAddedNotice(files: ReadonlyArray<Pick<File, 'name' | 'type'>>): FilesNotAddedNotice | null {
  if (files.length === 0) return null;
  const pictures = files.filter(isPictureFile);
  const hasOthers = pictures.length < files.length;
  const headline = pictures.length > 0 ? "Pictures can't go in a Tandem document yet." : "Only text can go in a Tandem document.";
  const which = `${namesOf(files, pictures.length === files.length ? 'picture' : 'file')} ${files.length === 1 ? 'was' : 'were'} not added`;
  return { headline, detail: hasOthers ? `${which}; text and Markdown files (.txt, .md) can be dropped in.` : `${which}.` };
}

/** What was dropped or pasted on text that could not take it: files, by name, or text (a link, words, a paste). */
export type RefusedContent =
  | { readonly kind: 'files'; readonly files: ReadonlyArray<Pick<File, 'name' | 'type'>> }
  | { readonly kind: 'link' | 'text' | 'paste' };

const REFUSED_CONTENT = { link: 'The link was', text: 'The text was', paste: 'What you pasted was' } as const;

/** The notice for `refused`, dropped or pasted while the text may not be edited; `isViewOnly`: by this person. */
export function readOnlyNotice(refused: RefusedContent, isViewOnly: boolean): FilesNotAddedNotice {
  const headline = isViewOnly ? 'This document is view-only.' : "This document can't be edited right now.";
  if (refused.kind !== 'files' || refused.files.length === 0) {
    return { headline, detail: `${REFUSED_CONTENT[refused.kind === 'files' ? 'paste' : refused.kind]} not added.` };
  }
  const { files } = refused;
  const noun = files.every(isPictureFile) ? 'picture' : 'file';
  return { headline, detail: `${namesOf(files, noun)} ${files.length === 1 ? 'was' : 'were'} not added.` };
}

/** "a.png", "a.png and b.pdf", "a.png, b.pdf and c.doc", "a.png, b.pdf and 3 other files". */
function namesOf(files: ReadonlyArray<Pick<File, 'name'>>, noun: 'picture' | 'file'): string {
  const names = files.map((file, index) => file.name.trim() || (files.length === 1 ? `The ${noun}` : `${noun} ${index + 1}`));
  if (names.length === 1) return names[0]!;
  const shown = names.length > NAMES_SHOWN ? [...names.slice(0, NAMES_SHOWN - 1), `${names.length - NAMES_SHOWN + 1} other ${noun}s`] : names;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
