// Shared set-up: the static server, Debian's chromium, and a page that records every request
// and console error. Never downloads a browser.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const SITE = process.env.EVERYNODE_SITE ?? join(ROOT, 'dist', 'www');
export const ARTIFACTS = process.env.EVERYNODE_ARTIFACTS ?? join(ROOT, 'dist', 'e2e');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function start() {
  if (!existsSync(join(SITE, 'index.html'))) throw new Error(`${SITE} has no index.html: run scripts/build-web.sh first`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve(SITE);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return { server, browser, async close() { await browser.close(); await server.close(); } };
}

/** A fresh context + page; `log.requests` holds every URL, `log.errors` console errors and page errors. */
export async function openPage(env, { hash = '', colorScheme = 'light', context: existing } = {}) {
  const context = existing ?? await env.browser.newContext({ colorScheme, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const log = { requests: [], external: [], errors: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    log.requests.push(url);
    const u = new URL(url);
    if (u.protocol === 'data:' || u.hostname === '127.0.0.1') return route.continue();
    log.external.push(url);
    return route.abort();
  });
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  await page.goto(env.server.url + hash);
  await page.waitForSelector('#eval-time[data-ms]', { timeout: 30000 });
  return { page, context, log };
}

/** The revision of the last evaluation shown (see `#eval-time[data-rev]`). */
export async function rev(page) {
  return Number(await page.locator('#eval-time').getAttribute('data-rev') ?? -1);
}

/** Run `action`, then wait until an evaluation newer than the one before has landed. */
export async function afterEval(page, action) {
  const before = await rev(page);
  await action();
  await page.waitForFunction((b) => {
    const t = document.querySelector('#eval-time');
    return t && t.hasAttribute('data-ms') && Number(t.getAttribute('data-rev')) > b;
  }, before, { timeout: 60000 });
}

export async function setEditor(page, id, text) {
  await afterEval(page, () => page.locator(`#${id}-text`).fill(text));
}

export async function pick(page, select, value) {
  await afterEval(page, () => page.selectOption(select, value));
}
