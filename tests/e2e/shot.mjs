import { startServer } from './server.mjs';
import { launch, chartsDrawn, DIST } from './browser.mjs';
const server = await startServer({ root: DIST });
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: process.argv[2] ?? 'light' });
await page.goto(server.url);
await chartsDrawn(page);
await page.screenshot({ path: '/tmp/full.png', fullPage: true });
await browser.close(); await server.close();
