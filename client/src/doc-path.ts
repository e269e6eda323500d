// The editor's address for a document, as the server routes it (`/d/<doc>`).
export function docPath(docName: string): string {
  return `/d/${encodeURIComponent(docName)}`;
}
