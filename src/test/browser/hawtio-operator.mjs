// What an operator does in Hawtio, driven in Debian's Chromium:
//   1. Camel > routes: reads the names the routes table lists, and saves a screenshot of it;
//   2. JMX > io.authroutes > auth > <provider> > Operations: executes invalidate().
// Prints {"routes": [...], "invalidate": "<result shown>"} on stdout.
//   node hawtio-operator.mjs <hawtio url> <provider> <screenshot.png>
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [hawtio, provider, screenshot] = process.argv.slice(2);
if (!hawtio || !provider || !screenshot) {
  console.error('usage: node hawtio-operator.mjs <hawtio url> <provider> <screenshot.png>');
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

  console.log(JSON.stringify({ routes, invalidate: (await result.innerText()).trim() }));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
