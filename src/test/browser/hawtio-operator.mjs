// What an operator does in Hawtio, driven in Debian's Chromium:
//   1. Camel > routes: reads the names the routes table lists, and saves a screenshot of it;
//   2. Camel > routes > <provider>.token: opens its Route Diagram (screenshot <diagram.png>), then its Source tab
//      and reads the route's XML in the editor;
//   3. JMX > io.authroutes > auth > <provider> > Operations: executes invalidate().
// The browser reaches no host but Hawtio's, as on an operations network without internet: Chromium resolves
// no other name, and every request to another host is aborted and reported.
// Prints {"routes": [...], "diagramNodes": n, "source": "<text in the Source editor>", "invalidate": "<result shown>",
//         "blocked": ["<url of each request to another host>"]}.
//   node hawtio-operator.mjs <hawtio url> <provider> <screenshot.png> <diagram.png>
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [hawtio, provider, screenshot, diagram] = process.argv.slice(2);
if (!hawtio || !provider || !screenshot || !diagram) {
  console.error('usage: node hawtio-operator.mjs <hawtio url> <provider> <screenshot.png> <diagram.png>');
  process.exit(2);
}

// run as root in a closed network: no sandbox, no background connections to Google
const profile = mkdtempSync(join(tmpdir(), 'authroutes-chromium-'));
const app = new URL(hawtio);
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync',
         `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${app.hostname}`],
});
const blocked = [];
// only requests to other hosts are intercepted: the app's own go straight through
await browser.route(url => url.host !== app.host && url.protocol.startsWith('http'), route => {
  blocked.push(route.request().url());
  return route.abort('blockedbyclient');
});
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  page.setDefaultTimeout(30_000);
  // on failure the Java side shows stderr: what the page reported, and what it could not load
  page.on('console', message => message.type() === 'error' && console.error(`console: ${message.text()}`));
  page.on('requestfailed', request => console.error(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', response => response.status() >= 400 && console.error(`HTTP ${response.status()}: ${response.url()}`));

  await page.goto(new URL('camel', hawtio).href);
  await page.getByText('routes', { exact: true }).first().click();
  const table = page.locator('table').filter({ has: page.getByRole('columnheader', { name: 'Name' }) });
  await table.locator('tbody tr').first().waitFor();
  const routes = (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map(name => name.trim());
  await page.screenshot({ path: screenshot });

  await page.getByRole('treeitem').filter({ hasText: new RegExp(`^${provider}\\.token$`) }).first().click();
  await page.getByText('Route Diagram', { exact: true }).click();
  const nodes = page.locator('.react-flow__node');
  await nodes.first().waitFor();
  await page.waitForLoadState('networkidle');
  const diagramNodes = await nodes.count();
  await page.screenshot({ path: diagram });
  await page.getByText('Source', { exact: true }).click();
  // the editor (Monaco) is served by the app: its lines appear only once it has loaded
  const lines = page.locator('.pf-v5-c-code-editor .monaco-editor .view-lines');
  await lines.filter({ hasText: /\S/ }).first().waitFor();
  const source = await lines.first().innerText();

  await page.goto(new URL('jmx', hawtio).href);
  await page.getByText('Expand all').click();
  // io.authroutes comes before org.apache.camel in the tree, whose routes bear the same names
  await page.getByText(provider, { exact: true }).first().click();
  await page.getByText(`io.authroutes:type=auth,name=${provider}`).waitFor();
  await page.getByText('Operations', { exact: true }).click();
  const operation = page.locator('li').filter({ hasText: 'invalidate()' }).first();
  await operation.locator('button').first().click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  const result = operation.getByText(/Token dropped|forbidden|rror/);
  await result.waitFor();

  process.stdout.write(JSON.stringify({ routes, diagramNodes, source, invalidate: (await result.innerText()).trim(), blocked }) + '\n');
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
