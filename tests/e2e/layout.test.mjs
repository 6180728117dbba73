// The page around the engine (issue 18): what a first-time user saw broken or misleading, each
// checked at a desktop and a phone viewport, in light and dark, English and Simplified Chinese.
// Screenshots land in dist/e2e/ (docs link them).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, afterEval, openPage, setEditor, start } from './harness.mjs';

let env;
const contexts = [];
before(async () => { env = await start(); });
after(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await env?.close();
});

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } };

async function open(viewport, { colorScheme = 'light', lang = 'en' } = {}) {
  const context = await env.browser.newContext({ colorScheme, viewport: VIEWPORTS[viewport], locale: lang });
  contexts.push(context);
  if (lang !== 'en') await context.addInitScript((l) => localStorage.setItem('everynode.lang', l), lang);
  const { page, log } = await openPage(env, { context });
  return { page, log };
}

for (const viewport of Object.keys(VIEWPORTS)) {
  for (const [scheme, lang] of [['light', 'en'], ['dark', 'zh-CN']]) {
    describe(`${viewport}, ${scheme}, ${lang}`, () => {
      test('the results can be reached and read; the Pods editor opens with room to type', async () => {
        const { page, log } = await open(viewport, { colorScheme: scheme, lang });
        const results = page.locator('.right');
        // Scroll the results into view the way a user would (the page or the pane scrolls).
        await page.locator('#placement').scrollIntoViewIfNeeded();
        const box = await results.boundingBox();
        assert.ok(box.height >= 300, `results pane is ${box.height}px tall`);
        const placement = await page.locator('#placement').boundingBox();
        assert.ok(placement.height > 60 && placement.y < VIEWPORTS[viewport].height, `placement card at ${JSON.stringify(placement)}`);
        await page.screenshot({ path: join(ARTIFACTS, `layout-${viewport}-${scheme}-${lang}.png`), fullPage: false });

        await page.locator('details.pods > summary').click();
        const pods = await page.locator('#pods-editor .editor-body').boundingBox();
        assert.ok(pods && pods.height >= 100, `Pods editor body is ${pods?.height}px tall`);
        await setEditor(page, 'pods-editor', 'apiVersion: v1\nkind: List\nitems: []\n');
        assert.equal(await page.locator('#pods-editor-text').inputValue(), 'apiVersion: v1\nkind: List\nitems: []\n');
        assert.deepEqual(log.errors, []);
      });

      test('error and warning marks are drawn (an underline), an error louder than an info', async () => {
        const { page, log } = await open(viewport, { colorScheme: scheme, lang });
        const mark = page.locator('#ds-editor .mark.error').first();
        await mark.waitFor({ state: 'attached' });
        const style = await mark.evaluate((m) => { const s = getComputedStyle(m); return { w: parseFloat(s.borderBottomWidth), st: s.borderBottomStyle }; });
        assert.ok(style.w >= 2 && style.st !== 'none', `error underline ${JSON.stringify(style)}`);
        assert.deepEqual(log.errors, []);
      });
    });
  }
}

