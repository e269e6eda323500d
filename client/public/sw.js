// The offline app shell: pages are network first and fall back to the cached index.html, hashed assets are cache
// first. It never touches the APIs, the WebSocket or the probes. Registered as /sw.js?build=<id> (see
// client/src/register-service-worker.ts), so each deploy is a new worker with its own cache.
const BUILD = new URL(self.location.href).searchParams.get('build') ?? 'unversioned';
const CACHE_PREFIX = 'tandem-shell-';
const CACHE = CACHE_PREFIX + BUILD;
const SHELL = '/';
const NOT_PAGES = ['/api', '/admin', '/collab', '/healthz', '/readyz', '/metrics', '/sw.js'];
// Asset names in index.html, and in the chunks and styles themselves (lazy chunks, fonts): all live flat in /assets/.
const ASSET_REFERENCE = /["'`(](?:\.\/|\/?assets\/)([\w.-]+\.(?:js|css|woff2?|ttf|svg|png|jpe?g|webp|avif))["'`)]/g;

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOldCaches().then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate' && !isUnderAny(url.pathname, NOT_PAGES)) {
    event.respondWith(networkFirstPage(request));
  }
});

async function deleteOldCaches() {
  const names = await caches.keys();
  const old = names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE);
  await Promise.all(old.map((name) => caches.delete(name)));
}

function isUnderAny(pathname, prefixes) {
  return prefixes.some((prefix) => pathname === prefix || pathname.startsWith(prefix + '/'));
}

/** index.html and every asset reachable from it. A network error fails the install (the old worker stays). */
async function precache() {
  const cache = await caches.open(CACHE);
  const page = await fetch(SHELL, { cache: 'reload' });
  if (!page.ok) throw new Error(`sw: ${SHELL} answered ${page.status}`);
  await cache.put(SHELL, page.clone());
  const seen = new Set();
  let pending = assetPaths(await page.text(), seen);
  while (pending.length > 0) {
    const found = await Promise.all(pending.map((path) => precacheAsset(cache, path, seen)));
    pending = found.flat();
  }
}

/** Caches one asset and returns the asset paths it mentions that were not seen yet. */
async function precacheAsset(cache, path, seen) {
  const response = await fetch(path);
  // A name that only looked like an asset answers 404: nothing to keep.
  if (!response.ok) return [];
  await cache.put(path, response.clone());
  return /\.(?:js|css)$/.test(path) ? assetPaths(await response.text(), seen) : [];
}

function assetPaths(text, seen) {
  const paths = [];
  for (const [, name] of text.matchAll(ASSET_REFERENCE)) {
    const path = `/assets/${name}`;
    if (!seen.has(path)) paths.push(path);
    seen.add(path);
  }
  return paths;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached !== undefined) return cached;
  const response = await fetch(request);
  if (response.ok) {
    // Not kept (quota, say) only means it is fetched again next time; the page still gets it now.
    await cache.put(request, response.clone()).catch((error) => console.warn('sw: not cached', request.url, error));
  }
  return response;
}

async function networkFirstPage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    // Offline, or the server is down: the app page routes itself, and the document comes from this device.
    const shell = await (await caches.open(CACHE)).match(SHELL);
    if (shell === undefined) throw error;
    return shell;
  }
}
