// The playground works offline after the first visit: every file it needs is cached on install
// and served from the cache first. scripts/build-web.sh stamps BUILD with the module's hash, so a
// new build installs a new cache and drops the old one.
const CACHE = 'everynode-BUILD';
const FILES = ['./', 'index.html', 'style.css', 'worker.js', 'manifest.webmanifest', 'favicon.svg',
  'pkg/everynode_web.js', 'pkg/everynode_web_bg.wasm'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  if (e.request.method !== 'GET' || new URL(e.request.url).origin !== self.location.origin) return;
  e.respondWith(caches.open(CACHE).then((c) => c.match(e.request, { ignoreSearch: true })
    .then((hit) => hit || fetch(e.request).then((r) => {
      if (r.ok) c.put(e.request, r.clone());
      return r;
    }))));
});
