// The page's service worker: after the first visit the page works offline.
//
// Network first, then the cache: online, every file comes fresh from the server (and refreshes
// the cache), so a new build is never hidden behind an old copy; offline, the cached copy
// answers. VERSION names the cache; bump it when FILES or the strategy change, and the old
// cache is deleted when the new worker takes over.
const VERSION = 'rolling-update-page-v1';
const FILES = [
  './',
  'index.html',
  'style.css',
  'noscript.css',
  'boot.js',
  'app.js',
  'form.js',
  'plan.js',
  'texts.js',
  'favicon.svg',
  'pkg/rolling_update_wasm.js',
  'pkg/rolling_update_wasm_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== VERSION).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(VERSION).then((cache) => cache.put(request, copy)));
    }
    return response;
  }).catch(() => caches.open(VERSION)
    .then((cache) => cache.match(request, { ignoreSearch: true }))
    .then((hit) => hit ?? Response.error())));
});
