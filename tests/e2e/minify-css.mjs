// Minifies stylesheets in place for the release build: `node minify-css.mjs FILE…`. Whitespace,
// comments and shorter spellings only (`restructure: false`): no rules are merged or moved, so
// the cascade cannot change.
import { readFile, writeFile } from 'node:fs/promises';
import { minify } from 'csso';

for (const file of process.argv.slice(2)) {
  const css = await readFile(file, 'utf8');
  await writeFile(file, minify(css, { restructure: false }).css);
}
