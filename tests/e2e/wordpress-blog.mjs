// A WordPress post's host page for the embed tests: `page` at /post.html and WordPress's own
// `wp-embed.js` (extracted by `make wp-embed`) at /wp-embed.js, on an origin of its own.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HERE } from './browser.mjs';

export const WP_EMBED = join(HERE, '..', '..', 'target', 'wordpress', 'wp-embed.js');

/** Serves `page` at /post.html, and WordPress's `wp-embed.js` at /wp-embed.js, on an origin of its own. */
export async function blog(page) {
  const wpEmbed = await readFile(WP_EMBED, 'utf8');
  const server = createServer((req, res) => {
    if (req.url === '/wp-embed.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(wpEmbed);
    return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/post.html`, close: () => new Promise((ok) => server.close(ok)) };
}
