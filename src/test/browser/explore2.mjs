import { chromium } from 'playwright-core';
import fs from 'fs';
const dir = fs.mkdtempSync('/tmp/chr-');
const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 }, args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync']});
const page = ctx.pages()[0] ?? await ctx.newPage();
page.on('response', async r => { if (r.url().includes('jolokia') || r.status() >= 400) { let b=''; try { b = (await r.text()).slice(0,300);} catch(e){}; console.log(r.request().method(), r.url(), r.status(), (r.request().postData()||'').slice(0,200), '=>', b); }});
await page.goto(process.argv[2]);
await page.waitForTimeout(6000);
await ctx.close();