describe('messages that told the wrong story', () => {
  test('a DaemonSet that does not decode: placement says it needs one that does, not "no nodes"', async () => {
    const { page, log } = await open('desktop');
    const ds = await page.locator('#ds-editor-text').inputValue();
    await setEditor(page, 'ds-editor', ds.replace(/containerPort: 80\b/, 'containerPort: "80"'));
    const note = await page.locator('#placement-note').innerText();
    assert.match(note, /needs a DaemonSet that decodes/);
    assert.doesNotMatch(note, /No nodes given/);
    assert.deepEqual(log.errors, []);
  });

  test('an invalid DaemonSet shows no green "runs on": the API server rejects it', async () => {
    const { page, log } = await open('desktop');
    // The default example is the broken Traefik (hostPort ≠ containerPort).
    assert.match(await page.locator('#runs-on').innerText(), /would run on \d+\/6 nodes, but the API server rejects this DaemonSet/);
    assert.equal(await page.locator('.bar.blocked').count(), 1);
    await page.selectOption('#preset-ds', 'traefik-fixed');
    await page.waitForFunction(() => /^runs on/.test(document.querySelector('#runs-on')?.textContent ?? ''));
    assert.equal(await page.locator('.bar.blocked').count(), 0);
    assert.deepEqual(log.errors, []);
  });

  test('the summary bar names the verdict in words; Pending nodes are not shown as excluded', async () => {
    const { page, log } = await open('desktop');
    const bar = page.locator('#summary-bar');
    assert.match(await bar.innerText(), /invalid · \d+ errors · \d+ warnings · would run on \d+\/6 nodes/);
    assert.equal(await bar.getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('.right[aria-live]').count(), 0, 'only the summary is live');
    // A node with too little CPU: the pod is created and stays Pending.
    const nodes = await page.locator('#nodes-editor-text').inputValue();
    await setEditor(page, 'nodes-editor', nodes.replace(/cpu: "\d+"/g, 'cpu: 10m'));
    const pending = page.locator('#nodes-table td.runs-cell .pending');
    assert.ok(await pending.count() > 0, 'a Pending node');
    assert.match(await pending.first().innerText(), /Pending/);
    assert.deepEqual(log.errors, []);
  });

  test('picking an example over the user’s own text offers Undo, which puts the text back', async () => {
    const { page, log } = await open('desktop');
    const mine = (await page.locator('#ds-editor-text').inputValue()) + '# my own change\n';
    await setEditor(page, 'ds-editor', mine);
    await afterEval(page, () => page.selectOption('#preset-ds', 'node-exporter'));
    await page.locator('#undo-toast').waitFor();
    await afterEval(page, () => page.click('#undo'));
    assert.equal(await page.locator('#ds-editor-text').inputValue(), mine);
    assert.equal(await page.locator('#undo-toast').count(), 0);
    assert.deepEqual(log.errors, []);
  });

  test('a share link pasted into an open tab loads it', async () => {
    const { page, log } = await open('desktop');
    await page.selectOption('#preset-ds', 'node-exporter');
    await page.waitForFunction(() => document.querySelector('#ds-editor-text')?.value.includes('node-exporter'));
    await page.click('#copy-link');
    const link = await page.locator('#share-out').inputValue();
    const other = await open('desktop');
    await afterEval(other.page, () => other.page.evaluate((h) => { location.hash = h; }, link.slice(link.indexOf('#'))));
    assert.ok((await other.page.locator('#ds-editor-text').inputValue()).includes('node-exporter'));
    assert.equal(await other.page.locator('#preset-ds').inputValue(), 'node-exporter');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(other.log.errors, []);
  });
});

describe('Simplified Chinese', () => {
  test('everynode’s own words are translated; Kubernetes messages stay verbatim; Help shows code, not backticks', async () => {
    const { page, log } = await open('desktop', { lang: 'zh-CN' });
    assert.match(await page.title(), /演练场/);
    assert.equal(await page.locator('#problems li.diag.error .badge').first().innerText(), '错误');
    assert.match(await page.locator('#preset-ds option[value="traefik-broken"]').innerText(), /有错误/);
    assert.match(await page.locator('#problems li.diag[data-code="DS212"] .msg').innerText(), /must match `containerPort` when `hostNetwork` is true/);
    await page.click('#help');
    assert.ok(await page.locator('#help-panel code').count() > 0, 'code spans in Help');
    assert.doesNotMatch(await page.locator('#help-panel').innerText(), /`/);
    assert.deepEqual(log.errors, []);
  });
});

describe('offline and first run', () => {
  test('after the first visit the page works offline (service worker); a favicon and a manifest', async () => {
    const context = await env.browser.newContext({ viewport: VIEWPORTS.desktop });
    contexts.push(context);
    const { page, log } = await openPage(env, { context });
    assert.match(await page.locator('#first-run').innerText(), /kubectl get nodes -o yaml/);
    assert.match(await page.locator('#first-run').innerText(), /kubectl get pods -A -o yaml/);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const manifest = await page.evaluate(() => fetch('manifest.webmanifest').then((r) => r.json()));
    assert.equal(manifest.short_name, 'everynode');
    assert.equal(await page.evaluate(() => fetch('favicon.svg').then((r) => r.status)), 200);
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('#eval-time[data-ms]', { timeout: 30000 });
    assert.match(await page.locator('#runs-on').innerText(), /runs? on \d+\/6 nodes/);
    await context.setOffline(false);
    assert.deepEqual(log.errors, []);
  });
});

