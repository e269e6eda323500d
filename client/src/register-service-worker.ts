// Registers the offline app shell (client/public/sw.js). The worker's URL carries an id of this build's assets, so
// a new deploy is a new worker script: the browser installs it, and it replaces the previous build's cache.
export function registerServiceWorker(container: ServiceWorkerContainer, page: Document): void {
  const url = `/sw.js?build=${buildId(page)}`;
  const register = () => {
    container.register(url, { scope: '/' }).catch((error: unknown) => {
      // Without the worker the app still works online; it just cannot open offline.
      console.warn('Tandem: the offline app shell could not be registered', error);
    });
  };
  // After the page's own loads, so the worker's precache does not compete with them.
  if (page.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/**
 * Registers the shell once, through `register`: at once on a page other than an editor, else when the returned
 * function is called (the editor's document shows) or after `latestMs` (it never does), whichever comes first. The
 * worker precaches every asset and the browser compiles the scripts as it stores them: on an editor page, while the
 * page opened, that made the opening about a fifth slower on a two-core machine.
 */
export function scheduleOfflineShell(register: () => void, options: { isEditorPage: boolean; latestMs: number }): () => void {
  let isRegistered = false;
  const registerOnce = () => {
    if (isRegistered) return;
    isRegistered = true;
    register();
  };
  if (options.isEditorPage) setTimeout(registerOnce, options.latestMs);
  else registerOnce();
  return registerOnce;
}

/**
 * A short hash of the hashed asset names index.html references (its script and style sheet): it changes whenever the
 * build does, and is the same on every page of one build. Not the modulepreload link a document page adds for the
 * editor's chunk: with it, the home page and a document page registered two different workers, so going from one
 * to the other installed a worker anew (the whole precache again) and could abort the navigation under way.
 */
export function buildId(page: ParentNode): string {
  const names = [...page.querySelectorAll('script[src^="/assets/"], link[rel="stylesheet"][href^="/assets/"]')]
    .map((element) => element.getAttribute('src') ?? element.getAttribute('href') ?? '')
    .sort()
    .join(' ');
  let hash = 0x811c9dc5;
  for (let index = 0; index < names.length; index += 1) {
    hash = Math.imul(hash ^ names.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
