// What an operator does in Hawtio, driven in Debian's Chromium:
//   1. Camel > routes: reads the names the routes table lists, and saves a screenshot of it;
//   2. Camel > routes > <provider>.token: opens its Route Diagram (screenshot <diagram.png>), then its Source editor;
//   3. JMX > io.authroutes > auth > <provider> > Operations: executes invalidate().
// Prints {"routes": [...], "diagramNodes": n, "source": <source editors shown>, "invalidate": "<result shown>"}.
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
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  page.setDefaultTimeout(30_000);

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
  // Hawtio's code editor fetches Monaco from cdn.jsdelivr.net: offline (as here) it shows "Loading..." inside
  // the editor, so the spec stops at the editor; the XML it would show is RouteDumpsTest's
  await page.locator('.pf-v5-c-code-editor').waitFor();
  const source = await page.locator('.pf-v5-c-code-editor').count();

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

  console.log(JSON.stringify({ routes, diagramNodes, source, invalidate: (await result.innerText()).trim() }));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
