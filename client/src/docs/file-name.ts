// A download's file name from the document's title: characters file systems refuse become spaces, and leading or
// trailing dots go (a title of "..." made "....html", which browsers save as "html.html"). An empty result falls back
// to the document's name.
export function fileNameFor(title: string, docName: string): string {
  const cleaned = title
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .slice(0, 80)
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return cleaned === '' ? docName : cleaned;
}
