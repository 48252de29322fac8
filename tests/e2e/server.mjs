// A static server for the built site, mounted under a sub-path the way a blog hosts it
// (`/tools/deal/`), so the tests prove the folder does not assume it sits at `/`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Serves `root` under `prefix` on 127.0.0.1 and an ephemeral port.
 * `headers` are added to every response (the CSP tests use them). `cache` is the
 * `Cache-Control` header sent with every file (`no-store` unless told), or none with `null`,
 * as a host that sends no cache headers does. With `gzip`, a file is sent gzip-compressed (level 9,
 * as the size budget counts it) to a browser that accepts it, as static hosts do; each file is
 * compressed once, so the time it takes never lands in a measured load.
 */
export async function startServer({ root, prefix = '/tools/deal/', headers = {}, cache = 'no-store', gzip = false } = {}) {
  const base = resolve(root);
  const requests = [];
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let relative = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = normalize(join(base, relative));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      const path = info.isDirectory() ? join(file, 'index.html') : file;
      const encode = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && extname(path) !== '.png';
      if (encode && !compressed.has(path)) compressed.set(path, gzipSync(await readFile(path), { level: 9 }));
      const body = encode ? compressed.get(path) : await readFile(path);
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        ...(cache === null ? {} : { 'cache-control': cache }),
        ...(encode ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
