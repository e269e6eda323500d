// Hands a downloaded file to the browser's "save" flow through a temporary object URL.
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later rather than at once: some browsers read the URL only after the click event returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
