// Runs a callback whenever the page may be about to go: hidden (a tab switched away, a phone's app switched, which
// may be the last chance a mobile browser gives) or left. Writes that must outlive the page (the last-moment copy,
// IndexedDB batches, the unsaved ledger) hang on this.

/** Calls `run` as the page is hidden or left; the returned function stops it. */
export function whenPageGoes(run: () => void): () => void {
  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') run();
  };
  window.addEventListener('pagehide', run);
  document.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    window.removeEventListener('pagehide', run);
    document.removeEventListener('visibilitychange', onVisibilityChange);
  };
}
